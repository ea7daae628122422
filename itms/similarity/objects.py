from itms.core.menu import add_menu_item
from itms.core.registry import register

from . import filtersets, forms, tables
from .models import SynonymGroup
from .serializers import SynonymGroupSerializer

register(
    SynonymGroup,
    table=tables.SynonymGroupTable,
    filterset=filtersets.SynonymGroupFilterSet,
    form=forms.SynonymGroupForm,
    serializer=SynonymGroupSerializer,
    menu=("admin", "동의어·약어"),
)
add_menu_item("planning", "중복 검토 (무엇이 이미 있나)", "similarity:search", "similarity.view_indexentry")

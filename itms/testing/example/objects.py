import django_filters
import django_tables2 as tables

from itms.core.filtersets import ItmsFilterSet
from itms.core.forms import ItmsModelForm
from itms.core.registry import register
from itms.core.tables import ItmsTable, MoneyColumn

from .models import ExampleRequest


class ExampleRequestTable(ItmsTable):
    title = tables.Column(linkify=True)
    amount = MoneyColumn()

    class Meta(ItmsTable.Meta):
        model = ExampleRequest
        fields = ("title", "unit", "amount", "state")


class ExampleRequestFilterSet(ItmsFilterSet):
    search_fields = ("title",)
    state = django_filters.CharFilter()

    class Meta:
        model = ExampleRequest
        fields = ("q", "unit", "state")


class ExampleRequestForm(ItmsModelForm):
    class Meta:
        model = ExampleRequest
        fields = ("title", "unit", "amount", "evaluation_date")


register(
    ExampleRequest,
    table=ExampleRequestTable,
    filterset=ExampleRequestFilterSet,
    form=ExampleRequestForm,
    menu=None,
    select_related=("unit",),
)

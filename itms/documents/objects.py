import django_tables2 as tables

from itms.core.filtersets import ItmsFilterSet
from itms.core.registry import register
from itms.core.serializers import ItmsModelSerializer
from itms.core.tables import ItmsTable

from .models import Document


class DocumentTable(ItmsTable):
    title = tables.Column(linkify=True)
    project = tables.Column(linkify=True)
    updated_at = tables.DateTimeColumn(format="Y. n. j. H:i", verbose_name="최근 등록")

    class Meta(ItmsTable.Meta):
        model = Document
        fields = ("title", "kind", "project", "updated_at")


class DocumentFilterSet(ItmsFilterSet):
    search_fields = ("title", "project__name")

    class Meta:
        model = Document
        fields = ("q", "kind", "project")


class DocumentSerializer(ItmsModelSerializer):
    class Meta:
        model = Document
        fields = ("id", "display", "url", "title", "kind", "project", "subject_type", "subject_id", "updated_at")


register(
    Document,
    table=DocumentTable,
    filterset=DocumentFilterSet,
    serializer=DocumentSerializer,
    menu=("resources", "문서 등록부"),
    select_related=("project",),
    can_add=False,
    can_edit=False,
    can_delete=False,
    detail_fields=["title", "kind", "project", "subject_type", "subject_id"],
    detail_template="documents/document_detail.html",
)

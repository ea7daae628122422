import django_tables2 as tables

from itms.core.tables import BooleanColumn, ItmsTable

from .models import SynonymGroup


class SynonymGroupTable(ItmsTable):
    term = tables.Column(linkify=True)
    is_active = BooleanColumn()

    class Meta(ItmsTable.Meta):
        model = SynonymGroup
        fields = ("term", "variants", "note", "is_active")

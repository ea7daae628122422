import django_tables2 as tables

from itms.core.tables import ItmsTable

from .models import LegalEvent


class LegalEventTable(ItmsTable):
    seq = tables.Column(linkify=lambda record: record.get_absolute_url())
    occurred_at = tables.DateTimeColumn(format="Y. n. j. H:i:s")

    class Meta(ItmsTable.Meta):
        model = LegalEvent
        fields = ("seq", "occurred_at", "kind", "actor_name", "subject_repr", "summary", "clause_ids", "pack_version")

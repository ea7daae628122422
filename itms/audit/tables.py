import django_tables2 as tables

from itms.core.tables import ItmsTable
from itms.core.templatetags.itms import clauses

from .models import LegalEvent


class LegalEventTable(ItmsTable):
    seq = tables.Column(linkify=lambda record: record.get_absolute_url())
    # To the second: the chain's order is the order of the acts.
    occurred_at = tables.DateTimeColumn(format="Y. n. j.(D) H:i:s")
    clause_ids = tables.Column(verbose_name="근거 조항")

    def render_clause_ids(self, value):
        return clauses(list(value or []))

    def value_clause_ids(self, value):
        from itms.regulation.clauses import label

        return ", ".join(label(c) for c in value or [])  # exports: 제8조제5항, 제8조제6항

    class Meta(ItmsTable.Meta):
        model = LegalEvent
        fields = ("seq", "occurred_at", "kind", "actor_name", "subject_repr", "summary", "clause_ids", "pack_version")

import django_filters

from itms.core.filtersets import ItmsFilterSet

from .models import LegalEvent


class LegalEventFilterSet(ItmsFilterSet):
    search_fields = ("summary", "subject_repr", "actor_name")
    occurred_after = django_filters.DateFilter(field_name="occurred_at", lookup_expr="date__gte", label="발생일 이후")
    occurred_before = django_filters.DateFilter(field_name="occurred_at", lookup_expr="date__lte", label="발생일 이전")

    class Meta:
        model = LegalEvent
        fields = ("q", "kind", "occurred_after", "occurred_before")

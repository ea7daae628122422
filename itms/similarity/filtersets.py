from itms.core.filtersets import ItmsFilterSet

from .models import SynonymGroup


class SynonymGroupFilterSet(ItmsFilterSet):
    search_fields = ("term", "variants", "note")

    class Meta:
        model = SynonymGroup
        fields = ("q", "is_active")

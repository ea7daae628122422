import django_filters

from itms.core.filtersets import ItmsFilterSet

from .models import Body, CIORequest, Meeting, Membership, Minutes, Resolution


class BodyFilterSet(ItmsFilterSet):
    search_fields = ("name", "scope")

    class Meta:
        model = Body
        fields = ("q", "kind", "is_active")


class MembershipFilterSet(ItmsFilterSet):
    search_fields = ("user__name", "position__title", "body__name")

    class Meta:
        model = Membership
        fields = ("q", "body", "basis", "is_external")


class MeetingFilterSet(ItmsFilterSet):
    search_fields = ("title", "body__name", "place")
    after = django_filters.DateFilter(field_name="scheduled_at", lookup_expr="date__gte", label="개최일 이후")
    before = django_filters.DateFilter(field_name="scheduled_at", lookup_expr="date__lte", label="개최일 이전")

    class Meta:
        model = Meeting
        fields = ("q", "body", "mode", "state", "agenda_distribution_late", "after", "before")


class ResolutionFilterSet(ItmsFilterSet):
    search_fields = ("item__title", "remarks")

    class Meta:
        model = Resolution
        fields = ("q", "outcome", "effect", "item__meeting__body")


class MinutesFilterSet(ItmsFilterSet):
    search_fields = ("meeting__title",)

    class Meta:
        model = Minutes
        fields = ("q", "state", "meeting__body")


class CIORequestFilterSet(ItmsFilterSet):
    search_fields = ("title", "content")

    class Meta:
        model = CIORequest
        fields = ("q",)

from rest_framework import serializers

from itms.core.serializers import ItmsModelSerializer

from ..models import Body, CIORequest, Meeting, Membership, Minutes, Resolution


class BodySerializer(ItmsModelSerializer):
    class Meta:
        model = Body
        fields = (
            "id",
            "display",
            "url",
            "kind",
            "name",
            "scope",
            "parent",
            "chair_position",
            "secretary_position",
            "formed_on",
            "is_active",
        )


class MembershipSerializer(ItmsModelSerializer):
    class Meta:
        model = Membership
        fields = (
            "id",
            "display",
            "url",
            "body",
            "basis",
            "position",
            "user",
            "is_chair",
            "is_external",
            "start_date",
            "end_date",
            "note",
        )


class MeetingSerializer(ItmsModelSerializer):
    class Meta:
        model = Meeting
        fields = (
            "id",
            "display",
            "url",
            "body",
            "number",
            "title",
            "mode",
            "scheduled_at",
            "place",
            "state",
            "convened_by",
            "recorded_by",
            "on_members_request",
            "convening_demand",
            "request_note",
            "agenda_distributed_at",
            "agenda_distribution_late",
            "agenda_late_reason",
            "written_reason",
            "voting_closes_at",
            "opened_at",
            "early_open_reason",
            "closed_at",
        )


class ResolutionSerializer(ItmsModelSerializer):
    item_title = serializers.CharField(source="item.title", read_only=True, label="안건명")

    class Meta:
        model = Resolution
        fields = (
            "id",
            "display",
            "url",
            "item",
            "item_title",
            "outcome",
            "effect",
            "priority_rank",
            "adjusted_budget",
            "remarks",
            "tally",
            "explanation",
            "pack_version",
            "decided_at",
        )


class MinutesSerializer(ItmsModelSerializer):
    class Meta:
        model = Minutes
        fields = ("id", "display", "url", "meeting", "state", "sha256", "confirmed_by", "confirmed_at", "locked_at")


class CIORequestSerializer(ItmsModelSerializer):
    class Meta:
        model = CIORequest
        fields = ("id", "display", "url", "title", "content", "due_date", "requested_by", "requested_at")

"""Serializers of the regulation record types (the generic viewsets serve them)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from itms.core.serializers import ItmsModelSerializer

from ..models import CalendarException, Obligation, Parameter, RulePack
from ..models.parameters import display_value
from ..tables import StatusClock, clause_labels


class ObligationSerializer(ItmsModelSerializer):
    display_status = serializers.SerializerMethodField(label="표시 상태")
    display_status_label = serializers.SerializerMethodField(label="표시 상태명")
    clauses = serializers.SerializerMethodField(label="근거 조항명")
    owed_by = serializers.SerializerMethodField(label="의무자")

    class Meta:
        model = Obligation
        fields = (
            "id",
            "display",
            "url",
            "kind",
            "title",
            "status",
            "display_status",
            "display_status_label",
            "clause_ids",
            "clauses",
            "subject_type",
            "subject_id",
            "subject_repr",
            "owed_by",
            "owed_by_unit",
            "owed_by_role",
            "owed_by_user",
            "owed_to_unit",
            "owed_to_role",
            "start_date",
            "due_date",
            "due_explanation",
            "computation",
            "pack_version",
            "opened_at",
            "closed_at",
            "close_note",
        )
        read_only_fields = fields

    def _clock(self) -> StatusClock:
        # One rule-pack reading per response, not per row.
        if not hasattr(self, "_status_clock"):
            root = self.root
            if not hasattr(root, "_status_clock"):
                root._status_clock = StatusClock.now()
            self._status_clock = root._status_clock
        return self._status_clock

    def get_display_status(self, obj) -> str:
        return self._clock().status(obj).value

    def get_display_status_label(self, obj) -> str:
        return self._clock().status(obj).label

    def get_clauses(self, obj) -> str:
        return clause_labels(obj.clause_ids)

    def get_owed_by(self, obj) -> str:
        return obj.owed_by_label


class RulePackSerializer(ItmsModelSerializer):
    class Meta:
        model = RulePack
        fields = ("id", "display", "url", "number", "title", "issued_on", "effective_from", "repealed_on", "amendments")
        read_only_fields = fields


class ParameterSerializer(ItmsModelSerializer):
    current_value = serializers.SerializerMethodField(label="현재 값")
    current_display = serializers.SerializerMethodField(label="현재 값 표시")
    values = serializers.SerializerMethodField(label="값 이력")

    class Meta:
        model = Parameter
        fields = (
            "id",
            "display",
            "url",
            "pack",
            "key",
            "name",
            "unit",
            "current_value",
            "current_display",
            "clause_ids",
            "description",
            "source",
            "confidence",
            "choices",
            "values",
        )
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.ANY)  # a number, a date (MM-DD), a ratio, a choice or a table
    def get_current_value(self, obj):
        value = obj.current_value
        return value.value if value else None

    def get_current_display(self, obj) -> str:
        value = obj.current_value
        return display_value(obj.unit, value.value if value else None)

    def get_values(self, obj) -> list[dict]:
        return [
            {"value": v.value, "effective_from": v.effective_from, "reason": v.reason, "changed_by": v.changed_by_id}
            for v in sorted(obj.values.all(), key=lambda v: (v.effective_from, v.pk))
        ]


class CalendarExceptionSerializer(ItmsModelSerializer):
    class Meta:
        model = CalendarException
        fields = ("id", "display", "url", "date", "kind", "name", "reason")

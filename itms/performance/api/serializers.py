from itms.core.serializers import ItmsModelSerializer

from ..models import (
    CostYear,
    DiagnosisFramework,
    DiagnosisIndicator,
    DiagnosisRound,
    DiagnosisScore,
    FunctionUsage,
    MaintenancePlan,
    MeasurementRound,
    MeasurementTarget,
    PerformanceIndicator,
)

BASE = ("id", "display", "url")


class MeasurementRoundSerializer(ItmsModelSerializer):
    class Meta:
        model = MeasurementRound
        fields = (*BASE, "year", "state", "criteria", "confirmed_at", "closed_at", "note")


class MeasurementTargetSerializer(ItmsModelSerializer):
    class Meta:
        model = MeasurementTarget
        fields = (
            *BASE,
            "round",
            "system",
            "included",
            "exclusion_reason",
            "years_in_operation",
            "state",
            "computation",
            "total",
            "band",
            "exceptions",
            "triggers",
            "outcome",
            "reasons",
            "decided_at",
            "follow_up_project",
        )


class CostYearSerializer(ItmsModelSerializer):
    class Meta:
        model = CostYear
        fields = (
            *BASE,
            "target",
            "year",
            "development_cost",
            "maintenance_cost",
            "operating_cost",
            "usage_scale",
            "usage_unit",
            "source",
        )


class FunctionUsageSerializer(ItmsModelSerializer):
    class Meta:
        model = FunctionUsage
        fields = (*BASE, "target", "function", "name", "weight", "usage_previous", "usage_current", "source")


class PerformanceIndicatorSerializer(ItmsModelSerializer):
    class Meta:
        model = PerformanceIndicator
        fields = (*BASE, "target", "kind", "name", "unit", "goal", "result", "source")


class MaintenancePlanSerializer(ItmsModelSerializer):
    class Meta:
        model = MaintenancePlan
        fields = (
            *BASE,
            "target",
            "state",
            "user_inconvenience",
            "data_migration",
            "service_continuity",
            "schedule",
            "due_on",
            "completed_on",
        )


class DiagnosisFrameworkSerializer(ItmsModelSerializer):
    class Meta:
        model = DiagnosisFramework
        fields = (*BASE, "year", "title", "source")


class DiagnosisIndicatorSerializer(ItmsModelSerializer):
    class Meta:
        model = DiagnosisIndicator
        fields = (*BASE, "framework", "area", "code", "name", "weight", "responsible_unit", "description")


class DiagnosisRoundSerializer(ItmsModelSerializer):
    class Meta:
        model = DiagnosisRound
        fields = (*BASE, "framework", "state", "started_at", "closed_at", "result_note")


class DiagnosisScoreSerializer(ItmsModelSerializer):
    class Meta:
        model = DiagnosisScore
        fields = (*BASE, "round", "indicator", "state", "score", "evidence", "submitted_at")

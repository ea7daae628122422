import django_filters

from itms.core.filtersets import ItmsFilterSet

from .models import (
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


def _targets():
    """Target choices are named "<year>년 <system>": read with their round and system (one query)."""
    return django_filters.ModelChoiceFilter(
        queryset=MeasurementTarget.objects.select_related("round", "system"), label="측정 대상"
    )


class MeasurementRoundFilterSet(ItmsFilterSet):
    search_fields = ("note",)

    class Meta:
        model = MeasurementRound
        fields = ("q", "year", "state")


class MeasurementTargetFilterSet(ItmsFilterSet):
    search_fields = ("system__name", "system__code")

    class Meta:
        model = MeasurementTarget
        fields = ("q", "round", "system", "included", "state", "band", "outcome")


class CostYearFilterSet(ItmsFilterSet):
    target = _targets()
    search_fields = ("source",)

    class Meta:
        model = CostYear
        fields = ("q", "target", "year")


class FunctionUsageFilterSet(ItmsFilterSet):
    target = _targets()
    search_fields = ("name",)

    class Meta:
        model = FunctionUsage
        fields = ("q", "target")


class PerformanceIndicatorFilterSet(ItmsFilterSet):
    target = _targets()
    search_fields = ("name",)

    class Meta:
        model = PerformanceIndicator
        fields = ("q", "target", "kind")


class MaintenancePlanFilterSet(ItmsFilterSet):
    search_fields = ("schedule",)

    class Meta:
        model = MaintenancePlan
        fields = ("q", "state")


class DiagnosisFrameworkFilterSet(ItmsFilterSet):
    search_fields = ("title",)

    class Meta:
        model = DiagnosisFramework
        fields = ("q", "year")


class DiagnosisIndicatorFilterSet(ItmsFilterSet):
    search_fields = ("name", "area", "code")

    class Meta:
        model = DiagnosisIndicator
        fields = ("q", "framework", "area", "responsible_unit")


class DiagnosisRoundFilterSet(ItmsFilterSet):
    search_fields = ("result_note",)

    class Meta:
        model = DiagnosisRound
        fields = ("q", "state")


class DiagnosisScoreFilterSet(ItmsFilterSet):
    round = django_filters.ModelChoiceFilter(
        queryset=DiagnosisRound.objects.select_related("framework"), label="수준진단"
    )
    search_fields = ("evidence",)

    class Meta:
        model = DiagnosisScore
        fields = ("q", "round", "state")

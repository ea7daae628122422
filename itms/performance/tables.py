import django_tables2 as tables

from itms.core.tables import BooleanColumn, DateColumn, ItmsTable, MoneyColumn

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


class MeasurementRoundTable(ItmsTable):
    year = tables.Column(linkify=True)

    class Meta(ItmsTable.Meta):
        model = MeasurementRound
        fields = ("year", "state", "confirmed_at", "closed_at")


class MeasurementTargetTable(ItmsTable):
    system = tables.Column(linkify=True)
    round = tables.Column(linkify=True)
    state = tables.Column(linkify=lambda record: record.get_absolute_url())
    included = BooleanColumn()

    class Meta(ItmsTable.Meta):
        model = MeasurementTarget
        fields = ("round", "system", "included", "years_in_operation", "state", "total", "band", "outcome")


class CostYearTable(ItmsTable):
    target = tables.Column(linkify=True)
    year = tables.Column(linkify=True)
    development_cost = MoneyColumn()
    maintenance_cost = MoneyColumn()
    operating_cost = MoneyColumn()

    class Meta(ItmsTable.Meta):
        model = CostYear
        fields = (
            "target",
            "year",
            "development_cost",
            "maintenance_cost",
            "operating_cost",
            "usage_scale",
            "usage_unit",
            "source",
        )


class FunctionUsageTable(ItmsTable):
    name = tables.Column(linkify=True)
    target = tables.Column(linkify=True)

    class Meta(ItmsTable.Meta):
        model = FunctionUsage
        fields = ("name", "target", "weight", "usage_previous", "usage_current", "source")


class PerformanceIndicatorTable(ItmsTable):
    name = tables.Column(linkify=True)
    target = tables.Column(linkify=True)

    class Meta(ItmsTable.Meta):
        model = PerformanceIndicator
        fields = ("name", "target", "kind", "unit", "goal", "result", "source")


class MaintenancePlanTable(ItmsTable):
    target = tables.Column(linkify=True)
    due_on = DateColumn()
    completed_on = DateColumn()

    class Meta(ItmsTable.Meta):
        model = MaintenancePlan
        fields = ("target", "state", "due_on", "completed_on")


class DiagnosisFrameworkTable(ItmsTable):
    year = tables.Column(linkify=True)

    class Meta(ItmsTable.Meta):
        model = DiagnosisFramework
        fields = ("year", "title", "source")


class DiagnosisIndicatorTable(ItmsTable):
    name = tables.Column(linkify=True)
    framework = tables.Column(linkify=True)

    class Meta(ItmsTable.Meta):
        model = DiagnosisIndicator
        fields = ("framework", "area", "code", "name", "weight", "responsible_unit")


class DiagnosisRoundTable(ItmsTable):
    framework = tables.Column(linkify=True)

    class Meta(ItmsTable.Meta):
        model = DiagnosisRound
        fields = ("framework", "state", "started_at", "closed_at")


class DiagnosisScoreTable(ItmsTable):
    indicator = tables.Column(linkify=lambda record: record.get_absolute_url())
    round = tables.Column(linkify=True)

    class Meta(ItmsTable.Meta):
        model = DiagnosisScore
        fields = ("round", "indicator", "state", "score", "submitted_at")

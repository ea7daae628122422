from itms.core.display import HIDDEN_FIELDS
from itms.core.menu import add_menu_item
from itms.core.registry import Condition, register, views_context

from . import filtersets as fs
from . import forms, tables
from .api import serializers as s
from .choices import DiagnosisState, PlanState, RoundState, ScoreState, TargetState
from .error_codes import PerformanceErrors as E
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


def _context(name):
    return views_context(__package__, name)


MENU = "performance"
# The stored computation is the formulas card beside the fields, the exceptions and triggers are named with their
# labels in the decision card: none of them is a field to read as raw data (seen in the browser journey).
TARGET_FIELDS = [
    f.name
    for f in MeasurementTarget._meta.get_fields()
    if f.concrete and not f.auto_created and f.name not in HIDDEN_FIELDS | {"computation", "exceptions", "triggers"}
]
ROUND_PROPOSED = Condition(lambda t: t.round.state == RoundState.PROPOSED, E.ROUND_STATE)
DATA_OPEN = Condition(lambda row: row.target.state == TargetState.REQUESTED, E.DATA_STATE)
PLAN_OPEN = Condition(lambda p: p.state != PlanState.COMPLETED, E.DATA_STATE)
FRAMEWORK_OPEN = Condition(
    lambda f: not DiagnosisRound.objects.filter(framework=f).exclude(state=DiagnosisState.DRAFT).exists(),
    E.FRAMEWORK_LOCKED,
)
INDICATOR_OPEN = Condition(lambda i: FRAMEWORK_OPEN.check(i.framework), E.FRAMEWORK_LOCKED)
SCORE_OPEN = Condition(
    lambda sc: sc.state == ScoreState.PENDING and sc.round.state == DiagnosisState.COLLECTING, E.SCORE_STATE
)

register(
    MeasurementRound,
    table=tables.MeasurementRoundTable,
    filterset=fs.MeasurementRoundFilterSet,
    form=forms.MeasurementRoundForm,
    serializer=s.MeasurementRoundSerializer,
    menu=(MENU, "운영 성과측정"),
    can_add=False,
    can_delete=False,
    detail_template="performance/round_detail.html",
    detail_context=_context("round_context"),
)
register(
    MeasurementTarget,
    documents=True,
    table=tables.MeasurementTargetTable,
    filterset=fs.MeasurementTargetFilterSet,
    form=forms.MeasurementTargetForm,
    serializer=s.MeasurementTargetSerializer,
    menu=(MENU, "측정 대상 시스템"),
    select_related=("round", "system"),
    # A target a year per system: the cost, usage and indicator lists filter by it with a search box, not a select
    # of every target of every year (≈ 1,700 options at scale 1.0: half a second a page).
    search_choices=True,
    can_add=False,
    can_delete=False,
    conditions={"change": ROUND_PROPOSED},
    detail_fields=TARGET_FIELDS,
    detail_template="performance/target_detail.html",
    detail_context=_context("target_context"),
)
for model, table, filterset, form, serializer in (
    (CostYear, tables.CostYearTable, fs.CostYearFilterSet, forms.CostYearForm, s.CostYearSerializer),
    (
        FunctionUsage,
        tables.FunctionUsageTable,
        fs.FunctionUsageFilterSet,
        forms.FunctionUsageForm,
        s.FunctionUsageSerializer,
    ),
    (
        PerformanceIndicator,
        tables.PerformanceIndicatorTable,
        fs.PerformanceIndicatorFilterSet,
        forms.PerformanceIndicatorForm,
        s.PerformanceIndicatorSerializer,
    ),
):
    register(
        model,
        table=table,
        filterset=filterset,
        form=form,
        serializer=serializer,
        select_related=("target__round", "target__system"),
        fixed_after_create=("target",),
        conditions={"change": DATA_OPEN, "delete": DATA_OPEN},
    )
register(
    MaintenancePlan,
    documents=True,
    table=tables.MaintenancePlanTable,
    filterset=fs.MaintenancePlanFilterSet,
    form=forms.MaintenancePlanForm,
    serializer=s.MaintenancePlanSerializer,
    menu=(MENU, "정비계획"),
    select_related=("target__round", "target__system"),
    can_add=False,
    can_delete=False,
    conditions={"change": PLAN_OPEN},
)
register(
    DiagnosisFramework,
    table=tables.DiagnosisFrameworkTable,
    filterset=fs.DiagnosisFrameworkFilterSet,
    form=forms.DiagnosisFrameworkForm,
    serializer=s.DiagnosisFrameworkSerializer,
    menu=(MENU, "수준진단 지표체계"),
    conditions={"change": FRAMEWORK_OPEN, "delete": FRAMEWORK_OPEN},
    related=[("지표", "indicators", tables.DiagnosisIndicatorTable)],
)
register(
    DiagnosisIndicator,
    table=tables.DiagnosisIndicatorTable,
    filterset=fs.DiagnosisIndicatorFilterSet,
    form=forms.DiagnosisIndicatorForm,
    serializer=s.DiagnosisIndicatorSerializer,
    select_related=("framework", "responsible_unit"),
    fixed_after_create=("framework",),
    conditions={"change": INDICATOR_OPEN, "delete": INDICATOR_OPEN},
)
register(
    DiagnosisRound,
    table=tables.DiagnosisRoundTable,
    filterset=fs.DiagnosisRoundFilterSet,
    form=forms.DiagnosisRoundForm,
    serializer=s.DiagnosisRoundSerializer,
    menu=(MENU, "성과관리 수준진단"),
    select_related=("framework",),
    fixed_after_create=("framework",),
    can_delete=False,
    detail_template="performance/diagnosis_detail.html",
    detail_context=_context("diagnosis_context"),
)
register(
    DiagnosisScore,
    documents=True,
    table=tables.DiagnosisScoreTable,
    filterset=fs.DiagnosisScoreFilterSet,
    form=forms.DiagnosisScoreForm,
    serializer=s.DiagnosisScoreSerializer,
    menu=(MENU, "수준진단 자체점검"),
    select_related=("round__framework", "indicator"),
    can_add=False,
    can_delete=False,
    conditions={"change": SCORE_OPEN},
)
add_menu_item(MENU, "성과관리 현황", "performance:dashboard", "performance.view_measurementtarget")

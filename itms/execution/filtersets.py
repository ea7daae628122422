from itms.core.filtersets import ItmsFilterSet

from .models import (
    AcceptanceTest,
    AuditFinding,
    AuditStage,
    ChangeRequest,
    Contract,
    ContractVersion,
    Defect,
    Deliverable,
    DeliverableType,
    ExecutionPlan,
    InspectionItem,
    InspectionRound,
    Issue,
    PlanReviewItem,
    ProgressReport,
    Requirement,
    SecurityDiagnosis,
    SecurityFinding,
    SystemAudit,
    TestCase,
    TestRun,
    Training,
    TrainingAttendance,
    Weakness,
    WeaknessCatalog,
    WorkPackage,
)


def _filterset(model, search, fields):
    meta = type("Meta", (), {"model": model, "fields": ("q", *fields)})
    return type(f"{model.__name__}FilterSet", (ItmsFilterSet,), {"Meta": meta, "search_fields": search})


ContractFilterSet = _filterset(
    Contract, ("title", "number", "project__name"), ("project", "company", "state", "is_multi_year")
)
ContractVersionFilterSet = _filterset(ContractVersion, ("reason", "contract__title"), ("contract",))
ExecutionPlanFilterSet = _filterset(ExecutionPlan, ("contract__title", "contract__project__name"), ("state",))
PlanReviewItemFilterSet = _filterset(PlanReviewItem, ("comment",), ("plan__contract", "aspect", "basis", "verdict"))
WorkPackageFilterSet = _filterset(WorkPackage, ("code", "name"), ("contract", "is_milestone"))
ProgressReportFilterSet = _filterset(ProgressReport, ("summary", "problems"), ("contract", "kind"))
IssueFilterSet = _filterset(Issue, ("title", "description"), ("contract", "severity"))
DeliverableTypeFilterSet = _filterset(DeliverableType, ("code", "name"), ("phase", "required_default", "is_final"))
DeliverableFilterSet = _filterset(Deliverable, ("title",), ("contract", "type__phase", "state", "required", "is_final"))
TrainingFilterSet = _filterset(Training, ("title", "topics"), ("audience",))
TrainingAttendanceFilterSet = _filterset(
    TrainingAttendance, ("user__name", "training__title"), ("training", "attended")
)
WeaknessCatalogFilterSet = _filterset(WeaknessCatalog, ("title", "edition"), ("is_current",))
WeaknessFilterSet = _filterset(Weakness, ("name", "category"), ("catalog", "phase"))
SecurityDiagnosisFilterSet = _filterset(SecurityDiagnosis, ("tool", "summary"), ("contract", "phase"))
SecurityFindingFilterSet = _filterset(
    SecurityFinding, ("weakness__name", "location"), ("diagnosis__contract", "severity")
)
RequirementFilterSet = _filterset(
    Requirement, ("code", "title", "design_refs"), ("contract", "category", "source", "is_active")
)
TestCaseFilterSet = _filterset(TestCase, ("code", "title"), ("contract", "level", "result"))
TestRunFilterSet = _filterset(TestRun, ("summary",), ("contract", "kind", "passed"))
AcceptanceTestFilterSet = _filterset(AcceptanceTest, ("scope", "contract__title"), ("contract", "it_unit", "state"))
SystemAuditFilterSet = _filterset(SystemAudit, ("contract__title", "explanation"), ("mandatory", "mode"))
AuditStageFilterSet = _filterset(AuditStage, ("audit__contract__title",), ("audit__contract", "kind"))
AuditFindingFilterSet = _filterset(AuditFinding, ("title", "description"), ("stage__audit__contract", "severity"))
ChangeRequestFilterSet = _filterset(
    ChangeRequest, ("title", "reason"), ("contract", "state", "requested_by_contractor")
)
InspectionRoundFilterSet = _filterset(InspectionRound, ("contract__title", "remarks"), ("contract", "outcome"))
InspectionItemFilterSet = _filterset(InspectionItem, ("reference", "note"), ("inspection__contract", "kind", "verdict"))
DefectFilterSet = _filterset(Defect, ("title", "description"), ("contract", "kind", "severity"))

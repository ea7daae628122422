from itms.core.menu import add_menu_item
from itms.core.registry import Condition, register, views_context

from . import filtersets as fs
from . import forms, tables
from .api import serializers as s
from .choices import ChangeState, ContractState, DeliverableState, InspectionOutcome, PlanState
from .error_codes import ExecutionErrors as E
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


def _context(name):
    return views_context(__package__, name)


def _running(path):
    """The record's contract is still being carried out (its plan, WBS, tests …): a finished one is a record."""

    def check(record) -> bool:
        contract = record
        for part in path:
            contract = getattr(contract, part)
        return contract.state in (ContractState.IN_PROGRESS, ContractState.CORRECTION_REQUESTED)

    return Condition(check, E.EDIT_STATE)


RUNNING = _running(("contract",))
PLAN_OPEN = Condition(lambda p: p.state in (PlanState.DRAFT, PlanState.REVISION_REQUESTED), E.PLAN_EDIT)
UNDER_REVIEW = Condition(lambda i: i.plan.state == PlanState.SUBMITTED, E.REVIEW_ITEM_STATE)
REQUIREMENTS_OPEN = Condition(
    lambda r: not ExecutionPlan.objects.filter(contract_id=r.contract_id, state=PlanState.APPROVED).exists(),
    E.REQUIREMENT_LOCKED,
)
CHANGE_DRAFT = Condition(lambda c: c.state == ChangeState.DRAFT, E.CHANGE_STATE)
ROUND_PENDING = Condition(lambda i: i.inspection.outcome == InspectionOutcome.PENDING, E.INSPECTION_ITEM_STATE)
NOT_ACCEPTED = Condition(lambda d: d.state != DeliverableState.ACCEPTED, E.DELIVERABLE_ACCEPTED)
CONTRACT_FIXED = ("project", "company", "number", "amount", "signed_on", "start_date", "end_date")

MENU = "execution"

register(
    Contract,
    documents=True,
    table=tables.ContractTable,
    filterset=fs.ContractFilterSet,
    form=forms.ContractForm,
    serializer=s.ContractSerializer,
    menu=(MENU, "계약"),
    select_related=("project", "company"),
    search_choices=True,  # thousands at scale: every execution list filters by contract with a search box
    fixed_after_create=CONTRACT_FIXED,
    can_delete=False,
    related=[
        ("계약 변경 이력", "versions", tables.ContractVersionTable),
        ("검사", "inspections", tables.InspectionRoundTable),
    ],
    detail_template="execution/contract_detail.html",
    detail_context=_context("contract_context"),
)
register(
    ContractVersion,
    table=tables.ContractVersionTable,
    filterset=fs.ContractVersionFilterSet,
    serializer=s.ContractVersionSerializer,
    select_related=("contract",),
    can_add=False,
    can_edit=False,
    can_delete=False,
)
register(
    ExecutionPlan,
    documents=True,
    table=tables.ExecutionPlanTable,
    filterset=fs.ExecutionPlanFilterSet,
    form=forms.ExecutionPlanForm,
    serializer=s.ExecutionPlanSerializer,
    menu=(MENU, "사업수행계획서"),
    select_related=("contract__project",),
    can_add=False,
    can_delete=False,
    conditions={"change": PLAN_OPEN},
    detail_template="execution/plan_detail.html",
    detail_context=_context("plan_context"),
)
register(
    PlanReviewItem,
    table=tables.PlanReviewItemTable,
    filterset=fs.PlanReviewItemFilterSet,
    form=forms.PlanReviewItemForm,
    serializer=s.PlanReviewItemSerializer,
    select_related=("plan__contract",),
    can_add=False,
    can_delete=False,
    conditions={"change": UNDER_REVIEW},
)
register(
    WorkPackage,
    table=tables.WorkPackageTable,
    filterset=fs.WorkPackageFilterSet,
    form=forms.WorkPackageForm,
    serializer=s.WorkPackageSerializer,
    select_related=("contract",),
    prefetch_related=("predecessors",),
    fixed_after_create=("contract",),
    conditions={"change": RUNNING, "delete": RUNNING},
)
register(
    ProgressReport,
    table=tables.ProgressReportTable,
    filterset=fs.ProgressReportFilterSet,
    serializer=s.ProgressReportSerializer,
    menu=(MENU, "진척 보고"),
    select_related=("contract",),
    can_add=False,
    can_edit=False,
    can_delete=False,
)
register(
    Issue,
    table=tables.IssueTable,
    filterset=fs.IssueFilterSet,
    form=forms.IssueForm,
    serializer=s.IssueSerializer,
    menu=(MENU, "문제점·이슈"),
    select_related=("contract",),
    fixed_after_create=("contract",),
)
register(
    DeliverableType,
    table=tables.DeliverableTypeTable,
    filterset=fs.DeliverableTypeFilterSet,
    form=forms.DeliverableTypeForm,
    serializer=s.DeliverableTypeSerializer,
    menu=(MENU, "산출물 유형"),
)
register(
    Deliverable,
    documents=True,
    own_files="산출물 화면의 산출물 등록",  # the contract's file types and one hash per project (a17.2)
    table=tables.DeliverableTable,
    filterset=fs.DeliverableFilterSet,
    form=forms.DeliverableForm,
    serializer=s.DeliverableSerializer,
    menu=(MENU, "산출물"),
    select_related=("contract__project", "type"),  # its workflow asks for the project (the home page's work list)
    fixed_after_create=("contract",),
    conditions={"change": NOT_ACCEPTED, "delete": Condition(lambda d: d.document_id is None, E.DELIVERABLE_ACCEPTED)},
    detail_template="execution/deliverable_detail.html",
    detail_context=_context("deliverable_context"),
)
register(
    Training,
    table=tables.TrainingTable,
    filterset=fs.TrainingFilterSet,
    form=forms.TrainingForm,
    serializer=s.TrainingSerializer,
    menu=(MENU, "사업관리 교육"),
    related=[("참석", "attendances", tables.TrainingAttendanceTable)],
)
register(
    TrainingAttendance,
    table=tables.TrainingAttendanceTable,
    filterset=fs.TrainingAttendanceFilterSet,
    form=forms.TrainingAttendanceForm,
    serializer=s.TrainingAttendanceSerializer,
    select_related=("training", "user"),
)
register(
    WeaknessCatalog,
    table=tables.WeaknessCatalogTable,
    filterset=fs.WeaknessCatalogFilterSet,
    form=forms.WeaknessCatalogForm,
    serializer=s.WeaknessCatalogSerializer,
    menu=(MENU, "개발보안 가이드"),
    related=[("항목", "weaknesses", tables.WeaknessTable)],
)
register(
    Weakness,
    table=tables.WeaknessTable,
    filterset=fs.WeaknessFilterSet,
    form=forms.WeaknessForm,
    serializer=s.WeaknessSerializer,
    select_related=("catalog",),
)
register(
    SecurityDiagnosis,
    documents=True,
    table=tables.SecurityDiagnosisTable,
    filterset=fs.SecurityDiagnosisFilterSet,
    form=forms.SecurityDiagnosisForm,
    serializer=s.SecurityDiagnosisSerializer,
    menu=(MENU, "개발보안 진단"),
    select_related=("contract", "catalog"),
    related=[("진단 결과", "findings", tables.SecurityFindingTable)],
)
register(
    SecurityFinding,
    table=tables.SecurityFindingTable,
    filterset=fs.SecurityFindingFilterSet,
    form=forms.SecurityFindingForm,
    serializer=s.SecurityFindingSerializer,
    select_related=("diagnosis__contract", "weakness"),
)
register(
    Requirement,
    table=tables.RequirementTable,
    filterset=fs.RequirementFilterSet,
    form=forms.RequirementForm,
    serializer=s.RequirementSerializer,
    menu=(MENU, "요구사항"),
    select_related=("contract",),
    fixed_after_create=("contract",),
    conditions={"change": REQUIREMENTS_OPEN, "delete": REQUIREMENTS_OPEN},
    import_fields=("contract", "code", "title", "description", "category", "source", "design_refs"),
    import_lookups={"contract": "number"},
)
register(
    TestCase,
    table=tables.TestCaseTable,
    filterset=fs.TestCaseFilterSet,
    form=forms.TestCaseForm,
    serializer=s.TestCaseSerializer,
    menu=(MENU, "시험 케이스"),
    select_related=("contract",),
    prefetch_related=("requirements",),
    fixed_after_create=("contract",),
)
register(
    TestRun,
    documents=True,
    table=tables.TestRunTable,
    filterset=fs.TestRunFilterSet,
    form=forms.TestRunForm,
    serializer=s.TestRunSerializer,
    menu=(MENU, "시험·시범운영"),
    select_related=("contract",),
    fixed_after_create=("contract",),
)
register(
    AcceptanceTest,
    documents=True,
    table=tables.AcceptanceTestTable,
    filterset=fs.AcceptanceTestFilterSet,
    serializer=s.AcceptanceTestSerializer,
    menu=(MENU, "인수테스트"),
    select_related=("contract", "it_unit"),
    can_add=False,
    can_edit=False,
    can_delete=False,
)
register(
    SystemAudit,
    documents=True,
    table=tables.SystemAuditTable,
    filterset=fs.SystemAuditFilterSet,
    form=forms.SystemAuditForm,
    serializer=s.SystemAuditSerializer,
    menu=(MENU, "감리"),
    select_related=("contract", "firm"),
    fixed_after_create=("contract",),
    can_delete=False,
    related=[("감리 단계", "stages", tables.AuditStageTable)],
)
register(
    AuditStage,
    documents=True,
    table=tables.AuditStageTable,
    filterset=fs.AuditStageFilterSet,
    form=forms.AuditStageForm,
    serializer=s.AuditStageSerializer,
    select_related=("audit__contract",),
    can_add=False,
    can_delete=False,
    related=[("지적사항·시정조치", "findings", tables.AuditFindingTable)],
)
register(
    AuditFinding,
    table=tables.AuditFindingTable,
    filterset=fs.AuditFindingFilterSet,
    form=forms.AuditFindingForm,
    serializer=s.AuditFindingSerializer,
    menu=(MENU, "감리 지적사항"),
    select_related=("stage__audit__contract",),
    fixed_after_create=("stage",),
)
register(
    ChangeRequest,
    documents=True,
    table=tables.ChangeRequestTable,
    filterset=fs.ChangeRequestFilterSet,
    form=forms.ChangeRequestForm,
    serializer=s.ChangeRequestSerializer,
    menu=(MENU, "과업변경"),
    select_related=("contract",),
    fixed_after_create=("contract",),
    conditions={"change": CHANGE_DRAFT, "delete": CHANGE_DRAFT},
)
register(
    InspectionRound,
    documents=True,
    table=tables.InspectionRoundTable,
    filterset=fs.InspectionRoundFilterSet,
    form=forms.InspectionRoundForm,
    serializer=s.InspectionRoundSerializer,
    menu=(MENU, "검사"),
    select_related=("contract",),
    can_add=False,
    can_delete=False,
    conditions={"change": Condition(lambda r: r.outcome == InspectionOutcome.PENDING, E.INSPECTION_ITEM_STATE)},
    related=[("검사 항목", "items", tables.InspectionItemTable)],
    detail_template="execution/inspection_detail.html",
    detail_context=_context("inspection_context"),
)
register(
    InspectionItem,
    table=tables.InspectionItemTable,
    filterset=fs.InspectionItemFilterSet,
    form=forms.InspectionItemForm,
    serializer=s.InspectionItemSerializer,
    select_related=("inspection__contract",),
    can_add=False,
    can_delete=False,
    conditions={"change": ROUND_PENDING},
)
register(
    Defect,
    table=tables.DefectTable,
    filterset=fs.DefectFilterSet,
    form=forms.DefectForm,
    serializer=s.DefectSerializer,
    menu=(MENU, "하자"),
    select_related=("contract__project",),
    fixed_after_create=("contract",),
    detail_template="execution/defect_detail.html",
    detail_context=_context("defect_context"),
)
add_menu_item(MENU, "사업관리 현황", "execution:dashboard", "execution.view_contract", staff_only=True)
add_menu_item(MENU, "업체 사업 화면", "execution:portal", "execution.view_contract")

from itms.core.menu import add_menu_item
from itms.core.registry import Condition, register, views_context

from . import filtersets as fs
from . import forms, tables
from .api import serializers as s
from .choices import FindingState, RequestState, SlaState
from .error_codes import OperationsErrors as E
from .models import (
    ArchitectureCheck,
    DiagnosisFinding,
    Incident,
    MaintenanceRequest,
    MaintenanceWindow,
    OperationArrangement,
    ServiceLevelAgreement,
    ServiceLevelDiagnosis,
    ServiceRequest,
    SlaIndicator,
    SlaMeasurement,
    SlaMonth,
    SystemTakeover,
)


def _context(name):
    return views_context(__package__, name)


REQUEST_DRAFT = Condition(lambda r: r.state == RequestState.DRAFT, E.REQUEST_EDIT)
CHECK_OPEN = Condition(lambda c: c.request.state in (RequestState.FORWARDED, RequestState.REVIEWED), E.CHECK_STATE)
SLA_DRAFT = Condition(lambda s: s.state == SlaState.DRAFT, E.SLA_DRAFT)
INDICATOR_DRAFT = Condition(lambda i: i.sla.state == SlaState.DRAFT, E.SLA_DRAFT)
FINDING_OPEN = Condition(lambda f: f.state == FindingState.OPEN, E.FINDING_CLOSED)

MENU = "operations"

register(
    OperationArrangement,
    table=tables.OperationArrangementTable,
    filterset=fs.OperationArrangementFilterSet,
    form=forms.OperationArrangementForm,
    serializer=s.OperationArrangementSerializer,
    menu=(MENU, "운영·유지관리 방식"),
    select_related=("system", "contract", "unit"),
)
register(
    SystemTakeover,
    documents=True,
    table=tables.SystemTakeoverTable,
    filterset=fs.SystemTakeoverFilterSet,
    form=forms.SystemTakeoverForm,
    serializer=s.SystemTakeoverSerializer,
    menu=(MENU, "범정부 시스템 인수"),
    select_related=("system", "receiving_unit"),
)
register(
    MaintenanceRequest,
    documents=True,
    table=tables.MaintenanceRequestTable,
    filterset=fs.MaintenanceRequestFilterSet,
    form=forms.MaintenanceRequestForm,
    serializer=s.MaintenanceRequestSerializer,
    menu=(MENU, "유지관리 요청"),
    select_related=("system", "requesting_unit"),
    prefetch_related=("functions",),
    conditions={"change": REQUEST_DRAFT, "delete": REQUEST_DRAFT},
    related=[("아키텍처 표준 점검 (제25조제5항)", "architecture_checks", tables.ArchitectureCheckTable)],
    detail_template="operations/request_detail.html",
    detail_context=_context("request_context"),
)
register(
    ArchitectureCheck,
    table=tables.ArchitectureCheckTable,
    filterset=fs.ArchitectureCheckFilterSet,
    form=forms.ArchitectureCheckForm,
    serializer=s.ArchitectureCheckSerializer,
    select_related=("request",),
    can_add=False,
    can_delete=False,
    fixed_after_create=("request", "code", "item"),
    conditions={"change": CHECK_OPEN},
)
register(
    Incident,
    table=tables.IncidentTable,
    filterset=fs.IncidentFilterSet,
    form=forms.IncidentForm,
    serializer=s.IncidentSerializer,
    menu=(MENU, "장애"),
    select_related=("system", "contract"),
    import_fields=(
        "number",
        "system",
        "title",
        "severity",
        "started_at",
        "detected_at",
        "restored_at",
        "service_down",
        "cause",
        "cause_detail",
        "is_major",
    ),
    import_lookups={"system": "code"},
    related=[("재발 장애", "recurrences", tables.IncidentTable)],
)
register(
    ServiceRequest,
    table=tables.ServiceRequestTable,
    filterset=fs.ServiceRequestFilterSet,
    form=forms.ServiceRequestForm,
    serializer=s.ServiceRequestSerializer,
    menu=(MENU, "서비스 요청"),
    select_related=("system", "contract"),
    import_fields=("number", "system", "title", "requester", "requested_at", "due_at", "completed_at"),
    import_lookups={"system": "code"},
)
register(
    MaintenanceWindow,
    table=tables.MaintenanceWindowTable,
    filterset=fs.MaintenanceWindowFilterSet,
    form=forms.MaintenanceWindowForm,
    serializer=s.MaintenanceWindowSerializer,
    menu=(MENU, "계획 작업"),
    select_related=("system",),
)
register(
    ServiceLevelAgreement,
    documents=True,
    table=tables.ServiceLevelAgreementTable,
    filterset=fs.ServiceLevelAgreementFilterSet,
    form=forms.ServiceLevelAgreementForm,
    serializer=s.ServiceLevelAgreementSerializer,
    menu=(MENU, "서비스수준협약"),
    select_related=("contract",),
    fixed_after_create=("contract",),
    can_delete=False,
    conditions={"change": SLA_DRAFT},
    related=[
        ("지표", "indicators", tables.SlaIndicatorTable),
        ("월별 측정", "months", tables.SlaMonthTable),
    ],
    detail_template="operations/sla_detail.html",
    detail_context=_context("sla_context"),
)
register(
    SlaIndicator,
    table=tables.SlaIndicatorTable,
    filterset=fs.SlaIndicatorFilterSet,
    form=forms.SlaIndicatorForm,
    serializer=s.SlaIndicatorSerializer,
    select_related=("sla",),
    fixed_after_create=("sla",),
    conditions={"change": INDICATOR_DRAFT, "delete": INDICATOR_DRAFT},
)
register(
    SlaMonth,
    table=tables.SlaMonthTable,
    filterset=fs.SlaMonthFilterSet,
    serializer=s.SlaMonthSerializer,
    menu=(MENU, "월별 서비스수준"),
    select_related=("sla",),
    can_add=False,
    can_edit=False,
    can_delete=False,
    related=[("지표별 측정값", "measurements", tables.SlaMeasurementTable)],
)
register(
    SlaMeasurement,
    table=tables.SlaMeasurementTable,
    filterset=fs.SlaMeasurementFilterSet,
    serializer=s.SlaMeasurementSerializer,
    select_related=("month__sla", "indicator"),
    can_add=False,
    can_edit=False,
    can_delete=False,
)
register(
    ServiceLevelDiagnosis,
    documents=True,
    table=tables.ServiceLevelDiagnosisTable,
    filterset=fs.ServiceLevelDiagnosisFilterSet,
    form=forms.ServiceLevelDiagnosisForm,
    serializer=s.ServiceLevelDiagnosisSerializer,
    menu=(MENU, "IT서비스 수준 진단"),
    select_related=("contract", "diagnosing_unit"),
    fixed_after_create=("contract",),
    can_delete=False,
    related=[("개선 과제", "findings", tables.DiagnosisFindingTable)],
)
register(
    DiagnosisFinding,
    table=tables.DiagnosisFindingTable,
    filterset=fs.DiagnosisFindingFilterSet,
    form=forms.DiagnosisFindingForm,
    serializer=s.DiagnosisFindingSerializer,
    menu=(MENU, "진단 개선 과제"),
    select_related=("diagnosis__contract",),
    fixed_after_create=("diagnosis",),
    conditions={"change": FINDING_OPEN, "delete": FINDING_OPEN},
)
# The overview and the queue are the agency's (views._officials_only): no link for a vendor.
add_menu_item(MENU, "운영 현황", "operations:dashboard", "operations.view_incident", staff_only=True)
add_menu_item(MENU, "운영 시스템", "operations:systems", "operations.view_incident")
add_menu_item(MENU, "유지관리 우선순위", "operations:queue", "operations.view_maintenancerequest", staff_only=True)

import django_tables2 as tables

from itms.core.tables import BooleanColumn, DateColumn, ItmsTable, MoneyColumn
from itms.regulation.due import DueColumn

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


class ContractTable(ItmsTable):
    title = tables.Column(linkify=True)
    project = tables.Column(linkify=True)
    amount = MoneyColumn()
    start_date = DateColumn()
    end_date = DateColumn()
    is_multi_year = BooleanColumn(verbose_name="장기계속")
    due = DueColumn()

    class Meta(ItmsTable.Meta):
        model = Contract
        fields = ("number", "title", "project", "company", "amount", "start_date", "end_date", "is_multi_year", "state")


class ContractVersionTable(ItmsTable):
    number = tables.Column(linkify=True)
    amount = MoneyColumn()
    end_date = DateColumn()

    class Meta(ItmsTable.Meta):
        model = ContractVersion
        fields = ("contract", "number", "amount", "start_date", "end_date", "reason", "created_at")


class ExecutionPlanTable(ItmsTable):
    contract = tables.Column(linkify=lambda record: record.get_absolute_url(), verbose_name="사업수행계획서")
    kickoff_on = DateColumn()

    class Meta(ItmsTable.Meta):
        model = ExecutionPlan
        fields = ("contract", "kickoff_on", "revision", "state", "submitted_at", "approved_at")


class PlanReviewItemTable(ItmsTable):
    aspect = tables.Column(linkify=True)

    class Meta(ItmsTable.Meta):
        model = PlanReviewItem
        fields = ("aspect", "basis", "verdict", "comment")


class WorkPackageTable(ItmsTable):
    code = tables.Column(linkify=True)
    planned_start = DateColumn()
    planned_end = DateColumn()
    is_milestone = BooleanColumn()

    class Meta(ItmsTable.Meta):
        model = WorkPackage
        fields = (
            "code",
            "name",
            "contract",
            "is_milestone",
            "planned_start",
            "planned_end",
            "weight",
            "progress",
            "delay_reason",
        )


class ProgressReportTable(ItmsTable):
    kind = tables.Column(linkify=True)
    period_start = DateColumn()
    period_end = DateColumn()

    class Meta(ItmsTable.Meta):
        model = ProgressReport
        fields = ("contract", "kind", "period_start", "period_end", "planned_percent", "actual_percent", "problems")


class IssueTable(ItmsTable):
    title = tables.Column(linkify=True)
    raised_on = DateColumn()
    resolved_on = DateColumn()

    class Meta(ItmsTable.Meta):
        model = Issue
        fields = ("title", "contract", "severity", "raised_on", "resolved_on")


class DeliverableTypeTable(ItmsTable):
    name = tables.Column(linkify=True)
    required_default = BooleanColumn()
    is_final = BooleanColumn()

    class Meta(ItmsTable.Meta):
        model = DeliverableType
        fields = ("code", "phase", "name", "required_default", "audit_stage", "is_final")


class DeliverableTable(ItmsTable):
    title = tables.Column(linkify=True)
    due_date = DateColumn()
    required = BooleanColumn()
    is_final = BooleanColumn()

    class Meta(ItmsTable.Meta):
        model = Deliverable
        fields = ("title", "contract", "type", "required", "is_final", "due_date", "state", "submitted_at")


class TrainingTable(ItmsTable):
    title = tables.Column(linkify=True)
    held_on = DateColumn()

    class Meta(ItmsTable.Meta):
        model = Training
        fields = ("title", "held_on", "audience", "instructor", "hours")


class TrainingAttendanceTable(ItmsTable):
    user = tables.Column(linkify=lambda record: record.get_absolute_url())
    attended = BooleanColumn()

    class Meta(ItmsTable.Meta):
        model = TrainingAttendance
        fields = ("training", "user", "attended", "note")


class WeaknessCatalogTable(ItmsTable):
    title = tables.Column(linkify=True)
    is_current = BooleanColumn()

    class Meta(ItmsTable.Meta):
        model = WeaknessCatalog
        fields = ("edition", "title", "published_on", "is_current")


class WeaknessTable(ItmsTable):
    name = tables.Column(linkify=True)

    class Meta(ItmsTable.Meta):
        model = Weakness
        fields = ("catalog", "phase", "category", "seq", "name")


class SecurityDiagnosisTable(ItmsTable):
    phase = tables.Column(linkify=True)
    diagnosed_on = DateColumn()

    class Meta(ItmsTable.Meta):
        model = SecurityDiagnosis
        fields = ("contract", "phase", "diagnosed_on", "tool", "diagnostician")


class SecurityFindingTable(ItmsTable):
    weakness = tables.Column(linkify=lambda record: record.get_absolute_url())
    remediated_on = DateColumn()

    class Meta(ItmsTable.Meta):
        model = SecurityFinding
        fields = ("weakness", "severity", "location", "count", "remediated_on")


class RequirementTable(ItmsTable):
    code = tables.Column(linkify=True)
    is_active = BooleanColumn()

    class Meta(ItmsTable.Meta):
        model = Requirement
        fields = ("code", "title", "contract", "category", "source", "design_refs", "is_active")


class TestCaseTable(ItmsTable):
    code = tables.Column(linkify=True)
    executed_on = DateColumn()

    class Meta(ItmsTable.Meta):
        model = TestCase
        fields = ("code", "title", "contract", "level", "result", "executed_on")


class TestRunTable(ItmsTable):
    kind = tables.Column(linkify=True)
    started_on = DateColumn()
    ended_on = DateColumn()
    passed = BooleanColumn()

    class Meta(ItmsTable.Meta):
        model = TestRun
        fields = ("contract", "kind", "started_on", "ended_on", "passed")


class AcceptanceTestTable(ItmsTable):
    contract = tables.Column(linkify=lambda record: record.get_absolute_url(), verbose_name="인수테스트")
    requested_on = DateColumn()
    inspection_due = DateColumn()
    conducted_on = DateColumn()

    class Meta(ItmsTable.Meta):
        model = AcceptanceTest
        fields = ("contract", "it_unit", "requested_on", "inspection_due", "conducted_on", "state")


class SystemAuditTable(ItmsTable):
    contract = tables.Column(linkify=lambda record: record.get_absolute_url(), verbose_name="감리")
    mandatory = BooleanColumn()

    class Meta(ItmsTable.Meta):
        model = SystemAudit
        fields = ("contract", "mandatory", "mode", "firm")


class AuditStageTable(ItmsTable):
    kind = tables.Column(linkify=True)
    planned_on = DateColumn()
    performed_on = DateColumn()
    report_received_on = DateColumn()

    class Meta(ItmsTable.Meta):
        model = AuditStage
        fields = ("audit", "kind", "planned_on", "performed_on", "report_received_on")


class AuditFindingTable(ItmsTable):
    title = tables.Column(linkify=True)
    corrected_on = DateColumn()
    confirmed_on = DateColumn()

    class Meta(ItmsTable.Meta):
        model = AuditFinding
        fields = ("title", "stage", "severity", "corrected_on", "confirmed_on")


class ChangeRequestTable(ItmsTable):
    title = tables.Column(linkify=True)
    new_amount = MoneyColumn()
    new_end_date = DateColumn()
    requested_by_contractor = BooleanColumn(verbose_name="업체 요청")
    due = DueColumn()

    class Meta(ItmsTable.Meta):
        model = ChangeRequest
        fields = ("title", "contract", "new_amount", "new_end_date", "requested_by_contractor", "state")


class InspectionRoundTable(ItmsTable):
    number = tables.Column(linkify=True)
    notified_on = DateColumn()
    inspected_on = DateColumn()

    class Meta(ItmsTable.Meta):
        model = InspectionRound
        fields = ("contract", "number", "notified_on", "inspected_on", "outcome")


class InspectionItemTable(ItmsTable):
    reference = tables.Column(linkify=True)

    class Meta(ItmsTable.Meta):
        model = InspectionItem
        fields = ("kind", "reference", "verdict", "note")


class DefectTable(ItmsTable):
    title = tables.Column(linkify=True)
    reported_on = DateColumn()
    fix_due = DateColumn()
    fixed_on = DateColumn()

    class Meta(ItmsTable.Meta):
        model = Defect
        fields = ("title", "contract", "kind", "severity", "reported_on", "fix_due", "fixed_on")

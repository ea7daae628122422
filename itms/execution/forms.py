from django import forms

from itms.core.forms import ItmsForm, ItmsModelForm
from itms.core.middleware import current_user

from . import actions
from .choices import ParticipantChoices, ReportKind
from .models import (
    AuditFinding,
    AuditStage,
    ChangeRequest,
    Contract,
    Defect,
    Deliverable,
    DeliverableType,
    ExecutionPlan,
    InspectionItem,
    InspectionRound,
    Issue,
    PlanReviewItem,
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


class ContractForm(ItmsModelForm):
    class Meta:
        model = Contract
        fields = (
            "project",
            "number",
            "title",
            "company",
            "amount",
            "signed_on",
            "start_date",
            "end_date",
            "is_multi_year",
            "defect_liability_months",
            "allowed_file_types",
            "it_unit",
            "operation_plan",
            "rollout_plan",
            "rules_to_amend",
        )

    def save(self, commit=True):
        created = self.instance.pk is None
        contract = super().save(commit)
        if commit and created:
            # version 1, the plan to receive, the deadlines (a18.1, a20.3), chained with who registered it
            actions.contract_registered(contract, actor=current_user())
        return contract


class ExecutionPlanForm(ItmsModelForm):
    class Meta:
        model = ExecutionPlan
        fields = ("kickoff_on", "staffing", "schedule", "quality_plan", "deliverable_plan")


class PlanReviewItemForm(ItmsModelForm):
    class Meta:
        model = PlanReviewItem
        fields = ("verdict", "comment")


class WorkPackageForm(ItmsModelForm):
    class Meta:
        model = WorkPackage
        fields = (
            "contract",
            "code",
            "name",
            "parent",
            "is_milestone",
            "planned_start",
            "planned_end",
            "weight",
            "predecessors",
        )

    def clean(self):
        data = super().clean()
        contract = data.get("contract") or getattr(self.instance, "contract", None)
        predecessors = data.get("predecessors")
        if contract is not None and predecessors is not None:
            if any(p.contract_id != contract.pk for p in predecessors):
                self.add_error("predecessors", "같은 계약의 작업만 선행 작업으로 정합니다.")
            else:
                self.instance.code = data.get("code") or self.instance.code
                try:
                    actions.check_no_cycle(self.instance, predecessors, contract.pk)
                except forms.ValidationError as error:
                    self.add_error(None, error)
        return data


class IssueForm(ItmsModelForm):
    class Meta:
        model = Issue
        fields = (
            "contract",
            "title",
            "description",
            "severity",
            "work_package",
            "raised_on",
            "action_plan",
            "resolved_on",
        )


class DeliverableTypeForm(ItmsModelForm):
    class Meta:
        model = DeliverableType
        fields = ("code", "phase", "name", "required_default", "audit_stage", "is_final", "order")


class DeliverableForm(ItmsModelForm):
    class Meta:
        model = Deliverable
        fields = ("contract", "type", "title", "required", "due_date", "is_final")


class TrainingForm(ItmsModelForm):
    class Meta:
        model = Training
        fields = ("title", "held_on", "audience", "topics", "instructor", "hours", "project")


class TrainingAttendanceForm(ItmsModelForm):
    class Meta:
        model = TrainingAttendance
        fields = ("training", "user", "attended", "note")


class WeaknessCatalogForm(ItmsModelForm):
    class Meta:
        model = WeaknessCatalog
        fields = ("edition", "title", "published_on", "is_current")


class WeaknessForm(ItmsModelForm):
    class Meta:
        model = Weakness
        fields = ("catalog", "phase", "category", "seq", "name")


class SecurityDiagnosisForm(ItmsModelForm):
    class Meta:
        model = SecurityDiagnosis
        fields = ("contract", "catalog", "phase", "diagnosed_on", "tool", "diagnostician", "summary")


class SecurityFindingForm(ItmsModelForm):
    class Meta:
        model = SecurityFinding
        fields = ("diagnosis", "weakness", "severity", "location", "count", "remediation", "remediated_on")


class RequirementForm(ItmsModelForm):
    class Meta:
        model = Requirement
        fields = ("contract", "code", "title", "description", "category", "source", "design_refs", "is_active")


class TestCaseForm(ItmsModelForm):
    class Meta:
        model = TestCase
        fields = (
            "contract",
            "code",
            "title",
            "level",
            "requirements",
            "steps",
            "expected",
            "result",
            "executed_on",
            "defect",
        )

    def clean(self):
        data = super().clean()
        contract = data.get("contract")
        if contract is not None and any(r.contract_id != contract.pk for r in data.get("requirements") or ()):
            self.add_error("requirements", "이 계약의 요구사항만 고르십시오.")
        return data


class TestRunForm(ItmsModelForm):
    class Meta:
        model = TestRun
        fields = ("contract", "kind", "started_on", "ended_on", "passed", "summary")


class SystemAuditForm(ItmsModelForm):
    class Meta:
        model = SystemAudit
        fields = (
            "contract",
            "serves_public",
            "joint_use",
            "not_cost_effective",
            "pm_outsourced",
            "head_judges_needed",
            "mode",
            "firm",
        )

    def save(self, commit=True):
        audit = super().save(commit)
        if commit:
            actions.assess(audit)  # the answer and its explanation, and the stages of the mode (a21)
        return audit


class AuditStageForm(ItmsModelForm):
    class Meta:
        model = AuditStage
        fields = ("planned_on", "performed_on", "report_received_on")


class AuditFindingForm(ItmsModelForm):
    class Meta:
        model = AuditFinding
        fields = ("stage", "title", "description", "severity", "corrective_action", "corrected_on", "confirmed_on")


class ChangeRequestForm(ItmsModelForm):
    class Meta:
        model = ChangeRequest
        fields = (
            "contract",
            "title",
            "reason",
            "scope_change",
            "requirement_changes",
            "new_amount",
            "new_end_date",
            "requested_by_contractor",
        )

    def clean(self):
        data = super().clean()
        if (
            not (data.get("scope_change") or "").strip()
            and data.get("new_amount") is None
            and not data.get("new_end_date")
        ):
            self.add_error("scope_change", "변경할 과업내용, 금액 또는 기간을 적어야 합니다.")
        return data


class InspectionRoundForm(ItmsModelForm):
    class Meta:
        model = InspectionRound
        fields = ("inspector", "remarks")


class InspectionItemForm(ItmsModelForm):
    class Meta:
        model = InspectionItem
        fields = ("verdict", "note")


class DefectForm(ItmsModelForm):
    class Meta:
        model = Defect
        fields = (
            "contract",
            "title",
            "description",
            "requirement",
            "kind",
            "severity",
            "reported_on",
            "fix_due",
            "fixed_on",
            "resolution",
        )


# --- action forms (not registry forms) ----------------------------------------------------------------------------
class AccessGrantForm(ItmsForm):
    user = forms.ModelChoiceField(label="업체 직원", queryset=None)
    role = forms.ChoiceField(label="참여 역할", choices=ParticipantChoices)
    start = forms.DateField(label="접근 시작일")
    end = forms.DateField(label="접근 종료일")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from itms.accounts.models import User

        self.fields["user"].queryset = User.objects.filter(kind="vendor").order_by("name")


class ProgressReportForm(ItmsForm):
    kind = forms.ChoiceField(label="구분", choices=ReportKind.choices)
    period_start = forms.DateField(label="보고 기간 시작")
    period_end = forms.DateField(label="보고 기간 종료")
    summary = forms.CharField(label="추진 실적", widget=forms.Textarea(attrs={"rows": 3}))
    problems = forms.CharField(label="문제점·지연 사유", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    next_plan = forms.CharField(label="다음 기간 계획", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class UploadForm(ItmsForm):
    file = forms.FileField(label="파일")
    note = forms.CharField(label="변경 내용", required=False, max_length=300)


class AcceptanceRequestForm(ItmsForm):
    it_unit = forms.ModelChoiceField(label="인수테스트를 요청할 정보화부서", queryset=None)
    inspection_due = forms.DateField(label="검사 완료 예정일")
    scope = forms.CharField(label="시험 범위·시나리오", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from itms.accounts.models import OrgUnit

        self.fields["it_unit"].queryset = OrgUnit.objects.filter(is_it_department=True).order_by("name")

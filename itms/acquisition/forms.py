"""Chapter 4's forms: the registered types' fields (what a user may write) and the action forms of its pages."""

from __future__ import annotations

from django import forms

from itms.accounts.models import Company, User, UserKind
from itms.core.forms import ItmsForm, ItmsModelForm
from itms.core.widgets import search_large_choices
from itms.governance.choices import TaskAgendaKind
from itms.projects.models import Project

from .choices import (
    CheckResult,
    ContactOutcome,
    DrawExclusionReason,
    EvaluationKind,
    FindingSource,
    PassRule,
    PriceBasis,
    SelfCheckAnswer,
    technical_weights,
)
from .models import (
    ConsultationResult,
    Evaluation,
    EvaluationItem,
    Expert,
    ExpertEmployment,
    ExpertExclusion,
    ExpertField,
    OrderingRequest,
    PreConsultation,
    Proposal,
    Requirement,
    RequirementCategory,
    Rfp,
    RfpSection,
    RfpTemplate,
    SecurityReview,
    TaskCommitteeScope,
    TaskDeliberation,
)

TEXT = forms.Textarea(attrs={"rows": 3})
DATE = forms.DateInput(attrs={"type": "date"})
# To the minute, as the browser's datetime-local control steps: a value with seconds (Django's default format) makes
# every whole minute the user then picks "not a valid value" (the step counts from the value's own seconds).
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


# --- registered types -------------------------------------------------------------------------------------------
class PreConsultationForm(ItmsModelForm):
    class Meta:
        model = PreConsultation
        fields = ("project", *PreConsultation.FACTS)
        widgets = {"interlinked_agencies": TEXT, "joint_use_agencies": TEXT}


class ConsultationResultForm(ItmsModelForm):
    class Meta:
        model = ConsultationResult
        fields = ("consultation", "number", "finding")


class SecurityReviewForm(ItmsModelForm):
    class Meta:
        model = SecurityReview
        fields = ("project", "rfp", "request_note")
        widgets = {"request_note": TEXT}


class TaskCommitteeScopeForm(ItmsModelForm):
    project_kinds = forms.MultipleChoiceField(
        label="사업유형", required=False, choices=Project._meta.get_field("kind").choices
    )
    deliberation_kinds = forms.MultipleChoiceField(label="심의 구분", required=False, choices=TaskAgendaKind.choices)

    class Meta:
        model = TaskCommitteeScope
        fields = ("body", "project_kinds", "deliberation_kinds", "min_budget", "max_budget", "note")


class TaskDeliberationForm(ItmsModelForm):
    class Meta:
        model = TaskDeliberation
        fields = ("project", "kind", "rfp", "content", "period_months", "amount")
        widgets = {"content": TEXT}


class RequirementCategoryForm(ItmsModelForm):
    class Meta:
        model = RequirementCategory
        fields = ("code", "name", "scope_note", "order", "is_active")


class RfpTemplateForm(ItmsModelForm):
    class Meta:
        model = RfpTemplate
        fields = ("name", "version", "project_kinds", "chapters", "note")


class RfpForm(ItmsModelForm):
    technical_weight = forms.TypedChoiceField(label="기술:가격 배점", choices=technical_weights, coerce=int)

    class Meta:
        model = Rfp
        fields = ("project", "title", "budget", "period_months", "contract_method", "technical_weight")


class RfpSectionForm(ItmsModelForm):
    class Meta:
        model = RfpSection
        fields = ("rfp", "order", "number", "title", "body")
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}


class RequirementForm(ItmsModelForm):
    class Meta:
        model = Requirement
        fields = ("rfp", "category", "name", "definition", "details", "deliverable", "related", "source")
        widgets = {"definition": TEXT, "details": TEXT}


class OrderingRequestForm(ItmsModelForm):
    class Meta:
        model = OrderingRequest
        fields = ("project", "rfp", "note", "urgent")
        widgets = {"note": TEXT}


class ExpertFieldForm(ItmsModelForm):
    class Meta:
        model = ExpertField
        fields = ("code", "name")


class ExpertForm(ItmsModelForm):
    class Meta:
        model = Expert
        fields = (
            "name",
            "user",
            "affiliation",
            "title",
            "specialties",
            "email",
            "phone",
            "is_available",
            "unavailable_until",
            "confirmed_on",
            "note",
        )
        widgets = {"unavailable_until": DATE, "confirmed_on": DATE}


class ExpertEmploymentForm(ItmsModelForm):
    class Meta:
        model = ExpertEmployment
        fields = ("expert", "company", "company_name", "start_date", "end_date")


class ExpertExclusionForm(ItmsModelForm):
    class Meta:
        model = ExpertExclusion
        fields = ("expert", "kind", "reason", "start_date", "end_date")


class EvaluationForm(ItmsModelForm):
    class Meta:
        model = Evaluation
        fields = (
            "title",
            "evaluation_at",
            "place",
            "estimated_price",
            "planned_price",
            "price_basis",
            "committee_size",
            "required_fields",
            "pass_rule",
        )
        widgets = {"evaluation_at": DATETIME}


class EvaluationItemForm(ItmsModelForm):
    class Meta:
        model = EvaluationItem
        fields = ("evaluation", "order", "area", "name", "kind", "points", "evidence")


class ProposalForm(ItmsModelForm):
    class Meta:
        model = Proposal
        fields = ("evaluation", "company", "bid_price", "submitted_on", "representatives")
        widgets = {"submitted_on": DATE}


# --- action forms of the pages ---------------------------------------------------------------------------------
class ReflectionForm(ItmsForm):
    reflection = forms.CharField(label="반영 내용", widget=forms.Textarea(attrs={"rows": 2}))


class FindingForm(ItmsForm):
    source = forms.ChoiceField(label="출처", choices=FindingSource.choices)
    finding = forms.CharField(label="검토 의견", widget=forms.Textarea(attrs={"rows": 2}))


class RfpStartForm(ItmsForm):
    template = forms.ModelChoiceField(label="작성 양식", queryset=RfpTemplate.objects.none())
    title = forms.CharField(label="제안요청서명", max_length=200, required=False)
    period_months = forms.IntegerField(label="사업기간(개월)", min_value=1, max_value=120, initial=12)
    technical_weight = forms.TypedChoiceField(label="기술:가격 배점", choices=technical_weights, coerce=int)

    def __init__(self, *args, templates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = RfpTemplate.objects.filter(pk__in=[t.pk for t in templates])
        if templates:
            self.fields["template"].initial = templates[0].pk


class SectionForm(ItmsForm):
    title = forms.CharField(label="제목", max_length=100)
    body = forms.CharField(label="내용", required=False, widget=forms.Textarea(attrs={"rows": 10}))


class RequirementAddForm(ItmsForm):
    category = forms.ModelChoiceField(
        label="요구사항 분류", queryset=RequirementCategory.objects.filter(is_active=True)
    )
    name = forms.CharField(label="요구사항 명칭", max_length=200)
    definition = forms.CharField(label="정의", widget=forms.Textarea(attrs={"rows": 2}))
    details = forms.CharField(label="세부내용", widget=forms.Textarea(attrs={"rows": 3}))
    deliverable = forms.CharField(label="산출정보", max_length=300, required=False)
    related = forms.CharField(label="관련 요구사항", max_length=200, required=False)
    source = forms.CharField(label="요구사항 출처", max_length=200, required=False)


class SelfCheckForm(ItmsForm):
    answer = forms.ChoiceField(label="점검 결과", choices=SelfCheckAnswer.choices)
    note = forms.CharField(label="비고", max_length=300, required=False)


class CheckForm(ItmsForm):
    result = forms.ChoiceField(label="검토 결과", choices=[c for c in CheckResult.choices if c[0]])
    note = forms.CharField(label="검토 의견", max_length=300, required=False)


class RestructureForm(ItmsForm):
    kind = forms.ChoiceField(label="구분", choices=[("merge", "통합"), ("split", "분리")])
    sources = forms.ModelMultipleChoiceField(label="대상 사업", queryset=Project.objects.none())
    reason = forms.CharField(label="사유", widget=forms.Textarea(attrs={"rows": 2}))
    name = forms.CharField(label="통합한 사업명", max_length=200, required=False)
    code = forms.CharField(label="통합한 사업코드", max_length=30, required=False)
    parts = forms.CharField(
        label="분리한 사업 (한 줄에 '사업명 | 사업코드 | 예산')",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        if projects is not None:
            self.fields["sources"].queryset = projects

    def clean_parts(self):
        rows = []
        for line in (self.cleaned_data.get("parts") or "").splitlines():
            if not line.strip():
                continue
            cells = [c.strip() for c in line.split("|")]
            if len(cells) != 3 or not cells[2].replace(",", "").isdigit():
                raise forms.ValidationError(f"'{line.strip()}': '사업명 | 사업코드 | 예산' 형식으로 적으십시오.")
            rows.append({"name": cells[0], "code": cells[1], "budget": int(cells[2].replace(",", ""))})
        return rows


class EvaluationStartForm(ItmsForm):
    kind = forms.ChoiceField(label="평가 구분", choices=EvaluationKind.choices)
    unit = forms.ModelChoiceField(label="평가하는 정보화부서", queryset=None)
    title = forms.CharField(label="평가명", max_length=200)
    evaluation_at = forms.DateTimeField(label="기술평가 일시", widget=DATETIME)
    place = forms.CharField(label="장소", max_length=200, required=False)
    estimated_price = forms.IntegerField(label="추정가격(원)", min_value=0)
    planned_price = forms.IntegerField(label="예정가격(원, 작성한 경우)", min_value=0, required=False)
    price_basis = forms.ChoiceField(label="가격평가 기준", choices=PriceBasis.choices, initial=PriceBasis.ESTIMATED_VAT)
    committee_size = forms.IntegerField(label="평가위원 수", min_value=1, max_value=30, required=False)
    pass_rule = forms.ChoiceField(label="적합 기준 (적합성평가)", choices=PassRule.choices, required=False)
    required_fields = forms.ModelMultipleChoiceField(
        label="필요한 전문분야", queryset=ExpertField.objects.all(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from itms.accounts.models import OrgUnit

        self.fields["unit"].queryset = OrgUnit.objects.filter(is_it_department=True).select_related("organization")


class QuantitativeForm(ItmsForm):
    score = forms.CharField(label="점수", max_length=10)
    evidence = forms.CharField(label="근거", max_length=300)


class InternalEvaluatorForm(ItmsForm):
    user = forms.ModelChoiceField(
        label="내부 평가위원 (관세청 소속 공무원)", queryset=User.objects.filter(kind=UserKind.STAFF, is_active=True)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The agency's officials (5,000 at scale 1.0): a search box and the chosen option, not a select of all.
        search_large_choices(self.fields)


class ChairForm(ItmsForm):
    membership = forms.IntegerField(widget=forms.HiddenInput)


class ExclusionForm(ItmsForm):
    expert = forms.ModelChoiceField(label="전문가", queryset=Expert.objects.all())
    reason = forms.ChoiceField(label="제외 사유", choices=DrawExclusionReason.choices)
    detail = forms.CharField(label="내용", max_length=300)


class WitnessForm(ItmsForm):
    name = forms.CharField(label="참관인 성명", max_length=50, required=False)
    affiliation = forms.CharField(label="소속", max_length=100, required=False)
    number = forms.CharField(label="입력할 수 (1~12자리)", max_length=12)


class ContactForm(ItmsForm):
    outcome = forms.ChoiceField(label="교섭 결과", choices=ContactOutcome.choices)
    note = forms.CharField(label="메모", max_length=200, required=False)


class ContractorRequestForm(ItmsForm):
    kind = forms.ChoiceField(
        label="심의 구분", choices=[(k, v) for k, v in TaskAgendaKind.choices if k != TaskAgendaKind.SCOPE]
    )
    content = forms.CharField(label="요청 내용 (변경하려는 과업내용·금액·기간)", widget=TEXT)


class ExtensionForm(ItmsForm):
    days = forms.IntegerField(label="연장 일수", min_value=1)
    consent = forms.CharField(label="계약상대자의 동의 (일자·방법)", max_length=200)


class TravelForm(ItmsForm):
    amount = forms.IntegerField(label="여비(원)", min_value=0)


__all__ = ["Company"]

"""Chapter 4's record types in the registry: pages, menu, API; the conditions under which a record stays editable."""

from itms.core.display import HIDDEN_FIELDS
from itms.core.menu import add_menu_item
from itms.core.registry import Condition, register, views_context

from . import filtersets as f
from . import forms, tables
from .api import serializers as s
from .choices import ConsultationState, DeliberationState, EvaluationState, OrderingState, RfpState, SecurityReviewState
from .error_codes import AcquisitionErrors as E
from .models import (
    ConsultationResult,
    Evaluation,
    EvaluationItem,
    EvaluatorDraw,
    Expert,
    ExpertEmployment,
    ExpertExclusion,
    ExpertField,
    OrderingCheck,
    OrderingRequest,
    PreConsultation,
    ProjectRestructuring,
    Proposal,
    Requirement,
    RequirementCategory,
    Rfp,
    RfpSection,
    RfpSelfCheck,
    RfpTemplate,
    SecurityFinding,
    SecurityReview,
    TaskCommitteeScope,
    TaskDeliberation,
)


def _context(name):
    return views_context(__package__, name)


READ_ONLY = {"can_add": False, "can_edit": False, "can_delete": False}
# The locked record is the hashed data behind the result card and the exports, not a field to read on the page.
EVALUATION_FIELDS = [
    f.name
    for f in Evaluation._meta.get_fields()
    if f.concrete and not f.auto_created and f.name not in HIDDEN_FIELDS | {"result_record"}
]
RFP_DRAFT = Condition(lambda r: r.rfp.state == RfpState.DRAFT, E.RFP_ORDERED)
EVALUATION_DRAFT_ITEMS = Condition(lambda r: r.evaluation.state == EvaluationState.DRAFT, E.ITEMS_LOCKED)
EVALUATION_DRAFT_PROPOSALS = Condition(lambda r: r.evaluation.state == EvaluationState.DRAFT, E.PROPOSALS_LOCKED)

register(
    PreConsultation,
    documents=True,
    table=tables.PreConsultationTable,
    filterset=f.PreConsultationFilterSet,
    form=forms.PreConsultationForm,
    serializer=s.PreConsultationSerializer,
    menu=("acquisition", "사전협의"),
    select_related=("project",),
    can_add=False,
    can_delete=False,
    fixed_after_create=("project",),
    conditions={"change": Condition(lambda r: r.state == ConsultationState.DRAFT, E.CONSULTATION_FACTS_LOCKED)},
    related=[("협의 결과와 반영", "results", tables.ConsultationResultTable)],
    detail_template="acquisition/consultation_detail.html",
    detail_context=_context("consultation_context"),
)
register(
    ConsultationResult,
    table=tables.ConsultationResultTable,
    filterset=f.ConsultationResultFilterSet,
    serializer=s.ConsultationResultSerializer,
    select_related=("consultation__project",),
    **READ_ONLY,
)
register(
    SecurityReview,
    documents=True,
    table=tables.SecurityReviewTable,
    filterset=f.SecurityReviewFilterSet,
    form=forms.SecurityReviewForm,
    serializer=s.SecurityReviewSerializer,
    menu=("acquisition", "보안성 검토"),
    select_related=("project", "rfp"),
    can_add=False,
    can_delete=False,
    fixed_after_create=("project",),
    conditions={"change": Condition(lambda r: r.state == SecurityReviewState.DRAFT, E.SECURITY_SUBMITTED)},
    detail_template="acquisition/security_detail.html",
    detail_context=_context("security_context"),
)
register(
    SecurityFinding,
    table=tables.SecurityFindingTable,
    filterset=f.SecurityFindingFilterSet,
    serializer=s.SecurityFindingSerializer,
    select_related=("review__project",),
    **READ_ONLY,
)
register(
    TaskCommitteeScope,
    table=tables.TaskCommitteeScopeTable,
    filterset=f.TaskCommitteeScopeFilterSet,
    form=forms.TaskCommitteeScopeForm,
    serializer=s.TaskCommitteeScopeSerializer,
    menu=("acquisition", "과업심의위원회 심의 대상"),
    select_related=("body",),
)
register(
    TaskDeliberation,
    documents=True,
    table=tables.TaskDeliberationTable,
    filterset=f.TaskDeliberationFilterSet,
    form=forms.TaskDeliberationForm,
    serializer=s.TaskDeliberationSerializer,
    menu=("acquisition", "과업심의"),
    select_related=("project", "body", "rfp"),
    can_add=False,
    can_delete=False,
    fixed_after_create=("project",),
    conditions={"change": Condition(lambda r: r.state == DeliberationState.DRAFT, E.DELIBERATION_SUBMITTED)},
    detail_template="acquisition/deliberation_detail.html",
    detail_context=_context("deliberation_context"),
)
register(
    RequirementCategory,
    table=tables.RequirementCategoryTable,
    filterset=f.RequirementCategoryFilterSet,
    form=forms.RequirementCategoryForm,
    serializer=s.RequirementCategorySerializer,
    menu=("acquisition", "요구사항 분류"),
)
register(
    RfpTemplate,
    table=tables.RfpTemplateTable,
    filterset=f.RfpTemplateFilterSet,
    form=forms.RfpTemplateForm,
    serializer=s.RfpTemplateSerializer,
    menu=("acquisition", "제안요청서 양식"),
    conditions={
        "change": Condition(lambda r: not r.is_published, E.TEMPLATE_PUBLISHED),
        "delete": Condition(lambda r: not r.is_published, E.TEMPLATE_PUBLISHED),
    },
    detail_template="acquisition/template_detail.html",
    detail_context=_context("template_context"),
)
register(
    Rfp,
    documents=True,
    table=tables.RfpTable,
    filterset=f.RfpFilterSet,
    form=forms.RfpForm,
    serializer=s.RfpSerializer,
    menu=("acquisition", "제안요청서"),
    select_related=("project", "template"),
    can_add=False,
    can_delete=False,
    fixed_after_create=("project",),
    conditions={"change": Condition(lambda r: r.state == RfpState.DRAFT, E.RFP_ORDERED)},
    detail_template="acquisition/rfp_detail.html",
    detail_context=_context("rfp_context"),
)
register(
    RfpSection,
    table=tables.RfpSectionTable,
    filterset=f.RfpSectionFilterSet,
    form=forms.RfpSectionForm,
    serializer=s.RfpSectionSerializer,
    select_related=("rfp",),
    can_add=False,
    can_delete=False,
    fixed_after_create=("rfp", "order"),
    conditions={"change": RFP_DRAFT},
)
register(
    Requirement,
    table=tables.RequirementTable,
    filterset=f.RequirementFilterSet,
    form=forms.RequirementForm,
    serializer=s.RequirementSerializer,
    select_related=("rfp", "category"),
    fixed_after_create=("rfp", "category"),
    conditions={"change": RFP_DRAFT, "delete": RFP_DRAFT},
)
register(
    RfpSelfCheck,
    table=tables.RfpSelfCheckTable,
    filterset=f.RfpSelfCheckFilterSet,
    serializer=s.RfpSelfCheckSerializer,
    select_related=("rfp",),
    **READ_ONLY,
)
register(
    OrderingRequest,
    documents=True,
    table=tables.OrderingRequestTable,
    filterset=f.OrderingRequestFilterSet,
    form=forms.OrderingRequestForm,
    serializer=s.OrderingRequestSerializer,
    menu=("acquisition", "발주 의뢰"),
    select_related=("project", "rfp"),
    can_add=False,
    can_delete=False,
    fixed_after_create=("project", "rfp"),
    conditions={"change": Condition(lambda r: r.state == OrderingState.DRAFT, E.ORDERING_SUBMITTED)},
    detail_template="acquisition/ordering_detail.html",
    detail_context=_context("ordering_context"),
)
register(
    OrderingCheck,
    table=tables.OrderingCheckTable,
    filterset=f.OrderingCheckFilterSet,
    serializer=s.OrderingCheckSerializer,
    select_related=("request__project",),  # its name is the request's, which is the project's
    **READ_ONLY,
)
register(
    ProjectRestructuring,
    table=tables.ProjectRestructuringTable,
    filterset=f.ProjectRestructuringFilterSet,
    serializer=s.ProjectRestructuringSerializer,
    menu=("acquisition", "사업 통합·분리"),
    select_related=("decided_by",),
    prefetch_related=("sources", "results"),
    **READ_ONLY,
)
register(
    ExpertField,
    table=tables.ExpertFieldTable,
    filterset=f.ExpertFieldFilterSet,
    form=forms.ExpertFieldForm,
    serializer=s.ExpertFieldSerializer,
    menu=("acquisition", "전문분야"),
)
register(
    Expert,
    table=tables.ExpertTable,
    filterset=f.ExpertFilterSet,
    form=forms.ExpertForm,
    serializer=s.ExpertSerializer,
    menu=("acquisition", "전문가 명부"),
    prefetch_related=("specialties",),
    related=[
        ("근무 이력 (이해관계 확인)", "employments", tables.ExpertEmploymentTable),
        ("위촉 제한", "exclusions", tables.ExpertExclusionTable),
    ],
)
register(
    ExpertEmployment,
    table=tables.ExpertEmploymentTable,
    filterset=f.ExpertEmploymentFilterSet,
    form=forms.ExpertEmploymentForm,
    serializer=s.ExpertEmploymentSerializer,
    select_related=("expert", "company"),
)
register(
    ExpertExclusion,
    table=tables.ExpertExclusionTable,
    filterset=f.ExpertExclusionFilterSet,
    form=forms.ExpertExclusionForm,
    serializer=s.ExpertExclusionSerializer,
    select_related=("expert",),
)
register(
    Evaluation,
    documents=True,
    table=tables.EvaluationTable,
    filterset=f.EvaluationFilterSet,
    form=forms.EvaluationForm,
    serializer=s.EvaluationSerializer,
    menu=("acquisition", "제안서 평가"),
    select_related=("project", "unit"),
    prefetch_related=("required_fields",),
    can_add=False,
    can_delete=False,
    conditions={"change": Condition(lambda r: r.state == EvaluationState.DRAFT, E.EVALUATION_STARTED)},
    detail_fields=EVALUATION_FIELDS,
    detail_template="acquisition/evaluation_detail.html",
    detail_context=_context("evaluation_context"),
)
register(
    EvaluationItem,
    table=tables.EvaluationItemTable,
    filterset=f.EvaluationItemFilterSet,
    form=forms.EvaluationItemForm,
    serializer=s.EvaluationItemSerializer,
    select_related=("evaluation",),
    fixed_after_create=("evaluation",),
    conditions={"change": EVALUATION_DRAFT_ITEMS, "delete": EVALUATION_DRAFT_ITEMS},
)
register(
    Proposal,
    table=tables.ProposalTable,
    filterset=f.ProposalFilterSet,
    form=forms.ProposalForm,
    serializer=s.ProposalSerializer,
    select_related=("evaluation", "company"),
    prefetch_related=("representatives",),
    fixed_after_create=("evaluation",),
    conditions={"change": EVALUATION_DRAFT_PROPOSALS, "delete": EVALUATION_DRAFT_PROPOSALS},
)
register(
    EvaluatorDraw,
    table=tables.EvaluatorDrawTable,
    filterset=f.EvaluatorDrawFilterSet,
    serializer=s.EvaluatorDrawSerializer,
    menu=("acquisition", "평가위원 추출"),
    select_related=("evaluation__project",),
    detail_template="acquisition/draw_detail.html",
    detail_context=_context("draw_context"),
    **READ_ONLY,
)
add_menu_item("acquisition", "전문가 명부 현황", "acquisition:expert_pool", "acquisition.view_expert")
add_menu_item(
    "acquisition",
    "사업 통합·분리하기",
    "acquisition:restructure",
    "acquisition.view_projectrestructuring",
    staff_only=True,
)

"""Chapter 4 in the API. What a serializer lists is what the API shows; only a type's form fields are writable.

A draw's secret is shown only once it is revealed; score sheets are not in the API (only the scoring page, a15.8).
"""

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from itms.core.serializers import ItmsModelSerializer

from .. import models as m


def _serializer(model_, fields_):
    class Serializer(ItmsModelSerializer):
        class Meta:
            model = model_
            fields = ("id", "display", "url", *fields_)

    Serializer.__name__ = f"{model_.__name__}Serializer"
    return Serializer


PreConsultationSerializer = _serializer(
    m.PreConsultation,
    (
        "project",
        *m.PreConsultation.FACTS,
        "state",
        "assessment",
        "applied_on",
        "reply_on",
        "reply_summary",
        "objection_on",
        "objection",
        "answer_on",
        "answer_summary",
        "reflected_at",
    ),
)
ConsultationResultSerializer = _serializer(
    m.ConsultationResult, ("consultation", "number", "finding", "reflection", "reflected_at")
)
SecurityReviewSerializer = _serializer(
    m.SecurityReview,
    (
        "project",
        "rfp",
        "request_note",
        "state",
        "requested_at",
        "result_summary",
        "nis_consulted_on",
        "nis_summary",
        "notified_at",
        "verified_at",
        "verification_note",
    ),
)
# Named apart from Chapter 5's 보안약점 finding and requirement (execution), which have the same model names: one
# component name for both made the schema describe one app's rows with the other's fields.
SecurityFindingSerializer = extend_schema_serializer(component_name="SecurityReviewFinding")(
    _serializer(m.SecurityFinding, ("review", "number", "source", "finding", "reflection", "reflected_at"))
)
TaskCommitteeScopeSerializer = _serializer(
    m.TaskCommitteeScope, ("body", "project_kinds", "deliberation_kinds", "min_budget", "max_budget", "note")
)
TaskDeliberationSerializer = _serializer(
    m.TaskDeliberation,
    (
        "project",
        "kind",
        "rfp",
        "content",
        "period_months",
        "amount",
        "requested_by_contractor",
        "state",
        "body",
        "requested_at",
        "decided_at",
        "decision",
        "reflection",
        "reflected_at",
        "answer",
        "answered_at",
    ),
)
RequirementCategorySerializer = _serializer(m.RequirementCategory, ("code", "name", "scope_note", "order", "is_active"))
RfpTemplateSerializer = _serializer(
    m.RfpTemplate, ("name", "version", "project_kinds", "chapters", "note", "published_at")
)
RfpSerializer = _serializer(
    m.Rfp,
    ("project", "template", "title", "budget", "period_months", "contract_method", "technical_weight", "state"),
)
RfpSectionSerializer = _serializer(m.RfpSection, ("rfp", "order", "number", "title", "body"))


@extend_schema_serializer(component_name="RfpRequirement")
class RequirementSerializer(ItmsModelSerializer):
    code = serializers.CharField(read_only=True)

    class Meta:
        model = m.Requirement
        fields = (
            "id",
            "display",
            "url",
            "rfp",
            "category",
            "code",
            "name",
            "definition",
            "details",
            "deliverable",
            "related",
            "source",
        )


RfpSelfCheckSerializer = _serializer(m.RfpSelfCheck, ("rfp", "code", "question", "answer", "note"))
OrderingRequestSerializer = _serializer(
    m.OrderingRequest,
    ("project", "rfp", "note", "urgent", "state", "requested_at", "notice_number", "notice_on", "proposal_due_on"),
)
OrderingCheckSerializer = _serializer(m.OrderingCheck, ("request", "code", "requirement", "basis", "result", "note"))
ProjectRestructuringSerializer = _serializer(
    m.ProjectRestructuring, ("kind", "reason", "decided_by", "decided_at", "sources", "results")
)
ExpertFieldSerializer = _serializer(m.ExpertField, ("code", "name"))
ExpertSerializer = _serializer(
    m.Expert,
    (
        "code",
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
    ),
)
ExpertEmploymentSerializer = _serializer(
    m.ExpertEmployment, ("expert", "company", "company_name", "start_date", "end_date")
)
ExpertExclusionSerializer = _serializer(m.ExpertExclusion, ("expert", "kind", "reason", "start_date", "end_date"))
EvaluationSerializer = _serializer(
    m.Evaluation,
    (
        "project",
        "ordering_request",
        "kind",
        "method",
        "unit",
        "title",
        "evaluation_at",
        "place",
        "estimated_price",
        "planned_price",
        "price_basis",
        "technical_weight",
        "committee_size",
        "required_fields",
        "pass_rule",
        "state",
        "body",
        "meeting",
        "formed_at",
        "locked_at",
        "result_hash",
        "suitability_passed",
        "notified_at",
        "notice_reference",
    ),
)
EvaluationItemSerializer = _serializer(
    m.EvaluationItem, ("evaluation", "order", "area", "name", "kind", "points", "evidence")
)
ProposalSerializer = _serializer(m.Proposal, ("evaluation", "company", "bid_price", "submitted_on", "representatives"))


class EvaluatorDrawSerializer(ItmsModelSerializer):
    """The draw record; the secret only once revealed (before that, its hash is the commitment)."""

    secret = serializers.SerializerMethodField()

    class Meta:
        model = m.EvaluatorDraw
        fields = (
            "id",
            "display",
            "url",
            "evaluation",
            "number",
            "replaces",
            "reason",
            "needed",
            "algorithm",
            "state",
            "eligible",
            "list_hash",
            "secret_hash",
            "secret",
            "committed_at",
            "revealed_at",
            "order",
            "completed_at",
            "failed_reason",
        )

    def get_secret(self, obj) -> str | None:
        return obj.secret if obj.revealed_at else None

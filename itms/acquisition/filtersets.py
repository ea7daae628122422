from itms.core.filtersets import ItmsFilterSet

from . import models as m


def _filterset(model_, search, fields_):
    class FilterSet(ItmsFilterSet):
        search_fields = search

        class Meta:
            model = model_
            fields = ("q", *fields_)

    FilterSet.__name__ = f"{model_.__name__}FilterSet"
    return FilterSet


PreConsultationFilterSet = _filterset(m.PreConsultation, ("project__name",), ("state", "project__sponsor_unit"))
ConsultationResultFilterSet = _filterset(m.ConsultationResult, ("finding", "reflection"), ("consultation",))
SecurityReviewFilterSet = _filterset(m.SecurityReview, ("project__name",), ("state", "project__sponsor_unit"))
SecurityFindingFilterSet = _filterset(m.SecurityFinding, ("finding", "reflection"), ("review", "source"))
TaskCommitteeScopeFilterSet = _filterset(m.TaskCommitteeScope, ("note", "body__name"), ("body",))
TaskDeliberationFilterSet = _filterset(
    m.TaskDeliberation, ("project__name", "content"), ("state", "kind", "body", "project__sponsor_unit")
)
RequirementCategoryFilterSet = _filterset(m.RequirementCategory, ("code", "name"), ("is_active",))
RfpTemplateFilterSet = _filterset(m.RfpTemplate, ("name", "note"), ("name",))
RfpFilterSet = _filterset(m.Rfp, ("title", "project__name"), ("state", "technical_weight", "project__sponsor_unit"))
RfpSectionFilterSet = _filterset(m.RfpSection, ("title", "body"), ("rfp",))
RequirementFilterSet = _filterset(m.Requirement, ("name", "definition", "details"), ("rfp", "category"))
RfpSelfCheckFilterSet = _filterset(m.RfpSelfCheck, ("question", "note"), ("rfp", "answer"))
OrderingRequestFilterSet = _filterset(m.OrderingRequest, ("project__name", "notice_number"), ("state", "urgent"))
OrderingCheckFilterSet = _filterset(m.OrderingCheck, ("requirement", "note"), ("request", "result"))
ProjectRestructuringFilterSet = _filterset(m.ProjectRestructuring, ("reason",), ("kind",))
ExpertFieldFilterSet = _filterset(m.ExpertField, ("code", "name"), ())
ExpertFilterSet = _filterset(m.Expert, ("code", "name", "affiliation", "title"), ("specialties", "is_available"))
ExpertEmploymentFilterSet = _filterset(m.ExpertEmployment, ("company_name", "expert__name"), ("expert",))
ExpertExclusionFilterSet = _filterset(m.ExpertExclusion, ("reason", "expert__name"), ("expert", "kind"))
EvaluationFilterSet = _filterset(m.Evaluation, ("title", "project__name"), ("state", "kind", "method", "unit"))
EvaluationItemFilterSet = _filterset(m.EvaluationItem, ("area", "name"), ("evaluation", "kind"))
ProposalFilterSet = _filterset(m.Proposal, ("company__name",), ("evaluation",))
EvaluatorDrawFilterSet = _filterset(m.EvaluatorDraw, ("evaluation__title",), ("state", "evaluation"))

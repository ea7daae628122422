from itms.core.serializers import ItmsModelSerializer

from .. import models as m


def _serializer(model_, fields_):
    class Serializer(ItmsModelSerializer):
        class Meta:
            model = model_
            fields = ("id", "display", "url", *fields_)

    Serializer.__name__ = f"{model_.__name__}Serializer"
    return Serializer


StrategicPlanSerializer = _serializer(m.StrategicPlan, ("title", "start_year", "end_year", "vision", "state"))
StrategicGoalSerializer = _serializer(m.StrategicGoal, ("plan", "number", "title"))
StrategicTaskSerializer = _serializer(m.StrategicTask, ("goal", "number", "title", "description"))
OpinionRequestSerializer = _serializer(m.OpinionRequest, ("plan", "unit", "due_date", "opinion", "responded_at"))
PlanningCycleSerializer = _serializer(
    m.PlanningCycle, ("year", "opened_at", "detailed_plan_due", "detailed_plan_notice")
)
PreReviewSerializer = _serializer(
    m.PreReview,
    (
        "cycle",
        "project",
        *m.PreReview.SECTIONS,
        "state",
        "submitted_at",
        *m.PreReview.FINDINGS,
        "materials",
        "reviewed_at",
    ),
)
ProjectPlanSerializer = _serializer(
    m.ProjectPlan,
    (
        "cycle",
        "project",
        "changes_systems",
        *m.ProjectPlan.SECTIONS,
        "state",
        "submitted_at",
        "hold_reason",
        "priority_rank",
        "approved_budget",
        "decided_at",
    ),
)
ImpactReviewSerializer = _serializer(
    m.ImpactReview,
    (
        "plan",
        "round",
        "it_unit",
        "systems",
        "requested_on",
        "state",
        "reply",
        "replied_at",
        "reflection",
        "reflected_at",
    ),
)
EAReviewSerializer = _serializer(
    m.EAReview, ("plan", "effectiveness", "duplication", "feasibility_budget", "bpr_isp", "new_tech_justification")
)
DetailedPlanSerializer = _serializer(
    m.DetailedPlan, ("cycle", "project", "state", "submitted_at", *m.DetailedPlan.REVIEW_POINTS)
)

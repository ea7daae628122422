from itms.core.filtersets import ItmsFilterSet

from .models import (
    DetailedPlan,
    EAReview,
    ImpactReview,
    OpinionRequest,
    PlanningCycle,
    PreReview,
    ProjectPlan,
    StrategicGoal,
    StrategicPlan,
    StrategicTask,
)


def _filterset(model_, search, fields_):
    class FilterSet(ItmsFilterSet):
        search_fields = search

        class Meta:
            model = model_
            fields = ("q", *fields_)

    FilterSet.__name__ = f"{model_.__name__}FilterSet"
    return FilterSet


StrategicPlanFilterSet = _filterset(StrategicPlan, ("title", "vision"), ("start_year",))
StrategicGoalFilterSet = _filterset(StrategicGoal, ("title",), ("plan",))
StrategicTaskFilterSet = _filterset(StrategicTask, ("title", "description"), ("goal__plan",))
OpinionRequestFilterSet = _filterset(OpinionRequest, ("unit__name", "opinion"), ("plan", "unit"))
PlanningCycleFilterSet = _filterset(PlanningCycle, (), ("year",))
PreReviewFilterSet = _filterset(PreReview, ("project__name",), ("cycle", "state", "project__sponsor_unit"))
ProjectPlanFilterSet = _filterset(
    ProjectPlan, ("project__name",), ("cycle", "state", "project__sponsor_unit", "project__kind")
)
ImpactReviewFilterSet = _filterset(
    ImpactReview, ("plan__project__name", "it_unit__name"), ("plan__cycle", "state", "it_unit", "round")
)
EAReviewFilterSet = _filterset(EAReview, ("plan__project__name",), ("plan__cycle",))
DetailedPlanFilterSet = _filterset(DetailedPlan, ("project__name",), ("cycle", "state"))

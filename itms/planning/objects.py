from itms.core.menu import add_menu_item
from itms.core.registry import Condition, register, views_context

from . import filtersets as f
from . import forms, tables
from .api import serializers as s
from .error_codes import PlanningErrors
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


def _context(name):
    return views_context(__package__, name)


DRAFT_ONLY = Condition(lambda record: record.state == "draft", PlanningErrors.SUBMITTED)

register(
    StrategicPlan,
    documents=True,
    table=tables.StrategicPlanTable,
    filterset=f.StrategicPlanFilterSet,
    form=forms.StrategicPlanForm,
    serializer=s.StrategicPlanSerializer,
    menu=("planning", "중장기 전략계획"),
    related=[
        ("전략목표", "goals", tables.StrategicGoalTable),
        ("의견 수렴", "opinion_requests", tables.OpinionRequestTable),
    ],
    detail_template="planning/strategic_plan_detail.html",
    detail_context=_context("strategic_plan_context"),
)
register(
    StrategicGoal,
    table=tables.StrategicGoalTable,
    filterset=f.StrategicGoalFilterSet,
    form=forms.StrategicGoalForm,
    serializer=s.StrategicGoalSerializer,
    select_related=("plan",),
    related=[("전략과제", "tasks", tables.StrategicTaskTable)],
)
register(
    StrategicTask,
    table=tables.StrategicTaskTable,
    filterset=f.StrategicTaskFilterSet,
    form=forms.StrategicTaskForm,
    serializer=s.StrategicTaskSerializer,
    select_related=("goal__plan",),
    menu=("planning", "전략과제"),
)
register(
    OpinionRequest,
    table=tables.OpinionRequestTable,
    filterset=f.OpinionRequestFilterSet,
    serializer=s.OpinionRequestSerializer,
    select_related=("plan", "unit"),
    can_add=False,
    can_edit=False,
    can_delete=False,
    detail_template="planning/opinion_detail.html",
    detail_context=_context("opinion_context"),
)
register(
    PlanningCycle,
    table=tables.PlanningCycleTable,
    filterset=f.PlanningCycleFilterSet,
    serializer=s.PlanningCycleSerializer,
    menu=("planning", "연도별 계획 주기"),
    can_add=False,
    can_edit=False,
    can_delete=False,
    detail_template="planning/cycle_board.html",
    detail_context=_context("cycle_context"),
)
register(
    PreReview,
    documents=True,
    table=tables.PreReviewTable,
    filterset=f.PreReviewFilterSet,
    form=forms.PreReviewForm,
    serializer=s.PreReviewSerializer,
    menu=("planning", "사전검토"),
    select_related=("cycle", "project"),
    can_add=False,
    can_delete=False,
    conditions={"change": DRAFT_ONLY},
)
register(
    ProjectPlan,
    documents=True,
    table=tables.ProjectPlanTable,
    filterset=f.ProjectPlanFilterSet,
    form=forms.ProjectPlanForm,
    serializer=s.ProjectPlanSerializer,
    menu=("planning", "사업계획서"),
    select_related=("cycle", "project"),
    can_add=False,
    can_delete=False,
    conditions={"change": DRAFT_ONLY},
    related=[("영향도 검토", "impact_reviews", tables.ImpactReviewTable)],
    detail_template="planning/plan_detail.html",
    detail_context=_context("plan_context"),
)
register(
    ImpactReview,
    documents=True,
    table=tables.ImpactReviewTable,
    filterset=f.ImpactReviewFilterSet,
    serializer=s.ImpactReviewSerializer,
    menu=("planning", "영향도 검토"),
    select_related=("plan__project", "plan__cycle", "it_unit"),
    prefetch_related=("systems",),
    can_add=False,
    can_edit=False,
    can_delete=False,
    detail_template="planning/impact_review_detail.html",
    detail_context=_context("impact_review_context"),
)
register(
    EAReview,
    documents=True,
    table=tables.EAReviewTable,
    filterset=f.EAReviewFilterSet,
    form=forms.EAReviewForm,
    serializer=s.EAReviewSerializer,
    select_related=("plan__project",),
    can_add=False,
    can_delete=False,
    conditions={"change": Condition(lambda r: r.plan.state in ("ea_review", "on_hold"), PlanningErrors.EA_CLOSED)},
)
register(
    DetailedPlan,
    documents=True,
    table=tables.DetailedPlanTable,
    filterset=f.DetailedPlanFilterSet,
    serializer=s.DetailedPlanSerializer,
    menu=("planning", "세부 사업계획"),
    select_related=("cycle", "project"),
    can_add=False,
    can_edit=False,
    can_delete=False,
    detail_template="planning/detailed_plan_detail.html",
    detail_context=_context("detailed_plan_context"),
)
add_menu_item("planning", "포트폴리오", "planning:portfolio")

import django_tables2 as tables

from itms.core.tables import DateColumn, ItmsTable, MoneyColumn, ObjectColumn

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


class StrategicPlanTable(ItmsTable):
    title = tables.Column(linkify=True)

    class Meta(ItmsTable.Meta):
        model = StrategicPlan
        fields = ("title", "start_year", "end_year", "state")


class StrategicGoalTable(ItmsTable):
    goal = ObjectColumn(verbose_name="전략목표")
    plan = tables.Column(linkify=True)

    class Meta(ItmsTable.Meta):
        model = StrategicGoal
        fields = ("goal", "plan")


class StrategicTaskTable(ItmsTable):
    task = ObjectColumn(verbose_name="전략과제")
    goal = tables.Column(linkify=True)

    class Meta(ItmsTable.Meta):
        model = StrategicTask
        fields = ("task", "goal")


class OpinionRequestTable(ItmsTable):
    request = ObjectColumn(verbose_name="의견 요청")
    due_date = DateColumn()
    responded_at = DateColumn()

    class Meta(ItmsTable.Meta):
        model = OpinionRequest
        fields = ("request", "due_date", "responded_at")


class PlanningCycleTable(ItmsTable):
    cycle = ObjectColumn(verbose_name="계획 주기")
    opened_at = DateColumn()
    detailed_plan_due = DateColumn()

    class Meta(ItmsTable.Meta):
        model = PlanningCycle
        fields = ("cycle", "year", "opened_at", "detailed_plan_due")


class PreReviewTable(ItmsTable):
    review = ObjectColumn(verbose_name="사전검토")
    submitted_at = DateColumn()
    reviewed_at = DateColumn()

    class Meta(ItmsTable.Meta):
        model = PreReview
        fields = ("review", "state", "submitted_at", "reviewed_at")


class ProjectPlanTable(ItmsTable):
    plan = ObjectColumn(verbose_name="사업계획")
    submitted_at = DateColumn()
    approved_budget = MoneyColumn()

    class Meta(ItmsTable.Meta):
        model = ProjectPlan
        fields = ("plan", "state", "submitted_at", "priority_rank", "approved_budget")


class ImpactReviewTable(ItmsTable):
    review = ObjectColumn(verbose_name="영향도 검토")
    requested_on = DateColumn()
    replied_at = DateColumn()

    class Meta(ItmsTable.Meta):
        model = ImpactReview
        fields = ("review", "round", "it_unit", "requested_on", "state", "replied_at")


class EAReviewTable(ItmsTable):
    review = ObjectColumn(verbose_name="EA 검토")

    class Meta(ItmsTable.Meta):
        model = EAReview
        fields = ("review",)


class DetailedPlanTable(ItmsTable):
    detailed = ObjectColumn(verbose_name="세부계획")
    submitted_at = DateColumn()

    class Meta(ItmsTable.Meta):
        model = DetailedPlan
        fields = ("detailed", "state", "submitted_at")

import django_tables2 as tables

from itms.core.formats import format_date
from itms.core.tables import DateColumn, ItmsTable, MoneyColumn, ObjectColumn
from itms.regulation.due import DueColumn

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
    due = DueColumn()  # the request's own date, with who owes it and how it was set (a6.2)
    responded_at = DateColumn()

    class Meta(ItmsTable.Meta):
        model = OpinionRequest
        fields = ("request", "due", "responded_at")


class PlanningCycleTable(ItmsTable):
    cycle = ObjectColumn(verbose_name="계획 주기")
    opened_at = DateColumn()
    pre_review_due = tables.Column(accessor="year", verbose_name="사전검토 의뢰 기한", orderable=False)
    detailed_plan_due = DateColumn()

    class Meta(ItmsTable.Meta):
        model = PlanningCycle
        fields = ("cycle", "year", "opened_at", "pre_review_due", "detailed_plan_due")

    def render_opened_at(self, value, record):
        # A cycle opened on its day by the schedule has no account behind it (itms.planning.cycles).
        return f"{format_date(value)}{'' if record.opened_by_id else ' (자동 개시)'}"

    def render_pre_review_due(self, value):
        from .cycles import pre_review_deadline

        return format_date(pre_review_deadline(value))

    value_pre_review_due = render_pre_review_due


class PreReviewTable(ItmsTable):
    review = ObjectColumn(verbose_name="사전검토")
    due = DueColumn()  # the request (a8.1) while a draft, then the 정보기획담당관's result (a8.2)
    submitted_at = DateColumn()
    reviewed_at = DateColumn()

    class Meta(ItmsTable.Meta):
        model = PreReview
        fields = ("review", "state", "due", "submitted_at", "reviewed_at")


class ProjectPlanTable(ItmsTable):
    plan = ObjectColumn(verbose_name="사업계획")
    due = DueColumn()  # the submission by 4/30 of Y-1 (a8.3)
    submitted_at = DateColumn()
    approved_budget = MoneyColumn()

    class Meta(ItmsTable.Meta):
        model = ProjectPlan
        fields = ("plan", "state", "due", "submitted_at", "priority_rank", "approved_budget")


class ImpactReviewTable(ItmsTable):
    review = ObjectColumn(verbose_name="영향도 검토")
    requested_on = DateColumn()
    due = DueColumn()  # the reply within 14 days of receipt (a8.5)
    replied_at = DateColumn()

    class Meta(ItmsTable.Meta):
        model = ImpactReview
        fields = ("review", "round", "it_unit", "requested_on", "state", "due", "replied_at")


class EAReviewTable(ItmsTable):
    review = ObjectColumn(verbose_name="EA 검토")

    class Meta(ItmsTable.Meta):
        model = EAReview
        fields = ("review",)


class DetailedPlanTable(ItmsTable):
    detailed = ObjectColumn(verbose_name="세부계획")
    due = DueColumn()  # the submission by 12/31 of Y-1 or the notified date (a9.1)
    submitted_at = DateColumn()

    class Meta(ItmsTable.Meta):
        model = DetailedPlan
        fields = ("detailed", "state", "due", "submitted_at")

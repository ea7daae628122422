"""Deadlines of Chapter 3."""

from functools import cache

from itms.accounts.directory import roles_of, unit_with_descendants, units_of
from itms.accounts.roles import Role
from itms.projects.models import Project
from itms.regulation.due import Ref, register_due_subjects
from itms.regulation.obligations import FixedDate, Forward, ObligationType, register_obligation_type
from itms.regulation.work import Work, register_work

from .models import DetailedPlan, ImpactReview, PreReview, ProjectPlan, StrategicPlan, _project_unit

register_obligation_type(
    ObligationType(
        "pre_review_request",
        "사전검토 의뢰",
        ("a8.1",),
        rule=FixedDate("pre_review_due"),
        description="사업추진부서장은 매년 1월 31일까지 다음연도 정보화 사업계획의 사전검토를 의뢰한다.",
    )
)
register_obligation_type(
    ObligationType(
        "plan_submission",
        "정보화 사업계획서 제출",
        ("a8.3",),
        rule=FixedDate("plan_due"),
        description="사업개시 전년도 4월 말까지 사업계획서를 정보기획담당관에게 제출한다.",
    )
)
register_obligation_type(
    ObligationType(
        "detailed_plan_submission",
        "세부 사업계획 제출",
        ("a9.1",),
        rule=FixedDate("detailed_plan_due"),
        description="사업개시 전년도 12월 말까지 (또는 정보기획담당관이 통보한 기한까지) 세부 사업계획을 제출한다.",
    )
)
register_obligation_type(
    ObligationType(
        "impact_review_reply",
        "영향도 검토 회신",
        ("a8.5", "a8.4"),
        rule=Forward("impact_review_days"),
        owed_by_role=Role.IT_DEPARTMENT_HEAD,
        description="정보화부서장은 영향도 검토 요청을 받은 날로부터 14일 이내에 결과를 회신한다.",
    )
)
register_obligation_type(
    ObligationType(
        "strategy_opinion",
        "전략계획 의견 제출",
        ("a6.2",),
        description="지능정보화책임관이 전략계획 수립을 위해 각 국·실 및 소속기관의 의견을 종합·조정한다.",
    )
)
register_obligation_type(
    ObligationType(
        "pre_review_result",
        "사전검토 결과 통보",
        ("a8.2",),
        rule=Forward("pre_review_result_days"),
        owed_by_role=Role.IT_PLANNING_OFFICER,
        description=(
            "정보기획담당관은 사전검토를 의뢰받은 사업계획서의 기능 중복, 자원 재활용, 연계·통합을 검토하여 결과를 "
            "통보한다. 훈령에 기한이 없어, 사업추진부서가 결과를 반영하여 4월 말까지 사업계획서를 내도록(제8조제3항) "
            "의뢰받은 날부터 규정 값(pre_review_result_days)의 기간 이내로 둔다."
        ),
    )
)


# --- which deadlines each record answers (itms.regulation.due): the list column and the detail panel -----------------
def _cycle_refs(kind: str):
    """A cycle's calendar submissions are owed per project (key cycle-Y, actions.enroll_project)."""

    def refs(record) -> list[Ref]:
        return [Ref(Project, record.project_id, (kind,), f"cycle-{record.cycle.year}")]

    return refs


register_due_subjects(PreReview, _cycle_refs("pre_review_request"))
register_due_subjects(ProjectPlan, _cycle_refs("plan_submission"))
register_due_subjects(DetailedPlan, _cycle_refs("detailed_plan_submission"))


# --- whose step each record waits for (itms.regulation.work): 내 할 일 ------------------------------------------------
@cache  # one function per prefix: the work list asks a scope once for all the steps that share it
def _sponsoring(prefix: str = "project"):
    """Records of projects the user's departments sponsor or co-perform (the 사업추진부서's own, a2.0.8)."""

    def scope(user, queryset):
        return queryset.filter(_project_unit(prefix)(user, unit_with_descendants(units_of(user))))

    return scope


def _it_department(user, queryset):
    """Impact reviews addressed to a department the user heads as 정보화부서장 (a8.5)."""
    units = {g.unit_id for g in roles_of(user) if g.role == Role.IT_DEPARTMENT_HEAD}
    return queryset.filter(it_unit_id__in=units)


SPONSOR = _sponsoring()
register_work(PreReview, Work("submit", SPONSOR), Work("notify_result"))
register_work(
    ProjectPlan,
    Work("submit", SPONSOR),
    Work("submit_no_system", SPONSOR),
    Work("begin_ea_review", ready=True),  # waits on the IT departments' replies until they are all in (a8.5)
    Work("to_council"),  # the EA review to write (a8.6)
)
register_work(ImpactReview, Work("reply", _it_department), Work("reflect", _sponsoring("plan__project")))
register_work(DetailedPlan, Work("submit", SPONSOR), Work("review"), Work("to_council", ready=True))
register_work(StrategicPlan, Work("adopt", ready=True))

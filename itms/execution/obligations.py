"""Deadlines of Chapter 5: kickoff (a18.1), the acceptance-test request (a20.3, a backward period), inspection
(a22, 국가계약법 시행령 제55조), the defect-liability period (SW진흥법 제60조) and the answer to a contractor's
request for deliberation (SW진흥법 제50조)."""

from functools import cache

from itms.projects.models import ProjectParticipant
from itms.regulation.obligations import Backward, Forward, ObligationType, register_obligation_type
from itms.regulation.work import Work, register_work

from .models import AcceptanceTest, ChangeRequest, Contract, Deliverable, ExecutionPlan
from .models.scopes import CONTRACTOR_ROLES, _projects_of_units

register_obligation_type(
    ObligationType(
        "kickoff_submission",
        "착수계·사업수행계획서 접수",
        ("a18.1",),
        rule=Forward("kickoff_days"),
        description="사업추진부서장은 계약 체결 후 사업수행업체로부터 투입인력·추진일정·품질관리 계획·산출물 제출 계획 등 "
        "사업수행계획서를 제출받는다 (착수계 10일).",
    )
)
register_obligation_type(
    ObligationType(
        "acceptance_test_request",
        "인수테스트 요청",
        ("a20.3",),
        rule=Backward("acceptance_test_lead_days", "acceptance_test_counting", event="검사 완료 예정일"),
        description="사업추진부서장은 검사를 완료하기 최소 14일 전까지 정보화부서장에게 인수테스트를 요청한다.",
    )
)
register_obligation_type(
    ObligationType(
        "inspection",
        "검사",
        ("a22",),
        rule=Forward("inspection_days"),
        description="완료 통지(완료계)를 받은 날부터 14일 이내에 검사한다 (국가계약법 시행령 제55조제1항).",
    )
)
register_obligation_type(
    ObligationType(
        "defect_liability",
        "하자담보 기간 관리",
        ("a22", "a23.1"),
        description="최종 산출물 인도(인계)일부터 하자담보 기간 동안 하자를 접수·조치하고, 만료일에 종료를 확인한다 "
        "(소프트웨어 진흥법 제60조).",
    )
)
register_obligation_type(
    ObligationType(
        "task_change_reply",
        "과업심의 요청 결과 통보",
        ("a13.3",),
        rule=Forward("task_change_reply_days"),
        description="계약상대자가 과업내용 변경 심의를 요청하면 14일 이내에 심의 결과와 조치계획을 알린다 "
        "(소프트웨어 진흥법 제50조).",
    )
)


# --- 내 할 일 (itms.regulation.work): whose next step is waiting ------------------------------------------------
@cache  # one function per path: the work list asks a scope once for all the steps that share it
def _contractor_scope(path: str):
    def scope(user, qs):
        projects = (
            ProjectParticipant.objects.active_on().filter(user=user, role__in=CONTRACTOR_ROLES).values("project_id")
        )
        return qs.filter(**{f"{path}__in": projects})

    return scope


@cache
def _sponsor_scope(path: str):
    def scope(user, qs):
        from itms.accounts.directory import unit_with_descendants, units_of

        return qs.filter(**{f"{path}__in": _projects_of_units(unit_with_descendants(units_of(user)))})

    return scope


def _it_unit_scope(user, qs):
    from itms.accounts.directory import units_of

    return qs.filter(it_unit__in=units_of(user))


register_work(
    ExecutionPlan,
    Work("submit", scope=_contractor_scope("contract__project")),
    Work("approve", scope=_sponsor_scope("contract__project")),
    Work("request_revision", scope=_sponsor_scope("contract__project")),
)
register_work(
    Contract,
    Work("notify_completion", scope=_contractor_scope("project"), ready=True),
    Work("resubmit", scope=_contractor_scope("project")),
    Work("pass_inspection", scope=_sponsor_scope("project")),
    Work("request_correction", scope=_sponsor_scope("project")),
    Work("hand_over", scope=_sponsor_scope("project")),
    Work("close", scope=_sponsor_scope("project"), ready=True),
)
register_work(AcceptanceTest, Work("record_passed", scope=_it_unit_scope), Work("record_failed", scope=_it_unit_scope))
register_work(
    Deliverable,
    Work("accept", scope=_sponsor_scope("contract__project")),
    Work("return_for_revision", scope=_sponsor_scope("contract__project")),
)
register_work(
    ChangeRequest,
    Work("submit", scope=_sponsor_scope("contract__project")),
)

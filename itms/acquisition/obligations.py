"""Deadlines of Chapter 4, which record answers each, and whose step each record waits for (내 할 일)."""

from itms.accounts.directory import roles_of, unit_with_descendants, units_of
from itms.accounts.roles import Role
from itms.regulation.obligations import Backward, Forward, ObligationType, register_obligation_type
from itms.regulation.work import Work, register_work

from .models import (
    Evaluation,
    OrderingRequest,
    PreConsultation,
    SecurityReview,
    TaskDeliberation,
)
from .models.common import project_unit

register_obligation_type(
    ObligationType(
        "pre_consultation_reply",
        "사전협의 결과 회신 (행정안전부)",
        ("a11.2",),
        rule=Forward("pre_consultation_reply_days"),
        owed_by_role=Role.IT_PLANNING_OFFICER,
        description=(
            "사업추진부서장이 정보기획담당관에게 신청한 사전협의에 행정안전부장관은 30일 이내에 결과를 통보한다 "
            "(전자정부법 시행령 제83조). 정보기획담당관이 회신을 받아 기록한다."
        ),
    )
)
register_obligation_type(
    ObligationType(
        "pre_consultation_objection",
        "사전협의 결과 이의 제기 기한",
        ("a11.2",),
        rule=Forward("pre_consultation_objection_days"),
        description=(
            "협의 결과에 이의가 있으면 통보받은 날부터 15일 이내에 제기한다. 이의 없이 결과를 반영하면 이 기한도 "
            "'이의 없음'으로 닫힌다."
        ),
    )
)
register_obligation_type(
    ObligationType(
        "pre_consultation_answer",
        "사전협의 이의 회신 (행정안전부)",
        ("a11.2",),
        rule=Forward("pre_consultation_objection_answer_days"),
        owed_by_role=Role.IT_PLANNING_OFFICER,
        description="행정안전부장관은 이의를 받은 날부터 15일 이내에 결과를 통보한다.",
    )
)
register_obligation_type(
    ObligationType(
        "security_review_result",
        "보안성 검토 결과 통보",
        ("a12.2",),
        rule=Forward("security_review_result_days"),
        owed_by_role=Role.SECURITY_OFFICER,
        description="정보보안담당관은 국가정보원장 등과 협의하여 보안성 검토 결과를 사업추진부서장에게 통보한다.",
    )
)
register_obligation_type(
    ObligationType(
        "contractor_deliberation_answer",
        "계약상대자 과업심의 요청 결과 통보",
        ("a13.3",),
        rule=Forward("contractor_deliberation_answer_days"),
        description=(
            "계약상대자가 과업심의위원회 개최를 요청하면 요청받은 날부터 14일 이내에 심의 결과와 조치계획을 통보한다 "
            "(소프트웨어 진흥법 시행령 제47조; 동의를 받아 한 차례 14일 이내 연장)."
        ),
    )
)
register_obligation_type(
    ObligationType(
        "ordering_review",
        "발주요건 검토",
        ("a14.2",),
        rule=Forward("ordering_review_days"),
        description="정보기획담당관(소속·산하기관은 그 기관의 정보화부서장)은 발주 의뢰를 받아 각종 법규의 발주요건을 검토한다.",
    )
)
register_obligation_type(
    ObligationType(
        "evaluation_committee_formation",
        "기술평가위원회 구성",
        ("a15.4",),
        rule=Backward("evaluation_committee_lead_days", "evaluation_committee_counting", event="기술평가일"),
        owed_by_role=Role.IT_DEPARTMENT_HEAD,
        description=(
            "정보화부서장은 기술평가일부터 5일 전까지 평가위원회를 구성한다. 사업의 긴급성, 보안 및 특수성 등의 사유가 "
            "있으면 그 사유를 기록하고 늦게 구성할 수 있다."
        ),
    )
)
register_obligation_type(
    ObligationType(
        "evaluation_result_notice",
        "평가결과 조달청 통보",
        ("a15.8",),
        rule=Forward("evaluation_result_notice_days"),
        owed_by_role=Role.IT_DEPARTMENT_HEAD,
        description="정보화부서장은 평가결과를 조달청에 즉시 통보한다.",
    )
)


# --- whose step each record waits for (내 할 일) ---------------------------------------------------------------------
def _sponsoring(user, queryset):
    return queryset.filter(project_unit()(user, unit_with_descendants(units_of(user))))


def _conducting(user, queryset):
    """Evaluations conducted by an IT department the user heads or works in (a15.1)."""
    units = {g.unit_id for g in roles_of(user) if g.role in (Role.IT_DEPARTMENT_HEAD, Role.IT_DEPARTMENT_STAFF)}
    return queryset.filter(unit_id__in=units)


register_work(
    PreConsultation,
    Work("apply", _sponsoring),
    Work("conclude_not_required", _sponsoring),
    Work("record_reply"),
    Work("record_answer"),
    Work("reflect", _sponsoring, ready=True),
)
register_work(SecurityReview, Work("request", _sponsoring), Work("notify_result"), Work("verify", ready=True))
register_work(TaskDeliberation, Work("request", _sponsoring), Work("reflect", _sponsoring))
register_work(OrderingRequest, Work("request", _sponsoring, ready=True), Work("review", ready=True), Work("order"))
register_work(
    Evaluation,
    Work("start_selection", _conducting, ready=True),
    Work("form_committee", _conducting, ready=True),
    Work("notify_procurement", _conducting),
)

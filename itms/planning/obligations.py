"""Deadlines of Chapter 3."""

from itms.accounts.roles import Role
from itms.regulation.obligations import FixedDate, Forward, ObligationType, register_obligation_type

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

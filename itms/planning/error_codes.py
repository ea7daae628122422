"""Refusals of Chapter 3, each with the clause it enforces (read by the API, the screens and the coverage report)."""

from itms.core.errors import Code, ErrorCodes


class PlanningErrors(ErrorCodes):
    namespace = "planning"
    SUBMITTED = Code(
        "a8.1",
        "제출한 뒤에는 수정할 수 없습니다. 고칠 내용이 있으면 정보기획담당관과 협의하십시오.",
        status=409,
    )
    EA_CLOSED = Code("a8.6", "EA 검토는 검토 단계(또는 보류 중)에만 수정합니다.", status=409)
    HELD = Code(
        "a8.7",
        "보류된 사업계획은 정보기획담당관이 보류를 해제하기 전에는 심의·의결할 수 없습니다.",
        status=409,
    )
    OPINION_ROUND_CLOSED = Code("a6.2", "의견 수렴은 작성 중인 전략계획에만 요청할 수 있습니다.", status=409)
    OPINION_ROUND_WHO = Code(
        "a6.2", "의견 수렴은 지능정보화책임관(또는 정보기획담당관)이 요청합니다 (제6조제2항).", status=403
    )
    IT_PLANNING_ONLY = Code("a8.2", "이 일은 정보기획담당관만 할 수 있습니다.", status=403)
    NOT_THIS_CYCLE = Code("a8.1", "{year}년에 시작하는 사업만 이 계획 주기에 들어갑니다.")
    NOTICE_EMPTY = Code("a9.1", "작성내용·작성지침 등 통보 내용을 적어야 합니다 (제9조제1항).")
    NOTICE_YEAR = Code("a9.1", "{preparation}년 또는 {year}년의 날짜여야 합니다.")
    SPONSOR_OR_IT_PLANNING = Code("a8.1", "사업추진부서 또는 정보기획담당관만 작성할 수 있습니다.", status=403)
    NEGATIVE_BUDGET = Code("a9.1", "사업비는 0원 이상이어야 합니다.")
    ADJUST_REASON = Code("a9.2", "조정 사유를 적어야 합니다 (제9조제2항).")
    ADJUST_STATE = Code("a9.2", "제출된 세부계획만 조정할 수 있습니다.", status=409)
    OPINION_UNITS = Code("a6.2", "의견을 들을 국·실 또는 소속기관을 고르십시오.")
    OPINION_DUE = Code("a6.2", "제출 기한은 오늘 이후여야 합니다.")
    OPINION_WHO = Code("a6.2", "의견 요청을 받은 부서만 제출할 수 있습니다.", status=403)
    OPINION_EMPTY = Code("a6.2", "의견을 입력하십시오.")
    OPINION_TWICE = Code("a6.2", "이미 제출했습니다.", status=409)
    CYCLE_OPENER = Code("a8.1", "계획 주기는 정보기획담당관이 엽니다.", status=403)
    NOTICE_WHO = Code("a9.1", "세부계획 제출 기한은 정보기획담당관이 통보합니다 (제9조제1항).", status=403)
    ADJUST_WHO = Code(
        "a9.2", "세부계획은 정보기획담당관이 사업추진부서와 협의하여 조정합니다 (제9조제2항).", status=403
    )

"""Refusals of Chapter 7, each with the clause it enforces (read by the API, the screens and the coverage report)."""

from itms.core.errors import Code, ErrorCodes


class PerformanceErrors(ErrorCodes):
    namespace = "performance"
    # a27.1: the yearly round and its targets
    ROUND_EXISTS = Code("a27.1", "{year}년 성과측정은 이미 있습니다.", status=409)
    ROUND_STATE = Code("a27.1", "대상을 확정하기 전의 성과측정에서만 대상을 고칩니다.", status=409)
    # a27.2: base data
    DATA_STATE = Code(
        "a27.2", "자료 요청 중인 시스템의 기초자료만 고칩니다: 제출한 자료는 반려된 뒤에 고칩니다.", status=409
    )
    # a27.1: decision
    DECISION_OUTCOME = Code(
        "a27.1",
        "총점 {total}점은 폐기 권고(40점 미만) 대상입니다. 폐기·통폐합하지 않으려면 예외 사유(법령상 근거, 대국민 서비스 등)를 "
        "고르십시오.",
    )
    FOLLOW_UP = Code("a27.1", "후속 사업(구상)을 등록하지 못했습니다: {errors}")
    # a28: level diagnosis
    WEIGHTS = Code("a28.1", "지표 배점의 합이 {total}점입니다: 100점이 되어야 합니다.")
    FRAMEWORK_LINE = Code(
        "a28.1",
        "{line}번째 줄을 읽을 수 없습니다: '영역 | 지표 번호 | 지표명 | 배점 | 부서 코드'로 적으십시오 ({reason}).",
    )
    FRAMEWORK_LOCKED = Code("a28.1", "증빙 요청을 시작한 수준진단의 지표체계는 고치지 않습니다.", status=409)
    SCORE_STATE = Code("a28.2", "제출한 자체점검은 수준진단 결과 확정 전까지 담당 부서가 다시 제출합니다.", status=409)

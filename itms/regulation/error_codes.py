"""Refusals of the regulation engine (parameters, obligations), each with the clause it serves."""

from itms.core.errors import Code, ErrorCodes


class RegulationErrors(ErrorCodes):
    namespace = "regulation"
    PARAMETER_WHO = Code("a8.2", "규정 값은 정보기획담당관이 변경합니다.", status=403)
    PARAMETER_REASON = Code("", "변경 사유를 입력하십시오.")
    PARAMETER_DATE = Code("", "적용 시작일을 날짜로 입력하십시오.")
    PARAMETER_PAST = Code("", "지난 날부터 적용할 수 없습니다. 이미 내려진 결정은 그때의 값으로 남습니다.")
    PARAMETER_OUTSIDE_PACK = Code("", "{pack} 시행 기간 안의 날짜여야 합니다.")
    PARAMETER_SAME_DAY = Code(
        "", "{day}부터 적용되는 값이 이미 있습니다. 다른 적용 시작일을 정하십시오 (등록된 값은 고치지 않습니다)."
    )
    WAIVER_REASON = Code("", "면제 사유를 입력하십시오.")
    WAIVER_WHO = Code("a8.2", "기한 면제는 정보기획담당관이 합니다.", status=403)
    OBLIGATION_CLOSED = Code("", "이미 종결된 기한입니다.", status=409)

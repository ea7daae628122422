"""Refusals of Chapter 6, each with the clause it enforces (read by the API, the screens and the coverage report)."""

from itms.core.errors import Code, ErrorCodes


class OperationsErrors(ErrorCodes):
    namespace = "operations"
    # a24: operation
    IN_HOUSE_UNIT = Code("a24.1", "자체 운영은 정보화부서가 합니다: 운영 부서로 정보화부서를 정하십시오 (제24조제1항).")
    OUTSOURCED_CONTRACT = Code("a24.3", "위탁 운영은 유지관리 계약을 정해야 합니다 (제24조제3항: 외부기관·업체 위탁).")
    CONTRACT_SYSTEM = Code("a24.3", "이 유지관리 계약의 대상 정보시스템에 {system} 없습니다.")
    PERIOD_ORDER = Code("", "{end} {start}보다 빠를 수 없습니다.")
    TAKEOVER_FROM = Code("a24.2", "인수받은 사업추진기관을 적어야 합니다 (제24조제2항).")
    # a25: maintenance requests
    REQUEST_UNIT = Code("a25.1", "유지관리 요청은 요청자가 속한 업무부서 이름으로 합니다.")
    FUNCTION_SYSTEM = Code("a25.1", "{function} 요청한 정보시스템 '{system}'의 기능이 아닙니다.")
    QUEUE_STATE = Code("a25.4", "수용된 유지관리 요청만 우선순위를 정합니다 (제25조제4항).", status=409)
    QUEUE_WHO = Code("a25.4", "우선순위는 그 시스템을 운영하는 정보화부서장이 정합니다 (제25조제4항).", status=403)
    REQUEST_EDIT = Code(
        "a25.1", "제출한 유지관리 요청은 고치지 않습니다: 부서장이 되돌려 준 뒤에 고치십시오.", status=409
    )
    CHECK_STATE = Code("a25.5", "검토 중인 요청의 아키텍처 점검표만 고칩니다.", status=409)
    # a26: service desk and SLA
    RESTORED_BEFORE_START = Code("a26.3", "복구 일시({restored})가 장애 발생 일시({started})보다 빠릅니다.")
    DETECTED_BEFORE_START = Code("a26.3", "인지 일시({detected})가 장애 발생 일시({started})보다 빠릅니다.")
    RECURRENCE_SELF = Code("a26.3", "재발 원장애는 같은 시스템의 먼저 발생한 장애여야 합니다.")
    WINDOW_ORDER = Code("a26.3", "작업 종료 일시가 시작 일시보다 늦어야 합니다.")
    WINDOW_OVERLAP = Code(
        "a26.3",
        "'{system}'에는 이미 {start}~{end} 계획 작업 {title} 있어 시간이 겹칩니다. 계획 작업은 겹칠 수 없습니다.",
    )
    REQUEST_DUE = Code("a26.3", "처리 기한이 접수 일시보다 빠릅니다.")
    REQUEST_DONE = Code("a26.3", "완료 일시가 접수 일시보다 빠릅니다.")
    SLA_WEIGHTS = Code(
        "a26.2",
        "가중치 합계가 {total}점입니다. 100점이어야 합니다: 지표의 가중치를 고친 뒤 서비스수준협약을 체결하십시오 "
        "(제26조제2항).",
    )
    SLA_EMPTY = Code("a26.2", "지표가 하나도 없습니다: 지표를 정해야 서비스수준협약을 체결합니다 (제26조제2항).")
    SLA_OUTSOURCED = Code("a26.2", "서비스수준협약은 위탁운영업체와의 유지관리 계약에 체결합니다 (제26조제2항).")
    SLA_DRAFT = Code("a26.2", "체결한 서비스수준협약의 지표는 고치지 않습니다.", status=409)
    INDICATOR_BOUNDS = Code(
        "a26.2", "'{name}': 최소 수준({minimum})이 목표({target})보다 {word} 수 없습니다 ({direction} 지표)."
    )
    INDICATOR_LIMIT = Code("a26.2", "'{name}': 장애 처리 적기율 지표는 처리 기한(시간)을 정해야 합니다.")
    MONTH_OUTSIDE = Code(
        "a26.2",
        "측정 월 {month} 계약기간({start}~{end}) 밖입니다: 계약기간 안의 달만 측정합니다.",
    )
    MONTH_FUTURE = Code("a26.2", "측정 월 {month} 아직 시작하지 않았습니다: 지난 달과 이번 달(오늘까지)만 측정합니다.")
    MONTH_SLA_STATE = Code("a26.2", "체결한 서비스수준협약만 월별로 측정합니다.", status=409)
    MONTH_TWICE = Code("a26.2", "{month} 측정이 이미 있습니다: 그 측정을 다시 산정하십시오.", status=409)
    MONTH_LOCKED = Code("a26.2", "업체에 통보했거나 확정한 측정은 다시 산정하지 않습니다.", status=409)
    VALUE_MISSING = Code("a26.2", "'{name}' 지표의 측정값을 입력해야 합니다 (장애·요청 기록으로 산정하지 않는 지표).")
    MONTH_FORMAT = Code("a26.2", "측정 월을 읽을 수 없습니다 ('{value}'): 2026-06-01처럼 적으십시오.")
    VALUES_FORMAT = Code("a26.2", "측정값(values)은 지표 번호나 종류를 키로 한 객체로 보내십시오.")
    VALUES_UNKNOWN = Code("a26.2", "이 서비스수준협약에 '{key}' 지표가 없습니다.")
    NO_RULE_IN_FORCE = Code(
        "a26.2",
        "{month}에 시행 중인 훈령이 없어 서비스수준을 산정하지 않습니다: 점수·등급·대가 조정의 기준은 측정 월에 "
        "시행 중인 규정 값을 따릅니다. {first}",
    )
    MEASURE_WHO = Code("a26.2", "측정은 그 계약을 관리하는 정보화부서가 합니다.", status=403)
    FINDING_CLOSED = Code("a26.1", "조치를 완료한 개선 과제는 고치지 않습니다.", status=409)
    FINDING_CLOSE = Code("a26.1", "조치 결과를 적어야 개선 조치를 완료합니다 (제26조제1항).")

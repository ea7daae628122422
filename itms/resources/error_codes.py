"""Refusals of Chapter 8, each with the clause it enforces (read by the API, the screens and the coverage report)."""

from itms.core.errors import Code, ErrorCodes


class ResourcesErrors(ErrorCodes):
    namespace = "resources"
    # --- the inventory (a29.3, a2.0.4) ---------------------------------------------------------------------------
    ATTRIBUTE_MISSING = Code("a29.3.3", "{what} 입력하십시오. 이 유형의 필수속성입니다 (제29조제3항제3호).")
    ATTRIBUTE_NUMBER = Code("a29.3.3", "{what} 숫자로 입력하십시오.")
    ATTRIBUTE_DATE = Code("a29.3.3", "{what} 2026-01-31 형식의 날짜로 입력하십시오.")
    ATTRIBUTE_CHOICE = Code("a29.3.3", "'{name}'에 허용되지 않은 값입니다 ('{value}'). 허용 값: {allowed}")
    ATTRIBUTE_BOOLEAN = Code("a29.3.3", "{what} 예 또는 아니요로 입력하십시오.")
    ATTRIBUTE_TOO_LONG = Code("a29.3.3", "{what} {limit}자 이내로 입력하십시오.")
    ATTRIBUTE_UNKNOWN = Code("a29.3.3", "이 유형에 정의되지 않은 속성입니다: {names}")
    DISPOSE_BY_ACTION = Code(
        "a29.3.2", "불용 처리는 실사의 불일치 처리 또는 '불용 처리' 기능에서 사유와 함께 합니다.", status=409
    )
    DISPOSAL_REASON = Code("a29.3.2", "불용 사유를 입력하십시오.")
    ALREADY_DISPOSED = Code("a29.3.2", "이미 불용 처리된 자산입니다.", status=409)
    MAINTAINED_BY_IT = Code("a24.3", "자체 유지관리 부서는 정보화부서여야 합니다 (제24조제1항·제3항).")
    FUTURE_ACQUISITION = Code("a29.3", "도입일이 오늘보다 늦을 수 없습니다.")
    # --- relations and licences ------------------------------------------------------------------------------------
    RELATION_TARGET = Code("a29.3", "관계 대상은 자산 또는 정보시스템 중 하나만 정하십시오.")
    RELATION_SELF = Code("a29.3", "자산은 자기 자신과 관계를 맺을 수 없습니다.")
    INSTALL_SOFTWARE = Code("a29.3", "설치 관계는 소프트웨어 자산에서 하드웨어 자산으로만 맺습니다.")
    RUNS_ON_HARDWARE = Code("a29.3", "실행 장비는 하드웨어 자산이어야 합니다.")
    PART_OF_CYCLE = Code("a29.3", "구성 관계가 순환합니다: {what} 이미 이 자산의 구성 요소입니다.")
    LICENCE_SHORT = Code(
        "a29.3",
        "라이선스 수량({licensed:,})이 설치 수({installed:,})보다 적습니다. 라이선스를 먼저 늘리거나 설치를 줄이십시오.",
    )
    LICENCE_SOFTWARE = Code("a29.3", "라이선스는 소프트웨어 자산에만 등록합니다.")
    LICENCE_DATES = Code("a29.3", "라이선스 만료일은 시작일보다 빠를 수 없습니다.")
    LICENCE_IN_USE = Code(
        "a29.3",
        "이 라이선스를 지우면 보유 수량({licensed:,})이 설치 수({installed:,})보다 적어집니다.",
        status=409,
    )
    CONTRACT_DATES = Code("a29.3.1", "계약 종료일은 시작일보다 빠를 수 없습니다.")
    # --- assignment to a person or unit (a29.3.4) --------------------------------------------------------------------
    ASSIGN_HOLDER = Code("a29.3.4", "사용자 또는 사용 부서를 정하십시오.")
    ASSIGN_DISPOSED = Code("a29.3.4", "불용 처리된 자산은 지급할 수 없습니다.", status=409)
    ACKNOWLEDGE_WHO = Code("a29.3.4", "수령 확인은 지급받은 본인만 할 수 있습니다.", status=403)
    ACKNOWLEDGE_TWICE = Code("a29.3.4", "이미 수령을 확인했습니다.", status=409)
    ACKNOWLEDGE_ENDED = Code("a29.3.4", "반납된 지급 건은 수령 확인할 수 없습니다.", status=409)
    NOT_ASSIGNED = Code("a29.3.4", "지급 중인 자산이 아닙니다.", status=409)
    # --- 실사 (a29.3.2, a29.3.3) ------------------------------------------------------------------------------------
    AUDIT_STARTED = Code("a29.3.2", "실사를 시작한 뒤에는 범위와 기간을 바꿀 수 없습니다.", status=409)
    AUDIT_PERIOD = Code("a29.3.2", "실사 종료일은 시작일보다 빠를 수 없습니다.")
    AUDIT_NOT_OPEN = Code("a29.3.2", "실사 중인 실사에서만 확인 결과를 기록합니다.", status=409)
    AUDIT_NOT_OFFICER = Code(
        "a29.3.2",
        "이 실사의 확인 결과는 실사 담당 직위에 있는 사람과 주관 부서의 정보자산 담당자만 기록합니다.",
        status=403,
    )
    CHECK_DIFFERENCE = Code("a29.3.2", "무엇이 다른지 차이 내용을 적으십시오.")
    CHECK_RESULT = Code("a29.3.2", "확인 결과를 고르십시오 (일치·불일치·미발견).")
    CHECK_OUT_OF_REACH = Code(
        "a29.3.2",
        "이 자산은 이 실사의 대상이 아니고 조회할 수 있는 범위 밖입니다. 그 자산을 관리하는 부서의 담당자가 확인합니다.",
        status=403,
    )
    CHECK_RESOLVED = Code("a29.3.2", "이미 처리가 끝난 불일치는 다시 기록할 수 없습니다.", status=409)
    NEW_TAG_REGISTERED = Code("a29.3.2", "{what} 이미 등록된 자산입니다. 자산번호로 찾아 확인하십시오.", status=409)
    NEW_EMPTY = Code("a29.3.2", "발견한 자산의 자산번호, 자산명 또는 일련번호 중 하나는 적으십시오.")
    OUT_OF_SCOPE = Code("a29.3.2", "{what} 이 실사의 범위에 없는 자산입니다.", status=409)
    UNKNOWN_TAG = Code("a29.3.2", "'{tag}'에 해당하는 자산이 없습니다.", status=404)
    RESOLUTION_KIND = Code("a29.3.2", "'{kind}' 불일치는 {what} 처리할 수 없습니다.")
    RESOLUTION_NOTE = Code("a29.3.2", "처리 내용(사유)을 적으십시오.")
    RESOLUTION_ASSET = Code("a29.3.2", "신규 등록한 자산을 고르십시오.")
    RESOLUTION_NOT_UPDATED = Code(
        "a29.3.2",
        "자산 기록이 실사 확인 뒤에 고쳐지지 않았습니다. 현장에 맞게 기록을 고친 뒤 '기록 수정'으로 처리하거나, "
        "기록이 맞았다면 '재확인(이상 없음)'으로 처리하십시오.",
        status=409,
    )
    RESOLUTION_CLOSED = Code("a29.3.2", "이미 처리가 끝난 불일치입니다.", status=409)
    # --- import (a29.3) ----------------------------------------------------------------------------------------------
    IMPORT_FILE_TYPE = Code("a29.3", "XLSX 또는 CSV 파일만 가져올 수 있습니다 ({name}).")
    IMPORT_TOO_LARGE = Code("a29.3", "파일이 너무 큽니다 (최대 {limit}, 이 파일 {size}).")
    IMPORT_NOT_READY = Code("a29.3", "검증을 통과한 파일만 가져올 수 있습니다.", status=409)
    IMPORT_WHO = Code("", "가져오기를 시작한 사람만 이 작업을 진행할 수 있습니다.", status=403)

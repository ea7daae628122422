"""Refusals of Chapter 5, each with the clause it enforces (read by the API, the screens and the coverage report)."""

from itms.core.errors import Code, ErrorCodes


class ExecutionErrors(ErrorCodes):
    namespace = "execution"
    # a17.3: limited access to the system
    ACCESS_WHO = Code("a17.3", "사업수행업체의 접근권한은 정보기획담당관이 줍니다 (제17조제3항).", status=403)
    ACCESS_NOT_VENDOR = Code("a17.3", "사업수행업체 직원(업체 계정)에게만 사업별 접근권한을 줍니다.")
    ACCESS_COMPANY = Code(
        "a17.3", "이 사업의 계약업체({company}) 직원에게만 접근권한을 줄 수 있습니다 (감리원은 감리법인 직원)."
    )
    ACCESS_DATES = Code(
        "a17.3",
        "접근 기간은 계약 시작일부터 하자담보 기간 끝까지({start}~{end}) 안에서 정하고, 끝나는 날을 정해야 합니다 "
        "(제17조제3항: 제한적 접근).",
    )
    # a17.2, a23.2, a29.1: deliverables
    DELIVERABLE_WHO = Code(
        "a17.2", "산출물은 이 사업의 사업수행업체 직원이나 사업추진부서가 등록합니다 (제17조제2항).", status=403
    )
    DUPLICATE_FILE = Code(
        "a17.2",
        "같은 파일(SHA-256 {sha})이 이미 이 사업의 산출물 '{title}'{version}로 등록되어 있습니다. "
        "같은 내용을 두 번 등록하지 않습니다 (제17조제2항).",
        status=409,
    )
    FILE_TYPE = Code(
        "a17.2",
        "이 사업은 {allowed} 형식의 산출물만 받습니다: .{ext} 파일은 등록할 수 없습니다 (계약의 산출물 파일 형식).",
    )
    DELIVERABLE_ACCEPTED = Code(
        "a17.2", "검토를 마친 산출물입니다. 고칠 내용이 있으면 새 산출물로 등록하십시오.", status=409
    )
    # a18: execution plan
    PLAN_TWICE = Code("a18.1", "이 계약에는 이미 사업수행계획서가 있습니다.", status=409)
    PLAN_EDIT = Code("a18.1", "제출한 사업수행계획서는 수정 요구를 받은 뒤에 고칩니다 (제18조제2항).", status=409)
    REVIEW_ITEM_STATE = Code("a18.2", "제출된 사업수행계획서만 검토합니다 (제18조제2항).", status=409)
    REVIEW_WHO = Code("a18.2", "사업수행계획서는 사업추진부서가 검토합니다 (제18조제2항).", status=403)
    # a19: progress
    PROGRESS_RANGE = Code(
        "a19.0.1", "진척률은 0에서 100 사이여야 합니다: '{work}'에 {percent}%를 적었습니다 (제19조제1호)."
    )
    PROGRESS_BACKWARDS = Code(
        "a19.0.1",
        "'{work}'의 진척률이 {previous}%에서 {percent}%로 줄었습니다. 줄어든 사유를 적어야 합니다 (제19조제1호: 계획 대비 실적).",
    )
    PROGRESS_PERIOD = Code("a19.0.1", "보고 기간이 계약기간({start}~{end}) 밖입니다 (제19조).")
    PROGRESS_PERIOD_ORDER = Code("a19.0.1", "보고 기간의 종료일은 시작일보다 빠를 수 없습니다.")
    PROGRESS_WHO = Code("a19", "진척 보고는 이 사업의 사업수행업체 직원이 합니다.", status=403)
    PROGRESS_STATE = Code("a19", "사업수행 중인 계약에만 진척을 보고합니다.", status=409)
    PROGRESS_EMPTY = Code("a19.0.1", "진척을 보고할 작업을 하나 이상 적으십시오.")
    PROGRESS_FOREIGN = Code("a19.0.1", "다른 계약의 작업입니다.")
    DELAY_REASON = Code("a19.0.2", "'{work}' 작업이 계획보다 늦어졌습니다: 지연 사유를 적어야 합니다 (제19조제2호).")
    WBS_CYCLE = Code("a19.0.1", "선행 작업이 순환합니다 ({path}): WBS의 선후관계는 순환할 수 없습니다 (제19조제1호).")
    # a20: quality and tests
    ACCEPTANCE_WHO = Code(
        "a20.3", "인수테스트는 사업추진부서장이 정보화부서장에게 요청합니다 (제20조제3항).", status=403
    )
    ACCEPTANCE_UNIT = Code("a20.3", "인수테스트는 정보화부서에 요청합니다 (제20조제3항).")
    ACCEPTANCE_STATE = Code("a20.3", "사업수행 중(검사 완료 전)인 계약에만 인수테스트를 요청합니다.", status=409)
    ACCEPTANCE_OPEN = Code("a20.3", "이미 요청하여 결과를 기다리는 인수테스트가 있습니다.", status=409)
    REQUIREMENT_LOCKED = Code(
        "a13.3", "요구사항표는 과업변경(과업심의위원회 심의)으로만 바꿉니다 (제13조제3항).", status=409
    )
    # a21: 감리
    AUDIT_STAGE_MODE = Code("a21.2", "{mode}에는 '{stage}'가 없습니다 (정보시스템 감리기준).")
    # a13.3: change of scope
    CHANGE_EMPTY = Code("a13.3", "변경할 과업내용, 금액 또는 기간을 적어야 합니다.")
    CHANGE_STATE = Code("a13.3", "사업수행 중인 계약만 과업을 변경합니다.", status=409)
    CHANGE_LINE = Code(
        "a13.3",
        "요구사항 변경 {line}번째 줄을 읽을 수 없습니다: '요구사항 ID | 요구사항명' 또는 '- 요구사항 ID'로 적으십시오.",
    )
    # a22, a23: inspection, handover, defects
    INSPECTION_ITEM_STATE = Code("a22", "진행 중인 검사의 항목만 판정합니다.", status=409)
    INSPECTION_WHO = Code("a22", "검사는 사업추진부서가 합니다 (제22조).", status=403)
    CONTRACT_LOCKED = Code("a13.3", "계약금액·기간은 과업변경으로만 바꿉니다 (제13조제3항).", status=409)
    SYSTEM_REGISTER = Code("a24.1", "정보시스템 목록에 등록하지 못했습니다: {errors}")
    DEFECT_CLOSED = Code("a23.1", "하자담보 기간이 끝난 계약입니다.", status=409)
    DEFECT_IS_DEFECT = Code(
        "a23.1",
        "합의된 요구사항을 충족하지 못한 하자는 사업수행업체가 하자보수로 고칩니다: 유지관리 요청으로 넘기는 것은 "
        "'요구변경'뿐입니다 (소프트웨어 진흥법 제60조).",
        status=409,
    )
    DEFECT_TRANSFERRED = Code("a25.1", "이미 유지관리 요청으로 넘긴 요구변경입니다: {request}", status=409)
    DEFECT_NO_SYSTEM = Code("a24.1", "인계하여 정보시스템 목록에 오른 시스템이 없어 유지관리를 요청할 수 없습니다.")
    DEFECT_WHO = Code(
        "a25.1",
        "유지관리 요청은 업무를 맡은 사업추진부서가 합니다: 요구변경을 넘기는 것도 그 부서입니다 (제25조제1항).",
        status=403,
    )
    DEFECT_REQUEST = Code("a25.1", "유지관리 요청을 만들지 못했습니다: {errors}")
    EDIT_STATE = Code("a19", "사업수행 중인 계약의 자료만 고칩니다.", status=409)

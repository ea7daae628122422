"""Refusals of Chapter 4, each with the clause it enforces (read by the API, the screens and the coverage report).

Messages say who may act; the refusal changes nothing and the attempt is logged (``itms.acquisition.refusals``).
"""

from itms.core.errors import Code, ErrorCodes


class AcquisitionErrors(ErrorCodes):
    namespace = "acquisition"
    # --- who acts --------------------------------------------------------------------------------------------
    SPONSOR_ONLY = Code("a11.2", "이 일은 사업추진부서(또는 정보기획담당관)만 할 수 있습니다.", status=403)
    IT_PLANNING_ONLY = Code("a14.1", "이 일은 정보기획담당관만 할 수 있습니다.", status=403)
    SECURITY_OFFICER_ONLY = Code("a12.2", "보안성 검토 의견은 정보보안담당관만 적을 수 있습니다.", status=403)
    IT_DEPARTMENT_ONLY = Code(
        "a15.1", "평가를 맡은 정보화부서({unit})의 부서장·직원 또는 정보기획담당관만 할 수 있습니다.", status=403
    )
    IT_HEAD_ONLY = Code("a14.3", "정보화사업의 통합·분리는 정보화부서장만 할 수 있습니다.", status=403)
    POOL_KEEPER_ONLY = Code("a15.7", "전문가 명부는 정보기획담당관이 작성·관리합니다.", status=403)
    # --- 사전협의 (a11) --------------------------------------------------------------------------------------------
    CONSULTATION_EXISTS = Code("a11.1", "이 사업의 사전협의 기록이 이미 있습니다.", status=409)
    CONSULTATION_FACTS_LOCKED = Code(
        "a11.1", "사전협의를 신청하거나 종결한 뒤에는 판정 근거를 바꿀 수 없습니다.", status=409
    )
    SECURITY_SUBMITTED = Code("a12.1", "신청한 보안성 검토는 고칠 수 없습니다.", status=409)
    DELIBERATION_SUBMITTED = Code("a13.3", "요청한 과업심의는 고칠 수 없습니다.", status=409)
    ORDERING_SUBMITTED = Code(
        "a14.1", "의뢰한 발주는 고칠 수 없습니다. 보완 요청을 받으면 다시 작성합니다.", status=409
    )
    EVALUATION_STARTED = Code("a15.4", "평가위원 선정을 시작한 뒤에는 평가의 기본 사항을 바꿀 수 없습니다.", status=409)
    RESULT_EMPTY = Code("a11.2", "반영 내용을 적으십시오.")
    RESULT_STATE = Code(
        "a11.2", "협의 결과를 회신받은 뒤, 반영 완료 전에만 결과별 반영 내용을 적을 수 있습니다.", status=409
    )
    # --- 보안성 검토 (a12) ----------------------------------------------------------------------------------------
    FINDING_STATE = Code(
        "a12.2", "검토 의견은 신청된 보안성 검토에 결과를 통보하기 전에만 적을 수 있습니다.", status=409
    )
    FINDING_EMPTY = Code("a12.2", "검토 의견을 적으십시오.")
    REFLECT_STATE = Code("a12.3", "검토 결과를 통보받은 뒤, 반영 확인 전에만 반영 내용을 적을 수 있습니다.", status=409)
    REFLECTION_EMPTY = Code("a12.3", "반영 내용을 적으십시오.")
    RFP_OF_OTHER_PROJECT = Code("a12.1", "이 사업의 제안요청서만 고를 수 있습니다.")
    # --- 과업심의 (a13) ------------------------------------------------------------------------------------------
    CONTRACTOR_ONLY = Code(
        "a13.3", "계약상대자의 과업심의 요청은 그 사업에 배정된 업체 직원만 할 수 있습니다.", status=403
    )
    EXTENSION_ONCE = Code(
        "a13.3", "결과 통보 기간은 계약상대자의 동의를 받아 한 차례만 연장할 수 있습니다.", status=409
    )
    EXTENSION_DAYS = Code("a13.3", "연장은 {days}일 이내여야 합니다.")
    EXTENSION_CONSENT = Code("a13.3", "계약상대자가 동의한 사실(일자·방법)을 적어야 연장할 수 있습니다.")
    EXTENSION_STATE = Code("a13.3", "결과를 통보하기 전의 계약상대자 요청만 연장할 수 있습니다.", status=409)
    SCOPE_FIELDS = Code("a13.2", "심의 대상의 사업유형·심의 구분이 올바르지 않습니다.")
    # --- 제안요청서·발주 (a14) -----------------------------------------------------------------------------------------
    TEMPLATE_PUBLISHED = Code("a14.1", "등재된 양식은 고칠 수 없습니다. 새 판을 만들어 고치십시오.", status=409)
    TEMPLATE_NOT_PUBLISHED = Code("a14.1", "정보화관리시스템에 등재된 양식으로만 제안요청서를 작성합니다.", status=409)
    RFP_ORDERED = Code("a14.1", "발주한 제안요청서는 고칠 수 없습니다.", status=409)
    RFP_INPUT = Code("a14.1", "입력 내용을 확인하십시오: {errors}")
    CATEGORY_INACTIVE = Code("a14.1", "사용하지 않는 요구사항 분류입니다: {code}")
    SELF_CHECK_ANSWER = Code("a14.1", "점검 결과는 준수·해당 없음·미준수 가운데 하나입니다.")
    CHECK_STATE = Code("a14.2", "발주요건은 의뢰된 발주를 검토하는 동안에만 적을 수 있습니다.", status=409)
    CHECK_RESULT = Code("a14.2", "검토 결과는 적합·해당 없음·부적합 가운데 하나입니다.")
    CHECK_WHO = Code(
        "a14.2",
        "발주요건은 발주하는 기관의 정보기획담당관(소속·산하기관은 그 기관 정보화부서장)이 검토합니다.",
        status=403,
    )
    ORDERING_EXISTS = Code("a14.1", "이 제안요청서로 진행 중인 발주 의뢰가 있습니다.", status=409)
    TENDER_NOTICE = Code(
        "a14.2",
        "입찰공고는 제안서 제출 마감일({due})을 기준으로 {days}일 전, 늦어도 {latest}까지 해야 합니다 "
        "(국가계약법 시행령 제35조제5항).",
    )
    RESTRUCTURE_SOURCES = Code("a14.3", "통합할 사업은 두 개 이상, 분리할 사업은 하나여야 합니다.")
    RESTRUCTURE_PARTS = Code("a14.3", "분리한 뒤의 사업을 두 개 이상 적어야 합니다.")
    RESTRUCTURE_REASON = Code("a14.3", "통합·분리 사유를 적으십시오.")
    RESTRUCTURE_CODE = Code("a14.3", "이미 쓰는 사업코드입니다: {code}")
    RESTRUCTURE_BUDGET = Code("a14.3", "분리한 사업들의 예산 합계({parts})가 원래 사업비({total})와 같아야 합니다.")
    RESTRUCTURE_ORGANIZATION = Code("a14.3", "같은 기관의 사업만 통합할 수 있습니다.")
    # --- 전문가 명부 (a15.7) --------------------------------------------------------------------------------------
    EXPERT_USER_KIND = Code("a15.7", "외부 전문가 계정만 연결할 수 있습니다.")
    # --- 평가위원 추출 (a15.3) ------------------------------------------------------------------------------------
    DRAW_EXISTS = Code("a15.3", "이 평가에는 진행 중인 평가위원 추출이 있습니다 ({draw}).", status=409)
    DRAW_NEW_NEEDS_FAILED = Code(
        "a15.5", "새 추출은 이전 추출이 무효가 된 뒤(정족수 미달로 연기 등)에만 할 수 있습니다.", status=409
    )
    DRAW_STATE = Code("a15.3", "지금 단계('{state}')에서는 {what} 수 없습니다.", status=409)
    DRAW_NOT_ENOUGH = Code(
        "a15.3", "제외 후 남은 전문가({count}명)가 선정할 외부 평가위원 수({needed}명)보다 적습니다.", status=409
    )
    DRAW_EXCLUSION_REASON = Code("a15.3", "제외 사유를 적으십시오.")
    DRAW_EXCLUDED_TWICE = Code("a15.3", "이미 제외한 전문가입니다.", status=409)
    WITNESS_NUMBER = Code("a15.3", "참관인 입력값은 1~12자리 숫자입니다.")
    WITNESS_NAME = Code("a15.3", "참관인의 성명과 소속을 적으십시오.")
    WITNESS_AFTER_REVEAL = Code(
        "a15.3", "이미 추출(비밀값 공개)했습니다. 공개 뒤에는 참관인 입력값을 받을 수 없습니다.", status=409
    )
    WITNESS_BEFORE_COMMIT = Code("a15.3", "명부를 확정·봉인한 뒤에 참관인 입력값을 받습니다.", status=409)
    WITNESS_TWICE = Code("a15.3", "이 참관인은 이미 입력했습니다.", status=409)
    WITNESS_WHO = Code(
        "a15.3", "참관인 입력값은 추출을 진행하는 정보화부서나 입찰 업체의 대리인 본인이 입력합니다.", status=403
    )
    DRAW_RERUN = Code(
        "a15.3",
        "추출은 한 번만 합니다: 이미 공개된 순서가 있어 다른 입력값으로 다시 추출할 수 없습니다. 위원을 새로 선정해야 "
        "하면 새 추출을 여십시오 (제15조제5항).",
        status=409,
    )
    CONTACT_ORDER = Code(
        "a15.3", "교섭은 추출한 순서대로 합니다: 지금 교섭할 사람은 {position}번째 {code}입니다.", status=409
    )
    CONTACT_DONE = Code(
        "a15.3", "필요한 외부 평가위원 {needed}명이 모두 수락했습니다. 더 교섭하지 않습니다.", status=409
    )
    CONTACT_OUTCOME = Code("a15.3", "교섭 결과는 수락·거절·연락 안 됨 가운데 하나입니다.")
    ABANDON_REASON = Code("a15.3", "추출을 무효로 하는 사유를 적으십시오.")
    # --- 평가 (a15, a16) -----------------------------------------------------------------------------------------
    EVALUATION_EXISTS = Code("a15.1", "이 발주 의뢰의 평가가 이미 있습니다.", status=409)
    EVALUATION_STATE = Code("a15.1", "지금 단계('{state}')에서는 {what} 수 없습니다.", status=409)
    SIZE_REQUIRED = Code(
        "a15.2", "평가위원 수를 정하십시오 (사업규모별 평가위원 수 표가 비어 있으면 직접 정하고 근거를 적음)."
    )
    SIZE_TABLE = Code("a15.2", "사업규모별 평가위원 수 표에 따르면 {size}명입니다 ({basis}).")
    INTERNAL_EVALUATOR = Code("a15.3", "관세청 소속 공무원만 내부 평가위원으로 지정할 수 있습니다.")
    INTERNAL_FULL = Code("a15.2", "평가위원 {size}명이 모두 찼습니다.", status=409)
    CHAIR_MEMBER = Code("a15.2", "위원장은 이 평가위원회의 평가위원 중에서 선정합니다.")
    EXCEPTION_REASON = Code(
        "a15.4",
        "5일 전까지 구성하지 못한 사유는 훈령이 든 사유(긴급성·보안·특수성) 가운데 하나와 그 내용이어야 합니다.",
    )
    ITEMS_LOCKED = Code("a15.9", "평가위원 선정을 시작한 뒤에는 평가 항목과 배점을 바꿀 수 없습니다.", status=409)
    PROPOSALS_LOCKED = Code("a15.3", "평가위원 추출을 시작한 뒤에는 제안서(입찰 업체)를 바꿀 수 없습니다.", status=409)
    SOLE_BIDDER = Code("a16", "적합성평가는 단독으로 응찰한 제안서 하나를 평가합니다.")
    QUANTITATIVE_ONLY = Code("a15.9", "정량 항목만 근거로 점수를 입력합니다.")
    QUANTITATIVE_EVIDENCE = Code("a15.9", "정량 점수의 근거(제출 서류)를 적으십시오.")
    SCORE_RANGE = Code("a15.9", "'{item}'의 점수는 0점부터 {points}점까지입니다 (입력: {score}).")
    SCORE_NUMBER = Code("a15.9", "점수는 숫자로 입력하십시오 (소수 둘째 자리까지).")
    SCORE_NOT_EVALUATOR = Code("a15.8", "이 평가의 평가위원만 자기 평가표에 채점할 수 있습니다.", status=403)
    SCORE_NOT_OPEN = Code(
        "a15.5", "평가위원회가 개회(정족수 충족)한 뒤, 결과를 확정하기 전에만 채점할 수 있습니다.", status=409
    )
    SCORE_SUBMITTED = Code("a15.8", "이미 제출한 평가표입니다. 제출한 뒤에는 고칠 수 없습니다.", status=409)
    SCORE_INCOMPLETE = Code(
        "a15.9", "채점하지 않은 항목이 {count}개 있습니다. 모든 제안서의 모든 정성 항목을 채점해야 제출할 수 있습니다."
    )
    SCORE_ITEM = Code("a15.9", "이 평가의 정성 항목과 제안서만 채점합니다.")
    RESULT_LOCKED = Code("a15.8", "평가결과를 확정(잠금)한 뒤에는 점수를 고칠 수 없습니다.", status=409)
    RESULT_NOT_LOCKED = Code("a15.8", "평가결과를 확정(잠금)한 뒤에 볼 수 있습니다.", status=403)
    DELEGATION_INPUT = Code("a15.1", "조달청 위임일과 위임 문서번호를 적으십시오.")
    POSTPONE_HAS_QUORUM = Code("a15.5", "정족수를 채웠으므로 연기하지 않습니다: {explanation}", status=409)
    POSTPONE_DATE = Code("a15.5", "연기한 평가일은 오늘 이후여야 합니다.")
    TRAVEL_AMOUNT = Code("a15.6", "여비는 0원 이상의 금액입니다.")
    ALLOWANCE_EXTERNAL = Code("a15.6", "수당과 여비는 회의에 출석한 외부 평가위원에게만 지급합니다.", status=409)
    CONFIDENTIAL = Code("a15.8", "평가위원은 평가결과를 확정하기 전까지 자기 평가표만 볼 수 있습니다.", status=403)

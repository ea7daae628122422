"""Refusals of Chapter 2, each with the clause it enforces and who may act (read by the API, the screens and the
coverage report).

A refusal that depends on the body (정보화추진위원회 a4, 실무협의회 a5) has one code per clause; ``for_body``
picks it. The 과업심의위원회 and the 기술평가위원회 follow the committee's general rules until Chapter 4 gives
them their own.
"""

from itms.core.errors import Code, ErrorCodes


class GovernanceErrors(ErrorCodes):
    namespace = "governance"

    # --- who runs a body's meetings (a4.9, a5.2) -----------------------------------------------------------
    SECRETARIAT_ONLY = Code("a4.9", "{what} 위원장 또는 간사만 할 수 있습니다 (제4조제9항).", status=403)
    COUNCIL_SECRETARIAT_ONLY = Code(
        "a5.2", "{what} 실무협의회 위원장 또는 간사만 할 수 있습니다 (제5조제2항).", status=403
    )

    # --- convening (a4.6, a5.6) ----------------------------------------------------------------------------
    CONVENE_WHO = Code(
        "a4.6",
        "회의는 위원장이 소집합니다 (제4조제6항). 소집은 위원장 또는 간사만 할 수 있습니다.",
        status=403,
    )
    COUNCIL_CONVENE_WHO = Code(
        "a5.6",
        "실무협의회는 실무협의회의 위원장이 소집합니다 (제5조제6항). 소집은 위원장 또는 간사만 할 수 있습니다.",
        status=403,
    )
    BODY_INACTIVE = Code("", "운영하지 않는 위원회·협의회입니다.", status=409)
    NO_DISTRIBUTION_RULE = Code("a4.10", "{error} 안건 배포 기한(제4조제10항)을 정할 수 없어 소집할 수 없습니다.")
    DEMAND_REQUIRED = Code("a4.6", "위원의 소집 요구에 따른 소집이면 접수된 소집 요구를 고르십시오 (제4조제6항).")
    DEMAND_OTHER_BODY = Code("a4.6", "다른 위원회·협의회에 낸 소집 요구입니다.")
    DEMAND_ALREADY_CONVENED = Code("a4.6", "이 소집 요구에 따라 이미 회의를 소집했습니다 ({meeting}).", status=409)
    DEMAND_NOT_EFFECTIVE = Code(
        "a4.6",
        "소집 요구에 참여한 위원이 {count}명으로, 소집 요구에 필요한 {needed}명에 이르지 않았습니다 (제4조제6항).",
        status=409,
    )
    DEMAND_NOT_FOR_BODY = Code(
        "a4.6",
        "위원의 소집 요구는 정보화추진위원회에 둡니다 (제4조제6항). {body}의 회의는 위원장이 소집합니다.",
        status=409,
    )
    DEMAND_MEMBERS_ONLY = Code("a4.6", "소집 요구는 위원회의 위원(의결권 있는 위원)이 합니다 (제4조제6항).", status=403)
    DEMAND_ALREADY_SIGNED = Code("a4.6", "이미 이 소집 요구에 참여했습니다.", status=409)
    DEMAND_PURPOSE = Code("a4.6", "소집을 요구하는 사유(심의할 사항)를 적어야 합니다 (제4조제6항).")

    # --- agenda, distribution, opening (a4.9, a4.10) ---------------------------------------------------------
    AGENDA_CLOSED = Code("a4.9", "안건은 회의를 열기 전에만 추가할 수 있습니다.", status=409)
    AGENDA_KIND = Code("a4.5", "{body}에 부칠 수 없는 안건 구분입니다 (제4조제5항).")
    COUNCIL_AGENDA_KIND = Code("a5.4", "{body}에 부칠 수 없는 안건 구분입니다 (제5조제4항).")
    NOTHING_TO_DISTRIBUTE = Code("a4.9", "배포할 안건이 없습니다.")
    LATE_REASON_REQUIRED = Code(
        "a4.10",
        "안건 배포 기한({due})이 지났습니다. 늦어진 사유를 적어야 배포할 수 있습니다 (제4조제10항).",
    )
    LATE_ITEM_REASON_REQUIRED = Code(
        "a4.10",
        "안건 배포 기한({due})이 지난 뒤에 추가하는 안건입니다. 늦어진 사유를 적어야 추가할 수 있습니다 (제4조제10항).",
    )
    AGENDA_NOT_DISTRIBUTED = Code("a4.10", "회의 안건을 배포한 뒤에 회의를 열 수 있습니다 (제4조제10항).")
    EARLY_OPEN_REASON = Code(
        "a4.10",
        "회의 일시({day}) 전에는 개회할 수 없습니다. 앞당겨 여는 사유를 적어야 개회할 수 있습니다 (제4조제6항·제10항).",
    )
    OPEN_QUORUM = Code("a4.8", "위원장(직무대행)을 포함한 재적위원 과반수가 출석해야 회의를 시작합니다 (제4조제8항).")
    COUNCIL_OPEN_QUORUM = Code(
        "a5.8", "위원장(직무대행)을 포함한 재적위원 과반수가 출석해야 회의를 시작합니다 (제5조제8항)."
    )
    TASK_OPEN_QUORUM = Code(
        "a13.1", "위원장을 포함한 재적위원 과반수가 출석해야 회의를 시작합니다 (제13조제1항, 소프트웨어 진흥법 시행령)."
    )
    EVALUATION_OPEN_QUORUM = Code(
        "a15.5", "평가위원회는 평가위원의 3분의 2 이상이 출석해야 회의를 엽니다 (제15조제5항)."
    )
    OPEN_VOTES = Code("a4.8", "표결 중인 안건의 의결을 먼저 기록하거나 표결을 중지하십시오.", status=409)
    WRITTEN_NO_ITEMS = Code("a4.11", "서면으로 부칠 안건이 없습니다.")
    WRITTEN_NOT_ALL_VOTED = Code("a4.11", "마감 일시 전에는 모든 재적위원이 표결해야 마감할 수 있습니다 (제4조제11항).")
    WRITTEN_REASON = Code("a4.11", "서면 심의·의결은 긴급하거나 부득이한 사유를 적어야 합니다 (제4조제11항).")
    WRITTEN_START_WHO = Code("a4.11", "서면 심의·의결은 위원장이 정합니다 (제4조제11항).", status=403)

    STEP_REFUSED = Code("", "이 절차를 진행할 수 없습니다.", status=409)

    # --- participants, attendance, acting chair (a4.7, a4.8, a5.3, a5.6, a5.7) --------------------------------
    PARTICIPANTS_COUNCIL_ONLY = Code(
        "a5.6",
        "참석 위원의 범위는 실무협의회만 안건에 따라 정합니다 (제5조제6항). {body}의 재적위원은 위원 전원입니다.",
        status=409,
    )
    PARTICIPANTS_WHO = Code(
        "a5.6", "참석 위원의 범위는 실무협의회 위원장(또는 간사)만 정할 수 있습니다 (제5조제6항).", status=403
    )
    PARTICIPANTS_CLOSED = Code("a5.6", "회의를 열기 전에만 참석 범위를 정할 수 있습니다.", status=409)
    PARTICIPANTS_CHOICE = Code(
        "a5.6", "참석 범위는 이 기구의 의결권 있는 현재 위원 중에서 한 명 이상 골라야 합니다 (제5조제6항)."
    )
    ATTENDANCE_CLOSED = Code("a4.8", "출석은 대면 회의가 끝나기 전에만 기록할 수 있습니다.", status=409)
    ATTENDANCE_NOT_SEAT = Code("a4.8", "이 회의의 위원 자리가 아닙니다.")
    VACANT_SEAT = Code(
        "a4.8",
        "{seat} 자리는 회의일에 공석입니다. 공석은 재적위원이 아니고, 출석은 사람만 할 수 있습니다 (제4조제8항).",
    )
    PROXY_REQUIRED = Code("a4.7", "대리 출석자를 지정하십시오 (제4조제7항).")
    PROXY_STAFF_ONLY = Code("a4.7", "대리 출석은 위원의 소속 공무원(직원)만 할 수 있습니다 (제4조제7항).")
    PROXY_SELF = Code("a4.7", "본인은 대리인이 될 수 없습니다.")
    PROXY_UNIT = Code("a4.7", "대리 출석자는 위원의 소속 부서 직원이어야 합니다 (제4조제7항).")
    COUNCIL_PROXY_UNIT = Code("a5.7", "대리 출석자는 위원의 소속 부서 직원이어야 합니다 (제5조제3항·제7항).")
    PROXY_FOR_CHAIR = Code(
        "a4.7",
        "위원장이 직무를 수행하지 못할 때에는 위원장이 지명하는 위원이 그 직무를 대행합니다 (제4조제7항). "
        "위원장 자리에는 대리 출석을 기록할 수 없습니다.",
    )
    ONE_SEAT_PER_PERSON = Code(
        "a4.8",
        "{person} 이 회의에 이미 다른 자리({seat})로 출석합니다. 한 사람은 한 자리로만 출석하고 표결합니다 "
        "(제4조제8항).",
    )
    ACTING_CHAIR_WHO = Code("a4.7", "위원장 직무대행은 위원장이 지명합니다 (제4조제7항).", status=403)
    ACTING_CHAIR_MEMBER = Code("a4.7", "직무대행은 이 기구의 의결권 있는 위원 중에서 지명합니다 (제4조제7항).")
    ACTING_CHAIR_NOT_CHAIR = Code("a4.7", "위원장 자신의 자리를 직무대행으로 지명할 수 없습니다 (제4조제7항).")
    ACTING_CHAIR_VACANT = Code("a4.7", "회의일에 공석인 자리는 직무대행으로 지명할 수 없습니다 (제4조제7항).")
    ACTING_CHAIR_CLOSED = Code("a4.7", "끝난 회의에는 직무대행을 지명할 수 없습니다.", status=409)

    # --- items and votes (a4.8, a4.11, a5.5, a8.8) ----------------------------------------------------------
    ITEM_STATE = Code("a4.8", "{what} 할 수 없습니다: 안건이 '{state}' 상태입니다.", status=409)
    NOT_IN_SESSION = Code("a4.8", "회의가 열려 있을 때만 표결할 수 있습니다 (제4조제8항).", status=409)
    WITHDRAW_CLOSED = Code("a4.9", "끝난 회의의 안건은 철회할 수 없습니다.", status=409)
    REASON_REQUIRED = Code("", "{what} 사유를 적어야 합니다.")
    RECUSAL_AFTER_VOTE = Code("a4.8", "이미 표결한 위원은 그 안건에서 회피할 수 없습니다.", status=409)
    RECUSAL_NOT_REGISTERED = Code("a4.8", "이 회의의 재적위원이 아닙니다.")
    ITEM_DECIDED = Code("a4.8", "이미 의결된 안건입니다.", status=409)
    VOTE_CHOICE = Code("", "찬성·반대·기권 중 하나를 고르십시오.")
    VOTING_NOT_OPEN = Code("a4.8", "표결이 마감되었거나 시작되지 않았습니다. 표가 기록되지 않았습니다.", status=409)
    WRITTEN_CLOSED = Code("a4.11", "서면 의결 마감 시각이 지났습니다. 표가 기록되지 않았습니다.", status=409)
    NOT_REGISTERED = Code("a4.8", "이 회의의 재적위원이 아니어서 표결할 수 없습니다 (제4조제8항).")
    RECUSED = Code("a4.8", "이 안건에서 제척·기피·회피한 위원은 표결할 수 없습니다.")
    ABSENT = Code("a4.8", "출석하지 않은 위원은 표결할 수 없습니다 (제4조제8항).")
    VOTER_WHO = Code(
        "a4.7",
        "위원 본인, 그 위원의 대리 출석자(제4조제7항) 또는 간사만 이 위원의 표를 기록할 수 있습니다.",
        status=403,
    )
    VOTED_TWICE = Code("a4.8", "이 위원은 이 안건에 이미 표결했습니다. 표는 한 번만 기록됩니다.", status=409)
    NO_RULE_IN_FORCE = Code(
        "a4.8", "{error} 그날 적용할 정족수·의결 기준이 없어 의결을 기록할 수 없습니다 ({clauses})."
    )
    NO_QUORUM = Code("a4.8", "정족수에 미달하여 의결할 수 없습니다 ({clauses}): {explanation}", status=409)
    COUNCIL_NO_QUORUM = Code("a5.8", "정족수에 미달하여 의결할 수 없습니다 ({clauses}): {explanation}", status=409)
    EVALUATION_NO_QUORUM = Code("a15.5", "정족수에 미달하여 의결할 수 없습니다 ({clauses}): {explanation}", status=409)
    NO_VOTES = Code(
        "a4.8",
        "아직 아무도 표결하지 않아 의결을 기록할 수 없습니다. 출석위원의 표를 기록하거나 표결을 중지하십시오 "
        "(제4조제8항).",
        status=409,
    )
    REJECTED_EFFECT = Code("a4.8", "부결된 안건은 불승인 또는 보류로만 기록할 수 있습니다.")
    ADJUSTED_NEEDS = Code("a8.8", "수정 의결은 우선순위 또는 조정 예산을 적어야 합니다 (제8조제8항).")
    NEGATIVE_BUDGET = Code("a8.8", "조정 예산은 0원 이상이어야 합니다.")
    ESCALATE_BODIES = Code("a5.5", "실무협의회의 안건을 정보화추진위원회 회의에 부칠 수 있습니다 (제5조제5항).")
    ESCALATE_WHO = Code("a5.5", "위원회 상정은 실무협의회 위원장이 합니다 (제5조제5항).", status=403)
    RECUSAL_WHO = Code("a4.9", "제척·기피·회피는 위원장 또는 간사가 기록합니다.", status=403)

    # --- minutes (a4.9) -----------------------------------------------------------------------------------
    MINUTES_WHO = Code("a4.9", "회의록은 간사(또는 위원장)가 작성합니다 (제4조제9항).", status=403)
    MINUTES_NOT_CLOSED = Code("a4.9", "회의가 끝난 뒤에 회의록을 작성할 수 있습니다.", status=409)
    MINUTES_CONFIRMED = Code("a4.9", "위원장이 확인한 회의록은 다시 작성할 수 없습니다.", status=409)
    NOTICE_WHO = Code("a4.9", "심의결과 통보는 간사(또는 위원장)가 합니다 (제4조제9항).", status=403)

    # --- CIO requests (a3.4) ------------------------------------------------------------------------------
    CIO_ONLY = Code(
        "a3.4",
        "조치 요구는 지능정보화책임관(직무대행 기간에는 그 직무대행자)이 합니다 (제3조제4항).",
        status=403,
    )
    CIO_UNITS = Code("a3.4", "받는 부서·기관을 하나 이상 고르십시오.")
    CIO_DUE = Code("a3.4", "조치 기한은 오늘 이후여야 합니다.")
    CIO_TEXT = Code("a3.4", "요구 사항과 내용을 입력하십시오.")
    CIO_ANSWER_WHO = Code("a3.4", "받는 부서·기관의 장만 회신할 수 있습니다 (제3조제4항).", status=403)
    CIO_ANSWERED = Code("a3.4", "이미 회신했습니다.", status=409)
    CIO_ANSWER_EMPTY = Code("a3.4", "조치 결과 또는 따르지 못하는 특별한 사유를 적어야 합니다 (제3조제4항).")

    # --- composition: bodies and seats (a4.1–a4.3, a4.8, a4.9, a5.1, a5.2) ---------------------------------
    CHAIR_BY_POSITION = Code("a4.1", "위원회와 실무협의회의 위원장은 직위로 정합니다 (제4조제1항, 제5조제2항).")
    COMMITTEE_CHAIR = Code(
        "a4.1",
        "정보화추진위원회의 위원장은 지능정보화책임관입니다 (제4조제1항). 위원장 직위는 지능정보화책임관의 "
        "직위({position})로만 정할 수 있습니다.",
    )
    COUNCIL_CHAIR = Code(
        "a5.2",
        "실무협의회의 위원장은 정보기획담당관입니다 (제5조제2항). 위원장 직위는 정보기획담당관의 직위({position})로만 "
        "정할 수 있습니다.",
    )
    COMMITTEE_SECRETARY = Code(
        "a4.9",
        "위원회의 간사는 정보기획담당관입니다 (제4조제9항). 간사 직위는 위원회 간사 직위({position})로만 정할 수 "
        "있습니다.",
    )
    COUNCIL_SECRETARY = Code(
        "a5.2",
        "실무협의회의 간사는 정보기획담당관의 정보화기획 담당 사무관(서기관)입니다 (제5조제2항). 간사 직위는 "
        "간사 직위({position})로만 정할 수 있습니다.",
    )
    COUNCIL_PARENT = Code("a5.1", "실무협의회는 정보화추진위원회에 둡니다 (제5조제1항).")
    ONE_BODY_OF_KIND = Code(
        "a4.1", "{kind} 하나만 둡니다 (제4조제1항, 제5조제1항). 운영 중인 {existing} 있습니다.", status=409
    )
    KIND_FIXED = Code(
        "",
        "회의를 연 적이 있는 위원회·협의회의 구분은 바꿀 수 없습니다 (회의 기록이 그 구분의 규칙을 따릅니다).",
        status=409,
    )
    COMPOSITION_LOCKED = Code(
        "a4.8",
        "{meeting} 진행 중입니다({state}). 재적위원과 표결이 그 구성에 달려 있으므로 회의가 끝날 때까지 "
        "위원 구성을 바꿀 수 없습니다 (제4조제8항).",
        status=409,
    )
    SITTING = Code(
        "a4.8",
        "이 위원회·협의회의 회의가 진행 중입니다. 회의가 끝날 때까지 구성(위원장·간사·위원)을 바꿀 수 없습니다 "
        "(제4조제8항).",
        status=409,
    )
    HELD_SEAT_DELETE = Code(
        "a4.8",
        "이미 열린 회의의 재적에 들어 있는 위원 자리는 지울 수 없습니다 (제4조제8항). 임기 종료일을 적으십시오.",
        status=409,
    )
    HELD_MEETING_SEAT = Code(
        "a4.8",
        "이 자리는 이미 열린 {meeting}({day})의 재적에 들어 있습니다. 그 회의의 기록이 달라지므로 그 날짜에 걸친 "
        "자리를 지우거나 그 날짜의 구성을 바꿀 수 없습니다 (제4조제8항). 임기는 그 회의 뒤의 날짜로 끝내십시오.",
        status=409,
    )
    CHAIR_SEAT = Code(
        "a4.1",
        "위원장 자리는 위원장 직위({position})의 당연직 자리입니다 (제4조제1항, 제5조제2항).",
    )
    EX_OFFICIO_POSITION = Code(
        "a4.3.1", "당연직 위원은 직위로만 정합니다 (사람이 바뀌면 위원도 바뀝니다, 제4조제3항제1호)."
    )
    DESIGNATED_ONE_OF = Code("a4.3.2", "지정 위원은 직위(부서장 등) 또는 사람 중 하나로 정합니다 (제4조제3항제2호).")
    PERSON_SEAT = Code("a4.4", "외부 위원과 자문위원은 사람으로 정합니다.")
    TERM_ORDER = Code("", "임기 종료일은 시작일보다 빠를 수 없습니다.")
    STAFF_NOT_EXTERNAL = Code("a13.1", "기관 직원은 외부 위원이 될 수 없습니다.")


E = GovernanceErrors


def for_body(body, committee_code: Code, council_code: Code) -> Code:
    """The council's code for a council (a5), else the committee's (a4, the general rule)."""
    from .choices import BodyKind

    return council_code if body.kind == BodyKind.COUNCIL else committee_code

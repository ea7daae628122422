"""What in Chapter 2 carries out a clause without being a rule, guard or deadline (see regulation.citations)."""

from itms.regulation.citations import implements

from .choices import CommitteeAgendaKind, CouncilAgendaKind

_M = "itms.governance"

implements(f"{_M}.models.Body", "정보화추진위원회 (위원장 = 지능정보화책임관 직위)", "a4.1")
implements(f"{_M}.models.Body", "정보화실무협의회 (위원장 = 정보기획담당관 직위)", "a5.1")
implements(f"{_M}.composition.composition_warnings", "위원 구성 점검 (위원장 자리, 인원)", "a4.1", "a4.2", "a4.3")
implements(f"{_M}.choices.MembershipBasis.EX_OFFICIO", "당연직 위원 (직위에 따라)", "a4.3.1", "a5.2.1")
implements(f"{_M}.choices.MembershipBasis.DESIGNATED", "지정 위원", "a4.3.2", "a5.2.2")
implements(f"{_M}.models.bodies.MembershipQuerySet.voting", "자문위원: 참석하되 의결권 없음", "a4.4")
implements(f"{_M}.actions.meetings.record_attendance", "실무협의회 담당직원 대리 참석", "a5.3")
implements(f"{_M}.actions.meetings.name_acting_chair", "실무협의회 위원장 직무대행 지명", "a5.7")
implements(f"{_M}.choices.CommitteeAgendaKind", "정보화추진위원회 심의 안건 7종", "a4.5")
implements(f"{_M}.choices.CouncilAgendaKind", "정보화실무협의회 검토 안건 8종", "a5.4")
# Each agenda kind's value is its clause id (a4.5.1 … a5.4.8).
for kind in (*CommitteeAgendaKind, *CouncilAgendaKind):
    implements(f"{_M}.choices.{type(kind).__name__}.{kind.name}", f"안건 종류: {kind.label}", kind.value)
implements(f"{_M}.models.Body.scope", "과업심의위원회 복수 설치와 위원회별 심의대상", "a13.2")
implements(f"{_M}.composition.composition_warnings", "과업심의위원회 구성 점검 (5~10명, 외부 과반, 임기 2년)", "a13.1")
implements(f"{_M}.actions.demands.file_convening_demand", "위원의 소집 요구와 위원장의 소집 의무", "a4.6")
implements(f"{_M}.models.Meeting.convened_by", "소집한 위원장·소집 요구의 기록", "a4.6", "a5.6")
implements(f"{_M}.models.Body.sitting_seats", "재적위원: 회의일에 임명된 위원 (공석 제외, 1인 1석)", "a4.8", "a5.8")
implements(f"{_M}.actions.meetings.record_attendance", "위원장 자리는 대리 출석 없음: 지명된 위원이 직무대행", "a4.7")
implements(f"{_M}.models.Membership.check_composition_change", "회의 중 위원 구성 변경 금지", "a4.8")

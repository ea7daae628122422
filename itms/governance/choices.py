from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    COMMITTEE = "committee", _("정보화추진위원회")  # a4
    COUNCIL = "council", _("정보화실무협의회")  # a5
    TASK_DELIBERATION = "task_deliberation", _("과업심의위원회")  # a13
    EVALUATION = "evaluation", _("기술평가위원회")  # a15, formed per evaluation


class MembershipBasis(models.TextChoices):
    EX_OFFICIO = "ex_officio", _("당연직 (직위)")  # a4.3.1, a5.2.1
    DESIGNATED = "designated", _("지정 위원")  # a4.3.2, a5.2.2
    EXTERNAL = "external", _("외부 위원")  # 과업심의위원회·평가위원회
    ADVISER = "adviser", _("자문위원 (의결권 없음)")  # a4.4


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", _("대면 회의")
    WRITTEN = "written", _("서면 심의·의결")  # a4.11, a5.9


class MeetingState(models.TextChoices):
    CONVENED = "convened", _("소집")
    DISTRIBUTED = "distributed", _("안건 배포")
    IN_SESSION = "in_session", _("회의 중")
    VOTING = "voting", _("서면 의결 진행")
    CLOSED = "closed", _("종료")
    CANCELLED = "cancelled", _("취소")


class AgendaItemState(models.TextChoices):
    """An item's own life inside its meeting; written only by the workflow engine (governance.workflows)."""

    PENDING = "pending", _("상정")
    VOTING = "voting", _("표결 중")
    DECIDED = "decided", _("의결")
    WITHDRAWN = "withdrawn", _("철회")


class CommitteeAgendaKind(models.TextChoices):
    """제4조제5항: what the 정보화추진위원회 deliberates."""

    LONG_TERM_PLAN = "a4.5.1", _("중장기 정보화 추진 계획")
    SYSTEM_PLAN = "a4.5.2", _("정보시스템의 도입 및 구축 계획")
    PERFORMANCE = "a4.5.3", _("정보화 사업 및 정보시스템의 성과 평가")
    CONSOLIDATION = "a4.5.4", _("정보시스템의 통합 또는 폐지 여부")
    PRIORITY = "a4.5.5", _("정보화 사업의 우선 순위")
    NEW_TECHNOLOGY = "a4.5.6", _("신기술을 활용한 정보화 추진")
    OTHER = "a4.5.7", _("그 밖에 정보화 추진에 필요한 사항")


class CouncilAgendaKind(models.TextChoices):
    """제5조제4항: what the 정보화실무협의회 deliberates."""

    PRIORITY = "a5.4.1", _("도입·구축 계획과 효과성·기술적 타당성에 따른 우선순위")
    POLICY = "a5.4.2", _("정보화관리 정책")
    MAINTENANCE_SCOPE = "a5.4.3", _("유지관리 수행범위의 적정성")
    E_DOCUMENT = "a5.4.4", _("전자문서 표준화 정책")
    PERFORMANCE = "a5.4.5", _("성과평가 결과 검토")
    CONSOLIDATION = "a5.4.6", _("정보시스템의 통합 또는 폐지 여부 검토")
    PROGRESS = "a5.4.7", _("정보화 사업 진행현황 점검")
    OTHER = "a5.4.8", _("위임·요청 사항")


class TaskAgendaKind(models.TextChoices):
    """과업심의위원회 (소프트웨어 진흥법 제50조; 훈령 제13조)."""

    SCOPE = "task_scope", _("과업내용 확정")
    CHANGE = "task_change", _("과업내용 변경")
    AMOUNT = "task_amount", _("계약금액·기간 조정")


class EvaluationAgendaKind(models.TextChoices):
    """기술평가위원회 (훈령 제15조): until Chapter 4 gives it its own records, its meetings evaluate proposals."""

    PROPOSAL = "a15.1", _("제안서 기술평가")


AGENDA_KINDS = {
    BodyKind.COMMITTEE: CommitteeAgendaKind,
    BodyKind.COUNCIL: CouncilAgendaKind,
    BodyKind.TASK_DELIBERATION: TaskAgendaKind,
    BodyKind.EVALUATION: EvaluationAgendaKind,
}


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("출석")
    PROXY = "proxy", _("대리 출석")  # a4.7, a5.3, a5.7
    ABSENT = "absent", _("불참")


class RecusalKind(models.TextChoices):
    EXCLUSION = "exclusion", _("제척")
    CHALLENGE = "challenge", _("기피")
    WITHDRAWAL = "withdrawal", _("회피")


class VoteChoice(models.TextChoices):
    FOR = "for", _("찬성")
    AGAINST = "against", _("반대")
    ABSTAIN = "abstain", _("기권")


class ResolutionOutcome(models.TextChoices):
    PASSED = "passed", _("가결")
    REJECTED = "rejected", _("부결")


class ResolutionEffect(models.TextChoices):
    """What a resolution does to its subject (the planning chapter reads these)."""

    APPROVE = "approve", _("원안 의결 (승인)")
    APPROVE_ADJUSTED = "approve_adjusted", _("수정 의결 (예산·우선순위 조정)")
    HOLD = "hold", _("보류")
    REJECT = "reject", _("불승인")
    ESCALATE = "escalate", _("위원회 상정 (제5조제5항)")
    NOTE = "note", _("보고 접수")


class MinutesState(models.TextChoices):
    DRAFT = "draft", _("초안")
    CONFIRMED = "confirmed", _("위원장 확인")
    LOCKED = "locked", _("확정(잠금)")

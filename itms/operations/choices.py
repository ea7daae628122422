"""The choices of Chapter 6: how a system is run (a24), the maintenance request's states (a25), the service desk
(a26.3, ISO/IEC 20000-1 process names) and the service-level agreement (a26.2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OperationMode(models.TextChoices):
    IN_HOUSE = "in_house", _("자체 운영")
    OUTSOURCED = "outsourced", _("위탁 운영")  # a24.3


class TakeoverBudget(models.TextChoices):
    E_GOVERNMENT = "e_government", _("전자정부지원사업")
    SHARED_INFRA = "shared_infra", _("범정부 공통기반 사업")
    OTHER = "other", _("그 밖의 범정부 예산")


class Urgency(models.TextChoices):
    URGENT = "urgent", _("긴급")
    HIGH = "high", _("높음")
    NORMAL = "normal", _("보통")
    LOW = "low", _("낮음")


class RequestState(models.TextChoices):
    DRAFT = "draft", _("작성 중")
    SUBMITTED = "submitted", _("부서장 검토")  # a25.1
    FORWARDED = "forwarded", _("정보화부서 접수")  # a25.1 → a25.2
    REVIEWED = "reviewed", _("검토 완료")  # a25.2
    ADJUSTING = "adjusting", _("업무부서와 조정 중")  # a25.3
    DELIBERATING = "deliberating", _("실무협의회·위원회 심의")  # a25.6
    ACCEPTED = "accepted", _("유지관리 수용")  # a25.2, a25.4 queue
    REJECTED = "rejected", _("반려")
    CONVERTED = "converted", _("정보화사업 전환")  # a25.3
    DONE = "done", _("완료")


class Proposal(models.TextChoices):
    """What the IT department proposes when the work exceeds the maintenance scope (a25.3)."""

    ADJUST = "adjust", _("유지관리사항 조정")
    CONVERT = "convert", _("정보화사업으로 추진")


class Severity(models.TextChoices):
    """장애 등급: 1등급이 가장 심각합니다."""

    S1 = "1", _("1등급 (서비스 중단)")
    S2 = "2", _("2등급 (주요 기능 장애)")
    S3 = "3", _("3등급 (일부 기능 장애)")
    S4 = "4", _("4등급 (경미)")


class IncidentCause(models.TextChoices):
    HARDWARE = "hardware", _("하드웨어")
    SOFTWARE = "software", _("응용 소프트웨어")
    NETWORK = "network", _("네트워크")
    DATABASE = "database", _("데이터베이스")
    OPERATION = "operation", _("운영자 작업")
    EXTERNAL = "external", _("외부 연계·기관")
    UNKNOWN = "unknown", _("원인 분석 중")


class IndicatorKind(models.TextChoices):
    """SLA indicators (PRACTICE-FACTS §5.1): the first five are computed from incidents and requests."""

    AVAILABILITY = "availability", _("서비스 가용률")
    MTTR = "mttr", _("장애 복구시간 (MTTR)")
    INCIDENT_ON_TIME = "incident_on_time", _("장애 처리 적기율")
    RECURRENCE = "recurrence", _("동일장애 재발률")
    REQUEST_ON_TIME = "request_on_time", _("서비스요청 적기 처리율")
    BACKUP = "backup", _("정기점검·백업 수행률")
    SECURITY = "security", _("보안점검 준수율")
    KEY_STAFF = "key_staff", _("핵심인력 유지율")
    SATISFACTION = "satisfaction", _("사용자 만족도")


COMPUTED_KINDS = (
    IndicatorKind.AVAILABILITY,
    IndicatorKind.MTTR,
    IndicatorKind.INCIDENT_ON_TIME,
    IndicatorKind.RECURRENCE,
    IndicatorKind.REQUEST_ON_TIME,
)
# Lower is better for these: a recovery time and a recurrence rate.
LOWER_IS_BETTER = (IndicatorKind.MTTR, IndicatorKind.RECURRENCE)

FORMULAS = {
    IndicatorKind.AVAILABILITY: "(계획 서비스시간 − 비계획 장애시간) ÷ 계획 서비스시간 × 100",
    IndicatorKind.MTTR: "Σ 복구시간 ÷ 장애건수 (시간, 등급별)",
    IndicatorKind.INCIDENT_ON_TIME: "기한 내 처리 장애 ÷ 전체 장애 × 100",
    IndicatorKind.RECURRENCE: "재발 장애 ÷ 전체 장애 × 100",
    IndicatorKind.REQUEST_ON_TIME: "요청 완료일 이내 처리 ÷ 전체 요청 × 100",
    IndicatorKind.BACKUP: "수행 ÷ 계획 × 100",
    IndicatorKind.SECURITY: "기한 내 조치 ÷ 발견 × 100",
    IndicatorKind.KEY_STAFF: "유지 인원 ÷ 계약 인원 × 100",
    IndicatorKind.SATISFACTION: "설문 점수 (100점 만점)",
}


class SlaState(models.TextChoices):
    DRAFT = "draft", _("작성 중")
    IN_FORCE = "in_force", _("체결")  # a26.2


class MonthState(models.TextChoices):
    COMPUTED = "computed", _("산정")
    REPORTED = "reported", _("업체 통보")
    DISPUTED = "disputed", _("업체 이의")
    CONFIRMED = "confirmed", _("확정")


class MeasurementSource(models.TextChoices):
    COMPUTED = "computed", _("장애·요청 기록에서 산정")
    ENTERED = "entered", _("입력")


class FindingState(models.TextChoices):
    OPEN = "open", _("개선 조치 중")
    CLOSED = "closed", _("조치 완료")

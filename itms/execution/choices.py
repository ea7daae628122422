"""Choices of Chapter 5 (사업관리, a17–a23)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContractState(models.TextChoices):
    """The contract's life from signature to the end of the defect-liability period (PRACTICE-FACTS §4.2)."""

    IN_PROGRESS = "in_progress", _("사업수행")
    COMPLETION_NOTIFIED = "completion_notified", _("완료계 접수·검사 중")
    CORRECTION_REQUESTED = "correction_requested", _("보완 요구")
    INSPECTED = "inspected", _("검사 합격")
    HANDED_OVER = "handed_over", _("인계·하자담보")
    CLOSED = "closed", _("종료")


class PlanState(models.TextChoices):
    DRAFT = "draft", _("작성 중")
    SUBMITTED = "submitted", _("제출 (검토 중)")
    REVISION_REQUESTED = "revision_requested", _("수정 요구")
    APPROVED = "approved", _("승인")


class PlanAspect(models.TextChoices):
    """What a 사업수행계획서 contains (a18.1)."""

    STAFF = "staff", _("투입인력")
    SCHEDULE = "schedule", _("추진일정")
    QUALITY = "quality", _("품질관리 계획")
    DELIVERABLES = "deliverables", _("산출물 제출 계획")


class PlanBasis(models.TextChoices):
    """What the plan is compared with (a18.2)."""

    RFP = "rfp", _("제안요청서")
    PROPOSAL = "proposal", _("제안서")
    CONTRACT = "contract", _("계약서 과업내용")


class Verdict(models.TextChoices):
    PENDING = "pending", _("검토 전")
    CONFORMS = "conforms", _("부합")
    DEFICIENT = "deficient", _("미흡")


class ReportKind(models.TextChoices):
    WEEKLY = "weekly", _("주간 보고")
    MONTHLY = "monthly", _("월간 보고")


class Severity(models.TextChoices):
    HIGH = "high", _("상")
    MEDIUM = "medium", _("중")
    LOW = "low", _("하")


class Phase(models.TextChoices):
    """Phases of a build project and the deliverables of each (PRACTICE-FACTS §3)."""

    KICKOFF = "kickoff", _("착수·관리")
    ANALYSIS = "analysis", _("분석")
    DESIGN = "design", _("설계")
    IMPLEMENTATION = "implementation", _("구현")
    TEST = "test", _("시험")
    TRANSITION = "transition", _("전개·이행")
    CLOSING = "closing", _("종료")


class DeliverableState(models.TextChoices):
    PLANNED = "planned", _("제출 예정")
    SUBMITTED = "submitted", _("제출 (검토 중)")
    RETURNED = "returned", _("보완 요청")
    ACCEPTED = "accepted", _("검토 완료")


class Audience(models.TextChoices):
    SPONSOR = "sponsor", _("사업추진부서")
    VENDOR = "vendor", _("사업수행업체")
    BOTH = "both", _("사업추진부서·사업수행업체")


class WeaknessPhase(models.TextChoices):
    DESIGN = "design", _("설계단계 보안설계 기준")
    IMPLEMENTATION = "implementation", _("구현단계 보안약점")


class RequirementCategory(models.TextChoices):
    FUNCTIONAL = "functional", _("기능")
    PERFORMANCE = "performance", _("성능")
    INTERFACE = "interface", _("인터페이스")
    DATA = "data", _("데이터")
    SECURITY = "security", _("보안")
    QUALITY = "quality", _("품질")
    OTHER = "other", _("기타")


class RequirementSource(models.TextChoices):
    RFP = "rfp", _("제안요청서 요구사항")
    ENTERED = "entered", _("직접 입력·가져오기")
    CHANGE = "change", _("과업변경")


class TestLevel(models.TextChoices):
    UNIT = "unit", _("단위시험")
    INTEGRATION = "integration", _("통합시험")
    USER = "user", _("사용자 테스트")
    ACCEPTANCE = "acceptance", _("인수시험")


class TestResult(models.TextChoices):
    NOT_RUN = "not_run", _("미수행")
    PASSED = "passed", _("통과")
    FAILED = "failed", _("결함")


class TestRunKind(models.TextChoices):
    """The tests a20.2 requires before the inspection is completed (and others the project records)."""

    INTEGRATION = "integration", _("통합테스트")
    USER = "user", _("사용자 테스트")
    PILOT = "pilot", _("시범운영")
    PERFORMANCE = "performance", _("성능시험")
    SECURITY = "security", _("보안 취약점 점검")


REQUIRED_BEFORE_INSPECTION = (TestRunKind.INTEGRATION, TestRunKind.USER, TestRunKind.PILOT)


class AcceptanceState(models.TextChoices):
    REQUESTED = "requested", _("요청")
    PASSED = "passed", _("이상 없음")
    FAILED = "failed", _("이상 있음")


class AuditMode(models.TextChoices):
    THREE_STAGE = "three_stage", _("3단계 감리 (요구정의·설계·종료)")
    TWO_STAGE = "two_stage", _("2단계 감리 (설계·종료)")


class AuditStageKind(models.TextChoices):
    REQUIREMENTS = "requirements", _("요구정의 단계")
    DESIGN = "design", _("설계 단계")
    FINAL = "final", _("종료 단계")


STAGES_OF = {
    AuditMode.THREE_STAGE: (AuditStageKind.REQUIREMENTS, AuditStageKind.DESIGN, AuditStageKind.FINAL),
    AuditMode.TWO_STAGE: (AuditStageKind.DESIGN, AuditStageKind.FINAL),
}


class ChangeState(models.TextChoices):
    DRAFT = "draft", _("작성 중")
    SUBMITTED = "submitted", _("심의 요청")
    DELIBERATING = "deliberating", _("과업심의위원회 상정")
    APPROVED = "approved", _("확정 (계약 반영)")
    REJECTED = "rejected", _("부결")


class InspectionOutcome(models.TextChoices):
    PENDING = "pending", _("검사 중")
    PASSED = "passed", _("합격")
    CORRECTION = "correction", _("보완 요구")


class ItemKind(models.TextChoices):
    REQUIREMENT = "requirement", _("요구사항 이행")
    DELIVERABLE = "deliverable", _("산출물")
    TEST = "test", _("시험·인수테스트 결과")
    AUDIT = "audit", _("감리 시정조치")


class ItemVerdict(models.TextChoices):
    PENDING = "pending", _("확인 전")
    DONE = "done", _("이행")
    PARTIAL = "partial", _("부분 이행")
    NOT_DONE = "not_done", _("미이행")


class DefectKind(models.TextChoices):
    """하자 = failure to meet the agreed requirements; new or changed functions are 과업변경 or 유지관리
    (PRACTICE-FACTS §4.1, KOSA 2021)."""

    DEFECT = "defect", _("하자 (합의된 요구사항 미충족)")
    CHANGE = "change", _("요구변경 (과업변경·유지관리 대상)")


def _participant_choices():
    from itms.projects.choices import ParticipantRole

    return [
        (r.value, r.label)
        for r in (ParticipantRole.VENDOR_MANAGER, ParticipantRole.VENDOR_STAFF, ParticipantRole.AUDITOR)
    ]


ParticipantChoices = _participant_choices

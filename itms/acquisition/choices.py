"""Chapter 4's words: one Korean label per state and kind, used by the models, the workflows and the screens."""

from django.db import models
from django.utils.translation import gettext_lazy as _


# --- 사전협의 (a11) ----------------------------------------------------------------------------------------------
class ConsultationState(models.TextChoices):
    DRAFT = "draft", _("판정 전")
    NOT_REQUIRED = "not_required", _("대상 아님")
    APPLIED = "applied", _("사전협의 신청")
    REPLIED = "replied", _("협의 결과 회신")
    OBJECTED = "objected", _("이의 제기")
    ANSWERED = "answered", _("이의 회신")
    REFLECTED = "reflected", _("결과 반영 완료")


# --- 보안성 검토 (a12) -------------------------------------------------------------------------------------------
class SecurityReviewState(models.TextChoices):
    DRAFT = "draft", _("신청 전")
    REQUESTED = "requested", _("보안성 검토 신청")
    NOTIFIED = "notified", _("검토 결과 통보")
    VERIFIED = "verified", _("반영 확인")


class FindingSource(models.TextChoices):
    SECURITY_OFFICER = "security_officer", _("정보보안담당관")
    NIS = "nis", _("국가정보원 협의")


# --- 과업심의 (a13) ----------------------------------------------------------------------------------------------
class DeliberationState(models.TextChoices):
    DRAFT = "draft", _("요청 전")
    REQUESTED = "requested", _("심의 요청")
    ON_AGENDA = "on_agenda", _("안건 상정")
    DECIDED = "decided", _("심의·의결")
    REJECTED = "rejected", _("부결")
    REFLECTED = "reflected", _("제안요청서 반영")
    ANSWERED = "answered", _("계약상대자에 결과 통보")


# --- 제안요청서·발주 (a14) ------------------------------------------------------------------------------------------
class RfpState(models.TextChoices):
    DRAFT = "draft", _("작성 중")
    ORDERED = "ordered", _("발주")


class SelfCheckAnswer(models.TextChoices):
    COMPLIANT = "compliant", _("준수")
    NOT_APPLICABLE = "na", _("해당 없음")
    NON_COMPLIANT = "non_compliant", _("미준수")


class OrderingState(models.TextChoices):
    DRAFT = "draft", _("작성 중")
    REQUESTED = "requested", _("발주 의뢰")
    REVIEWED = "reviewed", _("발주요건 검토 완료")
    RETURNED = "returned", _("보완 요청")
    ORDERED = "ordered", _("발주")


class CheckResult(models.TextChoices):
    PENDING = "", _("미검토")
    SATISFIED = "satisfied", _("적합")
    NOT_APPLICABLE = "na", _("해당 없음")
    FAILED = "failed", _("부적합")


class RestructuringKind(models.TextChoices):
    MERGE = "merge", _("통합")
    SPLIT = "split", _("분리")


# --- 전문가 명부 (a15.7) -------------------------------------------------------------------------------------------
class ExclusionKind(models.TextChoices):
    SUSPENSION = "suspension", _("위촉 제한(제재)")
    FAIRNESS = "fairness", _("공정성 위반")
    OTHER = "other", _("그 밖의 사유")


# --- 평가위원 추출 (a15.3) -----------------------------------------------------------------------------------------
class DrawState(models.TextChoices):
    PREPARING = "preparing", _("명부 확정 전")
    COMMITTED = "committed", _("명부 확정·봉인")
    REVEALED = "revealed", _("추출 (교섭 순서 확정)")
    COMPLETED = "completed", _("선정 완료")
    FAILED = "failed", _("무효 (새 추출 필요)")


class DrawExclusionReason(models.TextChoices):
    CONFLICT = "conflict", _("입찰 업체와 이해관계 (최근 재직)")
    FIELD = "field", _("전문분야 불일치")
    SUSPENDED = "suspended", _("위촉 제한 중")
    UNAVAILABLE = "unavailable", _("평가일에 참석 불가")
    PREVIOUS_DRAW = "previous_draw", _("연기된 평가의 이전 추출 위원")
    OTHER = "other", _("그 밖의 사유")


class ContactOutcome(models.TextChoices):
    ACCEPTED = "accepted", _("수락")
    DECLINED = "declined", _("거절")
    UNREACHABLE = "unreachable", _("연락 안 됨")


# --- 제안서 평가 (a15, a16) ----------------------------------------------------------------------------------------
class EvaluationKind(models.TextChoices):
    TECHNICAL = "technical", _("제안서 기술평가")  # a15, a2.0.10
    SUITABILITY = "suitability", _("제안서 적합성평가")  # a16, a2.0.11


class EvaluationMethod(models.TextChoices):
    COMMITTEE = "committee", _("기술평가위원회 구성")
    DELEGATED = "delegated", _("조달청 위임")


class EvaluationState(models.TextChoices):
    DRAFT = "draft", _("준비 중")
    SELECTING = "selecting", _("평가위원 선정 중")
    FORMED = "formed", _("평가위원회 구성")
    IN_SESSION = "in_session", _("평가 중")
    LOCKED = "locked", _("결과 확정(잠금)")
    NOTIFIED = "notified", _("조달청 통보")
    DELEGATED = "delegated", _("조달청 위임")


class PriceBasis(models.TextChoices):
    ESTIMATED = "estimated", _("추정가격")
    ESTIMATED_VAT = "estimated_vat", _("추정가격 + 부가가치세")
    PLANNED = "planned", _("예정가격")


class ItemKind(models.TextChoices):
    QUANTITATIVE = "quantitative", _("정량")
    QUALITATIVE = "qualitative", _("정성")


class PassRule(models.TextChoices):
    """적합성평가 (a16)의 적합 기준: 기관이 고른다 (EXTERNAL-RULES §2, 미확인)."""

    THRESHOLD = "threshold", _("기술점수가 배점 한도의 기준 비율 이상")
    MAJORITY = "majority", _("평가위원회 과반수 '적합' 의결")


class FormationException(models.TextChoices):
    """a15.4 단서: 5일 전까지 구성하지 않아도 되는 사유 (훈령이 든 것만)."""

    URGENCY = "urgency", _("사업의 긴급성")
    SECURITY = "security", _("보안")
    SPECIALTY = "specialty", _("특수성")


def technical_weights(on=None) -> list[tuple[int, str]]:
    """기술:가격 배점 presets (EXTERNAL-RULES §2: SW사업 90:10, 일반용역 80:20 또는 70:30), from the rule pack."""
    from itms.regulation.rules import param

    return [
        (int(row["technical"]), f"기술 {row['technical']} : 가격 {row['price']} ({row.get('name', '')})")
        for row in param("technical_weight_presets", on).value
    ]

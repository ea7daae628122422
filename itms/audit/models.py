"""Hash-chained log of legal events (votes, draws, guard overrides, signed documents …).

Row changes are logged separately and automatically by django-auditlog; this
chain is for the events whose integrity must be provable: each entry's hash
covers its content and the previous entry's hash, so altering, removing or
reordering any entry breaks verification from that point on.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from itms.core.querysets import RestrictedQuerySet


class LegalEventKind(models.TextChoices):
    VOTE_CAST = "vote_cast", _("표결")
    RESOLUTION_RECORDED = "resolution_recorded", _("의결 기록")
    DRAW_PERFORMED = "draw_performed", _("무작위 추출")
    GUARD_OVERRIDDEN = "guard_overridden", _("요건 예외 승인")
    OBLIGATION_WAIVED = "obligation_waived", _("기한 면제")
    TRANSITION = "transition", _("절차 진행")
    DOCUMENT_SIGNED = "document_signed", _("문서 확정")
    PARAMETER_CHANGED = "parameter_changed", _("규정 값 변경")
    ACCOUNT_UNLOCKED = "account_unlocked", _("계정 잠금 해제")
    TWO_FACTOR_RESET = "two_factor_reset", _("2단계 인증 초기화")
    TWO_FACTOR_ENROLLED = "two_factor_enrolled", _("2단계 인증 등록")
    PASSWORD_SET = "password_set", _("비밀번호 재설정")
    ACCOUNT_DEACTIVATED = "account_deactivated", _("계정 사용 중지")
    ACCOUNT_REACTIVATED = "account_reactivated", _("계정 사용 재개")
    ROLE_CHANGED = "role_changed", _("역할·보직 변경")
    COMPOSITION_CHANGED = "composition_changed", _("위원회 구성 변경")
    # Chapter 4 (itms/acquisition): the evaluator draw step by step (a15.3), the evaluation's sheets and result
    # (a15.8), projects merged or split (a14.3).
    DRAW_COMMITTED = "draw_committed", _("추출 명부 봉인")
    DRAW_WITNESS_ENTERED = "draw_witness_entered", _("추출 참관인 입력")
    EVALUATOR_CONTACTED = "evaluator_contacted", _("평가위원 교섭")
    DRAW_VOIDED = "draw_voided", _("추출 무효")
    SCORE_SHEET_SUBMITTED = "score_sheet_submitted", _("평가표 제출")
    EVALUATION_LOCKED = "evaluation_locked", _("평가결과 확정")
    PROJECTS_RESTRUCTURED = "projects_restructured", _("정보화사업 통합·분리")
    ACCESS_GRANTED = "access_granted", _("업체 접근권한 부여")
    ACCESS_EXPIRED = "access_expired", _("업체 접근권한 만료")
    # Chapter 5 (itms/execution): a signed contract registered — it moves the project to 사업수행 (a17.1–a17.2).
    CONTRACT_REGISTERED = "contract_registered", _("계약 등록")


class LegalEvent(models.Model):
    seq = models.PositiveBigIntegerField(_("일련번호"), unique=True)
    occurred_at = models.DateTimeField(_("발생일시"))
    kind = models.CharField(_("구분"), max_length=40, choices=LegalEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("행위자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField(_("행위자명"), max_length=100, blank=True)
    subject_type = models.CharField(_("대상 종류"), max_length=100, blank=True)
    subject_id = models.CharField(_("대상 ID"), max_length=64, blank=True)
    subject_repr = models.CharField(_("대상"), max_length=300, blank=True)
    summary = models.CharField(_("요약"), max_length=300)
    payload = models.JSONField(_("내용"), default=dict, blank=True)
    clause_ids = models.JSONField(_("근거 조항"), default=list, blank=True)
    pack_version = models.CharField(_("규정 버전"), max_length=40, blank=True)
    request_id = models.CharField(_("요청 ID"), max_length=64, blank=True)
    prev_hash = models.CharField(_("이전 해시"), max_length=64)
    hash = models.CharField(_("해시"), max_length=64, unique=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("법정 이벤트")
        verbose_name_plural = _("법정 이벤트")
        ordering = ["-seq"]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="legalevent_subject")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.get_kind_display()} — {self.summary}"

    def get_absolute_url(self) -> str:
        return reverse("audit:legalevent_detail", kwargs={"pk": self.pk})


class ChainHead(models.Model):
    """The single row locked while appending, so two writers can never fork the chain."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("체인 헤드")

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"

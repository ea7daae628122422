"""평가위원 추출 (a15.3): a verifiable draw of the contact order over the expert list.

The eligible list is frozen after the exclusions (each with its reason) and committed to: the hash of its canonical
form and the hash of a secret drawn with ``secrets`` are chained before anyone sees an order. Witnesses then enter
numbers; the secret is revealed; the order follows from the list hash, the secret, the witnesses' numbers and the
algorithm version (``itms.acquisition.draw``), so anyone holding the published record can recompute it
(``manage.py verify_draw``). Officers contact the experts in that order until the committee is complete.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from itms.core.models import PrimaryModel

from ..choices import ContactOutcome, DrawExclusionReason, DrawState
from .common import STATE_LABEL, actor_field, stamp_field
from .evaluation import Evaluation, Proposal, _evaluation_unit


def _bidder(user, units):
    """Draws of evaluations where the user represents a bidder (업체 대리인): the draw record, nothing else."""
    return Q(evaluation_id__in=Proposal.objects.filter(representatives=user).values("evaluation_id"))


class EvaluatorDraw(PrimaryModel):
    restrict_scopes = {"own_unit": _evaluation_unit("evaluation__"), "assigned": _bidder}

    evaluation = models.ForeignKey(Evaluation, verbose_name=_("평가"), on_delete=models.PROTECT, related_name="draws")
    number = models.PositiveSmallIntegerField(_("차수"), editable=False)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("무효가 된 이전 추출"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
        editable=False,
        help_text=_("정족수 미달로 연기되어 위원을 새로 선정할 때 (제15조제5항)"),
    )
    reason = models.CharField(_("추출 사유"), max_length=300, editable=False)
    needed = models.PositiveSmallIntegerField(_("선정할 외부 평가위원 수"), editable=False)
    algorithm = models.CharField(_("순서 산정 방식"), max_length=40, editable=False)
    criteria = models.JSONField(_("추출 기준"), default=dict, editable=False)
    state = models.CharField(
        STATE_LABEL, max_length=20, choices=DrawState.choices, default=DrawState.PREPARING, editable=False
    )
    eligible = models.JSONField(_("확정 명부 (정규형)"), default=list, editable=False)
    list_hash = models.CharField(_("명부 해시(SHA-256)"), max_length=64, blank=True, editable=False)
    # Drawn with ``secrets`` at the commitment; shown on no page and in no API until it is revealed.
    secret = models.CharField(_("비밀값"), max_length=64, blank=True, editable=False)
    secret_hash = models.CharField(_("비밀값 해시(SHA-256)"), max_length=64, blank=True, editable=False)
    committed_at = stamp_field(_("봉인일시"))
    committed_by = actor_field(_("봉인한 사람"))
    revealed_at = stamp_field(_("추출일시"))
    revealed_by = actor_field(_("추출한 사람"))
    order = models.JSONField(_("교섭 순서"), default=list, editable=False)
    completed_at = stamp_field(_("선정 완료일시"))
    failed_reason = models.CharField(_("무효 사유"), max_length=300, blank=True, editable=False)

    class Meta:
        verbose_name = _("평가위원 추출")
        verbose_name_plural = _("평가위원 추출")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "number"], name="draw_number_once")]

    def __str__(self) -> str:
        return f"{self.evaluation} 평가위원 추출 {self.number}차"

    @property
    def accepted_count(self) -> int:
        return self.contacts.filter(outcome=ContactOutcome.ACCEPTED).count()


class DrawExclusion(models.Model):
    """An expert left out of the eligible list, with the reason (a15.3)."""

    draw = models.ForeignKey(EvaluatorDraw, on_delete=models.CASCADE, related_name="exclusions")
    expert = models.ForeignKey("acquisition.Expert", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("제외 사유"), max_length=20, choices=DrawExclusionReason.choices)
    detail = models.CharField(_("내용"), max_length=300, blank=True)
    automatic = models.BooleanField(_("명부 대조로 제외"), default=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("추출 제외")
        ordering = ["draw", "expert__code"]
        constraints = [models.UniqueConstraint(fields=["draw", "expert"], name="draw_exclusion_once")]

    def __str__(self) -> str:
        return f"{self.expert.code}: {self.get_reason_display()}"


class DrawWitness(models.Model):
    """A witness's number, entered after the commitment and before the reveal."""

    draw = models.ForeignKey(EvaluatorDraw, on_delete=models.CASCADE, related_name="witnesses")
    seq = models.PositiveSmallIntegerField(_("순번"))
    name = models.CharField(_("참관인"), max_length=50)
    affiliation = models.CharField(_("소속"), max_length=100)
    number = models.CharField(_("입력한 수"), max_length=12)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(_("입력일시"), default=timezone.now)

    class Meta:
        verbose_name = _("추출 참관인")
        ordering = ["draw", "seq"]
        constraints = [models.UniqueConstraint(fields=["draw", "seq"], name="draw_witness_seq_once")]

    def __str__(self) -> str:
        return f"{self.seq}. {self.name} ({self.affiliation})"


class DrawContact(models.Model):
    """An officer's contact with the expert at one position of the order, and its outcome."""

    draw = models.ForeignKey(EvaluatorDraw, on_delete=models.CASCADE, related_name="contacts")
    position = models.PositiveSmallIntegerField(_("교섭 순서"))
    expert = models.ForeignKey("acquisition.Expert", on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("결과"), max_length=20, choices=ContactOutcome.choices)
    note = models.CharField(_("메모"), max_length=200, blank=True)
    contacted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    contacted_at = models.DateTimeField(_("교섭일시"), default=timezone.now)

    class Meta:
        verbose_name = _("평가위원 교섭")
        ordering = ["draw", "position"]
        constraints = [models.UniqueConstraint(fields=["draw", "position"], name="draw_contact_position_once")]

    def __str__(self) -> str:
        return f"{self.position}. {self.expert.code}: {self.get_outcome_display()}"

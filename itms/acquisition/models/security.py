"""보안성 검토 (a12): requested with the draft RFP, answered by the 정보보안담당관 after consulting the NIS, reflected
finding by finding, and checked."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from itms.core.models import PrimaryModel
from itms.projects.models import Project

from ..choices import FindingSource, SecurityReviewState
from .common import STATE_LABEL, actor_field, project_unit, stamp_field


class SecurityReview(PrimaryModel):
    restrict_scopes = {"own_unit": project_unit()}

    project = models.ForeignKey(
        Project, verbose_name=_("정보화사업"), on_delete=models.PROTECT, related_name="security_reviews"
    )
    rfp = models.ForeignKey(
        "acquisition.Rfp",
        verbose_name=_("검토받을 제안요청서(안)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="security_reviews",
        help_text=_("제안요청서를 수립할 때 신청합니다 (제12조제1항)"),
    )
    request_note = models.TextField(_("신청 내용"), blank=True)
    state = models.CharField(
        STATE_LABEL,
        max_length=20,
        choices=SecurityReviewState.choices,
        default=SecurityReviewState.DRAFT,
        editable=False,
    )
    requested_at = stamp_field(_("신청일시"))
    requested_by = actor_field(_("신청자"))
    result_summary = models.TextField(_("검토 결과 요지"), blank=True, editable=False)
    nis_consulted_on = models.DateField(_("국가정보원 협의일"), null=True, blank=True, editable=False)
    nis_summary = models.TextField(_("국가정보원 협의 내용"), blank=True, editable=False)
    notified_at = stamp_field(_("결과 통보일시"))
    reviewed_by = actor_field(_("검토한 정보보안담당관"))
    verified_at = stamp_field(_("반영 확인일시"))
    verified_by = actor_field(_("확인한 정보보안담당관"))
    verification_note = models.TextField(_("확인·점검 의견"), blank=True, editable=False)

    class Meta:
        verbose_name = _("보안성 검토")
        verbose_name_plural = _("보안성 검토")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.project} 보안성 검토"


class SecurityFinding(PrimaryModel):
    """One finding of the review (the 정보보안담당관's or the NIS's), and how the sponsor reflected it (a12.3)."""

    restrict_scopes = {"own_unit": project_unit("review__project")}

    review = models.ForeignKey(
        SecurityReview, verbose_name=_("보안성 검토"), on_delete=models.CASCADE, related_name="findings"
    )
    number = models.PositiveSmallIntegerField(_("번호"))
    source = models.CharField(_("출처"), max_length=20, choices=FindingSource.choices)
    finding = models.TextField(_("검토 의견"))
    reflection = models.TextField(_("반영 내용"), blank=True, editable=False)
    reflected_at = stamp_field(_("반영일시"))
    reflected_by = actor_field(_("반영한 사람"))

    class Meta:
        verbose_name = _("보안성 검토 의견")
        verbose_name_plural = _("보안성 검토 의견")
        ordering = ["review", "number"]
        constraints = [models.UniqueConstraint(fields=["review", "number"], name="security_finding_once")]

    def __str__(self) -> str:
        return f"{self.review} 의견 {self.number}"

    @property
    def is_reflected(self) -> bool:
        return self.reflected_at is not None

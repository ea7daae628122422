"""사전협의 (a11; 전자정부법 제67조, 시행령 제82·83조): whether it applies, the application and what came of it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from itms.core.models import PrimaryModel
from itms.projects.models import Project

from ..choices import ConsultationState
from .common import STATE_LABEL, actor_field, project_unit, stamp_field


class PreConsultation(PrimaryModel):
    """One project's 사전협의: the facts that decide whether it applies, and the procedure when it does.

    Whether it applies is computed from these facts and the project's data (``itms.acquisition.consultation``):
    interlinking or joint use with other agencies brings a project under 전자정부법 제67조; a duplication review
    already passed under another law, or a project below the amount MOIS excludes, takes it out (시행령 제82조).
    """

    restrict_scopes = {"own_unit": project_unit()}

    project = models.OneToOneField(
        Project, verbose_name=_("정보화사업"), on_delete=models.PROTECT, related_name="pre_consultation"
    )
    interlinked_agencies = models.TextField(
        _("연계하는 다른 기관"),
        blank=True,
        help_text=_("이 사업의 시스템과 정보를 주고받는 다른 행정기관 (한 줄에 한 기관)"),
    )
    joint_use_agencies = models.TextField(
        _("공동으로 이용하는 다른 기관"), blank=True, help_text=_("시스템을 함께 쓰는 다른 기관 (한 줄에 한 기관)")
    )
    excluded_by_other_law = models.BooleanField(
        _("다른 법령에 따른 중복성 검토를 거침"),
        default=False,
        help_text=_("전자정부법 시행령 제82조: 다른 법령에 따라 중복투자 여부를 사전에 검토받은 사업은 제외"),
    )
    other_law_note = models.CharField(_("거친 검토 (법령·일자)"), max_length=200, blank=True)
    state = models.CharField(
        STATE_LABEL, max_length=20, choices=ConsultationState.choices, default=ConsultationState.DRAFT, editable=False
    )
    assessment = models.TextField(_("대상 여부 판정 이유"), blank=True, editable=False)
    applied_on = models.DateField(_("신청일"), null=True, blank=True, editable=False)
    reply_on = models.DateField(_("회신일"), null=True, blank=True, editable=False)
    reply_summary = models.TextField(_("협의 결과 요지"), blank=True, editable=False)
    objection_on = models.DateField(_("이의 제기일"), null=True, blank=True, editable=False)
    objection = models.TextField(_("이의 내용"), blank=True, editable=False)
    answer_on = models.DateField(_("이의 회신일"), null=True, blank=True, editable=False)
    answer_summary = models.TextField(_("이의 회신 요지"), blank=True, editable=False)
    reflected_at = stamp_field(_("반영 완료일시"))
    applied_by = actor_field(_("신청자"))

    FACTS = ("interlinked_agencies", "joint_use_agencies", "excluded_by_other_law", "other_law_note")

    class Meta:
        verbose_name = _("사전협의")
        verbose_name_plural = _("사전협의")
        ordering = ["-project__start_year", "project__name"]

    def __str__(self) -> str:
        return f"{self.project} 사전협의"


class ConsultationResult(PrimaryModel):
    """One point of MOIS's result (or of its answer to an objection), and how the sponsor reflected it (a11.2)."""

    restrict_scopes = {"own_unit": project_unit("consultation__project")}

    consultation = models.ForeignKey(
        PreConsultation, verbose_name=_("사전협의"), on_delete=models.CASCADE, related_name="results"
    )
    number = models.PositiveSmallIntegerField(_("번호"))
    finding = models.TextField(_("협의 결과"))
    reflection = models.TextField(_("반영 내용"), blank=True, editable=False)
    reflected_at = stamp_field(_("반영일시"))
    reflected_by = actor_field(_("반영한 사람"))

    class Meta:
        verbose_name = _("사전협의 결과")
        verbose_name_plural = _("사전협의 결과")
        ordering = ["consultation", "number"]
        constraints = [models.UniqueConstraint(fields=["consultation", "number"], name="consultation_result_once")]

    def __str__(self) -> str:
        return f"{self.consultation} 결과 {self.number}"

    @property
    def is_reflected(self) -> bool:
        return self.reflected_at is not None

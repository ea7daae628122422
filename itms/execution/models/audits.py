"""감리 (a21): whether the project must be audited (전자정부법 시행령 제71조), the stages, the findings and their
corrective actions — the final stage's corrections done before the inspection."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from itms.accounts.models import Company
from itms.core.models import PrimaryModel

from ..choices import AuditMode, AuditStageKind, Severity
from .contracts import Contract
from .scopes import project_scopes


class SystemAudit(PrimaryModel):
    contract = models.OneToOneField(
        Contract, verbose_name=_("계약"), on_delete=models.CASCADE, related_name="system_audit"
    )
    serves_public = models.BooleanField(_("대국민 서비스"), default=False, help_text=_("대국민 행정·민원 시스템"))
    joint_use = models.BooleanField(_("여러 기관 공동 구축·이용"), default=False)
    not_cost_effective = models.BooleanField(
        _("감리 실익 없음 판단"),
        default=False,
        help_text=_("사업비 1억원 미만이고 기관장이 감리의 실익이 없다고 판단한 경우"),
    )
    pm_outsourced = models.BooleanField(_("전자정부사업관리 위탁"), default=False, help_text=_("전자정부법 제64조의2"))
    head_judges_needed = models.BooleanField(_("기관장이 감리 필요 판단"), default=False)
    mode = models.CharField(_("감리 방식"), max_length=20, choices=AuditMode.choices, default=AuditMode.THREE_STAGE)
    firm = models.ForeignKey(
        Company, verbose_name=_("감리법인"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    mandatory = models.BooleanField(_("감리 대상"), default=False, editable=False)
    explanation = models.TextField(_("판단 근거"), blank=True, editable=False)

    restrict_scopes = project_scopes("contract__project")

    class Meta:
        verbose_name = _("감리")
        verbose_name_plural = _("감리")
        ordering = ["-contract__signed_on"]

    def __str__(self) -> str:
        return f"{self.contract.title} 감리"

    @property
    def project(self):
        return self.contract.project


class AuditStage(PrimaryModel):
    audit = models.ForeignKey(SystemAudit, verbose_name=_("감리"), on_delete=models.CASCADE, related_name="stages")
    kind = models.CharField(_("단계"), max_length=20, choices=AuditStageKind.choices)
    planned_on = models.DateField(_("계획일"), null=True, blank=True)
    performed_on = models.DateField(_("현장감리 실시일"), null=True, blank=True)
    report_received_on = models.DateField(_("감리결과보고서 접수일"), null=True, blank=True)

    restrict_scopes = project_scopes("audit__contract__project")

    class Meta:
        verbose_name = _("감리 단계")
        verbose_name_plural = _("감리 단계")
        ordering = ["audit", "kind"]
        constraints = [models.UniqueConstraint(fields=["audit", "kind"], name="audit_stage_once")]

    def __str__(self) -> str:
        return f"{self.audit} — {self.get_kind_display()}"

    def clean(self) -> None:
        if self.report_received_on and not self.performed_on:
            raise ValidationError({"performed_on": _("감리결과보고서를 받으려면 먼저 감리를 실시해야 합니다.")})


class AuditFinding(PrimaryModel):
    stage = models.ForeignKey(
        AuditStage, verbose_name=_("감리 단계"), on_delete=models.CASCADE, related_name="findings"
    )
    title = models.CharField(_("지적사항"), max_length=200)
    description = models.TextField(_("내용"), blank=True)
    severity = models.CharField(_("중요도"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM)
    corrective_action = models.TextField(_("시정조치 내용"), blank=True)
    corrected_on = models.DateField(_("시정조치일"), null=True, blank=True)
    confirmed_on = models.DateField(_("시정조치 확인일"), null=True, blank=True, help_text=_("감리법인의 확인"))

    restrict_scopes = project_scopes("stage__audit__contract__project")

    class Meta:
        verbose_name = _("감리 지적사항")
        verbose_name_plural = _("감리 지적사항")
        ordering = ["stage", "confirmed_on", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.confirmed_on is None

    def clean(self) -> None:
        errors = {}
        if self.corrected_on and not self.corrective_action.strip():
            errors["corrective_action"] = _("시정조치일을 적으려면 시정조치 내용을 적어야 합니다.")
        if self.confirmed_on and not self.corrected_on:
            errors["confirmed_on"] = _("시정조치가 끝나야 확인할 수 있습니다.")
        if errors:
            raise ValidationError(errors)

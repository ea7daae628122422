"""소프트웨어 개발보안 (a17.6): the guide's catalogue as versioned data, and each project's diagnoses and fixes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from itms.core.models import PrimaryModel

from ..choices import Severity, WeaknessPhase
from .contracts import Contract
from .scopes import project_scopes


class WeaknessCatalog(PrimaryModel):
    edition = models.CharField(_("판"), max_length=20, unique=True)
    title = models.CharField(_("제목"), max_length=200)
    published_on = models.DateField(_("발행일"))
    is_current = models.BooleanField(_("현행"), default=False)

    class Meta:
        verbose_name = _("개발보안 가이드")
        verbose_name_plural = _("개발보안 가이드")
        ordering = ["-published_on"]

    def __str__(self) -> str:
        return self.title


class Weakness(PrimaryModel):
    catalog = models.ForeignKey(
        WeaknessCatalog, verbose_name=_("가이드"), on_delete=models.CASCADE, related_name="weaknesses"
    )
    phase = models.CharField(_("단계"), max_length=20, choices=WeaknessPhase.choices)
    category = models.CharField(_("분류"), max_length=50)
    seq = models.PositiveSmallIntegerField(_("번호"))
    name = models.CharField(_("항목"), max_length=100)

    class Meta:
        verbose_name = _("보안약점·보안설계 기준")
        verbose_name_plural = _("보안약점·보안설계 기준")
        ordering = ["catalog", "phase", "seq"]
        constraints = [models.UniqueConstraint(fields=["catalog", "phase", "seq"], name="weakness_seq_once")]

    def __str__(self) -> str:
        return f"{self.seq}. {self.name}"


class SecurityDiagnosis(PrimaryModel):
    contract = models.ForeignKey(
        Contract, verbose_name=_("계약"), on_delete=models.CASCADE, related_name="security_diagnoses"
    )
    catalog = models.ForeignKey(
        WeaknessCatalog, verbose_name=_("적용 가이드"), on_delete=models.PROTECT, related_name="+"
    )
    phase = models.CharField(_("진단 단계"), max_length=20, choices=WeaknessPhase.choices)
    diagnosed_on = models.DateField(_("진단일"))
    tool = models.CharField(_("진단 도구"), max_length=100, blank=True, help_text=_("CC 인증 정적분석 도구"))
    diagnostician = models.CharField(_("진단원"), max_length=100, blank=True)
    summary = models.TextField(_("진단 결과 요약"), blank=True)

    restrict_scopes = project_scopes("contract__project")

    class Meta:
        verbose_name = _("개발보안 진단")
        verbose_name_plural = _("개발보안 진단")
        ordering = ["contract", "-diagnosed_on"]

    def __str__(self) -> str:
        return f"{self.contract.title} {self.get_phase_display()} 진단"


class SecurityFinding(PrimaryModel):
    """A weakness found, and its remediation; open until fixed (inspection is blocked by open high ones)."""

    diagnosis = models.ForeignKey(
        SecurityDiagnosis, verbose_name=_("진단"), on_delete=models.CASCADE, related_name="findings"
    )
    weakness = models.ForeignKey(Weakness, verbose_name=_("보안약점"), on_delete=models.PROTECT, related_name="+")
    severity = models.CharField(_("위험도"), max_length=10, choices=Severity.choices)
    location = models.CharField(_("위치 (프로그램·화면)"), max_length=200, blank=True)
    count = models.PositiveIntegerField(_("건수"), default=1)
    remediation = models.TextField(_("조치 내용"), blank=True)
    remediated_on = models.DateField(_("조치일"), null=True, blank=True)

    restrict_scopes = project_scopes("diagnosis__contract__project")

    class Meta:
        verbose_name = _("보안약점 진단 결과")
        verbose_name_plural = _("보안약점 진단 결과")
        ordering = ["diagnosis", "remediated_on", "severity"]

    def __str__(self) -> str:
        return f"{self.weakness.name} ({self.get_severity_display()})"

    @property
    def is_open(self) -> bool:
        return self.remediated_on is None

    def clean(self) -> None:
        errors = {}
        if self.weakness_id and self.diagnosis_id and self.weakness.catalog_id != self.diagnosis.catalog_id:
            errors["weakness"] = _("진단에 적용한 가이드의 항목을 고르십시오.")
        if self.remediated_on and not self.remediation.strip():
            errors["remediation"] = _("조치일을 적으려면 조치 내용을 적어야 합니다.")
        if errors:
            raise ValidationError(errors)

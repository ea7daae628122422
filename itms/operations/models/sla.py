"""IT 서비스수준협약 (a26.2) with the vendor an O&M contract entrusts (a24.3): indicators with formula, target,
minimum and weight (summing to 100), monthly measurements computed from the service desk or entered, score → grade
→ payment adjustment; and the periodic service-level diagnosis with findings tracked to closure (a26.1)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from itms.accounts.models import OrgUnit
from itms.core.errors import Refused
from itms.core.fields import MoneyField
from itms.core.models import PrimaryModel
from itms.resources.models import MaintenanceContract

from ..choices import (
    FORMULAS,
    LOWER_IS_BETTER,
    FindingState,
    IndicatorKind,
    MeasurementSource,
    MonthState,
    Severity,
    SlaState,
)
from ..error_codes import OperationsErrors as E
from .scopes import by_contract


class ServiceLevelAgreement(PrimaryModel):
    contract = models.OneToOneField(
        MaintenanceContract, verbose_name=_("유지관리 계약"), on_delete=models.PROTECT, related_name="sla"
    )
    title = models.CharField(_("협약명"), max_length=200)
    signed_on = models.DateField(_("체결일"), null=True, blank=True)
    service_hours_per_day = models.DecimalField(
        _("일 계획 서비스시간"), max_digits=4, decimal_places=1, default=24, help_text=_("24시간 서비스면 24")
    )
    state = models.CharField(_("상태"), max_length=20, choices=SlaState.choices, default=SlaState.DRAFT)

    restrict_scopes = by_contract()

    class Meta:
        verbose_name = _("서비스수준협약")
        verbose_name_plural = _("서비스수준협약")
        ordering = ["-contract__ends_on"]

    def __str__(self) -> str:
        return self.title

    @property
    def total_weight(self) -> int:
        return sum(i.weight for i in self.indicators.all())


class SlaIndicator(PrimaryModel):
    sla = models.ForeignKey(
        ServiceLevelAgreement, verbose_name=_("서비스수준협약"), on_delete=models.CASCADE, related_name="indicators"
    )
    kind = models.CharField(_("지표"), max_length=20, choices=IndicatorKind.choices)
    name = models.CharField(_("지표명"), max_length=100, blank=True)
    formula = models.CharField(_("산식"), max_length=200, blank=True)
    target = models.DecimalField(_("목표 수준"), max_digits=8, decimal_places=2)
    minimum = models.DecimalField(_("최소 수준"), max_digits=8, decimal_places=2)
    weight = models.PositiveSmallIntegerField(_("가중치(점)"))
    severity = models.CharField(
        _("장애 등급"),
        max_length=2,
        choices=Severity.choices,
        blank=True,
        help_text=_("복구시간·적기율을 등급별로 잴 때"),
    )
    limit_hours = models.DecimalField(
        _("처리 기한(시간)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("장애 처리 적기율의 기한"),
    )
    position = models.PositiveSmallIntegerField(_("순서"), default=0)

    restrict_scopes = by_contract("sla__contract")

    class Meta:
        verbose_name = _("서비스수준 지표")
        verbose_name_plural = _("서비스수준 지표")
        ordering = ["sla", "position", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.name:
            return self.name
        label = self.get_kind_display()
        return f"{label} ({self.get_severity_display()})" if self.severity else label

    @property
    def lower_is_better(self) -> bool:
        return self.kind in LOWER_IS_BETTER

    def clean(self) -> None:
        if self.sla_id and self.sla.state != SlaState.DRAFT:
            raise Refused(E.SLA_DRAFT)
        if not self.formula and self.kind:
            self.formula = FORMULAS[IndicatorKind(self.kind)]
        if self.target is not None and self.minimum is not None:
            wrong = self.minimum < self.target if self.lower_is_better else self.minimum > self.target
            if wrong:
                raise Refused(
                    E.INDICATOR_BOUNDS,
                    field="minimum",
                    name=self.label,
                    minimum=self.minimum,
                    target=self.target,
                    word="작을" if self.lower_is_better else "클",
                    direction="낮을수록 좋은" if self.lower_is_better else "높을수록 좋은",
                )
        if self.kind == IndicatorKind.INCIDENT_ON_TIME and not self.limit_hours:
            raise Refused(E.INDICATOR_LIMIT, field="limit_hours", name=self.label)


class SlaMonth(PrimaryModel):
    """One month's measurement of an SLA: its score, grade and payment adjustment."""

    sla = models.ForeignKey(
        ServiceLevelAgreement, verbose_name=_("서비스수준협약"), on_delete=models.PROTECT, related_name="months"
    )
    month = models.DateField(_("측정 월"), help_text=_("그 달의 1일"))
    state = models.CharField(_("상태"), max_length=20, choices=MonthState.choices, default=MonthState.COMPUTED)
    score = models.DecimalField(_("총점"), max_digits=6, decimal_places=2, default=0)
    grade = models.CharField(_("등급"), max_length=2, blank=True)
    payment_percent = models.DecimalField(_("대가 조정률(%)"), max_digits=5, decimal_places=2, default=0)
    payment_adjustment = MoneyField(_("대가 조정액"), default=0)
    planned_hours = models.DecimalField(_("계획 서비스시간"), max_digits=8, decimal_places=2, default=0)
    downtime_hours = models.DecimalField(_("비계획 장애시간"), max_digits=8, decimal_places=2, default=0)
    computed_at = models.DateTimeField(_("산정일시"), null=True, blank=True)
    dispute_reason = models.TextField(_("업체 이의 내용"), blank=True)
    dispute_answer = models.TextField(_("이의 처리 결과"), blank=True)

    restrict_scopes = by_contract("sla__contract")

    class Meta:
        verbose_name = _("월별 서비스수준 측정")
        verbose_name_plural = _("월별 서비스수준 측정")
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["sla", "month"], name="slamonth_unique")]

    def __str__(self) -> str:
        return f"{self.sla} {self.month:%Y. %-m.}"


class SlaMeasurement(PrimaryModel):
    month = models.ForeignKey(
        SlaMonth, verbose_name=_("측정 월"), on_delete=models.CASCADE, related_name="measurements"
    )
    indicator = models.ForeignKey(
        SlaIndicator, verbose_name=_("지표"), on_delete=models.PROTECT, related_name="measurements"
    )
    value = models.DecimalField(_("측정값"), max_digits=10, decimal_places=2, null=True, blank=True)
    level = models.DecimalField(_("달성 수준"), max_digits=4, decimal_places=2, default=0)
    points = models.DecimalField(_("점수"), max_digits=6, decimal_places=2, default=0)
    source = models.CharField(_("측정 방법"), max_length=10, choices=MeasurementSource.choices)
    basis = models.TextField(_("산정 근거"), blank=True)

    restrict_scopes = by_contract("month__sla__contract")

    class Meta:
        verbose_name = _("지표별 측정값")
        verbose_name_plural = _("지표별 측정값")
        ordering = ["month", "indicator__position", "indicator"]
        constraints = [models.UniqueConstraint(fields=["month", "indicator"], name="slameasure_unique")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.value}"


class ServiceLevelDiagnosis(PrimaryModel):
    """IT 서비스 수준 진단 (a26.1), periodic per O&M project; its findings are improved and closed."""

    contract = models.ForeignKey(
        MaintenanceContract, verbose_name=_("유지관리 계약"), on_delete=models.PROTECT, related_name="diagnoses"
    )
    diagnosed_on = models.DateField(_("진단일"))
    period_start = models.DateField(_("진단 대상 기간 시작"))
    period_end = models.DateField(_("진단 대상 기간 끝"))
    diagnosing_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("진단 부서"), on_delete=models.PROTECT, related_name="service_diagnoses"
    )
    method = models.TextField(
        _("진단 방법"), blank=True, help_text=_("ISO/IEC 20000-1의 서비스수준·장애·요청·변경 관리 등 점검한 프로세스")
    )
    summary = models.TextField(_("진단 결과 요약"))

    restrict_scopes = by_contract()

    class Meta:
        verbose_name = _("IT서비스 수준 진단")
        verbose_name_plural = _("IT서비스 수준 진단")
        ordering = ["-diagnosed_on"]

    def __str__(self) -> str:
        return f"IT서비스 수준 진단 ({self.diagnosed_on:%Y. %-m. %-d.}): {self.summary[:40]}"

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise Refused(E.PERIOD_ORDER, field="period_end", end="진단 대상 기간 끝은", start="시작")


class DiagnosisFinding(PrimaryModel):
    diagnosis = models.ForeignKey(
        ServiceLevelDiagnosis, verbose_name=_("진단"), on_delete=models.CASCADE, related_name="findings"
    )
    finding = models.TextField(_("발견 사항"))
    action = models.TextField(_("개선 조치 계획"))
    due_on = models.DateField(_("조치 기한"))
    state = models.CharField(_("상태"), max_length=10, choices=FindingState.choices, default=FindingState.OPEN)
    result = models.TextField(_("조치 결과"), blank=True)
    closed_on = models.DateField(_("조치 완료일"), null=True, blank=True)

    restrict_scopes = {
        "own_unit": lambda user, units: Q(diagnosis__contract__managing_unit_id__in=units),
        "own_company": lambda user, units: Q(diagnosis__contract__supplier_id=user.company_id or 0),
    }

    class Meta:
        verbose_name = _("진단 개선 과제")
        verbose_name_plural = _("진단 개선 과제")
        ordering = ["state", "due_on"]

    def __str__(self) -> str:
        return self.finding[:60]

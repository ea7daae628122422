"""정보시스템 운영 성과관리 (a27): the yearly round, its target systems, the base data the IT departments supply
(a27.2) and the decision with its 정비계획 (PRACTICE-FACTS §6.1).

A round of year Y measures year Y against Y−1 (전년 대비); the base data are kept per system and year, each figure
with the source it came from (entered, a contract, the register) so the screens can show it.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from itms.accounts.models import User
from itms.core.fields import MoneyField
from itms.core.models import PrimaryModel

from ..choices import Band, IndicatorKind, Outcome, PlanState, RoundState, TargetState


def _operated_by(prefix: str = ""):
    def scope(user, units):
        return Q(**{f"{prefix}system__operating_unit_id__in": units})

    return scope


class MeasurementRound(PrimaryModel):
    year = models.PositiveSmallIntegerField(_("측정연도"), unique=True)
    state = models.CharField(_("상태"), max_length=20, choices=RoundState.choices, default=RoundState.PROPOSED)
    criteria = models.JSONField(_("대상 선정 기준"), default=dict, blank=True, editable=False)
    confirmed_at = models.DateTimeField(_("대상 확정 일시"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("종료 일시"), null=True, blank=True, editable=False)
    note = models.TextField(_("비고"), blank=True)

    class Meta:
        verbose_name = _("성과측정")
        verbose_name_plural = _("성과측정")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}년 정보시스템 운영 성과측정"

    def clean(self) -> None:
        if self.year and not 2000 <= self.year <= 2100:
            raise ValidationError({"year": _("측정연도를 네 자리 연도로 입력하십시오.")})


class MeasurementTarget(PrimaryModel):
    """One system in one round: the data request (a27.2), the measurement and the decision."""

    round = models.ForeignKey(
        MeasurementRound, verbose_name=_("성과측정"), on_delete=models.CASCADE, related_name="targets"
    )
    system = models.ForeignKey(
        "resources.InformationSystem",
        verbose_name=_("정보시스템"),
        on_delete=models.PROTECT,
        related_name="performance_targets",
    )
    included = models.BooleanField(_("측정 대상"), default=True)
    exclusion_reason = models.CharField(_("제외 사유"), max_length=300, blank=True)
    years_in_operation = models.DecimalField(_("운영 연수"), max_digits=4, decimal_places=1, null=True, blank=True)
    state = models.CharField(_("상태"), max_length=20, choices=TargetState.choices, default=TargetState.REQUESTED)
    submitted_at = models.DateTimeField(_("자료 제출 일시"), null=True, blank=True, editable=False)
    # the measurement, as computed and stored when it was taken (formula, inputs, parameters read)
    computation = models.JSONField(_("측정 내역"), default=dict, blank=True, editable=False)
    total = models.DecimalField(_("총점"), max_digits=5, decimal_places=2, null=True, blank=True, editable=False)
    band = models.CharField(_("판정"), max_length=20, choices=Band.choices, blank=True, editable=False)
    measured_at = models.DateTimeField(_("측정 일시"), null=True, blank=True, editable=False)
    # the decision (a27.1; 성과관리 지침 제26조)
    exceptions = models.JSONField(_("폐기 권고 예외 사유"), default=list, blank=True)
    triggers = models.JSONField(_("측정 없는 폐기 사유"), default=list, blank=True)
    outcome = models.CharField(_("결정"), max_length=20, choices=Outcome.choices, blank=True, editable=False)
    reasons = models.TextField(_("결정 사유"), blank=True, editable=False)
    decided_at = models.DateTimeField(_("결정 일시"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        User, verbose_name=_("결정자"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    follow_up_project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("후속 사업(구상)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="performance_origins",
        editable=False,
    )

    restrict_scopes = {"own_unit": _operated_by()}

    class Meta:
        verbose_name = _("측정 대상 시스템")
        verbose_name_plural = _("측정 대상 시스템")
        ordering = ["round", "system__code"]
        constraints = [models.UniqueConstraint(fields=["round", "system"], name="performance_target_once")]

    def __str__(self) -> str:
        return f"{self.round.year}년 {self.system.name}"

    @property
    def year(self) -> int:
        return self.round.year

    def clean(self) -> None:
        if not self.included and not (self.exclusion_reason or "").strip():
            raise ValidationError({"exclusion_reason": _("측정 대상에서 빼는 사유를 적어야 합니다 (제27조제1항).")})


class CostYear(PrimaryModel):
    """One year of a system's base data: development, maintenance and operating cost, usage scale (a27.2)."""

    target = models.ForeignKey(
        MeasurementTarget, verbose_name=_("측정 대상"), on_delete=models.CASCADE, related_name="cost_years"
    )
    year = models.PositiveSmallIntegerField(_("연도"))
    development_cost = MoneyField(_("개발비"), default=0)
    maintenance_cost = MoneyField(_("유지보수비"), default=0)
    operating_cost = MoneyField(_("운영비"), default=0)
    usage_scale = models.PositiveBigIntegerField(_("활용규모"), null=True, blank=True)
    usage_unit = models.CharField(
        _("활용규모 단위"), max_length=30, blank=True, help_text=_("예: 처리 건수, 이용자 수")
    )
    source = models.CharField(_("출처"), max_length=200, blank=True)

    restrict_scopes = {"own_unit": _operated_by("target__")}

    class Meta:
        verbose_name = _("연도별 비용·활용규모")
        verbose_name_plural = _("연도별 비용·활용규모")
        ordering = ["target", "year"]
        constraints = [models.UniqueConstraint(fields=["target", "year"], name="performance_cost_year_once")]

    def __str__(self) -> str:
        return f"{self.target} · {self.year}년 비용"

    @property
    def om_cost(self) -> int:
        """운영유지비 = 운영비 + 유지보수비 (PRACTICE-FACTS §6.1)."""
        return (self.operating_cost or 0) + (self.maintenance_cost or 0)

    def clean(self) -> None:
        errors = {}
        if self.target_id and self.year:
            if self.year > self.target.round.year:
                errors["year"] = _("측정연도(%(year)s년) 이후의 자료는 입력하지 않습니다.") % {
                    "year": self.target.round.year
                }
            if self.year == self.target.round.year - 1 and self.usage_scale == 0:
                errors["usage_scale"] = _(
                    "기준연도(전년도) 활용규모가 0이면 활용규모당 운영유지비 증감률을 계산할 수 없습니다(0으로 나눔). "
                    "실제로 사용 실적이 없었다면 측정 없는 폐기 사유 '최근 1년간 사용 실적이 거의 없음'으로 기록하십시오."
                )
        if errors:
            raise ValidationError(errors)


class FunctionUsage(PrimaryModel):
    """Use of one function this year and last year (기능 활용도, PRACTICE-FACTS §6.1)."""

    target = models.ForeignKey(
        MeasurementTarget, verbose_name=_("측정 대상"), on_delete=models.CASCADE, related_name="function_usages"
    )
    function = models.ForeignKey(
        "resources.SystemFunction",
        verbose_name=_("시스템 기능"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("기능명"), max_length=200)
    weight = models.DecimalField(
        _("가중치"), max_digits=6, decimal_places=2, default=Decimal(1), validators=[MinValueValidator(Decimal("0.01"))]
    )
    usage_previous = models.PositiveBigIntegerField(_("전년 사용량"), null=True, blank=True)
    usage_current = models.PositiveBigIntegerField(_("당해 사용량"), null=True, blank=True)
    source = models.CharField(_("출처"), max_length=200, blank=True)

    restrict_scopes = {"own_unit": _operated_by("target__")}

    class Meta:
        verbose_name = _("기능별 사용량")
        verbose_name_plural = _("기능별 사용량")
        ordering = ["target", "name"]
        constraints = [models.UniqueConstraint(fields=["target", "name"], name="performance_function_once")]

    def __str__(self) -> str:
        return f"{self.target} · {self.name}"

    def clean(self) -> None:
        if self.usage_previous == 0:
            raise ValidationError(
                {
                    "usage_previous": _(
                        "전년 사용량이 0이면 '%(name)s' 기능의 사용량 증감률을 계산할 수 없습니다(0으로 나눔). "
                        "올해 새로 생긴 기능은 기능 활용도에서 빼십시오."
                    )
                    % {"name": self.name}
                }
            )


class PerformanceIndicator(PrimaryModel):
    """A performance indicator with its target and result (업무성과 달성도: 공통지표·고유지표)."""

    target = models.ForeignKey(
        MeasurementTarget, verbose_name=_("측정 대상"), on_delete=models.CASCADE, related_name="indicators"
    )
    kind = models.CharField(_("구분"), max_length=10, choices=IndicatorKind.choices)
    name = models.CharField(_("지표명"), max_length=200)
    unit = models.CharField(_("단위"), max_length=30, blank=True)
    goal = models.DecimalField(_("목표"), max_digits=14, decimal_places=2)
    result = models.DecimalField(_("실적"), max_digits=14, decimal_places=2, null=True, blank=True)
    source = models.CharField(_("출처"), max_length=200, blank=True)

    restrict_scopes = {"own_unit": _operated_by("target__")}

    class Meta:
        verbose_name = _("성과지표")
        verbose_name_plural = _("성과지표")
        ordering = ["target", "kind", "name"]
        constraints = [models.UniqueConstraint(fields=["target", "name"], name="performance_indicator_once")]

    def __str__(self) -> str:
        return f"{self.target} · {self.name}"

    def clean(self) -> None:
        errors = {}
        if self.goal is not None and self.goal <= 0:
            errors["goal"] = _("목표는 0보다 커야 합니다: 달성도는 실적 ÷ 목표로 계산합니다.")
        if self.result is not None and self.result < 0:
            errors["result"] = _("실적은 0 이상이어야 합니다.")
        if errors:
            raise ValidationError(errors)


class MaintenancePlan(PrimaryModel):
    """정비계획 (성과관리 지침 제27조): how the decision is carried out without harming users or data."""

    target = models.OneToOneField(
        MeasurementTarget, verbose_name=_("측정 대상"), on_delete=models.CASCADE, related_name="plan"
    )
    state = models.CharField(_("상태"), max_length=20, choices=PlanState.choices, default=PlanState.DRAFT)
    user_inconvenience = models.TextField(_("이용자 불편 방지 방안"), blank=True)
    data_migration = models.TextField(_("정보 이관·보존 방안"), blank=True)
    service_continuity = models.TextField(_("서비스 연속성 확보 방안"), blank=True)
    schedule = models.TextField(_("추진 일정"), blank=True)
    due_on = models.DateField(_("완료 예정일"), null=True, blank=True)
    completed_on = models.DateField(_("완료일"), null=True, blank=True, editable=False)

    restrict_scopes = {"own_unit": _operated_by("target__")}

    class Meta:
        verbose_name = _("정비계획")
        verbose_name_plural = _("정비계획")
        ordering = ["target"]

    def __str__(self) -> str:
        return f"{self.target} 정비계획"

    def missing_parts(self) -> list[str]:
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in ("user_inconvenience", "data_migration", "service_continuity")
            if not (getattr(self, name) or "").strip()
        ]

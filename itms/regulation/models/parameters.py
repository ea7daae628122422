"""Parameters of a rule pack: every number of the directive (and the external defaults) as data.

A parameter belongs to a pack; its value is effective-dated (ParameterValue),
so "the value of P on date D" is answered by the pack in force on D and the
latest value of P effective on D. Changing a value adds a row, never edits one.
"""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from itms.core.formats import format_won
from itms.core.models import PrimaryModel

from .pack import RulePack


class ParameterUnit(models.TextChoices):
    DAYS = "days", _("일")
    WORKING_DAYS = "working_days", _("근무일")
    MONTHS = "months", _("개월")
    YEARS = "years", _("년")
    MONTH_DAY = "month_day", _("월일(MM-DD)")
    RATIO = "ratio", _("비율(분수)")
    PERCENT = "percent", _("백분율(%)")
    COUNT = "count", _("수(명·개)")
    WON = "won", _("금액(원)")
    CHOICE = "choice", _("선택값")
    TABLE = "table", _("표")


class Confidence(models.TextChoices):
    DIRECTIVE = "directive", _("훈령 본문")
    VERIFIED = "verified", _("법령 원문 확인 [V]")
    SECONDARY = "secondary", _("2차 자료 [S]")
    UNVERIFIED = "unverified", _("미확인 [U]")
    SYSTEM = "system", _("시스템 기본값")


class Parameter(PrimaryModel):
    pack = models.ForeignKey(RulePack, verbose_name=_("규정 버전"), on_delete=models.CASCADE, related_name="parameters")
    key = models.SlugField(_("키"), max_length=80)
    name = models.CharField(_("이름"), max_length=150)
    unit = models.CharField(_("단위"), max_length=20, choices=ParameterUnit.choices)
    clause_ids = models.JSONField(_("근거 조항"), default=list)
    description = models.TextField(_("설명"), blank=True)
    source = models.CharField(_("출처"), max_length=300, blank=True)
    confidence = models.CharField(_("확인 수준"), max_length=20, choices=Confidence.choices)
    choices = models.JSONField(_("선택지"), default=list, blank=True, help_text=_("선택값 단위일 때 허용되는 값"))

    class Meta:
        verbose_name = _("규정 값")
        verbose_name_plural = _("규정 값")
        ordering = ["pack", "key"]
        constraints = [models.UniqueConstraint(fields=["pack", "key"], name="parameter_unique_key_in_pack")]

    def __str__(self) -> str:
        return f"{self.name} ({self.key})"

    def value_on(self, on: dt.date) -> ParameterValue | None:
        # Uses the prefetched values when present (list pages), else one query.
        values = getattr(self, "_prefetched_objects_cache", {}).get("values")
        if values is not None:
            candidates = [v for v in values if v.effective_from <= on]
            return max(candidates, key=lambda v: (v.effective_from, v.pk), default=None)
        return self.values.filter(effective_from__lte=on).order_by("-effective_from", "-pk").first()

    @property
    def current_value(self) -> ParameterValue | None:
        from django.utils import timezone

        return self.value_on(timezone.localdate())

    def validate_value(self, value):
        """Refuses a value of the wrong unit with a Korean message; returns the normalised value."""
        return validate_value(self.unit, value, self.choices)


def validate_value(unit: str, value, choices=()):
    if unit in (
        ParameterUnit.DAYS,
        ParameterUnit.WORKING_DAYS,
        ParameterUnit.MONTHS,
        ParameterUnit.YEARS,
        ParameterUnit.COUNT,
        ParameterUnit.WON,
    ):
        if isinstance(value, bool) or (not isinstance(value, int) and not (isinstance(value, str) and value.isdigit())):
            raise ValidationError(
                _("이 값은 0 이상의 정수여야 합니다 (단위: %(unit)s).") % {"unit": ParameterUnit(unit).label}
            )
        value = int(value)
        if value < 0:
            raise ValidationError(_("음수는 허용되지 않습니다."))
        return value
    if unit == ParameterUnit.MONTH_DAY:
        if not isinstance(value, str) or not re.fullmatch(r"\d{2}-\d{2}", value):
            raise ValidationError(_("월일은 MM-DD 형식으로 입력하십시오 (예: 01-31)."))
        try:
            dt.date(2024, int(value[:2]), int(value[3:]))  # a leap year accepts 02-29
        except ValueError as error:
            raise ValidationError(_("있을 수 없는 날짜입니다: %(value)s") % {"value": value}) from error
        return value
    if unit == ParameterUnit.RATIO:
        try:
            fraction = Fraction(str(value))
        except (ValueError, ZeroDivisionError) as error:
            raise ValidationError(_("비율은 2/3처럼 분수로 입력하십시오.")) from error
        if not 0 < fraction <= 1:
            raise ValidationError(_("비율은 0보다 크고 1 이하여야 합니다."))
        return f"{fraction.numerator}/{fraction.denominator}"
    if unit == ParameterUnit.PERCENT:
        try:
            number = float(value)
        except (TypeError, ValueError) as error:
            raise ValidationError(_("백분율은 숫자로 입력하십시오.")) from error
        if not 0 <= number <= 100:
            raise ValidationError(_("백분율은 0에서 100 사이여야 합니다."))
        return number
    if unit == ParameterUnit.CHOICE:
        if value not in choices:
            raise ValidationError(_("허용되는 값이 아닙니다: %(choices)s") % {"choices": ", ".join(choices)})
        return value
    if unit == ParameterUnit.TABLE:
        if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
            raise ValidationError(_("표는 행(객체)의 목록이어야 합니다."))
        return value
    raise ValidationError(_("알 수 없는 단위입니다."))


def display_value(unit: str, value) -> str:
    if value is None:
        return "—"
    if unit == ParameterUnit.WON:
        return format_won(value)
    if unit == ParameterUnit.MONTH_DAY:
        return f"{int(value[:2])}월 {int(value[3:])}일"
    if unit == ParameterUnit.PERCENT:
        return f"{value:g}%"
    if unit == ParameterUnit.TABLE:
        return f"{len(value)}행" if value else "비어 있음 (채워야 함)"
    if unit in _SUFFIX:
        return f"{value:,}{_SUFFIX[unit]}"
    return str(value)


_SUFFIX = {
    ParameterUnit.DAYS: "일",
    ParameterUnit.WORKING_DAYS: "근무일",
    ParameterUnit.MONTHS: "개월",
    ParameterUnit.YEARS: "년",
    ParameterUnit.COUNT: "",
}


class ParameterValue(models.Model):
    parameter = models.ForeignKey(Parameter, verbose_name=_("규정 값"), on_delete=models.CASCADE, related_name="values")
    value = models.JSONField(_("값"))
    effective_from = models.DateField(_("적용 시작일"))
    reason = models.CharField(_("변경 사유"), max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("변경자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("등록일시"), auto_now_add=True)

    class Meta:
        verbose_name = _("규정 값 이력")
        verbose_name_plural = _("규정 값 이력")
        ordering = ["parameter", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["parameter", "effective_from"], name="parametervalue_unique_date")
        ]

    def __str__(self) -> str:
        return f"{self.parameter.name} = {self.display} ({self.effective_from}부터)"

    @property
    def display(self) -> str:
        return display_value(self.parameter.unit, self.value)

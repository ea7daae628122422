"""Forms of the regulation pages: waiver, parameter change, holiday exceptions, the legal-date calculator."""

from __future__ import annotations

import datetime as dt
import json

from django import forms
from django.core.exceptions import ValidationError

from itms.core.forms import ItmsForm, ItmsModelForm

from . import legal_calendar
from .models import CalendarException, Parameter
from .models.parameters import ParameterUnit


class KoreanDateField(forms.CharField):
    """A date picker whose errors name the value: "'2026-02-30'은 존재하지 않는 날짜입니다."."""

    widget = forms.DateInput

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return legal_calendar.parse_date(value)
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from error


class ObligationWaiveForm(ItmsForm):
    reason = forms.CharField(
        label="면제 사유",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "면제 사유를 입력하십시오."},
        help_text="면제는 감사 체인에 기록되며 되돌릴 수 없습니다.",
    )


class ParameterChangeForm(ItmsForm):
    value = forms.CharField(label="새 값", max_length=2000, error_messages={"required": "새 값을 입력하십시오."})
    effective_from = KoreanDateField(label="적용 시작일", error_messages={"required": "적용 시작일을 입력하십시오."})
    reason = forms.CharField(
        label="변경 사유",
        max_length=300,
        error_messages={"required": "변경 사유를 입력하십시오."},
        help_text="예: 훈령 개정(제○○○○호), 관계 법령 개정",
    )

    def __init__(self, *args, parameter: Parameter, **kwargs):
        self.parameter = parameter
        super().__init__(*args, **kwargs)
        self.fields["value"].help_text = _VALUE_HINTS.get(parameter.unit, "")
        if parameter.unit == ParameterUnit.CHOICE:
            self.fields["value"].help_text = "허용되는 값: " + ", ".join(parameter.choices)

    def clean_value(self):
        raw = self.cleaned_data["value"].strip()
        if self.parameter.unit == ParameterUnit.TABLE:
            try:
                raw = json.loads(raw)
            except json.JSONDecodeError as error:
                raise ValidationError(
                    '표는 JSON 목록으로 입력하십시오 (예: [{"규모": "10억원 미만", "인원": 7}]).'
                ) from error
        elif self.parameter.unit == ParameterUnit.WON:
            raw = raw.replace(",", "")  # 1,000,000,000 as written in the directive
        return self.parameter.validate_value(raw)


_VALUE_HINTS = {
    ParameterUnit.DAYS: "일수를 숫자로만 입력하십시오 (예: 14).",
    ParameterUnit.WORKING_DAYS: "근무일 수를 숫자로만 입력하십시오 (예: 3).",
    ParameterUnit.MONTHS: "개월 수를 숫자로만 입력하십시오.",
    ParameterUnit.YEARS: "연수를 숫자로만 입력하십시오.",
    ParameterUnit.COUNT: "수를 숫자로만 입력하십시오.",
    ParameterUnit.WON: "금액을 원 단위 숫자로 입력하십시오 (예: 1,000,000,000).",
    ParameterUnit.MONTH_DAY: "MM-DD 형식 (예: 01-31).",
    ParameterUnit.RATIO: "분수로 입력하십시오 (예: 2/3).",
    ParameterUnit.PERCENT: "0에서 100 사이의 숫자 (예: 85).",
}


class ParameterOnDateForm(ItmsForm):
    on = KoreanDateField(label="기준일", required=False)


class CalendarExceptionForm(ItmsModelForm):
    class Meta:
        model = CalendarException
        fields = ("date", "kind", "name", "reason")
        widgets = {"date": forms.DateInput()}


class LegalDateForm(ItmsForm):
    """법정기한 계산기: "X부터 N일 이내"(순산) or "D N일 전까지"(역산)."""

    DIRECTION_CHOICES = [("forward", "순산 — 기산일부터 N일 이내"), ("backward", "역산 — 기준일 N일 전까지")]
    COUNTING_CHOICES = [
        ("strict", "엄격 — 행위일과 기준일 사이에 N일을 둠"),
        ("lenient", "완화 — 기준일에서 N일을 뺌"),
    ]

    direction = forms.ChoiceField(
        label="계산 방향", choices=DIRECTION_CHOICES, initial="forward", widget=forms.RadioSelect
    )
    date = KoreanDateField(
        label="기준 날짜",
        error_messages={"required": "날짜를 입력하십시오."},
        help_text="순산: 접수일 등 기산일 / 역산: 회의일·평가일 등 기준일",
    )
    days = forms.IntegerField(
        label="기간(일)",
        min_value=0,
        max_value=legal_calendar.MAX_DAYS,
        error_messages={
            "required": "기간(일수)을 입력하십시오.",
            "invalid": "기간(일수)은 정수로 입력하십시오.",
            "min_value": "기간은 0일 이상이어야 합니다.",
            "max_value": f"기간은 {legal_calendar.MAX_DAYS:,}일 이하여야 합니다.",
        },
    )
    count_first_day = forms.BooleanField(label="초일 산입 (0시부터 시작하는 기간)", required=False)
    working_days = forms.BooleanField(label="근무일만 계산 (규정이 근무일로 정한 경우만)", required=False)
    counting = forms.ChoiceField(label="역산 방식", choices=COUNTING_CHOICES, initial="strict", required=False)

    def compute(self) -> tuple[legal_calendar.ComputedDate, dt.date, dt.date]:
        """The computed date and the span (earlier, later) whose holidays are listed; adds form errors."""
        data = self.cleaned_data
        try:
            if data["direction"] == "backward":
                result = legal_calendar.backward(
                    data["date"], data["days"], strict=data.get("counting") != "lenient", event="기준일"
                )
            else:
                result = legal_calendar.forward(
                    data["date"],
                    data["days"],
                    count_first_day=data["count_first_day"],
                    working_days=data["working_days"],
                )
        except ValueError as error:  # e.g. past 9999-12-31
            self.add_error(None, str(error))
            raise
        first, last = sorted((data["date"], result.date))
        return result, first, last

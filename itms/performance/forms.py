from django import forms
from django.db import transaction

from itms.core.errors import Refused
from itms.core.forms import ItmsForm, ItmsModelForm

from .actions.diagnosis import parse_indicators
from .choices import TargetState
from .error_codes import PerformanceErrors as E
from .models import (
    CostYear,
    DiagnosisFramework,
    DiagnosisIndicator,
    DiagnosisRound,
    DiagnosisScore,
    FunctionUsage,
    MaintenancePlan,
    MeasurementRound,
    MeasurementTarget,
    PerformanceIndicator,
)


class ProposeForm(ItmsForm):
    year = forms.IntegerField(label="측정연도", min_value=2000, max_value=2100)


class MeasurementRoundForm(ItmsModelForm):
    class Meta:
        model = MeasurementRound
        fields = ("note",)


class MeasurementTargetForm(ItmsModelForm):
    class Meta:
        model = MeasurementTarget
        fields = ("included", "exclusion_reason")


class _BaseDataForm(ItmsModelForm):
    """Base data are written while the data request is open (a27.2); submitted data are returned first."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "target" in self.fields:
            self.fields["target"].queryset = self.fields["target"].queryset.select_related("round", "system")

    def clean_target(self):
        target = self.cleaned_data["target"]
        if target is not None and target.state != TargetState.REQUESTED:
            raise Refused(E.DATA_STATE)
        return target


class CostYearForm(_BaseDataForm):
    class Meta:
        model = CostYear
        fields = (
            "target",
            "year",
            "development_cost",
            "maintenance_cost",
            "operating_cost",
            "usage_scale",
            "usage_unit",
            "source",
        )
        help_texts = {
            "usage_scale": (
                "시스템의 처리 건수나 이용자 수 (정보화부서 집계). 운영 관리의 서비스 요청·장애 건수는 지원 요청과 "
                "고장의 수이지 이용 규모가 아니어서 미리 채우지 않습니다 (제27조제2항)."
            ),
        }


class FunctionUsageForm(_BaseDataForm):
    class Meta:
        model = FunctionUsage
        fields = ("target", "function", "name", "weight", "usage_previous", "usage_current", "source")


class PerformanceIndicatorForm(_BaseDataForm):
    class Meta:
        model = PerformanceIndicator
        fields = ("target", "kind", "name", "unit", "goal", "result", "source")


class MaintenancePlanForm(ItmsModelForm):
    class Meta:
        model = MaintenancePlan
        fields = ("user_inconvenience", "data_migration", "service_continuity", "schedule", "due_on")


class DiagnosisFrameworkForm(ItmsModelForm):
    """The year's indicator set in one go: one line per indicator, the weights adding up to 100 (a28.1)."""

    indicator_lines = forms.CharField(
        label="지표 (한 줄에 하나: 영역 | 지표 번호 | 지표명 | 배점 | 부서 코드)",
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text="배점의 합은 100점이어야 합니다. 비워 두면 지표는 그대로 둡니다.",
    )

    class Meta:
        model = DiagnosisFramework
        fields = ("year", "title", "source")

    def clean(self):
        cleaned = super().clean()
        text = (cleaned.get("indicator_lines") or "").strip()
        self._rows = None
        if text:
            if self.instance.pk and DiagnosisRound.objects.filter(framework=self.instance).exclude(state="draft"):
                raise Refused(E.FRAMEWORK_LOCKED, field="indicator_lines")
            try:
                self._rows = parse_indicators(text)
            except Refused as refusal:
                raise forms.ValidationError({"indicator_lines": refusal.message_text}) from None
        elif not self.instance.pk:
            raise forms.ValidationError({"indicator_lines": "지표를 한 줄에 하나씩 적으십시오 (배점 합계 100점)."})
        return cleaned

    @transaction.atomic
    def save(self, commit=True):
        framework = super().save(commit=commit)
        if commit and self._rows is not None:
            framework.indicators.all().delete()
            DiagnosisIndicator.objects.bulk_create(DiagnosisIndicator(framework=framework, **r) for r in self._rows)
        return framework


class DiagnosisIndicatorForm(ItmsModelForm):
    class Meta:
        model = DiagnosisIndicator
        fields = ("framework", "area", "code", "name", "weight", "responsible_unit", "description")


class DiagnosisRoundForm(ItmsModelForm):
    class Meta:
        model = DiagnosisRound
        fields = ("framework", "result_note")


class DiagnosisScoreForm(ItmsModelForm):
    class Meta:
        model = DiagnosisScore
        fields = ("score", "evidence")

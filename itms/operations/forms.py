from django import forms

from itms.core.forms import ItmsForm, ItmsModelForm

from .choices import COMPUTED_KINDS as COMPUTED
from .models import (
    ArchitectureCheck,
    DiagnosisFinding,
    Incident,
    MaintenanceRequest,
    MaintenanceWindow,
    OperationArrangement,
    ServiceLevelAgreement,
    ServiceLevelDiagnosis,
    ServiceRequest,
    SlaIndicator,
    SystemTakeover,
)
from .models.requests import check_functions

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
YES_WORDS = {"예", "네", "y", "yes", "true", "1", "o"}
NO_WORDS = {"아니요", "아니오", "n", "no", "false", "0", "x"}


def _label_keys(label: str) -> set[str]:
    """A choice as people write it: "1등급 (서비스 중단)", "1등급" or "서비스 중단"."""
    label = str(label).strip()
    keys = {label}
    if label.endswith(")") and " (" in label:
        head, _, inner = label[:-1].partition(" (")
        keys |= {head.strip(), inner.strip()}
    return keys


class KoreanChoices:
    """A bound form reads a choice given by its Korean label as well as by its code, and 예/아니요 for a yes/no
    field — what a CSV exported from this system's own lists or typed by a person holds (a26.3 imports)."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        if data is None:
            return
        data = self.data = self.data.copy()
        for name, field in self.fields.items():
            value = data.get(name)
            if not isinstance(value, str) or not value.strip():
                continue
            value = value.strip()
            if isinstance(field, forms.BooleanField):
                if value.lower() in YES_WORDS:
                    data[name] = "true"
                elif value.lower() in NO_WORDS:
                    data[name] = "false"
            elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
                codes = {str(code) for code, _ in field.choices}
                if value in codes:
                    continue
                by_label = {key: str(code) for code, label in field.choices if code for key in _label_keys(label)}
                if value in by_label:
                    data[name] = by_label[value]


class OperationArrangementForm(ItmsModelForm):
    class Meta:
        model = OperationArrangement
        fields = ("system", "mode", "contract", "unit", "starts_on", "ends_on", "staff_count", "note")


class SystemTakeoverForm(ItmsModelForm):
    class Meta:
        model = SystemTakeover
        fields = ("system", "budget", "built_by", "project_name", "taken_over_on", "receiving_unit", "note")


class MaintenanceRequestForm(ItmsModelForm):
    class Meta:
        model = MaintenanceRequest
        fields = ("title", "description", "reason", "system", "functions", "urgency", "requesting_unit")

    def clean(self):
        data = super().clean()
        system, functions = data.get("system"), data.get("functions")
        if system is not None and functions:
            probe = MaintenanceRequest(system=system)
            try:
                check_functions(probe, functions)
            except forms.ValidationError as error:
                self.add_error(None, error)
        return data


class ArchitectureCheckForm(ItmsModelForm):
    class Meta:
        model = ArchitectureCheck
        fields = ("request", "code", "item", "conforms", "note")


class IncidentForm(KoreanChoices, ItmsModelForm):
    class Meta:
        model = Incident
        fields = (
            "number",
            "system",
            "contract",
            "title",
            "severity",
            "started_at",
            "detected_at",
            "restored_at",
            "service_down",
            "cause",
            "cause_detail",
            "recurrence_of",
            "is_major",
            "analysis_submitted_on",
        )
        widgets = {"started_at": DATETIME, "detected_at": DATETIME, "restored_at": DATETIME}


class ServiceRequestForm(KoreanChoices, ItmsModelForm):
    class Meta:
        model = ServiceRequest
        fields = ("number", "system", "contract", "title", "requester", "requested_at", "due_at", "completed_at")
        widgets = {"requested_at": DATETIME, "due_at": DATETIME, "completed_at": DATETIME}


class MaintenanceWindowForm(KoreanChoices, ItmsModelForm):
    class Meta:
        model = MaintenanceWindow
        fields = ("system", "title", "starts_at", "ends_at")
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}


class ServiceLevelAgreementForm(ItmsModelForm):
    class Meta:
        model = ServiceLevelAgreement
        fields = ("contract", "title", "signed_on", "service_hours_per_day")


class SlaIndicatorForm(ItmsModelForm):
    class Meta:
        model = SlaIndicator
        fields = (
            "sla",
            "kind",
            "name",
            "formula",
            "target",
            "minimum",
            "weight",
            "severity",
            "limit_hours",
            "position",
        )


class ServiceLevelDiagnosisForm(ItmsModelForm):
    class Meta:
        model = ServiceLevelDiagnosis
        fields = ("contract", "diagnosed_on", "period_start", "period_end", "diagnosing_unit", "method", "summary")


class DiagnosisFindingForm(ItmsModelForm):
    class Meta:
        model = DiagnosisFinding
        fields = ("diagnosis", "finding", "action", "due_on")


class MeasureForm(ItmsForm):
    """A month to measure and the values the service desk does not give (a26.2)."""

    month = forms.DateField(label="측정 월 (그 달의 아무 날)", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.manual = [i for i in indicators if i.kind not in COMPUTED]
        for indicator in self.manual:
            self.fields[f"value_{indicator.pk}"] = forms.DecimalField(
                label=f"{indicator.label} 측정값", max_digits=10, decimal_places=2, required=False
            )

    def values(self) -> dict:
        return {i.pk: self.cleaned_data.get(f"value_{i.pk}") for i in self.manual}


class QueueMoveForm(ItmsForm):
    position = forms.IntegerField(label="우선순위", min_value=1)

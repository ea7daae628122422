from itms.core.serializers import ItmsModelSerializer

from .. import forms as f
from ..models import MaintenanceRequest, SlaMeasurement, SlaMonth
from ..models.requests import check_functions

BASE = ("id", "display", "url")


def _serializer(form, extra=(), read_only=()):
    """The API writes what the registered form offers (the write gate), and shows the record's computed fields."""
    model = form._meta.model
    meta = type(
        "Meta", (), {"model": model, "fields": (*BASE, *form._meta.fields, *extra), "read_only_fields": read_only}
    )
    return type(f"{model.__name__}Serializer", (ItmsModelSerializer,), {"Meta": meta})


def _read_only(model, fields):
    meta = type("Meta", (), {"model": model, "fields": (*BASE, *fields), "read_only_fields": fields})
    return type(f"{model.__name__}Serializer", (ItmsModelSerializer,), {"Meta": meta})


_REQUEST_STATE = (
    "state",
    "requested_by",
    "head_opinion",
    "forwarded_at",
    "overlap_note",
    "change_scope",
    "workload_days",
    "interlinked_functions",
    "exceeds_scope",
    "decision_reason",
    "proposal",
    "converted_project",
    "agenda_item",
    "priority",
    "completed_on",
)

OperationArrangementSerializer = _serializer(f.OperationArrangementForm)
SystemTakeoverSerializer = _serializer(f.SystemTakeoverForm)


class MaintenanceRequestSerializer(_serializer(f.MaintenanceRequestForm, _REQUEST_STATE, _REQUEST_STATE)):
    def validate(self, attrs):
        attrs = super().validate(attrs)
        system = attrs.get("system") or getattr(self.instance, "system", None)
        functions = attrs.get("functions")
        if system is not None and functions:
            check_functions(MaintenanceRequest(system=system), functions)  # a25.1: the system's own functions
        return attrs


ArchitectureCheckSerializer = _serializer(f.ArchitectureCheckForm)
IncidentSerializer = _serializer(f.IncidentForm)
ServiceRequestSerializer = _serializer(f.ServiceRequestForm)
MaintenanceWindowSerializer = _serializer(f.MaintenanceWindowForm)
ServiceLevelAgreementSerializer = _serializer(f.ServiceLevelAgreementForm, ("state",), ("state",))
SlaIndicatorSerializer = _serializer(f.SlaIndicatorForm)
ServiceLevelDiagnosisSerializer = _serializer(f.ServiceLevelDiagnosisForm)
DiagnosisFindingSerializer = _serializer(
    f.DiagnosisFindingForm, ("state", "result", "closed_on"), ("state", "result", "closed_on")
)
SlaMonthSerializer = _read_only(
    SlaMonth,
    (
        "sla",
        "month",
        "state",
        "score",
        "grade",
        "payment_percent",
        "payment_adjustment",
        "planned_hours",
        "downtime_hours",
        "dispute_reason",
        "dispute_answer",
    ),
)
SlaMeasurementSerializer = _read_only(
    SlaMeasurement, ("month", "indicator", "value", "level", "points", "source", "basis")
)

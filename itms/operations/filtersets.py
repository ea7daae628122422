from itms.core.filtersets import ItmsFilterSet

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
    SlaMeasurement,
    SlaMonth,
    SystemTakeover,
)


def _filterset(model, search, fields):
    meta = type("Meta", (), {"model": model, "fields": ("q", *fields)})
    return type(f"{model.__name__}FilterSet", (ItmsFilterSet,), {"Meta": meta, "search_fields": search})


OperationArrangementFilterSet = _filterset(
    OperationArrangement, ("system__name", "system__code"), ("system", "mode", "unit", "contract")
)
SystemTakeoverFilterSet = _filterset(SystemTakeover, ("built_by", "project_name"), ("system", "budget"))
MaintenanceRequestFilterSet = _filterset(
    MaintenanceRequest, ("title", "description"), ("system", "requesting_unit", "state", "urgency")
)
ArchitectureCheckFilterSet = _filterset(ArchitectureCheck, ("item",), ("request", "conforms"))
IncidentFilterSet = _filterset(Incident, ("number", "title"), ("system", "contract", "severity", "cause", "is_major"))
ServiceRequestFilterSet = _filterset(ServiceRequest, ("number", "title"), ("system", "contract"))
MaintenanceWindowFilterSet = _filterset(MaintenanceWindow, ("title",), ("system",))
ServiceLevelAgreementFilterSet = _filterset(ServiceLevelAgreement, ("title",), ("contract", "state"))
SlaIndicatorFilterSet = _filterset(SlaIndicator, ("name", "formula"), ("sla", "kind"))
SlaMonthFilterSet = _filterset(SlaMonth, ("sla__title",), ("sla", "state", "grade"))
SlaMeasurementFilterSet = _filterset(SlaMeasurement, ("basis",), ("month__sla", "indicator", "source"))
ServiceLevelDiagnosisFilterSet = _filterset(ServiceLevelDiagnosis, ("summary",), ("contract", "diagnosing_unit"))
DiagnosisFindingFilterSet = _filterset(DiagnosisFinding, ("finding", "action"), ("diagnosis", "state"))

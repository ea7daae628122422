import django_tables2 as tables

from itms.core.tables import BooleanColumn, DateColumn, ItmsTable
from itms.regulation.due import DueColumn

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


class OperationArrangementTable(ItmsTable):
    system = tables.Column(linkify=True)
    contract = tables.Column(linkify=True)
    starts_on = DateColumn()
    ends_on = DateColumn()

    class Meta(ItmsTable.Meta):
        model = OperationArrangement
        fields = ("system", "mode", "unit", "contract", "starts_on", "ends_on", "staff_count")


class SystemTakeoverTable(ItmsTable):
    system = tables.Column(linkify=True)
    taken_over_on = DateColumn()

    class Meta(ItmsTable.Meta):
        model = SystemTakeover
        fields = ("system", "budget", "built_by", "project_name", "taken_over_on", "receiving_unit")


class MaintenanceRequestTable(ItmsTable):
    title = tables.Column(linkify=True)
    system = tables.Column(linkify=True)
    due = DueColumn()

    class Meta(ItmsTable.Meta):
        model = MaintenanceRequest
        fields = ("title", "system", "requesting_unit", "urgency", "state", "priority", "created_at")


class ArchitectureCheckTable(ItmsTable):
    item = tables.Column(linkify=True)
    conforms = BooleanColumn()

    class Meta(ItmsTable.Meta):
        model = ArchitectureCheck
        fields = ("code", "item", "conforms", "note")


class IncidentTable(ItmsTable):
    number = tables.Column(linkify=True)
    system = tables.Column(linkify=True)
    service_down = BooleanColumn()
    is_major = BooleanColumn()

    class Meta(ItmsTable.Meta):
        model = Incident
        fields = (
            "number",
            "system",
            "title",
            "severity",
            "started_at",
            "restored_at",
            "service_down",
            "cause",
            "is_major",
        )


class ServiceRequestTable(ItmsTable):
    number = tables.Column(linkify=True)
    system = tables.Column(linkify=True)

    class Meta(ItmsTable.Meta):
        model = ServiceRequest
        fields = ("number", "system", "title", "requested_at", "due_at", "completed_at")


class MaintenanceWindowTable(ItmsTable):
    title = tables.Column(linkify=True)
    system = tables.Column(linkify=True)

    class Meta(ItmsTable.Meta):
        model = MaintenanceWindow
        fields = ("system", "title", "starts_at", "ends_at")


class ServiceLevelAgreementTable(ItmsTable):
    title = tables.Column(linkify=True)
    contract = tables.Column(linkify=True)
    signed_on = DateColumn()

    class Meta(ItmsTable.Meta):
        model = ServiceLevelAgreement
        fields = ("title", "contract", "signed_on", "state")


class SlaIndicatorTable(ItmsTable):
    kind = tables.Column(linkify=True)

    class Meta(ItmsTable.Meta):
        model = SlaIndicator
        fields = ("kind", "severity", "formula", "target", "minimum", "weight", "limit_hours")


class SlaMonthTable(ItmsTable):
    month = tables.DateColumn(format="Y. n.", linkify=True)
    due = DueColumn()

    class Meta(ItmsTable.Meta):
        model = SlaMonth
        fields = ("sla", "month", "score", "grade", "payment_percent", "state")


class SlaMeasurementTable(ItmsTable):
    class Meta(ItmsTable.Meta):
        model = SlaMeasurement
        fields = ("indicator", "value", "level", "points", "source", "basis")


class ServiceLevelDiagnosisTable(ItmsTable):
    contract = tables.Column(linkify=True)
    diagnosed_on = DateColumn(linkify=True)

    class Meta(ItmsTable.Meta):
        model = ServiceLevelDiagnosis
        fields = ("diagnosed_on", "contract", "period_start", "period_end", "diagnosing_unit")


class DiagnosisFindingTable(ItmsTable):
    finding = tables.Column(linkify=True)
    due_on = DateColumn()
    closed_on = DateColumn()

    class Meta(ItmsTable.Meta):
        model = DiagnosisFinding
        fields = ("finding", "action", "due_on", "state", "closed_on")

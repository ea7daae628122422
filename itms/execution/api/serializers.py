from rest_framework import serializers

from itms.core.serializers import ItmsModelSerializer

from .. import actions
from .. import forms as f
from ..models import AcceptanceTest, ContractVersion, ProgressReport, WorkPackage

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


_CONTRACT_STATE = (
    "state",
    "version",
    "completion_notified_on",
    "inspected_on",
    "handed_over_on",
    "warranty_ends_on",
    "system",
)


class ContractSerializer(_serializer(f.ContractForm, _CONTRACT_STATE, _CONTRACT_STATE)):
    def create(self, validated_data):
        contract = super().create(validated_data)
        actions.contract_registered(contract, actor=self.context["request"].user)
        return contract


class WorkPackageSerializer(_serializer(f.WorkPackageForm, ("progress", "actual_start", "actual_end", "delay_reason"),
                                        ("progress", "actual_start", "actual_end", "delay_reason"))):  # fmt: skip
    def validate(self, attrs):
        attrs = super().validate(attrs)
        contract = attrs.get("contract") or getattr(self.instance, "contract", None)
        predecessors = attrs.get("predecessors")
        if contract is not None and predecessors is not None:
            if any(p.contract_id != contract.pk for p in predecessors):
                raise serializers.ValidationError({"predecessors": "같은 계약의 작업만 선행 작업으로 정합니다."})
            probe = self.instance or WorkPackage(contract=contract)
            probe.code = attrs.get("code") or probe.code
            try:
                actions.check_no_cycle(probe if probe.pk else None, predecessors, contract.pk)
            except Exception as error:  # Refused → the serializer's Korean 400
                raise serializers.ValidationError(
                    {"predecessors": list(getattr(error, "messages", [str(error)]))}
                ) from error
        return attrs


class SystemAuditSerializer(_serializer(f.SystemAuditForm, ("mandatory", "explanation"), ("mandatory", "explanation"))):
    def create(self, validated_data):
        audit = super().create(validated_data)
        actions.assess(audit)
        return audit

    def update(self, instance, validated_data):
        audit = super().update(instance, validated_data)
        actions.assess(audit)
        return audit


ExecutionPlanSerializer = _serializer(
    f.ExecutionPlanForm, ("contract", "revision", "state", "submitted_at", "approved_at"),
    ("contract", "revision", "state", "submitted_at", "approved_at"),
)  # fmt: skip
PlanReviewItemSerializer = _serializer(f.PlanReviewItemForm, ("plan", "aspect", "basis"), ("plan", "aspect", "basis"))
IssueSerializer = _serializer(f.IssueForm)
DeliverableTypeSerializer = _serializer(f.DeliverableTypeForm)
DeliverableSerializer = _serializer(
    f.DeliverableForm, ("state", "document", "submitted_at"), ("state", "document", "submitted_at")
)
TrainingSerializer = _serializer(f.TrainingForm)
TrainingAttendanceSerializer = _serializer(f.TrainingAttendanceForm)
WeaknessCatalogSerializer = _serializer(f.WeaknessCatalogForm)
WeaknessSerializer = _serializer(f.WeaknessForm)
SecurityDiagnosisSerializer = _serializer(f.SecurityDiagnosisForm)
SecurityFindingSerializer = _serializer(f.SecurityFindingForm)
RequirementSerializer = _serializer(f.RequirementForm)
TestCaseSerializer = _serializer(f.TestCaseForm)
TestRunSerializer = _serializer(f.TestRunForm)
AuditStageSerializer = _serializer(f.AuditStageForm, ("audit", "kind"), ("audit", "kind"))
AuditFindingSerializer = _serializer(f.AuditFindingForm)
ChangeRequestSerializer = _serializer(
    f.ChangeRequestForm, ("state", "agenda_item", "decided_at"), ("state", "agenda_item", "decided_at")
)
InspectionRoundSerializer = _serializer(
    f.InspectionRoundForm, ("contract", "number", "notified_on", "inspected_on", "outcome", "correction_request"),
    ("contract", "number", "notified_on", "inspected_on", "outcome", "correction_request"),
)  # fmt: skip
InspectionItemSerializer = _serializer(
    f.InspectionItemForm, ("inspection", "kind", "reference"), ("inspection", "kind", "reference")
)
DefectSerializer = _serializer(f.DefectForm)
ContractVersionSerializer = _read_only(
    ContractVersion,
    ("contract", "number", "amount", "start_date", "end_date", "reason", "change_request", "requirements"),
)
ProgressReportSerializer = _read_only(
    ProgressReport,
    (
        "contract",
        "kind",
        "period_start",
        "period_end",
        "summary",
        "problems",
        "next_plan",
        "planned_percent",
        "actual_percent",
    ),
)
AcceptanceTestSerializer = _read_only(
    AcceptanceTest,
    (
        "contract",
        "it_unit",
        "requested_on",
        "inspection_due",
        "scope",
        "conducted_on",
        "participants",
        "result_summary",
        "state",
    ),
)

from itms.core.serializers import ItmsModelSerializer

from ..models import (
    Asset,
    AssetAssignment,
    AssetImportJob,
    AssetRelation,
    AssetType,
    AttributeDefinition,
    AuditDiscrepancy,
    InformationSystem,
    InventoryAudit,
    InventoryAuditItem,
    Licence,
    Location,
    MaintenanceContract,
    SystemFunction,
    SystemInterface,
)

BASE = ("id", "display", "url")


class InformationSystemSerializer(ItmsModelSerializer):
    class Meta:
        model = InformationSystem
        fields = (
            *BASE,
            "name",
            "code",
            "purpose",
            "organization",
            "operating_unit",
            "officer",
            "parent",
            "brm_class",
            "service_start",
            "status",
            "is_public",
            "grade",
            "has_personal_data",
            "build_cost",
            "annual_om_cost",
            "developed_by_affiliate",
            "operation_policy",
            "security_policy",
            "policy_established_on",
        )


class SystemFunctionSerializer(ItmsModelSerializer):
    class Meta:
        model = SystemFunction
        fields = (*BASE, "system", "name", "description")


class SystemInterfaceSerializer(ItmsModelSerializer):
    class Meta:
        model = SystemInterface
        fields = (*BASE, "source", "target", "data")


class AssetTypeSerializer(ItmsModelSerializer):
    class Meta:
        model = AssetType
        fields = (*BASE, "code", "name", "kind", "useful_life_years", "licence_required", "description", "is_active")


class AttributeDefinitionSerializer(ItmsModelSerializer):
    class Meta:
        model = AttributeDefinition
        fields = (
            *BASE,
            "asset_type",
            "name",
            "key",
            "value_type",
            "unit",
            "required",
            "allowed_values",
            "order",
            "help_text",
        )


class LocationSerializer(ItmsModelSerializer):
    class Meta:
        model = Location
        fields = (*BASE, "code", "organization", "building", "floor", "room", "kind", "address")


class MaintenanceContractSerializer(ItmsModelSerializer):
    class Meta:
        model = MaintenanceContract
        fields = (
            *BASE,
            "number",
            "name",
            "supplier",
            "project",
            "managing_unit",
            "starts_on",
            "ends_on",
            "annual_amount",
            "systems",
            "scope",
        )


class AssetSerializer(ItmsModelSerializer):
    """An asset; ``attributes`` is an object of the type's attribute keys (a29.3.3), checked as the form checks."""

    class Meta:
        model = Asset
        fields = (
            *BASE,
            "tag",
            "name",
            "asset_type",
            "status",
            "org_unit",
            "officer",
            "system",
            "attributes",
            "missing_attributes",
            "manufacturer",
            "model_name",
            "serial_number",
            "version",
            "acquired_on",
            "acquisition_cost",
            "useful_life_years",
            "life_ends_on",
            "support_ends_on",
            "location",
            "rack",
            "rack_unit",
            "supplier",
            "project",
            "is_om_target",
            "maintenance_contract",
            "maintained_by",
            "holder",
            "holder_unit",
            "verified_on",
            "disposed_on",
            "disposal_reason",
            "note",
        )


class AssetRelationSerializer(ItmsModelSerializer):
    class Meta:
        model = AssetRelation
        fields = (*BASE, "source", "kind", "target_asset", "target_system", "note")


class LicenceSerializer(ItmsModelSerializer):
    class Meta:
        model = Licence
        fields = (
            *BASE,
            "software",
            "number",
            "kind",
            "metric",
            "quantity",
            "starts_on",
            "expires_on",
            "supplier",
            "cost",
            "note",
        )


class AssetAssignmentSerializer(ItmsModelSerializer):
    class Meta:
        model = AssetAssignment
        fields = (
            *BASE,
            "asset",
            "holder",
            "holder_unit",
            "starts_on",
            "ends_on",
            "acknowledged_at",
            "assigned_by",
            "note",
        )


class InventoryAuditSerializer(ItmsModelSerializer):
    class Meta:
        model = InventoryAudit
        fields = (
            *BASE,
            "title",
            "unit",
            "scope_units",
            "scope_types",
            "scope_systems",
            "officers",
            "starts_on",
            "ends_on",
            "state",
            "note",
            "started_at",
            "closed_at",
            "reported_at",
        )
        read_only_fields = ("state",)


class InventoryAuditItemSerializer(ItmsModelSerializer):
    class Meta:
        model = InventoryAuditItem
        fields = (
            *BASE,
            "audit",
            "asset",
            "result",
            "difference",
            "observed_tag",
            "observed_name",
            "observed_serial",
            "observed_location",
            "checked_by",
            "checked_at",
            "note",
        )


class AuditDiscrepancySerializer(ItmsModelSerializer):
    class Meta:
        model = AuditDiscrepancy
        fields = (
            *BASE,
            "item",
            "kind",
            "resolution",
            "resolution_note",
            "registered_asset",
            "resolved_by",
            "resolved_at",
        )


class AssetImportJobSerializer(ItmsModelSerializer):
    class Meta:
        model = AssetImportJob
        fields = (
            *BASE,
            "filename",
            "size",
            "status",
            "total_rows",
            "processed_rows",
            "created_count",
            "error_count",
            "errors",
            "message",
            "started_at",
            "finished_at",
        )

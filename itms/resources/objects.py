from itms.core.menu import add_menu_item
from itms.core.registry import Condition, register, views_context

from . import filtersets as f
from . import forms, tables
from .api import serializers as s
from .choices import AssetStatus, InventoryAuditState
from .error_codes import ResourcesErrors
from .importer import COLUMNS
from .models import (
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


def _context(name):
    return views_context(__package__, name)


register(
    InformationSystem,
    table=tables.InformationSystemTable,
    filterset=f.InformationSystemFilterSet,
    form=forms.InformationSystemForm,
    serializer=s.InformationSystemSerializer,
    menu=("resources", "정보시스템"),
    select_related=("organization", "operating_unit"),
    search_choices=True,
    related=[
        ("기능", "functions", tables.RelatedFunctionTable),
        ("하위 시스템 (소속·산하기관 서브시스템 포함)", "subsystems", tables.RelatedSubsystemTable),
        ("구성 정보자산", "assets", tables.RelatedAssetTable),
        ("보내는 연계", "outgoing", tables.RelatedInterfaceTable),
        ("받는 연계", "incoming", tables.RelatedInterfaceTable),
    ],
    import_fields=(
        "name",
        "code",
        "purpose",
        "organization",
        "operating_unit",
        "parent",
        "brm_class",
        "service_start",
        "status",
        "is_public",
        "grade",
        "has_personal_data",
        "build_cost",
        "annual_om_cost",
    ),
    import_lookups={"organization": "code", "operating_unit": "code", "parent": "code"},
)
register(
    SystemFunction,
    table=tables.SystemFunctionTable,
    filterset=f.SystemFunctionFilterSet,
    form=forms.SystemFunctionForm,
    serializer=s.SystemFunctionSerializer,
    menu=("resources", "시스템 기능"),
    select_related=("system",),
    import_fields=("system", "name", "description"),
    import_lookups={"system": "code"},
)
register(
    SystemInterface,
    table=tables.SystemInterfaceTable,
    filterset=f.SystemInterfaceFilterSet,
    form=forms.SystemInterfaceForm,
    serializer=s.SystemInterfaceSerializer,
    menu=("resources", "시스템 연계"),
    select_related=("source", "target"),
)

# --- the inventory (a29.3) -----------------------------------------------------------------------------------------
register(
    Asset,
    table=tables.AssetTable,
    filterset=f.AssetFilterSet,
    form=forms.AssetForm,
    serializer=s.AssetSerializer,
    menu=("resources", "정보자산"),
    select_related=("asset_type", "org_unit", "system", "location", "holder"),
    search_choices=True,
    detail_fields=[
        "tag",
        "name",
        "asset_type",
        "status",
        "org_unit",
        "officer",
        "system",
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
    ],
    related=[
        ("관계 (이 자산이)", "relations", tables.RelatedRelationTable),
        ("관계 (이 자산에)", "incoming_relations", tables.RelatedIncomingRelationTable),
        ("라이선스", "licences", tables.RelatedLicenceTable),
        ("지급 이력", "assignments", tables.RelatedAssignmentTable),
        ("실사 확인 이력", "audit_items", tables.RelatedAuditItemTable),
    ],
    history_include=(
        ("resources.assetrelation", "source"),
        ("resources.assetrelation", "target_asset"),
        ("resources.licence", "software"),
        ("resources.assetassignment", "asset"),
    ),
    documents=True,
    detail_template="resources/asset_detail.html",
    detail_context=_context("asset_context"),
    conditions={"change": Condition(lambda a: a.status != AssetStatus.DISPOSED, ResourcesErrors.ALREADY_DISPOSED)},
    import_fields=tuple(c.key for c in COLUMNS if c.key in {f.name for f in Asset._meta.get_fields()}),
)
register(
    AssetRelation,
    table=tables.AssetRelationTable,
    filterset=f.AssetRelationFilterSet,
    form=forms.AssetRelationForm,
    serializer=s.AssetRelationSerializer,
    select_related=("source__asset_type", "target_asset", "target_system"),
)
register(
    Licence,
    table=tables.LicenceTable,
    filterset=f.LicenceFilterSet,
    form=forms.LicenceForm,
    serializer=s.LicenceSerializer,
    menu=("resources", "라이선스"),
    select_related=("software__asset_type",),
    conditions={"delete": Condition(lambda lic: lic.removable(), ResourcesErrors.LICENCE_IN_USE)},
)
register(
    AssetAssignment,
    table=tables.AssetAssignmentTable,
    filterset=f.AssetAssignmentFilterSet,
    serializer=s.AssetAssignmentSerializer,
    menu=("resources", "자산 지급 이력"),
    select_related=("asset", "holder", "holder_unit"),
    can_add=False,
    can_edit=False,
    can_delete=False,
    detail_template="resources/assignment_detail.html",
    detail_context=_context("assignment_context"),
)
register(
    MaintenanceContract,
    table=tables.MaintenanceContractTable,
    filterset=f.MaintenanceContractFilterSet,
    form=forms.MaintenanceContractForm,
    serializer=s.MaintenanceContractSerializer,
    menu=("resources", "유지관리 계약"),
    select_related=("supplier", "managing_unit"),
    prefetch_related=("systems",),
    search_choices=True,
    related=[("유지관리 대상 자산", "assets", tables.RelatedAssetTable)],
)
register(
    Location,
    table=tables.LocationTable,
    filterset=f.LocationFilterSet,
    form=forms.LocationForm,
    serializer=s.LocationSerializer,
    menu=("resources", "설치 위치"),
    select_related=("organization",),
    search_choices=True,
)
register(
    AssetType,
    table=tables.AssetTypeTable,
    filterset=f.AssetTypeFilterSet,
    form=forms.AssetTypeForm,
    serializer=s.AssetTypeSerializer,
    menu=("resources", "자산 유형"),
    related=[("필수속성 (제29조제3항제3호)", "attribute_definitions", tables.AttributeDefinitionTable)],
)
register(
    AttributeDefinition,
    table=tables.AttributeDefinitionTable,
    filterset=f.AttributeDefinitionFilterSet,
    form=forms.AttributeDefinitionForm,
    serializer=s.AttributeDefinitionSerializer,
    menu=("resources", "필수속성 정의"),
    select_related=("asset_type",),
)

# --- 실사 (a29.3.2, a29.3.3) -----------------------------------------------------------------------------------------
DRAFT_ONLY = Condition(lambda audit: audit.state == InventoryAuditState.DRAFT, ResourcesErrors.AUDIT_STARTED)
register(
    InventoryAudit,
    table=tables.InventoryAuditTable,
    filterset=f.InventoryAuditFilterSet,
    form=forms.InventoryAuditForm,
    serializer=s.InventoryAuditSerializer,
    menu=("resources", "정보자산 실사"),
    select_related=("unit",),
    prefetch_related=("scope_units", "scope_types", "scope_systems", "officers"),
    documents=True,
    detail_template="resources/audit_detail.html",
    detail_context=_context("audit_context"),
    conditions={"change": DRAFT_ONLY, "delete": DRAFT_ONLY},
)
register(
    InventoryAuditItem,
    table=tables.InventoryAuditItemTable,
    filterset=f.InventoryAuditItemFilterSet,
    serializer=s.InventoryAuditItemSerializer,
    select_related=("audit", "asset", "checked_by"),
    can_add=False,
    can_edit=False,
    can_delete=False,
)
register(
    AuditDiscrepancy,
    table=tables.AuditDiscrepancyTable,
    filterset=f.AuditDiscrepancyFilterSet,
    serializer=s.AuditDiscrepancySerializer,
    select_related=("item__asset", "item__audit", "resolved_by"),
    can_add=False,
    can_edit=False,
    can_delete=False,
    detail_template="resources/discrepancy_detail.html",
    detail_context=_context("discrepancy_context"),
)
register(
    AssetImportJob,
    table=tables.AssetImportJobTable,
    filterset=f.AssetImportJobFilterSet,
    serializer=s.AssetImportJobSerializer,
    menu=("resources", "정보자산 가져오기"),
    select_related=("created_by",),
    can_add=False,
    can_edit=False,
    can_delete=False,
    detail_template="resources/import_job.html",
    detail_context=_context("import_job_context"),
)
add_menu_item("resources", "현행화 현황", "resources:currency", "resources.view_asset")
add_menu_item("resources", "운영·유지관리 대상 식별", "resources:coverage", "resources.view_asset")

import django_tables2 as tables

from itms.core.tables import BooleanColumn, DateColumn, ItmsTable, MoneyColumn, ObjectColumn

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


class Preview:
    """A related table on a detail page shows a page of rows (a contract can cover thousands of assets), with its own
    pager (``<prefix>page``) so that several such tables on one page do not move together."""

    preview_rows = 20
    select: tuple[str, ...] = ()

    def __init__(self, data, *args, request=None, **kwargs):
        if self.select and hasattr(data, "select_related"):
            data = data.select_related(*self.select)  # the columns' foreign keys: no query per row
        kwargs.setdefault("prefix", f"{type(self).__name__.lower()}-")
        super().__init__(data, *args, request=request, **kwargs)
        page = request.GET.get(self.prefixed_page_field, 1) if request is not None else 1
        self.paginate(per_page=self.preview_rows, page=page if str(page).isdigit() else 1)


class InformationSystemTable(ItmsTable):
    code = tables.Column(attrs={"td": {"class": "text-nowrap"}})
    name = tables.Column(linkify=True)
    operating_unit = tables.Column(linkify=True)
    service_start = DateColumn()
    is_public = BooleanColumn(verbose_name="대국민")
    annual_om_cost = MoneyColumn()

    class Meta(ItmsTable.Meta):
        model = InformationSystem
        fields = (
            "code",
            "name",
            "organization",
            "operating_unit",
            "status",
            "grade",
            "is_public",
            "service_start",
            "annual_om_cost",
        )


class SubsystemTable(InformationSystemTable):
    developed_by_affiliate = BooleanColumn(verbose_name="자체 개발")
    policy_established_on = DateColumn()

    class Meta(InformationSystemTable.Meta):
        fields = (
            "code",
            "name",
            "organization",
            "operating_unit",
            "status",
            "developed_by_affiliate",
            "policy_established_on",
        )


class SystemFunctionTable(ItmsTable):
    name = tables.Column(linkify=True)
    system = tables.Column(linkify=True)

    class Meta(ItmsTable.Meta):
        model = SystemFunction
        fields = ("name", "system", "description")


class SystemInterfaceTable(ItmsTable):
    interface = ObjectColumn(verbose_name="연계")
    source = tables.Column(linkify=True)
    target = tables.Column(linkify=True)

    class Meta(ItmsTable.Meta):
        model = SystemInterface
        fields = ("interface", "source", "target", "data")


# --- reference data -------------------------------------------------------------------------------------------------
class AssetTypeTable(ItmsTable):
    name = tables.Column(linkify=True)
    licence_required = BooleanColumn()
    is_active = BooleanColumn()

    class Meta(ItmsTable.Meta):
        model = AssetType
        fields = ("code", "name", "kind", "useful_life_years", "licence_required", "is_active")


class AttributeDefinitionTable(ItmsTable):
    name = tables.Column(linkify=True)
    asset_type = tables.Column(linkify=True)
    required = BooleanColumn()

    class Meta(ItmsTable.Meta):
        model = AttributeDefinition
        fields = ("asset_type", "order", "name", "key", "value_type", "unit", "required")


class LocationTable(ItmsTable):
    location = ObjectColumn(verbose_name="위치")

    class Meta(ItmsTable.Meta):
        model = Location
        fields = ("code", "location", "organization", "kind")


class MaintenanceContractTable(ItmsTable):
    name = tables.Column(linkify=True)
    starts_on = DateColumn()
    ends_on = DateColumn()
    annual_amount = MoneyColumn()

    class Meta(ItmsTable.Meta):
        model = MaintenanceContract
        fields = ("number", "name", "supplier", "managing_unit", "starts_on", "ends_on", "annual_amount")


# --- assets --------------------------------------------------------------------------------------------------------
class AssetTable(ItmsTable):
    tag = tables.Column(linkify=True, attrs={"td": {"class": "text-nowrap"}})
    name = tables.Column(linkify=True)
    system = tables.Column(linkify=True)
    acquired_on = DateColumn()
    life_ends_on = DateColumn()
    verified_on = DateColumn()

    class Meta(ItmsTable.Meta):
        model = Asset
        fields = (
            "tag",
            "name",
            "asset_type",
            "status",
            "org_unit",
            "system",
            "location",
            "holder",
            "acquired_on",
            "life_ends_on",
            "verified_on",
        )


class AssetRelationTable(ItmsTable):
    relation = ObjectColumn(verbose_name="관계")
    source = tables.Column(linkify=True)
    target_asset = tables.Column(linkify=True)
    target_system = tables.Column(linkify=True)

    class Meta(ItmsTable.Meta):
        model = AssetRelation
        fields = ("relation", "source", "kind", "target_asset", "target_system")


class IncomingRelationTable(AssetRelationTable):
    class Meta(AssetRelationTable.Meta):
        fields = ("relation", "source", "kind")


class LicenceTable(ItmsTable):
    licence = ObjectColumn(verbose_name="라이선스")
    software = tables.Column(linkify=True)
    expires_on = DateColumn()

    class Meta(ItmsTable.Meta):
        model = Licence
        fields = ("licence", "software", "kind", "metric", "quantity", "expires_on")


class AssetAssignmentTable(ItmsTable):
    assignment = ObjectColumn(verbose_name="지급")
    starts_on = DateColumn()
    ends_on = DateColumn()
    acknowledged_at = tables.DateTimeColumn(format="Y. n. j. H:i")

    class Meta(ItmsTable.Meta):
        model = AssetAssignment
        fields = ("assignment", "holder", "holder_unit", "starts_on", "ends_on", "acknowledged_at")


# --- 실사 ------------------------------------------------------------------------------------------------------------
class InventoryAuditTable(ItmsTable):
    title = tables.Column(linkify=True)
    starts_on = DateColumn()
    ends_on = DateColumn()

    class Meta(ItmsTable.Meta):
        model = InventoryAudit
        fields = ("title", "unit", "starts_on", "ends_on", "state")


class InventoryAuditItemTable(ItmsTable):
    item = ObjectColumn(verbose_name="항목")
    audit = tables.Column(linkify=True)
    checked_at = tables.DateTimeColumn(format="Y. n. j. H:i")

    class Meta(ItmsTable.Meta):
        model = InventoryAuditItem
        fields = ("item", "audit", "result", "difference", "checked_by", "checked_at")


class AuditDiscrepancyTable(ItmsTable):
    discrepancy = ObjectColumn(verbose_name="불일치")
    resolved_at = tables.DateTimeColumn(format="Y. n. j. H:i")

    class Meta(ItmsTable.Meta):
        model = AuditDiscrepancy
        fields = ("discrepancy", "kind", "resolution", "resolution_note", "resolved_by", "resolved_at")


class AssetImportJobTable(ItmsTable):
    job = ObjectColumn(verbose_name="가져오기")
    created_at = tables.DateTimeColumn(format="Y. n. j. H:i")

    class Meta(ItmsTable.Meta):
        model = AssetImportJob
        fields = ("job", "status", "total_rows", "created_count", "error_count", "created_at")


# --- the related lists of detail pages: a page at a time ---------------------------------------------------------------
class RelatedAssetTable(Preview, AssetTable):
    select = ("asset_type", "org_unit", "system", "location", "holder")


class RelatedRelationTable(Preview, AssetRelationTable):
    select = ("source", "target_asset", "target_system")


class RelatedIncomingRelationTable(Preview, IncomingRelationTable):
    select = ("source", "target_asset", "target_system")


class RelatedLicenceTable(Preview, LicenceTable):
    select = ("software",)


class RelatedAssignmentTable(Preview, AssetAssignmentTable):
    select = ("asset", "holder", "holder_unit")


class RelatedAuditItemTable(Preview, InventoryAuditItemTable):
    select = ("audit", "asset", "checked_by")


class RelatedSubsystemTable(Preview, SubsystemTable):
    select = ("organization", "operating_unit")


class RelatedInterfaceTable(Preview, SystemInterfaceTable):
    select = ("source", "target")


class RelatedFunctionTable(Preview, SystemFunctionTable):
    select = ("system",)

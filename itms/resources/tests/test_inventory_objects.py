"""The inventory's record types pass the generic suites: pages, export, history, API, Korean refusals (a2.0.4, a29.3)."""

import datetime as dt

from django.utils import timezone

from itms.accounts.models import Company, Organization, Position, User
from itms.resources.choices import CheckResult
from itms.resources.factories import (
    AssetFactory,
    InventoryAuditFactory,
    LocationFactory,
    MaintenanceContractFactory,
    SoftwareFactory,
    unit,
)
from itms.resources.models import (
    AssetAssignment,
    AssetImportJob,
    AssetRelation,
    AssetType,
    AttributeDefinition,
    AuditDiscrepancy,
    InformationSystem,
    InventoryAuditItem,
    Licence,
)
from itms.testing.suites import ObjectTypeTests


def _server_form(tag: str, **extra) -> dict:
    return {
        "tag": tag,
        "name": "통관 WAS 서버",
        "asset_type": AssetType.objects.get(code="SERVER").pk,
        "status": "in_use",
        "org_unit": unit("KCS-SOT").pk,
        "system": InformationSystem.objects.get(code="UP-IMP").pk,
        "is_om_target": "on",
        "attributes__role": "WAS",
        "attributes__hostname": f"{tag.lower()}-host",
        "attributes__ip_address": "10.1.2.3",
        "attributes__cpu_cores": "32",
        "attributes__memory_gb": "128",
        **extra,
    }


def _api(data: dict) -> dict:
    """Form data → API payload: the attribute inputs become one ``attributes`` object, checkboxes booleans."""
    payload = {k: v for k, v in data.items() if not k.startswith("attributes__")}
    attributes = {k.removeprefix("attributes__"): v for k, v in data.items() if k.startswith("attributes__")}
    if attributes:
        payload["attributes"] = attributes
    for key, value in payload.items():
        if value == "on":
            payload[key] = True
    return payload


class TestAsset(ObjectTypeTests):
    label = "resources.asset"

    def make(self, n):
        return AssetFactory.create_batch(n)

    def create_data(self):
        return _server_form("T-NEW-00001")

    def update_data(self, obj):
        return _server_form(obj.tag, name="이름을 바꾼 서버", attributes__memory_gb="256")

    def invalid_data(self):
        # a29.3.3: a mandatory attribute of the type is missing.
        data = _server_form("T-BAD-00001")
        del data["attributes__cpu_cores"]
        return data, "attributes"

    def api_data(self, data):
        return _api(data)


class TestAssetRelation(ObjectTypeTests):
    label = "resources.assetrelation"

    def make(self, n):
        return [
            AssetRelation.objects.create(
                source=AssetFactory(), kind="part_of", target_system=InformationSystem.objects.get(code="UP-EXP")
            )
            for _ in range(n)
        ]

    def create_data(self):
        return {
            "source": AssetFactory().pk,
            "kind": "part_of",
            "target_system": InformationSystem.objects.get(code="UP-CRG").pk,
        }

    def update_data(self, obj):
        return {"source": obj.source_id, "kind": "part_of", "target_system": obj.target_system_id, "note": "공용 장비"}

    def invalid_data(self):
        asset = AssetFactory()
        return {"source": asset.pk, "kind": "part_of", "target_asset": asset.pk}, "target_asset"

    def test_the_list_is_grouped_by_asset_on_its_own_columns(self):
        """Issue 12: by the asset's own column an index serves deep pages and cursors (by the asset itself, every
        relation was sorted through the asset's join)."""
        from itms.core.pagination import order_keys

        assert order_keys(AssetRelation.objects.all()) == [("source_id", False), ("kind", False), ("id", False)]


class TestLicence(ObjectTypeTests):
    label = "resources.licence"

    def make(self, n):
        return [Licence.objects.create(software=SoftwareFactory(), quantity=5) for _ in range(n)]

    def create_data(self):
        return {"software": SoftwareFactory().pk, "kind": "perpetual", "metric": "installation", "quantity": 3}

    def update_data(self, obj):
        return {
            "software": obj.software_id,
            "kind": "subscription",
            "metric": "installation",
            "quantity": 4,
            "expires_on": f"{timezone.localdate().year + 1}-12-31",
        }

    def invalid_data(self):
        # A licence belongs to software, not to a server.
        return {"software": AssetFactory().pk, "kind": "perpetual", "metric": "installation", "quantity": 1}, "software"


class TestAssetAssignment(ObjectTypeTests):
    label = "resources.assetassignment"

    def make(self, n):
        user = User.objects.get(username="sponsor")
        return [
            AssetAssignment.objects.create(
                asset=AssetFactory(), holder=user, holder_unit=unit("KCS-CLP"), starts_on=dt.date(2026, 1, 2)
            )
            for _ in range(n)
        ]


class TestMaintenanceContract(ObjectTypeTests):
    label = "resources.maintenancecontract"

    def make(self, n):
        return MaintenanceContractFactory.create_batch(n)

    def create_data(self):
        return {
            "number": "T-OM-NEW",
            "name": "시험 장비 유지관리",
            "supplier": Company.objects.order_by("pk").first().pk,
            "managing_unit": unit("KCS-SOT").pk,
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "annual_amount": 120_000_000,
        }

    def update_data(self, obj):
        return {**self.create_data(), "number": obj.number, "scope": "정기 점검과 장애 대응"}

    def invalid_data(self):
        return {**self.create_data(), "number": "T-OM-BAD", "ends_on": "2025-12-31"}, "ends_on"


class TestLocation(ObjectTypeTests):
    label = "resources.location"

    def make(self, n):
        return LocationFactory.create_batch(n)

    def create_data(self):
        kcs = Organization.objects.get(code="KCS")
        return {
            "code": "T-LOC-NEW",
            "organization": kcs.pk,
            "building": "세종 분원",
            "room": "전산실",
            "kind": "data_center",
        }

    def update_data(self, obj):
        return {
            "code": obj.code,
            "organization": obj.organization_id,
            "building": obj.building,
            "room": "제3전산실",
            "kind": "data_center",
        }

    def invalid_data(self):
        return {**self.create_data(), "building": ""}, "building"


class TestAssetType(ObjectTypeTests):
    label = "resources.assettype"

    def make(self, n):
        start = AssetType.objects.count()
        return [
            AssetType.objects.create(code=f"T-TYPE-{start + i}", name=f"시험 유형 {start + i}", kind="hw_other")
            for i in range(n)
        ]

    def create_data(self):
        return {
            "code": "KIOSK",
            "name": "무인 신고 단말",
            "kind": "terminal",
            "useful_life_years": 5,
            "is_active": "on",
        }

    def update_data(self, obj):
        return {"code": obj.code, "name": obj.name, "kind": obj.kind, "useful_life_years": 7, "is_active": "on"}

    def invalid_data(self):
        return {
            **self.create_data(),
            "code": "BADHW",
            "name": "잘못된 유형",
            "licence_required": "on",
        }, "licence_required"

    def api_data(self, data):
        return _api(data)


class TestAttributeDefinition(ObjectTypeTests):
    label = "resources.attributedefinition"

    def make(self, n):
        kiosk = AssetType.objects.create(
            code=f"T-K-{AssetType.objects.count()}", name=f"시험 단말 {AssetType.objects.count()}", kind="terminal"
        )
        return [
            AttributeDefinition.objects.create(asset_type=kiosk, key=f"field_{i}", name=f"속성 {i}", required=False)
            for i in range(n)
        ]

    def create_data(self):
        return {
            "asset_type": AssetType.objects.get(code="SERVER").pk,
            "name": "전원 이중화",
            "key": "dual_power",
            "value_type": "boolean",
            "order": 9,
        }

    def update_data(self, obj):
        return {
            "asset_type": obj.asset_type_id,
            "name": obj.name,
            "key": obj.key,
            "value_type": "text",
            "unit": "개",
            "order": 3,
        }

    def invalid_data(self):
        return {**self.create_data(), "key": "Dual Power"}, "key"


class TestInventoryAudit(ObjectTypeTests):
    label = "resources.inventoryaudit"

    def make(self, n):
        return InventoryAuditFactory.create_batch(n)

    def create_data(self):
        return {
            "title": "서버 실사",
            "unit": unit("KCS-SOT").pk,
            "scope_types": [AssetType.objects.get(code="SERVER").pk],
            "officers": [Position.objects.get(unit__code="KCS-SOT", title="정보자산 담당 주무관").pk],
            "starts_on": timezone.localdate().isoformat(),
            "ends_on": (timezone.localdate() + dt.timedelta(days=10)).isoformat(),
        }

    def update_data(self, obj):
        return {**self.create_data(), "title": obj.title, "note": "범위 조정"}

    def invalid_data(self):
        # a29.3.2: the period ends before it starts.
        return {**self.create_data(), "ends_on": (timezone.localdate() - dt.timedelta(days=1)).isoformat()}, "ends_on"


class TestInventoryAuditItem(ObjectTypeTests):
    label = "resources.inventoryaudititem"

    def make(self, n):
        audit = InventoryAuditFactory()
        return [InventoryAuditItem.objects.create(audit=audit, asset=AssetFactory()) for _ in range(n)]


class TestAuditDiscrepancy(ObjectTypeTests):
    label = "resources.auditdiscrepancy"

    def make(self, n):
        audit = InventoryAuditFactory()
        items = [
            InventoryAuditItem.objects.create(audit=audit, asset=AssetFactory(), result=CheckResult.MISSING)
            for _ in range(n)
        ]
        return [AuditDiscrepancy.objects.create(item=item, kind=CheckResult.MISSING) for item in items]


class TestAssetImportJob(ObjectTypeTests):
    label = "resources.assetimportjob"

    def make(self, n):
        admin = User.objects.get(username="admin")
        return [
            AssetImportJob.objects.create(
                created_by=admin, file=f"imports/assets/test-{i}.xlsx", filename=f"자산-{i}.xlsx"
            )
            for i in range(n)
        ]


def test_every_new_type_has_a_suite():
    """Read together with itms/core/tests/test_registry.py: the inventory adds these types, each with a suite."""
    from itms.testing.suites import SUITES

    for label in (
        "resources.asset",
        "resources.assetrelation",
        "resources.licence",
        "resources.assetassignment",
        "resources.maintenancecontract",
        "resources.location",
        "resources.assettype",
        "resources.attributedefinition",
        "resources.inventoryaudit",
        "resources.inventoryaudititem",
        "resources.auditdiscrepancy",
        "resources.assetimportjob",
    ):
        assert label in SUITES, label

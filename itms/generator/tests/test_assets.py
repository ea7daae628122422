"""The generator's asset phase (itms/generator/assets.py): 60,000 assets at S = 1.0 with what Ch.8 relies on."""

import pytest
from django.urls import reverse
from django.utils import timezone

from itms.generator import assets, people, portfolio
from itms.generator.context import Context
from itms.resources.choices import RelationKind
from itms.resources.models import (
    Asset,
    AssetAssignment,
    AssetAttributeValue,
    AssetRelation,
    InventoryAudit,
    Licence,
    MaintenanceContract,
)

pytestmark = pytest.mark.django_db


def test_the_asset_phase_generates_a_consistent_inventory(admin_client):
    ctx = Context(scale=0.01, seed=7, years=10, today=timezone.localdate(), log=lambda message: None)
    before = Asset.objects.count()
    for phase in (people, portfolio, assets):
        phase.build(ctx)
    assert Asset.objects.count() - before == ctx.counts["assets"] >= round(assets.ASSETS_AT_FULL_SCALE * 0.01) - before
    generated = Asset.objects.filter(tag__startswith="G-")
    # Every value is in the typed index (ADR 0016), and the missing counts agree with the definitions.
    assert AssetAttributeValue.objects.filter(asset__in=generated).count() == ctx.counts["asset_attribute_values"]
    from itms.resources import attributes

    for asset in generated.select_related("asset_type")[:200]:
        assert asset.missing_attributes == attributes.missing_count(asset.asset_type.definitions, asset.attributes)
    # Licences never below installations (a29.3).
    for licence in Licence.objects.filter(software__in=generated):
        installed = AssetRelation.objects.filter(source=licence.software, kind=RelationKind.INSTALLED_ON).count()
        assert licence.quantity >= installed
    # installed-on, runs-on and part-of (a storage shelf of its system's array: one level, so never a cycle).
    kinds = set(AssetRelation.objects.filter(source__in=generated).values_list("kind", flat=True))
    assert kinds == {RelationKind.INSTALLED_ON, RelationKind.RUNS_ON, RelationKind.PART_OF}
    for part in AssetRelation.objects.filter(source__in=generated, kind=RelationKind.PART_OF).select_related(
        "source", "target_asset"
    ):
        assert part.source.system_id == part.target_asset.system_id
        assert not AssetRelation.objects.filter(source=part.target_asset, kind=RelationKind.PART_OF).exists()
    assert MaintenanceContract.objects.filter(number__startswith="GEN-").exists()
    assert AssetAssignment.objects.filter(asset__in=generated, ends_on__isnull=True).exists()
    assert InventoryAudit.objects.filter(state="reported", items__isnull=False).exists()
    # The pages read the generated rows.
    for name in ("resources:asset_list", "resources:currency", "resources:coverage"):
        assert admin_client.get(reverse(name)).status_code == 200, name

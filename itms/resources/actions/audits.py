"""The work of a 실사 (a29.3.2): list the assets to check, record what was found, resolve every discrepancy.

The campaign's own steps (start, close, report, cancel) are workflow transitions (``workflows.py``), each a chained
legal event; what happens between them — an officer on site with the checklist — is here.
"""

from __future__ import annotations

from auditlog.models import LogEntry
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from itms.audit.history import log_bulk
from itms.core.errors import Forbidden, Refused
from itms.core.korean import josa

from ..choices import DISCREPANT, RESOLUTIONS_FOR, AssetStatus, CheckResult, InventoryAuditState, Resolution
from ..error_codes import ResourcesErrors as E
from ..models import Asset, AuditDiscrepancy, InventoryAudit, InventoryAuditItem

NOTE_REQUIRED = {Resolution.UPDATED, Resolution.WRITTEN_OFF, Resolution.CONFIRMED, Resolution.CARRIED_OVER}


def _open_for(audit: InventoryAudit, actor) -> InventoryAudit:
    """The campaign, locked, if it is under way and ``actor`` is one of its officers."""
    audit = InventoryAudit.objects.select_for_update(no_key=True).get(pk=audit.pk)
    if audit.state != InventoryAuditState.IN_PROGRESS:
        raise Refused(E.AUDIT_NOT_OPEN)
    if not audit.is_officer(actor):
        raise Forbidden(E.AUDIT_NOT_OFFICER)
    return audit


def list_items(audit: InventoryAudit, actor=None) -> int:
    """Starting a campaign lists every asset in its scope as an item to check (the workflow's ``start`` effect),
    each in the change log as created."""
    existing = set(audit.items.exclude(asset__isnull=True).values_list("asset_id", flat=True))
    ids = [pk for pk in audit.scope_assets().order_by("tag").values_list("pk", flat=True) if pk not in existing]
    items = InventoryAuditItem.objects.bulk_create(
        (InventoryAuditItem(audit=audit, asset_id=pk) for pk in ids), batch_size=2000
    )
    log_bulk(
        items,
        action=LogEntry.Action.CREATE,
        changes=lambda item: {"audit": ["None", str(audit.pk)], "asset": ["None", str(item.asset_id)]},
        actor=actor,
        source="실사 시작",
    )
    return len(ids)


def within_reach(audit: InventoryAudit, user):
    """The assets a campaign's page may show ``user``: those on its checklist, and those the user may view anyway
    (an asset of another unit found on site joins the campaign; one beyond the user's scope stays unknown)."""
    return Asset.objects.filter(
        Q(pk__in=audit.items.exclude(asset=None).values("asset_id"))
        | Q(pk__in=Asset.objects.restrict(user, "view").values("pk"))
    )


def find(audit: InventoryAudit, tag: str, user) -> tuple[InventoryAuditItem | None, Asset | None]:
    """What a typed or scanned tag names, within the user's reach: the campaign's item for it, and the asset
    (None, None if unknown or out of reach)."""
    tag = (tag or "").strip()
    if not tag:
        return None, None
    reach = within_reach(audit, user).select_related("asset_type", "location", "org_unit", "system", "holder")
    asset = reach.filter(tag=tag).first() or reach.filter(serial_number=tag).first()
    if asset is None:
        return None, None
    return audit.items.filter(asset=asset).first(), asset


@transaction.atomic
def record_check(
    *,
    audit: InventoryAudit,
    actor,
    asset: Asset,
    result: str,
    difference: str = "",
    observed_location: str = "",
    note: str = "",
) -> InventoryAuditItem:
    """Records what an officer found for one asset: found, differs (with the difference) or missing (a29.3.2).

    An asset outside the campaign's scope that is found on site joins the campaign with its result. A found asset
    counts as verified today (a29.3); a difference or a missing asset opens a discrepancy to resolve.
    """
    audit = _open_for(audit, actor)
    if not within_reach(audit, actor).filter(pk=asset.pk).exists():
        raise Forbidden(E.CHECK_OUT_OF_REACH)
    if result not in (CheckResult.FOUND, CheckResult.DIFFERS, CheckResult.MISSING):
        raise Refused(E.CHECK_RESULT, field="result")
    difference = (difference or "").strip()
    if result == CheckResult.DIFFERS and not difference:
        raise Refused(E.CHECK_DIFFERENCE, field="difference")
    item, _ = InventoryAuditItem.objects.select_for_update(no_key=True).get_or_create(
        audit=audit, asset=asset, defaults={"note": "범위 밖에서 발견"}
    )
    existing = AuditDiscrepancy.objects.filter(item=item).first()
    if existing is not None and not existing.is_open:
        raise Refused(E.CHECK_RESOLVED)
    item.result = result
    item.difference = difference if result == CheckResult.DIFFERS else ""
    item.observed_location = (observed_location or "").strip()[:200]
    item.note = (note or item.note or "").strip()[:300]
    item.checked_by = actor
    item.checked_at = timezone.now()
    item.save()
    if result == CheckResult.FOUND:
        if existing is not None:
            existing.delete()
        asset.verified_on = timezone.localdate()
        asset.save(update_fields=["verified_on", "updated_at"])
    elif existing is None:
        AuditDiscrepancy.objects.create(item=item, kind=result)
    elif existing.kind != result:
        existing.kind = result
        existing.save(update_fields=["kind", "updated_at"])
    return item


@transaction.atomic
def record_new_asset(
    *,
    audit: InventoryAudit,
    actor,
    observed_tag: str = "",
    observed_name: str = "",
    observed_serial: str = "",
    observed_location: str = "",
    note: str = "",
) -> InventoryAuditItem:
    """An asset found on site that the inventory does not have: a "new" item and a discrepancy to register it."""
    audit = _open_for(audit, actor)
    observed_tag, observed_name, observed_serial = (v.strip() for v in (observed_tag, observed_name, observed_serial))
    if not (observed_tag or observed_name or observed_serial):
        raise Refused(E.NEW_EMPTY, field="observed_name")
    if observed_tag and Asset.objects.filter(tag=observed_tag).exists():
        raise Refused(E.NEW_TAG_REGISTERED, field="observed_tag", what=josa(f"'{observed_tag}'", "은/는"))
    item = InventoryAuditItem.objects.create(
        audit=audit,
        result=CheckResult.NEW,
        observed_tag=observed_tag[:40],
        observed_name=observed_name[:200],
        observed_serial=observed_serial[:100],
        observed_location=observed_location.strip()[:200],
        note=note.strip()[:300],
        checked_by=actor,
        checked_at=timezone.now(),
    )
    AuditDiscrepancy.objects.create(item=item, kind=CheckResult.NEW)
    return item


@transaction.atomic
def mark_remaining_missing(*, audit: InventoryAudit, actor) -> int:
    """Every asset not checked by the end of the visit is recorded missing (each becomes a discrepancy)."""
    audit = _open_for(audit, actor)
    pending = list(audit.items.filter(result=CheckResult.PENDING).select_for_update(no_key=True))
    now = timezone.now()
    for item in pending:
        item.result = CheckResult.MISSING
        item.checked_by = actor
        item.checked_at = now
        item.note = (item.note or "확인 기간 안에 찾지 못함")[:300]
    InventoryAuditItem.objects.bulk_update(pending, ["result", "checked_by", "checked_at", "note", "updated_at"])
    discrepancies = AuditDiscrepancy.objects.bulk_create(
        AuditDiscrepancy(item=item, kind=CheckResult.MISSING) for item in pending
    )
    source = "미확인 자산 일괄 미발견 처리"
    log_bulk(
        pending,
        action=LogEntry.Action.UPDATE,
        changes=lambda item: {"result": [CheckResult.PENDING, CheckResult.MISSING], "checked_by": ["None", str(actor)]},
        actor=actor,
        source=source,
    )
    log_bulk(
        discrepancies,
        action=LogEntry.Action.CREATE,
        changes=lambda d: {"item": ["None", str(d.item_id)], "kind": ["None", CheckResult.MISSING]},
        actor=actor,
        source=source,
    )
    return len(pending)


@transaction.atomic
def resolve_discrepancy(
    *, discrepancy: AuditDiscrepancy, actor, resolution: str, note: str = "", registered_asset: Asset | None = None
) -> AuditDiscrepancy:
    """Resolves one discrepancy while the campaign is under way (a29.3.2):

    - differs: the record was updated to what is on site (``updated``), or it was right after all (``confirmed``);
    - missing: written off with the reason (``written_off``: the asset becomes 불용), or found after all;
    - new: registered as an asset (``registered``), or not an asset of the agency (``confirmed``);
    - any: carried over to a later campaign with the reason (``carried_over``).
    """
    discrepancy = AuditDiscrepancy.objects.select_for_update(no_key=True).select_related("item").get(pk=discrepancy.pk)
    item = discrepancy.item
    _open_for(item.audit, actor)
    if not discrepancy.is_open:
        raise Refused(E.RESOLUTION_CLOSED)
    allowed = RESOLUTIONS_FOR.get(CheckResult(discrepancy.kind), ())
    if resolution not in allowed:
        raise Refused(
            E.RESOLUTION_KIND,
            field="resolution",
            kind=CheckResult(discrepancy.kind).label,
            what=josa(
                f"'{Resolution(resolution).label if resolution in Resolution.values else resolution}'", "으로/로"
            ),
        )
    note = (note or "").strip()
    if resolution in NOTE_REQUIRED and not note:
        raise Refused(E.RESOLUTION_NOTE, field="note")
    if resolution == Resolution.UPDATED and item.asset_id:
        # "Updated to what is on site" says the record was corrected: after the check, not before it.
        checked = item.checked_at or discrepancy.created_at
        if not Asset.objects.filter(pk=item.asset_id, updated_at__gt=checked).exists():
            raise Refused(E.RESOLUTION_NOT_UPDATED, field="resolution")
    today = timezone.localdate()
    if resolution == Resolution.WRITTEN_OFF:
        from .assets import dispose_asset

        dispose_asset(asset=item.asset, actor=actor, reason=f"실사 미발견: {note}", on=today)
    elif resolution == Resolution.REGISTERED:
        if registered_asset is None:
            raise Refused(E.RESOLUTION_ASSET, field="registered_asset")
        if item.audit.items.filter(asset=registered_asset).exclude(pk=item.pk).exists():
            raise Refused(
                E.NEW_TAG_REGISTERED, field="registered_asset", what=josa(f"'{registered_asset.tag}'", "은/는")
            )
        item.asset = registered_asset
        item.save(update_fields=["asset", "updated_at"])
        discrepancy.registered_asset = registered_asset
        _verified(registered_asset, today)
        note = note or f"{registered_asset.tag}로 등록"
    elif resolution in (Resolution.CONFIRMED, Resolution.UPDATED) and item.asset_id:
        _verified(item.asset, today)
    discrepancy.resolution = resolution
    discrepancy.resolution_note = note
    discrepancy.resolved_by = actor
    discrepancy.resolved_at = timezone.now()
    discrepancy.save()
    return discrepancy


def _verified(asset: Asset, day) -> None:
    if asset.status != AssetStatus.DISPOSED:
        asset.verified_on = day
        asset.save(update_fields=["verified_on", "updated_at"])


def open_discrepancies(audit: InventoryAudit):
    return AuditDiscrepancy.objects.filter(item__audit=audit, resolution=Resolution.OPEN)


def is_discrepant(result: str) -> bool:
    return result in DISCREPANT

"""State changes of the inventory: hand an asset to a person or unit and back (a29.3.4), their acknowledgement,
write-off, the officer's "still as recorded" check, and the obligations for records not verified in time (a29.3)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from itms.accounts.models import OrgUnit, RoleBinding
from itms.accounts.roles import Role
from itms.core import gate
from itms.core.errors import CoreErrors, Forbidden, Refused
from itms.core.formats import format_date
from itms.core.korean import josa
from itms.regulation.models import Obligation, ObligationStatus
from itms.regulation.obligations import meet_obligation, open_obligation
from itms.regulation.rules import param

from ..choices import AssetStatus
from ..error_codes import ResourcesErrors as E
from ..models import Asset, AssetAssignment


def _may_change(actor, asset: Asset) -> None:
    if not gate.allows(actor, "change", asset):
        raise Forbidden(CoreErrors.NOT_PERMITTED)


def _locked(asset: Asset) -> Asset:
    return Asset.objects.select_for_update(no_key=True, of=("self",)).select_related("asset_type").get(pk=asset.pk)


# --- assignment (a29.3.4) -----------------------------------------------------------------------------------------
@transaction.atomic
def assign_asset(
    *, asset: Asset, actor, holder=None, holder_unit: OrgUnit | None = None, starts_on: dt.date | None = None, note=""
) -> AssetAssignment:
    """Hands ``asset`` to a person (and their unit) or to a unit; the previous holder's assignment ends that day.

    The person owes an acknowledgement of receipt (a29.3.4, ``asset_acknowledgement_days``) and is told so.
    """
    _may_change(actor, asset)
    asset = _locked(asset)
    if asset.status == AssetStatus.DISPOSED:
        raise Refused(E.ASSIGN_DISPOSED)
    if holder is None and holder_unit is None:
        raise Refused(E.ASSIGN_HOLDER, field="holder")
    starts_on = starts_on or timezone.localdate()
    if holder is not None and holder_unit is None:
        from itms.accounts.directory import units_of

        units = sorted(units_of(holder))
        holder_unit = OrgUnit.objects.filter(pk__in=units).first() if units else None
        if holder_unit is None:
            raise Refused(E.ASSIGN_HOLDER, "사용자의 소속 부서를 찾을 수 없습니다. 사용 부서를 함께 정하십시오.")
    _end_current(asset, starts_on, actor)
    assignment = AssetAssignment(
        asset=asset, holder=holder, holder_unit=holder_unit, starts_on=starts_on, assigned_by=actor, note=note[:200]
    )
    assignment.full_clean()
    assignment.save()
    asset.holder, asset.holder_unit = holder, holder_unit
    asset.save(update_fields=["holder", "holder_unit", "updated_at"])
    if holder is not None:
        from itms.notifications.actions import notify

        obligation = open_obligation(
            kind="asset_acknowledgement",
            subject=assignment,
            owed_by_user=holder,
            start=starts_on,
            title=f"지급 자산 수령 확인: {asset}",
            actor=actor,
        )
        notify(
            recipient=holder,
            title=f"정보자산 지급: {asset}",
            body=f"{format_date(starts_on)}에 지급된 {josa(str(asset.name), '을/를')} 받았으면 수령을 확인하십시오 "
            f"(기한 {format_date(obligation.due_date)}).",
            url=asset.get_absolute_url(),
            obligation=obligation,
            dedupe_key=f"asset-assigned:{assignment.pk}",
        )
    return assignment


def _end_current(asset: Asset, on: dt.date, actor) -> AssetAssignment | None:
    current = asset.assignments.filter(ends_on__isnull=True).order_by("-starts_on").first()
    if current is None:
        return None
    current.ends_on = max(on, current.starts_on)
    current.save(update_fields=["ends_on", "updated_at"])
    if current.holder_id and current.acknowledged_at is None:
        # Handed on before it was acknowledged: nobody owes that receipt any more.
        meet_obligation(kind="asset_acknowledgement", subject=current, actor=actor, note="반납으로 종료")
    return current


@transaction.atomic
def acknowledge_assignment(*, assignment: AssetAssignment, actor) -> AssetAssignment:
    """The holder confirms receiving the asset (a29.3.4)."""
    assignment = AssetAssignment.objects.select_for_update(no_key=True).select_related("asset").get(pk=assignment.pk)
    if assignment.holder_id != getattr(actor, "pk", None):
        raise Forbidden(E.ACKNOWLEDGE_WHO)
    if assignment.acknowledged_at is not None:
        raise Refused(E.ACKNOWLEDGE_TWICE)
    if assignment.ends_on is not None:
        raise Refused(E.ACKNOWLEDGE_ENDED)
    assignment.acknowledged_at = timezone.now()
    assignment.save(update_fields=["acknowledged_at", "updated_at"])
    meet_obligation(kind="asset_acknowledgement", subject=assignment, actor=actor)
    return assignment


@transaction.atomic
def return_asset(*, asset: Asset, actor, on: dt.date | None = None) -> AssetAssignment:
    """The holder gives the asset back: the assignment ends, nobody holds it."""
    _may_change(actor, asset)
    asset = _locked(asset)
    ended = _end_current(asset, on or timezone.localdate(), actor)
    if ended is None:
        raise Refused(E.NOT_ASSIGNED)
    asset.holder, asset.holder_unit = None, None
    asset.save(update_fields=["holder", "holder_unit", "updated_at"])
    return ended


# --- write-off and verification (a29.3, a29.3.2) -------------------------------------------------------------------
@transaction.atomic
def dispose_asset(*, asset: Asset, actor, reason: str, on: dt.date | None = None) -> Asset:
    """불용 처리: the asset leaves the inventory's active part, with the reason; its assignment ends."""
    _may_change(actor, asset)
    reason = (reason or "").strip()
    if not reason:
        raise Refused(E.DISPOSAL_REASON, field="reason")
    asset = _locked(asset)
    if asset.status == AssetStatus.DISPOSED:
        raise Refused(E.ALREADY_DISPOSED)
    on = on or timezone.localdate()
    _end_current(asset, on, actor)
    asset.status = AssetStatus.DISPOSED
    asset.disposed_on = on
    asset.disposal_reason = reason[:300]
    asset.holder, asset.holder_unit = None, None
    asset.save(update_fields=["status", "disposed_on", "disposal_reason", "holder", "holder_unit", "updated_at"])
    return asset


@transaction.atomic
def verify_asset(*, asset: Asset, actor, on: dt.date | None = None) -> Asset:
    """The officer confirms the record is current (a29.3): it no longer counts as not verified."""
    _may_change(actor, asset)
    asset = _locked(asset)
    asset.verified_on = on or timezone.localdate()
    asset.save(update_fields=["verified_on", "updated_at"])
    return asset


# --- records not verified in time (a29.3) -------------------------------------------------------------------------
def stale_before(today: dt.date | None = None) -> dt.date:
    """Assets not verified since this date are due for verification (``asset_verification_months``)."""
    today = today or timezone.localdate()
    months = int(param("asset_verification_months", today).value)
    return today - relativedelta(months=months)


def stale_assets(today: dt.date | None = None):
    """Active assets whose record was not verified (by a 실사 or the officer) since ``stale_before``."""
    limit = stale_before(today)
    return Asset.objects.exclude(status=AssetStatus.DISPOSED).filter(
        Q(verified_on__isnull=True) | Q(verified_on__lt=limit)
    )


@dataclass
class CurrencyCheck:
    today: dt.date
    opened: list[int] = field(default_factory=list)  # units that now owe the update
    met: list[int] = field(default_factory=list)  # units whose records are current again
    uncovered: int = 0  # stale assets in units no asset officer covers


def officer_units() -> dict[int, int]:
    """Every unit → the unit of the asset officer who covers it (the nearest binding at or above it)."""
    from itms.accounts.models import OrgUnit as Unit

    today = timezone.localdate()
    bound = set(
        RoleBinding.objects.active_on(today)
        .filter(role=Role.ASSET_OFFICER)
        .values_list("scope_unit_id", "position__unit_id")
        .distinct()
    )
    scope_units = {scope or own for scope, own in bound}
    parents = dict(Unit.objects.values_list("pk", "parent_id"))
    covering: dict[int, int] = {}
    for unit in parents:
        current = unit
        while current is not None and current not in scope_units:
            current = parents.get(current)
        if current is not None:
            covering[unit] = current
    return covering


@transaction.atomic
def check_currency(*, today: dt.date | None = None, actor=None) -> CurrencyCheck:
    """Opens the "정보자산 현행화" obligation (a29.3) for each asset officer whose scope holds records not verified
    within ``asset_verification_months``, and meets it where every record is current again. Safe to repeat."""
    from itms.notifications.actions import notify

    today = today or timezone.localdate()
    result = CurrencyCheck(today)
    covering = officer_units()
    stale_by_unit: dict[int, int] = {}
    for unit_id, n in _stale_counts(today):
        officer_unit = covering.get(unit_id)
        if officer_unit is None:
            result.uncovered += n
            continue
        stale_by_unit[officer_unit] = stale_by_unit.get(officer_unit, 0) + n
    units = OrgUnit.objects.in_bulk(set(stale_by_unit) | set(covering.values()))
    unit_type = ContentType.objects.get_for_model(OrgUnit)
    open_now = set(
        Obligation.objects.filter(
            kind="asset_currency", subject_type=unit_type, status=ObligationStatus.OPEN
        ).values_list("subject_id", flat=True)
    )
    for unit_id, n in sorted(stale_by_unit.items()):
        if unit_id in open_now:
            continue
        unit = units[unit_id]
        obligation = open_obligation(
            kind="asset_currency",
            subject=unit,
            owed_by_unit=unit,
            start=today,
            title=f"정보자산 현행화: {unit.name} 담당 범위 {n:,}건",
            actor=actor,
        )
        result.opened.append(unit_id)
        from itms.accounts.directory import holders

        for holder in holders(Role.ASSET_OFFICER, unit):
            notify(
                recipient=holder.user,
                title=obligation.title,
                body=f"{format_date(stale_before(today))} 이후 확인하지 않은 정보자산이 {n:,}건 있습니다. "
                f"{format_date(obligation.due_date)}까지 확인하여 목록을 현행화하십시오 (제29조제3항).",
                url="/resources/currency/",
                obligation=obligation,
                dedupe_key=f"asset-currency:{obligation.pk}",
            )
    for unit_id in sorted(open_now - set(stale_by_unit)):
        meet_obligation(
            kind="asset_currency", subject=units.get(unit_id) or OrgUnit.objects.get(pk=unit_id), actor=actor
        )
        result.met.append(unit_id)
    return result


def _stale_counts(today: dt.date):
    from django.db.models import Count

    return stale_assets(today).values_list("org_unit_id").annotate(n=Count("pk")).order_by()

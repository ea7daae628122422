"""위원의 소집 요구 (a4.6): members demand a meeting of the 정보화추진위원회, which obliges the chair to convene.

"위원회의 회의는 위원장이 소집하거나 위원의 소집 요구로 위원장이 소집한다." The directive names neither how many
members must demand nor by when the chair convenes; both are rule-pack parameters
(``committee_convening_demand_percent``: 0, so one member suffices; ``convening_demand_days``: a system
default, not the directive's). The council has no such demand: its chair convenes (a5.6).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from math import ceil

from django.db import transaction
from django.utils import timezone

from itms.accounts.roles import Role
from itms.core.errors import Forbidden, Refused
from itms.regulation.obligations import open_obligation
from itms.regulation.rules import param

from ..choices import BodyKind
from ..error_codes import GovernanceErrors as E
from ..models import Body, ConveningDemand, ConveningDemandSigner, Meeting
from ..seats import membership_of
from .meetings import sitting_seats


def demand_threshold(body: Body, on: dt.date | None = None) -> int:
    """How many members must join a demand for it to oblige the chair: at least one, or the pack's share."""
    on = on or timezone.localdate()
    share = Fraction(str(param("committee_convening_demand_percent", on).value)) / 100
    return max(1, ceil(len(sitting_seats(body, on)) * share))


def _seat_of(actor, body: Body, on: dt.date):
    seat = membership_of(actor, body, on)
    if seat is None or not seat.is_voting:
        raise Forbidden(E.DEMAND_MEMBERS_ONLY)
    return seat


@transaction.atomic
def file_convening_demand(*, actor, body: Body, purpose: str) -> ConveningDemand:
    """A member of the committee demands a meeting, saying what for (a4.6)."""
    if body.kind != BodyKind.COMMITTEE:
        raise Refused(E.DEMAND_NOT_FOR_BODY, body=body.name)
    today = timezone.localdate()
    seat = _seat_of(actor, body, today)
    if not purpose.strip():
        raise Refused(E.DEMAND_PURPOSE, field="purpose")
    demand = ConveningDemand.objects.create(body=body, purpose=purpose.strip(), filed_by=actor)
    ConveningDemandSigner.objects.create(demand=demand, membership=seat, user=actor)
    _take_effect(demand, actor, today)
    return demand


@transaction.atomic
def join_convening_demand(*, actor, demand: ConveningDemand) -> ConveningDemand:
    """Another member joins a demand (where the rule pack asks for more than one member)."""
    demand = ConveningDemand.objects.select_for_update(no_key=True).select_related("body").get(pk=demand.pk)
    today = timezone.localdate()
    seat = _seat_of(actor, demand.body, today)
    meeting = Meeting.objects.filter(convening_demand=demand).first()
    if meeting is not None:
        raise Refused(E.DEMAND_ALREADY_CONVENED, meeting=str(meeting))
    if demand.signers.filter(membership=seat).exists():
        raise Refused(E.DEMAND_ALREADY_SIGNED)
    ConveningDemandSigner.objects.create(demand=demand, membership=seat, user=actor)
    _take_effect(demand, actor, today)
    return demand


def _take_effect(demand: ConveningDemand, actor, today: dt.date) -> None:
    """Once enough members have joined, the chair (the CIO, a4.1) owes a convocation."""
    if demand.is_effective or demand.signers.count() < demand_threshold(demand.body, today):
        return
    demand.effective_at = timezone.now()
    demand.save(update_fields=["effective_at", "updated_at"])
    open_obligation(
        kind="convening_demand",
        subject=demand,
        start=today,
        actor=actor,
        owed_by_role=Role.CIO,
        title=f"위원의 소집 요구에 따른 회의 소집: {demand.body.name}",
    )


def open_demands(body: Body):
    """The body's demands not yet answered by a meeting, newest first, with their members."""
    return (
        ConveningDemand.objects.filter(body=body, meeting__isnull=True)
        .select_related("filed_by")
        .prefetch_related("signers__user")
        .order_by("-filed_at")
    )

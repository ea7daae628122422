"""Who is who in a body on a date: chair, acting chair, secretary, the member a user sits for."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from .models import Body, Meeting, Membership
from .models.bodies import position_holders, seat_holders


def secretary_of(body: Body, on: dt.date | None = None):
    if body.secretary_position_id is None:
        return None
    on = on or timezone.localdate()
    cache = body.__dict__.setdefault("_secretary_cache", {})
    if on not in cache:
        cache[on] = position_holders({body.secretary_position_id}, on).get(body.secretary_position_id)
    return cache[on]


def is_chair(user, body: Body, on: dt.date | None = None) -> bool:
    return user.is_authenticated and body.chair_on(on) == user


def is_secretariat(user, body: Body, on: dt.date | None = None) -> bool:
    """The secretary (a4.9, a5.2) or the chair of the body may run its meetings."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or secretary_of(body, on) == user or is_chair(user, body, on)


def presides(user, meeting: Meeting) -> bool:
    """The chair, or the member the chair named to act (a4.7), presides."""
    if is_chair(user, meeting.body, meeting.meeting_date):
        return True
    acting = meeting.acting_chair
    return acting is not None and acting.member_on(meeting.meeting_date) == user


def membership_of(user, body: Body, on: dt.date | None = None) -> Membership | None:
    """The seat the user holds on the body on a date (by position or in person), if any."""
    on = on or timezone.localdate()
    seats = list(body.memberships.active_on(on).select_related("position"))
    holders = seat_holders(seats, on)
    return next((seat for seat in seats if holders[seat.pk] == user), None)


def memberships_of(user, on: dt.date | None = None) -> list[Membership]:
    """Every seat the user holds on any body on a date (for "내 회의")."""
    on = on or timezone.localdate()
    from itms.accounts.models import Assignment

    positions = Assignment.objects.active_on(on).filter(user=user).values("position_id")
    seats = Membership.objects.active_on(on).filter(user=user) | Membership.objects.active_on(on).filter(
        position_id__in=positions
    )
    return list(seats.select_related("body", "position"))

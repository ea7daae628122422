"""Who is who in Chapter 6: the business department that asked, its head, the IT department that operates the
system and its head, the vendor of a contract; and the notices they get."""

from __future__ import annotations

import calendar
import datetime as dt

from django.db import transaction
from django.utils import timezone

from itms.accounts.directory import holders, holds, unit_with_descendants, units_of
from itms.accounts.roles import Role


def today() -> dt.date:
    return timezone.localdate()


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _active(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.is_active


def in_unit(user, unit) -> bool:
    """A member of the unit (or of a unit above it)."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    return getattr(user, "kind", "staff") == "staff" and unit.pk in unit_with_descendants(units_of(user))


def heads(user, unit) -> bool:
    """The head of the unit — or whoever acts for them (a4.7)."""
    return _active(user) and (user.is_superuser or holds(user, Role.DEPARTMENT_HEAD, unit))


def it_head(user, unit) -> bool:
    """The head of the IT department that operates the system (정보화부서장, a2.0.9); ``unit`` or its id."""
    return _active(user) and (user.is_superuser or holds(user, Role.IT_DEPARTMENT_HEAD, unit))


def it_member(user, unit) -> bool:
    """Head or staff of the IT department that operates the system; ``unit`` or its id."""
    return it_head(user, unit) or (_active(user) and holds(user, Role.IT_DEPARTMENT_STAFF, unit))


def vendor_of(user, contract) -> bool:
    """Staff of the company the O&M contract is with (a24.3)."""
    return (
        _active(user)
        and getattr(user, "kind", "") == "vendor"
        and contract is not None
        and user.company_id == contract.supplier_id
    )


def head_users(unit, role: Role = Role.DEPARTMENT_HEAD) -> list:
    return [h.user for h in holders(role, unit)]


def vendor_users(contract) -> list:
    from itms.accounts.models import User

    return list(User.objects.filter(company_id=contract.supplier_id, is_active=True))


def notify_later(users, title: str, url: str, body: str, key: str) -> None:
    from itms.notifications.actions import notify

    def send():
        for user in users:
            notify(recipient=user, title=title, url=url, body=body, dedupe_key=f"{key}-{user.pk}")

    transaction.on_commit(send)

"""Whose credentials an actor may change: never those of an account with more privileges than their own.

An account's privileges here are its powers over other accounts: being a superuser, and each role that the
access policy lets change users (today the system administrator, a2.0.7). An actor may change a target's
credentials — password, second factor, lockout, active flag, API token, or anything else on the account — only
if the target's privileges are a subset of the actor's. Hence superuser > system administrator > everyone else;
superusers are managed only by superusers; two system administrators may help each other.

The rule is one ``restrict`` scope on ``User`` (``MANAGEABLE``), so the user pages, the user API, unlock and
2FA reset all refuse through the same check; the account actions check it again for callers outside a view.
"""

from __future__ import annotations

from django.db.models import Q

from .policy import RULES
from .roles import Role

SUPERUSER = "superuser"
MANAGEABLE = "manageable"  # the restrict scope: accounts whose privileges are within the actor's


def account_roles() -> frozenset[Role]:
    """The roles that the policy lets change users (the source of a privilege over other accounts)."""
    return frozenset(rule.role for rule in RULES if rule.permission == "accounts.change_user")


def privileges_of(user) -> frozenset[str]:
    """``{"superuser"}`` and/or the account roles the user holds today; a superuser holds them all."""
    from .directory import roles_of

    powers = {role.value for role in account_roles()}
    if user.is_superuser:
        return frozenset({SUPERUSER, *powers})
    return frozenset(grant.role.value for grant in roles_of(user) if grant.role.value in powers)


def may_manage(actor, target) -> bool:
    """May ``actor`` change ``target``'s credentials? (The target's privileges are within the actor's.)"""
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False
    return privileges_of(target) <= privileges_of(actor)


def manageable_condition(actor) -> Q:
    """The ``User`` rows ``actor`` may manage, as a filter (the ``manageable`` scope)."""
    from .directory import holders

    mine = privileges_of(actor)
    condition = Q() if SUPERUSER in mine else Q(is_superuser=False)
    for role in account_roles():
        if role.value not in mine:
            condition &= ~Q(pk__in=[holder.user.pk for holder in holders(role)])
    return condition

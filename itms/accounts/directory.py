"""Who holds role R in org unit U on date D — the one function everything uses.

Rights (itms.accounts.policy) and duties (obligations owed by a role) both
resolve through here, so a reassignment moves them with no data edits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.functional import LazyObject, empty

from itms.core import generations
from itms.core.middleware import forget_per_request, per_request

from .models import Assignment, AssignmentKind, OrgUnit, Position, RoleBinding, User, UserKind
from .roles import ROLE_INFO, Basis, Role


@dataclass(frozen=True)
class RoleGrant:
    role: Role
    unit_id: int | None
    acting: bool = False


@dataclass(frozen=True)
class Holder:
    user: User
    assignment: Assignment | None
    acting: bool

    @property
    def position(self):
        return self.assignment.position if self.assignment else None


# Positions that carry a derived role, as Position lookups (used as a query and in Python).
DERIVED_ROLES: dict[Role, dict[str, bool]] = {
    Role.STAFF: {},
    Role.DEPARTMENT_HEAD: {"is_head": True},
    Role.IT_DEPARTMENT_HEAD: {"is_head": True, "unit__is_it_department": True},
    Role.IT_DEPARTMENT_STAFF: {"unit__is_it_department": True},
    Role.BUDGET_DEPARTMENT_HEAD: {"is_head": True, "unit__is_budget_department": True},
}


def _position_matches(position, lookups: dict[str, bool]) -> bool:
    for path, expected in lookups.items():
        value = position
        for attr in path.split("__"):
            value = getattr(value, attr)
        if value != expected:
            return False
    return True


KIND_ROLES = {Role.VENDOR: UserKind.VENDOR, Role.EXTERNAL_EXPERT: UserKind.EXPERT}


# Roles that say where a person works, not what their position empowers them to do: a regular holder
# displaced by an acting official (직무대행) keeps these, and only these, from that position.
MEMBERSHIP_ROLES = frozenset({Role.STAFF, Role.IT_DEPARTMENT_STAFF})


def displaced_positions(position_ids, on: dt.date, *, except_user: User | None = None) -> set[int]:
    """The positions among ``position_ids`` that an acting official (직무대행) exercises on ``on``.

    During an acting period the acting official holds the position's powers (a3.2, a3.4, a4.7: "그 직무를
    대행"); the regular holder, who cannot perform the duties, holds none of them until the period ends.
    """
    acting = Assignment.objects.active_on(on).filter(kind=AssignmentKind.ACTING, position_id__in=set(position_ids))
    if except_user is not None:
        acting = acting.exclude(user=except_user)
    return set(acting.values_list("position_id", flat=True))


def holders(role: Role | str, unit: OrgUnit | int | None = None, on: dt.date | None = None) -> list[Holder]:
    """Everyone holding ``role`` (in ``unit``, for per-unit roles) on ``on`` (default today).

    Acting holders (직무대행, a4.7) come first and are marked. During the acting period the regular holder
    of that position does not hold the role (``displaced_positions``), except the membership roles.
    """
    role = Role(role)
    on = on or timezone.localdate()
    unit_id = unit.pk if isinstance(unit, OrgUnit) else unit
    info = ROLE_INFO[role]
    if info.basis is Basis.KIND:
        users = User.objects.filter(kind=KIND_ROLES[role], is_active=True)
        return [Holder(user=u, assignment=None, acting=False) for u in users]

    assignments = Assignment.objects.active_on(on).filter(user__is_active=True)
    if info.basis is Basis.DERIVED:
        assignments = assignments.filter(**{f"position__{k}": v for k, v in DERIVED_ROLES[role].items()})
        if unit_id and info.per_unit:
            assignments = assignments.filter(position__unit_id=unit_id)
    else:
        bindings = (
            RoleBinding.objects.active_on(on)
            .filter(role=role)
            .values_list("position_id", "position__unit_id", "scope_unit_id")
        )
        position_ids = [
            position_id
            for position_id, position_unit_id, scope_unit_id in bindings
            if not (unit_id and info.per_unit) or (scope_unit_id or position_unit_id) == unit_id
        ]
        assignments = assignments.filter(position_id__in=position_ids)
    assignments = list(assignments.select_related("user", "position__unit").order_by("-kind", "start_date", "pk"))
    if role not in MEMBERSHIP_ROLES:
        acting_positions = {a.position_id for a in assignments if a.kind == AssignmentKind.ACTING}
        assignments = [
            a for a in assignments if a.kind == AssignmentKind.ACTING or a.position_id not in acting_positions
        ]
    result = [Holder(user=a.user, assignment=a, acting=a.kind == AssignmentKind.ACTING) for a in assignments]
    result.sort(key=lambda h: not h.acting)
    return result


def holds(user: User, role: Role | str, unit: OrgUnit | int | None = None, on: dt.date | None = None) -> bool:
    role = Role(role)
    unit_id = unit.pk if isinstance(unit, OrgUnit) else unit
    return any(
        g.role == role and (unit_id is None or not ROLE_INFO[role].per_unit or g.unit_id == unit_id)
        for g in roles_of(user, on)
    )


def _unwrapped(user):
    """The user object behind ``request.user``'s lazy wrappers (auth, OTP): the one object the roles are cached on.

    A ``SimpleLazyObject`` has a ``__dict__`` of its own, so caching "on the user" through it and through the user
    (``has_perm`` gets the user itself) resolved the roles twice per request.
    """
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


def roles_of(user: User, on: dt.date | None = None) -> frozenset[RoleGrant]:
    """Every role the user holds on ``on``, each with the unit it is held in. Cached on the user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    on = on or timezone.localdate()
    memo = _unwrapped(user).__dict__.setdefault("_itms_roles", {})
    if on not in memo:
        memo[on] = _kept_roles(user, on)
    return memo[on]


# Across requests (ITMS_ROLES_ACROSS_REQUESTS, a shared cache): three queries on every request were a fifth of a
# list page's time at S = 1.0. Any change to what the roles are made of bumps the generation; the user's kind is in
# the key (their activity is checked before).
ROLES_CACHE_SECONDS = 600
_ROLES_GENERATION = "itms:roles:generation"


def _kept_roles(user: User, on: dt.date) -> frozenset[RoleGrant]:
    if not settings.ITMS_ROLES_ACROSS_REQUESTS:
        return _read_roles(user, on)
    key = f"itms:roles:{generations.current(_ROLES_GENERATION)}:{user.pk}:{user.kind}:{on.isoformat()}"
    kept = cache.get(key)
    if kept is not None:
        return frozenset(RoleGrant(Role(role), unit_id, acting) for role, unit_id, acting in kept)
    grants = _read_roles(user, on)
    # Inside a transaction the rows read may be this transaction's own, not yet committed (or rolled back).
    if not connection.in_atomic_block:
        cache.set(key, [(g.role.value, g.unit_id, g.acting) for g in grants], ROLES_CACHE_SECONDS)
    return grants


def _bump_roles_generation() -> None:
    generations.bump(_ROLES_GENERATION)


@receiver([post_save, post_delete], sender=Assignment)
@receiver([post_save, post_delete], sender=RoleBinding)
@receiver([post_save, post_delete], sender=Position)
@receiver([post_save, post_delete], sender=OrgUnit)
def _forget_kept_roles(**kwargs) -> None:
    """Roles read before this change are not read again; at commit once more, for those another worker read
    between the change and its commit (the old rows, kept under the new generation)."""
    if settings.ITMS_ROLES_ACROSS_REQUESTS:
        _bump_roles_generation()
        transaction.on_commit(_bump_roles_generation)


def _read_roles(user: User, on: dt.date) -> frozenset[RoleGrant]:
    grants: set[RoleGrant] = set()
    for role, kind in KIND_ROLES.items():
        if user.kind == kind:
            grants.add(RoleGrant(role, None))
    if user.kind == UserKind.STAFF:
        assignments = list(Assignment.objects.active_on(on).filter(user=user).select_related("position__unit"))
        bindings: dict[int, list[tuple[str, int | None]]] = {}
        for position_id, role, scope_unit_id in (
            RoleBinding.objects.active_on(on)
            .filter(position_id__in=[a.position_id for a in assignments])
            .values_list("position_id", "role", "scope_unit_id")
        ):
            bindings.setdefault(position_id, []).append((role, scope_unit_id))
        displaced = displaced_positions(
            [a.position_id for a in assignments if a.kind != AssignmentKind.ACTING], on, except_user=user
        )
        for a in assignments:
            acting = a.kind == AssignmentKind.ACTING
            unit_id = a.position.unit_id
            # Displaced by an acting official: still works in the unit, exercises none of the position's powers.
            kept = MEMBERSHIP_ROLES if not acting and a.position_id in displaced else None
            grants.update(
                RoleGrant(role, unit_id, acting)
                for role, lookups in DERIVED_ROLES.items()
                if _position_matches(a.position, lookups) and (kept is None or role in kept)
            )
            if kept is None:
                for role, scope_unit_id in bindings.get(a.position_id, []):
                    grants.add(RoleGrant(Role(role), scope_unit_id or unit_id, acting))
    return frozenset(grants)


def positions_exercised(user: User, on: dt.date | None = None) -> set[int]:
    """The positions whose powers the user exercises on ``on``: theirs, less those an acting official holds."""
    on = on or timezone.localdate()
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    rows = list(Assignment.objects.active_on(on).filter(user=user).values_list("position_id", "kind"))
    regular = [position_id for position_id, kind in rows if kind != AssignmentKind.ACTING]
    displaced = displaced_positions(regular, on, except_user=user)
    return {position_id for position_id, kind in rows if kind == AssignmentKind.ACTING or position_id not in displaced}


def units_of(user: User, on: dt.date | None = None) -> set[int]:
    """The units the user works in (their positions' units)."""
    return {g.unit_id for g in roles_of(user, on) if g.role == Role.STAFF}


def unit_with_descendants(unit_ids: set[int]) -> set[int]:
    """The given units and every unit below them (a bureau head sees the bureau's divisions)."""
    if not unit_ids:
        return set()
    children = _unit_children()
    result, stack = set(), list(unit_ids)
    while stack:
        pk = stack.pop()
        if pk not in result:
            result.add(pk)
            stack.extend(children.get(pk, []))
    return result


def _unit_children() -> dict[int | None, list[int]]:
    """The unit tree as {parent: [children]}, read once per request: a home page at scale asked for it 98 times."""

    def read():
        children: dict[int | None, list[int]] = {}
        for pk, parent_id in OrgUnit.objects.values_list("pk", "parent_id"):
            children.setdefault(parent_id, []).append(pk)
        return children

    return per_request("accounts.unit_children", read)


@receiver([post_save, post_delete], sender=OrgUnit)
def _forget_unit_tree(**kwargs) -> None:
    """A unit added, moved or removed in this request: the next scoping reads the tree again."""
    forget_per_request("accounts.unit_children")

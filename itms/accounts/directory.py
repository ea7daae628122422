"""Who holds role R in org unit U on date D — the one function everything uses.

Rights (itms.accounts.policy) and duties (obligations owed by a role) both
resolve through here, so a reassignment moves them with no data edits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from .models import Assignment, AssignmentKind, OrgUnit, RoleBinding, User, UserKind
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


def holders(role: Role | str, unit: OrgUnit | int | None = None, on: dt.date | None = None) -> list[Holder]:
    """Everyone holding ``role`` (in ``unit``, for per-unit roles) on ``on`` (default today).

    Acting holders (직무대행, a4.7) come first and are marked; the regular holder
    keeps the role during the acting period.
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
    assignments = assignments.select_related("user", "position__unit").order_by("-kind", "start_date", "pk")
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


def roles_of(user: User, on: dt.date | None = None) -> frozenset[RoleGrant]:
    """Every role the user holds on ``on``, each with the unit it is held in. Cached on the user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    on = on or timezone.localdate()
    cache = user.__dict__.setdefault("_itms_roles", {})
    if on in cache:
        return cache[on]
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
        for a in assignments:
            acting = a.kind == AssignmentKind.ACTING
            unit_id = a.position.unit_id
            grants.update(
                RoleGrant(role, unit_id, acting)
                for role, lookups in DERIVED_ROLES.items()
                if _position_matches(a.position, lookups)
            )
            for role, scope_unit_id in bindings.get(a.position_id, []):
                grants.add(RoleGrant(Role(role), scope_unit_id or unit_id, acting))
    cache[on] = frozenset(grants)
    return cache[on]


def units_of(user: User, on: dt.date | None = None) -> set[int]:
    """The units the user works in (their positions' units)."""
    return {g.unit_id for g in roles_of(user, on) if g.role == Role.STAFF}


def unit_with_descendants(unit_ids: set[int]) -> set[int]:
    """The given units and every unit below them (a bureau head sees the bureau's divisions)."""
    if not unit_ids:
        return set()
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in OrgUnit.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    result, stack = set(), list(unit_ids)
    while stack:
        pk = stack.pop()
        if pk not in result:
            result.add(pk)
            stack.extend(children.get(pk, []))
    return result

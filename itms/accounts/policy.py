"""Which role may do what, with which scope — the policy, as data.

Each app declares its rules in ``<app>/access.py`` with ``allow(...)``; they are
collected when apps are ready. A permission is ``<app>.<action>_<model>``; a
scope names a filter the model defines in ``restrict_scopes`` (``all`` needs
none). Anything not allowed is denied.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from .roles import Role

ALL = "all"
OWN_UNIT = "own_unit"  # rows of the units where the user holds the role, and the units below them
ASSIGNED = "assigned"  # rows the user is assigned to (vendors, experts)
SELF = "self"  # the user's own row
OWN_COMPANY = "own_company"  # rows of the vendor's own company


@dataclass(frozen=True)
class Rule:
    role: Role
    permission: str
    scope: str


RULES: list[Rule] = []


def allow(role: Role, actions: str, *models: str, scope: str = ALL) -> None:
    """allow(Role.STAFF, "view", "accounts.orgunit") — several actions separated by spaces."""
    for model in models:
        app_label, model_name = model.split(".")
        for action in actions.split():
            rule = Rule(role, f"{app_label}.{action}_{model_name}", scope)
            if rule not in RULES:
                RULES.append(rule)
    _index.cache_clear()


@lru_cache(maxsize=1)
def _index() -> dict[str, dict[Role, set[str]]]:
    index: dict[str, dict[Role, set[str]]] = defaultdict(lambda: defaultdict(set))
    for rule in RULES:
        index[rule.permission][rule.role].add(rule.scope)
    return index


def permissions_of_role(role: Role) -> set[str]:
    return {rule.permission for rule in RULES if rule.role == role}


def grants_for(user, permission: str) -> list[tuple[str, set[int]]]:
    """The scopes under which ``user`` holds ``permission``, each with the units it applies to."""
    from .directory import roles_of, unit_with_descendants

    by_role = _index().get(permission)
    if not by_role:
        return []
    result: list[tuple[str, set[int]]] = []
    for grant in roles_of(user):
        for scope in by_role.get(grant.role, ()):
            if scope == OWN_UNIT:
                cache = user.__dict__.setdefault("_itms_descendants", {})
                if grant.unit_id not in cache:
                    cache[grant.unit_id] = unit_with_descendants({grant.unit_id}) if grant.unit_id else set()
                result.append((scope, cache[grant.unit_id]))
            else:
                result.append((scope, {grant.unit_id} if grant.unit_id else set()))
    return result

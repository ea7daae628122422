"""Every place in the code that cites a clause registers it here, so an unknown id fails at start-up.

Rules, guards, deadlines and roles register themselves. What carries out a clause without being one of
those — a register, a kind of agenda item, an export — is declared in the app's ``features.py`` with
``implements()``, naming the code that does it; a test resolves every such name, so a declaration cannot
outlive its code.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

CITED: list[tuple[str, str]] = []  # (clause id, where it is cited)


def cite(where: str, *clause_ids: str) -> tuple[str, ...]:
    """Register clause ids cited by ``where`` (a rule, guard, role …) and return them."""
    CITED.extend((clause_id, where) for clause_id in clause_ids)
    return clause_ids


@dataclass(frozen=True)
class Feature:
    what: str  # Korean, as the coverage page shows it
    where: str  # dotted path of the code that carries it out: module, class, function or attribute
    clause_ids: tuple[str, ...]


FEATURES: dict[tuple[str, str], Feature] = {}


def implements(where: str, what: str, *clause_ids: str) -> None:
    """Declare that the code at ``where`` carries out ``clause_ids`` (idempotent: modules may be re-imported)."""
    if (where, what) not in FEATURES:
        FEATURES[(where, what)] = Feature(what, where, cite(f"기능 {what}", *clause_ids))


def features() -> list[Feature]:
    """Every declared feature (each app's ``features`` module is imported at start-up by ``itms.core.apps``)."""
    return list(FEATURES.values())


def resolve(where: str):
    """The object a dotted path names (``pkg.module.Class.attribute``); ImportError/AttributeError if none."""
    parts = where.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target = import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for name in parts[cut:]:
            target = getattr(target, name)
        return target
    raise ImportError(where)

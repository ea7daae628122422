"""Every place in the code that cites a clause registers it here, so an unknown id fails at start-up."""

from __future__ import annotations

CITED: list[tuple[str, str]] = []  # (clause id, where it is cited)


def cite(where: str, *clause_ids: str) -> tuple[str, ...]:
    """Register clause ids cited by ``where`` (a rule, guard, role …) and return them."""
    CITED.extend((clause_id, where) for clause_id in clause_ids)
    return clause_ids

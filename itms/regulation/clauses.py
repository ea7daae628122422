"""The clauses of the directive in force, as shipped with the code.

Code cites clause ids (``"a8.5"``); they are checked against this text at
start-up (``itms.regulation.checks``) and rendered with it in the UI. The
database copy (``RulePack``/``Clause``) is loaded from the same file.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .parser import ParsedClause, ParsedDirective, parse

DATA_DIR = Path(__file__).resolve().parent / "data"
CURRENT_TEXT = DATA_DIR / "kcs-directive-2427.txt"


@lru_cache(maxsize=1)
def current() -> ParsedDirective:
    return parse(CURRENT_TEXT.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _index() -> dict[str, ParsedClause]:
    return current().by_id()


def lookup(clause_id: str) -> ParsedClause | None:
    return _index().get(clause_id)


def exists(clause_id: str) -> bool:
    return clause_id in _index()


def label(clause_id: str) -> str:
    found = lookup(clause_id)
    return found.label if found else clause_id


def all_clauses() -> list[ParsedClause]:
    return current().clauses

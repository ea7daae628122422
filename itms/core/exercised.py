"""What the test suite actually ran: guards, transitions, obligation types, refusal codes, parameters read.

The coverage report (``itms.regulation.coverage``) counts a clause as implemented only when product code that
carries it out was exercised by a test, not when something merely mentions the clause. The engine, the
obligation engine, the coded refusals and ``param()`` note here what they run; only the test suite turns the
notebook on (``itms/testing/fixtures.py``), which writes it to ``var/directive-coverage/`` at the end of a run.
"""

from __future__ import annotations

import sys

ENABLED = False
EXERCISED: set[str] = set()


def note(kind: str, key: str) -> None:
    if ENABLED:
        EXERCISED.add(f"{kind}:{key}")


def note_from_product(kind: str, key: str, depth: int = 2) -> None:
    """As ``note``, but only when the caller is product code (a test reading a parameter proves nothing)."""
    if not ENABLED:
        return
    caller = sys._getframe(depth).f_globals.get("__name__", "")
    if ".tests." in caller or caller.startswith("itms.testing") or caller.startswith("test_"):
        return
    EXERCISED.add(f"{kind}:{key}")

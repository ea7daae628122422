"""Evaluators submitting at the same moment, on PostgreSQL (issue 14, "Bad input and concurrency").

Each submission locks the evaluation's row before it reads its sheet (``actions.scoring._open_sheet``), so two
evaluators submitting together both count, each changing only its own sheet, and one evaluator's sheet sent twice
at once (a double tap on the tablet) is recorded once: the other is refused with the Korean reason and logged.
SQLite serialises writers, so these run on PostgreSQL only (like itms/core/tests/test_concurrency.py).
"""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from itms.acquisition import actions
from itms.acquisition.choices import ItemKind
from itms.acquisition.models import Evaluation
from itms.audit.chain import verify_chain
from itms.audit.models import LegalEvent, LegalEventKind

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are PostgreSQL's; SQLite serialises writers"
    ),
]


def _scored_sheets(count: int):
    """CLP-009 in session: ``count`` sheets fully scored (every 정성 item at full points), none submitted yet."""
    evaluation = Evaluation.objects.get(project__code="2027-CLP-009")
    sheets = list(evaluation.sheets.select_related("evaluator").order_by("label")[:count])
    for sheet in sheets:
        for proposal in evaluation.proposals.all():
            for item in evaluation.items.filter(kind=ItemKind.QUALITATIVE):
                actions.save_score(
                    actor=sheet.evaluator, evaluation=evaluation, proposal=proposal, item=item, score=item.points
                )
    return evaluation, sheets


def _at_once(*acts) -> list[str]:
    """Runs the acts in threads released together; "ok" or the refusal's message for each."""
    results, barrier = [], threading.Barrier(len(acts))

    def run(act):
        from django.db import connections

        try:
            barrier.wait()
            act()
            results.append("ok")
        except (ValidationError, PermissionDenied) as error:
            results.append(" ".join(getattr(error, "messages", [str(error)])))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(act,)) for act in acts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _submitted_events() -> int:
    return LegalEvent.objects.filter(kind=LegalEventKind.SCORE_SHEET_SUBMITTED).count()


def test_a15_8_two_evaluators_submitting_at_once_both_count(demo):
    evaluation, (first, second) = _scored_sheets(2)
    before = _submitted_events()
    results = _at_once(
        lambda: actions.submit_sheet(actor=first.evaluator, evaluation=evaluation),
        lambda: actions.submit_sheet(actor=second.evaluator, evaluation=evaluation),
    )
    assert results == ["ok", "ok"], results
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.is_submitted and second.is_submitted
    assert _submitted_events() == before + 2
    assert verify_chain().ok


def test_a15_8_one_sheet_sent_twice_at_once_is_recorded_once(demo):
    evaluation, (sheet,) = _scored_sheets(1)
    before = _submitted_events()
    results = _at_once(*[lambda: actions.submit_sheet(actor=sheet.evaluator, evaluation=evaluation)] * 2)
    assert results.count("ok") == 1, results
    assert any("이미 제출한 평가표" in r for r in results), results
    assert _submitted_events() == before + 1
    assert verify_chain().ok

"""seed_demo runs on every start of scripts/run: a second run changes nothing (issue 10, item 12).

Before, every run re-saved every row (``update_or_create`` saves even an unchanged row), reset the heads'
grades to a default and back (two change-log entries each time), and re-saved the role bindings, which chained
new role-change events (a3.2, a4.9 …) into the legal-event hash chain at every start.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command

from itms.audit.models import LegalEvent
from itms.testing.fingerprint import changed_tables, db_fingerprint

pytestmark = pytest.mark.django_db


def test_a_second_seed_demo_changes_no_table_and_chains_no_event(demo):
    """The test database already holds the demo (built once per session): this run is the second."""
    before, events = db_fingerprint(), LegalEvent.objects.count()
    call_command("seed_demo", "--quiet")
    assert changed_tables(before, db_fingerprint()) == []
    assert LegalEvent.objects.count() == events


def test_seed_demo_twice_more_still_changes_nothing(demo):
    call_command("seed_demo", "--quiet")
    before, events = db_fingerprint(), LegalEvent.objects.count()
    call_command("seed_demo", "--quiet")
    assert changed_tables(before, db_fingerprint()) == []
    assert LegalEvent.objects.count() == events

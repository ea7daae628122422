"""The demo snapshot: what a transactional test changed is put back when it ends, and nothing else is rewritten."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import TransactionTestCase
from django.test.utils import CaptureQueriesContext

from itms.accounts.models import OrgUnit, OrgUnitKind, User
from itms.testing import snapshot
from itms.testing.fingerprint import db_fingerprint


@pytest.mark.django_db(transaction=True)
def test_a_changed_table_is_written_back_and_the_others_are_left_alone(demo):
    units = OrgUnit.objects.count()
    User.objects.filter(username="sponsor").update(email="changed@example.org")
    with CaptureQueriesContext(connection) as queries:
        snapshot.restore()
    deleted = {q["sql"].split('"')[1] for q in queries.captured_queries if q["sql"].startswith("DELETE FROM")}
    assert User._meta.db_table in deleted
    assert OrgUnit._meta.db_table not in deleted  # unchanged: not rewritten
    assert User.objects.get(username="sponsor").email != "changed@example.org"
    assert OrgUnit.objects.count() == units
    assert db_fingerprint() == snapshot._BASELINE


@pytest.mark.django_db(transaction=True)
def test_an_emptied_database_gets_the_whole_demo_back_with_its_sequences(demo):
    call_command("flush", verbosity=0, interactive=False)
    assert not User.objects.exists()
    snapshot.restore()
    assert db_fingerprint() == snapshot._BASELINE
    # A new row takes the next free id, not one the demo already uses.
    unit = OrgUnit.objects.create(
        organization=OrgUnit.objects.first().organization, name="새 부서", kind=OrgUnitKind.DIVISION, code="T-NEW-1"
    )
    assert unit.pk > max(OrgUnit.objects.exclude(pk=unit.pk).values_list("pk", flat=True))


def test_a_transactional_test_ends_by_putting_the_snapshot_back_not_by_a_flush(db):
    assert getattr(TransactionTestCase._fixture_teardown, "restores_snapshot", False)

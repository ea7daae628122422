"""Every registered URL, asked by every demo login (and by nobody), answers as the access policy says.

Deny by default: a page is open only where a rule in some app's access.py opens
it; an object outside the user's scope is not found (404), one they may see but
not change is forbidden (403). A refused change leaves every table unchanged.
"""

import pytest
from django.test import Client

from itms.accounts.models import User
from itms.audit.chain import record_event
from itms.audit.models import LegalEventKind
from itms.testing import matrix
from itms.testing.fingerprint import changed_tables, db_fingerprint

USERNAMES = matrix.sweep_users()  # every login, over the two engines' runs (matrix.sweep_users)


@pytest.fixture
def with_events(db):
    record_event(kind=LegalEventKind.TRANSITION, summary="매트릭스 시험용 이벤트", clause_ids=["a8.5"])


def test_every_special_page_has_an_expectation():
    special = {r.name for r in matrix.routes() if r.object_type is None}
    assert special <= set(matrix.SPECIAL), f"권한 기대값이 없는 화면: {sorted(special - set(matrix.SPECIAL))}"


@pytest.mark.parametrize("username", USERNAMES, ids=matrix.sweep_ids(USERNAMES))
def test_a17_3_every_url_answers_each_role_as_the_policy_says(username, client_of, with_events):
    client = client_of(username) if username else Client()
    user = User.objects.get(username=username) if username else matrix.ANONYMOUS
    mismatches = []
    for route in matrix.routes():
        objects = matrix.samples(route.object_type, user) if route.needs_object else [None]
        for obj in objects:
            url = matrix.url_for(route, obj)
            expected = matrix.expected_status(route, user, obj)
            actual = client.get(url).status_code
            if actual != expected:
                mismatches.append(f"{url} ({route.name}): 기대 {expected}, 실제 {actual}")
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.parametrize("username", USERNAMES, ids=matrix.sweep_ids(USERNAMES))
def test_refused_changes_change_nothing(username, client_of, with_events):
    """POSTing to every add/edit/delete page the policy refuses leaves every table as it was."""
    client = client_of(username) if username else Client()
    user = User.objects.get(username=username) if username else matrix.ANONYMOUS
    before = db_fingerprint()
    refused = 0
    for route in matrix.routes():
        if route.api or route.action not in ("add", "edit", "delete"):
            continue
        objects = matrix.samples(route.object_type, user) if route.needs_object else [None]
        for obj in objects:
            expected = matrix.expected_status(route, user, obj)
            if expected == 200:
                continue
            refused += 1
            response = client.post(matrix.url_for(route, obj), {"name": "무단 변경"})
            assert response.status_code == expected, f"{route.name}: 기대 {expected}, 실제 {response.status_code}"
    assert changed_tables(before, db_fingerprint()) == []
    if username in (None, "vendor", "expert"):
        assert refused > 0


def test_django_admin_is_for_superusers_only(client_of):
    assert client_of("admin").get("/django-admin/").status_code == 200
    for username in ("cio", "sysadmin", "vendor"):
        response = client_of(username).get("/django-admin/")
        assert response.status_code == 302 and "/django-admin/login/" in response["Location"]


def test_django_admin_refuses_staff_flag_without_superuser(client_of, user_of):
    sysadmin = user_of("sysadmin")
    sysadmin.is_staff = True
    sysadmin.save(update_fields=["is_staff"])
    response = client_of("sysadmin").get("/django-admin/")
    assert response.status_code == 302


def test_the_two_engines_runs_together_ask_everyone_and_both_ask_each_kind_of_scope(monkeypatch):
    monkeypatch.delenv("ITMS_SWEEP", raising=False)
    sqlite = matrix.sweep_users(engine="django.db.backends.sqlite3")
    postgres = matrix.sweep_users(engine="django.db.backends.postgresql")
    assert set(sqlite) | set(postgres) == set(matrix.EVERYONE)
    assert set(sqlite) & set(postgres) == set(matrix.ON_BOTH_ENGINES)
    assert abs(len(sqlite) - len(postgres)) <= 1
    monkeypatch.setenv("ITMS_SWEEP", "all")
    assert matrix.sweep_users(engine="django.db.backends.postgresql") == matrix.EVERYONE

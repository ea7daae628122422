"""Readings kept for one request (itms.core.middleware.per_request): the unit tree, a body's chair, the menu.

A sponsor's home page at scale 1.0 read the unit tree 98 times; kept for the request, it is read once, and a unit
changed in the same request is read again. Outside a request (a task, a command) nothing is kept.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from itms.accounts.directory import unit_with_descendants
from itms.accounts.models import OrgUnit
from itms.core.middleware import RequestIdMiddleware, per_request

pytestmark = pytest.mark.django_db


def inside_a_request(call):
    """Runs ``call`` while the middleware serves a request, as a view would; returns what it returned."""
    answer = {}

    def view(request):
        answer["value"] = call()
        from django.http import HttpResponse

        return HttpResponse()

    RequestIdMiddleware(view)(RequestFactory().get("/"))
    return answer["value"]


def tree_reads(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return sum('"parent_id" FROM "accounts_orgunit"' in q["sql"] for q in captured.captured_queries)


def test_computed_once_in_a_request_and_every_time_outside():
    calls = []

    def twice():
        return [per_request("k", lambda: calls.append(1) or len(calls)) for _ in range(2)]

    assert inside_a_request(twice) == [1, 1]
    assert twice() == [2, 3]


def test_the_unit_tree_is_read_once_per_request_for_every_scope_asked(demo):
    units = set(OrgUnit.objects.filter(parent__isnull=True).values_list("pk", flat=True)[:3])

    def three_scopes():
        return tree_reads(lambda: [unit_with_descendants({pk}) for pk in units])

    assert inside_a_request(three_scopes) == 1
    assert three_scopes() == len(units)


def test_a_unit_added_in_the_request_is_in_the_next_scope(demo):
    parent = OrgUnit.objects.filter(parent__isnull=True).first()

    def add_and_ask():
        before = unit_with_descendants({parent.pk})
        child = OrgUnit.objects.create(
            organization=parent.organization, parent=parent, name="새 팀 (시험)", code="TEST-NEW", kind=parent.kind
        )
        return child.pk in before, child.pk in unit_with_descendants({parent.pk})

    assert inside_a_request(add_and_ask) == (False, True)

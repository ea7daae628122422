"""Who holds a position on a date (a4.1, a4.7), read once per request for every date a page asks about.

A work list asks whether the user chairs or is the secretary of each meeting's body on that meeting's date; the
holders' assignments of every date are read once and answered per date, and an assignment made in the request
(e.g. an acting chair named, a4.7) is seen by the next question.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from itms.accounts.models import Assignment, AssignmentKind, Position, User
from itms.core.tests.test_per_request import inside_a_request
from itms.governance.models import Body

pytestmark = pytest.mark.django_db


def _copies_of(body):
    """Fresh copies of a body, as every meeting of a work list brings its own."""
    return [type(body).objects.get(pk=body.pk) for _ in range(3)]


def test_a4_1_the_chair_of_every_date_is_read_once_per_request(demo):
    """The 정보화추진위원회's chair is whoever holds 정보데이터정책관 on the meeting's date (a4.1): a work list asks
    for each meeting on its own date, and the position's assignments are read once for all of them."""
    body = Body.objects.get(name="정보화추진위원회")
    today = timezone.localdate()
    days = [today + dt.timedelta(days=n) for n in (0, 7, 30)]

    def chairs():
        with CaptureQueriesContext(connection) as captured:
            names = [copy.chair_on(day).username for copy, day in zip(_copies_of(body), days, strict=True)]
        reads = sum('FROM "accounts_assignment"' in q["sql"] for q in captured.captured_queries)
        return names, reads

    assert inside_a_request(chairs) == (["cio"] * 3, 1)
    assert chairs() == (["cio"] * 3, 3)


def test_a4_7_an_acting_chair_named_in_the_request_chairs_in_the_same_request(demo):
    """제4조제7항: the chair's duties pass to the acting official from the day the acting period begins; the
    assignment made in this request is seen by the next question in it, for its dates only."""
    body = Body.objects.get(name="정보화추진위원회")
    today = timezone.localdate()
    away = today + dt.timedelta(days=10)

    def name_an_acting_chair():
        before = body.chair_on(away).username
        Assignment.objects.create(
            user=User.objects.get(username="itdept"),
            position=Position.objects.get(unit__code="KCS-IDP", is_head=True),
            kind=AssignmentKind.ACTING,
            start_date=away,
            end_date=away + dt.timedelta(days=30),
            reason="정보데이터정책관 국외 파견",
        )
        fresh = Body.objects.get(pk=body.pk)
        return before, fresh.chair_on(away).username, fresh.chair_on(today).username

    assert inside_a_request(name_an_acting_chair) == ("cio", "itdept", "cio")

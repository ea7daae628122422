"""The idle timeout still slides, but the session row is written at most once a minute (issue 12)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

pytestmark = pytest.mark.django_db

PAGE = "/projects/projects/"


def session_writes(client, url: str = PAGE) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(
        [
            q
            for q in ctx.captured_queries
            if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT")) and "django_session" in q["sql"]
        ]
    )


def expiry(client) -> dt.datetime:
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_a17_requests_within_a_minute_write_the_session_once(client_of):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client = client_of("sponsor")
        assert session_writes(client) == 1  # the first request: the timestamp
        assert session_writes(client) == 0
        clock.shift(dt.timedelta(seconds=30))
        assert session_writes(client) == 0
        clock.shift(dt.timedelta(seconds=31))
        before = expiry(client)
        assert session_writes(client) == 1  # a minute on: the idle window slides
        assert expiry(client) > before


def test_a17_an_idle_session_still_ends_after_the_configured_minutes(client_of):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client = client_of("sponsor")
        client.get(PAGE)
        clock.shift(dt.timedelta(minutes=20))
        assert client.get(PAGE).status_code == 200  # active: slides
        clock.shift(dt.timedelta(seconds=settings.SESSION_COOKIE_AGE - 30))
        assert client.get(PAGE).status_code == 200  # within the window from the last save
        clock.shift(dt.timedelta(seconds=settings.SESSION_COOKIE_AGE + 5))
        response = client.get(PAGE)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_no_session_is_made_for_a_visitor(client):
    client.get("/accounts/login/")
    assert not Session.objects.exists()

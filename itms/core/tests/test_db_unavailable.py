"""A database outage answers 503 in Korean with Retry-After, wherever the database error was raised."""

from __future__ import annotations

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import InterfaceError, OperationalError
from django.test import Client
from django.urls import include, path

from itms.core.db_unavailable import MESSAGE


def _lost_connection(request):
    raise OperationalError("server closed the connection unexpectedly")


def _closed_connection(request):
    raise InterfaceError("connection already closed")


def _bug(request):
    raise ValueError("a bug, not an outage")


# A test-only URLconf (pytest.mark.urls): views that fail as a view does when PostgreSQL restarts.
urlpatterns = [
    path("outage/", _lost_connection),
    path("api/outage/", _closed_connection),
    path("bug/", _bug),
    path("", include("config.urls")),
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


def _client() -> Client:
    return Client(raise_request_exception=False)


def test_a_page_whose_view_loses_the_database_answers_503_in_korean():
    response = _client().get("/outage/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Content-Type"].startswith("text/html")
    assert MESSAGE in response.content.decode()
    assert "'self'" in response["Content-Security-Policy"] and response["X-Frame-Options"] == "DENY"
    assert response["X-Request-ID"]


def test_an_api_call_gets_the_message_as_json():
    response = _client().get("/api/outage/")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json() == {"detail": MESSAGE}


def test_a_database_error_in_middleware_also_answers_503(monkeypatch, user_of):
    """In an outage the first query is usually the session read in middleware, before any view runs."""
    client = _client()
    client.force_login(user_of("sponsor"))

    def load(self):
        raise OperationalError("the database system is starting up")

    monkeypatch.setattr(SessionStore, "load", load)
    response = client.get("/")
    assert response.status_code == 503
    assert MESSAGE in response.content.decode()


def test_other_errors_stay_server_errors():
    assert _client().get("/bug/").status_code == 500


def test_the_test_client_still_raises_the_database_error():
    with pytest.raises(OperationalError):
        Client().get("/outage/")

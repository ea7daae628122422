"""The OpenAPI schema, fuzzed: every API operation answers generated requests without a server error.

schemathesis generates requests from the schema that /api/schema/ serves (schema-valid
and schema-violating ones) and sends them, as the demo superuser with a token, straight
into Django's WSGI handler inside the test's transaction. A few examples per operation
keep this bounded for CI (about a minute on two workers); `scripts/fuzz-api` is the long
run against gunicorn, with schemathesis's exhaustive boundary cases (docs/quality.md,
"Security").

Checked on every response: no 5xx; a response whose status the schema documents has the
documented body and content type. Not checked here: undocumented 4xx codes (drf-spectacular
documents only the success answer) and whether a schema-valid id or filter value names an
existing row.
"""

from __future__ import annotations

import time

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from itms.accounts.models import User

# Every test here needs the test database: the mark says so to pytest-django up front (a fixture asked for
# at run time does not), so the suite never falls back to the configured database.
pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 4
# A soft cap per operation: once spent, its remaining generated cases are not sent.
SECONDS_PER_OPERATION = 10
# Examples and fuzzing with schema-valid and schema-violating data; the exhaustive boundary "coverage" phase is
# the long run's. No crash cache written into the work tree.
CONFIG = schemathesis.Config.from_dict(
    {"phases": {"coverage": {"enabled": False}}, "generation": {"mode": "all"}, "cache": {"enabled": False}}
)
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


def _load_schema():
    # Built in-process at collection (a few seconds, no database): one pytest item per operation.
    raw = SchemaGenerator().get_schema(request=None, public=True)
    schema = schemathesis.openapi.from_dict(raw, config=CONFIG)
    schema.app = WSGIHandler()
    return schema


schema = _load_schema()


@pytest.fixture
def api_headers(db, demo):
    token, _ = Token.objects.get_or_create(user=User.objects.get(username="admin"))
    return {"Authorization": f"Token {token.key}"}


@pytest.fixture
def in_test_transaction():
    """The WSGI handler closes "old" connections before and after each request, which would end the test's
    transaction (on PostgreSQL; an in-memory SQLite database is never closed). Django's test client does the same."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def deadline():
    return time.monotonic() + SECONDS_PER_OPERATION


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_operations_answer_generated_requests_without_server_errors(
    case, api_headers, in_test_transaction, deadline
):
    if time.monotonic() > deadline:
        return
    case.call_and_validate(headers=api_headers, checks=CHECKS)


def test_schema_covers_every_registered_api_type():
    paths = {operation.path for operation in (r.ok() for r in schema.get_all_operations())}
    assert "/api/projects/projects/{id}/" in paths
    assert len(paths) >= 50


@pytest.mark.parametrize("lookup", ["abc", "true", "null,null", "-1x"])
@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_f1_change_with_a_non_integer_id_is_not_found(method, lookup, admin_client):
    admin_client.raise_request_exception = False
    response = getattr(admin_client, method)(f"/api/projects/projects/{lookup}/", content_type="application/json")
    assert response.status_code == 404
    body = response.json()
    assert (body["detail"], body["message"], body["code"]) == ("자료를 찾을 수 없습니다.",) * 2 + ("not_found",)


@pytest.mark.parametrize(
    ("component", "field"),
    [
        ("Obligation", "owed_to_role"),
        ("Obligation", "owed_by_role"),
        # Non-editable model fields: blank until the a27 computation and the a28 decision fill them.
        ("MeasurementTarget", "band"),
        ("MeasurementTarget", "outcome"),
    ],
)
def test_f2_read_only_blank_choice_fields_allow_blank_in_the_schema(component, field):
    """Read-only choice fields that may be blank keep "" in their enum (BlankEnum)."""
    raw = SchemaGenerator().get_schema(request=None, public=True)
    assert "BlankEnum" in repr(raw["components"]["schemas"][component]["properties"][field])


@pytest.mark.parametrize("url", ["/api/regulation/calendar-exceptions/", "/regulation/calendar-exceptions/"])
def test_f3_calendar_exception_year_filter_refuses_impossible_years(url, admin_client):
    admin_client.raise_request_exception = False
    assert admin_client.get(url, {"year": 0}).status_code < 500


@pytest.mark.parametrize(("url", "status"), [("/api/acquisition/experts/", 400), ("/acquisition/experts/", 200)])
def test_f4_a_many_to_many_filter_refuses_an_id_beyond_its_column(url, status, admin_client):
    """?specialties=<a number no id column holds> is an invalid choice, not a database error (500 on SQLite)."""
    admin_client.raise_request_exception = False
    response = admin_client.get(url, {"specialties": ["126", "-55239858258069135360"], "is_available": "true"})
    assert response.status_code == status

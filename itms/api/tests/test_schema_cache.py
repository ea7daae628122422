"""API 문서 opens without waiting for the schema (issue 10, item 11): it is generated once per release, kept in
a file that every server process reads, the same for every signed-in user, and in Korean whatever the request."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from itms.api import schema as api_schema

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh_schema(settings, tmp_path):
    """No schema in this process, and a data folder of this test's own (parallel workers write theirs)."""
    settings.DATA_DIR = tmp_path
    api_schema._schemas.clear()
    yield
    api_schema._schemas.clear()


def test_the_command_writes_the_schema_that_every_process_then_serves(client_of, fresh_schema):
    call_command("api_schema", stdout=StringIO())  # scripts/run does this before the server starts
    path = api_schema.cache_file()
    assert path.exists() and api_schema.release() in path.name

    # Another server process: nothing in its memory, the file is there. It serves the file, it does not generate.
    stored = json.loads(path.read_text(encoding="utf-8"))
    stored["info"]["description"] = "파일에서 읽은 스키마"
    path.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    api_schema._schemas.clear()
    served = client_of("sponsor").get("/api/schema/?format=json").json()
    assert served["info"]["description"] == "파일에서 읽은 스키마"


def test_first_use_without_the_command_generates_once_and_stores_it(client_of, fresh_schema):
    assert not api_schema.cache_file().exists()
    first = client_of("itplan").get("/api/schema/?format=json")
    assert first.status_code == 200 and api_schema.cache_file().exists()
    assert client_of("sponsor").get("/api/schema/?format=json").json() == first.json()


def test_an_older_releases_schema_is_replaced_not_served(client_of, fresh_schema, settings):
    old = api_schema.cache_dir() / "api-schema-0000000000000000-ko-kr.json"
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_text('{"openapi": "3.0.3", "info": {"title": "옛 판"}, "paths": {}}', encoding="utf-8")
    schema = client_of("itplan").get("/api/schema/?format=json").json()
    assert schema["info"]["title"] == "정보화관리시스템 API"
    assert not old.exists()


def test_the_stored_schema_is_what_a_signed_in_user_would_get_generated_for_them(user_of, fresh_schema):
    """The schema is public to signed-in users (SERVE_PERMISSIONS) and made without a request: it must not
    depend on who asked."""
    from drf_spectacular.generators import SchemaGenerator

    request = Request(APIRequestFactory().get("/api/schema/"))
    request.user = user_of("sponsor")
    with translation.override("ko"):
        for_sponsor = SchemaGenerator().get_schema(request=request, public=True)
    for_sponsor = json.loads(json.dumps(for_sponsor, ensure_ascii=False, default=str))
    assert api_schema.cached_schema() == for_sponsor


def test_the_schema_is_korean_even_for_a_request_in_another_language(fresh_schema):
    with translation.override("en"):
        schema = api_schema.cached_schema()
    page = next(p for p in schema["paths"]["/api/projects/projects/"]["get"]["parameters"] if p["name"] == "page")
    assert page["description"] == "페이지네이션된 결과 집합 내의 페이지 번호."


def test_schema_and_docs_still_need_a_sign_in(fresh_schema):
    assert Client().get("/api/schema/").status_code in (401, 403)
    assert Client().get("/api/docs/").status_code in (302, 401, 403)


def test_docs_page_shows_a_korean_loading_notice_from_a_static_script(client_of):
    page = client_of("sponsor").get("/api/docs/").content.decode()
    assert 'id="itms-api-loading"' in page and "API 문서를 불러오는 중…" in page
    assert '<script src="/static/js/swagger-loading.js"></script>' in page
    assert "<style" not in page and "<script>" not in page  # the CSP refuses inline style and script


def test_the_written_schema_is_kept_per_format_and_follows_a_new_schema(client_of, fresh_schema):
    """Writing the schema as YAML took a second per request: each format is written once per schema."""
    client = client_of("sponsor")
    first = client.get("/api/schema/")
    assert first.status_code == 200 and first["Content-Type"].startswith("application/vnd.oai.openapi")
    assert b"openapi:" in first.content
    assert client.get("/api/schema/").content == first.content
    assert client.get("/api/schema/?format=json").json()["info"]["title"] == "정보화관리시스템 API"

    api_schema.cached_schema()["info"]["title"] = "다음 판"  # as a new release's schema would differ
    api_schema._schemas[api_schema.release()] = dict(api_schema.cached_schema())
    assert "title: 다음 판".encode() in client.get("/api/schema/").content

"""Generating the API schema leaves every later page in Korean (issue 10, item 1).

drf-spectacular reads the filters of every FilterSet class to describe the API's query parameters. It read
``filter.field`` on the class's shared ``base_filters``; django-filter caches that form field on the filter,
built before any model was attached (so with no label), and every FilterSet made afterwards copied it: the
list pages of that server process showed Django's fallback labels from the field names ("Kind", "Stage",
"Funding" …) until a restart.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from itms.api.schema import reset_schema_cache
from itms.core import registry

pytestmark = pytest.mark.django_db

HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.fixture(autouse=True)
def _own_schema_folder(settings, tmp_path):
    settings.DATA_DIR = tmp_path  # the schema file of this test only (parallel workers write theirs)


def _request_schema(client) -> None:
    reset_schema_cache()  # generate it in this test, whatever an earlier test of this process did
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200


def test_list_pages_keep_korean_filter_labels_after_the_schema_was_generated(client_of):
    client = client_of("itplan")
    _request_schema(client)

    projects = client.get(reverse("projects:project_list")).content.decode()
    for label in ("사업유형", "단계", "재원", "신기술 활용", "추진기관"):
        assert f">{label}</label>" in projects, label
    for english in ("Kind", "Stage", "Funding", "Organization", "Sponsor unit", "Is new technology"):
        assert f">{english}</label>" not in projects, english

    obligations = client.get(reverse("regulation:obligation_list")).content.decode()
    for label in ("상태", "의무 종류", "의무 부서"):
        assert f">{label}</label>" in obligations, label
    assert ">Status</label>" not in obligations and ">Kind</label>" not in obligations


def test_every_registered_filter_is_labelled_in_korean_after_the_schema_was_generated(client_of):
    """Not only the two pages above: every filter of every registered list page."""
    _request_schema(client_of("itplan"))
    english = []
    for object_type in registry.REGISTRY.values():
        filterset = object_type.filterset(queryset=object_type.model._default_manager.none())
        english += [
            f"{object_type.label}.{name}: {field.label!r}"
            for name, field in filterset.form.fields.items()
            if not HANGUL.search(str(field.label or ""))
        ]
    assert english == []


def test_schema_describes_filters_with_their_korean_labels(client_of):
    client = client_of("itplan")
    reset_schema_cache()
    schema = client.get("/api/schema/?format=json").json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/projects/projects/"]["get"]["parameters"]}
    assert parameters["kind"]["description"].startswith("사업유형")
    assert parameters["stage"]["description"].startswith("단계")


def test_a_browser_gets_json_from_the_api_not_drfs_english_pages(client_of):
    """DRF's browsable API is English: off unless ITMS_DEBUG; people read the API at API 문서 (/api/docs/)."""
    client = client_of("itplan")
    browser_accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    for path in ("/api/", "/api/projects/projects/"):
        response = client.get(path, HTTP_ACCEPT=browser_accept)
        assert response.status_code == 200 and response["Content-Type"].startswith("application/json"), path
    assert client.get("/api/projects/projects/?format=api").status_code == 404

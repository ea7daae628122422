"""Indexed text search (issue 12): one declaration per type, trigram indexes, Korean substrings, scoping."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test.utils import CaptureQueriesContext

from itms.core import registry
from itms.core.search import TrigramIndex, column_of, text_search, trigram_columns
from itms.projects.models import Project, ProjectParticipant

pytestmark = pytest.mark.django_db

LONG_NAME = "2027년 관세행정 빅데이터 분석 플랫폼 고도화"


@pytest.fixture
def big_data_project(demo):
    template = Project.objects.order_by("pk").first()
    template.pk = None
    template.code = "2027-BIG-001"
    template.name = LONG_NAME
    template.save()
    return template


def migrated_trigram_indexes() -> set[tuple[str, str]]:
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    found = set()
    for migration in loader.disk_migrations.values():
        for operation in migration.operations:
            if isinstance(operation, TrigramIndex):
                found.add((operation.table, operation.column))
    return found


def test_every_searched_column_has_a_trigram_index_in_the_migrations():
    """ObjectType.search_fields is the one declaration: a field searched without an index fails here."""
    missing = trigram_columns() - migrated_trigram_indexes()
    lines = "\n".join(f'        TrigramIndex("{t}", "{c}"),' for t, c in sorted(missing))
    assert not missing, f"Add a migration (itms/core/migrations/) with:\n{lines}"


def test_the_registered_type_declares_what_the_filter_searches():
    for object_type in registry.REGISTRY.values():
        declared = getattr(object_type.filterset, "search_fields", ())
        if declared:
            assert object_type.search_fields == tuple(declared), object_type.label
        for path in object_type.search_fields:
            assert column_of(object_type.model, path) is not None, f"{object_type.label}: {path}"


def test_a_korean_substring_inside_a_longer_name_is_found(admin_client, big_data_project):
    page = admin_client.get("/projects/projects/", {"q": "빅데이터"})
    assert LONG_NAME in page.content.decode()
    api = admin_client.get("/api/projects/projects/", {"q": "데이터 분석"}).json()
    assert LONG_NAME in [row["name"] for row in api["results"]]
    assert admin_client.get("/api/projects/projects/", {"q": "빅데이타"}).json()["count"] == 0


def test_search_across_a_relation_finds_each_row_once(admin_client, big_data_project, user_of):
    for username in ("cio", "itplan"):
        ProjectParticipant.objects.create(
            project=big_data_project, user=user_of(username), role="adviser", start_date=dt.date(2027, 1, 2)
        )
    rows = text_search(ProjectParticipant.objects.all(), ("project__name", "user__name"), "빅데이터")
    assert sorted(rows.values_list("user__username", flat=True)) == ["cio", "itplan"]
    page = admin_client.get("/projects/project-participants/", {"q": "빅데이터"})
    assert page.context["table"].paginator.count == 2


def test_search_keeps_the_users_scope(client_of, big_data_project):
    """The vendor sees only assigned projects: a match outside them stays out of the page and the API."""
    vendor = client_of("vendor")
    assert LONG_NAME not in vendor.get("/projects/projects/", {"q": "빅데이터"}).content.decode()
    assert vendor.get("/api/projects/projects/", {"q": "빅데이터"}).json()["count"] == 0


def test_a_term_with_case_is_matched_in_either_case_and_one_without_as_it_is(admin_client, big_data_project):
    Project.objects.filter(pk=big_data_project.pk).update(name=f"{LONG_NAME} (AI Platform)")
    for term in ("ai platform", "AI PLATFORM", "플랫폼 고도화", "2027년"):
        found = admin_client.get("/api/projects/projects/", {"q": term}).json()["results"]
        assert big_data_project.code in [row["code"] for row in found], term


def test_like_wildcards_in_a_term_are_plain_characters(admin_client, big_data_project):
    assert admin_client.get("/api/projects/projects/", {"q": "%"}).json()["count"] == 0
    assert admin_client.get("/api/projects/projects/", {"q": "빅_이터"}).json()["count"] == 0


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite's fallback")
def test_sqlite_says_that_search_is_slower_here(admin_client):
    html = admin_client.get("/projects/projects/", {"q": "통관"}).content.decode()
    assert "검색 색인이 없어 검색이 느릴 수 있습니다" in html


# --- PostgreSQL: the index is what answers ---------------------------------------------------------------------
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm: PostgreSQL only")


def explain(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny test table: ask whether an index *can* answer
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = on")
    return plan


@postgresql_only
def test_a_korean_substring_search_is_index_backed_on_postgresql(big_data_project):
    from itms.regulation.models import Obligation

    projects = text_search(Project.objects.all(), ("name",), "빅데이터")
    plan = explain(projects)
    assert "projects_project_name_trgm" in plan, plan
    # Korean has no case: LIKE, the same match as ILIKE at a fifth of its cost (1,000,000 legal events).
    assert " LIKE " in str(projects.query).upper() and "ILIKE" not in str(projects.query).upper()

    obligations = text_search(Obligation.objects.all(), ("title", "subject_repr"), "빅데이터")
    # Unordered, as the search's count runs: on a tiny table with sequential scans off, the ordered page would
    # rather walk the (due_date, id) index than sort a handful of rows.
    plan = explain(obligations.order_by())
    assert "regulation_obligation_title_trgm" in plan and "regulation_obligation_subject_repr_trgm" in plan, plan
    assert big_data_project in list(projects)


@postgresql_only
def test_a_search_across_a_relation_uses_the_other_tables_index(big_data_project):
    plan = explain(text_search(ProjectParticipant.objects.all(), ("project__name",), "빅데이터"))
    assert "projects_project_name_trgm" in plan, plan


@postgresql_only
def test_a_term_without_a_trigram_matches_a_relation_by_a_hashed_subquery(big_data_project):
    """ "예산" has no trigram, so no index narrows it and the table is read: ``IN (subquery)`` is one hash probe a
    row, where ``= ANY(ARRAY(…))`` compared each row with every matching agenda item (resolutions: 83 → 17 ms)."""
    short = str(text_search(ProjectParticipant.objects.all(), ("project__name",), "관세").query)
    long = str(text_search(ProjectParticipant.objects.all(), ("project__name",), "빅데이터").query)
    assert "= ANY(ARRAY" not in short and " IN (SELECT" in short
    assert "= ANY(ARRAY" in long
    found = text_search(ProjectParticipant.objects.all(), ("project__name",), "관세")
    assert found.exists() and set(found) == set(ProjectParticipant.objects.filter(project__name__contains="관세"))


@postgresql_only
def test_the_trigram_indexes_exist(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE %s", ["%\\_trgm"])
        names = {row[0] for row in cursor.fetchall()}
    assert {"audit_legalevent_summary_trgm", "regulation_obligation_title_trgm", "accounts_user_name_trgm"} <= names


def test_searching_reads_no_more_than_one_query_per_list(admin_client):
    with CaptureQueriesContext(connection) as ctx:
        admin_client.get("/api/accounts/assignments/", {"q": "정보"})
    selects = [q["sql"] for q in ctx.captured_queries if 'FROM "accounts_assignment"' in q["sql"]]
    assert len(selects) <= 2  # the page and its count; the relation is a subquery, not a query per row

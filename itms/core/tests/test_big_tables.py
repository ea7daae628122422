"""Pages over big tables (docs/quality.md "Benchmarks"): search selects, estimated counts, bounded queries."""

from __future__ import annotations

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from itms.accounts.models import Assignment, OrgUnit, Position, User, UserKind
from itms.audit.models import LegalEvent
from itms.core import pagination
from itms.core.widgets import LIMIT, SEARCH_SUFFIX

pytestmark = pytest.mark.django_db

ASSIGNMENTS = "/accounts/assignments/"


def select_html(html: str, name: str) -> str:
    match = re.search(rf'<select name="{re.escape(name)}".*?</select>', html, re.S)
    assert match, f'<select name="{name}"> 없음'
    return match.group(0)


def options(html: str, name: str) -> list[str]:
    return re.findall(r"<option[^>]*>", select_html(html, name))


def many_users(n: int, prefix: str = "대량사용자") -> list[User]:
    return User.objects.bulk_create(
        User(username=f"bulk{i:04d}", name=f"{prefix}{i:04d}", kind=UserKind.STAFF) for i in range(n)
    )


# --- the search select ------------------------------------------------------------------------------------------
def test_big_table_filter_renders_only_the_chosen_option(admin_client):
    users = many_users(300)
    html = admin_client.get(ASSIGNMENTS).content.decode()
    assert len(options(html, "user")) < 5  # 전체 only: not 300+ users
    assert len(options(html, "position__unit")) < 5
    assert 'data-search-url="/api/accounts/users/"' in html
    assert f'name="user{SEARCH_SUFFIX}"' in html

    chosen = users[123]
    html = admin_client.get(ASSIGNMENTS, {"user": chosen.pk}).content.decode()
    rendered = options(html, "user")
    assert len(rendered) == 2  # 전체 and the chosen user
    assert f'<option value="{chosen.pk}" selected>{chosen}</option>' in select_html(html, "user")


def test_the_filter_still_filters_and_the_search_box_works_without_javascript(admin_client):
    person = User.objects.exclude(assignments=None).order_by("pk").first()
    response = admin_client.get(ASSIGNMENTS, {"user": person.pk})
    assert response.context["table"].paginator.count == Assignment.objects.filter(user=person).count()

    # One match: the box chooses it.
    response = admin_client.get(ASSIGNMENTS, {f"user{SEARCH_SUFFIX}": person.username})
    assert response.context["filter"].is_valid()
    assert response.context["table"].paginator.count == Assignment.objects.filter(user=person).count()
    assert f'<option value="{person.pk}" selected>' in select_html(response.content.decode(), "user")

    # Several: nothing is filtered, the matches are listed to choose from (at most LIMIT), with a hint.
    many_users(LIMIT + 5, prefix="동명이인")
    response = admin_client.get(ASSIGNMENTS, {f"user{SEARCH_SUFFIX}": "동명이인"})
    html = response.content.decode()
    assert response.status_code == 200
    assert not response.context["filter"].is_valid()
    assert len(options(html, "user")) == 1 + LIMIT
    assert "동명이인0000" in select_html(html, "user")
    assert "&#x27;동명이인&#x27; 검색 결과 20건 이상: 목록에서 고르십시오." in html

    # None: said so.
    html = admin_client.get(ASSIGNMENTS, {f"user{SEARCH_SUFFIX}": "없는이름xyz"}).content.decode()
    assert "&#x27;없는이름xyz&#x27;에 맞는 항목이 없습니다." in html


def test_the_server_side_search_finds_only_what_the_user_may_view(user_of):
    from django.test import RequestFactory

    from itms.accounts.filtersets import AssignmentFilterSet

    request = RequestFactory().get(ASSIGNMENTS)
    data = {f"user{SEARCH_SUFFIX}": "김정민"}  # cio, a staff member: not in a vendor's company
    request.user = user_of("admin")
    filterset = AssignmentFilterSet(data, queryset=Assignment.objects.all(), request=request)
    assert filterset.is_valid(), filterset.errors
    assert filterset.form.cleaned_data["user"] == user_of("cio")
    request.user = user_of("vendor")
    assert not AssignmentFilterSet(data, queryset=Assignment.objects.all(), request=request).is_valid()


def test_the_api_behind_the_typeahead_answers_ids_and_labels(admin_client):
    many_users(30, prefix="찾는사람")
    answer = admin_client.get("/api/accounts/users/", {"q": "찾는사람002", "page_size": LIMIT}).json()
    assert [row["display"] for row in answer["results"]] == [f"찾는사람002{i} (bulk002{i})" for i in range(10)]
    assert all(isinstance(row["id"], int) for row in answer["results"])


@pytest.mark.parametrize(
    ("url", "names"),
    [
        ("/projects/project-participants/", ["project"]),
        ("/projects/budget-lines/", ["project"]),
        ("/resources/information-systems/", ["parent", "operating_unit"]),
        ("/resources/system-interfaces/", ["source", "target"]),
        ("/projects/projects/", ["sponsor_unit"]),
        ("/documents/documents/", ["project"]),
        ("/accounts/users/", ["unit"]),
        ("/regulation/obligations/", ["owed_by_unit"]),
    ],
)
def test_every_big_table_filter_is_a_search_select(admin_client, url, names):
    html = admin_client.get(url).content.decode()
    for name in names:
        assert len(options(html, name)) <= 2, name  # 전체 (and a filter's "없음")
        assert f'name="{name}{SEARCH_SUFFIX}"' in html


def test_a_filters_none_choice_stays(admin_client):
    html = admin_client.get("/regulation/obligations/", {"owed_by_unit": "null"}).content.decode()
    rendered = select_html(html, "owed_by_unit")
    assert '<option value="null" selected data-keep="">부서 없음</option>' in rendered


def test_small_tables_keep_their_plain_select(admin_client):
    html = admin_client.get("/accounts/org-units/").content.decode()
    assert "data-search-select" not in select_html(html, "organization")
    assert 'name="organization__search"' not in html


def test_agenda_form_searches_projects_and_units(demo):
    from itms.governance.forms import AgendaItemForm
    from itms.governance.models import Body
    from itms.projects.models import Project

    body = Body.objects.get(name="정보화추진위원회")
    with CaptureQueriesContext(connection) as ctx:
        html = AgendaItemForm(body=body, prefix="item").as_div()
    assert not [q for q in ctx.captured_queries if "projects_project" in q["sql"] or "accounts_orgunit" in q["sql"]]
    assert len(options(html, "item-project")) == 1
    assert len(options(html, "item-proposing_unit")) == 1
    assert 'data-search-url="/api/projects/projects/"' in html

    project = Project.objects.get(code="2027-CLP-001")
    form = AgendaItemForm(
        {"item-kind": "a4.5.2", "item-title": "안건", "item-project__search": project.code},
        body=body,
        prefix="item",
    )
    form.is_valid()
    assert form.cleaned_data.get("project") == project, form.errors


# --- estimated counts -----------------------------------------------------------------------------------------
def test_an_unfiltered_list_of_a_big_table_is_counted_by_estimate(admin_client, monkeypatch):
    monkeypatch.setattr(pagination, "table_estimate", lambda queryset: 1_234_567)
    pagination.clear_estimates()
    response = admin_client.get("/audit/legal-events/")
    assert response.context["table"].paginator.count == 1_234_567
    assert "약 1234567건" in response.content.decode() or "약 1,234,567건" in response.content.decode(), re.findall(
        r'data-testid="row-count">[^<]*<', response.content.decode()
    )
    with CaptureQueriesContext(connection) as ctx:
        admin_client.get("/audit/legal-events/")
    assert not [q for q in ctx.captured_queries if "COUNT(" in q["sql"].upper() and "audit_legalevent" in q["sql"]]

    api = admin_client.get("/api/audit/legal-events/").json()
    assert api["count"] == 1_234_567

    # Filtered, or under the threshold: counted exactly.
    filtered = admin_client.get("/audit/legal-events/", {"q": "없는검색어xyz"})
    assert filtered.context["table"].paginator.count == 0
    monkeypatch.setattr(pagination, "table_estimate", lambda queryset: 99)
    pagination.clear_estimates()
    response = admin_client.get("/audit/legal-events/")
    assert response.context["table"].paginator.count == LegalEvent.objects.count()


def test_only_whole_table_queries_may_be_estimated(user_of):
    assert pagination.counts_whole_table(LegalEvent.objects.all())
    assert pagination.counts_whole_table(Position.objects.select_related("unit").order_by("title"))
    assert not pagination.counts_whole_table(LegalEvent.objects.filter(pk__gt=1))
    assert not pagination.counts_whole_table(Position.objects.restrict(user_of("sponsor"), "view").none())
    assert not pagination.counts_whole_table(OrgUnit.objects.distinct())
    assert not pagination.counts_whole_table(OrgUnit.objects.all()[:10])
    if connection.vendor != "postgresql":
        assert pagination.table_estimate(LegalEvent.objects.all()) is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_class: PostgreSQL only")
def test_the_estimate_is_postgresqls_planner_count():
    pagination.clear_estimates()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE audit_legalevent")
    exact = LegalEvent.objects.count()
    estimate = pagination.table_estimate(LegalEvent.objects.all())
    assert estimate is not None
    assert abs(estimate - exact) <= max(10, exact // 10)
    assert pagination.estimated_count(LegalEvent.objects.all()) is None  # under the threshold: counted exactly


# --- bounded queries ------------------------------------------------------------------------------------------
def test_committee_list_queries_do_not_grow_with_bodies(admin_client):
    from itms.governance.models import Body

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert admin_client.get("/governance/bodies/").status_code == 200
        return len(ctx.captured_queries)

    before = queries()
    template = Body.objects.exclude(chair_position=None).exclude(secretary_position=None).first()
    positions = list(Position.objects.select_related("unit")[:10])
    for i, position in enumerate(positions):
        Body.objects.create(
            kind=template.kind,
            name=f"시험 협의회 {i}",
            chair_position=position,
            secretary_position=positions[-1 - i],
        )
    assert queries() <= before


def test_obligation_subject_type_choices_need_no_query():
    from itms.regulation.filtersets import ObligationFilterSet

    with CaptureQueriesContext(connection) as ctx:
        choices = dict(ObligationFilterSet().form.fields["subject_type"].choices)
    assert not [q for q in ctx.captured_queries if "regulation_obligation" in q["sql"]]
    assert choices["projects.project"] == "정보화사업"
    assert ContentType.objects.get_for_model(Position).model == "position"


def test_edit_forms_search_big_tables_too(admin_client):
    """The 보직 form over 300+ users renders a search box, and a typed name still saves (no JavaScript)."""
    many_users(300)
    html = admin_client.get(f"{ASSIGNMENTS}add/").content.decode()
    assert len(options(html, "user")) < 5
    assert f'name="user{SEARCH_SUFFIX}"' in html

    person = User.objects.get(username="bulk0007")
    position = Position.objects.filter(is_head=False).order_by("pk").first()
    response = admin_client.post(
        f"{ASSIGNMENTS}add/",
        {f"user{SEARCH_SUFFIX}": "bulk0007", "position": position.pk, "kind": "concurrent", "start_date": "2026-12-01"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Assignment.objects.filter(user=person, position=position).exists()

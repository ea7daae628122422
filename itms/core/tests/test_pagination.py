"""Pages of big lists (issue 12): keyset pages, deep offsets by primary key, bounded counts, one estimate."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from itms.accounts.models import Assignment, User, UserKind
from itms.audit.chain import record_event
from itms.audit.models import LegalEvent, LegalEventKind
from itms.core import pagination
from itms.regulation.models import Obligation

pytestmark = pytest.mark.django_db

EVENTS = "/audit/legal-events/"


@pytest.fixture
def events(db):
    for i in range(130):
        record_event(kind=LegalEventKind.TRANSITION, summary=f"쪽 넘김 시험 {i:03d}", clause_ids=["a8.5"])
    return list(LegalEvent.objects.order_by("-seq").values_list("pk", flat=True))


def rows_of(response) -> list[int]:
    return [row.record.pk for row in response.context["table"].paginated_rows]


def test_order_keys_end_on_a_unique_key():
    assert pagination.order_keys(Obligation.objects.all()) == [("due_date", False), ("id", False)]
    assert pagination.order_keys(LegalEvent.objects.all()) == [("seq", True)]
    assert pagination.order_keys(Assignment.objects.order_by("-start_date")) == [("start_date", True), ("id", True)]
    assert pagination.order_keys(Assignment.objects.order_by("user__name")) is None  # through a relation


def test_a_keyset_walk_reads_every_row_once_forwards_and_back(events):
    queryset = LegalEvent.objects.all()
    seen, cursor, pages = [], None, []
    while True:
        page = pagination.keyset_page(queryset, cursor, 50)
        seen += [e.pk for e in page.records]
        pages.append(page)
        if not page.has_next:
            break
        cursor = page.next_cursor
    assert seen == list(queryset.values_list("pk", flat=True))
    assert not pages[0].has_previous and pages[1].has_previous
    back = pagination.keyset_page(queryset, pages[-1].previous_cursor, 50)
    assert [e.pk for e in back.records] == [e.pk for e in pages[-2].records]


def test_a_keyset_walk_over_ties_in_the_first_key(db):
    users = User.objects.bulk_create(
        User(username=f"tie{i:03d}", name="같은이름", kind=UserKind.STAFF) for i in range(23)
    )
    queryset = User.objects.filter(pk__in=[u.pk for u in users]).order_by("name")
    seen, cursor = [], None
    while True:
        page = pagination.keyset_page(queryset, cursor, 5)
        seen += [u.pk for u in page.records]
        if not page.has_next:
            break
        cursor = page.next_cursor
    assert seen == sorted(u.pk for u in users)


def test_a_cursor_at_an_offset_starts_where_the_offset_does(events):
    queryset = LegalEvent.objects.all()
    cursor = pagination.cursor_at(queryset, 100)
    assert [e.pk for e in pagination.keyset_page(queryset, cursor, 50).records] == events[100:150]


def test_a_deep_page_reads_the_same_rows_through_primary_keys(events):
    queryset = LegalEvent.objects.all()
    assert pagination.deferred_slice(queryset, 0, 20) == list(queryset[0:20])
    with override_settings():
        pagination.DEFERRED_FROM, old = 10, pagination.DEFERRED_FROM
        try:
            with CaptureQueriesContext(connection) as ctx:
                rows = pagination.deferred_slice(queryset, 60, 110)
        finally:
            pagination.DEFERRED_FROM = old
    assert [e.pk for e in rows] == events[60:110]
    assert len(ctx.captured_queries) == 1 and "IN (SELECT" in ctx.captured_queries[0]["sql"].upper()


def test_a_big_list_pages_by_keyset_with_next_and_previous_links(admin_client, events, big):
    first = admin_client.get(EVENTS, {"per_page": 50})
    html = first.content.decode()
    assert rows_of(first) == events[:50]
    assert 'data-testid="keyset-pager"' in html and "다음 쪽" in html
    next_url = re.search(r'rel="next" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    second = admin_client.get(EVENTS + next_url)
    assert rows_of(second) == events[50:100]
    previous_url = re.search(r'rel="prev" href="([^"]+)"', second.content.decode()).group(1).replace("&amp;", "&")
    assert rows_of(admin_client.get(EVENTS + previous_url)) == events[:50]
    # A numbered page still answers (old links): read through primary keys.
    assert rows_of(admin_client.get(EVENTS, {"page": 2, "per_page": 50})) == events[50:100]


def test_a_cursor_keeps_the_filter_and_refuses_another_order(admin_client, events, big):
    html = admin_client.get(EVENTS, {"q": "쪽 넘김", "per_page": 50}).content.decode()
    next_url = re.search(r'rel="next" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert "q=" in next_url
    cursor = re.search(r"cursor=([^&]+)", next_url).group(1)
    assert admin_client.get(EVENTS, {"cursor": cursor, "sort": "kind"}).status_code == 400
    assert admin_client.get(EVENTS, {"cursor": "!!not-a-cursor"}).status_code == 400


def test_the_api_over_a_big_table_answers_by_cursor(admin_client, events, big):
    first = admin_client.get("/api/audit/legal-events/").json()
    assert first["count"] == 2_000_000 and "cursor=" in first["next"] and first["previous"] is None
    second = admin_client.get(first["next"]).json()
    assert [r["id"] for r in first["results"]] + [r["id"] for r in second["results"]] == events[:100]
    assert admin_client.get(second["previous"]).json()["results"] == first["results"]
    numbered = admin_client.get("/api/audit/legal-events/", {"page": 2}).json()
    assert [r["id"] for r in numbered["results"]] == events[50:100]
    bad = admin_client.get("/api/audit/legal-events/", {"cursor": "xyz"})
    assert bad.status_code == 400 and bad.json()["code"]


def test_a_filtered_big_list_is_counted_up_to_the_cap(admin_client, events, big, settings):
    settings.ITMS_SEARCH_COUNT_CAP = 40
    response = admin_client.get(EVENTS, {"q": "쪽 넘김", "_count": "1"})  # the count in the page (no JavaScript)
    assert response.context["table"].paginator.count == 40 and response.context["table"].paginator.capped
    assert "40건 이상" in response.content.decode()
    api = admin_client.get("/api/audit/legal-events/", {"q": "쪽 넘김"}).json()
    assert api["count"] == 40 and api["count_capped"] is True
    settings.ITMS_COUNT_CAP = 100
    response = admin_client.get(EVENTS, {"kind": LegalEventKind.TRANSITION})
    assert response.context["table"].paginator.count == 100 and response.context["table"].paginator.capped
    settings.ITMS_COUNT_CAP = 10_000
    response = admin_client.get(EVENTS, {"kind": LegalEventKind.TRANSITION})
    exact = LegalEvent.objects.filter(kind=LegalEventKind.TRANSITION).count()
    assert response.context["table"].paginator.count == exact and not response.context["table"].paginator.capped


def test_a_keyset_page_of_a_big_search_is_shown_before_its_count(admin_client, events, big, settings):
    """Counting what matches in a million legal events reads every match (26 ms): the page answers first, and
    asks for its count once shown; the count is the same as counted in the page."""
    settings.ITMS_SEARCH_COUNT_CAP = 40
    with CaptureQueriesContext(connection) as ctx:
        response = admin_client.get(EVENTS, {"q": "쪽 넘김"})
    html = response.content.decode()
    assert not [q for q in ctx.captured_queries if "COUNT(" in q["sql"].upper() and "audit_legalevent" in q["sql"]]
    link = re.search(r'data-testid="row-count" href="([^"]+)" hx-get="([^"]+)" hx-trigger="load"', html)
    assert link and link.group(1) == link.group(2) and "_count=1" in link.group(1) and "q=" in link.group(1)
    assert rows_of(response) == events[:50]
    count = admin_client.get(link.group(1).replace("&amp;", "&"), headers={"HX-Request": "true"})
    assert count.status_code == 200
    assert count.content.decode().strip().endswith(">40건 이상</span>") and "<table" not in count.content.decode()
    # An unfiltered big list is counted by the estimate, in the page; so is a numbered page.
    whole = admin_client.get(EVENTS).content.decode()
    assert 'data-testid="row-count">약 2,000,000건</span>' in whole
    assert "40건 이상" in admin_client.get(EVENTS, {"q": "쪽 넘김", "page": 1}).content.decode()


def test_a_search_is_counted_through_its_indexes_and_the_setting_is_restored(events, big):
    from itms.core.search import text_search

    found = text_search(LegalEvent.objects.all(), ("summary",), "쪽 넘김")
    assert pagination.bounded_count(found, 1001, by_index=True) == 130
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            assert cursor.fetchone()[0] == "on"


def test_a_search_of_a_mid_sized_table_is_counted_up_to_the_cap(admin_client, events, monkeypatch, settings):
    """60,000 assets are below the size at which a plain list is bounded, but a search reads every row it counts."""
    monkeypatch.setattr(pagination, "table_estimate", lambda queryset: 60_000)
    pagination.clear_estimates()
    settings.ITMS_SEARCH_COUNT_CAP = 40
    api = admin_client.get("/api/audit/legal-events/", {"q": "쪽 넘김"}).json()
    assert api["count"] == 40 and api["count_capped"] is True
    plain = admin_client.get("/api/audit/legal-events/", {"kind": LegalEventKind.TRANSITION}).json()
    assert "count_capped" not in plain  # a plain filter under ITMS_COUNT_ESTIMATE_ABOVE is counted exactly
    settings.ITMS_SEARCH_BOUNDED_ABOVE = 100_000
    pagination.clear_estimates()
    exact = admin_client.get("/api/audit/legal-events/", {"q": "쪽 넘김"}).json()
    assert exact["count"] == 130 and "count_capped" not in exact
    pagination.clear_estimates()


def test_a_term_shorter_than_a_trigram_is_counted_by_a_scan_that_stops(events, big, monkeypatch):
    """ "서버" has no trigram to look up: forcing the indexes would read every index entry (0.14 s vs 3 ms)."""
    from itms.core.search import text_search

    asked = []
    real = pagination.bounded_count
    monkeypatch.setattr(
        pagination, "bounded_count", lambda qs, limit, by_index=False: asked.append(by_index) or real(qs, limit)
    )
    for term in ("넘김", "쪽 넘김"):
        paginator = pagination.EstimatedCountPaginator(text_search(LegalEvent.objects.all(), ("summary",), term), 50)
        assert paginator.count == 130
    assert asked == [False, True]


def test_an_estimate_at_the_cut_off_stands_in_for_the_count(monkeypatch):
    """Exactly ITMS_COUNT_ESTIMATE_ABOVE rows (100,000 obligations at scale 1.0) was counted with COUNT(*)."""
    monkeypatch.setattr(pagination, "table_estimate", lambda queryset: pagination.estimate_threshold())
    pagination.clear_estimates()
    assert pagination.estimated_count(Obligation.objects.all()) == pagination.estimate_threshold()
    pagination.clear_estimates()


def test_a_list_reads_the_estimate_once_and_counts_once(admin_client, monkeypatch):
    calls = []

    def estimate(queryset):
        calls.append(queryset.model)
        return None

    monkeypatch.setattr(pagination, "table_estimate", estimate)
    pagination.clear_estimates()
    with CaptureQueriesContext(connection) as ctx:
        assert admin_client.get("/accounts/assignments/", {"q": "정보"}).status_code == 200
    assert calls.count(Assignment) <= 1
    counts = [q for q in ctx.captured_queries if "COUNT(" in q["sql"].upper() and "accounts_assignment" in q["sql"]]
    assert len(counts) == 1, [q["sql"][:120] for q in counts]
    calls.clear()
    admin_client.get("/accounts/assignments/", {"q": "정보"})
    assert Assignment not in calls  # read within the minute: not again
    pagination.clear_estimates()


def test_a_list_resolves_the_users_roles_once(client_of, monkeypatch):
    """request.user is a lazy wrapper: the roles were cached on it and on the user behind it, so resolved twice."""
    from itms.accounts import directory

    calls = []
    original = directory.displaced_positions

    def counting(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(directory, "displaced_positions", counting)
    assert client_of("sponsor").get("/regulation/obligations/").status_code == 200
    assert len(calls) == 1


def test_a_big_list_sorts_only_on_indexed_columns(admin_client, big):
    """Sorting 100,000 obligations by title would read and sort them all: only indexed columns sort."""
    html = admin_client.get("/regulation/obligations/").content.decode()
    assert "sort=due_date" in html or "sort=-due_date" in html
    assert "sort=title" not in html and "sort=subject_repr" not in html
    pagination.clear_estimates()


def test_a_small_list_sorts_on_every_column(admin_client):
    pagination.clear_estimates()
    html = admin_client.get("/regulation/obligations/").content.decode()
    assert "sort=title" in html

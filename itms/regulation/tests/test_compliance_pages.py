"""준수현황 and 기한 달력: open / due soon / overdue deadlines by unit, role and clause, each number
opening the list behind it, an XLSX export, aggregate queries only; and the calendar's JSON feed."""

import datetime as dt
import io
from urllib.parse import parse_qs, urlparse

import openpyxl
import pytest
from django.test import Client

from itms.accounts.roles import Role
from itms.core import calendar_sources
from itms.regulation import legal_calendar
from itms.regulation.calendar_sources import EVENT_COLOURS
from itms.regulation.models import Obligation
from itms.regulation.rules import param
from itms.testing.suites import count_queries

from .helpers import IMPACT_REVIEW, TODAY, obligation, unit

pytestmark = pytest.mark.django_db
DASHBOARD = "/regulation/compliance/"
EVENTS = "/regulation/calendar/events/"


@pytest.fixture(autouse=True)
def _only_these_obligations(db):
    Obligation.objects.all().delete()


def _soon() -> dt.date:
    return legal_calendar.add_working_days(TODAY, int(param("due_soon_working_days").value))


def _portfolio():
    """Two overdue reviews at 데이터담당관, one due soon there, one open at 통관기획과, one planning duty."""
    for days in (30, 40):
        obligation(
            kind=IMPACT_REVIEW.key,
            start=TODAY - dt.timedelta(days=days),
            owed_by_unit=unit("KCS-DAT"),
            title=f"영향도 검토 {days}",
        )
    obligation(due=_soon(), owed_by_unit=unit("KCS-DAT"), owed_by_role=Role.IT_DEPARTMENT_HEAD, title="임박 회신")
    obligation(due=TODAY + dt.timedelta(days=60), owed_by_unit=unit("KCS-CLP"), title="통관 회신")
    obligation(due=TODAY + dt.timedelta(days=60), title="기획 회신")  # 정보기획담당관, no unit


def _row(section_rows, label):
    return next(r for r in section_rows if r["label"] == label)


def _sections(response) -> dict:
    return {key: rows for key, _title, _heading, rows, _additive in response.context["sections"]}


def test_a8_5_dashboard_counts_open_due_soon_and_overdue_by_unit_role_and_clause(client_of):
    _portfolio()
    response = client_of("cio").get(DASHBOARD)
    assert response.status_code == 200
    assert response.context["totals"] == {"open": 5, "due_soon": 1, "overdue": 2}
    sections = _sections(response)

    def counts(section, label):
        row = _row(sections[section], label)["counts"]
        return (row["open"], row["due_soon"], row["overdue"])

    assert counts("unit", "데이터담당관") == (3, 1, 2)
    assert counts("unit", "통관기획과") == (1, 0, 0)
    assert counts("unit", "부서 없음") == (1, 0, 0)
    assert counts("role", "정보화부서장") == (3, 1, 2)
    assert counts("role", "정보기획담당관") == (1, 0, 0)
    assert counts("role", "부서장") == (1, 0, 0)  # a unit's duty is its head's
    a8_5 = _row(sections["clause"], "제8조제5항")["counts"]
    assert (a8_5["open"], a8_5["due_soon"], a8_5["overdue"]) == (5, 1, 2)
    a8_4 = _row(sections["clause"], "제8조제4항")["counts"]
    assert (a8_4["open"], a8_4["overdue"]) == (2, 2)
    html = response.content.decode()
    assert "데이터담당관" in html and "제8조제5항" in html


def test_every_dashboard_number_links_to_the_list_that_shows_exactly_those_deadlines(client_of):
    _portfolio()
    client = client_of("cio")
    response = client.get(DASHBOARD)
    checked = 0
    for rows in _sections(response).values():
        for row in rows:
            for key in ("open", "due_soon", "overdue"):
                url = row["links"][key]
                listing = client.get(url)
                assert listing.status_code == 200, url
                assert listing.context["table"].paginator.count == row["counts"][key], (row["label"], key, url)
                checked += 1
    assert checked >= 15
    status = parse_qs(urlparse(response.context["total_links"]["overdue"]).query)["status"]
    assert status == ["overdue"]


def test_dashboard_counts_only_what_the_official_may_see(client_of):
    _portfolio()
    response = client_of("sponsor").get(DASHBOARD)  # 통관기획과 staff
    assert response.context["totals"] == {"open": 1, "due_soon": 0, "overdue": 0}
    assert [r["label"] for r in _sections(response)["unit"]] == ["통관기획과"]


def test_dashboard_queries_are_aggregate_and_do_not_grow_with_deadlines(client_of):
    client = client_of("cio")
    _portfolio()
    first = count_queries(lambda: client.get(DASHBOARD))
    for i in range(20):
        obligation(due=TODAY - dt.timedelta(days=i + 1), owed_by_unit=unit("KCS-IMP"), title=f"추가 {i}")
    second = count_queries(lambda: client.get(DASHBOARD))
    assert second <= first <= 20


def test_dashboard_exports_xlsx_with_korean_headers(client_of):
    _portfolio()
    response = client_of("cio").get(DASHBOARD, {"_export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["부서별", "역할별", "조항별"]
    units = book["부서별"]
    assert [c.value for c in units[1]] == ["부서", "진행 중", "기한 임박", "기한 경과"]
    rows = {r[0].value: [c.value for c in r[1:4]] for r in units.iter_rows(min_row=2)}
    assert rows["데이터담당관"] == [3, 1, 2]
    assert rows["합계"] == [5, 1, 2]
    assert book["조항별"]["A1"].value == "근거 조항"


@pytest.mark.parametrize(("username", "status"), [("vendor", 403), ("expert", 403), (None, 302)])
def test_dashboard_and_calendar_are_not_for_vendors_and_experts(client_of, username, status):
    client = client_of(username) if username else Client()
    for url in (DASHBOARD, "/regulation/calendar/", f"{EVENTS}?start=2026-11-01&end=2026-12-01"):
        assert client.get(url).status_code == status, url


# --- 기한 달력 -------------------------------------------------------------------------------------------
def test_calendar_page_loads_fullcalendar_from_static_without_inline_script(client_of):
    html = client_of("sponsor").get("/regulation/calendar/").content.decode()
    assert "/static/vendor/fullcalendar/index.global.min.js" in html
    assert "/static/vendor/fullcalendar/locales/ko.global.min.js" in html
    assert "/static/js/calendar.js" in html
    assert 'data-events-url="/regulation/calendar/events/"' in html
    scripts = html.split("<script")[1:]
    assert all(" src=" in s.split(">")[0] for s in scripts), "inline script"


def test_calendar_feed_returns_visible_deadlines_in_range_coloured_by_status(client_of):
    _portfolio()
    obligation(due=TODAY + dt.timedelta(days=400), owed_by_unit=unit("KCS-DAT"), title="먼 기한")
    start, end = TODAY - dt.timedelta(days=60), TODAY + dt.timedelta(days=90)
    events = client_of("itdept").get(EVENTS, {"start": f"{start}T00:00:00+09:00", "end": f"{end}T00:00:00+09:00"})
    assert events.status_code == 200
    by_title = {e["title"]: e for e in events.json() if e["extendedProps"]["type"] == "obligation"}  # not meetings
    assert set(by_title) == {"영향도 검토 30", "영향도 검토 40", "임박 회신"}  # 통관·기획 are not theirs
    assert by_title["영향도 검토 30"]["color"] == EVENT_COLOURS["red"]
    assert by_title["영향도 검토 30"]["extendedProps"]["statusLabel"] == "기한 경과"
    assert by_title["임박 회신"]["color"] == EVENT_COLOURS["orange"]
    assert by_title["임박 회신"]["allDay"] is True
    assert by_title["임박 회신"]["url"].startswith("/regulation/obligations/")


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"start": "2026-11-01"},
        {"start": "2026-02-30", "end": "2026-03-10"},
        {"start": "2026-12-01", "end": "2026-11-01"},
        {"start": "2020-01-01", "end": "2026-01-01"},
    ],
)
def test_calendar_feed_refuses_a_missing_or_impossible_range_in_korean(client_of, query):
    response = client_of("sponsor").get(EVENTS, query)
    assert response.status_code == 400
    assert "기간" in response.json()["detail"] or "YYYY-MM-DD" in response.json()["detail"]


def test_calendar_feed_merges_registered_event_sources_and_query_count_does_not_grow(client_of):
    client = client_of("itplan")
    query = {"start": (TODAY - dt.timedelta(days=31)).isoformat(), "end": (TODAY + dt.timedelta(days=31)).isoformat()}
    obligation(due=TODAY + dt.timedelta(days=3))
    first = count_queries(lambda: client.get(EVENTS, query))
    for i in range(15):
        obligation(due=TODAY + dt.timedelta(days=i))
    assert count_queries(lambda: client.get(EVENTS, query)) <= first

    def meetings(user, start, end):
        return [{"id": "meeting-1", "title": "정보화추진위원회", "start": start.isoformat(), "allDay": True}]

    before = len(client.get(EVENTS, query).json())  # 16 deadlines and the demo's meetings (governance's source)
    calendar_sources.register_calendar_source(meetings)
    try:
        titles = [e["title"] for e in client.get(EVENTS, query).json()]
    finally:
        calendar_sources.CALENDAR_SOURCES.remove(meetings)
    assert "정보화추진위원회" in titles and len(titles) == before + 1

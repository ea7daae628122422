"""Clause ids and dates as a person reads them (issue 10, point 5): 제4조제8항, never "a4.8"; 2026. 12. 31.(목)
everywhere — tables, the directive's history, the deadline line of a cycle, the calendar's meetings and deadlines."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.template import Context, Template
from django.utils import timezone

from itms.audit.models import LegalEvent
from itms.core.formats import format_date
from itms.governance.models import Meeting
from itms.planning.models import PlanningCycle

TAGS = re.compile(r"<script.*?</script>|<[^>]+>", re.S)
RAW_CLAUSE = re.compile(r"(?<![\w.#/-])a\d+(?:\.\d+)+\b")
KOREAN_DATE = r"\d{4}\. \d{1,2}\. \d{1,2}\.\([월화수목금토일]\)"


def shown_text(response) -> str:
    """What a reader sees: the text between the tags (ids in href/data-* attributes are for links)."""
    assert response.status_code == 200
    return html.unescape(TAGS.sub(" ", response.content.decode()))


@pytest.mark.parametrize(
    ("username", "url"),
    [
        ("sponsor", "/regulation/directive/"),  # the permalink beside each clause was its id
        ("itplan", "/regulation/compliance/"),  # the by-clause table printed the id after the label
        ("admin", "/audit/legal-events/"),  # the chain's clause column printed the JSON list
    ],
)
def test_pages_show_clause_labels_not_raw_ids(client_of, username, url):
    text = shown_text(client_of(username).get(url))
    assert RAW_CLAUSE.findall(text) == []
    assert re.search(r"제\d+조(제\d+항)?", text)


def test_a_legal_events_detail_shows_its_clauses_as_labels_linked_to_the_text(admin_client):
    event = LegalEvent.objects.exclude(clause_ids=[]).first()
    page = admin_client.get(f"/audit/legal-events/{event.pk}/")
    assert RAW_CLAUSE.findall(shown_text(page)) == []
    first = event.clause_ids[0]
    assert f'href="/regulation/directive/#{first}"' in page.content.decode()


def test_directive_amendment_history_in_korean_dates(client_of):
    text = shown_text(client_of("sponsor").get("/regulation/directive/"))
    assert "2008. 1. 28.(월)" in text and "2008-01-28" not in text


def test_table_dates_carry_the_weekday_also_in_the_short_format():
    """django-tables2's date columns default to SHORT_DATE_FORMAT, which had no weekday (2026. 12. 3.)."""
    rendered = Template('{{ day|date:"SHORT_DATE_FORMAT" }}|{{ moment|date:"SHORT_DATETIME_FORMAT" }}').render(
        Context({"day": dt.date(2026, 12, 31), "moment": dt.datetime(2026, 12, 31, 14, 5)})
    )
    assert rendered == "2026. 12. 31.(목)|2026. 12. 31.(목) 14:05"


def test_a9_1_the_cycle_boards_default_deadline_is_a_korean_date_from_the_rule_pack(client_of):
    cycle = PlanningCycle.objects.filter(detailed_plan_due__isnull=True).first()
    text = shown_text(client_of("itplan").get(cycle.get_absolute_url()))
    due = dt.date(cycle.year - 1, 12, 31)
    assert f"{format_date(due)} (훈령 기본값)" in text  # was "2026년 12월 31일 (훈령 기본값)"


# --- the calendar: meetings beside the deadlines ------------------------------------------------------------------
EVENTS = "/regulation/calendar/events/"


def test_a4_6_meetings_are_on_the_calendar_with_the_deadlines(client_of):
    meeting = Meeting.objects.order_by("scheduled_at").first()
    day = timezone.localtime(meeting.scheduled_at).date()
    query = {"start": (day - dt.timedelta(days=20)).isoformat(), "end": (day + dt.timedelta(days=20)).isoformat()}
    events = client_of("itplan").get(EVENTS, query).json()
    kinds = {e["extendedProps"]["type"] for e in events}
    assert kinds == {"meeting", "obligation"}
    shown = next(e for e in events if e["id"] == f"meeting-{meeting.pk}")
    assert shown["title"] == str(meeting) and shown["allDay"] is False and shown["url"] == meeting.get_absolute_url()
    assert re.fullmatch(f"일시: {KOREAN_DATE} \\d\\d:\\d\\d", shown["extendedProps"]["when"])
    assert shown["extendedProps"]["statusLabel"] == meeting.get_state_display()
    deadline = next(e for e in events if e["extendedProps"]["type"] == "obligation")
    assert re.fullmatch(f"기한: {KOREAN_DATE}", deadline["extendedProps"]["when"])
    legend = client_of("itplan").get("/regulation/calendar/").content.decode()
    assert '<span class="badge text-white legend-purple">회의</span>' in legend


def test_a_cancelled_meeting_stays_on_the_calendar_greyed(client_of):
    from itms.governance.calendar_sources import CANCELLED_COLOUR

    meeting = Meeting.objects.order_by("scheduled_at").first()
    Meeting.objects.filter(pk=meeting.pk).update(state="cancelled")
    day = timezone.localtime(meeting.scheduled_at).date()
    events = client_of("itplan").get(EVENTS, {"start": day.isoformat(), "end": (day + dt.timedelta(1)).isoformat()})
    shown = next(e for e in events.json() if e["id"] == f"meeting-{meeting.pk}")
    assert shown["color"] == CANCELLED_COLOUR and shown["extendedProps"]["statusLabel"] == "취소"

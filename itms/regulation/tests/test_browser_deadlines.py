"""Deadlines in a real chromium: the calendar draws them in their status colours from the local
FullCalendar, a click opens the deadline, the 정보기획담당관 waives it; the calculator answers in
place (htmx) — and nothing leaves 127.0.0.1, no console error."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from itms.regulation.calendar_sources import EVENT_COLOURS
from itms.regulation.models import Obligation
from itms.testing.browser import login, needs_chromium, shot

from .helpers import TODAY, obligation, unit

pytest_plugins = ["itms.testing.browser"]
pytestmark = [pytest.mark.browser, needs_chromium]


def test_a8_5_calendar_shows_an_overdue_deadline_in_red_and_the_planning_officer_waives_it(page, page_log):
    Obligation.objects.all().delete()
    overdue = obligation(due=TODAY - dt.timedelta(days=1), owed_by_unit=unit("KCS-DAT"), title="데이터 표준 점검 회신")
    obligation(due=TODAY + dt.timedelta(days=20), owed_by_unit=unit("KCS-CLP"), title="통관 회신")
    login(page, "itplan")

    page.goto("/regulation/calendar/")
    event = page.locator(".fc-event", has_text="데이터 표준 점검 회신")
    event.wait_for()
    assert re.fullmatch(r"\d{4}\. \d{1,2}\.", page.locator(".fc-toolbar-title").inner_text())  # 2026. 12.
    colour = event.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour == "rgb(214, 57, 57)", colour  # EVENT_COLOURS["red"]
    assert EVENT_COLOURS["red"] == "#d63939"
    shot(page, "calendar")

    with page.expect_navigation():
        event.click()
    assert page.url.endswith(overdue.get_absolute_url())
    assert "기한 경과" in page.locator("[data-status]").first.inner_text()
    page.fill("textarea[name=reason]", "표준 개정으로 점검 대상이 없어짐")
    with page.expect_navigation():
        page.click("[data-testid=waive-form] button[type=submit]")
    assert page.locator("[data-status=waived]").first.is_visible()
    shot(page, "waived")
    page_log.assert_clean()


def test_calculator_answers_in_place_with_the_holidays_in_between(page, page_log):
    login(page, "sponsor")
    page.goto("/regulation/calculator/")
    page.fill("input[name=date]", "2026-09-10")
    page.fill("input[name=days]", "14")
    page.click('form[aria-label="기한 계산 조건"] button[type=submit]')
    page.locator("[data-testid=result-date]").wait_for()
    assert page.locator("[data-testid=result-date]").inner_text() == "2026. 9. 28.(월)"
    assert "추석" in page.locator("[data-testid=holidays-between]").inner_text()
    assert "date=2026-09-10" in page.url  # htmx pushed the query: the answer can be shared
    shot(page, "calculator")
    page.fill("input[name=days]", "-1")
    page.click('form[aria-label="기한 계산 조건"] button[type=submit]')
    page.locator("[data-testid=calculator-errors]").wait_for()
    assert "0일 이상" in page.locator("[data-testid=calculator-errors]").inner_text()
    page_log.assert_clean()

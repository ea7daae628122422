"""The list pages on a phone, the calendar and the portfolio charts, in a real chromium (issue 10, points 8 and 9).

At 375 px a list page keeps its title and buttons apart (the buttons wrap under the title), folds its filters
behind one button and shows the first row of the table on the first screen. The calendar shows the meetings and
the deadlines together with dates written 2026. 12. 31.(목); the portfolio's money axes are in 억원/만원 and its
counts are whole. Screenshots: artifacts/screenshots/<test>/ and the chosen ones in docs/screenshots/.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from itms.testing.browser import login, needs_chromium, shot

pytest_plugins = ["itms.testing.browser"]
pytestmark = [pytest.mark.browser, needs_chromium]

DOCS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
PHONE = {"width": 375, "height": 812}  # an iPhone X/11 Pro class screen, CSS pixels
KOREAN_DATE = re.compile(r"^\d{4}\. \d{1,2}\. \d{1,2}\.\([월화수목금토일]\)$")


def keep(path: Path, name: str) -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, DOCS / name)


def _overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_a_list_page_on_a_phone_shows_title_buttons_and_the_first_row_without_overlap(page, page_log):
    page.set_viewport_size(PHONE)
    login(page, "sponsor")
    page.goto("/projects/projects/")

    # The title and every header button are apart, and nothing is wider than the screen.
    title = page.locator("h1.page-title").bounding_box()
    buttons = page.locator("[data-testid=list-actions] .btn")
    assert buttons.count() >= 2
    for n in range(buttons.count()):
        box = buttons.nth(n).bounding_box()
        assert not _overlap(title, box), f"제목과 '{buttons.nth(n).inner_text()}' 단추가 겹칩니다: {title} {box}"
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], f"단추가 화면 밖입니다: {box}"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "가로로 밀리는 화면"

    # The filters are folded behind one button; the search box stays.
    fields = page.locator("[data-testid=filter-fields]")
    toggle = page.locator("[data-testid=filter-toggle]")
    assert not fields.is_visible() and toggle.is_visible()
    assert page.locator("[data-testid=filters] input[name=q]").is_visible()

    # The table comes first: its first row is on the first screen.
    first_row = page.locator("#object-table table tbody tr").first
    row = first_row.bounding_box()
    assert first_row.is_visible() and row["y"] + row["height"] <= PHONE["height"], f"첫 행이 첫 화면 밖: {row}"
    keep(shot(page, "phone-project-list"), "phone-list.png")

    # One tap opens the conditions (all of them), another folds them again.
    toggle.click()
    fields.locator("select").first.wait_for(state="visible")
    assert fields.locator("label").count() >= 8
    assert toggle.get_attribute("aria-expanded") == "true"
    shot(page, "phone-project-list-filters-open", full_page=True)
    page.locator("[data-testid=filter-fields].collapse.show").wait_for()  # Bootstrap ignores a tap mid-animation
    toggle.click()
    fields.wait_for(state="hidden")
    page_log.assert_clean()


def test_a4_6_a8_5_the_calendar_shows_meetings_and_deadlines_with_korean_dates(page, page_log):
    login(page, "itplan")
    page.goto("/regulation/calendar/")
    calendar = page.locator("#itms-calendar")
    calendar.locator(".fc-event").first.wait_for()
    # The demo's meetings are in the coming weeks: this month or the next.
    if calendar.locator(".fc-event[data-type=meeting]").count() == 0:
        calendar.locator(".fc-next-button").click()
        calendar.locator(".fc-event[data-type=meeting]").first.wait_for()
    assert calendar.locator(".fc-event[data-type=obligation]").count() > 0
    meeting = calendar.locator(".fc-event[data-type=meeting]").first
    tooltip = meeting.get_attribute("title")
    assert re.search(r"일시: \d{4}\. \d{1,2}\. \d{1,2}\.\([월화수목금토일]\) \d\d:\d\d", tooltip), tooltip
    assert re.fullmatch(r"\d{4}\. \d{1,2}\.", calendar.locator(".fc-toolbar-title").inner_text())
    assert re.fullmatch(r"\d\d:\d\d", meeting.locator(".fc-event-time").inner_text())
    assert "회의" in page.locator("[data-testid=calendar-legend]").inner_text()
    keep(shot(page, "calendar-month", full_page=True), "calendar-meetings-and-deadlines.png")

    calendar.locator(".fc-listMonth-button").click()
    headings = calendar.locator(".fc-list-day-text")
    headings.first.wait_for()
    assert all(KOREAN_DATE.match(text) for text in headings.all_inner_texts()), headings.all_inner_texts()
    shot(page, "calendar-list")
    page_log.assert_clean()


def test_portfolio_money_axes_are_in_eok_won_and_counts_are_whole(page, page_log):
    login(page, "itplan")
    page.goto("/planning/portfolio/")
    page.wait_for_function("() => window.Chart && Chart.getChart(document.getElementById('chart-stage'))")
    ticks = page.evaluate(
        """() => Object.fromEntries(["chart-kind", "chart-unit", "chart-stage"].map((id) => {
             const chart = Chart.getChart(document.getElementById(id));
             const axis = chart.options.indexAxis === "y" ? chart.scales.x : chart.scales.y;
             return [id, axis.ticks.map((t) => t.label)];
           }))"""
    )
    for money in ("chart-kind", "chart-unit"):
        assert ticks[money] and all(re.fullmatch(r"[\d,.]+(억원|만원|원)", t) for t in ticks[money]), ticks[money]
        assert any(t.endswith("억원") for t in ticks[money]), ticks[money]  # the demo's budgets are in 억원
    counts = [t for t in ticks["chart-stage"] if t]
    assert counts and all(re.fullmatch(r"\d+건", t) for t in counts), ticks["chart-stage"]
    page.locator("#chart-kind").scroll_into_view_if_needed()
    keep(shot(page, "portfolio-charts", full_page=True), "portfolio-charts.png")
    page_log.assert_clean()

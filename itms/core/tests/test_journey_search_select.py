"""A list filter over a big table, in the browser: type, the typeahead fills the select, choose, the table follows.

The 보직 list filters by 사용자 (thousands of rows at scale): the select starts with 전체 only, typing asks
``/api/accounts/users/?q=…`` (same origin), and choosing a match reloads the table through htmx.
Screenshots: artifacts/screenshots/test_assignment_filter_typeahead/.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from itms.accounts.models import Assignment, User
from itms.testing.browser import login, needs_chromium, shot

pytest_plugins = ["itms.testing.browser"]
pytestmark = [pytest.mark.browser, needs_chromium]


def test_assignment_filter_typeahead(page, page_log):
    person = User.objects.get(username="cio")
    expected = Assignment.objects.filter(user=person).count()
    assert expected

    login(page, "admin")
    page.goto("/accounts/assignments/")
    select = page.locator("select[name=user]")
    assert select.locator("option").count() == 1  # 전체 only

    with page.expect_response(lambda response: "/api/accounts/users/" in response.url) as answer:
        page.get_by_label("사용자 찾기", exact=True).fill(person.name)
    assert answer.value.ok
    select.locator("option", has_text=person.name).wait_for(state="attached")
    assert select.locator("option").count() < 10
    shot(page, "typeahead-matches")

    with page.expect_response(lambda response: urlsplit(response.url).path == "/accounts/assignments/"):
        select.select_option(label=str(person))
    page.locator("[data-testid=row-count]", has_text=f"{expected}건").wait_for()
    assert parse_qs(urlsplit(page.url).query).get("user") == [str(person.pk)]
    assert "user__search" not in page.url  # the box only searches; the form sends the choice
    shot(page, "filtered")
    page_log.assert_clean()


def test_a_search_over_a_big_list_shows_its_count_once_the_page_is_shown(page, page_log, big):
    """Issue 12: counting the matches of a search in a million legal events reads them all, so the page answers
    first and htmx asks for the count (``?_count=1``); the number then stands where "건수 보기" was."""
    from itms.core import registry
    from itms.core.search import text_search

    person = User.objects.get(username="cio")
    fields = registry.get(Assignment).search_fields
    expected = text_search(Assignment.objects.all(), fields, person.name).count()
    assert 0 < expected < 50
    login(page, "admin")
    with page.expect_response(lambda response: "_count=1" in response.url) as counted:
        page.goto(f"/accounts/assignments/?q={person.name}")
    assert counted.value.ok
    page.locator("span[data-testid=row-count]", has_text=f"{expected}건").wait_for()
    assert "건수 보기" not in page.locator(".card-title").first.inner_text()
    shot(page, "count-after-page")
    page_log.assert_clean()

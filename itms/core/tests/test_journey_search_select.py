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

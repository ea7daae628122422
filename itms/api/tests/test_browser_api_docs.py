"""Swagger UI in a real chromium under the strict CSP (no inline style or script): it draws the operations
from the local sidecar files, and the browser reports no CSP violation or other console error."""

from __future__ import annotations

import re

import pytest

from itms.testing.browser import login, needs_chromium, shot

pytest_plugins = ["itms.testing.browser"]
pytestmark = [pytest.mark.browser, needs_chromium]


def test_swagger_ui_draws_the_api_without_a_csp_violation(page, page_log):
    login(page, "sponsor")
    page.goto("/api/docs/")
    page.locator(".swagger-ui .info .title", has_text="정보화관리시스템 API").wait_for()
    assert page.locator("#itms-api-loading").is_hidden()  # the loading notice went once the API was drawn
    page.locator(".opblock-get .opblock-summary").first.click()  # opens the operation: parameters, responses
    page.locator(".opblock.is-open .opblock-body .responses-table").first.wait_for()
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(250, 250, 250)"  # swagger.css
    shot(page, "swagger")
    page_log.assert_clean()


def test_swagger_ui_says_in_korean_while_loading_and_when_the_schema_fails(page, page_log):
    """Issue 10, item 11: a notice from the first byte; a schema that cannot be loaded is said in Korean."""
    login(page, "sponsor")
    page_log.expect_error("/api/schema/")
    page.route(re.compile(r"/api/schema/"), lambda route: route.fulfill(status=500, body="{}"))
    page.goto("/api/docs/")
    notice = page.locator("#itms-api-loading")
    notice.locator("text=API 문서를 불러오지 못했습니다").wait_for()
    assert notice.is_visible() and "is-failed" in notice.get_attribute("class")
    shot(page, "swagger-failed")

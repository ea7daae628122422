"""Swagger UI in a real chromium under the strict CSP (no inline style or script): it draws the operations
from the local sidecar files, and the browser reports no CSP violation or other console error."""

from __future__ import annotations

import pytest

from itms.testing.browser import login, needs_chromium, shot

pytest_plugins = ["itms.testing.browser"]
pytestmark = [pytest.mark.browser, needs_chromium]


def test_swagger_ui_draws_the_api_without_a_csp_violation(page, page_log):
    login(page, "sponsor")
    page.goto("/api/docs/")
    page.locator(".swagger-ui .info .title", has_text="정보화관리시스템 API").wait_for()
    page.locator(".opblock-get .opblock-summary").first.click()  # opens the operation: parameters, responses
    page.locator(".opblock.is-open .opblock-body .responses-table").first.wait_for()
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(250, 250, 250)"  # swagger.css
    shot(page, "swagger")
    page_log.assert_clean()

"""The 실사 checklist on a phone (a29.3.2), in a real chromium at 375 px: an officer types (or a USB scanner types) an
asset tag, the asset's card appears, one tap records it; an unknown tag offers to record an unregistered asset.
Screenshots: artifacts/screenshots/<test>/ and docs/screenshots/inventory-audit-checklist-375.png.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from itms.resources.choices import CheckResult
from itms.resources.models import InventoryAudit, InventoryAuditItem
from itms.testing.browser import login, needs_chromium, shot

pytest_plugins = ["itms.testing.browser"]
pytestmark = [pytest.mark.browser, needs_chromium]

DOCS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
PHONE = {"width": 375, "height": 812}


def keep(path: Path, name: str) -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, DOCS / name)


def test_a29_3_2_the_checklist_works_at_375_px_with_a_typed_or_scanned_tag(page, page_log):
    audit = InventoryAudit.objects.get(title__endswith="정보보호 장비 방문 실사")
    pending = InventoryAuditItem.objects.filter(audit=audit, result=CheckResult.PENDING).select_related("asset")
    item = pending.order_by("asset__tag").first()
    page.set_viewport_size(PHONE)
    login(page, "asset")
    page.goto(f"/resources/inventory-audits/{audit.pk}/checklist/")
    checklist = page.locator("[data-testid=checklist]")
    assert checklist.is_visible()
    # Nothing wider than the phone: no sideways scrolling on the page.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    tag_input = page.locator("[data-testid=tag-input]")
    assert tag_input.evaluate("element => element === document.activeElement")  # ready for a scanner's keystrokes
    # A USB scanner types the tag and Enter: the card comes back through htmx.
    tag_input.type(item.asset.tag)
    tag_input.press("Enter")
    card = page.locator("[data-testid=asset-card]")
    card.wait_for()
    assert item.asset.tag in card.inner_text()
    keep(shot(page, "checklist-card-375", full_page=True), "inventory-audit-checklist-375.png")
    before = checklist.locator("[data-testid=checked-count]").inner_text()
    with page.expect_navigation():
        card.locator("[data-testid=mark-found]").click()
    item.refresh_from_db()
    assert item.result == CheckResult.FOUND and item.checked_by.username == "asset"
    assert page.locator("[data-testid=checked-count]").inner_text() != before
    assert page.locator(".alert-success").inner_text().startswith(item.asset.tag)
    # A label nobody registered: the card offers to record it as found on site.
    page.locator("[data-testid=tag-input]").fill("NO-SUCH-TAG-1")
    page.locator("[data-testid=tag-input]").press("Enter")
    page.locator("[data-testid=asset-card-unknown]").wait_for()
    shot(page, "checklist-unknown-375")
    # The camera button shows only where the browser can read codes (BarcodeDetector): never a broken control.
    detector = page.evaluate("'BarcodeDetector' in window")
    assert page.locator("#camera-area").is_visible() == bool(detector)
    page_log.assert_clean()

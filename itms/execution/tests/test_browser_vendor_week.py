"""The vendor's week in the browser (issue 15): the PM of UNI-PASS 운영·유지관리 (``vendor``, 2026-SOT-001,
C-2026-0007) signs in, opens the project from the vendor portal — only the projects they are assigned to (a17.3) —
sees the WBS Gantt chart and the S-curve drawn from files served by this machine, reports this week's progress on
the 4분기 work (a19.0.1), registers the weekly report as a deliverable (a17.2), and is refused, in Korean naming
the rule, when the same file is registered again under another deliverable. Nothing leaves the machine.
Screenshots: artifacts/screenshots/test_a17_3_a19_a17_2_vendor_week_in_the_browser/.
"""

from __future__ import annotations

import datetime as dt

import pytest

from itms.execution.models import Contract, Deliverable, WorkPackage
from itms.testing.browser import login, needs_chromium, shot

pytest_plugins = ["itms.testing.browser"]
pytestmark = [pytest.mark.browser, needs_chromium]

WEEKLY = b"%PDF-1.4\n% UNI-PASS weekly report, week 49\n%%EOF\n"


def test_a17_3_a19_a17_2_vendor_week_in_the_browser(page, page_log):
    """a17.3 (the vendor's own projects only), a19.0.1 (planned against actual, the Gantt), a17.2 (deliverable
    registered with its SHA-256; the same file twice refused)."""
    contract = Contract.objects.get(number="C-2026-0007")
    other = Contract.objects.get(number="C-2026-0012")  # vendor2's chatbot: not this vendor's
    login(page, "vendor")

    page.goto("/execution/portal/")
    assert page.get_by_role("link", name=contract.title).is_visible()
    assert page.get_by_role("link", name=other.title).count() == 0
    shot(page, "portal")
    page.get_by_role("link", name=contract.title).click()

    # The Gantt: one bar per WBS item (four quarters and the half-year milestone), and the S-curve.
    page.locator("#wbs-gantt[data-ready='true']").wait_for()
    assert page.locator("#wbs-gantt .bar-wrapper").count() == contract.work_packages.count() == 5
    assert page.locator("#s-curve").is_visible()
    shot(page, "gantt", full_page=True)

    # This week's report on 4분기 운영: the percent the plan gives for the week's end, nothing late.
    fourth = WorkPackage.objects.get(contract=contract, code="4")
    period_end = dt.date.fromisoformat(page.locator("#id_period_end").input_value())
    percent = max(fourth.progress, fourth.planned_percent(period_end))
    page.locator("#id_summary").fill("정기점검 2회, 장애 0건, 연말 결산 배치 점검")
    page.locator(f"#wp-{fourth.pk}").fill(str(percent))
    page.get_by_role("button", name="진척 보고").click()
    page.get_by_text("진척을 보고했습니다.").wait_for()
    fourth.refresh_from_db()
    assert fourth.progress == percent
    assert contract.progress_reports.filter(period_end=period_end, kind="weekly").exists()
    shot(page, "progress-reported")

    # The weekly report as a deliverable, then the same file again under the 보안서약서 line.
    weekly = Deliverable.objects.get(contract=contract, type__code="KO-WEEKLY")
    pledge = Deliverable.objects.get(contract=contract, type__code="KO-PLEDGE")
    file = {"name": "weekly-49.pdf", "mimeType": "application/pdf", "buffer": WEEKLY}
    row = page.get_by_test_id("portal-deliverables").locator("form", has=page.get_by_label(f"{weekly.title} 파일"))
    row.get_by_label(f"{weekly.title} 파일").set_input_files(file)
    row.get_by_role("button", name="등록").click()
    page.get_by_text("산출물을 등록했습니다.").wait_for()
    weekly.refresh_from_db()
    assert weekly.state == "submitted" and weekly.document.versions.get().filename == "weekly-49.pdf"

    row = page.get_by_test_id("portal-deliverables").locator("form", has=page.get_by_label(f"{pledge.title} 파일"))
    row.get_by_label(f"{pledge.title} 파일").set_input_files({**file, "name": "pledge.pdf"})
    row.get_by_role("button", name="등록").click()
    refusal = page.locator(".alert-danger")
    refusal.wait_for()
    assert "제17조제2항" in refusal.inner_text()
    pledge.refresh_from_db()
    assert pledge.document_id is None and pledge.state == "planned"
    shot(page, "duplicate-refused")
    page_log.assert_clean()

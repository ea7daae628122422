"""Work and deadlines where the work is done, in a real chromium (issue 10, item 2).

The 정보기획담당관 finds the pre-review waiting for their result on 내 할 일 with its due date (a8.2), opens it and reads
the due date with its calculation; the sponsoring department finds the button that starts the missing pre-review on
its project's page (a8.1). Screenshots: artifacts/screenshots/<test>/ and the chosen ones in docs/screenshots/.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from itms.planning.models import PlanningCycle, PreReview
from itms.projects.models import Project
from itms.regulation.models import Obligation
from itms.testing.browser import login, needs_chromium, shot

pytest_plugins = ["itms.testing.browser"]
pytestmark = [pytest.mark.browser, needs_chromium]

DOCS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


def keep(path: Path, name: str) -> None:
    """Copy a screenshot into docs/screenshots/ (the few the documentation shows)."""
    DOCS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, DOCS / name)


def test_a8_2_a8_1_work_waits_with_its_due_date_and_a_missing_step_has_its_button(page, page_log):
    review = PreReview.objects.get(project__code="2027-CLP-001")  # submitted in the demo: the result is due
    result = Obligation.objects.get(kind="pre_review_result", subject_id=review.pk, status="open")

    # --- 정보기획담당관: 내 할 일 lists the pre-review with its due date, owner and (on hover) the calculation -------
    login(page, "itplan")
    item = page.locator("[data-testid=work-item]").filter(has=page.locator(f'a[href="{review.get_absolute_url()}"]'))
    assert item.count() == 1, page.locator("[data-testid=my-tasks]").inner_text()
    assert "검토 결과 통보" in item.locator("[data-testid=work-action]").inner_text()
    due = item.locator("[data-testid=work-due]")
    assert due.inner_text().startswith(f"{result.due_date.year}. {result.due_date.month}. {result.due_date.day}.")
    assert "정보기획담당관" in due.inner_text()
    title = due.get_attribute("title")
    assert "사전검토 결과 통보 (제8조제2항)" in title and result.due_explanation in title, title
    due.hover()
    keep(shot(page, "itplan-home-pre-review-waiting"), "home-work-due-date.png")

    # --- opened: the 기한 panel writes the due date, who owes it and the calculation out ---------------------------
    with page.expect_navigation():
        item.locator("[data-testid=task-subject]").click()
    assert urlsplit(page.url).path == review.get_absolute_url()
    panel = page.locator("[data-testid=due-panel]")
    row = panel.locator(f'[data-obligation="{result.pk}"]')
    assert "사전검토 결과 통보" in row.inner_text()
    assert row.locator("[data-testid=due-owner]").inner_text() == "정보기획담당관"
    assert row.locator("[data-testid=due-calculation]").inner_text() == f"계산: {result.due_explanation}"
    assert result.due_explanation in row.locator("[data-testid=due-date]").get_attribute("title")
    panel.scroll_into_view_if_needed()
    keep(shot(page, "itplan-pre-review-due-panel"), "pre-review-due-panel.png")

    # --- the sponsor: the project without a pre-review has the button that starts it --------------------------------
    page.context.clear_cookies()
    login(page, "sponsor")
    project = Project.objects.get(code="2027-CLP-002")
    page.goto(project.get_absolute_url())
    pre_review = page.locator("[data-testid=project-line] li.step-item").filter(has_text="사전검토")
    assert "아직 작성하지 않음" in pre_review.inner_text()
    button = pre_review.locator("[data-testid=step-action] button")
    assert button.inner_text() == "사전검토 의뢰서 작성"
    pre_review.scroll_into_view_if_needed()
    keep(shot(page, "sponsor-project-start-pre-review"), "project-start-pre-review.png")
    with page.expect_navigation():
        button.click()
    started = PreReview.objects.get(cycle=PlanningCycle.objects.get(year=2027), project=project)
    assert urlsplit(page.url).path == started.get_absolute_url()
    page_log.assert_clean()

"""Every "not yet done" state links to the action that does it, for a user who may take it; others see who owes it.

The project page's step for a missing pre-review, plan or detailed plan (a8.1, a8.3, a9.1) and the cycle's start form,
whose project picker lists the user's own projects of the cycle's year before any typing.
"""

import re

import pytest

from itms.planning.models import PlanningCycle, PreReview
from itms.projects.models import Project

pytestmark = pytest.mark.django_db


def step(html: str, label: str) -> str:
    """The project page's step whose heading starts with ``label``."""
    items = re.findall(r'<li class="step-item.*?</li>', html, flags=re.S)
    return next(item for item in items if label in item)


def test_a8_1_the_sponsor_starts_the_missing_pre_review_from_the_project_page(client_of):
    project = Project.objects.get(code="2027-CLP-002")  # the demo's plan was written without a pre-review
    cycle = PlanningCycle.objects.get(year=2027)
    client = client_of("sponsor")
    html = client.get(project.get_absolute_url()).content.decode()
    pre_review = step(html, "사전검토")
    assert "아직 작성하지 않음" in pre_review
    assert f'action="/planning/cycles/{cycle.pk}/start/pre-review/"' in pre_review
    assert f'name="project" value="{project.pk}"' in pre_review and "사전검토 의뢰서 작성" in pre_review
    assert "2026. 1. 31.(토) · 통관기획과장" in pre_review and 'data-status="overdue"' in pre_review

    response = client.post(f"/planning/cycles/{cycle.pk}/start/pre-review/", {"project": project.pk})
    review = PreReview.objects.get(cycle=cycle, project=project)
    assert response.status_code == 302 and response["Location"] == review.get_absolute_url()


def test_a9_1_the_detailed_plan_step_leads_to_the_form_on_the_cycle_page(client_of):
    project = Project.objects.get(code="2027-CLP-002")
    cycle = PlanningCycle.objects.get(year=2027)
    detailed = step(client_of("sponsor").get(project.get_absolute_url()).content.decode(), "세부 사업계획")
    assert f'href="{cycle.get_absolute_url()}#start"' in detailed and "세부계획 작성" in detailed
    board = client_of("sponsor").get(cycle.get_absolute_url()).content.decode()
    assert 'id="start"' in board


def test_a8_1_a_user_who_may_not_start_it_sees_who_owes_it(client_of, unchanged):
    project = Project.objects.get(code="2027-CLP-002")
    cycle = PlanningCycle.objects.get(year=2027)
    client = client_of("itdept")  # 데이터담당관: not the sponsoring department
    pre_review = step(client.get(project.get_absolute_url()).content.decode(), "사전검토")
    assert 'data-testid="step-action"' not in pre_review
    assert "처리할 사람: 통관기획과장" in pre_review
    with unchanged():
        response = client.post(f"/planning/cycles/{cycle.pk}/start/pre-review/", {"project": project.pk})
    assert response.status_code == 303  # refused by the start view itself (the project is not theirs)


def test_a8_2_a_submitted_pre_review_shows_its_result_deadline_and_who_owes_it_to_the_sponsor(client_of):
    project = Project.objects.get(code="2027-CLP-001")  # pre-review submitted in the demo
    pre_review = step(client_of("sponsor").get(project.get_absolute_url()).content.decode(), "사전검토")
    assert "처리할 사람: 정보기획담당관" in pre_review and 'data-testid="step-due"' in pre_review


def test_a8_1_the_cycle_picker_lists_the_users_own_projects_before_any_typing(client_of):
    cycle = PlanningCycle.objects.get(year=2027)
    html = client_of("sponsor").get(cycle.get_absolute_url()).content.decode()
    form = html[html.index('<select name="project"') : html.index("</select>", html.index('<select name="project"'))]
    own = Project.objects.filter(start_year=2027, sponsor_unit__code="KCS-CLP")
    for project in own:
        assert f'<option value="{project.pk}">{project.name}</option>' in form
    other = Project.objects.get(code="2027-ICN-001")  # 인천공항본부세관's
    assert f'value="{other.pk}"' not in form
    assert "담당 부서 항목" in html

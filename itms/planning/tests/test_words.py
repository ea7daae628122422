"""Chapter 3 in the words a person would use (issue 10, point 5): refusals say who may act, each state has one
label on every surface, particles fit the word."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from itms.accounts.models import User
from itms.planning.models import DetailedPlan, ImpactReview, PlanningCycle, PreReview
from itms.projects.models import Project

pytestmark = pytest.mark.django_db


def user(username: str) -> User:
    return User.objects.get(username=username)


def test_a8_1_only_the_sponsoring_department_requests_the_pre_review_and_the_refusal_says_so(demo, unchanged):
    project = Project.objects.filter(sponsor_unit__code="KCS-CLP").first()
    review = PreReview.objects.create(cycle=PlanningCycle.objects.get_or_create(year=2028)[0], project=project)
    with unchanged(), pytest.raises(PermissionDenied) as refused:
        PreReview.workflow.execute(review, "submit", actor=user("itdept"))
    assert str(refused.value) == "'사전검토 의뢰'는 사업추진부서만 할 수 있습니다."


def test_a8_5_only_the_head_of_the_it_department_asked_replies_and_the_refusal_says_so(demo, unchanged):
    review = ImpactReview.objects.filter(state="requested").first()
    with unchanged(), pytest.raises(PermissionDenied) as refused:
        ImpactReview.workflow.execute(review, "reply", actor=user("sponsor"), data={"reply": "영향 없음"})
    assert str(refused.value) == "'검토 결과 회신'은 해당 정보화부서장만 할 수 있습니다."


@pytest.mark.parametrize(
    ("url", "model", "state", "label"),
    [
        ("/planning/pre-reviews/", PreReview, "submitted", "사전검토 의뢰"),
        ("/planning/detailed-plans/", DetailedPlan, "draft", "작성 중"),
    ],
)
def test_a_state_reads_the_same_in_the_list_filter_table_and_panel(client_of, url, model, state, label):
    """Before: the pre-review list said "제출" where its panel said "사전검토 의뢰"; detailed plans showed "draft"."""
    if not model.objects.filter(state=state).exists():
        project = Project.objects.filter(sponsor_unit__code="KCS-CLP").first()
        model.objects.create(cycle=PlanningCycle.objects.get_or_create(year=2028)[0], project=project)
    record = model.objects.filter(state=state).first()
    html = client_of("itplan").get(url).content.decode()
    assert f'<option value="{state}">{label}</option>' in html  # the filter
    assert f"<td >{label}</td>" in html  # the table's column
    assert model.workflow.state_label(record) == label  # the panel and the history

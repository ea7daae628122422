"""Due dates where the work is done (issue 10): each record of Chapter 3 that owes something shows its deadline, who
owes it and the calculation (on hover in lists, written out on the detail page), from the same obligations the
deadline pages show (itms.regulation.due)."""

import datetime as dt
import re
import zoneinfo

import pytest
import time_machine

from itms.accounts.models import Organization, OrgUnit, User
from itms.planning import actions
from itms.planning.models import ImpactReview, PlanningCycle, PreReview
from itms.projects.models import Project
from itms.regulation.models import Obligation
from itms.resources.models import InformationSystem
from itms.testing.suites import count_queries

pytestmark = pytest.mark.django_db
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
TEXT = "내용"


def user(username):
    return User.objects.get(username=username)


def project(code, *, start=2028, systems=("BIGDATA",)):
    p = Project.objects.create(
        name=f"시험 사업 {code}",
        code=code,
        organization=Organization.objects.get(code="KCS"),
        sponsor_unit=OrgUnit.objects.get(code="KCS-CLP"),
        kind="enhancement",
        start_year=start,
        end_year=start,
        total_budget=300_000_000,
    )
    p.related_systems.set(InformationSystem.objects.filter(code__in=systems))
    return p


def submitted_plan(p, *, on: dt.datetime):
    """The plan of ``p`` submitted on ``on``: the impact reviews are requested that day (a8.4)."""
    cycle = PlanningCycle.objects.get(year=p.start_year)
    with time_machine.travel(on, tick=False):
        plan = actions.start_plan(actor=user("sponsor"), cycle=cycle, project=p)
        for field in plan.SECTIONS:
            setattr(plan, field, TEXT)
        plan.save()
        plan.workflow.execute(plan, "submit", actor=user("sponsor"))
    return plan


def cell(html: str, url: str) -> str:
    """The table row of the record at ``url``."""
    row = next(r for r in re.findall(r"<tr.*?</tr>", html, flags=re.S) if f'href="{url}"' in r)
    return re.sub(r"\s+", " ", row)


def test_a8_5_impact_review_list_shows_the_reply_deadline_its_owner_and_the_calculation(client_of):
    """Requested on Tuesday 2027. 4. 13.: day 14 is Tuesday 4. 27. (민법 §157, first day not counted)."""
    plan = submitted_plan(project("2028-DUE-1"), on=dt.datetime(2027, 4, 13, 10, tzinfo=SEOUL))
    review = ImpactReview.objects.get(plan=plan, it_unit__code="KCS-DAT")
    with time_machine.travel(dt.datetime(2027, 4, 20, 9, tzinfo=SEOUL), tick=False):
        html = client_of("itdept").get("/planning/impact-reviews/").content.decode()
    row = cell(html, review.get_absolute_url())
    assert "2027. 4. 27.(화) · 데이터담당관" in row
    title = re.search(r'title="([^"]*)" data-due="2027-04-27"', row).group(1)
    assert "영향도 검토 회신 (제8조제5항, 제8조제4항)" in title
    assert "2027. 4. 13.(화) 접수, 초일 불산입 → 14일째 2027. 4. 27.(화)" in title


def test_a8_5_an_overdue_reply_is_marked_in_the_list(client_of):
    plan = submitted_plan(project("2028-DUE-2"), on=dt.datetime(2027, 4, 13, 10, tzinfo=SEOUL))
    review = ImpactReview.objects.get(plan=plan, it_unit__code="KCS-DAT")
    with time_machine.travel(dt.datetime(2027, 4, 28, 9, tzinfo=SEOUL), tick=False):
        row = cell(client_of("itplan").get("/planning/impact-reviews/").content.decode(), review.get_absolute_url())
    assert 'data-status="overdue"' in row and "text-danger" in row and "기한 경과" in row


def test_a8_1_a8_2_a_pre_review_works_to_the_request_deadline_then_to_the_result(client_of):
    """A draft answers its project's a8.1 deadline (owed by the sponsoring head); once submitted, the
    정보기획담당관's result (a8.2: 30 days by the rule pack's system default, rolled past the weekend)."""
    p = project("2028-DUE-3", systems=())
    cycle = PlanningCycle.objects.get(year=2028)
    with time_machine.travel(dt.datetime(2027, 1, 6, 10, tzinfo=SEOUL), tick=False):
        review = actions.start_pre_review(actor=user("sponsor"), cycle=cycle, project=p)
        row = cell(client_of("sponsor").get("/planning/pre-reviews/").content.decode(), review.get_absolute_url())
        assert "2027. 1. 31.(일) · 통관기획과장" in row
        assert "사전검토 의뢰 (제8조제1항) — 2027. 1. 31.(일)까지" in row
        for field in PreReview.SECTIONS:
            setattr(review, field, TEXT)
        review.save()
        review.workflow.execute(review, "submit", actor=user("sponsor"))
        row = cell(client_of("itplan").get("/planning/pre-reviews/").content.decode(), review.get_absolute_url())
    # Received Wednesday 1. 6.: day 30 is Friday 2. 5.
    assert "2027. 2. 5.(금) · 정보기획담당관" in row
    assert "사전검토 결과 통보 (제8조제2항)" in row
    result = Obligation.objects.get(kind="pre_review_result", subject_id=review.pk)
    assert result.owed_by_role == "it_planning_officer" and result.owed_to_unit.code == "KCS-CLP"

    with time_machine.travel(dt.datetime(2027, 1, 20, 10, tzinfo=SEOUL), tick=False):
        review.workflow.execute(
            review,
            "notify_result",
            actor=user("itplan"),
            data={"duplication_finding": "없음", "reuse_finding": "없음", "integration_finding": "연계"},
        )
    result.refresh_from_db()
    assert result.status == "met" and result.display_status() == "met"


def test_a8_5_the_detail_page_lists_open_and_closed_deadlines_with_their_calculation(client_of):
    plan = submitted_plan(project("2028-DUE-4"), on=dt.datetime(2027, 4, 13, 10, tzinfo=SEOUL))
    review = ImpactReview.objects.get(plan=plan, it_unit__code="KCS-DAT")
    with time_machine.travel(dt.datetime(2027, 4, 20, 9, tzinfo=SEOUL), tick=False):
        html = client_of("itdept").get(review.get_absolute_url()).content.decode()
        assert 'data-testid="due-panel"' in html
        panel = html[html.index('data-testid="due-panel"') :]
        assert "영향도 검토 회신" in panel and "2027. 4. 27.(화)까지" in panel and "데이터담당관" in panel
        assert "계산: 2027. 4. 13.(화) 접수, 초일 불산입 → 14일째 2027. 4. 27.(화)" in panel
        review.workflow.execute(review, "reply", actor=user("itdept"), data={"reply": "중복 없음"})
        closed = client_of("itdept").get(review.get_absolute_url()).content.decode()
    panel = closed[closed.index('data-testid="due-panel"') :]
    assert 'data-status="met"' in panel and "이행 2027. 4. 20.(화)" in panel


def test_a8_5_the_panel_shows_only_deadlines_the_user_may_see(client_of):
    """Every official may read the review, but its deadline is the IT department's and the sponsor's
    (regulation/access.py: owed, own unit): the budget office sees the record without the panel."""
    plan = submitted_plan(project("2028-DUE-5"), on=dt.datetime(2027, 4, 13, 10, tzinfo=SEOUL))
    review = ImpactReview.objects.get(plan=plan, it_unit__code="KCS-DAT")
    html = client_of("budget").get(review.get_absolute_url()).content.decode()
    assert 'data-testid="due-panel"' not in html
    assert 'data-testid="due-panel"' in client_of("sponsor").get(review.get_absolute_url()).content.decode()


def test_a8_1_a8_3_a9_1_the_due_column_reads_a_page_of_rows_in_one_query(client_of):
    """The list's query count does not grow with its rows (the obligations of the page in one query)."""
    cycle = PlanningCycle.objects.get(year=2028)
    client = client_of("itplan")
    for n in range(3):
        actions.start_pre_review(actor=user("sponsor"), cycle=cycle, project=project(f"2028-DUE-Q{n}", systems=()))
    few = count_queries(lambda: client.get("/planning/pre-reviews/"))
    for n in range(3, 15):
        actions.start_pre_review(actor=user("sponsor"), cycle=cycle, project=project(f"2028-DUE-Q{n}", systems=()))
    many = count_queries(lambda: client.get("/planning/pre-reviews/"))
    assert many <= few <= 20


def test_a8_1_the_list_export_writes_the_due_date_and_owner_as_text(client_of):
    cycle = PlanningCycle.objects.get(year=2028)
    actions.start_pre_review(actor=user("sponsor"), cycle=cycle, project=project("2028-DUE-X", systems=()))
    content = client_of("itplan").get("/planning/pre-reviews/", {"_export": "csv"}).content.decode("utf-8-sig")
    assert "기한" in content.splitlines()[0]
    assert "2027. 1. 31.(일) 통관기획과장" in content

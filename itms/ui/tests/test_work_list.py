"""내 할 일: the records waiting for a step the user may take (itms.regulation.work), each with its deadline, who
owes it and the calculation on hover — pre-reviews for the 정보기획담당관 (a8.2), impact reviews for the IT
department heads (a8.5), plans awaiting the EA review (a8.6), drafts for the sponsoring department (a8.1, a9.1),
meetings for the secretary (a4.10)."""

import datetime as dt
import zoneinfo

import pytest
import time_machine

from itms.accounts.models import Organization, OrgUnit, User
from itms.governance.models import Meeting
from itms.planning import actions
from itms.planning.models import DetailedPlan, ImpactReview, PlanningCycle, PreReview, ProjectPlan
from itms.projects.models import Project
from itms.regulation.models import Obligation
from itms.resources.models import InformationSystem
from itms.testing.suites import count_queries

pytestmark = pytest.mark.django_db
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
TEXT = "내용"


def user(username):
    return User.objects.get(username=username)


def project(code, *, systems=()):
    p = Project.objects.create(
        name=f"시험 사업 {code}",
        code=code,
        organization=Organization.objects.get(code="KCS"),
        sponsor_unit=OrgUnit.objects.get(code="KCS-CLP"),
        kind="enhancement",
        start_year=2028,
        end_year=2028,
        total_budget=300_000_000,
    )
    p.related_systems.set(InformationSystem.objects.filter(code__in=systems))
    return p


def work(client) -> dict:
    """{record: (action labels, due obligation)} of the home page."""
    rows = client.get("/").context["work"]["rows"]
    return {row["record"]: (row["actions"], row["due"]) for row in rows}


def submitted_pre_review(code):
    review = actions.start_pre_review(
        actor=user("sponsor"), cycle=PlanningCycle.objects.get(year=2028), project=project(code)
    )
    for field in PreReview.SECTIONS:
        setattr(review, field, TEXT)
    review.save()
    review.workflow.execute(review, "submit", actor=user("sponsor"))
    return review


def test_a8_2_the_it_planning_officer_sees_the_submitted_pre_review_with_its_result_deadline(client_of):
    review = PreReview.objects.get(project__code="2027-CLP-001")  # submitted in the demo
    client = client_of("itplan")
    labels, due = work(client)[review]
    assert labels == ["검토 결과 통보"]
    assert due.kind == "pre_review_result" and due.clause_ids == ["a8.2"]
    html = client.get("/").content.decode()
    item = html[html.index(f'href="{review.get_absolute_url()}" data-testid="task-subject"') :]
    item = item[: item.index('data-testid="work-item"') if 'data-testid="work-item"' in item else None]
    assert "검토 결과 통보" in item and "· 정보기획담당관" in item
    assert "사전검토 결과 통보 (제8조제2항) — " in item and due.due_explanation in item


def test_a4_10_the_secretary_sees_the_meeting_to_distribute_with_its_agenda_deadline(client_of):
    meeting = Meeting.objects.get(body__kind="committee", title="2027년도 정보화사업 심의")
    labels, due = work(client_of("itplan"))[meeting]
    assert "안건 배포" in labels
    assert due.kind == "agenda_distribution" and "a4.10" in due.clause_ids
    # A member who neither chairs the committee nor is its secretary has no step on it (a4.9).
    member = meeting.body.memberships.active_on().exclude(user__username="itplan").exclude(user=None).first()
    assert member is not None and meeting not in work(client_of(member.user.username))


def test_a8_5_each_it_department_head_sees_only_the_reviews_addressed_to_their_department(client_of):
    with time_machine.travel(dt.datetime(2027, 4, 13, 10, tzinfo=SEOUL), tick=False):
        plan = actions.start_plan(
            actor=user("sponsor"),
            cycle=PlanningCycle.objects.get(year=2028),
            project=project("2028-W-IR", systems=("BIGDATA",)),
        )
        for field in plan.SECTIONS:
            setattr(plan, field, TEXT)
        plan.save()
        plan.workflow.execute(plan, "submit", actor=user("sponsor"))
    review = ImpactReview.objects.get(plan=plan)
    labels, due = work(client_of("itdept"))[review]
    assert labels == ["검토 결과 회신"] and due.due_date == dt.date(2027, 4, 27)
    assert review not in work(client_of("airport_it"))
    assert review not in work(client_of("itplan"))  # the EA review waits until every reply is in (a8.5)
    # The reply deadline is shown once, with its review, not again in the list of deadlines.
    tasks = client_of("itdept").get("/").context["tasks"]["rows"]
    assert due.pk not in {row["obligation"].pk for row in tasks}


def test_a8_1_a9_1_the_sponsoring_department_sees_its_drafts_with_the_cycle_deadline(client_of):
    cycle = PlanningCycle.objects.get(year=2028)
    p = project("2028-W-DRAFT")
    review = actions.start_pre_review(actor=user("sponsor"), cycle=cycle, project=p)
    for username in ("sponsor", "sponsor_head"):
        labels, due = work(client_of(username))[review]
        assert labels == ["사전검토 의뢰"]
        assert (due.kind, due.due_date) == ("pre_review_request", dt.date(2027, 1, 31))
    assert review not in work(client_of("itdept"))
    detailed = actions.start_detailed_plan(
        actor=user("sponsor"),
        cycle=cycle,
        project=p,
        budget=1,
        start_date=dt.date(2028, 3, 1),
        end_date=dt.date(2028, 12, 31),
        scope="범위",
    )
    labels, due = work(client_of("sponsor"))[DetailedPlan.objects.get(pk=detailed.pk)]
    assert labels == ["세부계획 제출"] and due.kind == "detailed_plan_submission"


def test_a8_6_the_it_planning_officer_sees_plans_awaiting_the_ea_review(client_of):
    plan = actions.start_plan(
        actor=user("sponsor"), cycle=PlanningCycle.objects.get(year=2028), project=project("2028-W-EA")
    )
    plan.changes_systems = False
    for field in plan.SECTIONS:
        setattr(plan, field, TEXT)
    plan.save()
    plan.workflow.execute(plan, "submit_no_system", actor=user("sponsor"))
    labels, _due = work(client_of("itplan"))[ProjectPlan.objects.get(pk=plan.pk)]
    assert labels == ["실무협의회 상정"]
    assert plan not in work(client_of("sponsor"))  # the sponsor has nothing to do on it now


def test_users_without_a_step_see_no_work(client_of):
    assert work(client_of("budget")) == {}
    assert work(client_of("admin")) == {}  # the technical administrator is waited for by nobody


def test_a8_2_my_work_query_count_does_not_grow_with_the_records(client_of):
    client = client_of("itplan")
    for n in range(2):
        submitted_pre_review(f"2028-W-Q{n}")
    few = count_queries(lambda: client.get("/"))
    for n in range(2, 12):
        submitted_pre_review(f"2028-W-Q{n}")
    many = count_queries(lambda: client.get("/"))
    assert many <= few
    assert len(work(client)) >= 12
    assert Obligation.objects.filter(kind="pre_review_result", status="open").count() >= 12


def test_a4_9_the_secretariats_steps_on_a_meeting_are_asked_in_one_condition(client_of):
    """Distribute, open, close, written vote, cancel: six steps of the chair or secretary (a4.9), one scope — the
    meetings of the bodies the user runs — asked once for all six, not as six subqueries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_of("itplan")
    with CaptureQueriesContext(connection) as captured:
        client.get("/")
    candidates = [
        q["sql"]
        for q in captured.captured_queries
        if 'FROM "governance_meeting"' in q["sql"] and "LIMIT 30" in q["sql"]
    ]
    assert len(candidates) == 1
    assert candidates[0].count('"is_chair" AND') == 1  # the chair's seat, in the one condition


def test_a25_the_it_departments_forwarded_requests_cost_no_query_each(client_of):
    """유지관리 요청 (제25조): a request the requesting department forwarded waits for the IT department that
    operates the system. Whether the user is of that department is read from the rows already fetched (the system
    joined, the unit compared by its id), so the home page asks no more with twelve requests than with two."""
    from itms.operations.choices import RequestState
    from itms.operations.models import MaintenanceRequest

    staff = user("itstaff")
    system = InformationSystem.objects.filter(operating_unit__in=staff.assignments.values("position__unit")).first()
    assert system is not None

    def forwarded(n):
        for i in range(n):
            MaintenanceRequest.objects.create(
                title=f"검색 화면 개선 {i}",
                description=TEXT,
                reason=TEXT,
                system=system,
                requesting_unit=OrgUnit.objects.get(code="KCS-CLP"),
                state=RequestState.FORWARDED,
            )

    client = client_of("itstaff")
    forwarded(2)
    few = count_queries(lambda: client.get("/"))
    forwarded(10)
    many = count_queries(lambda: client.get("/"))
    assert many <= few
    titles = [record.title for record in work(client) if isinstance(record, MaintenanceRequest)]
    assert len([t for t in titles if t.startswith("검색 화면 개선")]) == 12

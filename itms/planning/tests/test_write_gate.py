"""Chapter 3 through the one write gate: states and the project's stage move only through the workflow engine,
the API refuses what the screen refuses, and a hold (a8.7) blocks every later step until it is lifted.

Each test here failed on the code before the write gate (issue 9): the stage could be typed in, the council's
resolution set the plan's state directly (also on a held plan), and the API wrote fields the forms do not offer.
"""

import datetime as dt
import zoneinfo

import pytest
import time_machine

from itms.accounts.models import Organization, OrgUnit, User
from itms.audit.models import LegalEvent, LegalEventKind
from itms.core.errors import Refused
from itms.governance import actions as governance
from itms.governance.choices import AttendanceStatus, ResolutionEffect
from itms.governance.models import Body, Resolution
from itms.planning import actions
from itms.planning.models import PlanningCycle, PreReview, ProjectPlan, StrategicPlan
from itms.projects.choices import ProjectKind
from itms.projects.models import Project
from itms.regulation.models import Obligation
from itms.regulation.workflows import Blocked, TransitionError

pytestmark = pytest.mark.django_db
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")


def user(username):
    return User.objects.get(username=username)


def new_project(code="2028-G-001", kind=ProjectKind.ENHANCEMENT, budget=500_000_000):
    return Project.objects.create(
        name=f"쓰기 관문 시험 사업 {code}",
        code=code,
        organization=Organization.objects.get(code="KCS"),
        sponsor_unit=OrgUnit.objects.get(code="KCS-CLP"),
        kind=kind,
        start_year=2028,
        end_year=2028,
        total_budget=budget,
    )


def plan_at_council(project):
    """A plan without system changes, EA-reviewed and placed on a convened council meeting."""
    cycle = PlanningCycle.objects.get_or_create(year=2028)[0]
    plan = actions.start_plan(actor=user("sponsor"), cycle=cycle, project=project)
    plan.changes_systems = False
    for field in ProjectPlan.SECTIONS:
        setattr(plan, field, "작성 내용")
    plan.save()
    plan.workflow.execute(plan, "submit_no_system", actor=user("sponsor"))
    plan.refresh_from_db()
    ea = plan.ea_review
    ea.effectiveness, ea.duplication, ea.feasibility_budget = "효과 있음", "중복 없음", "적정"
    ea.save()
    council = Body.objects.get(name="정보화실무협의회")
    meeting = governance.convene_meeting(
        actor=user("council"), body=council, scheduled_at=dt.datetime(2027, 6, 30, 10, tzinfo=SEOUL)
    )
    plan.workflow.execute(plan, "to_council", actor=user("itplan"), data={"meeting": meeting})
    plan.refresh_from_db()
    return plan, meeting


def council_votes_for(meeting, item):
    """Everyone attends, the meeting opens, every member present votes for the item."""
    seats = list(meeting.registered_memberships())
    for seat in seats:
        governance.record_attendance(
            actor=user("council"), meeting=meeting, membership=seat, status=AttendanceStatus.PRESENT
        )
    meeting.workflow.execute(meeting, "open", actor=user("council"), data={"reason": "시험"})
    governance.open_voting(actor=user("council"), item=item)
    for seat in seats:
        governance.cast_vote(actor=user("council"), item=item, membership=seat, choice="for")


def test_a8_8_the_project_stage_cannot_be_typed_in_through_the_api(client_of):
    project = new_project()
    response = client_of("sponsor").patch(
        f"/api/projects/projects/{project.pk}/", {"stage": "operation"}, content_type="application/json"
    )
    body = response.json()
    assert response.status_code == 400
    assert body["code"] == "core.read_only_field" and "stage" in body["fields"]
    project.refresh_from_db()
    assert project.stage == "idea"


def test_a8_8_the_project_edit_form_does_not_offer_the_stage(client_of):
    project = new_project()
    page = client_of("sponsor").get(f"/projects/projects/{project.pk}/edit/")
    assert page.status_code == 200 and 'name="stage"' not in page.content.decode()
    data = {
        "name": project.name,
        "code": project.code,
        "organization": project.organization_id,
        "sponsor_unit": project.sponsor_unit_id,
        "kind": project.kind,
        "start_year": 2028,
        "end_year": 2028,
        "total_budget": project.total_budget,
        "funding": project.funding,
        "stage": "operation",
    }
    client_of("sponsor").post(f"/projects/projects/{project.pk}/edit/", data)
    project.refresh_from_db()
    assert project.stage == "idea"


def test_a8_8_the_council_decision_moves_plan_and_stage_through_the_engine_with_a_chained_event():
    project = new_project()
    with time_machine.travel(dt.datetime(2027, 6, 30, 10, tzinfo=SEOUL), tick=False):
        plan, meeting = plan_at_council(project)
        item = meeting.items.get(subject_id=plan.pk)
        council_votes_for(meeting, item)
        governance.close_vote(
            actor=user("council"), item=item, effect=ResolutionEffect.APPROVE_ADJUSTED, priority_rank=2
        )
    plan.refresh_from_db()
    project.refresh_from_db()
    assert (plan.state, plan.priority_rank, plan.approved_budget) == ("approved", 2, 500_000_000)
    assert project.stage == "deliberated"
    event = LegalEvent.objects.filter(kind=LegalEventKind.TRANSITION, subject_id=plan.pk).latest("seq")
    assert event.payload["transition"] == "council_approve" and event.clause_ids == ["a8.8"]
    assert event.payload["project_stage"] == {"project": project.pk, "from": "plan", "to": "deliberated"}


def test_a8_7_a_plan_held_while_on_the_agenda_cannot_be_decided_until_the_hold_is_lifted(unchanged):
    """제8조제7항: the 정보기획담당관 may hold a project with serious problems; the council cannot approve it then."""
    project = new_project()
    with time_machine.travel(dt.datetime(2027, 6, 30, 10, tzinfo=SEOUL), tick=False):
        plan, meeting = plan_at_council(project)
        plan.workflow.execute(plan, "hold", actor=user("itplan"), data={"reason": "다른 사업과 기능 중복"})
        item = meeting.items.get(subject_id=plan.pk)
        council_votes_for(meeting, item)
        with unchanged(), pytest.raises(Refused) as refused:
            governance.close_vote(actor=user("council"), item=item, effect=ResolutionEffect.APPROVE)
    assert refused.value.as_dict()["code"] == "planning.held" and refused.value.clause == "a8.7"
    plan.refresh_from_db()
    assert plan.state == "on_hold" and not Resolution.objects.filter(item=item).exists()


def test_a8_7_lifting_a_hold_needs_the_reason_it_was_resolved():
    project = new_project()
    with time_machine.travel(dt.datetime(2027, 6, 30, 10, tzinfo=SEOUL), tick=False):
        plan, _meeting = plan_at_council(project)
        plan.workflow.execute(plan, "hold", actor=user("itplan"), data={"reason": "범위가 구체적이지 않음"})
        with pytest.raises(TransitionError) as refused:
            plan.workflow.execute(plan, "resume", actor=user("itplan"))
        assert refused.value.as_dict()["code"] == "workflow.invalid_input"
        plan.workflow.execute(plan, "resume", actor=user("itplan"), data={"reason": "과업 범위를 구체화함"})
    plan.refresh_from_db()
    assert (plan.state, plan.hold_lifted_reason) == ("ea_review", "과업 범위를 구체화함")


def test_a8_7_a_held_plan_blocks_the_projects_detailed_plan():
    project = new_project()
    with time_machine.travel(dt.datetime(2027, 6, 30, 10, tzinfo=SEOUL), tick=False):
        plan, _meeting = plan_at_council(project)
        plan.workflow.execute(plan, "hold", actor=user("itplan"), data={"reason": "비용 대비 효과 불명확"})
        detailed = actions.start_detailed_plan(
            actor=user("sponsor"),
            cycle=plan.cycle,
            project=project,
            budget=500_000_000,
            start_date=dt.date(2028, 1, 1),
            end_date=dt.date(2028, 12, 31),
            scope="범위",
        )
        with pytest.raises(Blocked) as blocked:
            detailed.workflow.execute(detailed, "submit", actor=user("sponsor"))
    assert [g.clause_id for g in blocked.value.guards] == ["a8.7"]


def test_a8_8_the_councils_transitions_are_not_offered_on_screen_or_through_the_api(client_of):
    project = new_project()
    with time_machine.travel(dt.datetime(2027, 6, 30, 10, tzinfo=SEOUL), tick=False):
        plan, _meeting = plan_at_council(project)
    names = {s.transition.name for s in plan.workflow.statuses(plan, user("itplan"))}
    assert not names & {"council_approve", "council_hold", "council_reject"}
    response = client_of("itplan").post(
        f"/api/workflow/planning/projectplan/{plan.pk}/council_approve/", {}, content_type="application/json"
    )
    assert response.status_code == 404
    with pytest.raises(TransitionError) as refused:
        plan.workflow.execute(plan, "council_approve", actor=user("itplan"))
    assert refused.value.as_dict()["code"] == "workflow.internal_only"
    plan.refresh_from_db()
    assert plan.state == "council"


def test_a8_2_after_the_result_is_notified_the_sponsor_cannot_rewrite_the_findings_through_the_api(client_of):
    project = new_project()
    cycle = PlanningCycle.objects.get_or_create(year=2028)[0]
    review = actions.start_pre_review(actor=user("sponsor"), cycle=cycle, project=project)
    for field in PreReview.SECTIONS:
        setattr(review, field, "작성 내용")
    review.save()
    review.workflow.execute(review, "submit", actor=user("sponsor"))
    findings = {"duplication_finding": "중복 없음", "reuse_finding": "재활용 가능", "integration_finding": "연계 필요"}
    review.workflow.execute(review, "notify_result", actor=user("itplan"), data=findings)
    response = client_of("sponsor").patch(
        f"/api/planning/pre-reviews/{review.pk}/", {"duplication_finding": "중복"}, content_type="application/json"
    )
    assert response.status_code == 409 and response.json()["code"] == "planning.submitted"
    review.refresh_from_db()
    assert review.duplication_finding == "중복 없음"


def test_a8_3_a_draft_plan_cannot_be_moved_to_another_project_through_the_api(client_of):
    project, other = new_project("2028-G-010"), new_project("2028-G-011")
    cycle = PlanningCycle.objects.get_or_create(year=2028)[0]
    plan = actions.start_plan(actor=user("sponsor"), cycle=cycle, project=project)
    response = client_of("sponsor").patch(
        f"/api/planning/project-plans/{plan.pk}/", {"project": other.pk}, content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["code"] == "core.read_only_field"
    plan.refresh_from_db()
    assert plan.project_id == project.pk


def test_a8_3_a9_1_a_deadline_on_a_weekend_stays_in_its_month_and_asks_to_act_the_working_day_before():
    """2028. 4. 30. and 2028. 12. 31. are Sundays: the plan (a8.3, 4월 말까지) and the detailed plan (a9.1,
    12월 말까지) stay due on those dates — never in May or in 2029 — and the explanation asks for Friday
    2028. 4. 28. and Friday 2028. 12. 29."""
    project = Project.objects.create(
        name="2029년 시작 사업",
        code="2029-G-001",
        organization=Organization.objects.get(code="KCS"),
        sponsor_unit=OrgUnit.objects.get(code="KCS-CLP"),
        kind=ProjectKind.ENHANCEMENT,
        start_year=2029,
        end_year=2029,
        total_budget=100_000_000,
    )
    actions.open_cycle(actor=user("itplan"), year=2029)
    due = {o.kind: o for o in Obligation.objects.filter(subject_id=project.pk, key="cycle-2029")}
    assert due["plan_submission"].due_date == dt.date(2028, 4, 30)
    assert "전 근무일 2028. 4. 28.(금)까지" in due["plan_submission"].due_explanation
    assert due["detailed_plan_submission"].due_date == dt.date(2028, 12, 31)
    assert "전 근무일 2028. 12. 29.(금)까지" in due["detailed_plan_submission"].due_explanation
    assert due["pre_review_request"].due_date == dt.date(2028, 1, 31)  # a Monday: nothing to say


def test_a6_2_the_cio_adopts_the_strategic_plan_after_the_opinions_are_in():
    plan = StrategicPlan.objects.create(title="2030–2032 전략", start_year=2030, end_year=2032)
    unit = OrgUnit.objects.get(code="KCS-CLP")
    due = dt.date.today() + dt.timedelta(days=10)
    [request] = actions.open_opinion_round(actor=user("cio"), plan=plan, units=[unit], due_date=due)
    plan.refresh_from_db()
    assert plan.state == "opinion"
    with pytest.raises(Blocked) as blocked:
        plan.workflow.execute(plan, "adopt", actor=user("cio"), data={"synthesis": "종합"})
    assert blocked.value.guards[0].clause_id == "a6.2"
    actions.submit_opinion(actor=user("sponsor_head"), request=request, opinion="보강 요청")
    plan.workflow.execute(plan, "adopt", actor=user("cio"), data={"synthesis": "통관 과제 보강을 반영함"})
    plan.refresh_from_db()
    assert plan.state == "adopted" and plan.synthesis == "통관 과제 보강을 반영함"

"""Chapter 3 rules one by one: strategy, the cycle's dates, required sections, impact reviews, EA conditions."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from itms.accounts.models import Organization, OrgUnit, User
from itms.planning import actions
from itms.planning.models import EAReview, PlanningCycle, ProjectPlan, StrategicPlan
from itms.planning.workflows import needs_bpr_isp
from itms.projects.choices import ProjectKind
from itms.projects.models import BudgetLine, Project
from itms.regulation.models import Obligation
from itms.regulation.workflows import Blocked
from itms.resources.models import InformationSystem

pytestmark = pytest.mark.django_db
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")


def user(username):
    return User.objects.get(username=username)


def project(
    code="2028-T-001", kind=ProjectKind.ENHANCEMENT, budget=500_000_000, start=2028, new_tech=False, systems=("UP-IMP",)
):
    p = Project.objects.create(
        name=f"시험 사업 {code}",
        code=code,
        organization=Organization.objects.get(code="KCS"),
        sponsor_unit=OrgUnit.objects.get(code="KCS-CLP"),
        kind=kind,
        start_year=start,
        end_year=start,
        total_budget=budget,
        is_new_technology=new_tech,
    )
    p.related_systems.set(InformationSystem.objects.filter(code__in=systems))
    return p


def test_a6_1_the_strategic_plan_spans_three_years():
    plan = StrategicPlan(title="전략", start_year=2027, end_year=2030)
    with pytest.raises(ValidationError, match="3년 단위"):
        plan.full_clean()


def test_a6_2_opinion_round_opens_an_obligation_per_unit_and_the_answer_meets_it():
    plan = StrategicPlan.objects.get(start_year=2026)
    units = list(OrgUnit.objects.filter(code__in=["KCS-CLR", "ICN-CIM"]))
    due = dt.date.today() + dt.timedelta(days=20)
    requests = actions.open_opinion_round(actor=user("cio"), plan=plan, units=units, due_date=due)
    assert Obligation.objects.filter(kind="strategy_opinion", status="open").count() == 2
    airport = next(r for r in requests if r.unit.code == "ICN-CIM")
    with pytest.raises(PermissionDenied):
        actions.submit_opinion(actor=user("sponsor"), request=airport, opinion="남의 의견")
    actions.submit_opinion(actor=user("airport_it"), request=airport, opinion="여행자 통관 과제 보강 요청")
    assert Obligation.objects.get(kind="strategy_opinion", subject_id=airport.pk).status == "met"


def test_a8_1_a8_3_a9_1_opening_a_cycle_gives_each_new_project_three_deadlines_in_y_minus_1():
    p = project()
    cycle = actions.open_cycle(actor=user("itplan"), year=2028)
    dues = {o.kind: o.due_date for o in Obligation.objects.filter(subject_id=p.pk, key="cycle-2028")}
    assert dues == {
        "pre_review_request": dt.date(2027, 1, 31),  # a Sunday: it stays in January (act on Friday 1/29)
        "plan_submission": dt.date(2027, 4, 30),
        "detailed_plan_submission": dt.date(2027, 12, 31),
    }
    assert all(
        o.owed_by_unit.code == "KCS-CLP" and o.owed_by_role == "department_head"
        for o in Obligation.objects.filter(subject_id=p.pk, key="cycle-2028")
    )
    assert actions.open_cycle(actor=user("itplan"), year=2028) == cycle  # idempotent
    assert Obligation.objects.filter(subject_id=p.pk, key="cycle-2028").count() == 3


def test_only_the_it_planning_officer_opens_a_cycle():
    with pytest.raises(PermissionDenied):
        actions.open_cycle(actor=user("sponsor"), year=2028)


def test_a9_1_a_notified_deadline_moves_the_detailed_plan_obligations_and_is_recorded():
    p = project()
    cycle = actions.open_cycle(actor=user("itplan"), year=2028)
    with pytest.raises(ValidationError, match="작성지침"):
        actions.notify_detailed_plan_deadline(actor=user("itplan"), cycle=cycle, due=dt.date(2027, 11, 30), notice=" ")
    actions.notify_detailed_plan_deadline(
        actor=user("itplan"), cycle=cycle, due=dt.date(2027, 11, 30), notice="2028년도 세부계획 작성지침 (요약본 포함)"
    )
    obligation = Obligation.objects.get(kind="detailed_plan_submission", subject_id=p.pk)
    assert obligation.due_date == dt.date(2027, 11, 30) and "제9조제1항 단서" in obligation.due_explanation
    later = project(code="2028-T-002")
    actions.enroll_project(actor=user("itplan"), cycle=cycle, project=later)
    assert Obligation.objects.get(kind="detailed_plan_submission", subject_id=later.pk).due_date == dt.date(
        2027, 11, 30
    )


def test_a8_3_every_one_of_the_eleven_sections_is_required():
    p = project()
    cycle = PlanningCycle.objects.get(year=2028)  # opened by the schedule in the demo (cycles.py)
    plan = actions.start_plan(actor=user("sponsor"), cycle=cycle, project=p)
    plan.necessity_effect = "필요"
    plan.save()
    with pytest.raises(Blocked) as blocked:
        plan.workflow.execute(plan, "submit", actor=user("sponsor"))
    assert [g.clause_id for g in blocked.value.guards] == [f"a8.3.{n}" for n in range(2, 12)]
    assert "'2. 대상 업무 및 시스템 구성도'를 작성해야 제출할 수 있습니다." in str(blocked.value)


def test_a8_4_impact_reviews_go_to_each_it_department_operating_a_related_system():
    p = project(systems=("UP-IMP", "UP-PRT", "BIGDATA", "ICN-TRV"))
    cycle = PlanningCycle.objects.get(year=2028)  # opened by the schedule in the demo (cycles.py)
    plan = actions.start_plan(actor=user("sponsor"), cycle=cycle, project=p)
    reviews = actions.request_impact_reviews(plan=plan, actor=user("sponsor"), requested_on=dt.date(2027, 4, 1))
    by_unit = {r.it_unit.code: sorted(s.code for s in r.systems.all()) for r in reviews}
    assert by_unit == {"KCS-SOT": ["UP-IMP", "UP-PRT"], "KCS-DAT": ["BIGDATA"], "ICN-CIM": ["ICN-TRV"]}
    due = Obligation.objects.get(kind="impact_review_reply", subject_id=reviews[0].pk)
    assert due.due_date == dt.date(2027, 4, 15) and due.owed_by_role == "it_department_head"


def test_a8_4_a_plan_changing_systems_must_name_them():
    p = project(systems=())
    cycle = PlanningCycle.objects.get(year=2028)  # opened by the schedule in the demo (cycles.py)
    plan = actions.start_plan(actor=user("sponsor"), cycle=cycle, project=p)
    for field in ProjectPlan.SECTIONS:
        setattr(plan, field, "내용")
    plan.save()
    with pytest.raises(Blocked) as blocked:
        plan.workflow.execute(plan, "submit", actor=user("sponsor"))
    assert [g.clause_id for g in blocked.value.guards] == ["a8.4"]


def test_a8_6_4_the_bpr_isp_review_point_applies_to_system_building_of_10_eok_or_more():
    """a8.6.4 "사업규모가 10억원 이상인 시스템 구축사업": a build or a rebuild (고도화) of 10억원 or more; the
    threshold is the rule pack's parameter. 9억 9,999만 9,999원 is below it; an ISP of 20억원 builds nothing."""
    cycle = PlanningCycle.objects.get(year=2028)  # opened by the schedule in the demo (cycles.py)
    big = ProjectPlan(
        cycle=cycle, project=project(code="2028-T-B", kind=ProjectKind.CONSTRUCTION, budget=1_000_000_000)
    )
    small = ProjectPlan(
        cycle=cycle, project=project(code="2028-T-S", kind=ProjectKind.CONSTRUCTION, budget=999_999_999)
    )
    upgrade = ProjectPlan(
        cycle=cycle, project=project(code="2028-T-U", kind=ProjectKind.ENHANCEMENT, budget=5_000_000_000)
    )
    isp = ProjectPlan(cycle=cycle, project=project(code="2028-T-I", kind=ProjectKind.ISP, budget=2_000_000_000))
    assert [needs_bpr_isp(p) for p in (big, small, upgrade, isp)] == [True, False, True, False]


def test_a7_new_technology_needs_a_preceding_study_or_a_recorded_reason():
    p = project(code="2028-T-AI", new_tech=True, systems=())
    cycle = PlanningCycle.objects.get(year=2028)  # opened by the schedule in the demo (cycles.py)
    plan = actions.start_plan(actor=user("sponsor"), cycle=cycle, project=p)
    plan.changes_systems = False
    for field in ProjectPlan.SECTIONS:
        setattr(plan, field, "내용")
    plan.save()
    plan.workflow.execute(plan, "submit_no_system", actor=user("sponsor"))
    plan.refresh_from_db()
    EAReview.objects.filter(plan=plan).update(effectiveness="있음", duplication="없음", feasibility_budget="적정")
    with pytest.raises(Blocked) as blocked:
        plan.workflow.execute(plan, "to_council", actor=user("itplan"), data={})
    assert [g.clause_id for g in blocked.value.guards] == ["a7"]
    EAReview.objects.filter(plan=plan).update(new_tech_justification="해외 세관 실증 결과로 기술 검증을 갈음")
    statuses = {s.transition.name: s for s in plan.workflow.statuses(plan, user("itplan"))}
    assert statuses["to_council"].available


def test_a8_7_only_the_it_planning_officer_holds_and_needs_a_reason(client_of):
    p = project(code="2028-T-H", systems=())
    cycle = PlanningCycle.objects.get(year=2028)  # opened by the schedule in the demo (cycles.py)
    plan = actions.start_plan(actor=user("sponsor"), cycle=cycle, project=p)
    plan.changes_systems = False
    for field in ProjectPlan.SECTIONS:
        setattr(plan, field, "내용")
    plan.save()
    plan.workflow.execute(plan, "submit_no_system", actor=user("sponsor"))
    with pytest.raises(PermissionDenied):
        plan.workflow.execute(plan, "hold", actor=user("sponsor"), data={"reason": "보류"})
    response = client_of("itplan").post(f"/regulation/workflow/planning/projectplan/{plan.pk}/hold/", {})
    assert response.status_code == 303
    assert ProjectPlan.objects.get(pk=plan.pk).state == "ea_review"  # no reason, no hold


def test_submitted_sections_cannot_be_edited(client_of):
    p = project(code="2028-T-E", systems=())
    cycle = PlanningCycle.objects.get(year=2028)  # opened by the schedule in the demo (cycles.py)
    plan = actions.start_plan(actor=user("sponsor"), cycle=cycle, project=p)
    assert client_of("sponsor").get(f"/planning/project-plans/{plan.pk}/edit/").status_code == 200
    plan.changes_systems = False
    for field in ProjectPlan.SECTIONS:
        setattr(plan, field, "내용")
    plan.save()
    plan.workflow.execute(plan, "submit_no_system", actor=user("sponsor"))
    response = client_of("sponsor").get(f"/planning/project-plans/{plan.pk}/edit/")
    assert response.status_code == 403 and "제출한 뒤에는 수정할 수 없습니다" in response.content.decode()


def test_detailed_plan_refuses_negative_budget_and_an_end_before_the_start():
    p = project(code="2028-T-D", systems=())
    cycle = PlanningCycle.objects.get(year=2028)  # opened by the schedule in the demo (cycles.py)
    with pytest.raises(ValidationError, match="0원 이상"):
        actions.start_detailed_plan(
            actor=user("sponsor"),
            cycle=cycle,
            project=p,
            budget=-1,
            start_date=dt.date(2028, 1, 1),
            end_date=dt.date(2028, 12, 31),
            scope="범위",
        )
    with pytest.raises(ValidationError, match="종료일은 시작일보다"):
        actions.start_detailed_plan(
            actor=user("sponsor"),
            cycle=cycle,
            project=p,
            budget=1,
            start_date=dt.date(2028, 5, 1),
            end_date=dt.date(2028, 4, 30),
            scope="범위",
        )
    assert not p.detailed_plans.exists()  # nothing half-saved


def test_budget_lines_stay_inside_the_project_period_and_are_never_negative():
    p = project(code="2028-T-L", systems=())
    with pytest.raises(ValidationError, match="사업기간"):
        BudgetLine(project=p, year=2030, amount=1).full_clean()
    with pytest.raises(ValidationError, match="0원 이상"):
        BudgetLine(project=p, year=2028, amount=-5).full_clean()
    with pytest.raises(ValidationError, match="단순 구매비"):
        BudgetLine(project=p, year=2028, amount=5, hw_sw_purchase=6).full_clean()


def test_a_late_pre_review_is_accepted_and_marked_late():
    p = project(code="2028-T-LATE", systems=())
    with time_machine.travel(dt.datetime(2027, 1, 5, tzinfo=SEOUL), tick=False):
        cycle = actions.open_cycle(actor=user("itplan"), year=2028)
    with time_machine.travel(dt.datetime(2027, 2, 3, 9, tzinfo=SEOUL), tick=False):
        review = actions.start_pre_review(actor=user("sponsor"), cycle=cycle, project=p)
        for field in review.SECTIONS:
            setattr(review, field, "내용")
        review.save()
        review.workflow.execute(review, "submit", actor=user("sponsor"))
    obligation = Obligation.objects.get(kind="pre_review_request", subject_id=p.pk)
    assert obligation.display_status() == "met_late"


def test_portfolio_and_cycle_board_render_for_the_sponsor(client_of):
    client = client_of("sponsor")
    portfolio = client.get("/planning/portfolio/")
    assert portfolio.status_code == 200 and "사업유형별 예산" in portfolio.content.decode()
    cycle = PlanningCycle.objects.get(year=2027)
    board = client.get(f"/planning/planning-cycles/{cycle.pk}/")
    assert board.status_code == 200 and 'data-testid="cycle-board"' in board.content.decode()
    project_page = client.get(Project.objects.get(code="2027-CLP-002").get_absolute_url()).content.decode()
    assert 'data-testid="project-line"' in project_page and "사업계획서" in project_page


def test_bad_input_on_the_planning_forms_is_refused_in_korean_and_changes_nothing(client_of, unchanged):
    cycle = PlanningCycle.objects.get(year=2027)
    client = client_of("itplan")
    with unchanged():
        response = client.post(f"/planning/cycles/{cycle.pk}/notify-deadline/", {"notice-due": "2026-13-01"})
    assert response.status_code == 303
    page = client.get(response["Location"]).content.decode()
    assert "입력 내용을 확인하십시오" in page
    sponsor = client_of("sponsor")
    with unchanged():
        response = sponsor.post(
            f"/planning/cycles/{cycle.pk}/start/detailed/",
            {
                "detailed-project": Project.objects.get(code="2027-CLP-001").pk,
                "detailed-budget": "-5",
                "detailed-start_date": "2027-05-01",
                "detailed-end_date": "2027-04-01",
                "detailed-scope": "범위",
            },
        )
    assert response.status_code == 303
    assert client_of("sponsor").get(f"/planning/cycles/{cycle.pk}/notify-deadline/").status_code == 405


def test_a8_1_starting_the_plan_does_not_reopen_the_met_pre_review_deadline():
    p = project(code="2028-T-ONCE", systems=())
    cycle = actions.open_cycle(actor=user("itplan"), year=2028)
    review = actions.start_pre_review(actor=user("sponsor"), cycle=cycle, project=p)
    for field in review.SECTIONS:
        setattr(review, field, "내용")
    review.save()
    review.workflow.execute(review, "submit", actor=user("sponsor"))
    actions.start_plan(actor=user("sponsor"), cycle=cycle, project=p)
    pre_review = Obligation.objects.filter(kind="pre_review_request", subject_id=p.pk)
    assert pre_review.count() == 1 and pre_review.get().status == "met"
    assert Project.objects.get(pk=p.pk).stage == "pre_review"


def test_the_cycle_board_of_a_large_agency_is_read_a_page_at_a_time(client_of):
    """Hundreds of projects start in a year: 50 rows a page, a bounded query count, and no select of every project."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from itms.planning.views import BOARD_PAGE_SIZE
    from itms.projects.factories import ProjectFactory

    cycle = PlanningCycle.objects.get(year=2027)
    ProjectFactory.create_batch(120)
    total = Project.objects.filter(start_year=2027).count()
    client = client_of("itplan")
    with CaptureQueriesContext(connection) as first_page:
        html = client.get(f"/planning/planning-cycles/{cycle.pk}/").content.decode()
    assert html.count('<a href="/projects/projects/') >= BOARD_PAGE_SIZE
    assert f"전체 {total}건 중 1–{BOARD_PAGE_SIZE}" in html
    assert html.count("<option") < 20  # the start forms search projects instead of listing them
    last = client.get(f"/planning/planning-cycles/{cycle.pk}/", {"page": 99}).content.decode()
    assert f"–{total}</p>" in last

    ProjectFactory.create_batch(60)
    with CaptureQueriesContext(connection) as more:
        client.get(f"/planning/planning-cycles/{cycle.pk}/")
    assert len(more) == len(first_page)

"""Next year's planning cycle opens by itself (a8.1), and a new project joins the cycle whose deadlines are ahead.

Worked dates for the 2029 cycle (projects starting in 2029, prepared during 2028): its pre-review request is due
2028. 1. 31. (a8.1), so with the rule pack's default (cycle_opening_months_before = 1) the system opens it on
2027. 12. 1.; its plan is due 2028. 4. 30. (a8.3) and its detailed plan 2028. 12. 31. (a9.1).
"""

import datetime as dt
import zoneinfo
from io import StringIO

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command

from itms.accounts.models import Organization, OrgUnit, User
from itms.audit.models import LegalEvent
from itms.planning import cycles
from itms.planning.models import PlanningCycle
from itms.planning.tasks import open_planning_cycles_task
from itms.projects.models import Project
from itms.regulation.actions import change_parameter
from itms.regulation.models import Obligation, Parameter

pytestmark = pytest.mark.django_db
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")


def at(year, month, day, hour=6):
    return time_machine.travel(dt.datetime(year, month, day, hour, tzinfo=SEOUL), tick=False)


def project(code, start):
    return Project.objects.create(
        name=f"시험 사업 {code}",
        code=code,
        organization=Organization.objects.get(code="KCS"),
        sponsor_unit=OrgUnit.objects.get(code="KCS-CLP"),
        kind="enhancement",
        start_year=start,
        end_year=start,
        total_budget=100_000_000,
    )


def deadlines(p):
    return {o.kind: o.due_date for o in Obligation.objects.filter(subject_id=p.pk, subject_type__model="project")}


def test_a8_1_the_cycle_opens_on_the_first_of_the_month_before_its_pre_review_deadline():
    assert cycles.pre_review_deadline(2029) == dt.date(2028, 1, 31)
    assert cycles.opening_date(2029) == dt.date(2027, 12, 1)
    assert cycles.opening_date(2028) == dt.date(2026, 12, 1)


def test_a8_1_the_opening_day_is_a_rule_pack_parameter():
    """0 months: the cycle opens when its preparation year starts."""
    parameter = Parameter.objects.get(key="cycle_opening_months_before")
    with at(2026, 12, 1):
        change_parameter(
            actor=User.objects.get(username="itplan"),
            parameter=parameter,
            value=0,
            effective_from=dt.date(2026, 12, 2),
            reason="준비 연도 1월 1일에 열기로 함",
        )
    assert cycles.opening_date(2029, on=dt.date(2027, 6, 1)) == dt.date(2028, 1, 1)


def test_a8_1_a8_3_a9_1_cycle_2029_opens_by_itself_on_2027_12_1_with_its_deadlines_ahead():
    early = project("2029-SCH-1", 2029)
    with at(2027, 11, 30):
        assert cycles.run_schedule().opened == []
    assert not PlanningCycle.objects.filter(year=2029).exists()

    with at(2027, 12, 1):
        result = cycles.run_schedule()
    assert result.opened == [2029] and result.enrolled == 1
    cycle = PlanningCycle.objects.get(year=2029)
    assert cycle.opened_by is None and cycle.opened_at.astimezone(SEOUL).date() == dt.date(2027, 12, 1)
    assert deadlines(early) == {
        "pre_review_request": dt.date(2028, 1, 31),
        "plan_submission": dt.date(2028, 4, 30),
        "detailed_plan_submission": dt.date(2028, 12, 31),
    }
    event = LegalEvent.objects.get(subject_type="planning.planningcycle", subject_id=str(cycle.pk))
    assert event.actor is None and event.actor_name == "정보화관리시스템(자동)"
    assert event.clause_ids == ["a8.1", "a8.3", "a9.1"] and "자동 개시" in event.summary

    # Idempotent: the next run (same day or later) opens and enrols nothing twice, and chains nothing more.
    with at(2027, 12, 2):
        again = cycles.run_schedule()
    assert (again.opened, again.enrolled) == ([], 0)
    assert LegalEvent.objects.filter(subject_type="planning.planningcycle", subject_id=str(cycle.pk)).count() == 1
    assert Obligation.objects.filter(subject_id=early.pk, key="cycle-2029").count() == 3


def test_a8_1_a_project_registered_before_the_deadline_joins_the_open_cycle_on_time():
    with at(2027, 12, 1):
        cycles.run_schedule()
    late_in_december = project("2029-SCH-2", 2029)
    with at(2028, 1, 10):
        assert cycles.run_schedule().enrolled == 1
    obligation = Obligation.objects.get(subject_id=late_in_december.pk, kind="pre_review_request")
    with at(2028, 1, 10):
        assert obligation.display_status() == "open"  # not late: 2028. 1. 31. is ahead


def test_a8_1_a_project_registered_after_the_deadline_is_not_counted_late_and_is_pointed_to_the_next_cycle(
    client_of,
):
    """a8.1 sets one date a year: a project registered after 2028. 1. 31. has missed the 2029 cycle. The system
    makes no deadline it could not have met; the project page says it can join the 2030 cycle on time."""
    with at(2027, 12, 1):
        cycles.run_schedule()
    with at(2028, 2, 10):
        missed = project("2029-SCH-3", 2029)
        assert cycles.run_schedule().enrolled == 0
        assert cycles.next_joinable_year() == 2030
        html = client_of("sponsor").get(missed.get_absolute_url()).content.decode()
    assert deadlines(missed) == {}
    assert "2029년도 주기의 사전검토 의뢰 기한(2028. 1. 31.(월))이 지났습니다" in html
    assert "2030년 시작 사업으로 바꾸면 그 해 주기에 기한 안에 들어갑니다" in html
    assert 'data-testid="step-action"' in html  # a late request is still the department's to make

    next_year = project("2030-SCH-1", 2030)
    with at(2028, 12, 1):
        result = cycles.run_schedule()
    assert result.opened == [2030]
    assert deadlines(next_year)["pre_review_request"] == dt.date(2029, 1, 31)


def test_the_schedule_runs_daily_from_celery_beat_and_from_the_command():
    entry = settings.CELERY_BEAT_SCHEDULE["open-planning-cycles"]
    assert entry["task"] == open_planning_cycles_task.name
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({5}, {30})
    with at(2027, 12, 1):
        result = open_planning_cycles_task.delay().get()
        out = StringIO()
        call_command("open_planning_cycles", "--date", "2027-12-01", stdout=out)
    assert result == {"today": "2027-12-01", "opened": [2029], "enrolled": 0}
    assert out.getvalue().strip() == "계획 주기 자동 개시: 없음, 새로 등록된 사업 0건"


def test_the_demo_shows_this_years_cycle_and_the_next_one_opened_by_the_schedule():
    current, following = PlanningCycle.objects.get(year=2027), PlanningCycle.objects.get(year=2028)
    assert current.opened_by.username == "itplan"
    assert following.opened_at is not None and following.opened_by is None

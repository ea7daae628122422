"""Chapter 3's record types pass the generic suites."""

from itms.accounts.models import Organization, OrgUnit, User
from itms.planning import actions
from itms.planning.models import (
    EAReview,
    PlanningCycle,
    PreReview,
    ProjectPlan,
    StrategicGoal,
    StrategicPlan,
    StrategicTask,
)
from itms.projects.choices import ProjectKind
from itms.projects.models import Project
from itms.resources.models import InformationSystem
from itms.testing.suites import ObjectTypeTests


def _cycle(year):
    return PlanningCycle.objects.get_or_create(year=year)[0]


def _projects(n, year=2029):
    base = Project.objects.count()
    projects = []
    for i in range(n):
        project = Project.objects.create(
            name=f"시험 사업 {base + i}",
            code=f"G-{base + i}",
            organization=Organization.objects.get(code="KCS"),
            sponsor_unit=OrgUnit.objects.get(code="KCS-CLP"),
            kind=ProjectKind.ENHANCEMENT,
            start_year=year,
            end_year=year,
            total_budget=300_000_000,
        )
        project.related_systems.set(InformationSystem.objects.filter(code="UP-IMP"))
        projects.append(project)
    return projects


def _plans(n):
    cycle = _cycle(2029)
    return [ProjectPlan.objects.create(cycle=cycle, project=p) for p in _projects(n)]


class TestStrategicPlan(ObjectTypeTests):
    label = "planning.strategicplan"

    def make(self, n):
        return [
            StrategicPlan.objects.create(title=f"전략계획 {i}", start_year=2029 + i, end_year=2031 + i)
            for i in range(n)
        ]

    def create_data(self):
        return {"title": "차기 전략계획", "start_year": 2029, "end_year": 2031, "vision": "비전"}

    def update_data(self, obj):
        return {"title": obj.title, "start_year": obj.start_year, "end_year": obj.end_year, "vision": "새 비전"}

    def invalid_data(self):
        return {"title": "4년 계획", "start_year": 2029, "end_year": 2032}, "end_year"


class TestStrategicGoal(ObjectTypeTests):
    label = "planning.strategicgoal"

    def make(self, n):
        plan = StrategicPlan.objects.create(title="시험 전략", start_year=2030, end_year=2032)
        return [StrategicGoal.objects.create(plan=plan, number=i + 1, title=f"목표 {i}") for i in range(n)]

    def create_data(self):
        return {"plan": StrategicPlan.objects.get(start_year=2026).pk, "number": 9, "title": "정보보호 강화"}

    def update_data(self, obj):
        return {"plan": obj.plan_id, "number": obj.number, "title": obj.title + " (수정)"}

    def invalid_data(self):
        return {
            "plan": StrategicPlan.objects.get(start_year=2026).pk,
            "number": "첫째",
            "title": "번호가 글자",
        }, "number"


class TestStrategicTask(ObjectTypeTests):
    label = "planning.strategictask"

    def make(self, n):
        goal = StrategicGoal.objects.first()
        return [
            StrategicTask.objects.create(goal=goal, number=100 + StrategicTask.objects.count() + i, title=f"과제 {i}")
            for i in range(n)
        ]

    def create_data(self):
        return {"goal": StrategicGoal.objects.first().pk, "number": 50, "title": "클라우드 전환"}

    def update_data(self, obj):
        return {"goal": obj.goal_id, "number": obj.number, "title": obj.title, "description": "설명"}

    def invalid_data(self):
        return {"goal": StrategicGoal.objects.first().pk, "number": "", "title": "번호 없음"}, "number"


class TestOpinionRequest(ObjectTypeTests):
    label = "planning.opinionrequest"

    def make(self, n):
        import datetime as dt

        plan = StrategicPlan.objects.create(
            title=f"의견용 전략 {StrategicPlan.objects.count()}", start_year=2031, end_year=2033
        )
        units = OrgUnit.objects.filter(parent__isnull=True)[:n]
        return actions.open_opinion_round(
            actor=User.objects.get(username="cio"),
            plan=plan,
            units=units,
            due_date=dt.date.today() + dt.timedelta(days=10),
        )


class TestPlanningCycle(ObjectTypeTests):
    label = "planning.planningcycle"

    def make(self, n):
        return [_cycle(2040 + PlanningCycle.objects.count() + i) for i in range(n)]


class TestPreReview(ObjectTypeTests):
    label = "planning.prereview"

    def make(self, n):
        cycle = _cycle(2029)
        return [PreReview.objects.create(cycle=cycle, project=p) for p in _projects(n)]

    def update_data(self, obj):
        return {"cycle": obj.cycle_id, "project": obj.project_id, "need_content_effect": "필요성과 효과"}


class TestProjectPlan(ObjectTypeTests):
    label = "planning.projectplan"

    def make(self, n):
        return _plans(n)

    def update_data(self, obj):
        return {"cycle": obj.cycle_id, "project": obj.project_id, "changes_systems": "on", "necessity_effect": "필요성"}


class TestImpactReview(ObjectTypeTests):
    label = "planning.impactreview"

    def make(self, n):
        reviews = []
        for plan in _plans(n):
            reviews += actions.request_impact_reviews(plan=plan, actor=User.objects.get(username="sponsor"))
        return reviews


class TestEAReview(ObjectTypeTests):
    label = "planning.eareview"

    def make(self, n):
        plans = _plans(n)
        ProjectPlan.objects.filter(pk__in=[p.pk for p in plans]).update(state="ea_review")
        return [EAReview.objects.create(plan=p) for p in plans]

    def update_data(self, obj):
        return {
            "effectiveness": "효과 있음",
            "duplication": "없음",
            "feasibility_budget": "적정",
            "bpr_isp": "",
            "new_tech_justification": "",
        }


class TestDetailedPlan(ObjectTypeTests):
    label = "planning.detailedplan"

    def make(self, n):
        import datetime as dt

        return [
            actions.start_detailed_plan(
                actor=User.objects.get(username="sponsor"),
                cycle=_cycle(2029),
                project=p,
                budget=300_000_000,
                start_date=dt.date(2029, 3, 1),
                end_date=dt.date(2029, 12, 31),
                scope="범위",
            )
            for p in _projects(n)
        ]

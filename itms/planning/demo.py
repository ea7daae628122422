"""Demo planning: a 3-year strategy, the 2027 cycle in the state it would be in late 2026, and the 2028 cycle that
opened by itself on 2026. 12. 1. (itms.planning.cycles)."""

from __future__ import annotations

from django.db import transaction

from itms.accounts.models import User
from itms.projects.models import Project
from itms.resources.models import InformationSystem

from . import actions, cycles
from .models import PlanningCycle, PreReview, ProjectPlan, StrategicGoal, StrategicPlan, StrategicTask

GOALS = [
    ("데이터 기반 지능형 관세행정", ["인공지능 위험관리 고도화", "관세 빅데이터 활용 확대"]),
    ("국민 편의 통관 서비스", ["전자상거래 통관 자동화", "여행자 통관 간소화"]),
    ("안정적인 정보자원 운영", ["UNI-PASS 안정 운영", "정보자원 현행화"]),
]
TEXT = "관세청 정보화 추진 방향에 따라 작성한 내용입니다."


@transaction.atomic
def build_demo_planning() -> None:
    itplan = User.objects.get(username="itplan")
    sponsor = User.objects.get(username="sponsor")
    plan, created = StrategicPlan.objects.get_or_create(
        title="관세행정 중장기 정보화 전략계획 (2026~2028)",
        defaults={"start_year": 2026, "end_year": 2028, "vision": "데이터와 인공지능으로 여는 스마트 관세행정"},
    )
    if created:
        for number, (goal_title, tasks) in enumerate(GOALS, start=1):
            goal = StrategicGoal.objects.create(plan=plan, number=number, title=goal_title)
            for task_number, task_title in enumerate(tasks, start=1):
                StrategicTask.objects.create(goal=goal, number=task_number, title=task_title)
    links = {
        "2027-CLP-001": "인공지능 위험관리 고도화",
        "2027-DAT-001": "관세 빅데이터 활용 확대",
        "2027-CLP-002": "전자상거래 통관 자동화",
        "2026-SOT-001": "UNI-PASS 안정 운영",
        "2027-ICN-001": "여행자 통관 간소화",
        "2027-DAT-002": "관세 빅데이터 활용 확대",
    }
    for code, task in links.items():
        Project.objects.get(code=code).strategic_tasks.add(StrategicTask.objects.get(goal__plan=plan, title=task))
    systems = {
        "2027-CLP-002": ["UP-IMP", "UP-PRT", "BIGDATA"],
        "2027-DAT-001": ["BIGDATA", "UP-IMP", "UP-EXP", "UP-CRG"],
        "2027-CLP-001": ["UP-SRV", "ICN-TRV"],
    }
    for code, system_codes in systems.items():
        Project.objects.get(code=code).related_systems.add(*InformationSystem.objects.filter(code__in=system_codes))

    # Opened once: a second seed_demo must not enrol projects registered since (e.g. a maintenance request
    # converted into a 2027 project by the operations demo), whose a8.1 deadline had passed when they came.
    opened = PlanningCycle.objects.filter(year=2027, opened_at__isnull=False).first()
    cycle = opened or actions.open_cycle(actor=itplan, year=2027)
    ai_xray = Project.objects.get(code="2027-CLP-001")
    if not PreReview.objects.filter(cycle=cycle, project=ai_xray).exists():
        review = actions.start_pre_review(actor=sponsor, cycle=cycle, project=ai_xray)
        for field in PreReview.SECTIONS:
            setattr(review, field, TEXT)
        review.save()
        review.workflow.execute(review, "submit", actor=sponsor)
    ecommerce = Project.objects.get(code="2027-CLP-002")
    if not ProjectPlan.objects.filter(cycle=cycle, project=ecommerce).exists():
        plan_record = actions.start_plan(actor=sponsor, cycle=cycle, project=ecommerce)
        for field in ProjectPlan.SECTIONS:
            setattr(plan_record, field, TEXT)
        plan_record.save()
        plan_record.workflow.execute(plan_record, "submit", actor=sponsor)
    # Next year's cycle, as the schedule opens it (cycle_opening_months_before: the 1st of the month before the
    # a8.1 deadline 2027. 1. 31.), by the system; its projects join while its deadlines are ahead.
    next_cycle = actions.start_cycle(year=2028)
    cycles.enroll_new_projects(next_cycle)

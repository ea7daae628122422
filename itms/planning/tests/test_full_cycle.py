"""A full planning cycle for Y = 2027, walked through the 2026 calendar (issue 5's "done when").

Pre-review on time; the plan a day late; impact reviews; a 12억원 construction project without
BPR/ISP blocked at the EA review; a hold; the council's decision setting priority and budget; a
detailed-plan adjustment re-opening impact reviews, one reply rolled past 추석 and one late; the export.
"""

import datetime as dt
import io
import zoneinfo

import openpyxl
import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from itms.accounts.models import Organization, OrgUnit, User
from itms.governance import actions as governance
from itms.governance.choices import AttendanceStatus, ResolutionEffect
from itms.governance.models import Body
from itms.governance.models.bodies import seat_holders
from itms.notifications.models import Notification
from itms.planning import actions
from itms.planning.models import DetailedPlan, ImpactReview, PlanningCycle, PreReview, ProjectPlan
from itms.planning.national_plan import national_plan_hwpx, national_plan_xlsx
from itms.projects.choices import ProjectKind
from itms.projects.models import Project
from itms.regulation.models import Obligation
from itms.regulation.workflows import Blocked
from itms.resources.models import InformationSystem

pytestmark = pytest.mark.django_db
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")


def on(year, month, day, hour=10):
    return time_machine.travel(dt.datetime(year, month, day, hour, tzinfo=SEOUL), tick=False)


def user(username):
    return User.objects.get(username=username)


def fill(record, fields):
    for field in fields:
        setattr(record, field, f"{record._meta.get_field(field).verbose_name}에 대한 작성 내용")
    record.save()


def cycle_obligation(kind, project):
    return Obligation.objects.get(kind=kind, subject_id=project.pk, key="cycle-2027")


@pytest.fixture
def refund_project():
    """A 12억원 construction project starting in 2027, touching systems of two IT departments."""
    project = Project.objects.create(
        name="관세 환급 자동화 시스템 구축",
        code="2027-CLP-077",
        organization=Organization.objects.get(code="KCS"),
        sponsor_unit=OrgUnit.objects.get(code="KCS-CLP"),
        kind=ProjectKind.CONSTRUCTION,
        start_year=2027,
        end_year=2027,
        total_budget=1_200_000_000,
    )
    project.related_systems.set(InformationSystem.objects.filter(code__in=["UP-REF", "BIGDATA"]))
    return project


def test_full_cycle_for_2027_through_the_2026_calendar(refund_project):
    sponsor, itplan = user("sponsor"), user("itplan")
    project = refund_project

    # 1. The 정보기획담당관 opens the cycle: the sponsor owes three calendar submissions of 2026.
    with on(2026, 1, 5):
        cycle = actions.open_cycle(actor=itplan, year=2027)
    # 1/31 is a Saturday: the deadline stays in January, and the sponsor is told to act on Friday 1/30.
    assert cycle_obligation("pre_review_request", project).due_date == dt.date(2026, 1, 31)
    assert (
        "토요일이므로 전 근무일 2026. 1. 30.(금)까지" in cycle_obligation("pre_review_request", project).due_explanation
    )
    assert cycle_obligation("plan_submission", project).due_date == dt.date(2026, 4, 30)
    assert cycle_obligation("detailed_plan_submission", project).due_date == dt.date(2026, 12, 31)

    # 2. Pre-review on time (a8.1), the result with its three findings notified to the sponsor (a8.2).
    with on(2026, 1, 29):
        pre = actions.start_pre_review(actor=sponsor, cycle=cycle, project=project)
        with pytest.raises(Blocked) as blocked:
            pre.workflow.execute(pre, "submit", actor=sponsor)
        assert [g.clause_id for g in blocked.value.guards] == ["a8.1.1", "a8.1.2", "a8.1.3", "a8.1.4", "a8.1.5"]
        fill(pre, PreReview.SECTIONS)
        pre.workflow.execute(pre, "submit", actor=sponsor)
    assert cycle_obligation("pre_review_request", project).display_status() == "met"
    with on(2026, 2, 6):
        pre.refresh_from_db()
        pre.workflow.execute(
            pre,
            "notify_result",
            actor=itplan,
            data={
                "duplication_finding": "기존 환급 서브시스템과 기능 일부 중복",
                "reuse_finding": "환급 심사 모듈 재활용",
                "integration_finding": "빅데이터 플랫폼과 연계",
                "materials": "환급 처리 통계 3년분",
            },
        )
    assert Notification.objects.filter(recipient__username="sponsor_head", title__contains="사전검토 결과").exists()

    # 3. The plan, a day late (a8.3): accepted, marked late; impact reviews to both IT departments (a8.4).
    with on(2026, 5, 1):
        plan = actions.start_plan(actor=sponsor, cycle=cycle, project=project)
        fill(plan, ProjectPlan.SECTIONS)
        plan.workflow.execute(plan, "submit", actor=sponsor)
    assert cycle_obligation("plan_submission", project).display_status() == "met_late"
    first_round = {r.it_unit.code: r for r in ImpactReview.objects.filter(plan=plan)}
    assert set(first_round) == {"KCS-SOT", "KCS-DAT"}
    reply_due = Obligation.objects.get(kind="impact_review_reply", subject_id=first_round["KCS-SOT"].pk)
    assert reply_due.due_date == dt.date(2026, 5, 15)
    with on(2026, 5, 12):
        for review in first_round.values():
            head = "security" if review.it_unit.code == "KCS-SOT" else "itdept"
            with pytest.raises(PermissionDenied):  # the sponsor cannot answer for the IT department
                review.workflow.execute(review, "reply", actor=sponsor, data={"reply": "x"})
            review.workflow.execute(
                review, "reply", actor=user(head), data={"reply": "환급 서브시스템 인터페이스 변경 필요"}
            )
            review.refresh_from_db()
            review.workflow.execute(review, "reflect", actor=sponsor, data={"reflection": "연계 설계에 반영"})

    # 4. EA review: the 12억원 construction project cannot go to the council before the 정보기획담당관 has written the
    #    BPR/ISP review point (a8.6.4); the 정보기획담당관 holds it (a8.7) until the sponsor has an ISP plan.
    with on(2026, 5, 20):
        plan.refresh_from_db()
        plan.workflow.execute(plan, "begin_ea_review", actor=itplan)
        plan.refresh_from_db()
        ea = plan.ea_review
        ea.effectiveness, ea.duplication, ea.feasibility_budget = "효과 있음", "중복 없음(연계로 해소)", "예산 적정"
        ea.save()
        council = Body.objects.get(name="정보화실무협의회")
        meeting = governance.convene_meeting(
            actor=user("council"), body=council, scheduled_at=dt.datetime(2026, 6, 30, 10, tzinfo=SEOUL)
        )
        with pytest.raises(Blocked) as blocked:
            plan.workflow.execute(plan, "to_council", actor=itplan, data={"meeting": meeting})
        assert [g.clause_id for g in blocked.value.guards] == ["a8.6.4"]
        plan.workflow.execute(plan, "hold", actor=itplan, data={"reason": "선행 ISP 없이 10억원 이상 구축 추진"})
        plan.refresh_from_db()
        project.refresh_from_db()
    assert plan.state == "on_hold" and plan.hold_reason.startswith("선행 ISP")
    assert project.stage == "on_hold"  # the stage follows the plan, through the engine

    # The ISP is done: the hold is lifted with a reason, the review point is written, the plan goes to the council.
    with on(2026, 6, 15):
        isp = Project.objects.create(
            name="환급 업무 ISP",
            code="2026-CLP-ISP",
            organization=project.organization,
            sponsor_unit=project.sponsor_unit,
            kind=ProjectKind.ISP,
            start_year=2026,
            end_year=2026,
            total_budget=200_000_000,
        )
        project.preceded_by.add(isp)
        plan.workflow.execute(plan, "resume", actor=itplan, data={"reason": "환급 업무 ISP 완료(2026)"})
        plan.refresh_from_db()
        assert plan.hold_lifted_reason == "환급 업무 ISP 완료(2026)"
        ea = plan.ea_review
        ea.bpr_isp = "2026년 환급 업무 ISP 결과를 반영함"
        ea.save()
        plan.workflow.execute(plan, "to_council", actor=itplan, data={"meeting": meeting})
    item = meeting.items.get(subject_id=plan.pk)

    # 5. The council decides (a8.8): priority 1, budget adjusted to 11억원.
    with on(2026, 6, 30):
        seats = list(meeting.registered_memberships())
        for seat in seats[:6]:
            governance.record_attendance(
                actor=user("council"), meeting=meeting, membership=seat, status=AttendanceStatus.PRESENT
            )
        chair_seat = next(s for s in seats if s.is_chair)
        governance.record_attendance(
            actor=user("council"), meeting=meeting, membership=chair_seat, status=AttendanceStatus.PRESENT
        )
        meeting.workflow.execute(meeting, "open", actor=user("council"))
        governance.open_voting(actor=user("council"), item=item)
        holders = seat_holders(seats, meeting.meeting_date)
        present = [a.membership for a in meeting.attendance.all()]
        for seat in present:
            governance.cast_vote(actor=user("council"), item=item, membership=seat, choice="for")
        governance.close_vote(
            actor=user("council"),
            item=item,
            effect=ResolutionEffect.APPROVE_ADJUSTED,
            priority_rank=1,
            adjusted_budget=1_100_000_000,
        )
    plan.refresh_from_db()
    project.refresh_from_db()
    assert (plan.state, plan.priority_rank, plan.approved_budget) == ("approved", 1, 1_100_000_000)
    assert project.stage == "deliberated" and holders

    # 6. Detailed plan (a9): submitted early, reviewed, adjusted — the adjustment re-opens impact reviews (a9.3).
    with on(2026, 9, 1):
        detailed = actions.start_detailed_plan(
            actor=sponsor,
            cycle=cycle,
            project=project,
            budget=1_100_000_000,
            start_date=dt.date(2027, 3, 2),
            end_date=dt.date(2027, 12, 31),
            scope="환급 신청·심사·지급 자동화",
        )
        detailed.workflow.execute(detailed, "submit", actor=sponsor)
    assert cycle_obligation("detailed_plan_submission", project).display_status() == "met"
    with on(2026, 9, 9):
        detailed.refresh_from_db()
        detailed.workflow.execute(
            detailed,
            "review",
            actor=itplan,
            data={
                "duplication": "없음",
                "reuse": "환급 심사 모듈",
                "technology_security": "적합",
                "targets_budget": "감액 필요",
                "period": "적정",
            },
        )
    with on(2026, 9, 10):
        detailed.refresh_from_db()
        version = actions.adjust_detailed_plan(
            actor=itplan, detailed_plan=detailed, reason="예산 협의 감액", budget=1_050_000_000
        )
    assert version.number == 2
    assert actions.version_diff(detailed.versions.get(number=1), version) == [
        ("사업비", "1,100,000,000원", "1,050,000,000원")
    ]
    second_round = {r.it_unit.code: r for r in ImpactReview.objects.filter(plan=plan, round=2)}
    assert set(second_round) == {"KCS-SOT", "KCS-DAT"}
    due = Obligation.objects.get(kind="impact_review_reply", subject_id=second_round["KCS-SOT"].pk)
    # 9/10 + 14 = 9/24, which is 추석 (9/24–26), then Sunday 9/27 → 2026. 9. 28.(월).
    assert due.due_date == dt.date(2026, 9, 28) and "추석" in due.due_explanation
    with on(2026, 9, 28):
        review = second_round["KCS-SOT"]
        review.workflow.execute(review, "reply", actor=user("security"), data={"reply": "영향 없음"})
    with on(2026, 9, 29):
        review = second_round["KCS-DAT"]
        review.workflow.execute(review, "reply", actor=user("itdept"), data={"reply": "적재 일정 조정 필요"})
    statuses = {
        code: Obligation.objects.get(kind="impact_review_reply", subject_id=r.pk).display_status()
        for code, r in second_round.items()
    }
    assert statuses == {"KCS-SOT": "met", "KCS-DAT": "met_late"}
    with on(2026, 9, 30):
        detailed.refresh_from_db()
        with pytest.raises(Blocked) as blocked:  # the re-opened reviews are not reflected yet
            detailed.workflow.execute(detailed, "to_council", actor=itplan, data={"meeting": meeting})
        assert [g.clause_id for g in blocked.value.guards] == ["a9.3"]

    # 7. The national plan export (a10): the approved project with its priority and adjusted budget.
    sheet = openpyxl.load_workbook(io.BytesIO(national_plan_xlsx(PlanningCycle.objects.get(year=2027)))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2, max_row=sheet.max_row)]
    ours = next(row for row in rows if row[1] == "2027-CLP-077")
    assert ours[0] == 1 and ours[2] == "관세 환급 자동화 시스템 구축" and ours[8] == 1_100_000_000
    assert sheet.cell(1, 1).value == "우선순위"
    from hwpx.document import HwpxDocument

    summary = HwpxDocument.open(io.BytesIO(national_plan_hwpx(cycle)))
    assert summary.validate().ok and "관세 환급 자동화 시스템 구축" in summary.text.plain()
    assert DetailedPlan.objects.get(pk=detailed.pk).state == "reviewed"

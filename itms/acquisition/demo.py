"""Demo acquisition: the expert list, the committees' scopes, and one project at each step of Chapter 4.

Every project here is carried to its step by the real procedure — its plan deliberated by the council (a8.8), then
사전협의, RFP, 보안성 검토, 과업심의 (on the 과업심의위원회's meeting), ordering, the draw and the evaluation — through
the same actions and workflows the screens use. Building twice changes nothing (projects by code; a project that
already has records is left as it is).

| code | where it stands |
|---|---|
| 2027-CLP-003 | plan deliberated, acquisition not started (the walk-through of the browser test starts here) |
| 2027-CLP-004 | 사전협의: MOIS's results replied, to be reflected |
| 2027-CLP-005 | 보안성 검토 requested with the draft RFP, findings being written |
| 2027-CLP-006 | 과업심의 on the agenda of the 과업심의위원회 |
| 2027-CLP-007 | ordering requested, legal checklist under review |
| 2027-CLP-008 | evaluator draw sealed, waiting for the witnesses' numbers |
| 2027-CLP-009 | evaluation in session: the evaluators are scoring |
| 2027-CLP-010 | evaluation locked, ranked and sent to 조달청 (its draw passes ``verify_draw``) |
| 2027-CLP-011 | suitability evaluation of a sole bidder, locked: 적합 |
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from itms.accounts.demo import ensure
from itms.accounts.models import Company, Organization, OrgUnit, User
from itms.accounts.validators import complete_business_number
from itms.governance.choices import AttendanceStatus, BodyKind, MeetingState, ResolutionEffect, VoteChoice
from itms.governance.models import Body, Meeting
from itms.projects.choices import FundingSource, ProjectKind
from itms.projects.models import Project

from . import actions
from .choices import CheckResult, ContactOutcome, ItemKind, SelfCheckAnswer
from .models import (
    Evaluation,
    Expert,
    ExpertEmployment,
    ExpertExclusion,
    ExpertField,
    Proposal,
    TaskCommitteeScope,
)

TEXT = "관세청 정보화 추진 방향에 따라 작성한 내용입니다."
STEPS = (
    "deliberated",
    "consultation",
    "security",
    "deliberation",
    "ordering",
    "draw",
    "scoring",
    "locked",
    "suitability",
)
PROJECTS = [
    # code, name, kind, budget, step, interlinked agencies
    (
        "2027-CLP-003",
        "해외직구 통관 데이터 연계 플랫폼 구축",
        ProjectKind.CONSTRUCTION,
        1_500_000_000,
        "deliberated",
        "",
    ),
    (
        "2027-CLP-004",
        "수입신고 자동심사 고도화",
        ProjectKind.ENHANCEMENT,
        800_000_000,
        "consultation",
        "국세청\n식품의약품안전처",
    ),
    ("2027-CLP-005", "통관 위험관리 시스템 재구축", ProjectKind.CONSTRUCTION, 2_100_000_000, "security", ""),
    ("2027-CLP-006", "전자통관 민원포털 개편", ProjectKind.ENHANCEMENT, 650_000_000, "deliberation", ""),
    ("2027-CLP-007", "관세 환급 심사 지원시스템 구축", ProjectKind.CONSTRUCTION, 1_100_000_000, "ordering", ""),
    ("2027-CLP-008", "휴대품 통관 모바일 서비스 구축", ProjectKind.CONSTRUCTION, 1_300_000_000, "draw", ""),
    ("2027-CLP-009", "화물 검사 일정 관리시스템 고도화", ProjectKind.ENHANCEMENT, 900_000_000, "scoring", ""),
    ("2027-CLP-010", "관세 빅데이터 품질관리 체계 구축", ProjectKind.CONSTRUCTION, 1_100_000_000, "locked", "국세청"),
    ("2027-CLP-011", "원산지 증명 전자교환 시스템 기능 개선", ProjectKind.ENHANCEMENT, 550_000_000, "suitability", ""),
]
COMPANIES = [("(주)스마트관세솔루션", "312861234", "박대표")]
SURNAMES = "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민"
GIVEN = ["민준", "서연", "도윤", "지우", "하준", "서윤", "시우", "하은", "주원", "지민", "예준", "수아", "지호", "채원"]
AFFILIATIONS = [
    "한국대학교 컴퓨터공학과",
    "미래대학교 정보보호학과",
    "정보통신산업진흥원 출신",
    "(사)한국정보처리학회",
    "한국IT대학원",
    "국립관세대학교 국제통상학과",
    "한국데이터산업진흥원 출신",
    "(사)공공SW사업자협회",
]


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


@transaction.atomic
def build_demo_acquisition(*, today: dt.date | None = None) -> None:
    today = today or timezone.localdate()
    _experts(today)
    _scopes()
    companies = _companies()
    created = []
    for code, name, kind, budget, step, agencies in PROJECTS:
        project, new = ensure(
            Project,
            code=code,
            defaults={
                "name": name,
                "organization": Organization.objects.get(code="KCS"),
                "sponsor_unit": OrgUnit.objects.get(code="KCS-CLP"),
                "kind": kind,
                "start_year": 2027,
                "end_year": 2027,
                "total_budget": budget,
                "funding": FundingSource.OWN,
                "summary": f"{name}: 관세행정의 효율을 높이기 위한 정보화사업입니다.",
            },
        )
        if new:
            created.append((project, step, agencies))
    if not created:
        return
    _deliberate_plans([project for project, _step, _agencies in created], today)
    advance_all(
        [(project, STEPS.index(step), agencies) for project, step, agencies in created],
        companies=companies,
        today=today,
    )


# --- the expert list (a15.7) and the committees' scopes (a13.2) -----------------------------------------------------
def _experts(today: dt.date) -> None:
    if Expert.objects.exists():
        return
    fields = {f.code: f for f in ExpertField.objects.all()}
    codes = list(fields)
    accounts = ["expert", "expert2", "expert3", "expert4", "expert5"]
    for index, username in enumerate(accounts):
        user = _user(username)
        expert = Expert.objects.create(
            name=user.name,
            user=user,
            affiliation=user.affiliation or AFFILIATIONS[index],
            title="교수" if index % 2 == 0 else "기술사",
            email=user.email,
            confirmed_on=today - dt.timedelta(days=30 * index),
        )
        expert.specialties.set([fields["CUS"], fields[codes[index % len(codes)]]])
    bidder = Company.objects.order_by("name").first()
    for index in range(47):
        name = SURNAMES[index % len(SURNAMES)] + GIVEN[(index * 5) % len(GIVEN)]
        confirmed = today - dt.timedelta(days=40 + index * 9)  # the oldest ones are over a year: shown as stale
        expert = Expert.objects.create(
            name=name,
            affiliation=AFFILIATIONS[index % len(AFFILIATIONS)],
            title=("교수", "기술사", "수석연구원", "정보시스템감리사")[index % 4],
            is_available=index != 7,
            confirmed_on=confirmed,
        )
        chosen = [fields[codes[index % len(codes)]], fields[codes[(index + 3) % len(codes)]]]
        if index in (0, 1, 2):
            chosen.append(fields["CUS"])
        expert.specialties.set(chosen)
        ExpertEmployment.objects.create(
            expert=expert,
            company=bidder if index == 0 else None,
            company_name=bidder.name if index == 0 else AFFILIATIONS[index % len(AFFILIATIONS)],
            start_date=dt.date(2019, 3, 1),
            end_date=dt.date(2025, 2, 28) if index == 0 else None,
        )
        if index == 1:
            ExpertExclusion.objects.create(
                expert=expert,
                kind="fairness",
                reason="평가 관련 비밀 누설로 위촉 제한",
                start_date=today - dt.timedelta(days=60),
            )


def _scopes() -> None:
    build = Body.objects.filter(kind=BodyKind.TASK_DELIBERATION, name="과업심의위원회 (구축·고도화)").first()
    small = Body.objects.filter(kind=BodyKind.TASK_DELIBERATION, name="과업심의위원회 (운영·유지관리)").first()
    if build is not None and not TaskCommitteeScope.objects.filter(body=build).exists():
        TaskCommitteeScope.objects.create(
            body=build,
            project_kinds=[ProjectKind.CONSTRUCTION, ProjectKind.ENHANCEMENT, ProjectKind.ISP],
            note="구축·고도화·정보화전략계획 사업의 과업내용 확정·변경",
        )
    if small is not None and not TaskCommitteeScope.objects.filter(body=small).exists():
        TaskCommitteeScope.objects.create(body=small, project_kinds=[ProjectKind.OPERATION], note="운영·유지관리 사업")


def _companies() -> list[Company]:
    for name, digits, representative in COMPANIES:
        ensure(
            Company,
            business_number=complete_business_number(digits),
            defaults={"name": name, "representative": representative},
        )
    return list(Company.objects.order_by("name")[:3])


# --- the plans deliberated by the council (a8.8) ---------------------------------------------------------------------
def _deliberate_plans(projects: list[Project], today: dt.date) -> None:
    from itms.planning import actions as planning
    from itms.planning.models import EAReview, PlanningCycle, ProjectPlan

    sponsor, itplan, secretary = _user("sponsor"), _user("itplan"), _user("council")
    cycle = PlanningCycle.objects.get(year=2027)
    council = Body.objects.get(kind=BodyKind.COUNCIL, is_active=True)
    from itms.governance.actions import convene_meeting

    meeting = convene_meeting(
        actor=secretary,
        body=council,
        scheduled_at=_at(today, 9),
        title="2027년도 도입 사업 실무 심의",
        place="정보데이터정책관실 회의실",
    )
    for project in projects:
        plan = planning.start_plan(actor=sponsor, cycle=cycle, project=project)
        for field in ProjectPlan.SECTIONS:
            setattr(plan, field, TEXT)
        plan.changes_systems = False
        plan.save()
        ProjectPlan.workflow.execute(plan, "submit_no_system", actor=sponsor)
        review = EAReview.objects.get(plan=plan)
        for field in ("effectiveness", "duplication", "feasibility_budget", "bpr_isp"):
            setattr(review, field, TEXT)
        review.save()
        ProjectPlan.workflow.execute(plan, "to_council", actor=itplan, data={"meeting": meeting})
    hold_meeting(meeting, secretary, effect=ResolutionEffect.APPROVE)


def hold_meeting(meeting: Meeting, secretary: User, *, effect: str, choice: str = VoteChoice.FOR) -> Meeting:
    """Everyone sitting is present, the meeting opens, each item is voted on and decided, the meeting closes."""
    from itms.governance.actions import cast_vote, close_vote, open_voting, record_attendance

    seats = meeting.body.sitting_seats(meeting.meeting_date)
    for seat in seats:
        record_attendance(actor=secretary, meeting=meeting, membership=seat, status=AttendanceStatus.PRESENT)
    meeting = Meeting.objects.get(pk=meeting.pk)
    if meeting.state != MeetingState.IN_SESSION:
        early = timezone.localdate() < meeting.meeting_date
        Meeting.workflow.execute(
            meeting, "open", actor=secretary, data={"reason": "시연 자료: 예정일 전 개회" if early else ""}
        )
    for item in meeting.items.order_by("number"):
        open_voting(actor=secretary, item=item)
        for seat in seats:
            cast_vote(actor=secretary, item=item, membership=seat, choice=choice)
        close_vote(actor=secretary, item=item, effect=effect, remarks="원안 의결")
    meeting = Meeting.objects.get(pk=meeting.pk)
    Meeting.workflow.execute(meeting, "close", actor=secretary)
    return meeting


# --- projects through Chapter 4, each up to its step ----------------------------------------------------------------
def at_least(step: str, until: int) -> bool:
    return until >= STEPS.index(step)


def advance_all(plans: list[tuple[Project, int, str]], *, companies=None, today: dt.date | None = None) -> None:
    """Carries projects with a deliberated plan through the acquisition steps, each up to ``STEPS[until]``.

    Steps that need a committee meeting share one: the 과업심의위원회 deliberates every request on one agenda.
    """
    today = today or timezone.localdate()
    companies = companies or list(Company.objects.order_by("name")[:3])
    going = [(p, until, agencies) for p, until, agencies in plans if at_least("consultation", until)]
    for project, until, agencies in going:
        _consult(project, until, agencies, today)
    going = [(p, until) for p, until, agencies in going if until > STEPS.index("consultation")]
    rfps = {project.pk: _rfp_and_review(project, until, today) for project, until in going}
    going = [(p, until) for p, until in going if at_least("deliberation", until)]
    if not going:
        return
    sponsor, secretary = _user("sponsor"), _user("council")
    deliberations = []
    for project, until in going:
        record = actions.start_deliberation(actor=sponsor, project=project, rfp=rfps[project.pk])
        deliberations.append((type(record).workflow.execute(record, "request", actor=sponsor), until))
    from itms.governance.actions import convene_meeting

    body = deliberations[0][0].body
    later = [d for d, until in deliberations if until == STEPS.index("deliberation")]
    now = [d for d, until in deliberations if until > STEPS.index("deliberation")]
    for group, day in ((later, today + dt.timedelta(days=10)), (now, today)):
        if not group:
            continue
        meeting = convene_meeting(
            actor=secretary,
            body=body,
            scheduled_at=_at(day, 14),
            title=f"{body.name} 과업내용 심의",
            place="정보데이터정책관실 회의실",
        )
        for record in group:
            type(record).workflow.execute(record, "schedule", actor=secretary, data={"meeting": meeting})
        if group is now:
            hold_meeting(meeting, secretary, effect=ResolutionEffect.APPROVE)
    for record in now:
        record.refresh_from_db()
        type(record).workflow.execute(
            record, "reflect", actor=sponsor, data={"reflection": "심의 결과 과업 범위와 사업기간을 제안요청서에 확정"}
        )
    for project, until in going:
        if at_least("ordering", until):
            ordering = _order(project, rfps[project.pk], until, today)
            if until > STEPS.index("ordering"):
                _evaluate(project, ordering, until, companies, today)


def _consult(project, until, agencies, today) -> None:
    sponsor, itplan = _user("sponsor"), _user("itplan")
    record = actions.start_consultation(actor=sponsor, project=project)
    record.interlinked_agencies = agencies
    record.save()
    workflow = type(record).workflow
    if not agencies:
        workflow.execute(record, "conclude_not_required", actor=sponsor)
        return
    workflow.execute(record, "apply", actor=sponsor, data={"applied_on": today - dt.timedelta(days=40)})
    record = workflow.execute(
        record,
        "record_reply",
        actor=itplan,
        data={
            "reply_on": today - dt.timedelta(days=12),
            "summary": "연계 기관과 중복 투자가 없도록 데이터 연계 방식을 조정할 것",
            "results": "국세청 시스템과 연계는 기존 표준 연계 채널을 재사용\n수집 데이터 항목의 중복 여부를 재검토",
        },
    )
    if until == STEPS.index("consultation"):
        return
    for result in record.results.all():
        actions.reflect_result(actor=sponsor, result=result, reflection="제안요청서 SIR 요구사항에 반영")
    workflow.execute(record, "reflect", actor=sponsor)


def _rfp_and_review(project, until, today):
    sponsor, security = _user("sponsor"), _user("security")
    rfp = actions.create_rfp(actor=sponsor, project=project, period_months=10)
    _requirements(rfp, sponsor)
    for check in rfp.self_checks.all():
        actions.answer_self_check(actor=sponsor, check=check, answer=SelfCheckAnswer.COMPLIANT)
    review = actions.start_security_review(actor=sponsor, project=project, rfp=rfp)
    review = review.workflow.execute(review, "request", actor=sponsor)
    actions.add_finding(
        actor=security, review=review, source="security_officer", finding="관리자 화면 접근 시 2단계 인증 적용"
    )
    actions.add_finding(
        actor=security, review=review, source="nis", finding="외부 연계 구간 전송 데이터 암호화 (국가정보원 협의)"
    )
    if until == STEPS.index("security"):
        return rfp
    review = review.workflow.execute(
        review,
        "notify_result",
        actor=security,
        data={
            "result_summary": "보안 요구사항(SER) 보완 후 추진",
            "nis_consulted_on": today - dt.timedelta(days=5),
            "nis_summary": "국가정보원 보안성 검토 협의 완료",
        },
    )
    for finding in review.findings.all():
        actions.reflect_finding(actor=sponsor, finding=finding, reflection="SER 요구사항에 추가")
    review.workflow.execute(review, "verify", actor=security, data={"note": "반영 확인"})
    return rfp


def _order(project, rfp, until, today):
    sponsor, itplan = _user("sponsor"), _user("itplan")
    ordering = actions.create_ordering(actor=sponsor, rfp=rfp)
    ordering = ordering.workflow.execute(ordering, "request", actor=sponsor)
    if until == STEPS.index("ordering"):
        for check in ordering.checks.order_by("pk")[:5]:
            actions.set_check(actor=itplan, check=check, result=CheckResult.SATISFIED)
        return ordering
    for check in ordering.checks.all():
        actions.set_check(actor=itplan, check=check, result=CheckResult.SATISFIED, note="확인")
    ordering = ordering.workflow.execute(ordering, "review", actor=itplan)
    notice = today - dt.timedelta(days=50)
    return ordering.workflow.execute(
        ordering,
        "order",
        actor=itplan,
        data={
            "notice_number": f"R27BK{project.pk:05d}",
            "notice_on": notice,
            "proposal_due_on": notice + dt.timedelta(days=45),
        },
    )


def _requirements(rfp, sponsor) -> None:
    from .models import RequirementCategory

    rows = [
        ("SFR", "통관 데이터 조회", "통관 진행 정보를 조회한다", "신고번호·화물관리번호로 조회하고 결과를 내려받는다"),
        ("SFR", "처리 현황 관리", "처리 현황을 관리한다", "단계별 처리 현황과 지연 건을 보여 준다"),
        ("PER", "응답시간", "조회 응답시간", "조회 요청의 95%를 3초 이내에 처리한다"),
        ("SIR", "외부 기관 연계", "외부 기관과 정보를 연계한다", "표준 연계 채널로 송수신하고 이력을 남긴다"),
        ("SER", "접근통제", "권한별 접근통제", "관리자 화면은 2단계 인증을 적용한다"),
        ("TER", "인수시험", "인수시험 수행", "요구사항 추적표로 인수시험을 수행한다"),
        ("PMR", "사업수행계획", "사업수행계획 수립", "착수 10일 이내에 사업수행계획서를 제출한다"),
    ]
    categories = {c.code: c for c in RequirementCategory.objects.all()}
    for code, name, definition, details in rows:
        actions.add_requirement(
            actor=sponsor,
            rfp=rfp,
            category=categories[code],
            name=name,
            definition=definition,
            details=details,
            deliverable="요구사항정의서, 시험결과서",
            source="사업계획서",
        )


def _evaluate(project, ordering, until, companies, today):
    """The evaluation: proposals, the committee, the draw with its witnesses, the contacts, scoring, the lock."""
    itdept, itstaff = _user("itdept"), _user("itstaff")
    suitability = until == STEPS.index("suitability")
    late = until in (STEPS.index("locked"), STEPS.index("suitability"))
    evaluation = actions.create_evaluation(
        actor=itdept,
        project=project,
        ordering_request=ordering,
        unit=OrgUnit.objects.get(code="KCS-DAT"),
        kind="suitability" if suitability else "technical",
        title=f"{project.name} 제안서 {'적합성평가' if suitability else '기술평가'}",
        evaluation_at=_at(today if late else today + dt.timedelta(days=7), 10),
        place="관세청 제안서 평가장",
        estimated_price=1_000_000_000,
        committee_size=5,
        required_fields=ExpertField.objects.filter(code="CUS"),
    )
    bids = (920_000_000, 870_000_000, 780_000_000)
    for index, company in enumerate(companies[: 1 if suitability else 3]):
        proposal = Proposal.objects.create(
            evaluation=evaluation, company=company, bid_price=bids[index], submitted_on=ordering.proposal_due_on
        )
        # The bidder's staff with a login represent it at the draw (a15.3): they see its record and nothing else.
        proposal.representatives.set(User.objects.filter(kind="vendor", company=company))
    evaluation = evaluation.workflow.execute(evaluation, "start_selection", actor=itdept)
    actions.designate_internal(actor=itdept, evaluation=evaluation, user=itstaff)
    draw = evaluation.draws.get()
    actions.commit_draw(actor=itdept, draw=draw)
    if until == STEPS.index("draw"):
        return evaluation
    witnesses = [p.representatives.first() for p in evaluation.proposals.all() if p.representatives.exists()]
    for index, witness in enumerate(witnesses):
        actions.enter_witness(actor=witness, draw=draw, number=str(31 + 17 * index + project.pk))
    if not witnesses:
        actions.enter_witness(actor=itdept, draw=draw, number="2027", name="노은비", affiliation="관세청 수입과")
    actions.perform_draw(actor=itdept, draw=draw)
    draw.refresh_from_db()
    while draw.state == "revealed":
        position = draw.contacts.count() + 1
        expert = Expert.objects.get(code=draw.order[position - 1])
        outcome = ContactOutcome.ACCEPTED if expert.user_id else ContactOutcome.DECLINED
        actions.record_contact(
            actor=itdept, draw=draw, outcome=outcome, note="일정이 맞지 않음" if not expert.user_id else ""
        )
        draw.refresh_from_db()
    evaluation.refresh_from_db()
    chair = evaluation.body.memberships.filter(basis="external").order_by("pk").first()
    actions.choose_chair(actor=itdept, evaluation=evaluation, membership=chair)
    data = {"exception": "urgency", "exception_detail": "예산 집행 일정상 긴급한 평가 (시연 자료)"} if late else {}
    evaluation.workflow.execute(
        evaluation, "form_committee", actor=itdept, data=data, override_reason="사업의 긴급성" if late else ""
    )
    evaluation.refresh_from_db()
    for seat in evaluation.body.memberships.all():
        actions.record_attendance(actor=itdept, evaluation=evaluation, membership=seat, present=True)
    actions.open_session(actor=itdept, evaluation=evaluation, reason="" if late else "시연 자료: 평가일 전 개회")
    evaluation.refresh_from_db()
    proposals = list(evaluation.proposals.order_by("pk"))
    items = list(evaluation.items.order_by("order"))
    for p_index, proposal in enumerate(proposals):
        for item in items:
            if item.kind == ItemKind.QUANTITATIVE:
                share = (Decimal("1.0"), Decimal("0.9"), Decimal("0.8"))[p_index]
                actions.set_quantitative(
                    actor=itdept,
                    proposal=proposal,
                    item=item,
                    score=(item.points * share).quantize(Decimal("0.01")),
                    evidence="제출 서류 확인",
                )
    sheets = list(evaluation.sheets.select_related("evaluator").order_by("label"))
    shares = (Decimal("0.92"), Decimal("0.85"), Decimal("0.88"), Decimal("0.80"), Decimal("0.90"))
    for s_index, sheet in enumerate(sheets):
        if until == STEPS.index("scoring") and s_index >= 1:
            break  # the others are still scoring (the browser test scores with one of them)
        for p_index, proposal in enumerate(proposals):
            for item in items:
                if item.kind == ItemKind.QUALITATIVE:
                    share = shares[(s_index + p_index) % len(shares)] - Decimal("0.03") * p_index
                    actions.save_score(
                        actor=sheet.evaluator,
                        evaluation=evaluation,
                        proposal=proposal,
                        item=item,
                        score=(item.points * share).quantize(Decimal("0.01")),
                    )
        if until != STEPS.index("scoring"):
            actions.submit_sheet(actor=sheet.evaluator, evaluation=evaluation)
    if until == STEPS.index("scoring"):
        return evaluation
    evaluation.workflow.execute(evaluation, "lock", actor=itdept)
    evaluation.refresh_from_db()
    evaluation.workflow.execute(
        evaluation, "notify_procurement", actor=itdept, data={"reference": f"데이터담당관-{evaluation.pk:04d}"}
    )
    return Evaluation.objects.get(pk=evaluation.pk)

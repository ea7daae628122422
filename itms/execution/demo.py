"""Chapter 5's part of the demo agency: one project in each phase of execution.

* 2026-SOT-001 UNI-PASS 운영·유지관리 (vendor ``vendor``, PM): 사업수행 — approved plan, WBS by quarter, reports,
  deliverables; the vendor's week in the browser test starts here.
* 2026-CLP-101 통관 위험관리 AI 시스템 구축 (``vendor`` 투입인력, 감리원 ``auditor``): 사업수행 — a delayed WBS item,
  the requirement table traced to tests, an open high security finding, a mandatory 3-stage audit.
* 2026-CLP-102 수입신고 민원 안내 챗봇 구축 (``vendor2``): 검사·인수 — completion notified, the inspection under way,
  the acceptance test passed.
* 2025-CLP-103 여행자 휴대품 신고 모바일 앱 구축 (``vendor2``): 운영 — handed over to 데이터담당관, in its defect period:
  one 하자 fixed, one 요구변경 waiting to be passed on as a maintenance request.

2026-CLP-101 also carries a change of scope its contractor asked for, waiting for the sponsoring department.

Run twice, it changes nothing: rows are found by natural keys and transitions are taken only from the state before.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from itms.accounts.demo import DEMO_PASSWORD, ensure
from itms.accounts.models import Company, OrgUnit, User, UserKind
from itms.accounts.validators import complete_business_number
from itms.projects.choices import FundingSource, ParticipantRole, ProjectKind
from itms.projects.models import Project, ProjectParticipant

from . import actions
from .actions.contracts import access_limit
from .choices import ChangeState, ContractState, DefectKind, ItemVerdict, PlanState, Verdict
from .models import (
    AcceptanceTest,
    AuditFinding,
    ChangeRequest,
    Contract,
    Defect,
    ExecutionPlan,
    Issue,
    Requirement,
    SecurityDiagnosis,
    SecurityFinding,
    SystemAudit,
    TestCase,
    TestRun,
    Training,
    TrainingAttendance,
    WeaknessCatalog,
    WorkPackage,
)

AUDIT_FIRM = ("(주)한국정보시스템감리", "313862456", "최감리")
AUDITOR = ("auditor", "남궁현", "감리원 (감리법인) — 배정된 사업의 감리만 (제21조)")

PROJECTS = [
    # code, name, sponsor unit, kind, start, end, budget, summary
    ("2026-CLP-101", "통관 위험관리 AI 시스템 구축", "KCS-CLP", ProjectKind.CONSTRUCTION, 2026, 2026, 1_200_000_000,
     "수입물품 위험도를 인공지능으로 선별하는 위험관리 시스템을 구축한다."),
    ("2026-CLP-102", "수입신고 민원 안내 챗봇 구축", "KCS-CLP", ProjectKind.CONSTRUCTION, 2026, 2026, 600_000_000,
     "수입신고 민원을 안내하는 대국민 챗봇을 구축한다."),
    ("2025-CLP-103", "여행자 휴대품 신고 모바일 앱 구축", "KCS-CLP", ProjectKind.CONSTRUCTION, 2025, 2026, 450_000_000,
     "여행자가 휴대품을 모바일로 신고하는 앱을 구축한다."),
]  # fmt: skip

CONTRACTS = [
    # project, number, title, company index, amount, signed, start, end, it unit
    ("2026-SOT-001", "C-2026-0007", "UNI-PASS 운영·유지관리 용역", 0, 18_200_000_000,
     dt.date(2025, 12, 22), dt.date(2026, 1, 1), dt.date(2026, 12, 31), "KCS-SOT"),
    ("2026-CLP-101", "C-2026-0031", "통관 위험관리 AI 시스템 구축 용역", 0, 1_150_000_000,
     dt.date(2026, 2, 20), dt.date(2026, 3, 2), dt.date(2026, 12, 31), "KCS-DAT"),
    ("2026-CLP-102", "C-2026-0012", "수입신고 민원 안내 챗봇 구축 용역", 1, 580_000_000,
     dt.date(2026, 1, 23), dt.date(2026, 2, 2), dt.date(2026, 11, 30), "KCS-DAT"),
    ("2025-CLP-103", "C-2025-0044", "여행자 휴대품 신고 모바일 앱 구축 용역", 1, 430_000_000,
     dt.date(2025, 9, 26), dt.date(2025, 10, 1), dt.date(2026, 3, 31), "KCS-DAT"),
]  # fmt: skip

PLAN_TEXT = {
    "staffing": "PM 1, 개발 4, 품질 1, 보안 1 (투입기간 계약기간 전체)",
    "schedule": "분석 → 설계 → 구현 → 시험 → 이행 (세부 일정은 WBS)",
    "quality_plan": "단계별 품질검토회, 산출물 동료검토, 결함 관리대장",
    "deliverable_plan": "단계별 산출물 목록에 따라 단계 종료 시 제출",
}


def _auditor() -> tuple[User, Company]:
    name, digits, representative = AUDIT_FIRM
    firm, _ = ensure(
        Company,
        business_number=complete_business_number(digits),
        defaults={"name": name, "representative": representative},
    )
    username, person, _note = AUDITOR
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"name": person, "kind": UserKind.VENDOR, "company": firm, "email": f"{username}@customs.example"},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user, firm


def _participant(project, user, role, start, end=None):
    ProjectParticipant.objects.get_or_create(
        project=project, user=user, role=role, start_date=start, defaults={"end_date": end}
    )


def _contract(row, companies, units, users) -> Contract:
    code, number, title, company, amount, signed, start, end, it_unit = row
    contract = Contract.objects.filter(number=number).first()
    if contract is not None:
        return contract
    contract = Contract(
        project=Project.objects.get(code=code),
        number=number,
        title=title,
        company=companies[company],
        amount=amount,
        signed_on=signed,
        start_date=start,
        end_date=end,
        it_unit=units[it_unit],
        operation_plan="정보화부서 운영 이관 후 24시간 모니터링, 장애 대응 체계 (제23조제1항)",
    )
    contract.full_clean()
    contract.save()
    # Registered by the sponsoring department (a17.1): UNI-PASS's is 시스템운영팀, headed by the 정보보안담당관.
    registrar = users["security"] if contract.project.sponsor_unit.code == "KCS-SOT" else users["sponsor"]
    actions.contract_registered(contract, actor=registrar)
    return contract


def _approve_plan(contract, vendor, sponsor) -> None:
    plan = ExecutionPlan.objects.get(contract=contract)
    if plan.state == PlanState.DRAFT:
        for field, text in PLAN_TEXT.items():
            setattr(plan, field, text)
        plan.save()
        plan = ExecutionPlan.workflow.execute(plan, "submit", actor=vendor)
    if plan.state == PlanState.SUBMITTED:
        plan.review_items.update(verdict=Verdict.CONFORMS)
        ExecutionPlan.workflow.execute(plan, "approve", actor=sponsor)


def _wbs(contract, rows) -> dict[str, WorkPackage]:
    packages = {}
    for code, name, start, end, milestone, weight, preds in rows:
        package, _ = WorkPackage.objects.get_or_create(
            contract=contract,
            code=code,
            defaults={
                "name": name,
                "planned_start": start,
                "planned_end": end,
                "is_milestone": milestone,
                "weight": weight,
            },
        )
        packages[code] = package
        if preds and not package.predecessors.exists():
            package.predecessors.set([packages[p] for p in preds])
    return packages


def _report(contract, vendor, start, end, entries, summary):
    if contract.progress_reports.filter(period_end=end).exists():
        return
    actions.report_progress(
        actor=vendor,
        contract=contract,
        kind="monthly",
        period_start=start,
        period_end=end,
        summary=summary,
        entries=[actions.EntryInput(p, pct, reason) for p, pct, reason in entries],
    )


def _requirements(contract, rows):
    for code, title, design in rows:
        ensure(
            Requirement, contract=contract, code=code, defaults={"title": title, "design_refs": design, "source": "rfp"}
        )


def _tests_passed(contract, day):
    for kind, text in (("integration", "통합시험 시나리오 42건 통과"), ("user", "현업 사용자 테스트 통과"),
                       ("pilot", "2주 시범운영, 장애 없음")):  # fmt: skip
        ensure(
            TestRun,
            contract=contract,
            kind=kind,
            defaults={"started_on": day, "ended_on": day, "passed": True, "summary": text},
        )


@transaction.atomic
def build_demo_execution() -> None:
    from .reference import load as load_reference

    load_reference()  # a transactional test's flush removes the migration's reference rows
    today = timezone.localdate()
    companies = list(Company.objects.order_by("pk")[:2])
    units = OrgUnit.objects.in_bulk(["KCS-CLP", "KCS-DAT", "KCS-SOT"], field_name="code")
    org = units["KCS-CLP"].organization
    users = User.objects.in_bulk(
        ["vendor", "vendor2", "sponsor", "sponsor_head", "itdept", "itplan", "security"], field_name="username"
    )
    auditor, firm = _auditor()
    for code, name, unit, kind, start, end, budget, summary in PROJECTS:
        ensure(
            Project,
            code=code,
            defaults={"name": name, "organization": org, "sponsor_unit": units[unit], "kind": kind, "start_year": start,
                      "end_year": end, "total_budget": budget, "summary": summary, "funding": FundingSource.OWN},
        )  # fmt: skip
    contracts = [_contract(row, companies, units, users) for row in CONTRACTS]
    om, ai, bot, app = contracts
    vendor, vendor2, sponsor = users["vendor"], users["vendor2"], users["sponsor"]
    _participant(ai.project, vendor, ParticipantRole.VENDOR_STAFF, ai.start_date, access_limit(ai))
    _participant(ai.project, auditor, ParticipantRole.AUDITOR, ai.start_date, access_limit(ai))
    for contract in (bot, app):
        _participant(
            contract.project, vendor2, ParticipantRole.VENDOR_MANAGER, contract.start_date, access_limit(contract)
        )
    om_sponsor = users["security"]  # UNI-PASS is sponsored by 시스템운영팀, whose head the 정보보안담당관 is

    # --- 2026-SOT-001: O&M under way ------------------------------------------------------------------------------
    _approve_plan(om, vendor, om_sponsor)
    quarters = [
        ("1", "1분기 운영·정기점검", dt.date(2026, 1, 1), dt.date(2026, 3, 31), False, 1, ()),
        ("2", "2분기 운영·성능개선", dt.date(2026, 4, 1), dt.date(2026, 6, 30), False, 1, ("1",)),
        ("2.M", "상반기 서비스수준 평가", dt.date(2026, 6, 30), dt.date(2026, 6, 30), True, 1, ("2",)),
        ("3", "3분기 운영·보안패치", dt.date(2026, 7, 1), dt.date(2026, 9, 30), False, 1, ("2",)),
        ("4", "4분기 운영·연말 결산", dt.date(2026, 10, 1), dt.date(2026, 12, 31), False, 1, ("3",)),
    ]
    wbs = _wbs(om, quarters)
    _report(om, vendor, dt.date(2026, 3, 1), dt.date(2026, 3, 31), [(wbs["1"], 100, "")], "1분기 운영 완료, 장애 0건")
    _report(om, vendor, dt.date(2026, 6, 1), dt.date(2026, 6, 30),
            [(wbs["2"], 100, ""), (wbs["2.M"], 100, "")], "2분기 성능개선 완료, 상반기 평가 S등급")  # fmt: skip
    _report(om, vendor, dt.date(2026, 9, 1), dt.date(2026, 9, 30), [(wbs["3"], 100, "")], "3분기 보안패치 적용")

    # --- 2026-CLP-101: build under way, one item late, audit and security findings open ---------------------------
    _approve_plan(ai, vendor, sponsor)
    wbs = _wbs(ai, [
        ("1", "분석", dt.date(2026, 3, 2), dt.date(2026, 4, 30), False, 2, ()),
        ("2", "설계", dt.date(2026, 5, 1), dt.date(2026, 6, 30), False, 2, ("1",)),
        ("2.M", "설계단계 감리", dt.date(2026, 7, 3), dt.date(2026, 7, 3), True, 1, ("2",)),
        ("3", "구현", dt.date(2026, 7, 1), dt.date(2026, 10, 31), False, 4, ("2",)),
        ("4", "시험", dt.date(2026, 11, 2), dt.date(2026, 12, 11), False, 2, ("3",)),
        ("5", "이행·교육", dt.date(2026, 12, 14), dt.date(2026, 12, 31), False, 1, ("4",)),
    ])  # fmt: skip
    _report(ai, vendor, dt.date(2026, 4, 1), dt.date(2026, 4, 30), [(wbs["1"], 100, "")], "분석 완료")
    _report(ai, vendor, dt.date(2026, 6, 1), dt.date(2026, 6, 30), [(wbs["2"], 100, "")], "설계 완료")
    _report(
        ai, vendor, dt.date(2026, 10, 1), dt.date(2026, 10, 31),
        [(wbs["2.M"], 100, ""), (wbs["3"], 80, "학습 데이터 반입 보안심사가 3주 늦어져 모형 개발이 지연됨")],
        "구현 80%",
    )  # fmt: skip
    ensure(Issue, contract=ai, title="학습 데이터 반입 보안심사 지연",
           defaults={"raised_on": dt.date(2026, 9, 15), "severity": "high", "work_package": wbs["3"],
                     "action_plan": "정보보안담당관과 협의하여 가명처리 데이터로 먼저 개발"})  # fmt: skip
    _requirements(ai, [
        ("REQ-F-001", "수입신고 건별 위험도 산출", "UI-RSK-01, PGM-RSK-010, TB_RISK_SCORE"),
        ("REQ-F-002", "위험 사유 설명 제공", "UI-RSK-02, PGM-RSK-020"),
        ("REQ-F-003", "선별 결과 통관시스템 연계", "IF-UNIPASS-07, PGM-RSK-030"),
        ("REQ-P-001", "건당 응답 1초 이내", "ARCH-02"),
        ("REQ-S-001", "모형·데이터 접근통제", "SEC-DS-04"),
    ])  # fmt: skip
    for code, title, reqs, result in (
        ("TC-001", "위험도 산출 정확도", ("REQ-F-001",), "passed"),
        ("TC-002", "위험 사유 표시", ("REQ-F-002",), "passed"),
        ("TC-003", "통관시스템 연계 전송", ("REQ-F-003",), "failed"),
        ("TC-004", "응답시간 측정", ("REQ-P-001",), "not_run"),
    ):
        case, created = TestCase.objects.get_or_create(
            contract=ai, code=code,
            defaults={"title": title, "level": "integration", "result": result,
                      "executed_on": dt.date(2026, 11, 10) if result != "not_run" else None,
                      "defect": "전송 항목 매핑 오류" if result == "failed" else ""},
        )  # fmt: skip
        if created:
            case.requirements.set(Requirement.objects.filter(contract=ai, code__in=reqs))
    catalog = WeaknessCatalog.objects.get(edition="2021")
    diagnosis, _ = SecurityDiagnosis.objects.get_or_create(
        contract=ai, phase="implementation", diagnosed_on=dt.date(2026, 10, 20),
        defaults={"catalog": catalog, "tool": "CC인증 정적분석도구", "diagnostician": "보안약점 진단원 1급",
                  "summary": "SQL 삽입 2건, 하드코드된 중요정보 1건"},
    )  # fmt: skip
    for seq, severity, location, fixed in (
        (1, "high", "PGM-RSK-030", None),
        (6, "medium", "config/ai.yml", dt.date(2026, 10, 28)),
    ):
        weakness = catalog.weaknesses.get(phase="implementation", seq=seq)
        ensure(SecurityFinding, diagnosis=diagnosis, weakness=weakness,
               defaults={"severity": severity, "location": location, "remediated_on": fixed,
                         "remediation": "환경변수로 분리" if fixed else ""})  # fmt: skip
    audit = SystemAudit.objects.filter(contract=ai).first()
    if audit is None:
        audit = SystemAudit.objects.create(contract=ai, firm=firm, mode="three_stage")
        actions.assess(audit)
    design = audit.stages.get(kind="design")
    if design.performed_on is None:
        design.performed_on, design.report_received_on = dt.date(2026, 7, 3), dt.date(2026, 7, 17)
        design.save()
    ensure(AuditFinding, stage=design, title="요구사항 추적표에 성능 요구사항 누락",
           defaults={"severity": "medium", "corrective_action": "REQ-P-001 추가", "corrected_on": dt.date(2026, 7, 31),
                     "confirmed_on": dt.date(2026, 8, 7)})  # fmt: skip

    # --- 2026-CLP-102: completion notified, inspection under way ---------------------------------------------------
    _approve_plan(bot, vendor2, sponsor)
    _wbs(bot, [("1", "구축", dt.date(2026, 2, 2), dt.date(2026, 10, 30), False, 1, ()),
               ("2", "시범운영", dt.date(2026, 11, 2), dt.date(2026, 11, 27), False, 1, ("1",))])  # fmt: skip
    _requirements(bot, [("REQ-001", "수입신고 절차 안내 대화", "UI-BOT-01"), ("REQ-002", "상담원 연결", "IF-CALL-01")])
    _tests_passed(bot, dt.date(2026, 11, 20))
    if not bot.acceptance_tests.exists():
        test = AcceptanceTest.objects.create(
            contract=bot, it_unit=units["KCS-DAT"], requested_on=min(today, bot.end_date) - dt.timedelta(days=20),
            inspection_due=bot.end_date, scope="요구사항추적표의 대화 시나리오 30건", requested_by=sponsor,
        )  # fmt: skip
        AcceptanceTest.workflow.execute(
            test, "record_passed", actor=users["itdept"],
            data={"conducted_on": test.requested_on + dt.timedelta(days=7), "participants": "통관기획과 2명, 데이터담당관 2명",
                  "result_summary": "30건 모두 이상 없음"},
        )  # fmt: skip
    _upload_all(bot, vendor2)
    if bot.state == ContractState.IN_PROGRESS:
        bot = Contract.workflow.execute(bot, "notify_completion", actor=vendor2)

    # --- 2025-CLP-103: handed over, in its defect-liability period ------------------------------------------------
    _approve_plan(app, vendor2, sponsor)
    _requirements(app, [("REQ-001", "휴대품 신고서 작성", "UI-APP-01"), ("REQ-002", "면세 한도 계산", "PGM-APP-02")])
    _tests_passed(app, dt.date(2026, 2, 16))
    if not app.acceptance_tests.exists():
        test = AcceptanceTest.objects.create(
            contract=app, it_unit=units["KCS-DAT"], requested_on=dt.date(2026, 2, 23), inspection_due=app.end_date,
            scope="신고 시나리오 20건", requested_by=sponsor,
        )  # fmt: skip
        AcceptanceTest.workflow.execute(
            test, "record_passed", actor=users["itdept"],
            data={"conducted_on": dt.date(2026, 3, 3), "participants": "통관기획과·데이터담당관", "result_summary": "이상 없음"},
        )  # fmt: skip
    _upload_all(app, vendor2)
    if app.state == ContractState.IN_PROGRESS:
        app = Contract.workflow.execute(app, "notify_completion", actor=vendor2)
    if app.state == ContractState.COMPLETION_NOTIFIED:
        actions.current_round(app).items.update(verdict=ItemVerdict.DONE)
        app = Contract.workflow.execute(app, "pass_inspection", actor=sponsor, data={"remarks": "과업 이행 확인"})
    if app.state == ContractState.INSPECTED:
        if not app.rollout_plan:
            app.rollout_plan, app.rules_to_amend = (
                "인천공항 1터미널 시범 적용 후 전 공항 확대",
                "여행자 휴대품 통관 고시 개정",
            )
            app.save(update_fields=["rollout_plan", "rules_to_amend", "updated_at"])
        Contract.workflow.execute(app, "hand_over", actor=sponsor,
                                  data={"system_name": "여행자 휴대품 신고 앱", "system_code": "TRV-APP"})  # fmt: skip
        app.refresh_from_db()
    # Intake in the defect period (a23.1): a 하자 against REQ-002, fixed by the contractor; a 요구변경, not a 하자,
    # waiting for 통관기획과 to pass it on as a maintenance request (a25.1).
    ensure(Defect, contract=app, title="면세 한도 초과분 세액이 원 단위로 절사되지 않음",
           defaults={"kind": DefectKind.DEFECT, "requirement": app.requirements.get(code="REQ-002"),
                     "severity": "high", "reported_on": app.handed_over_on, "fix_due": app.handed_over_on,
                     "fixed_on": app.handed_over_on, "resolution": "세액 계산 모듈 절사 처리 수정, 회귀시험 20건 통과"})  # fmt: skip
    ensure(Defect, contract=app, title="중국어 신고 화면 추가", kind=DefectKind.CHANGE,
           defaults={"description": "중국인 여행자용 중국어(간체) 신고 화면", "severity": "low",
                     "reported_on": app.handed_over_on})  # fmt: skip

    # A change of scope the contractor asked for (SW진흥법 제50조): the sponsoring department owes its answer (a13.3).
    change = ChangeRequest.objects.filter(contract=ai, title="위험 선별 사유 설명 화면 추가").first()
    if change is None:
        change = ChangeRequest.objects.create(
            contract=ai, title="위험 선별 사유 설명 화면 추가", requested_by_contractor=True,
            reason="심사 담당자가 AI 선별 사유를 확인할 화면이 필요하다는 사용자 테스트 의견",
            scope_change="선별 결과 화면에 위험 요인 상위 5개와 기여도 표시", new_end_date=dt.date(2027, 1, 29),
            requirement_changes="SFR-AI-09 | 위험 선별 사유 설명 화면",
        )  # fmt: skip
    if change.state == ChangeState.DRAFT:
        ChangeRequest.workflow.execute(change, "submit", actor=vendor)

    # --- education (a17.4) ---------------------------------------------------------------------------------------
    training, _ = Training.objects.get_or_create(
        title="2026년 정보화사업 관리방법 교육",
        defaults={"held_on": dt.date(2026, 3, 12), "audience": "both", "instructor": "정보기획담당관실",
                  "topics": "사업관리 절차, 사업수행계획서 검토, 산출물 등록, 진도·품질관리, 검사·인계 (제17조제4항)"},
    )  # fmt: skip
    for username in ("sponsor", "sponsor_head", "vendor", "vendor2"):
        user = User.objects.filter(username=username).first()
        if user is not None:
            TrainingAttendance.objects.get_or_create(training=training, user=user, defaults={"attended": True})


def _upload_all(contract, vendor) -> None:
    """The demo's files: one small PDF per required deliverable, each different (no duplicate hash)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    for deliverable in contract.deliverables.filter(document__isnull=True):
        body = f"%PDF-1.4\n% {contract.number} {deliverable.title}\n%%EOF\n".encode()
        upload = SimpleUploadedFile(f"{deliverable.type.code}.pdf", body, content_type="application/pdf")
        actions.upload_deliverable(actor=vendor, deliverable=deliverable, upload=upload, note="최초 제출")

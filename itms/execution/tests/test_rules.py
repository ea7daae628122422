"""Chapter 5 as the directive says it (a17–a23): each rule with a worked example from its text, each refusal with
nothing changed. Demo contracts: C-2026-0031 (AI 위험관리, under way; ``vendor`` on it, ``auditor`` its 감리원),
C-2026-0012 (챗봇, completion notified), C-2025-0044 (모바일 앱, handed over)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from itms.accounts.models import OrgUnit, User
from itms.audit.models import LegalEvent
from itms.core.errors import Forbidden, Refused
from itms.execution import actions
from itms.execution import factories as f
from itms.execution.choices import ContractState, PlanState, Verdict
from itms.execution.models import (
    Contract,
    Deliverable,
    ExecutionPlan,
    SecurityFinding,
    SystemAudit,
    TestRun,
    Weakness,
    WeaknessCatalog,
    WorkPackage,
)
from itms.projects.choices import ParticipantRole
from itms.projects.models import ProjectParticipant
from itms.regulation.models import Obligation
from itms.regulation.workflows import Blocked

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% test\n%%EOF\n"


def pdf(name="a.pdf", body=PDF):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def u(name):
    return User.objects.get(username=name)


@pytest.fixture
def ai(demo):
    return Contract.objects.get(number="C-2026-0031")


def obligation(kind, subject, key=""):
    from django.contrib.contenttypes.models import ContentType

    return Obligation.objects.get(
        kind=kind, subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk, key=key
    )


# --- a17.1–a17.3: the contract, vendor access ------------------------------------------------------------------
def test_a17_1_a18_1_signed_contract_opens_kickoff_10_days_rolled_past_the_substitute_holiday(demo):
    """착수계 10일 from 2026. 2. 20.(금): 3. 2. is the 삼일절 substitute holiday → 3. 3.(화) (민법 제161조)."""
    contract = f.ContractFactory(signed_on=dt.date(2026, 2, 20))
    assert obligation("kickoff_submission", contract).due_date == dt.date(2026, 3, 3)
    assert contract.versions.get().number == 1
    assert contract.project.stage == "execution"


@pytest.mark.parametrize("surface", ["page", "api"])
def test_a17_1_a17_2_registered_contract_is_chained_with_its_registrar_and_the_stage_it_moved(client_of, surface):
    """사업추진부서장 manages the project after the contract is signed (a17.1–a17.2): registering the signed contract
    of 2027-CLP-010 moves the project from 도입·발주 to 사업수행, and the chain says who did it — on the page and
    through the API alike."""
    from itms.acquisition.models import EvaluationResult
    from itms.projects.models import Project

    project = Project.objects.get(code="2027-CLP-010")
    before = project.stage
    assert before == "acquisition"
    data = {
        "project": project.pk, "number": "C-2027-0101", "title": "관세 빅데이터 품질관리 체계 구축 용역",
        "company": EvaluationResult.objects.get(evaluation__project=project, rank=1).proposal.company_id,
        "amount": 1_000_000_000, "signed_on": "2027-01-04", "start_date": "2027-01-04", "end_date": "2027-06-30",
        "defect_liability_months": 12, "allowed_file_types": "pdf,hwpx", "it_unit": OrgUnit.objects.get(code="KCS-DAT").pk,
    }  # fmt: skip
    client = client_of("sponsor")
    if surface == "page":
        response = client.post(reverse("execution:contract_add"), data)
        assert response.status_code == 302, response.content.decode()[:2000]
    else:
        response = client.post("/api/execution/contracts/", data, content_type="application/json")
        assert response.status_code == 201, response.content
    contract = Contract.objects.get(number="C-2027-0101")
    event = LegalEvent.objects.get(kind="contract_registered", subject_id=str(contract.pk))
    assert event.actor == u("sponsor")
    assert event.clause_ids == ["a17.1", "a17.2"]
    assert event.payload["project_stage"] == {"project": project.pk, "from": before, "to": "execution"}
    assert "1,000,000,000원" in event.summary and "2027. 1. 4.(월)" in event.summary
    project.refresh_from_db()
    assert project.stage == "execution"
    assert obligation("kickoff_submission", contract).due_date == dt.date(2027, 1, 14)
    # Once per contract: registering it again records nothing more.
    actions.contract_registered(contract, actor=u("sponsor"))
    assert LegalEvent.objects.filter(kind="contract_registered", subject_id=str(contract.pk)).count() == 1


def test_a20_3_acceptance_test_owed_15_days_before_completion_strict(demo):
    """검사 완료 12. 31.(목) − 14 clear days → request by 12. 16.(수)."""
    contract = f.ContractFactory(end_date=dt.date(2026, 12, 31))
    assert obligation("acceptance_test_request", contract).due_date == dt.date(2026, 12, 16)


def test_a17_1_contract_over_a_year_must_be_multi_year(demo):
    contract = f.ContractFactory.build(project=f.ProjectFactory(end_year=2027), end_date=dt.date(2027, 6, 30))
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        contract.full_clean()
    assert "장기계속계약" in str(error.value)


def test_a17_3_it_planning_officer_grants_access_limited_to_project_and_dates(ai, unchanged):
    vendor = u("vendor")
    participant = actions.grant_vendor_access(
        actor=u("itplan"), contract=ai, user=vendor, role=ParticipantRole.VENDOR_MANAGER,
        start=dt.date(2026, 3, 2), end=dt.date(2026, 12, 31),
    )  # fmt: skip
    assert participant.project == ai.project
    assert LegalEvent.objects.filter(kind="access_granted", subject_id=str(participant.pk)).exists()
    with unchanged(), pytest.raises(Forbidden):
        actions.grant_vendor_access(actor=u("sponsor"), contract=ai, user=vendor, role="vendor_staff",
                                    start=dt.date(2026, 3, 2), end=dt.date(2026, 6, 30))  # fmt: skip
    with unchanged(), pytest.raises(Refused, match="계약업체"):
        actions.grant_vendor_access(actor=u("itplan"), contract=ai, user=u("vendor2"), role="vendor_staff",
                                    start=dt.date(2026, 3, 2), end=dt.date(2026, 6, 30))  # fmt: skip
    with unchanged(), pytest.raises(Refused, match="제17조제3항"):
        actions.grant_vendor_access(actor=u("itplan"), contract=ai, user=vendor, role="vendor_staff",
                                    start=dt.date(2026, 1, 5), end=dt.date(2026, 6, 30))  # fmt: skip


def test_a17_3_access_expires_by_itself_and_the_sweep_switches_the_account_off(demo):
    contract = f.ContractFactory(company=u("vendor2").company)
    temp = User.objects.create(username="temp_vendor", name="임시 직원", kind="vendor", company=contract.company)
    actions.grant_vendor_access(actor=u("itplan"), contract=contract, user=temp, role="vendor_staff",
                                start=dt.date(2026, 3, 2), end=dt.date(2026, 4, 30))  # fmt: skip
    assert Contract.objects.restrict(temp, "view").filter(pk=contract.pk).exists() is (
        dt.date(2026, 3, 2) <= dt.date.today() <= dt.date(2026, 4, 30)
    )
    switched = actions.expire_vendor_access(on=dt.date(2026, 5, 1))
    temp.refresh_from_db()
    assert temp in switched and not temp.is_active
    assert LegalEvent.objects.filter(kind="access_expired", subject_id=str(temp.pk)).exists()
    assert u("vendor").is_active  # still on UNI-PASS without an end date


def test_a17_3_vendor_sees_only_their_own_project(client_of, ai):
    other = Contract.objects.get(number="C-2026-0012")
    vendor = client_of("vendor")
    assert vendor.get(ai.get_absolute_url()).status_code == 200
    assert vendor.get(other.get_absolute_url()).status_code == 404
    assert vendor.get(reverse("execution:portal_contract", args=[other.pk])).status_code == 404
    listed = vendor.get(reverse("execution:contract_list")).content.decode()
    assert ai.title in listed and other.title not in listed


# --- a17.2, a29.1: deliverables -------------------------------------------------------------------------------
def test_a17_2_deliverable_versions_carry_their_sha256(ai):
    deliverable = f.DeliverableFactory(contract=ai)
    version = actions.upload_deliverable(actor=u("vendor"), deliverable=deliverable, upload=pdf("v1.pdf"))
    import hashlib

    assert version.sha256 == hashlib.sha256(PDF).hexdigest()
    deliverable.refresh_from_db()
    assert deliverable.state == "submitted" and deliverable.document.kind == "deliverable"
    second = actions.upload_deliverable(actor=u("vendor"), deliverable=deliverable, upload=pdf("v2.pdf", PDF + b"%2\n"))
    assert second.number == 2


def test_a17_2_same_file_twice_in_a_project_is_refused_naming_the_rule(ai, unchanged):
    first, second = f.DeliverableFactory(contract=ai), f.DeliverableFactory(contract=ai)
    actions.upload_deliverable(actor=u("vendor"), deliverable=first, upload=pdf())
    with unchanged(), pytest.raises(Refused, match="제17조제2항") as error:
        actions.upload_deliverable(actor=u("vendor"), deliverable=second, upload=pdf("copy.pdf"))
    assert error.value.error_code.code == "execution.duplicate_file"


def test_a17_2_file_type_the_project_does_not_allow_is_refused(ai, unchanged):
    ai.allowed_file_types = "hwpx,pdf"
    ai.save()
    deliverable = f.DeliverableFactory(contract=ai)
    png = SimpleUploadedFile("shot.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20, content_type="image/png")
    with unchanged(), pytest.raises(Refused, match="HWPX, PDF 형식의 산출물만"):
        actions.upload_deliverable(actor=u("vendor"), deliverable=deliverable, upload=png)


def test_a17_2_a_deliverable_takes_files_only_through_its_own_form_not_the_documents_panel(ai, client_of, unchanged):
    """The checks of a17.2 (the contract's file types, one hash per project) cannot be stepped round by attaching
    a document or a new version through the documents app: both views refuse, naming the deliverable's form."""
    ai.allowed_file_types = "hwpx,pdf"
    ai.save()
    deliverable = f.DeliverableFactory(contract=ai)
    actions.upload_deliverable(actor=u("vendor"), deliverable=deliverable, upload=pdf())
    deliverable.refresh_from_db()
    vendor = client_of("vendor")
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 20
    with unchanged():
        attach = vendor.post(
            reverse("documents:attach", args=("execution", "deliverable", deliverable.pk)),
            {"file": SimpleUploadedFile("x.png", png, "image/png"), "title": "우회", "kind": "deliverable"},
            follow=True,
        )
        again = vendor.post(
            reverse("documents:version_add", args=(deliverable.document_id,)),
            {"file": pdf("copy.pdf"), "note": "같은 파일"},
            follow=True,
        )
    for answer in (attach, again):
        assert "산출물 화면의 산출물 등록에서만 등록합니다" in answer.content.decode()
    page = vendor.get(deliverable.get_absolute_url()).content.decode()
    assert reverse("documents:version_add", args=(deliverable.document_id,)) not in page
    assert "산출물 등록" in page  # its own form stays


def test_a17_2_a29_1_vendor_of_another_project_may_not_upload(ai, unchanged):
    deliverable = f.DeliverableFactory(contract=ai)
    with unchanged(), pytest.raises(Forbidden):
        actions.upload_deliverable(actor=u("vendor2"), deliverable=deliverable, upload=pdf())


def test_a17_2_a19_the_checklist_dates_each_deliverable_by_the_end_of_its_phase_in_the_wbs(demo):
    """A deliverable is due when the WBS item of its phase ends (the analysis report with 분석, the test results
    with 시험); the kick-off documents with the 착수계; the closing ones at the contract's end. The
    missing-deliverable report then lists them by date."""
    contract = f.ContractFactory()
    for code, name, start, end in [
        ("1", "요구 분석", dt.date(2026, 3, 2), dt.date(2026, 4, 30)),
        ("2", "상세 설계", dt.date(2026, 5, 1), dt.date(2026, 6, 30)),
        ("3", "구현", dt.date(2026, 7, 1), dt.date(2026, 10, 30)),
        ("4", "통합 시험", dt.date(2026, 11, 2), dt.date(2026, 11, 27)),
    ]:
        f.WorkPackageFactory(contract=contract, code=code, name=name, planned_start=start, planned_end=end)
    actions.build_checklist(contract)
    due: dict[str, set] = {}
    for d in contract.deliverables.select_related("type"):
        due.setdefault(d.type.phase, set()).add(d.due_date)
    assert due["analysis"] == {dt.date(2026, 4, 30)} and due["design"] == {dt.date(2026, 6, 30)}
    assert due["implementation"] == {dt.date(2026, 10, 30)} and due["test"] == {dt.date(2026, 11, 27)}
    assert due["kickoff"] == {obligation("kickoff_submission", contract).due_date}
    assert due["closing"] == {contract.end_date}
    assert due["transition"] == {None}  # no WBS item for it: the date is the sponsor's to set
    order = [d.due_date for d in actions.missing(Contract.objects.filter(pk=contract.pk))]
    dated = [d for d in order if d is not None]
    assert order == sorted(dated) + [None] * (len(order) - len(dated))


def test_a17_2_missing_deliverable_report_lists_required_ones_not_submitted(client_of, ai):
    page = client_of("itplan").get(reverse("execution:missing_deliverables")).content.decode()
    missing = Deliverable.objects.filter(contract=ai, required=True, state="planned").first()
    assert missing is not None and missing.title in page


# --- a17.4–a17.6 ---------------------------------------------------------------------------------------------
def test_a17_4_training_records_attendance_and_the_trained_vendor_sees_it(client_of, demo):
    training = f.TrainingFactory()
    f.TrainingAttendanceFactory(training=training, user=u("vendor"))
    assert client_of("vendor").get(training.get_absolute_url()).status_code == 200
    assert client_of("vendor2").get(training.get_absolute_url()).status_code == 404


def test_a17_5_it_planning_officer_sees_every_project_progress_and_deliverables(client_of, demo):
    page = client_of("itplan").get(reverse("execution:dashboard"))
    text = page.content.decode()
    for number in ("C-2026-0007", "C-2026-0031", "C-2026-0012", "C-2025-0044"):
        contract = Contract.objects.get(number=number)
        assert contract.title in text
        # The registration status of its deliverables (a17.5): submitted or accepted, of those required.
        required = contract.deliverables.filter(required=True).count()
        submitted = contract.deliverables.filter(state__in=("submitted", "accepted")).count()
        assert f"<td>{submitted}/{required}</td>" in text
    assert client_of("vendor").get(reverse("execution:dashboard")).status_code == 403


def test_a17_6_catalogue_2021_has_49_weaknesses_in_7_categories_and_20_design_criteria(demo):
    catalog = WeaknessCatalog.objects.get(edition="2021")
    implementation = Weakness.objects.filter(catalog=catalog, phase="implementation")
    assert implementation.count() == 49
    assert Weakness.objects.filter(catalog=catalog, phase="design").count() == 20
    counts = [implementation.filter(category=c).count() for c in
              ("입력데이터 검증 및 표현", "보안기능", "시간 및 상태", "에러처리", "코드오류", "캡슐화", "API 오용")]  # fmt: skip
    assert counts == [17, 16, 2, 3, 5, 4, 2]


# --- a18: execution plan ------------------------------------------------------------------------------------
def test_a18_1_plan_needs_staff_schedule_quality_and_deliverable_plan(demo, unchanged):
    contract = f.ContractFactory(company=u("vendor").company)
    ProjectParticipant.objects.create(project=contract.project, user=u("vendor"), role="vendor_manager",
                                      start_date=dt.date(2026, 1, 1))  # fmt: skip
    plan = ExecutionPlan.objects.get(contract=contract)
    with unchanged(), pytest.raises(Blocked) as error:
        ExecutionPlan.workflow.execute(plan, "submit", actor=u("vendor"))
    assert {g.clause_id for g in error.value.guards} == {"a18.1"} and len(error.value.guards) == 4


def test_a18_2_sponsor_compares_item_by_item_requests_revision_then_approves(demo):
    contract = f.ContractFactory(company=u("vendor").company)
    ProjectParticipant.objects.create(project=contract.project, user=u("vendor"), role="vendor_manager",
                                      start_date=dt.date(2026, 1, 1))  # fmt: skip
    plan = ExecutionPlan.objects.get(contract=contract)
    for field in ExecutionPlan.SECTIONS:
        setattr(plan, field, "작성")
    plan.save()
    plan = ExecutionPlan.workflow.execute(plan, "submit", actor=u("vendor"))
    assert plan.review_items.count() == 12  # 4 items × RFP, proposal, contract
    assert obligation("kickoff_submission", contract).status == "met"
    with pytest.raises(Blocked):
        ExecutionPlan.workflow.execute(plan, "approve", actor=u("sponsor"))
    plan.review_items.update(verdict=Verdict.CONFORMS)
    item = plan.review_items.get(aspect="staff", basis="proposal")
    item.verdict, item.comment = Verdict.DEFICIENT, "제안서의 PM 경력과 다름"
    item.save()
    plan = ExecutionPlan.workflow.execute(plan, "request_revision", actor=u("sponsor"), data={"reason": "PM 교체 사유"})
    assert plan.state == PlanState.REVISION_REQUESTED
    plan = ExecutionPlan.workflow.execute(plan, "submit", actor=u("vendor"))
    assert plan.revision == 2 and not plan.review_items.exclude(verdict=Verdict.PENDING).exists()
    plan.review_items.update(verdict=Verdict.CONFORMS)
    plan = ExecutionPlan.workflow.execute(plan, "approve", actor=u("sponsor"))
    assert plan.state == PlanState.APPROVED
    assert Deliverable.objects.filter(contract=contract, type__code="CLS-HANDOVER", is_final=True).exists()


def test_a18_2_the_plan_is_read_beside_the_rfp_the_proposal_and_the_contract_and_judged_in_one_form(
    client_of, unchanged, django_capture_on_commit_callbacks
):
    """a18.2: "제안요청서, 제안서 및 계약서의 내용과 부합하는지" — the sponsor reads each aspect of the plan beside
    what the RFP asked (its PMR·QUR·TER lines), what the contractor proposed (its proposal in the evaluation) and what
    the contract says (period, people, requirement table), and judges the twelve points in one form. A '미흡'
    without a comment saves nothing. The head of the sponsoring department is told of each submission; the
    contractor's staff of the revision asked (a18.1, a18.2)."""
    from itms.accounts.directory import holders
    from itms.accounts.roles import Role
    from itms.acquisition.models import Rfp
    from itms.notifications.models import Notification

    rfp = Rfp.objects.get(project__code="2027-CLP-008", state="ordered")
    contract = f.ContractFactory(project=rfp.project, company=u("vendor").company, signed_on=dt.date(2027, 2, 20),
                                 start_date=dt.date(2027, 3, 1), end_date=dt.date(2027, 11, 30))  # fmt: skip
    _vendor_on(contract)
    plan = ExecutionPlan.objects.get(contract=contract)
    plan.staffing, plan.schedule = "PM 배성훈 (특급), 개발 4", "분석 3월, 설계 4~5월, 구현 6~9월, 시험 10월, 이행 11월"
    plan.quality_plan, plan.deliverable_plan = "단계별 품질검토", "단계 종료 시 제출"
    plan.save()
    with django_capture_on_commit_callbacks(execute=True):
        plan = ExecutionPlan.workflow.execute(plan, "submit", actor=u("vendor"))
    heads = {h.user for h in holders(Role.DEPARTMENT_HEAD, rfp.project.sponsor_unit)}
    told = Notification.objects.filter(title__startswith="사업수행계획서 제출", url=plan.get_absolute_url())
    assert heads and {n.recipient for n in told} == heads

    sponsor = client_of("sponsor")
    page = sponsor.get(plan.get_absolute_url()).content.decode()
    pmr = [r for r in rfp.requirements.select_related("category") if r.category.code in ("QUR", "TER")]
    assert "대조표" in page and "PM 배성훈" in page and "2027. 3. 1.(월)~2027. 11. 30.(화) (9개월)" in page
    assert all(r.code in page for r in pmr)
    assert "배성훈" in page  # the contractor's PM, granted access, on the contract's side
    proposal = actions.plans.sources(plan)["proposal"]
    assert proposal.company == contract.company  # each column's header links the record it is read from
    assert all(f'href="{r.get_absolute_url()}"' in page for r in (rfp, proposal, contract))
    items = {(i.aspect, i.basis): i for i in plan.review_items.all()}
    form = {f"verdict-{i.pk}": "conforms" for i in items.values()}
    staff = items[("staff", "proposal")]

    with unchanged():
        response = sponsor.post(
            reverse("execution:plan_review", args=[plan.pk]), {**form, f"verdict-{staff.pk}": "deficient"}
        )
    assert response.status_code == 303  # 미흡 needs what is to be fixed: nothing saved
    assert not plan.review_items.exclude(verdict="pending").exists()

    form[f"verdict-{staff.pk}"], form[f"note-{staff.pk}"] = "deficient", "제안서의 PM 경력과 다름"
    with unchanged(), pytest.raises(Forbidden):  # the contractor does not judge its own plan
        actions.plans.review(actor=u("vendor"), plan=plan, verdicts={staff.pk: ("conforms", "")})
    assert sponsor.post(reverse("execution:plan_review", args=[plan.pk]), form).status_code == 302
    assert plan.review_items.filter(verdict="conforms").count() == 11
    staff.refresh_from_db()
    assert staff.comment == "제안서의 PM 경력과 다름"
    with django_capture_on_commit_callbacks(execute=True):
        ExecutionPlan.workflow.execute(plan, "request_revision", actor=u("sponsor"), data={"reason": "PM 경력 확인"})
    assert Notification.objects.filter(recipient=u("vendor"), title__startswith="사업수행계획서 수정 요구").exists()


# --- a19: progress ------------------------------------------------------------------------------------------
def _report(contract, package, percent, reason="", end=dt.date(2026, 3, 31)):
    return actions.report_progress(
        actor=u("vendor"), contract=contract, kind="weekly", period_start=end - dt.timedelta(days=4), period_end=end,
        summary="주간 실적", entries=[actions.EntryInput(package, percent, reason)],
    )  # fmt: skip


def test_a19_0_1_planned_against_actual_weighted_by_the_wbs(ai):
    report = ai.progress_reports.order_by("-period_end").first()
    # 분석 2 + 설계 2 + 감리 1 done (5 of 12 weight) and 구현 (4) at 80 %: (5×100 + 4×80) / 12 = 68.3 → 68
    assert report.actual_percent == 68


@pytest.mark.parametrize("percent", [101, -1])
def test_a19_0_1_progress_outside_0_to_100_is_refused(ai, unchanged, percent):
    package = ai.work_packages.get(code="4")
    with unchanged(), pytest.raises(Refused, match="0에서 100 사이"):
        _report(ai, package, percent, end=dt.date(2026, 11, 6))


def test_a19_0_1_progress_going_backwards_needs_a_reason(ai, unchanged):
    package = ai.work_packages.get(code="3")  # at 80 %
    with unchanged(), pytest.raises(Refused, match="줄어든 사유"):
        _report(ai, package, 70, end=dt.date(2026, 11, 6))
    _report(ai, package, 70, "보안 조치로 모듈 재작성", end=dt.date(2026, 11, 6))
    assert WorkPackage.objects.get(pk=package.pk).progress == 70


def test_a19_0_2_delayed_work_is_detected_and_needs_its_reason(demo, unchanged):
    contract = f.ContractFactory(company=u("vendor").company)
    ProjectParticipant.objects.create(project=contract.project, user=u("vendor"), role="vendor_staff",
                                      start_date=dt.date(2026, 1, 1))  # fmt: skip
    package = f.WorkPackageFactory(
        contract=contract, planned_start=dt.date(2026, 3, 2), planned_end=dt.date(2026, 3, 31)
    )
    # 3. 31.: the plan says 100 %; 40 % is 60 points behind (more than the 5-point tolerance).
    with unchanged(), pytest.raises(Refused, match="지연 사유"):
        _report(contract, package, 40)
    _report(contract, package, 40, "현업 요구사항 확정 지연")
    assert actions.delayed(contract, dt.date(2026, 4, 1)) == [WorkPackage.objects.get(pk=package.pk)]


def test_a19_0_1_report_outside_the_contract_period_is_refused(ai, unchanged):
    with unchanged(), pytest.raises(Refused, match="계약기간"):
        _report(ai, ai.work_packages.get(code="4"), 10, end=dt.date(2027, 1, 8))


def test_a19_the_vendor_reports_progress_and_uploads_deliverables_through_the_api_too(client_of, ai, unchanged):
    """The API calls the screen's actions: the same checks (a19.0.1 the 0–100 range, a17.2 one hash per project),
    the same coded refusals, nothing saved on a refusal."""
    import json

    package = ai.work_packages.get(code="4")
    url = f"/api/execution/contracts/{ai.pk}/progress-reports/"
    report = {"kind": "weekly", "period_start": "2026-11-02", "period_end": "2026-11-06", "summary": "구현 진행"}
    vendor, vendor2 = client_of("vendor"), client_of("vendor2")

    def post(client, body):
        return client.post(url, json.dumps(body), content_type="application/json")

    with unchanged():
        too_much = post(vendor, {**report, "entries": [{"work_package": package.pk, "percent": 120}]})
        foreign = post(vendor, {**report, "entries": [{"work_package": 999_999, "percent": 90}]})
        other_vendor = post(vendor2, {**report, "entries": [{"work_package": package.pk, "percent": 90}]})
    assert too_much.status_code == 400 and too_much.json()["clause"] == "a19.0.1"
    assert foreign.status_code == 400 and other_vendor.status_code == 404
    done = post(vendor, {**report, "entries": [{"work_package": package.pk, "percent": 90}]})
    assert done.status_code == 201 and WorkPackage.objects.get(pk=package.pk).progress == 90
    assert done.json()["actual_percent"] == ai.progress_reports.get(pk=done.json()["id"]).actual_percent

    first, second = f.DeliverableFactory(contract=ai), f.DeliverableFactory(contract=ai)
    uploaded = vendor.post(f"/api/execution/deliverables/{first.pk}/upload/", {"file": pdf("설계서.pdf")})
    assert uploaded.status_code == 201 and uploaded.json()["version"] == 1
    with unchanged():
        again = vendor.post(f"/api/execution/deliverables/{second.pk}/upload/", {"file": pdf("사본.pdf")})
    assert again.status_code == 409 and again.json()["code"] == "execution.duplicate_file"


def test_a19_0_1_wbs_cycle_is_refused_on_the_page_and_in_the_api(client_of, ai, unchanged):
    a, b = ai.work_packages.get(code="3"), ai.work_packages.get(code="4")  # 4 follows 3
    vendor = client_of("vendor")
    data = {"code": "3", "name": a.name, "planned_start": "2026-07-01", "planned_end": "2026-10-30", "weight": 4,
            "predecessors": [b.pk]}  # fmt: skip
    with unchanged():
        response = vendor.post(reverse("execution:workpackage_edit", args=[a.pk]), data)
        assert response.status_code == 400 and "순환" in response.content.decode()
    with unchanged():
        response = vendor.patch(
            f"/api/execution/work-packages/{a.pk}/", {"predecessors": [b.pk]}, content_type="application/json"
        )
        assert response.status_code == 400 and "순환" in response.content.decode()


def test_a19_wbs_dates_outside_the_contract_period_are_refused(client_of, ai, unchanged):
    vendor = client_of("vendor")
    with unchanged():
        response = vendor.post(reverse("execution:workpackage_add"), {
            "contract": ai.pk, "code": "9", "name": "연장 작업", "planned_start": "2026-12-01", "planned_end": "2027-01-15",
            "weight": 1})  # fmt: skip
        assert response.status_code == 400 and "계약기간" in response.content.decode()


# --- a20–a22: tests, acceptance test, audit, inspection ----------------------------------------------------
def test_a20_1_the_contracts_requirement_table_starts_as_the_ordered_rfps(client_of):
    """What is traced to design, tests and inspection (a20.1, a22) is what the RFP asked for (a14.1): a contract
    signed for a project whose RFP was ordered takes its requirements, IDs and all, into version 1."""
    from itms.acquisition.models import Rfp

    rfp = Rfp.objects.get(project__code="2027-CLP-008", state="ordered")
    asked = {r.code: r for r in rfp.requirements.select_related("category")}
    contract = f.ContractFactory(
        project=rfp.project,
        signed_on=dt.date(2027, 2, 20),
        start_date=dt.date(2027, 3, 1),
        end_date=dt.date(2027, 11, 30),
    )
    table = {r.code: r for r in contract.requirements.all()}
    assert set(table) == set(asked) and len(table) == 7
    sfr = next(code for code in asked if code.startswith("SFR-"))
    assert table[sfr].title == asked[sfr].name and table[sfr].category == "functional"
    assert asked[sfr].details in table[sfr].description and table[sfr].source == "rfp"
    assert {row["code"] for row in contract.versions.get(number=1).requirements} == set(asked)
    page = client_of("itplan").get(reverse("execution:traceability", args=[contract.pk])).content.decode()
    assert sfr in page and "시험 없음" in page
    # A contract whose project ordered no RFP starts empty, to be filled in or imported.
    assert not f.ContractFactory().requirements.exists()


def _ready_for_inspection(contract, *, acceptance_days_ago=20):
    """Everything a20–a21 asks before the inspection completes, on a fresh contract."""
    today = dt.date.today()
    for kind in ("integration", "user", "pilot"):
        TestRun.objects.create(contract=contract, kind=kind, started_on=contract.start_date, ended_on=contract.start_date,
                               passed=True, summary="통과")  # fmt: skip
    test = actions.request_acceptance_test(
        actor=u("sponsor"), contract=contract, it_unit=OrgUnit.objects.get(code="KCS-DAT"),
        inspection_due=contract.end_date, scope="인수 시나리오", on=today - dt.timedelta(days=acceptance_days_ago),
    )  # fmt: skip
    contract.operation_plan = "운영방안"
    contract.save()
    return test


def _vendor_on(contract, user="vendor"):
    ProjectParticipant.objects.create(project=contract.project, user=u(user), role="vendor_manager",
                                      start_date=dt.date(2026, 1, 1))  # fmt: skip


def _notified(contract):
    _vendor_on(contract)
    contract = Contract.workflow.execute(contract, "notify_completion", actor=u("vendor"))
    actions.current_round(contract).items.update(verdict="done")
    return contract


def test_a22_completion_notice_opens_inspection_within_14_days(demo):
    contract = _notified(f.ContractFactory(company=u("vendor").company))
    owed = obligation("inspection", contract, "round-1")
    from itms.regulation.legal_calendar import forward

    assert owed.due_date == forward(contract.completion_notified_on, 14).date
    assert contract.project.stage == "inspection"


def test_a20_2_inspection_blocked_until_integration_user_test_and_pilot(demo, unchanged):
    contract = _notified(f.ContractFactory(company=u("vendor").company))
    with unchanged(), pytest.raises(Blocked) as error:
        Contract.workflow.execute(contract, "pass_inspection", actor=u("sponsor"), data={})
    assert sum(g.clause_id == "a20.2" for g in error.value.guards) == 3


def test_a20_3_inspection_before_the_acceptance_test_is_refused(demo, unchanged):
    contract = f.ContractFactory(company=u("vendor").company)
    _ready_for_inspection(contract, acceptance_days_ago=10)  # asked 10 days ago: less than 14 clear days
    contract = _notified(contract)
    with unchanged(), pytest.raises(Blocked) as error:
        Contract.workflow.execute(contract, "pass_inspection", actor=u("sponsor"), data={})
    assert [g.clause_id for g in error.value.guards] == ["a20.3"]
    assert "인수테스트" in error.value.message_text


def test_a17_6_open_high_security_finding_blocks_the_inspection(demo, unchanged):
    contract = f.ContractFactory(company=u("vendor").company)
    _ready_for_inspection(contract)
    finding = f.SecurityFindingFactory(diagnosis=f.SecurityDiagnosisFactory(contract=contract), severity="high")
    contract = _notified(contract)
    with unchanged(), pytest.raises(Blocked) as error:
        Contract.workflow.execute(contract, "pass_inspection", actor=u("sponsor"), data={})
    assert [g.clause_id for g in error.value.guards] == ["a17.6"]
    SecurityFinding.objects.filter(pk=finding.pk).update(remediated_on=dt.date(2026, 11, 1), remediation="조치")
    assert Contract.workflow.execute(contract, "pass_inspection", actor=u("sponsor"), data={}).state == "inspected"


def test_a21_1_final_audit_corrections_before_the_inspection(demo, unchanged):
    contract = f.ContractFactory(company=u("vendor").company)
    _ready_for_inspection(contract)
    audit = f.SystemAuditFactory(contract=contract, serves_public=True)
    final = audit.stages.get(kind="final")
    final.performed_on = dt.date(2026, 11, 20)
    final.save()
    finding = f.AuditFindingFactory(stage=final)
    contract = _notified(contract)
    with unchanged(), pytest.raises(Blocked) as error:
        Contract.workflow.execute(contract, "pass_inspection", actor=u("sponsor"), data={})
    assert [g.clause_id for g in error.value.guards] == ["a21.1"]
    finding.corrective_action, finding.corrected_on, finding.confirmed_on = (
        "보완",
        dt.date(2026, 11, 25),
        dt.date(2026, 11, 27),
    )
    finding.save()
    assert Contract.workflow.execute(contract, "pass_inspection", actor=u("sponsor"), data={}).state == "inspected"


@pytest.mark.parametrize(
    "kind, amount, purchase, flags, months, mandatory, clause",
    [
        # 시행령 제71조제1항제1호: public-facing → audited …
        ("construction", 300_000_000, 0, {"serves_public": True}, 9, True, "제71조제1항제1호"),
        # … unless < 1억 (purchases excluded) and judged not worth it.
        (
            "construction",
            150_000_000,
            80_000_000,
            {"serves_public": True, "not_cost_effective": True},
            9,
            False,
            "단서",
        ),
        # 제2호: a build project of 5억 or more (simple HW/SW purchases excluded).
        ("construction", 700_000_000, 100_000_000, {}, 9, True, "제71조제1항제2호"),
        ("construction", 700_000_000, 300_000_000, {}, 9, False, "감리 대상이 아닙니다"),
        # 제2항: outsourced project management — build shorter than 5 months, or public 1억–5억.
        ("construction", 900_000_000, 0, {"pm_outsourced": True}, 4, False, "제71조제2항"),
        ("enhancement", 300_000_000, 0, {"joint_use": True, "pm_outsourced": True}, 9, False, "제71조제2항"),
        # 제3호: the head judges it necessary.
        ("operation", 200_000_000, 0, {"head_judges_needed": True}, 12, True, "제71조제1항제3호"),
    ],
)
def test_a21_1_audit_applicability_by_the_enforcement_decree(
    demo, kind, amount, purchase, flags, months, mandatory, clause
):
    from itms.projects.models import BudgetLine

    project = f.ProjectFactory(kind=kind, total_budget=amount)
    BudgetLine.objects.create(project=project, year=2026, amount=amount, hw_sw_purchase=purchase)
    start = dt.date(2026, 2, 2)
    end = start + dt.timedelta(days=months * 30 - 1)
    contract = f.ContractFactory(project=project, start_date=start, end_date=end, amount=amount)
    result = actions.applicability(SystemAudit(contract=contract, **flags))
    assert result.mandatory is mandatory
    assert clause in result.explanation


def test_a21_the_projects_auditor_records_findings_the_contractor_only_reads_them(ai, client_of, unchanged):
    """감리원 write the audit's findings of the project they are assigned to (a21); the contractor sees them and
    takes the corrective action, but does not write the auditor's findings."""
    from itms.execution.models import AuditFinding

    stage = SystemAudit.objects.get(contract=ai).stages.order_by("pk").first()
    finding = {"stage": stage.pk, "title": "요구사항 추적표 누락", "severity": "high"}
    vendor = client_of("vendor")
    with unchanged():
        refused = vendor.post("/execution/audit-findings/add/", finding)
    assert refused.status_code in (400, 403)
    auditor = client_of("auditor")
    assert auditor.post("/execution/audit-findings/add/", finding).status_code == 302
    recorded = AuditFinding.objects.get(stage=stage, title="요구사항 추적표 누락")
    assert recorded.severity == "high"
    assert "요구사항 추적표 누락" in vendor.get(recorded.get_absolute_url()).content.decode()
    assert client_of("vendor2").get(recorded.get_absolute_url()).status_code == 404


def test_a21_2_small_or_short_projects_may_use_two_stage_audit(demo):
    contract = f.ContractFactory(amount=800_000_000)
    assert actions.applicability(SystemAudit(contract=contract)).suggested_mode == "two_stage"


def test_a22_correction_request_and_reinspection_each_within_14_days(demo):
    contract = _notified(f.ContractFactory(company=u("vendor").company))
    item = actions.current_round(contract).items.first()
    item.verdict, item.note = "not_done", "화면 누락"
    item.save()
    with pytest.raises(Blocked):
        Contract.workflow.execute(contract, "pass_inspection", actor=u("sponsor"), data={})
    contract = Contract.workflow.execute(
        contract, "request_correction", actor=u("sponsor"), data={"reason": "화면 누락"}
    )
    assert obligation("inspection", contract, "round-1").status == "met"
    contract = Contract.workflow.execute(contract, "resubmit", actor=u("vendor"))
    assert contract.inspections.count() == 2
    assert obligation("inspection", contract, "round-2").status == "open"


def test_a22_the_inspector_judges_every_item_in_one_form_all_or_none(client_of, unchanged):
    """a22: the sponsoring department checks the round item by item against the requirement table and the
    deliverable list. One form carries every item; a '미이행' without what is missing saves none of them, the
    contractor may not judge its own work, and a round already decided is closed."""
    contract = _notified(f.ContractFactory(company=u("vendor").company))
    inspection = actions.current_round(contract)
    items = list(inspection.items.order_by("pk"))
    url = reverse("execution:inspection_check", args=[inspection.pk])
    form = {f"verdict-{i.pk}": "done" for i in items}
    form[f"verdict-{items[0].pk}"] = "not_done"
    sponsor, vendor = client_of("sponsor"), client_of("vendor")
    with unchanged():
        assert sponsor.post(url, form).status_code == 303  # the Korean message names what is missing
        assert vendor.post(url, {**form, f"note-{items[0].pk}": "화면 누락"}).status_code == 403
    form[f"note-{items[0].pk}"] = "화면 누락"
    assert sponsor.post(url, form).status_code == 302
    assert [i.verdict for i in inspection.items.order_by("pk")] == ["not_done"] + ["done"] * (len(items) - 1)
    Contract.workflow.execute(contract, "request_correction", actor=u("sponsor"), data={"reason": "화면 누락"})
    with unchanged(), pytest.raises(Refused):
        actions.inspection.check_items(actor=u("sponsor"), inspection=inspection, verdicts={items[0].pk: ("done", "")})


def test_a20_3_a22_each_side_is_told_of_the_step_it_must_answer(demo, django_capture_on_commit_callbacks):
    """The completion notice goes to the sponsoring department's head (inspect within 14 days, a22); the request
    for the acceptance test to the IT department's head (a20.3); its joint result back to the sponsor; a
    correction request to the contractor's staff. Each once, linking to the record."""
    from itms.accounts.directory import holders
    from itms.accounts.roles import Role
    from itms.notifications.models import Notification

    contract = f.ContractFactory(company=u("vendor").company)
    project = contract.project
    sponsor_heads = {h.user for h in holders(Role.DEPARTMENT_HEAD, project.sponsor_unit)}
    it_heads = {h.user for h in holders(Role.IT_DEPARTMENT_HEAD, OrgUnit.objects.get(code="KCS-DAT"))}
    assert sponsor_heads and it_heads

    def told(title_part, record):
        found = Notification.objects.filter(title__contains=title_part, url=record.get_absolute_url())
        return {n.recipient for n in found}

    with django_capture_on_commit_callbacks(execute=True):
        test = _ready_for_inspection(contract)
    assert told("인수테스트 요청", test) == it_heads
    with django_capture_on_commit_callbacks(execute=True):
        contract = _notified(contract)
    assert told("완료계 접수", contract) == sponsor_heads
    with django_capture_on_commit_callbacks(execute=True):
        type(test).workflow.execute(test, "record_passed", actor=u("itdept"), data={
            "conducted_on": dt.date.today(), "participants": "합동", "result_summary": "이상 없음"})  # fmt: skip
    assert told("인수테스트 결과 통보", test) == sponsor_heads
    item = actions.current_round(contract).items.first()
    item.verdict = "not_done"
    item.save()
    with django_capture_on_commit_callbacks(execute=True):
        Contract.workflow.execute(contract, "request_correction", actor=u("sponsor"), data={"reason": "화면 누락"})
    assert u("vendor") in told("검사 보완 요구", contract)


def test_a22_inspection_report_is_an_official_document(client_of, demo):
    bot = Contract.objects.get(number="C-2026-0012")
    inspection = actions.current_round(bot)
    response = client_of("sponsor").get(reverse("execution:inspection_report", args=[inspection.pk, "pdf"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    from itms.documents.official import plain_text

    text = plain_text(actions.inspection_report(inspection))
    assert "검 사 조 서" in text and inspection.document_number in text and "관세청" in text


# --- a23: handover -----------------------------------------------------------------------------------------
def _inspected(contract):
    test = _ready_for_inspection(contract)
    contract = _notified(contract)
    contract = Contract.workflow.execute(contract, "pass_inspection", actor=u("sponsor"), data={})
    return contract, test


def test_a23_1_handover_only_when_the_acceptance_test_found_nothing(demo, unchanged):
    contract, test = _inspected(f.ContractFactory(company=u("vendor").company))
    data = {"system_name": "시험 시스템", "system_code": "T-HAND-1"}
    with unchanged(), pytest.raises(Blocked) as error:
        Contract.workflow.execute(contract, "hand_over", actor=u("sponsor"), data=data)
    assert "a23.1" in {g.clause_id for g in error.value.guards}
    from itms.execution.models import AcceptanceTest

    AcceptanceTest.workflow.execute(test, "record_failed", actor=u("itdept"), data={
        "conducted_on": dt.date.today(), "participants": "합동", "result_summary": "연계 오류"})  # fmt: skip
    with unchanged(), pytest.raises(Blocked) as error:
        Contract.workflow.execute(contract, "hand_over", actor=u("sponsor"), data=data)
    assert "인수테스트 결과 이상이 없는 경우에만" in error.value.message_text


def test_a20_3_only_the_asked_it_department_head_records_the_joint_result(demo, unchanged):
    contract = f.ContractFactory()
    test = _ready_for_inspection(contract)
    with unchanged(), pytest.raises(Forbidden):
        type(test).workflow.execute(test, "record_passed", actor=u("sponsor"), data={
            "conducted_on": dt.date.today(), "participants": "합동", "result_summary": "이상 없음"})  # fmt: skip


def test_a23_1_a23_2_a23_3_a24_1_handover_registers_the_system_as_operated_by_the_it_department(demo):
    contract, test = _inspected(f.ContractFactory(company=u("vendor").company))
    type(test).workflow.execute(test, "record_passed", actor=u("itdept"), data={
        "conducted_on": dt.date.today(), "participants": "합동", "result_summary": "이상 없음"})  # fmt: skip
    data = {"system_name": "시험 시스템", "system_code": "T-HAND-2"}
    contract.rollout_plan, contract.rules_to_amend = "본청 시범 후 전국", "없음"
    contract.save()
    for deliverable in Deliverable.objects.filter(contract=contract, is_final=True):
        actions.upload_deliverable(
            actor=u("vendor"), deliverable=deliverable, upload=pdf(body=PDF + deliverable.title.encode())
        )
    with pytest.raises(Blocked) as error:  # no final set yet: the plan's checklist was never made
        Contract.workflow.execute(contract, "hand_over", actor=u("sponsor"), data=data)
    assert [g.clause_id for g in error.value.guards] == ["a23.2"] and "인수인계서" in error.value.message_text
    actions.build_checklist(contract)
    with pytest.raises(Blocked) as error:
        Contract.workflow.execute(contract, "hand_over", actor=u("sponsor"), data=data)
    assert [g.clause_id for g in error.value.guards] == ["a23.2"]
    for deliverable in Deliverable.objects.filter(contract=contract, is_final=True, document__isnull=True):
        actions.upload_deliverable(
            actor=u("vendor"), deliverable=deliverable, upload=pdf(body=PDF + deliverable.title.encode())
        )
    contract = Contract.workflow.execute(contract, "hand_over", actor=u("sponsor"), data=data)
    assert contract.state == ContractState.HANDED_OVER
    system = contract.system
    assert system.operating_unit.code == "KCS-DAT" and system.status == "operating"
    assert contract.project.stage == "operation" and system in contract.project.related_systems.all()
    owed = obligation("defect_liability", contract)
    assert owed.due_date == contract.warranty_ends_on
    # 1 year from the handover: the day before the same date a year later (민법 제160조).
    assert contract.warranty_ends_on == contract.handed_over_on.replace(
        year=contract.handed_over_on.year + 1
    ) - dt.timedelta(days=1)


def test_a23_1_completion_waits_for_the_operation_plan(demo, unchanged):
    """a23.1: the operation plan (운영방안) is made before the build is completed: the inspection that completes
    it is refused while the plan is blank, naming the clause."""
    contract = f.ContractFactory(company=u("vendor").company)
    _ready_for_inspection(contract)
    contract.operation_plan = "  "
    contract.save()
    contract = _notified(contract)
    with unchanged(), pytest.raises(Blocked) as error:
        Contract.workflow.execute(contract, "pass_inspection", actor=u("sponsor"), data={})
    assert [g.clause_id for g in error.value.guards] == ["a23.1"] and "운영방안" in error.value.message_text
    contract.operation_plan = "운영 조직·절차·장애 대응 체계"
    contract.save()
    assert Contract.workflow.execute(contract, "pass_inspection", actor=u("sponsor"), data={}).state == "inspected"


def test_a22_a23_1_the_defect_liability_period_closes_after_its_year_with_every_defect_fixed(demo, unchanged):
    """The year of defect liability ends the project: not before its last day, and not with a defect still open;
    closing meets the defect-liability duty."""
    import time_machine

    from itms.execution.models import Defect
    from itms.regulation.models import ObligationStatus

    app = Contract.objects.get(number="C-2025-0044")  # handed over
    with unchanged(), pytest.raises(Blocked) as early:
        Contract.workflow.execute(app, "close", actor=u("sponsor"))
    assert [g.clause_id for g in early.value.guards] == ["a22"]
    requirement = app.requirements.first()
    defect = Defect.objects.create(
        contract=app, title="면세 한도 오계산", kind="defect", requirement=requirement, reported_on=app.handed_over_on
    )
    after = dt.datetime.combine(app.warranty_ends_on + dt.timedelta(days=1), dt.time(10), tzinfo=dt.UTC)
    with time_machine.travel(after, tick=False):
        with pytest.raises(Blocked) as open_defect:
            Contract.workflow.execute(app, "close", actor=u("sponsor"))
        assert [g.clause_id for g in open_defect.value.guards] == ["a23.1"]
        Defect.objects.filter(pk=defect.pk).update(fixed_on=app.warranty_ends_on, resolution="계산식 수정")
        app = Contract.workflow.execute(app, "close", actor=u("sponsor"))
    assert app.state == ContractState.CLOSED
    assert obligation("defect_liability", app).status == ObligationStatus.MET


def test_a17_2_the_sponsor_reviews_a_submitted_deliverable_accepting_or_returning_it_with_a_reason(ai, unchanged):
    deliverable = f.DeliverableFactory(contract=ai)
    actions.upload_deliverable(actor=u("vendor"), deliverable=deliverable, upload=pdf("v1.pdf"))
    deliverable.refresh_from_db()
    with unchanged(), pytest.raises(Forbidden):
        Deliverable.workflow.execute(deliverable, "accept", actor=u("vendor"))  # not their own review
    returned = Deliverable.workflow.execute(
        deliverable, "return_for_revision", actor=u("sponsor"), data={"comment": "화면 정의 누락"}
    )
    assert returned.state == "returned" and returned.review_comment == "화면 정의 누락"
    actions.upload_deliverable(actor=u("vendor"), deliverable=returned, upload=pdf("v2.pdf", PDF + b"%2\n"))
    returned.refresh_from_db()
    assert returned.state == "submitted"  # the new version goes back to review
    accepted = Deliverable.workflow.execute(returned, "accept", actor=u("sponsor"))
    assert accepted.state == "accepted"
    with unchanged(), pytest.raises(Refused):
        actions.upload_deliverable(actor=u("vendor"), deliverable=accepted, upload=pdf("v3.pdf", PDF + b"%3\n"))


def test_a23_1_defect_intake_separates_defects_from_changes(demo):
    from django.core.exceptions import ValidationError

    from itms.execution.models import Defect

    app = Contract.objects.get(number="C-2025-0044")
    change = Defect(contract=app, title="다국어 지원 추가", kind="change", reported_on=app.handed_over_on)
    change.full_clean()  # a request for a new function is taken in as a change, not a defect
    defect = Defect(contract=app, title="면세 한도 오계산", kind="defect", reported_on=app.handed_over_on)
    with pytest.raises(ValidationError, match="요구사항"):
        defect.full_clean()
    late = Defect(
        contract=app, title="늦은 하자", kind="change", reported_on=app.warranty_ends_on + dt.timedelta(days=1)
    )
    with pytest.raises(ValidationError, match="하자담보 기간"):
        late.full_clean()


def test_a23_1_a25_1_a_change_taken_in_as_such_becomes_the_sponsors_maintenance_request(client_of, unchanged):
    """A request for a new function during the defect period is not a 하자 (the contractor fixes only what fails the
    agreed requirements): the sponsoring department passes it on, once, as its own draft maintenance request for the
    handed-over system, to go up through its head to the IT department (a25.1). A true 하자 stays with the
    contractor; neither the IT department that took it in nor the contractor files requests for the sponsor."""
    from itms.execution.models import Defect
    from itms.operations.models import MaintenanceRequest

    app = Contract.objects.get(number="C-2025-0044")
    change = Defect.objects.create(contract=app, title="여행자 휴대품 다국어(중국어) 신고 화면 추가", kind="change",
                                   description="중국어 화면 요청", reported_on=app.handed_over_on)  # fmt: skip
    url = reverse("execution:defect_to_request", args=[change.pk])
    sponsor, itdept, vendor2 = client_of("sponsor"), client_of("itdept"), client_of("vendor2")
    with unchanged():
        assert itdept.post(url).status_code == vendor2.post(url).status_code == 403  # vendor2: its contractor
    assert "유지관리 요청으로 넘기기" not in itdept.get(change.get_absolute_url()).content.decode()

    assert "유지관리 요청으로 넘기기" in sponsor.get(change.get_absolute_url()).content.decode()
    response = sponsor.post(url)
    made = MaintenanceRequest.objects.get(title=change.title)
    assert response.status_code == 302 and response.url == made.get_absolute_url()
    assert (made.system, made.requesting_unit, made.requested_by, made.state) == (
        app.system, app.project.sponsor_unit, u("sponsor"), "draft")  # fmt: skip
    assert "요구변경" in made.reason and made.description == "중국어 화면 요청"
    change.refresh_from_db()
    assert change.maintenance_request == made
    with unchanged(), pytest.raises(Refused) as again:
        actions.defects.to_maintenance_request(actor=u("sponsor"), defect=change)
    assert again.value.error_code.clause == "a25.1"

    real = Defect.objects.create(contract=app, title="면세 한도 오계산", kind="defect", reported_on=app.handed_over_on,
                                 requirement=app.requirements.first())  # fmt: skip
    answer = sponsor.post(f"/api/execution/defects/{real.pk}/to-maintenance-request/")
    assert answer.status_code == 409 and answer.json()["clause"] == "a23.1"
    second = Defect.objects.create(
        contract=app, title="영수증 사진 첨부", kind="change", reported_on=app.handed_over_on
    )
    answer = sponsor.post(f"/api/execution/defects/{second.pk}/to-maintenance-request/")
    assert answer.status_code == 201
    assert MaintenanceRequest.objects.get(pk=answer.json()["maintenance_request"]).title == "영수증 사진 첨부"


# --- a13.3: change of scope through the 과업심의위원회 -----------------------------------------------------------
def _task_committee_meeting():
    """A convened meeting of the demo's 과업심의위원회 (구축·고도화), by its secretary (governance's public action)."""
    from django.utils import timezone

    from itms.accounts.models import Assignment
    from itms.governance.actions import convene_meeting
    from itms.governance.models import Body

    body = Body.objects.get(name="과업심의위원회 (구축·고도화)")
    secretary = Assignment.objects.filter(position=body.secretary_position).first().user
    when = timezone.now() + dt.timedelta(days=20)
    return convene_meeting(actor=secretary, body=body, scheduled_at=when, title="과업변경 심의"), secretary


def test_a13_3_change_goes_to_the_committee_and_its_resolution_changes_contract_and_requirements(demo, unchanged):
    from types import SimpleNamespace

    from itms.execution.decisions import apply_to_change
    from itms.execution.models import ChangeRequest
    from itms.regulation.workflows import TransitionError

    contract = f.ContractFactory(company=u("vendor").company)
    f.RequirementFactory(contract=contract, code="REQ-001", title="조회")
    _vendor_on(contract)
    change = f.ChangeRequestFactory(
        contract=contract, requested_by_contractor=True, new_amount=800_000_000, new_end_date=dt.date(2026, 12, 31),
        requirement_changes="REQ-002 | 신고서 출력\n- REQ-001",
    )  # fmt: skip
    change = ChangeRequest.workflow.execute(change, "submit", actor=u("vendor"))  # the contractor asks (SW진흥법 §50)
    assert obligation("task_change_reply", change).status == "open"  # answered within 14 days
    with unchanged(), pytest.raises(TransitionError):
        ChangeRequest.workflow.execute(change, "committee_approve", actor=u("sponsor"))  # only the resolution moves it
    meeting, secretary = _task_committee_meeting()
    with unchanged(), pytest.raises(Forbidden):  # the committee's secretariat puts items on its agenda
        ChangeRequest.workflow.execute(change, "place_on_agenda", actor=u("sponsor"), data={"meeting": meeting.pk})
    change = ChangeRequest.workflow.execute(change, "place_on_agenda", actor=secretary, data={"meeting": meeting.pk})
    assert change.agenda_item.subject == change and change.agenda_item.meeting == meeting
    assert contract.amount == 750_000_000  # nothing takes effect before the committee confirms it
    # The committee engine calls the handler with its resolution when the vote is recorded.
    resolution = SimpleNamespace(
        item=change.agenda_item, effect="approve", outcome="passed", recorded_by=secretary, pk=1
    )
    apply_to_change(resolution)
    contract.refresh_from_db()
    assert contract.amount == 800_000_000 and contract.end_date == dt.date(2026, 12, 31) and contract.version == 2
    assert list(contract.requirements.filter(is_active=True).values_list("code", flat=True)) == ["REQ-002"]
    version = contract.versions.get(number=2)
    assert version.change_request_id == change.pk and [r["code"] for r in version.requirements if r["active"]] == [
        "REQ-002"
    ]
    assert obligation("task_change_reply", change).status == "met"
    assert ChangeRequest.objects.get(pk=change.pk).state == "approved"

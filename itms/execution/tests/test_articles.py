"""The articles of Chapter 5 the rule tests did not name yet, each with an example from its text: the access sweep
that ends a vendor's access by itself (a17.3), the plan review on its page (a18), the problem list (a19.0.3), the
requirement traceability matrix on screen and as XLSX (a20, a20.1), the audit decision explained (a21), and the
handover's final set and rollout plan (a23, a23.2, a23.3)."""

import datetime as dt
from io import BytesIO, StringIO

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from itms.accounts.models import User
from itms.execution import actions
from itms.execution import factories as f
from itms.execution.choices import PlanState, Verdict
from itms.execution.models import Contract, Deliverable, ExecutionPlan, Issue, PlanReviewItem
from itms.execution.tasks import expire_vendor_access_task
from itms.projects.models import ProjectParticipant
from itms.regulation.workflows import Blocked

from .test_rules import PDF, _inspected, pdf, u

pytestmark = pytest.mark.django_db


@pytest.fixture
def ai(demo):
    return Contract.objects.get(number="C-2026-0031")


# --- a17.3: access that ends by itself -------------------------------------------------------------------------
def _temporary_vendor(contract, username, end):
    user = User.objects.create(username=username, name=f"임시 {username}", kind="vendor", company=contract.company)
    actions.grant_vendor_access(actor=u("itplan"), contract=contract, user=user, role="vendor_staff",
                                start=dt.date(2026, 3, 2), end=end)  # fmt: skip
    return user


def test_a17_3_the_daily_command_and_task_end_a_vendors_access_after_the_last_assignment(demo):
    """정보기획담당관 gives 임시 직원 access 2026. 3. 2.~4. 30. (제17조제3항 "제한적으로"): on 5. 1. the daily run switches
    the account off; a second run that day switches nobody; the Celery task does the same for the next one."""
    contract = f.ContractFactory(company=u("vendor2").company)
    first = _temporary_vendor(contract, "temp_a", dt.date(2026, 4, 30))
    out = StringIO()
    call_command("expire_vendor_access", "--date", "2026-05-01", stdout=out)
    first.refresh_from_db()
    assert not first.is_active and "임시 temp_a(temp_a)" in out.getvalue()
    again = StringIO()
    call_command("expire_vendor_access", "--date", "2026-05-01", stdout=again)
    assert again.getvalue().strip() == "접근 만료 업체 계정 0개: 없음"

    second = _temporary_vendor(contract, "temp_b", dt.date(2026, 5, 15))
    with time_machine.travel(dt.datetime(2026, 5, 16, 5, tzinfo=dt.UTC), tick=False):
        result = expire_vendor_access_task.delay().get()
    second.refresh_from_db()
    assert result["today"] == "2026-05-16" and "temp_b" in result["switched"] and not second.is_active
    entry = settings.CELERY_BEAT_SCHEDULE["expire-vendor-access"]
    assert entry["task"] == expire_vendor_access_task.name
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({5}, {0})


# --- a18: the review on its page --------------------------------------------------------------------------------
def test_a18_deficient_review_item_needs_what_to_fix_on_the_page(client_of, demo, unchanged):
    """착수관리 (a18): the sponsor reviews the submitted plan against 제안요청서·제안서·계약서 (a18.2); marking an item
    '미흡' without saying what to fix is refused with the rule's words, nothing saved; with the comment it is kept."""
    contract = f.ContractFactory(company=u("vendor").company)
    ProjectParticipant.objects.create(project=contract.project, user=u("vendor"), role="vendor_manager",
                                      start_date=dt.date(2026, 1, 1))  # fmt: skip
    plan = ExecutionPlan.objects.get(contract=contract)
    for field in ExecutionPlan.SECTIONS:
        setattr(plan, field, "작성")
    plan.save()
    plan = ExecutionPlan.workflow.execute(plan, "submit", actor=u("vendor"))
    assert plan.state == PlanState.SUBMITTED
    item = plan.review_items.get(aspect="schedule", basis="rfp")
    sponsor = client_of("sponsor")
    url = reverse("execution:planreviewitem_edit", args=[item.pk])
    with unchanged():
        response = sponsor.post(url, {"verdict": Verdict.DEFICIENT, "comment": ""})
    assert response.status_code == 400 and "제18조제2항" in response.content.decode()
    response = sponsor.post(
        url, {"verdict": Verdict.DEFICIENT, "comment": "제안요청서의 분석 단계 2개월이 1개월로 줄어듦"}
    )
    assert response.status_code == 302
    assert PlanReviewItem.objects.get(pk=item.pk).verdict == Verdict.DEFICIENT


# --- a19.0.3: the problem list --------------------------------------------------------------------------------------
def test_a19_0_3_problems_are_listed_on_the_contract_until_resolved(client_of, ai, unchanged):
    """진도관리 제3호 "그 밖에 필요한 사항": the vendor records a problem met (학습 데이터 반입 보안심사 지연) on a work
    package of the same contract; it shows on the contract page until resolved; a resolution dated before the
    problem was raised is refused, nothing saved."""
    vendor = client_of("vendor")
    package = ai.work_packages.get(code="4")
    data = {"contract": ai.pk, "title": "연계 테스트 환경 미확보", "severity": "high", "work_package": package.pk,
            "raised_on": "2026-11-02", "action_plan": "운영부서와 일정 협의"}  # fmt: skip
    assert vendor.post(reverse("execution:issue_add"), data).status_code == 302
    issue = Issue.objects.get(contract=ai, title="연계 테스트 환경 미확보")
    assert "연계 테스트 환경 미확보" in client_of("sponsor").get(ai.get_absolute_url()).content.decode()
    with unchanged():
        response = vendor.post(reverse("execution:issue_edit", args=[issue.pk]), {**data, "resolved_on": "2026-10-30"})
    assert response.status_code == 400 and "해결일은 제기일보다 빠를 수 없습니다" in response.content.decode()
    assert (
        vendor.post(reverse("execution:issue_edit", args=[issue.pk]), {**data, "resolved_on": "2026-11-20"}).status_code
        == 302
    )
    assert "연계 테스트 환경 미확보" not in client_of("sponsor").get(ai.get_absolute_url()).content.decode()


# --- a20, a20.1: the traceability matrix --------------------------------------------------------------------------
def test_a20_a20_1_traceability_matrix_on_screen_and_as_xlsx(client_of, ai):
    """품질관리 (a20): the requirements gathered (a20.1) traced to design, test cases and results. The AI project's
    table (demo): REQ-F-003 선별 결과 통관시스템 연계 → IF-UNIPASS-07 → TC-003 결함; REQ-S-001 has no test yet."""
    from openpyxl import load_workbook

    sponsor = client_of("sponsor")
    url = reverse("execution:traceability", args=[ai.pk])
    page = sponsor.get(url).content.decode()
    assert "REQ-F-003" in page and "IF-UNIPASS-07" in page and "TC-003" in page and "시험 없음" in page
    response = sponsor.get(url, {"_export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row[0] == "요구사항 ID")
    assert rows[header][:7] == ("요구사항 ID", "요구사항명", "유효", "설계 추적", "시험 ID", "시험명", "결과")
    body = {row[0]: row for row in rows[header + 1 :] if row[0]}
    assert body["REQ-F-003"][4:7] == ("TC-003", "통관시스템 연계 전송", "결함")
    assert body["REQ-S-001"][6] == "시험 없음"
    assert client_of("vendor2").get(url).status_code == 404  # another vendor's project (a17.3)


# --- a21: the audit decision, explained -------------------------------------------------------------------------------
def test_a21_the_contract_page_says_whether_the_project_is_audited_and_why(client_of, ai):
    """감리 (a21): the AI project builds a system for 12억 (≥ 5억, 시행령 제71조제1항제2호) — the sponsor sees "감리
    대상" with the decree's reason on the contract page, and the three stages (a21.2, 정보시스템 감리기준)."""
    page = client_of("sponsor").get(ai.get_absolute_url()).content.decode()
    assert "감리 대상" in page and "시행령 제71조제1항제2호" in page
    assert ai.system_audit.mandatory and ai.system_audit.stages.count() == 3


# --- a23: the final set and the rollout plan --------------------------------------------------------------------------
def test_a23_a23_2_a23_3_handover_needs_the_final_set_through_the_system_and_a_rollout_plan(demo, unchanged):
    """정보시스템의 업무 적용 (a23): after a clean acceptance test, the handover still waits for the final deliverables
    with the 인수인계서 submitted through the system (a23.2) and for the phased rollout plan and the rules to enact or
    amend (a23.3, '없음' if none); each refusal names its paragraph, nothing changes."""
    contract, test = _inspected(f.ContractFactory(company=u("vendor").company))
    type(test).workflow.execute(test, "record_passed", actor=u("itdept"), data={
        "conducted_on": dt.date.today(), "participants": "합동", "result_summary": "이상 없음"})  # fmt: skip
    actions.build_checklist(contract)
    data = {"system_name": "적용 시험 시스템", "system_code": "T-A23-3"}
    with unchanged(), pytest.raises(Blocked) as error:
        Contract.workflow.execute(contract, "hand_over", actor=u("sponsor"), data=data)
    assert {g.clause_id for g in error.value.guards} == {"a23.2", "a23.3"}
    assert "제23조제2항" in error.value.message_text and "제23조제3항" in error.value.message_text
    for deliverable in Deliverable.objects.filter(contract=contract, is_final=True):
        actions.upload_deliverable(
            actor=u("vendor"), deliverable=deliverable, upload=pdf(body=PDF + deliverable.title.encode())
        )
    with unchanged(), pytest.raises(Blocked) as error:
        Contract.workflow.execute(contract, "hand_over", actor=u("sponsor"), data=data)
    assert [g.clause_id for g in error.value.guards] == ["a23.3"]
    contract.rollout_plan, contract.rules_to_amend = "1단계 본청 시범적용(1개월) 후 2단계 전국 세관", "없음"
    contract.save()
    contract = Contract.workflow.execute(contract, "hand_over", actor=u("sponsor"), data=data)
    assert contract.handed_over_on is not None and contract.system.code == "T-A23-3"


# --- a18.1, a17.2: the checklist from the deliverable plan ----------------------------------------------------------
def test_a18_1_a17_2_the_checklist_follows_the_vendors_deliverable_plan(demo):
    """The vendor's 산출물 제출 계획 (a18.1) says "표준 산출물에 더해 인터페이스 정의서와 데이터 전환 계획을 분석 단계
    종료 시 제출": once the plan is approved the project's checklist (a17.2) has every standard deliverable and
    those two — and not the 배치 설계서 the plan does not name."""
    from itms.execution.models import DeliverableType

    contract = f.ContractFactory(company=u("vendor").company)
    ProjectParticipant.objects.create(project=contract.project, user=u("vendor"), role="vendor_manager",
                                      start_date=dt.date(2026, 1, 1))  # fmt: skip
    plan = ExecutionPlan.objects.get(contract=contract)
    for field in ExecutionPlan.SECTIONS:
        setattr(plan, field, "작성")
    plan.deliverable_plan = "표준 산출물에 더해 인터페이스 정의서와 데이터 전환 계획을 분석 단계 종료 시 제출"
    plan.save()
    plan = ExecutionPlan.workflow.execute(plan, "submit", actor=u("vendor"))
    plan.review_items.update(verdict=Verdict.CONFORMS)
    ExecutionPlan.workflow.execute(plan, "approve", actor=u("sponsor"))
    listed = set(Deliverable.objects.filter(contract=contract).values_list("type__code", flat=True))
    standard = set(DeliverableType.objects.filter(required_default=True).values_list("code", flat=True))
    assert listed == standard | {"AN-IF", "AN-MIGRATION"}
    assert "DS-BATCH" not in listed and Deliverable.objects.get(contract=contract, type__code="AN-IF").required


# --- a17.2, a17.3: the vendor's missing-deliverable report ----------------------------------------------------------
def test_a17_2_a17_3_vendor_missing_deliverables_linked_in_a_fixed_number_of_queries(
    client_of, ai, django_assert_max_num_queries
):
    """The vendor's report lists the required deliverables of their own projects still to submit, each linked to its
    page (a17.2), none of another vendor's (a17.3); whether each may be opened is asked once for the page, not once
    per row: twenty more missing deliverables do not add a query."""
    vendor = client_of("vendor")
    url = reverse("execution:missing_deliverables")
    vendor.get(url)
    with django_assert_max_num_queries(12) as before:
        page = vendor.get(url).content.decode()
    mine = Deliverable.objects.filter(contract=ai, required=True, state="planned").first()
    assert f'href="{mine.get_absolute_url()}"' in page
    bot = Contract.objects.get(number="C-2026-0012")
    assert not any(d.get_absolute_url() in page for d in Deliverable.objects.filter(contract=bot))
    for n in range(20):
        f.DeliverableFactory(contract=ai, title=f"추가 산출물 {n}", required=True)
    with django_assert_max_num_queries(len(before.captured_queries)):
        page = vendor.get(url).content.decode()
    assert "추가 산출물 19" in page


def test_a17_3_a19_the_vendors_contract_pages_link_every_row_in_a_fixed_number_of_queries(
    client_of, ai, django_assert_max_num_queries
):
    """The contractor works from the portal and the contract's page (a17.3, a19): each lists the project's
    deliverables and reports, linked. Whether each may be opened is asked once per kind of row: twenty more
    deliverables do not add a query."""
    vendor = client_of("vendor")
    urls = [ai.get_absolute_url(), reverse("execution:portal_contract", args=[ai.pk])]
    counts = {}
    for url in urls:
        vendor.get(url)
        with django_assert_max_num_queries(60) as before:
            vendor.get(url)
        counts[url] = len(before.captured_queries)
    for n in range(20):
        f.DeliverableFactory(contract=ai, title=f"추가 산출물 {n}")
    for url in urls:
        with django_assert_max_num_queries(counts[url]):
            page = vendor.get(url).content.decode()
        added = Deliverable.objects.get(contract=ai, title="추가 산출물 19")
        assert f'href="{added.get_absolute_url()}"' in page

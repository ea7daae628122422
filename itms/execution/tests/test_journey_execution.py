"""Chapter 5 walked in the browser (issue 15, "Done when"): 2027-CLP-010 from its contract to the handover.

The demo leaves 관세 빅데이터 품질관리 체계 구축 (2027-CLP-010) with its proposals evaluated and ranked: first is
(주)미래데이터시스템, whose staff member ``vendor2`` has a login. Each role works in its own browser context, and the
calendar moves three times (the project runs in 2027), as the project would:

1. 2027. 1. 4.(월) — the sponsor (``sponsor``, 통관기획과) registers the contract; its requirement table is the ordered
   RFP's (a14.1, a20.1). The 정보기획담당관 (``itplan``) gives the vendor's PM and the 감리원 access limited to this
   project (a17.3) and decides the audit: mandatory, three stages (a21). The PM writes and submits the 사업수행계획서
   (a18.1); the sponsor reads it beside the RFP, the proposal and the contract, finds the staff line short of the
   proposal and asks for a revision; the PM revises, the sponsor approves (a18.2) and the deliverable checklist
   appears (a17.2). The PM registers the WBS and reports the first week's progress (a19).
2. 2027. 5. 24.(월) — the 감리원 (``auditor``) performs the final stage and records a finding; the PM records the
   correction and the 감리원 confirms it (a21). The PM records the integration test, user test and pilot (a20.2) and
   submits the final deliverables with the 인수인계서 (a23.2). The sponsor asks 데이터담당관 for the acceptance test
   (a20.3).
3. 2027. 6. 14.(월) — three weeks later (a20.3 asks 14 clear days before the inspection completes), the head of
   데이터담당관 (``itdept``) records the joint acceptance test as passed; the PM notifies completion (a22); the sponsor
   checks every inspection item in one form, passes the inspection, opens the 검사조서, writes the rollout plan
   (a23.3) and hands the system over: it enters the register operated by 데이터담당관 (a24.1), and the defect year
   starts (a23.1). 데이터담당관 takes in a request for a new screen as a 요구변경, and the sponsor passes it on as a
   maintenance request (a25.1).

Screenshots: artifacts/screenshots/test_clp010_from_contract_to_handover/.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from itms.accounts.models import OrgUnit, User
from itms.acquisition.models import EvaluationResult
from itms.execution.models import AuditFinding, Contract, Deliverable, ExecutionPlan, SystemAudit
from itms.operations.models import MaintenanceRequest
from itms.projects.models import Project
from itms.testing.browser import choose, login, needs_chromium, shot, state, submit, transition
from itms.testing.matrix import walked_on

pytest_plugins = ["itms.testing.browser"]
pytestmark = [pytest.mark.browser, needs_chromium, walked_on("postgresql")]

SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
NUMBER = "C-2027-0003"


def at(day: dt.date, hour: int = 10):
    return time_machine.travel(dt.datetime.combine(day, dt.time(hour), tzinfo=SEOUL), tick=True)


def test_clp010_from_contract_to_handover(page, open_as, page_log):
    project = Project.objects.get(code="2027-CLP-010")
    first = EvaluationResult.objects.select_related("proposal__company").get(evaluation__project=project, rank=1)
    company = first.proposal.company
    vendor = User.objects.get(username="vendor2")
    assert vendor.company == company  # the first-ranked bidder's PM has a login
    dat = OrgUnit.objects.get(code="KCS-DAT")
    rfp_codes = {"SFR-001", "SFR-002", "PER-001", "SIR-001", "TER-001", "SER-001", "PMR-001"}

    # --- 1. 2027. 1. 4.(월): contract, access, audit, plan, WBS ---------------------------------------------------
    with at(dt.date(2027, 1, 4)):
        login(page, "sponsor")
        page.goto(reverse("execution:contract_add"))
        choose(page, "#id_project", project.pk, "빅데이터")
        page.fill("#id_number", NUMBER)
        page.fill("#id_title", "관세 빅데이터 품질관리 체계 구축 용역")
        choose(page, "#id_company", company.pk, company.name[3:7])
        page.fill("#id_amount", str(first.proposal.bid_price))
        page.fill("#id_signed_on", "2027-01-04")
        page.fill("#id_start_date", "2027-01-04")
        page.fill("#id_end_date", "2027-06-30")
        choose(page, "#id_it_unit", dat.pk, "데이터")
        page.fill("#id_operation_plan", "데이터담당관 인수 후 품질지표 일일 점검, 장애 시 2시간 내 복구 (제23조제1항)")
        submit(page, page.get_by_role("button", name="저장"))
        contract = Contract.objects.get(number=NUMBER)
        assert set(contract.requirements.values_list("code", flat=True)) == rfp_codes  # a14.1, a20.1
        shot(page, "sponsor-contract-registered", full_page=True)

        itplan = open_as("itplan")
        itplan.goto(contract.get_absolute_url())
        for user, role in ((vendor, "vendor_manager"), (User.objects.get(username="auditor"), "auditor")):
            itplan.select_option("#id_user", value=str(user.pk))
            itplan.select_option("#id_role", value=role)
            itplan.fill("#id_start", "2027-01-04")
            assert "접근권한" in submit(itplan, itplan.get_by_role("button", name="접근권한 부여 (정보기획담당관)"))
        itplan.goto(reverse("execution:systemaudit_add") + f"?contract={contract.pk}")
        itplan.check("#id_serves_public")
        itplan.select_option("#id_mode", value="three_stage")
        choose(itplan, "#id_firm", User.objects.get(username="auditor").company_id, "감리")
        submit(itplan, itplan.get_by_role("button", name="저장"))
        audit = SystemAudit.objects.get(contract=contract)
        assert audit.mandatory and audit.stages.count() == 3  # a21: public-facing, ≥ 5억 build
        shot(itplan, "itplan-audit-decided", full_page=True)

        pm = open_as("vendor2")
        pm.goto(reverse("execution:portal_contract", args=[contract.pk]))
        pm.get_by_test_id("execution-plan").get_by_role("link", name="열기").click()
        plan = ExecutionPlan.objects.get(contract=contract)
        pm.goto(reverse("execution:executionplan_edit", args=[plan.pk]))
        pm.fill("#id_staffing", "PM 유하은 (특급, 전 기간), 데이터 품질 2, 개발 3")
        pm.fill("#id_schedule", "분석·설계 1~3월, 구현·시험 4~6월 (세부 WBS)")
        pm.fill("#id_quality_plan", "단계별 품질검토, 데이터 품질진단 월 1회, 결함 관리대장")
        pm.fill("#id_deliverable_plan", "단계 종료 시 산출물 제출, 종료 시 인수인계서")
        submit(pm, pm.get_by_role("button", name="저장"))
        submit(pm, transition(pm, "submit"))
        assert state(pm) == "제출 (검토 중)"

        # a18.2: the sponsor reads it beside the RFP, the proposal and the contract.
        page.goto(plan.get_absolute_url())
        table = page.get_by_test_id("plan-comparison")
        assert "PMR-001" in table.inner_text() and "2027. 1. 4.(월)~2027. 6. 30.(수)" in table.inner_text()
        staff = plan.review_items.get(aspect="staff", basis="proposal")
        table.get_by_role("button", name="모두 '부합'으로").click()
        page.select_option(f"#verdict-{staff.pk}", value="deficient")
        page.fill(f"#note-{staff.pk}", "제안서의 투입인력(데이터 품질 3명)보다 적음")
        shot(page, "sponsor-plan-beside-rfp-proposal-contract", full_page=True)
        submit(page, table.get_by_role("button", name="검토 결과 저장"))
        page.fill("#id_request_revision-reason", "데이터 품질 인력을 제안서대로 3명으로 하십시오.")
        submit(page, transition(page, "request_revision"))
        assert state(page) == "수정 요구"

        pm.goto(reverse("execution:executionplan_edit", args=[plan.pk]))
        pm.fill("#id_staffing", "PM 유하은 (특급, 전 기간), 데이터 품질 3, 개발 3")
        submit(pm, pm.get_by_role("button", name="저장"))
        submit(pm, transition(pm, "submit"))

        page.goto(plan.get_absolute_url())
        table = page.get_by_test_id("plan-comparison")
        table.get_by_role("button", name="모두 '부합'으로").click()
        submit(page, table.get_by_role("button", name="검토 결과 저장"))
        submit(page, transition(page, "approve"))
        assert state(page) == "승인"
        finals = list(Deliverable.objects.filter(contract=contract, is_final=True).order_by("pk"))
        assert any(d.type.code == "CLS-HANDOVER" for d in finals)  # the checklist follows the approved plan

        # a19: the WBS and the first week's report.
        for code, name, start, end, after in (
            ("1", "분석·설계", "2027-01-04", "2027-03-31", None),
            ("2", "구현·시험·이행", "2027-04-01", "2027-06-30", "1"),
        ):
            pm.goto(reverse("execution:portal_contract", args=[contract.pk]))
            pm.get_by_role("link", name="WBS 항목 추가").click()
            pm.fill("#id_code", code)
            pm.fill("#id_name", name)
            pm.fill("#id_planned_start", start)
            pm.fill("#id_planned_end", end)
            if after:
                choose(pm, "#id_predecessors", contract.work_packages.get(code=after).pk, "분석")
            submit(pm, pm.get_by_role("button", name="저장"))
        pm.goto(reverse("execution:portal_contract", args=[contract.pk]))
        pm.locator("#wbs-gantt[data-ready='true']").wait_for()
        analysis = contract.work_packages.get(code="1")
        pm.fill("#id_summary", "착수보고, 현행 데이터 품질 진단 착수")
        pm.fill(f"#wp-{analysis.pk}", "5")
        assert "진척을 보고했습니다." in submit(pm, pm.get_by_role("button", name="진척 보고"))
        shot(pm, "pm-wbs-and-first-report", full_page=True)

    # --- 2. 2027. 5. 24.(월): audit, tests, final deliverables, acceptance test asked ----------------------------------
    with at(dt.date(2027, 5, 24)):
        auditor = open_as("auditor")
        final = audit.stages.get(kind="final")
        auditor.goto(reverse("execution:auditstage_edit", args=[final.pk]))
        auditor.fill("#id_performed_on", "2027-05-20")
        auditor.fill("#id_report_received_on", "2027-05-24")
        submit(auditor, auditor.get_by_role("button", name="저장"))
        auditor.goto(reverse("execution:auditfinding_add") + f"?stage={final.pk}")
        auditor.fill("#id_title", "데이터 품질 진단 결과서에 오류율 산식 누락")
        auditor.select_option("#id_severity", value="medium")
        submit(auditor, auditor.get_by_role("button", name="저장"))
        finding = AuditFinding.objects.get(stage=final)

        pm = open_as("vendor2")
        pm.goto(reverse("execution:auditfinding_edit", args=[finding.pk]))
        pm.fill("#id_corrective_action", "오류율 = 오류 건수 ÷ 검사 건수 산식과 근거 추가")
        pm.fill("#id_corrected_on", "2027-05-24")
        submit(pm, pm.get_by_role("button", name="저장"))
        auditor.goto(reverse("execution:auditfinding_edit", args=[finding.pk]))
        auditor.fill("#id_confirmed_on", "2027-05-24")
        submit(auditor, auditor.get_by_role("button", name="저장"))
        shot(auditor, "auditor-correction-confirmed", full_page=True)

        for kind, start, end in (("integration", "2027-05-03", "2027-05-07"), ("user", "2027-05-10", "2027-05-14"),
                                 ("pilot", "2027-05-17", "2027-05-21")):  # fmt: skip
            pm.goto(reverse("execution:testrun_add") + f"?contract={contract.pk}")
            pm.select_option("#id_kind", value=kind)
            pm.fill("#id_started_on", start)
            pm.fill("#id_ended_on", end)
            pm.check("#id_passed")
            pm.fill("#id_summary", "시나리오 모두 통과")
            submit(pm, pm.get_by_role("button", name="저장"))
        pm.goto(reverse("execution:portal_contract", args=[contract.pk]))
        for deliverable in finals:
            row = pm.get_by_test_id("portal-deliverables").locator(
                "form", has=pm.get_by_label(f"{deliverable.title} 파일")
            )
            body = f"%PDF-1.4\n% {NUMBER} {deliverable.type.code}\n%%EOF\n".encode()
            row.get_by_label(f"{deliverable.title} 파일").set_input_files(
                {"name": f"{deliverable.type.code}.pdf", "mimeType": "application/pdf", "buffer": body}
            )
            assert "산출물을 등록했습니다." in submit(pm, row.get_by_role("button", name="등록"))
        shot(pm, "pm-final-deliverables", full_page=True)

        page = open_as("sponsor")
        page.goto(contract.get_absolute_url())
        choose(page, "#id_it_unit", dat.pk, "데이터")
        page.fill("#id_inspection_due", "2027-06-30")
        page.fill("#id_scope", "요구사항추적표의 품질진단 시나리오 12건")
        message = submit(page, page.get_by_role("button", name="정보화부서장에게 인수테스트 요청"))
        assert "인수테스트를 요청했습니다" in message

    # --- 3. 2027. 6. 14.(월): acceptance test, completion, inspection, handover ------------------------------------------
    with at(dt.date(2027, 6, 14)):
        it = open_as("itdept")
        test = contract.acceptance_tests.get()
        it.goto(test.get_absolute_url())
        it.fill("#id_record_passed-conducted_on", "2027-06-10")
        it.fill("#id_record_passed-participants", "통관기획과 2명, 데이터담당관 2명")
        it.fill("#id_record_passed-result_summary", "12건 모두 이상 없음")
        submit(it, transition(it, "record_passed"))

        pm = open_as("vendor2")
        pm.goto(contract.get_absolute_url())
        submit(pm, transition(pm, "notify_completion"))
        assert state(pm) == "완료계 접수·검사 중"

        page = open_as("sponsor")
        inspection = contract.inspections.get()
        page.goto(inspection.get_absolute_url())
        items = page.get_by_test_id("inspection-items")
        items.get_by_role("button", name="모두 '이행'으로").click()
        assert "검사 결과를 저장했습니다." in submit(page, items.get_by_role("button", name="검사 결과 저장"))
        assert not inspection.items.exclude(verdict="done").exists()
        shot(page, "sponsor-inspection-items", full_page=True)
        page.goto(contract.get_absolute_url())
        page.fill("#id_pass_inspection-remarks", "요구사항 7건, 산출물, 시험, 감리 시정조치 모두 이행")
        submit(page, transition(page, "pass_inspection"))
        assert state(page) == "검사 합격"
        report = page.request.get(reverse("execution:inspection_report", args=[inspection.pk, "pdf"]))
        assert report.ok and report.body().startswith(b"%PDF")

        page.goto(reverse("execution:contract_edit", args=[contract.pk]))
        page.fill("#id_rollout_plan", "본청 시범 적용(7월) 후 전 세관 확대(9월)")
        page.fill("#id_rules_to_amend", "관세 데이터 품질관리 지침 제정")
        submit(page, page.get_by_role("button", name="저장"))
        page.fill("#id_hand_over-system_name", "관세 빅데이터 품질관리 시스템")
        page.fill("#id_hand_over-system_code", "BD-DQ")
        submit(page, transition(page, "hand_over"))
        assert state(page) == "인계·하자담보"
        contract.refresh_from_db()
        assert contract.system.operating_unit == dat and contract.warranty_ends_on == dt.date(
            2028, 6, 13
        )  # 민법 제160조
        shot(page, "sponsor-handed-over", full_page=True)

        # The defect year: a new screen is a 요구변경, passed on as 통관기획과's maintenance request (a23.1, a25.1).
        it.goto(reverse("execution:defect_add") + f"?contract={contract.pk}")
        it.fill("#id_title", "품질지표 월간 추이 화면 추가")
        it.select_option("#id_kind", value="change")
        it.fill("#id_reported_on", "2027-06-14")
        submit(it, it.get_by_role("button", name="저장"))
        page.goto(it.url)
        submit(page, page.get_by_role("button", name="유지관리 요청으로 넘기기"))
        request = MaintenanceRequest.objects.get(title="품질지표 월간 추이 화면 추가")
        assert page.url.endswith(request.get_absolute_url()) and request.system == contract.system
        shot(page, "sponsor-change-as-maintenance-request", full_page=True)
    page_log.assert_clean()

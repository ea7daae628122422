"""Chapter 4 walked in the browser (issue 14, "Done when"): 2027-CLP-003 from its deliberated plan to a ranked result.

The demo leaves 해외직구 통관 데이터 연계 플랫폼 구축 (2027-CLP-003) with its plan deliberated and nothing of
Chapter 4 started. Each role works in its own browser context:

- the sponsor (``sponsor``, 통관기획과) starts every step from the project page: 사전협의 (not applicable: no other
  agency, a11.1), the RFP from the registered template with a requirement SFR-001 and the SW-law self-check (a14.1),
  the security review with the draft RFP (a12.1), the 과업심의 request (a13.3), and the ordering request (a14.1);
- the 정보보안담당관 (``security``) writes a finding and the result with the NIS consultation (a12.2); the sponsor
  reflects it (a12.3) and the officer verifies (a12.4);
- the 과업심의위원회's secretary (``council``) puts the request on the committee's convened meeting, records
  attendance and the votes, and closes the vote: the resolution reaches the request (a13.3); the sponsor reflects it
  in the RFP (a13.4);
- the 정보기획담당관 (``itplan``) reviews the 12 legal ordering requirements and orders (a14.2, a14.4);
- the 정보화부서장 (``itdept``, 데이터담당관) prepares the evaluation (a15.1), registers two proposals, designates
  an internal evaluator, seals the draw (a15.3), a bidder's representative (``vendor``) enters a witness number,
  the secret is revealed and the experts are contacted in the drawn order; the chair is chosen (a15.2), the
  committee formed (a15.4), attendance recorded and the session opened (a15.5), the 정량 items scored from evidence;
- each of the five evaluators scores the 정성 items on the tablet page (autosave) and submits (a15.8);
- the 정보화부서장 locks the result (hash) and sends it to 조달청 (a15.8).

The expected ranking is worked out from the rules (a15.9), not read from the code:

| | 정량 (20) | 정성 shares of the 5 evaluators | 정성 (70): drop one highest, one lowest | 기술 | 가격 (10) | 종합 |
|---|---|---|---|---|---|---|
| A 1,000,000,000원 | 10+5+5 = 20 | 1.0, 0.9, 0.9, 0.9, 0.5 | 0.9 × 70 = 63 | 83 | 10 × 9억 ÷ 10억 = 9 | 92 |
| B 900,000,000원 | 8+4+4 = 16 | 0.8, 0.8, 0.8, 1.0, 0.2 | 0.8 × 70 = 56 | 72 | 10 (lowest bid) | 82 |

Both bids are at least 80 % of the estimate, so the price score is 10 × lowest ÷ bid. 85 % of 90 is 76.5: A (83) is
a 협상적격자, B (72) is not. A ranks first. Screenshots: artifacts/screenshots/test_clp003_from_deliberated_plan_to_a_ranked_result/.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from itms.accounts.models import OrgUnit, User
from itms.acquisition.models import (
    Evaluation,
    EvaluatorDraw,
    Expert,
    OrderingRequest,
    PreConsultation,
    Rfp,
    SecurityReview,
    TaskDeliberation,
)
from itms.governance.models import Meeting
from itms.projects.models import Project
from itms.testing.browser import choose, login, needs_chromium, shot, state, submit, transition
from itms.testing.matrix import walked_on

pytest_plugins = ["itms.testing.browser"]
pytestmark = [pytest.mark.browser, needs_chromium, walked_on("sqlite")]

PROJECT = "2027-CLP-003"
BIDS = {"A": 1_000_000_000, "B": 900_000_000}
QUANTITATIVE = {"A": ("10", "5", "5"), "B": ("8", "4", "4")}  # 수행실적 10, 경영상태 5, 기술인력 5
SHARES = {"A": ("1.0", "0.9", "0.9", "0.9", "0.5"), "B": ("0.8", "0.8", "0.8", "1.0", "0.2")}  # by sheet A–E


def start_step(page, project: Project, label: str) -> None:
    """On the project page, the step line's button that starts a step of Chapter 4."""
    page.goto(project.get_absolute_url())
    submit(page, page.get_by_role("button", name=label))


def test_clp003_from_deliberated_plan_to_a_ranked_result(page, page_log, open_as):
    """Every step of Chapter 4 on its screen, by the role that owes it: a11.1, a12.1, a12.2, a12.3, a12.4, a12.5,
    a13.3, a13.4, a14.1, a14.2, a14.4, a15.1, a15.2, a15.3, a15.4, a15.5, a15.8, a15.9."""
    project = Project.objects.get(code=PROJECT)
    assert not PreConsultation.objects.filter(project=project).exists()
    today = timezone.localdate()

    # --- 사전협의 (a11): no other agency, so it does not apply -----------------------------------------------------
    login(page, "sponsor")
    page.goto(project.get_absolute_url())
    shot(page, "sponsor-project-deliberated")
    start_step(page, project, "사전협의 시작")
    assert "대상 아님" in page.locator("[data-testid=assessment]").inner_text()
    submit(page, transition(page, "conclude_not_required"))
    assert state(page) == PreConsultation.objects.get(project=project).get_state_display()
    shot(page, "sponsor-consultation-not-required")

    # --- the RFP from the registered template, a requirement, the SW-law self-check (a14.1) ------------------------
    start_step(page, project, "제안요청서 시작")
    rfp = Rfp.objects.get(project=project)
    assert urlsplit(page.url).path == rfp.get_absolute_url()
    form = page.locator("#requirements form")
    form.locator("select[name=category]").select_option(label="SFR 기능 요구사항")
    form.locator("input[name=name]").fill("해외직구 통관 데이터 조회")
    form.locator("textarea[name=definition]").fill("해외직구 물품의 통관 진행 정보를 조회한다")
    form.locator("textarea[name=details]").fill("운송장번호·통관고유부호로 조회하고 결과를 내려받는다")
    form.locator("input[name=deliverable]").fill("요구사항정의서")
    submit(page, form.get_by_role("button", name="요구사항 추가"))
    assert "SFR-001" in page.locator("[data-testid=requirements]").inner_text()
    checks = page.locator("[data-testid=self-check] form")
    for index in range(checks.count()):
        submit(page, page.locator("[data-testid=self-check] form").nth(index).get_by_role("button", name="적용"))
    assert "완료" in page.locator("[data-testid=self-check] .card-actions").inner_text()
    shot(page, "sponsor-rfp-requirement-self-check")

    # --- security review with the draft RFP (a12) ----------------------------------------------------------------
    start_step(page, project, "보안성 검토 시작")
    submit(page, transition(page, "request"))
    review = SecurityReview.objects.get(project=project)
    security = open_as("security")
    security.goto(review.get_absolute_url())
    findings = security.locator("[data-testid=findings] form").last
    findings.locator("textarea[name=finding]").fill("해외 사업자 연계 구간의 전송 데이터 암호화")
    submit(security, findings.get_by_role("button", name="의견 추가"))
    security.fill("#id_notify_result-result_summary", "보안 요구사항(SER) 보완 후 추진")
    security.fill("#id_notify_result-nis_consulted_on", f"{today - dt.timedelta(days=1):%Y-%m-%d}")
    security.fill("#id_notify_result-nis_summary", "국가정보원 보안성 검토 협의 완료")
    submit(security, transition(security, "notify_result"))
    shot(security, "security-result-notified")
    page.goto(review.get_absolute_url())
    reflect = page.locator("[data-testid=findings] form").first
    reflect.locator("textarea[name=reflection]").fill("SER-001 전송 구간 암호화 요구사항 추가")
    submit(page, reflect.get_by_role("button", name="반영"))
    security.goto(review.get_absolute_url())
    security.fill("#id_verify-note", "반영 확인")
    submit(security, transition(security, "verify"))
    assert state(security) == "반영 확인"
    shot(security, "security-verified")

    # --- 과업심의 (a13): requested, put on the committee's meeting, resolved, reflected -----------------------------
    start_step(page, project, "과업심의 시작")
    submit(page, transition(page, "request"))
    deliberation = TaskDeliberation.objects.get(project=project)
    meeting = Meeting.objects.filter(body=deliberation.body, state__in=("convened", "distributed")).latest("pk")
    council = open_as("council")
    council.goto(deliberation.get_absolute_url())
    council.select_option("#id_schedule-meeting", value=str(meeting.pk))
    submit(council, transition(council, "schedule"))
    council.goto(meeting.get_absolute_url())
    if meeting.state == "convened":
        submit(council, transition(council, "distribute"))
    rows = council.locator("[data-testid=attendance] form.list-group-item")
    for index in range(rows.count()):
        row = council.locator("[data-testid=attendance] form.list-group-item").nth(index)
        row.locator("select[name=status]").select_option(value="present")
        submit(council, row.get_by_role("button", name="저장"))
    council.fill("#id_open-reason", "과업심의 요청 처리를 위해 위원 전원 동의로 예정일 전 개회")
    submit(council, transition(council, "open"))
    item = council.locator("[data-testid=agenda-item]").filter(has_text=project.name)
    submit(council, item.get_by_role("button", name="표결 시작"))
    record = item.locator("form").filter(has_text="위원 표 기록")
    members = record.locator("select[name=membership] option").all_inner_texts()
    for name in members:
        record = council.locator("[data-testid=agenda-item]").filter(has_text=project.name)
        record = record.locator("form").filter(has_text="위원 표 기록")
        record.locator("select[name=membership]").select_option(label=name)
        record.locator("select[name=choice]").select_option(value="for")
        submit(council, record.get_by_role("button", name="기록"))
    item = council.locator("[data-testid=agenda-item]").filter(has_text=project.name)
    closing = item.locator("form").filter(has=council.get_by_role("button", name="표결 마감·의결 기록"))
    closing.locator("select[name=close-effect]").select_option(value="approve")
    closing.locator("textarea[name=close-remarks]").fill("과업 범위와 사업기간 10개월을 원안대로 확정")
    submit(council, closing.get_by_role("button", name="표결 마감·의결 기록"))
    assert "가결" in item.locator("[data-testid=outcome]").inner_text()
    shot(council, "council-resolution")
    page.goto(deliberation.get_absolute_url())
    assert state(page) == "심의·의결"
    page.fill("#id_reflect-reflection", "심의 결과 과업 범위와 사업기간을 제안요청서에 확정")
    submit(page, transition(page, "reflect"))
    shot(page, "sponsor-deliberation-reflected")

    # --- ordering: the request, the legal checklist, the order (a14.1, a14.2, a14.4) ------------------------------
    start_step(page, project, "발주 의뢰·발주요건 검토 시작")
    submit(page, transition(page, "request"))
    ordering = OrderingRequest.objects.get(project=project)
    itplan = open_as("itplan")
    itplan.goto(ordering.get_absolute_url())
    for index in range(itplan.locator("[data-testid=legal-checks] form").count()):
        form = itplan.locator("[data-testid=legal-checks] form").nth(index)
        form.locator("select[name=result]").select_option(value="satisfied")
        submit(itplan, form.get_by_role("button", name="적용"))
    assert "검토 완료" in itplan.locator("[data-testid=legal-checks] .card-actions").inner_text()
    submit(itplan, transition(itplan, "review"))
    notice = today - dt.timedelta(days=50)
    itplan.fill("#id_order-notice_number", "R27BK00303")
    itplan.fill("#id_order-notice_on", f"{notice:%Y-%m-%d}")
    itplan.fill("#id_order-proposal_due_on", f"{notice + dt.timedelta(days=45):%Y-%m-%d}")
    submit(itplan, transition(itplan, "order"))
    assert state(itplan) == "발주"
    shot(itplan, "itplan-ordered")

    # --- the evaluation prepared by the 정보화부서장 (a15.1) with two proposals -----------------------------------
    itdept = open_as("itdept")
    itdept.goto(ordering.get_absolute_url())
    with itdept.expect_navigation():
        itdept.get_by_role("link", name="제안서 평가 준비").click()
    assert itdept.locator("[data-testid=size-table-empty]").count() == 1  # the size table ships empty (a15.2)
    itdept.select_option("#id_unit", value=str(OrgUnit.objects.get(code="KCS-DAT").pk))
    itdept.fill("#id_evaluation_at", f"{today + dt.timedelta(days=14):%Y-%m-%d}T10:00")  # formed 5 days before (a15.4)
    itdept.fill("#id_estimated_price", "1000000000")
    itdept.fill("#id_committee_size", "5")
    itdept.select_option("#id_required_fields", label="관세·통관 업무")
    submit(itdept, itdept.get_by_role("button", name="준비"))
    evaluation = Evaluation.objects.get(project=project)
    assert urlsplit(itdept.url).path == evaluation.get_absolute_url()
    vendors = {u.username: u for u in User.objects.filter(username__in=("vendor", "vendor2"))}
    companies = {"A": vendors["vendor"].company, "B": vendors["vendor2"].company}
    for letter, company in companies.items():
        itdept.goto(evaluation.get_absolute_url())
        with itdept.expect_navigation():
            itdept.locator("[data-testid=proposals]").get_by_role("link", name="제안서 등록").click()
        choose(itdept, "#id_company", company.pk, company.name)
        itdept.fill("#id_bid_price", str(BIDS[letter]))
        itdept.fill("#id_submitted_on", f"{notice + dt.timedelta(days=45):%Y-%m-%d}")
        representative = vendors["vendor" if letter == "A" else "vendor2"]
        choose(itdept, "#id_representatives", representative.pk, representative.name)
        submit(itdept, itdept.get_by_role("button", name="저장"))
    itdept.goto(evaluation.get_absolute_url())
    shot(itdept, "itdept-evaluation-prepared")
    submit(itdept, transition(itdept, "start_selection"))
    internal = User.objects.get(username="itstaff")
    choose(itdept, "#id_user", internal.pk, internal.name)
    submit(itdept, itdept.get_by_role("button", name="지정"))

    # --- the draw (a15.3): sealed, a witness's number, the reveal, the contacts in the drawn order ----------------
    draw = EvaluatorDraw.objects.get(evaluation=evaluation)
    itdept.goto(draw.get_absolute_url())
    submit(itdept, itdept.locator("[data-testid=commit]"))
    list_hash = itdept.locator("[data-testid=list-hash]").inner_text()
    assert len(list_hash) == 64
    bidder = open_as("vendor")
    bidder.goto(draw.get_absolute_url())
    bidder.fill("input[name=number]", "20271203")
    submit(bidder, bidder.locator("[data-testid=enter-witness]"))
    shot(bidder, "bidder-witness-number")
    itdept.goto(draw.get_absolute_url())
    submit(itdept, itdept.locator("[data-testid=reveal]"))
    assert itdept.locator("[data-testid=verify-ok]").count() == 1
    accounts = {"expert", "expert2", "expert3", "expert4", "expert5"}
    while itdept.locator("[data-testid=record-contact]").count():
        code = itdept.locator("[data-testid=order] input[name=code]").input_value()
        expert = Expert.objects.select_related("user").get(code=code)
        accepted = expert.user is not None and expert.user.username in accounts
        itdept.locator("[data-testid=order] select[name=outcome]").select_option(
            value="accepted" if accepted else "unreachable"
        )
        submit(itdept, itdept.locator("[data-testid=record-contact]"))
    shot(itdept, "itdept-draw-contacted")
    bidder.goto(draw.get_absolute_url())
    assert "공개 기록으로 다시 계산한 순서가 같고" in bidder.locator("[data-testid=verify-ok]").inner_text()

    # --- the committee: chair, formation 5 days ahead, attendance, session (a15.2, a15.4, a15.5) ---------------
    itdept.goto(evaluation.get_absolute_url())
    committee = itdept.locator("[data-testid=committee]")
    submit(itdept, committee.get_by_role("button", name="위원장 선정").first)
    submit(itdept, transition(itdept, "form_committee"))
    for index in range(itdept.locator("[data-testid=committee] tbody tr").count()):
        row = itdept.locator("[data-testid=committee] tbody tr").nth(index)
        submit(itdept, row.get_by_role("button", name="출석", exact=True))
    itdept.fill("#open-reason", "평가위원 전원이 참석 가능하여 예정일 전 개회")
    submit(itdept, itdept.locator("[data-testid=open-session]"))
    assert "정족수" in itdept.locator("[data-testid=quorum]").inner_text()
    for letter, company in companies.items():
        block = itdept.locator("[data-testid=quantitative] .list-group-item").filter(has_text=company.name)
        for index, score in enumerate(QUANTITATIVE[letter]):
            form = itdept.locator("[data-testid=quantitative] .list-group-item").filter(has_text=company.name)
            form = form.locator("form").nth(index)
            form.locator("input[name=score]").fill(score)
            form.locator("input[name=evidence]").fill("제출 서류 확인")
            submit(itdept, form.get_by_role("button", name="입력"))
        assert block.count() == 1
    shot(itdept, "itdept-session-quantitative")

    # --- each evaluator scores the 정성 items on the tablet page, autosaved, and submits (a15.8) -----------------
    evaluation.refresh_from_db()
    sheets = list(evaluation.sheets.select_related("evaluator").order_by("label"))
    assert len(sheets) == 5
    points = {item.pk: item.points for item in evaluation.items.filter(kind="qualitative")}
    proposals = {letter: evaluation.proposals.get(company=company) for letter, company in companies.items()}
    for index, sheet in enumerate(sheets):
        tab = open_as(sheet.evaluator.username)
        tab.set_viewport_size({"width": 820, "height": 1180})  # a tablet held upright
        tab.goto(evaluation.get_absolute_url())
        with tab.expect_navigation():
            tab.locator("[data-testid=my-sheet]").click()
        for letter, proposal in proposals.items():
            share = Decimal(SHARES[letter][index])
            for item_pk, item_points in points.items():
                field = tab.locator(f"#score-{proposal.pk}-{item_pk}")
                field.fill(str((item_points * share).quantize(Decimal("0.01"))))
                field.press("Tab")  # leaving the field saves it (change)
                answer = tab.locator(f"#state-{proposal.pk}-{item_pk} [data-testid^=score-]")
                try:
                    answer.wait_for()
                except Exception:
                    shot(tab, "evaluator-autosave-no-answer")
                    raise AssertionError(f"자동 저장 응답 없음: {page_log.failed} {page_log.console_errors}") from None
                assert answer.inner_text().startswith("저장됨"), answer.inner_text()
        if index == 0:
            shot(tab, "evaluator-tablet-autosaved")
        submit(tab, tab.locator("[data-testid=submit-sheet]"))
        assert tab.locator("[data-testid=submitted]").count() == 1

    # --- the result locked with its hash, ranked, sent to 조달청 (a15.8, a15.9) ---------------------------------
    itdept.goto(evaluation.get_absolute_url())
    submit(itdept, transition(itdept, "lock"))
    assert itdept.locator("[data-testid=hash-ok]").count() == 1
    ranking = itdept.locator("[data-testid=ranking] tbody tr")
    first, second = ranking.nth(0).locator("td"), ranking.nth(1).locator("td")
    assert first.nth(1).inner_text().startswith(companies["A"].name)
    assert [first.nth(i).inner_text() for i in (0, 4, 5, 6, 7)] == ["1", "83.0000", "9.0000", "92.0000", "적격"]
    assert second.nth(1).inner_text().startswith(companies["B"].name)
    assert [second.nth(i).inner_text() for i in (0, 4, 5, 6, 7)] == ["2", "72.0000", "10.0000", "82.0000", "부적격"]
    itdept.locator("[data-testid=results]").scroll_into_view_if_needed()
    shot(itdept, "itdept-ranked-result")
    itdept.fill("#id_notify_procurement-reference", "데이터담당관-0303")
    submit(itdept, transition(itdept, "notify_procurement"))
    evaluation.refresh_from_db()
    assert evaluation.state == "notified" and len(evaluation.result_hash) == 64

    # --- the project page shows the whole of Chapter 4 done, the first-ranked bidder named -------------------------
    page.goto(project.get_absolute_url())
    assert f"1순위 {companies['A'].name} (92.0000점)" in page.content()
    shot(page, "sponsor-project-ranked")
    page_log.assert_clean()

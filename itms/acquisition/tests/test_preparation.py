"""Before ordering: 사전협의 (a11), 보안성 검토 (a12), 과업심의 (a13), the RFP and its ordering (a14).

Deadlines are counted by the legal calendar (민법 제157조 first day not counted, 제161조 a last day on a Saturday or
holiday rolls on); refusals change nothing.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from itms.acquisition import actions
from itms.acquisition.actions.common import run
from itms.acquisition.consultation import assess
from itms.acquisition.models import (
    OrderingRequest,
    PreConsultation,
    Rfp,
    SecurityReview,
    TaskCommitteeScope,
    TaskDeliberation,
)
from itms.projects.models import Project
from itms.regulation import legal_calendar
from itms.regulation.models import Obligation

REFUSED = (ValidationError, PermissionDenied)
pytestmark = pytest.mark.django_db


def project(code):
    return Project.objects.get(code=code)


# --- 사전협의 (a11) ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "linked, joint, other_law, applies, phrase",
    [
        ("국세청", "", False, True, "사전협의 대상입니다"),
        ("", "식품의약품안전처", False, True, "공동으로 이용"),
        ("", "", False, False, "대상이 아닙니다"),
        ("국세청", "", True, False, "시행령 제82조"),
    ],
)
def test_a11_1_whether_pre_consultation_applies_comes_from_the_projects_data(
    demo, linked, joint, other_law, applies, phrase
):
    record = PreConsultation(
        project=project("2027-CLP-003"),
        interlinked_agencies=linked,
        joint_use_agencies=joint,
        excluded_by_other_law=other_law,
    )
    result = assess(record)
    assert result.applies is applies
    assert any(phrase in reason for reason in result.reasons)


def test_a11_2_mois_reply_and_objection_deadlines_are_30_then_15_and_15_days(users):
    record = actions.start_consultation(actor=users["sponsor"], project=project("2027-CLP-003"))
    record.interlinked_agencies = "국세청"
    record.save()
    applied = dt.date(2026, 9, 1)
    record = run(record, "apply", actor=users["sponsor"], data={"applied_on": applied})
    reply = Obligation.objects.get(kind="pre_consultation_reply", subject_id=record.pk)
    assert reply.due_date == legal_calendar.forward(applied, 30).date == dt.date(2026, 10, 1)
    assert reply.owed_by_role == "it_planning_officer"
    replied = dt.date(2026, 9, 25)
    record = run(
        record,
        "record_reply",
        actor=users["itplan"],
        data={"reply_on": replied, "summary": "조정", "results": "연계 채널 재사용\n항목 재검토"},
    )
    objection = Obligation.objects.get(kind="pre_consultation_objection", subject_id=record.pk)
    # 2026. 9. 25. + 15 days = 10. 10. (토) → the next working day, 10. 12. (월)
    assert objection.due_date == legal_calendar.forward(replied, 15).date == dt.date(2026, 10, 12)
    assert record.results.count() == 2


def test_a11_2_results_must_each_be_reflected_before_the_consultation_closes(users, unchanged):
    record = PreConsultation.objects.get(project__code="2027-CLP-004")
    assert record.state == "replied"
    with unchanged(), pytest.raises(REFUSED) as error:
        run(record, "reflect", actor=users["sponsor"])
    assert "반영했는지" in str(error.value)
    for result in record.results.all():
        actions.reflect_result(actor=users["sponsor"], result=result, reflection="SIR-001에 반영")
    record = run(record, "reflect", actor=users["sponsor"])
    assert record.state == "reflected"
    window = Obligation.objects.get(kind="pre_consultation_objection", subject_id=record.pk)
    assert window.status == "met" and "이의 없이" in window.close_note


def test_a11_2_an_objection_within_15_days_opens_mois_answer(users):
    record = PreConsultation.objects.get(project__code="2027-CLP-004")
    record = run(
        record, "object", actor=users["sponsor"], data={"objection_on": timezone.localdate(), "objection": "재검토"}
    )
    answer = Obligation.objects.get(kind="pre_consultation_answer", subject_id=record.pk)
    assert answer.due_date == legal_calendar.forward(timezone.localdate(), 15).date
    record = run(
        record, "record_answer", actor=users["itplan"], data={"answer_on": timezone.localdate(), "summary": "일부 수용"}
    )
    assert record.state == "answered"


# --- 보안성 검토 (a12) ---------------------------------------------------------------------------------------------
def test_a12_1_a_review_is_requested_with_the_draft_rfp(users, unchanged):
    review = actions.start_security_review(actor=users["sponsor"], project=project("2027-CLP-003"))
    assert review.rfp is None  # no RFP yet for the deliberated project
    with unchanged(), pytest.raises(REFUSED) as error:
        run(review, "request", actor=users["sponsor"])
    assert "제안요청서(안)" in str(error.value)


def test_a12_2_the_security_officer_writes_findings_and_the_nis_consultation(users, unchanged):
    review = SecurityReview.objects.get(project__code="2027-CLP-005")
    assert review.state == "requested" and {f.source for f in review.findings.all()} == {"security_officer", "nis"}
    with unchanged(), pytest.raises(REFUSED):
        actions.add_finding(actor=users["sponsor"], review=review, source="nis", finding="무단")
    with unchanged(), pytest.raises(REFUSED):
        run(review, "notify_result", actor=users["security"], data={"result_summary": "요지"})  # NIS fields missing
    review = run(
        review,
        "notify_result",
        actor=users["security"],
        data={"result_summary": "보완", "nis_consulted_on": timezone.localdate(), "nis_summary": "협의 완료"},
    )
    assert review.state == "notified" and review.nis_summary == "협의 완료"
    assert Obligation.objects.get(kind="security_review_result", subject_id=review.pk).status == "met"


def test_a12_3_a12_4_every_finding_is_reflected_before_the_officer_verifies(users, unchanged):
    """The sponsor reflects each finding (a12.3); only then may the 정보보안담당관 check the reflection (a12.4)."""
    review = SecurityReview.objects.get(project__code="2027-CLP-005")
    review = run(
        review,
        "notify_result",
        actor=users["security"],
        data={"result_summary": "보완", "nis_consulted_on": timezone.localdate(), "nis_summary": "협의"},
    )
    with unchanged(), pytest.raises(REFUSED):
        run(review, "verify", actor=users["security"], data={"note": "확인"})
    for finding in review.findings.all():
        actions.reflect_finding(actor=users["sponsor"], finding=finding, reflection="SER-002 추가")
    assert run(review, "verify", actor=users["security"], data={"note": "확인"}).state == "verified"


def test_a12_5_ordering_is_blocked_until_a_result_and_every_finding_is_reflected(users, unchanged):
    """CLP-005's RFP cannot be ordered: no result yet (a12.1), then findings open (a12.3)."""
    rfp = Rfp.objects.get(project__code="2027-CLP-005")
    ordering = actions.create_ordering(actor=users["sponsor"], rfp=rfp)
    with unchanged(), pytest.raises(REFUSED) as error:
        run(ordering, "request", actor=users["sponsor"])
    assert "보안성 검토 결과가 통보되어야" in str(error.value)


# --- 과업심의 (a13) -----------------------------------------------------------------------------------------------
def test_a13_2_requests_go_to_the_committee_whose_scope_takes_them(demo):
    construction = actions.route(project("2027-CLP-003"), "task_scope")
    assert construction.name == "과업심의위원회 (구축·고도화)"
    operation = Project.objects.get(code="2026-SOT-001")
    assert actions.route(operation, "task_change").name == "과업심의위원회 (운영·유지관리)"
    TaskCommitteeScope.objects.all().delete()
    assert actions.route(project("2027-CLP-003"), "task_scope") is None  # two committees, no scopes: ambiguous


def test_a13_3_the_committees_secretary_opens_the_request_and_puts_it_on_the_agenda(demo, client_of, users):
    """The request of CLP-006 waits for the 과업심의위원회 (구축·고도화), whose secretary (``council``, 정보화기획 담당
    사무관) opens it to put it on a meeting (the step the workflow gives the secretariat); an official who neither
    sponsors the project nor runs the committee does not see it."""
    record = TaskDeliberation.objects.get(project__code="2027-CLP-006")
    assert record.body.name == "과업심의위원회 (구축·고도화)"
    page = client_of("council").get(record.get_absolute_url())
    assert page.status_code == 200 and "심의할 과업심의위원회" in page.content.decode()
    assert record in TaskDeliberation.objects.restrict(users["council"], "view")
    assert record not in TaskDeliberation.objects.restrict(users["security"], "view")


def test_a13_1_a_committee_out_of_composition_cannot_take_requests(users, unchanged):
    from itms.governance.models import Membership

    record = actions.start_deliberation(actor=users["sponsor"], project=project("2027-CLP-005"))
    body = actions.route(record.project, record.kind)
    external = Membership.objects.filter(body=body, basis="external")
    Membership.objects.filter(pk__in=list(external.values_list("pk", flat=True))[:3]).update(
        end_date=dt.date(2025, 6, 30)
    )
    with unchanged(), pytest.raises(REFUSED) as error:
        run(record, "request", actor=users["sponsor"])
    assert "구성" in str(error.value)


def test_a13_3_the_committee_resolves_and_a13_4_its_result_is_reflected_in_the_rfp(users):
    """The committee's resolution (a13.3) is reflected in the RFP it deliberated: same fingerprint (a13.4)."""
    record = TaskDeliberation.objects.get(project__code="2027-CLP-010")
    assert record.state == "reflected" and record.reflected_fingerprint == record.rfp.fingerprint()
    from itms.governance.models import Resolution

    assert Resolution.objects.filter(item=record.agenda_item, outcome="passed").exists()


def test_a13_3_deliberation_before_ordering_and_a_changed_scope_needs_a_new_one(users, unchanged):
    """CLP-007 was ordered-requested after deliberation; a requirement added later changes the scope."""
    ordering = OrderingRequest.objects.get(project__code="2027-CLP-007")
    ordering = run(ordering, "return_request", actor=users["itplan"], data={"reason": "보완"})
    ordering = run(ordering, "revise", actor=users["sponsor"])
    rfp = ordering.rfp
    from itms.acquisition.models import RequirementCategory

    actions.add_requirement(
        actor=users["sponsor"],
        rfp=rfp,
        category=RequirementCategory.objects.get(code="SFR"),
        name="추가 기능",
        definition="새 기능",
        details="심의 뒤에 넣은 기능",
    )
    with unchanged(), pytest.raises(REFUSED) as error:
        run(ordering, "request", actor=users["sponsor"])
    assert "다시 심의받으십시오" in str(error.value)


def test_a13_3_a_contractor_request_is_answered_within_14_days_extended_once(users, unchanged):
    from itms.projects.models import ProjectParticipant

    target = project("2027-CLP-010")  # its contractor's PM is assigned to it (a17.3)
    ProjectParticipant.objects.create(
        project=target, user=users["vendor"], role="vendor_manager", start_date=dt.date(2026, 1, 1)
    )
    record = actions.contractor_request(actor=users["vendor"], project=target, kind="task_change", content="범위 변경")
    assert record.requested_by_contractor and record.state == "requested"
    assert record.body.name == "과업심의위원회 (구축·고도화)"
    due = Obligation.objects.get(kind="contractor_deliberation_answer", subject_id=record.pk)
    assert due.due_date == legal_calendar.forward(timezone.localdate(), 14).date
    with unchanged(), pytest.raises(REFUSED):
        actions.contractor_request(actor=users["vendor2"], project=target, kind="task_change", content="남의 사업")
    extended = actions.extend_contractor_answer(
        actor=users["sponsor"], deliberation=record, days=14, consent="12. 4. 전자우편 동의"
    )
    assert extended.due_date == due.due_date + dt.timedelta(days=14)
    with unchanged(), pytest.raises(REFUSED) as error:
        actions.extend_contractor_answer(actor=users["sponsor"], deliberation=record, days=3, consent="다시")
    assert "한 차례만" in str(error.value)
    record = run(record, "answer", actor=users["sponsor"], data={"answer": "다음 회의에서 심의, 조치계획 첨부"})
    assert record.state == "answered"
    assert Obligation.objects.get(kind="contractor_deliberation_answer", subject_id=record.pk).status == "met"


# --- 제안요청서와 발주 (a14) ------------------------------------------------------------------------------------------
def test_a14_1_the_rfp_is_built_from_a_registered_template_with_the_projects_data(users):
    target = project("2027-CLP-003")
    rfp = actions.create_rfp(actor=users["sponsor"], project=target, period_months=9)
    first = rfp.sections.order_by("order").first()
    assert first.title == "사업개요" and target.name in first.body and "계약일부터 9개월" in first.body
    assert "{{" not in "".join(rfp.sections.values_list("body", flat=True))
    assert [s.number for s in rfp.sections.order_by("order")] == ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", "Ⅵ", "Ⅶ", "Ⅷ", "Ⅸ"]
    assert rfp.self_checks.count() == 16


def test_a14_1_requirements_are_numbered_per_category(demo):
    rfp = Rfp.objects.get(project__code="2027-CLP-010")
    codes = [r.code for r in rfp.requirements.select_related("category").order_by("category__code", "seq")]
    assert codes[:2] == ["PER-001", "PMR-001"] and "SFR-002" in codes


def test_a14_1_the_rfp_exports_as_hwpx_and_pdf_with_the_seven_fields(demo, client_of):
    rfp = Rfp.objects.get(project__code="2027-CLP-010")
    client = client_of("sponsor")
    pdf = client.get(reverse("acquisition:rfp_export", args=[rfp.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    hwpx = client.get(reverse("acquisition:rfp_export", args=[rfp.pk, "hwpx"]))
    assert hwpx.status_code == 200 and hwpx.content[:2] == b"PK"
    from itms.acquisition.documents import rfp_document
    from itms.documents.official import plain_text

    text = plain_text(rfp_document(rfp))
    for label in (
        "요구사항 분류",
        "요구사항 고유번호",
        "요구사항 명칭",
        "정의",
        "세부내용",
        "산출정보",
        "관련 요구사항",
        "요구사항 출처",
    ):
        assert label in text
    assert "SFR-001" in text and "요구사항 총괄표" in text


def test_a14_1_a_section_is_edited_in_the_browser_and_refused_once_ordered(demo, client_of, users):
    rfp = (
        Rfp.objects.get(project__code="2027-CLP-003")
        if Rfp.objects.filter(project__code="2027-CLP-003").exists()
        else None
    )
    rfp = rfp or actions.create_rfp(actor=users["sponsor"], project=project("2027-CLP-003"))
    section = rfp.sections.order_by("order").first()
    client = client_of("sponsor")
    form = client.get(reverse("acquisition:section_edit", args=[section.pk]), HTTP_HX_REQUEST="true")
    assert form.status_code == 200 and "<textarea" in form.content.decode()
    saved = client.post(
        reverse("acquisition:section_edit", args=[section.pk]),
        {"title": "사업 개요", "body": "고친 내용"},
        HTTP_HX_REQUEST="true",
    )
    assert "저장했습니다" in saved.content.decode()
    section.refresh_from_db()
    assert (section.title, section.body) == ("사업 개요", "고친 내용")
    ordered = Rfp.objects.get(project__code="2027-CLP-010").sections.first()
    refused = client.post(
        reverse("acquisition:section_edit", args=[ordered.pk]), {"title": "x", "body": "y"}, HTTP_HX_REQUEST="true"
    )
    assert "발주한 제안요청서는 고칠 수 없습니다" in refused.content.decode()


def test_a14_1_templates_are_versioned_and_a_published_one_is_never_edited(demo, users, client_of):
    from itms.acquisition.models import RfpTemplate

    template = RfpTemplate.objects.get(version=1)
    assert template.is_published
    assert client_of("itplan").get(reverse("acquisition:rfptemplate_edit", args=[template.pk])).status_code == 403
    new = actions.new_template_version(actor=users["itplan"], template=template)
    assert new.version == 2 and not new.is_published
    actions.publish_template(actor=users["itplan"], template=new)
    assert actions.rfp.templates_for(project("2027-CLP-003"))[0] == new


def test_a14_2_the_legal_checklist_gates_the_review(users, unchanged):
    """The 정보기획담당관 reviews every legal ordering requirement (a14.2); the contract rules the directive defers to
    (a14.4, 국가계약법 시행령 제35조제5항: the notice 40 days before the day before proposals are due) are checked and
    enforced when the order is placed."""
    ordering = OrderingRequest.objects.get(project__code="2027-CLP-007")
    assert ordering.state == "requested" and ordering.checks.count() == 12
    text = " ".join(ordering.checks.values_list("requirement", flat=True))
    assert "40일" in text and "10일" in text and "50%" in text
    with unchanged(), pytest.raises(REFUSED) as error:
        run(ordering, "review", actor=users["itplan"])
    assert "모든 발주요건" in str(error.value)
    with unchanged(), pytest.raises(REFUSED):
        actions.set_check(actor=users["sponsor"], check=ordering.checks.first(), result="satisfied")
    for check in ordering.checks.all():
        actions.set_check(actor=users["itplan"], check=check, result="satisfied")
    ordering = run(ordering, "review", actor=users["itplan"])
    due = timezone.localdate() + dt.timedelta(days=45)
    with unchanged(), pytest.raises(REFUSED) as late:
        run(
            ordering,
            "order",
            actor=users["itplan"],
            data={"notice_number": "R1", "notice_on": due - dt.timedelta(days=20), "proposal_due_on": due},
        )
    assert "40일 전" in str(late.value)
    ordering = run(
        ordering,
        "order",
        actor=users["itplan"],
        data={"notice_number": "R1", "notice_on": due - dt.timedelta(days=41), "proposal_due_on": due},
    )
    assert ordering.state == "ordered" and ordering.rfp.state == "ordered"


def test_a14_1_an_affiliates_project_is_ordered_by_that_agency(users, demo):
    """단서: 소속기관·산하기관의 사업은 해당 기관이 발주 — the 인천공항본부세관's IT head reviews, not 정보기획담당관."""
    from itms.acquisition.actions.ordering import may_review

    airport = Project.objects.get(code="2027-ICN-001")
    rfp = actions.create_rfp(actor=users["itplan"], project=airport)
    ordering = actions.create_ordering(actor=users["itplan"], rfp=rfp)
    assert ordering.self_ordered
    assert may_review(users["airport_it"], ordering) and not may_review(users["itplan"], ordering)


def test_a14_3_an_it_head_merges_and_splits_projects_keeping_the_lineage(users, unchanged):
    a, b = project("2027-CLP-003"), project("2027-CLP-004")
    with unchanged(), pytest.raises(REFUSED):
        actions.merge_projects(actor=users["sponsor"], sources=[a, b], name="통합", code="2027-CLP-900", reason="효율")
    merged = actions.merge_projects(
        actor=users["itdept"], sources=[a, b], name="통합 사업", code="2027-CLP-900", reason="중복 기능 통합"
    )
    result = merged.results.get()
    assert result.total_budget == a.total_budget + b.total_budget
    assert set(result.restructured_from.get().sources.all()) == {a, b}
    with unchanged(), pytest.raises(REFUSED) as error:
        actions.split_project(
            actor=users["itdept"],
            source=result,
            parts=[
                {"name": "1단계", "code": "2027-CLP-901", "budget": 1},
                {"name": "2단계", "code": "2027-CLP-902", "budget": 1},
            ],
            reason="단계 분리",
        )
    assert "같아야 합니다" in str(error.value)
    half = result.total_budget // 2
    split = actions.split_project(
        actor=users["itdept"],
        source=result,
        parts=[
            {"name": "1단계", "code": "2027-CLP-901", "budget": half},
            {"name": "2단계", "code": "2027-CLP-902", "budget": result.total_budget - half},
        ],
        reason="단계 분리",
    )
    assert split.results.count() == 2 and split.sources.get() == result

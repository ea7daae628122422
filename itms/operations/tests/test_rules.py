"""Chapter 6 as the directive says it (a24–a26): each rule with a worked example from its text, each refusal with a
Korean message naming the field and nothing changed. Demo: UNI-PASS under <year>-UP-OM-01 with ``vendor``'s company,
run by 시스템운영팀 (``security`` heads it); 통관기획과 (``sponsor``) asks for changes to 수입통관 (UP-IMP)."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from itms.accounts.models import OrgUnit
from itms.core.errors import Forbidden, Refused
from itms.core.imports import import_rows, read_rows
from itms.core.registry import get as registered
from itms.operations import actions
from itms.operations import factories as f
from itms.operations.actions.common import head_users
from itms.operations.actions.sla import band_of
from itms.operations.choices import IndicatorKind, MonthState, RequestState, Severity, SlaState
from itms.operations.decisions import apply_to_request
from itms.operations.models import (
    ArchitectureCheck,
    Incident,
    MaintenanceRequest,
    MaintenanceWindow,
    OperationArrangement,
    ServiceLevelAgreement,
    SlaIndicator,
    SlaMonth,
)
from itms.regulation.models import Obligation
from itms.regulation.workflows import Blocked
from itms.resources.models import InformationSystem

pytestmark = pytest.mark.django_db
FLOW = MaintenanceRequest.workflow


def _clp_head():
    return head_users(OrgUnit.objects.get(code="KCS-CLP"))[0]


def _transition(client, obj, name, **data):
    url = reverse(
        "regulation:transition",
        kwargs={"app_label": obj._meta.app_label, "model_name": obj._meta.model_name, "pk": obj.pk, "name": name},
    )
    return client.post(url, {f"{name}-{k}": v for k, v in data.items()})


REVIEW = {"overlap_note": "기존 기능과 겹치지 않는다.", "change_scope": "심사 화면 1개", "workload_days": "5",
          "interlinked_functions": "1", "exceeds_scope": False}  # fmt: skip


def _forwarded(demo, **extra):
    request = f.request(**extra)
    request = FLOW.execute(request, "submit", actor=demo["sponsor"])
    return FLOW.execute(request, "forward", actor=_clp_head(), data={"opinion": "필요합니다."})


def _reviewed(demo, **review):
    request = _forwarded(demo)
    return FLOW.execute(request, "review", actor=demo["security"], data={**REVIEW, **review})


# --- a24: operation ---------------------------------------------------------------------------------------------
def test_a24_1_operated_systems_show_their_operating_it_department(client_of):
    """a24.1: each operated system shows the IT department that runs it and how it is run."""
    page = client_of("itplan").get(reverse("operations:systems"))
    assert page.status_code == 200
    text = page.content.decode()
    imp = InformationSystem.objects.get(code="UP-IMP")
    assert imp.name in text and str(imp.operating_unit) in text
    assert "위탁 운영" in text and "자체 운영" in text


def test_a24_1_in_house_operation_is_an_it_departments(demo):
    """a24.1: a system run in house is run by an IT department (정보화부서), not a business department."""
    arrangement = OperationArrangement(
        system=f.system(), mode="in_house", unit=OrgUnit.objects.get(code="KCS-CLP"), starts_on=dt.date(2026, 1, 1)
    )
    with pytest.raises(ValidationError) as refused:
        arrangement.full_clean()
    assert "정보화부서" in str(refused.value.message_dict["unit"])


def test_a24_2_system_taken_over_from_another_agency_is_shown(client_of):
    """a24.2: APIS, built with the 전자정부지원사업 budget by 행정안전부, was taken over and is operated here."""
    apis = InformationSystem.objects.get(code="UP-APIS")
    page = client_of("itdept").get(reverse("operations:system", args=[apis.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "행정안전부" in text and "전자정부지원사업" in text and "제24조제2항" in text


def test_a24_3_outsourced_operation_names_the_contract_covering_the_system(demo):
    """a24.3: an outsourced system names the O&M contract (vendor, period, amount, scope) that covers it."""
    system = f.system()
    with pytest.raises(ValidationError) as missing:
        OperationArrangement(system=system, mode="outsourced", unit=OrgUnit.objects.get(code="KCS-SOT"),
                             starts_on=dt.date(2026, 1, 1)).full_clean()  # fmt: skip
    assert "유지관리 계약" in str(missing.value.message_dict["contract"])
    other = f.contract()  # covers another system
    with pytest.raises(ValidationError) as elsewhere:
        OperationArrangement(system=system, mode="outsourced", contract=other, unit=OrgUnit.objects.get(code="KCS-SOT"),
                             starts_on=dt.date(2026, 1, 1)).full_clean()  # fmt: skip
    assert system.name in str(elsewhere.value.message_dict["contract"])


def test_a24_3_system_page_shows_vendor_period_amount_and_scope(client_of, demo):
    """a24.3: the system's page lists its O&M contracts with the vendor, period, annual amount and what they cover."""
    imp = InformationSystem.objects.get(code="UP-IMP")
    contract = imp.maintenance_contracts.order_by("-ends_on").first()
    text = client_of("security").get(reverse("operations:system", args=[imp.pk])).content.decode()
    assert str(contract.supplier) in text
    assert "18,500,000,000원" in text
    assert "시스템 " in text and "자산 " in text


def test_a24_4_affiliate_subsystem_is_among_the_operated_systems(client_of):
    """a24.4: the subsystem 인천공항본부세관 developed itself is registered and shown with its operating unit."""
    text = client_of("airport_it").get(reverse("operations:systems")).content.decode()
    smart = InformationSystem.objects.get(code="ICN-SMART")
    assert smart.name in text and str(smart.operating_unit) in text


# --- a25: maintenance requests ---------------------------------------------------------------------------------
def test_a25_request_goes_from_the_business_user_to_the_priority_queue_in_the_browser(client_of, demo):
    """a25.1 → a25.2 → a25.4: 통관기획과 files, its head forwards, the IT department reviews (overlap shown) and
    accepts, and the head of the IT department puts it first in the queue — all through the pages."""
    sponsor, head, it_head = client_of("sponsor"), client_of(_clp_head().username), client_of("security")
    imp = InformationSystem.objects.get(code="UP-IMP")
    add = sponsor.post(reverse("operations:maintenancerequest_add"), {
        "title": "수입신고 심사 화면 위험 사유 표시", "description": "심사 화면에 위험 선별 사유를 보여 준다.",
        "reason": "선별 사유를 따로 조회하느라 심사가 늦다.", "system": imp.pk,
        "functions": [imp.functions.get(name="수입신고 심사").pk], "urgency": "high",
        "requesting_unit": OrgUnit.objects.get(code="KCS-CLP").pk,
    })  # fmt: skip
    assert add.status_code == 302
    request = MaintenanceRequest.objects.get(title="수입신고 심사 화면 위험 사유 표시")
    assert request.state == RequestState.DRAFT
    _transition(sponsor, request, "submit")
    _transition(head, request, "forward", opinion="업무 개선에 필요합니다.")
    request.refresh_from_db()
    assert request.state == RequestState.FORWARDED and request.requested_by.username == "sponsor"
    review_page = it_head.get(request.get_absolute_url()).content.decode()
    assert 'data-testid="similar-panel"' in review_page and "제25조제2항" in review_page
    _transition(it_head, request, "review", **REVIEW)
    _transition(it_head, request, "accept")
    request.refresh_from_db()
    assert request.state == RequestState.ACCEPTED
    assert request.priority == 4  # after the demo's three accepted requests of 시스템운영팀
    moved = it_head.post(reverse("operations:queue_move", args=[request.pk]), {"position": "1"})
    assert moved.status_code == 302
    queue = list(actions.queue_of(imp.operating_unit))
    assert queue[0] == request and [r.priority for r in queue] == [1, 2, 3, 4]


def test_a25_1_only_the_head_of_the_requesting_department_forwards(demo):
    """a25.1: the head of the business department reviews and forwards; the requester cannot forward it."""
    request = FLOW.execute(f.request(), "submit", actor=demo["sponsor"])
    with pytest.raises(Forbidden) as refused:
        FLOW.execute(request, "forward", actor=demo["sponsor"], data={"opinion": "자체 전달"})
    assert "요청 부서의 장" in str(refused.value)
    request.refresh_from_db()
    assert request.state == RequestState.SUBMITTED


def test_a25_1_a_request_needs_what_and_why(demo):
    """a25.1: what is to change and why must be written before it goes to the head."""
    request = f.request(reason="")
    with pytest.raises(Blocked) as blocked:
        FLOW.execute(request, "submit", actor=demo["sponsor"])
    assert blocked.value.clause == "a25.1"


def test_a25_1_business_users_see_only_their_own_departments_requests(user_of, demo):
    """a25.1: a business department sees its own requests; another department does not (the IT department
    operating the system does, a25.2)."""
    request = f.request()
    visible = MaintenanceRequest.objects.filter(pk=request.pk)
    assert visible.restrict(user_of("sponsor"), "view").exists()
    assert visible.restrict(user_of("security"), "view").exists()
    assert not visible.restrict(user_of("budget"), "view").exists()
    assert not visible.restrict(user_of("vendor"), "view").exists()  # not accepted: not the vendor's work yet


def test_a25_2_review_is_owed_by_the_it_department_and_met_by_the_decision(demo):
    """a25.2: forwarding opens the IT department head's duty to decide (system default 14 days); deciding meets it."""
    request = _forwarded(demo)
    obligation = Obligation.objects.get(kind="maintenance_review", subject_id=request.pk, status="open")
    assert obligation.owed_by_unit.code == "KCS-SOT"
    assert (obligation.due_date - obligation.start_date).days >= 14
    request = FLOW.execute(request, "review", actor=demo["security"], data=REVIEW)
    FLOW.execute(request, "reject", actor=demo["security"], data={"reason": "인터넷통관포털 기능과 중복됩니다."})
    obligation.refresh_from_db()
    assert obligation.status == "met"
    request.refresh_from_db()
    assert request.state == RequestState.REJECTED and "중복" in request.decision_reason


def test_a25_2_only_the_it_department_of_the_system_reviews(demo):
    """a25.2: the review belongs to the IT department operating the system, not another IT department."""
    request = _forwarded(demo)
    with pytest.raises(Forbidden):
        FLOW.execute(request, "review", actor=demo["itdept"], data=REVIEW)


def test_a25_3_work_beyond_the_maintenance_scope_is_not_accepted_as_maintenance(demo):
    """a25.3: when the workload exceeds the maintenance scope, the request is adjusted or becomes a project."""
    request = _reviewed(demo, workload_days="150", exceeds_scope=True)
    with pytest.raises(Blocked) as blocked:
        FLOW.execute(request, "accept", actor=demo["security"])
    assert "a25.3" in [g.clause_id for g in blocked.value.guards]


def test_a25_3_conversion_to_a_project_keeps_the_lineage(demo):
    """a25.3: agreed with the department, the request becomes an 정보화사업 of that department that names the request."""
    request = _reviewed(demo, workload_days="150", exceeds_scope=True)
    request = FLOW.execute(request, "adjust", actor=demo["security"],
                           data={"proposal": "convert", "reason": "내년 사업으로 추진"})  # fmt: skip
    assert request.state == RequestState.ADJUSTING
    request = FLOW.execute(request, "agree_conversion", actor=_clp_head())
    assert request.state == RequestState.CONVERTED
    project = request.converted_project
    assert project.sponsor_unit.code == "KCS-CLP" and f"요청 #{request.pk}" in project.summary
    assert list(project.related_systems.all()) == [request.system]
    assert list(project.from_maintenance_requests.all()) == [request]


def test_a25_4_only_the_it_head_orders_the_queue(demo):
    """a25.4: the head of the IT department sets the priorities; its staff and the requester cannot."""
    request = FLOW.execute(_reviewed(demo), "accept", actor=demo["security"])
    for username in ("sponsor", "asset"):
        with pytest.raises(Forbidden):
            actions.move_in_queue(request, 1, actor=demo[username])
    queue = actions.move_in_queue(request, 1, actor=demo["security"])
    assert queue[0] == request


def test_a25_5_three_interlinked_functions_need_the_architecture_checklist_and_deliverables(demo):
    """a25.5: improving 3 or more interlinked functions (rule-pack value 3) requires every architecture-standard
    item confirmed and the deliverables registered before it is accepted; 2 functions do not."""
    small = _reviewed(demo, interlinked_functions="2")
    assert not small.architecture_checks.exists()
    request = _reviewed(demo, interlinked_functions="3")
    checks = list(request.architecture_checks.all())
    assert len(checks) == 7
    with pytest.raises(Blocked) as blocked:
        FLOW.execute(request, "accept", actor=demo["security"])
    assert [g.clause_id for g in blocked.value.guards] == ["a25.5", "a25.5"]
    ArchitectureCheck.objects.filter(request=request).update(conforms=True)
    with pytest.raises(Blocked) as still:
        FLOW.execute(request, "accept", actor=demo["security"])
    assert "산출물" in still.value.message_text
    from itms.documents.actions import attach_document

    pdf = SimpleUploadedFile("arch.pdf", b"%PDF-1.4\n% a\n%%EOF\n", content_type="application/pdf")
    attach_document(actor=demo["security"], subject=request, upload=pdf, title="아키텍처 설계서", kind="deliverable")
    assert FLOW.execute(request, "accept", actor=demo["security"]).state == RequestState.ACCEPTED


def test_a25_6_dispute_goes_to_the_council_and_its_resolution_decides(demo):
    """a25.6: when the department does not agree, the council secretary puts it on the council's agenda
    (a5.4.3 유지관리 수행범위) and a passed resolution carries out the IT department's proposal."""
    from itms.governance.choices import BodyKind, CouncilAgendaKind, MeetingState
    from itms.governance.models import Meeting

    request = _reviewed(demo, workload_days="150", exceeds_scope=True)
    request = FLOW.execute(request, "adjust", actor=demo["security"], data={"proposal": "convert", "reason": "사업화"})
    meeting = Meeting.objects.filter(body__kind=BodyKind.COUNCIL, state=MeetingState.CONVENED).first()
    with pytest.raises(Forbidden):
        FLOW.execute(request, "place_on_agenda", actor=demo["security"], data={"meeting": meeting})
    request = FLOW.execute(request, "place_on_agenda", actor=demo["council"], data={"meeting": meeting})
    assert request.state == RequestState.DELIBERATING
    item = request.agenda_item
    assert item.meeting == meeting and item.kind == CouncilAgendaKind.MAINTENANCE_SCOPE and item.subject == request
    apply_to_request(SimpleNamespace(item=item, effect="approve", outcome="passed", recorded_by=demo["council"], pk=1))
    request.refresh_from_db()
    assert request.state == RequestState.CONVERTED and request.converted_project is not None


def test_a25_6_a_rejected_resolution_sends_the_request_back_to_review(demo):
    """a25.6: if the council does not adopt the proposal, the IT department reviews the request again."""
    request = _reviewed(demo, exceeds_scope=True)
    request = FLOW.execute(
        request, "adjust", actor=demo["security"], data={"proposal": "adjust", "reason": "범위 축소"}
    )
    request.state = RequestState.DELIBERATING  # as after place_on_agenda (tested above)
    MaintenanceRequest.objects.filter(pk=request.pk).update(state=RequestState.DELIBERATING)
    apply_to_request(SimpleNamespace(item=SimpleNamespace(subject_id=request.pk), effect="approve", outcome="rejected",
                                     recorded_by=demo["council"], pk=2))  # fmt: skip
    request.refresh_from_db()
    assert request.state == RequestState.REVIEWED and request.proposal == ""


# --- a26.2: SLA --------------------------------------------------------------------------------------------------
def _one_system_sla():
    system = f.system()
    sla = f.sla(f.contract([system]), signed=True)
    return sla, system


def test_a26_2_worked_example_720_hours_with_3_6_down_is_99_50_percent(demo):
    """a26.2, PRACTICE-FACTS §5.1: (계획 서비스시간 − 비계획 장애시간) ÷ 계획 서비스시간 × 100. June has 30 days ×
    24 h = 720 h; one outage of 3.6 h → (720 − 3.6) ÷ 720 × 100 = 99.50 %, which meets the 99.50 % target."""
    sla, system = _one_system_sla()
    f.incident(system, day=dt.date(2026, 6, 10), hours=3.6, severity=Severity.S1)
    month = actions.compute_month(sla, dt.date(2026, 6, 1), actor=f.admin(), values=f.manual_values(sla))
    assert month.planned_hours == Decimal("720.00") and month.downtime_hours == Decimal("3.60")
    availability = month.measurements.get(indicator__kind=IndicatorKind.AVAILABILITY)
    assert availability.value == Decimal("99.50") and availability.level == Decimal("1.00")
    assert availability.points == Decimal("30.00")
    assert "(720.00 − 3.60) ÷ 720.00 × 100 = 99.50%" in availability.basis
    # MTTR (1등급) 3.6 h ≤ 4 h, restored within 8 h, no recurrence, manual values at target: 100 points, grade S.
    assert month.score == Decimal("100.00") and month.grade == "S"
    assert month.payment_percent == 0 and month.payment_adjustment == 0  # 0 % by default (PRACTICE-FACTS §5.2)


def test_a26_2_worked_example_below_the_minimum_lowers_the_level_band_by_band(demo):
    """a26.2, PRACTICE-FACTS §5.2: points = weight × level. 8.64 h down in 720 h → 98.80 %; target 99.5, minimum
    99.0, band width 0.5: 0.2 below the minimum is the first band under it → level 0.6 → 30 × 0.6 = 18 points;
    the total 100 − 30 + 18 = 88 is grade B (85–89)."""
    sla, system = _one_system_sla()
    f.incident(system, day=dt.date(2026, 6, 3), hours=8.64, severity=Severity.S2)
    month = actions.compute_month(sla, dt.date(2026, 6, 1), actor=f.admin(), values=f.manual_values(sla))
    availability = month.measurements.get(indicator__kind=IndicatorKind.AVAILABILITY)
    assert availability.value == Decimal("98.80")
    assert availability.level == Decimal("0.60") and availability.points == Decimal("18.00")
    # The 2등급 outage took 8.64 h > the 8 h limit: on-time handling 0 % (far below 90 %) → level 0.2 → 15 × 0.2 = 3.
    on_time = month.measurements.get(indicator__kind=IndicatorKind.INCIDENT_ON_TIME)
    assert on_time.value == Decimal("0.00") and on_time.points == Decimal("3.00")
    assert month.score == Decimal("76.00") and month.grade == "D"


def test_a26_2_the_month_in_progress_counts_only_the_hours_gone_by(demo):
    """a26.2: measured on 6. 10. 12:00:30, June so far is 9 days and 12 hours = 228 h (to the minute); one outage of
    2.28 h → (228 − 2.28) ÷ 228 × 100 = 99.00 %, not (720 − 2.28) ÷ 720 = 99.68 % as if the rest of June had no
    fault. A month not yet begun is refused."""
    from itms.operations.actions.sla import availability, period_of

    sla, system = _one_system_sla()
    f.incident(system, day=dt.date(2026, 6, 3), hours=2.28, severity=Severity.S1)
    now = f.at(dt.date(2026, 6, 10), 12) + dt.timedelta(seconds=30)
    period = period_of(sla, dt.date(2026, 6, 1), now=now)
    assert period.in_progress and period.hours == Decimal(228)
    figure, planned, down = availability(sla, period, [system.pk])
    assert planned == Decimal(228) and down == Decimal("2.28") and figure.value == Decimal("99.00")
    assert "진행 중인 달: 10일 12:00까지" in figure.basis
    with pytest.raises(Refused) as refused:
        period_of(sla, dt.date(2026, 7, 1), now=now)
    assert "측정 월 2026. 7.은 아직 시작하지 않았습니다" in refused.value.message_text
    assert not period_of(sla, dt.date(2026, 5, 1), now=now).in_progress


def test_a26_2_planned_windows_are_not_outages_and_leave_the_planned_hours(demo):
    """a26.2: a 3 h planned window is taken out of the planned service hours (720 − 3 = 717 h) and is no outage."""
    sla, system = _one_system_sla()
    f.window(system, day=dt.date(2026, 6, 14), hours=3)
    month = actions.compute_month(sla, dt.date(2026, 6, 1), actor=f.admin(), values=f.manual_values(sla))
    assert month.planned_hours == Decimal("717.00") and month.downtime_hours == 0
    assert month.measurements.get(indicator__kind=IndicatorKind.AVAILABILITY).value == Decimal("100.00")


def test_a26_2_requests_on_time_and_recurrence_from_the_service_desk(demo):
    """a26.2: 요청 적기 처리율 = on time ÷ due in the month × 100 (3 of 4 → 75 %); 재발률 = recurrences ÷ incidents
    × 100 (1 of 2 → 50 %)."""
    sla, system = _one_system_sla()
    for late in (False, False, False, True):
        f.service_request(system, day=dt.date(2026, 6, 8), late=late)
    first = f.incident(system, day=dt.date(2026, 6, 2), hours=1, severity=Severity.S3)
    f.incident(system, day=dt.date(2026, 6, 20), hours=1, severity=Severity.S3, recurrence_of=first)
    month = actions.compute_month(sla, dt.date(2026, 6, 1), actor=f.admin(), values=f.manual_values(sla))
    values = {m.indicator.kind: m.value for m in month.measurements.select_related("indicator")}
    assert values[IndicatorKind.REQUEST_ON_TIME] == Decimal("75.00")
    assert values[IndicatorKind.RECURRENCE] == Decimal("50.00")


def test_a26_2_bands_follow_target_and_minimum_in_both_directions(demo):
    """a26.2: higher-is-better and lower-is-better indicators: target met → band 0, minimum met → 1, then one band per
    (target − minimum) below the minimum, at most 4."""
    up = SlaIndicator(kind=IndicatorKind.AVAILABILITY, target=Decimal("99.5"), minimum=Decimal("99.0"), weight=30)
    assert [band_of(up, Decimal(v)) for v in ("99.6", "99.2", "98.8", "98.3", "90")] == [0, 1, 2, 3, 4]
    down = SlaIndicator(kind=IndicatorKind.MTTR, target=Decimal("4"), minimum=Decimal("8"), weight=15)
    assert [band_of(down, Decimal(v)) for v in ("3", "6", "11", "15", "40")] == [0, 1, 2, 3, 4]


@pytest.mark.parametrize(("weight", "total"), [(10, 105), (0, 95)])
def test_a26_2_weights_must_sum_to_100_before_the_sla_is_signed(demo, client_of, weight, total):
    """a26.2 (bad input): an SLA whose weights do not sum to 100 is refused with a Korean message giving the actual
    total (satisfaction 5 → 10 points: 105; → 0 points: 95), on the page and through the engine; nothing changes."""
    sla = f.sla()
    indicator = sla.indicators.get(kind=IndicatorKind.SATISFACTION)
    SlaIndicator.objects.filter(pk=indicator.pk).update(weight=weight)
    with pytest.raises(Refused) as refused:
        ServiceLevelAgreement.workflow.execute(sla, "sign", actor=f.admin())
    assert f"가중치 합계가 {total}점입니다. 100점이어야 합니다" in refused.value.message_text
    assert refused.value.clause == "a26.2"
    it = client_of("security")
    assert _transition(it, sla, "sign").status_code in (302, 303)
    page = it.get(sla.get_absolute_url()).content.decode()
    assert f"가중치 합계가 {total}점입니다" in page  # the refusal shown on the SLA's page
    api = it.post(f"/api/workflow/operations/servicelevelagreement/{sla.pk}/sign/")
    assert api.status_code == 400 and api.json()["code"] == "operations.sla_weights"
    assert api.json()["clause"] == "a26.2" and f"{total}점" in api.json()["message"]
    sla.refresh_from_db()
    assert sla.state == SlaState.DRAFT and sla.signed_on is None


def test_a26_2_sla_page_shows_the_total_weight(client_of, demo):
    """a26.2: the SLA page states the weights' total and, when it is not 100, that it must be."""
    sla = f.sla()
    SlaIndicator.objects.filter(sla=sla, kind=IndicatorKind.SATISFACTION).update(weight=10)
    text = client_of("security").get(sla.get_absolute_url()).content.decode()
    assert '가중치 합계 <strong class="text-danger">105점</strong>' in text


def test_a26_2_a_month_outside_the_contract_is_refused(demo):
    """a26.2 (bad input): measuring a month outside the contract period is refused naming the month; nothing saved."""
    sla, _ = _one_system_sla()
    with pytest.raises(Refused) as refused:
        actions.compute_month(sla, dt.date(2027, 1, 1), actor=f.admin(), values=f.manual_values(sla))
    assert "2027. 1.은 계약기간(2026. 1. 1.(목) ~ 2026. 12. 31.(목)) 밖입니다" in refused.value.message_text.replace(
        "~", " ~ "
    )
    assert "month" in refused.value.message_dict
    assert not SlaMonth.objects.filter(sla=sla).exists()


def test_a26_2_entered_indicators_are_required(demo):
    """a26.2: indicators the service desk cannot compute (backups, key staff, satisfaction) are entered; a missing
    one refuses the whole month and saves nothing."""
    sla, _ = _one_system_sla()
    with pytest.raises(Refused) as refused:
        actions.compute_month(sla, dt.date(2026, 3, 1), actor=f.admin(), values={})
    assert "측정값을 입력해야" in refused.value.message_text
    assert not SlaMonth.objects.filter(sla=sla).exists()


def test_a26_2_payment_adjustment_follows_the_grade_table(demo):
    """a26.2: grade → payment % (rule-pack table, 0 by default). With D set to −2 %, a D month of an 1,200,000,000원
    contract is 1,200,000,000 ÷ 12 × (−2 %) = −2,000,000원."""
    from itms.regulation.models import Parameter, ParameterValue

    parameter = Parameter.objects.get(key="sla_payment_percent")
    rows = [{"grade": g, "percent": -2 if g == "D" else 0} for g in "SABCD"]
    ParameterValue.objects.create(parameter=parameter, value=rows, effective_from=dt.date(2026, 1, 1), reason="시험")
    from django.core.cache import cache

    cache.clear()
    sla, system = _one_system_sla()
    f.incident(system, day=dt.date(2026, 6, 3), hours=40, severity=Severity.S1)
    month = actions.compute_month(sla, dt.date(2026, 6, 1), actor=f.admin(), values=f.manual_values(sla))
    assert month.grade == "D"
    assert month.payment_percent == Decimal("-2.00") and month.payment_adjustment == -2_000_000


def test_a26_2_the_vendor_sees_only_its_contracts_and_disputes_its_figures(demo, user_of):
    """a26.2, a24.3: the vendor sees the months of its own contracts only and may dispute a reported month; the IT
    department answers and measures again."""
    sla, _ = _one_system_sla()  # with the company of ``vendor`` (the first company)
    month = f.month(sla, 6)
    other = f.month(f.sla(f.contract(company=user_of("vendor2").company), signed=True), 6)
    vendor = user_of("vendor")
    visible = SlaMonth.objects.restrict(vendor, "view")
    assert visible.filter(pk=month.pk).exists() and not visible.filter(pk=other.pk).exists()
    assert (
        not Incident.objects.restrict(vendor, "view")
        .exclude(system__maintenance_contracts__supplier=vendor.company)
        .exists()
    )
    with pytest.raises(Forbidden):
        SlaMonth.workflow.execute(month, "report", actor=vendor)
    month = SlaMonth.workflow.execute(month, "report", actor=f.admin())
    with pytest.raises(Forbidden):
        SlaMonth.workflow.execute(month, "dispute", actor=user_of("vendor2"), data={"reason": "남의 계약"})
    month = SlaMonth.workflow.execute(month, "dispute", actor=vendor, data={"reason": "회선 장애는 외부 원인입니다."})
    assert month.state == MonthState.DISPUTED and "외부 원인" in month.dispute_reason
    month = SlaMonth.workflow.execute(month, "answer", actor=f.admin(), data={"answer": "받아들여 다시 산정합니다."})
    assert month.state == MonthState.COMPUTED
    again = actions.compute_month(sla, dt.date(2026, 6, 1), actor=f.admin(), values=f.manual_values(sla))
    assert again.pk == month.pk


def test_a26_2_vendor_pages_show_only_its_systems(client_of, demo, user_of):
    """a24.3, a17.3: the vendor's list of operated systems holds the systems of its company's contracts only."""
    text = client_of("vendor2").get(reverse("operations:systems")).content.decode()
    assert "수입통관" not in text  # UNI-PASS is the other company's contract
    assert "관세 빅데이터 분석 플랫폼" in text  # its own (last year's) contract


def test_a26_2_a_confirmed_month_is_not_measured_again(demo):
    """a26.2: a month reported to the vendor or confirmed keeps its figures."""
    sla, _ = _one_system_sla()
    month = SlaMonth.workflow.execute(f.month(sla, 5), "report", actor=f.admin())
    with pytest.raises(Refused):
        actions.compute_month(sla, dt.date(2026, 5, 1), actor=f.admin(), values=f.manual_values(sla))
    assert month.state == MonthState.REPORTED


# --- a26.1: diagnosis ---------------------------------------------------------------------------------------------
def test_a26_1_signing_opens_the_periodic_diagnosis_and_a_diagnosis_opens_the_next(demo):
    """a26.1: the O&M project's service level is diagnosed periodically (system default 12 months): signing the SLA
    owes the first diagnosis within 12 months of the contract's start; one recorded meets it."""
    sla, _ = _one_system_sla()
    owed = Obligation.objects.get(kind="service_level_diagnosis", subject_id=sla.contract.pk, status="open")
    assert owed.due_date == dt.date(2026, 12, 31)
    f.diagnosis(sla.contract)
    owed.refresh_from_db()
    assert owed.status == "met"


def test_a26_1_findings_are_closed_with_their_result(demo):
    """a26.1: an improvement action is closed only with its result."""
    finding = f.finding()
    with pytest.raises(Exception) as refused:
        type(finding).workflow.execute(finding, "close", actor=f.admin(), data={"result": ""})
    assert "조치 결과" in str(refused.value)
    closed = type(finding).workflow.execute(
        finding, "close", actor=f.admin(), data={"result": "복구 훈련 실시", "closed_on": "2026-08-01"}
    )
    assert closed.state == "closed" and closed.closed_on == dt.date(2026, 8, 1)


# --- a26.3: the service desk ----------------------------------------------------------------------------------------
def test_a26_3_incident_restored_before_it_started_is_refused(demo):
    """a26.3 (bad input): an incident restored before it started is refused on its 복구 일시 field."""
    start = f.at(dt.date(2026, 6, 2), 9)
    incident = Incident(number="T-BAD", system=f.system(), title="역순", severity="2", started_at=start,
                        restored_at=start - dt.timedelta(hours=1))  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        incident.full_clean()
    assert "복구 일시(2026. 6. 2.(화) 08:00)가 장애 발생 일시(2026. 6. 2.(화) 09:00)보다 빠릅니다" in str(
        refused.value.message_dict["restored_at"]
    )


def test_a26_3_overlapping_maintenance_windows_are_refused(demo):
    """a26.3 (bad input): two planned windows of one system may not overlap; the message names the other window."""
    existing = f.window(day=dt.date(2026, 6, 14), hours=3)  # 02:00–05:00
    clash = MaintenanceWindow(system=existing.system, title="DB 패치", starts_at=f.at(dt.date(2026, 6, 14), 4),
                              ends_at=f.at(dt.date(2026, 6, 14), 6))  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        clash.full_clean()
    assert existing.title in str(refused.value.message_dict["starts_at"])
    MaintenanceWindow(system=existing.system, title="다음 점검", starts_at=f.at(dt.date(2026, 6, 14), 5),
                      ends_at=f.at(dt.date(2026, 6, 14), 6)).full_clean()  # back to back is fine  # fmt: skip


def _csv(text: str):
    return SimpleUploadedFile("incidents.csv", ("\ufeff" + text).encode("utf-8"), content_type="text/csv")


HEADER = "장애번호,정보시스템,장애 내용,장애 등급,발생 일시,복구 일시,원인 분류\n"


def test_a26_3_csv_import_of_incidents_from_an_itsm_tool(demo, user_of):
    """a26.3: incidents exported by an external ITSM tool come in as CSV, the system named by its code."""
    rows = read_rows(_csv(HEADER + "EXT-1,UP-IMP,접수 지연,2,2026-06-02 09:00,2026-06-02 10:00,software\n"
                                   "EXT-2,UP-EXP,수리 오류,3,2026-06-03 09:00,2026-06-03 09:30,database\n"))  # fmt: skip
    result = import_rows(registered(Incident), rows, user=user_of("security"))
    assert result.ok and result.created == 2
    assert Incident.objects.get(number="EXT-1").contract.number.endswith("-UP-OM-01")


def test_a26_3_csv_import_reads_the_korean_labels_shown_on_screen(demo, user_of):
    """a26.3: a CSV written from the screens (or this system's own export) names choices by their Korean labels —
    the whole label, its short form or the words in brackets — and yes/no as 예/아니요; codes still work."""
    header = "장애번호,정보시스템,장애 내용,장애 등급,발생 일시,복구 일시,서비스 중단,원인 분류\n"
    rows = read_rows(_csv(header + "KR-1,UP-IMP,접수 중단,1등급 (서비스 중단),2026-06-02 09:00,2026-06-02 10:00,예,응용 소프트웨어\n"
                                   "KR-2,UP-IMP,수리 오류,3등급,2026-06-03 09:00,2026-06-03 09:30,아니요,데이터베이스\n"
                                   "KR-3,UP-EXP,화면 문구,경미,2026-06-04 09:00,2026-06-04 09:10,N,network\n"))  # fmt: skip
    result = import_rows(registered(Incident), rows, user=user_of("security"))
    assert result.ok, result.errors
    got = {i.number: (i.severity, i.service_down, i.cause) for i in Incident.objects.filter(number__startswith="KR-")}
    assert got == {
        "KR-1": (Severity.S1, True, "software"),
        "KR-2": (Severity.S3, False, "database"),
        "KR-3": (Severity.S4, False, "network"),
    }


def test_a26_3_csv_import_names_a_label_it_does_not_know(demo, user_of, unchanged):
    """a26.3 (bad input): a severity that is neither a code nor a label is refused naming the row and field."""
    rows = read_rows(_csv(HEADER + "KR-9,UP-IMP,접수 지연,매우 심각,2026-06-02 09:00,2026-06-02 10:00,software\n"))
    with unchanged():
        result = import_rows(registered(Incident), rows, user=user_of("security"))
    assert not result.ok and any(e.startswith("2행 장애 등급:") for e in result.errors)


def test_a26_2_a_month_before_the_first_rule_pack_is_refused_in_korean(demo):
    """a26.2: a month is scored under the rules in force in it; before the first rule pack there are none, so the
    month is refused with a coded Korean message naming the month and the first pack's date; nothing is saved."""
    from itms.regulation.rules import earliest_pack

    first = earliest_pack()
    before = first.effective_from.replace(day=1) - dt.timedelta(days=40)
    system = f.system()
    sla = f.sla(f.contract([system], start=before.replace(day=1), end=dt.date(2026, 12, 31)), signed=True)
    with pytest.raises(Refused) as refused:
        actions.compute_month(sla, before, actor=f.admin(), values=f.manual_values(sla))
    text = refused.value.message_text
    assert f"{before.year}. {before.month}.에 시행 중인 훈령이 없어 서비스수준을 산정하지 않습니다" in text
    assert f"{first.effective_from.year}. {first.effective_from.month}. {first.effective_from.day}." in text
    assert refused.value.clause == "a26.2" and "month" in refused.value.message_dict
    assert not SlaMonth.objects.filter(sla=sla).exists()


def test_a26_3_import_row_naming_an_unknown_system_saves_nothing(demo, user_of, unchanged):
    """a26.3 (bad input): a row naming an unknown system is refused with its row and field; no row is saved."""
    rows = read_rows(_csv(HEADER + "EXT-3,UP-IMP,접수 지연,2,2026-06-02 09:00,2026-06-02 10:00,software\n"
                                   "EXT-4,NO-SUCH,수리 오류,3,2026-06-03 09:00,2026-06-03 09:30,database\n"
                                   "EXT-5,UP-IMP,역순,3,2026-06-04 09:00,2026-06-04 08:00,database\n"))  # fmt: skip
    with unchanged():
        result = import_rows(registered(Incident), rows, user=user_of("security"))
    assert not result.ok and result.created == 0
    assert "3행 정보시스템: 'NO-SUCH'에 해당하는 자료가 없습니다." in result.errors
    assert any(e.startswith("4행 복구 일시:") for e in result.errors)
    assert not Incident.objects.filter(number__in=["EXT-3", "EXT-4", "EXT-5"]).exists()


def test_a26_3_major_incident_owes_its_analysis_within_a_month_of_recovery(demo):
    """a26.3, 전자정부법 제56조의5: a major incident restored on 6. 10. owes its analysis by 7. 10.; submitting it
    meets the obligation."""
    incident = f.incident(day=dt.date(2026, 6, 10), hours=2, severity=Severity.S1, is_major=True)
    owed = Obligation.objects.get(kind="major_incident_analysis", subject_id=incident.pk)
    assert owed.due_date == dt.date(2026, 7, 10) and owed.status == "open"
    incident.analysis_submitted_on = dt.date(2026, 7, 1)
    incident.save()
    owed.refresh_from_db()
    assert owed.status == "met"


def test_a26_3_vendor_records_incidents_only_on_its_contracts_systems(demo, user_of):
    """a26.3, a24.3: the O&M vendor records incidents of the systems its contracts cover, not others'."""
    vendor = user_of("vendor")
    assert vendor.has_perm("operations.add_incident")
    mine = Incident.objects.filter(system__code="UP-IMP")
    assert mine.restrict(vendor, "add").exists()
    assert not Incident.objects.filter(system__code="BIGDATA").restrict(vendor, "view").exists()


def test_dashboard_per_it_department(client_of, demo):
    """a24.1, a25.4, a26.2: the IT department's dashboard: systems, open requests by age, SLA status, incidents."""
    page = client_of("security").get(reverse("operations:dashboard"))
    assert page.status_code == 200
    text = page.content.decode()
    for testid in ("ops-dashboard", "request-ages", "sla-status"):
        assert f'data-testid="{testid}"' in text
    assert "90일 넘음" in text

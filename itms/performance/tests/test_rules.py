"""Chapter 7 as the directive says it (a27–a28): the year's target list (a27.1), the data requests to the IT
departments with prefilled figures and their sources (a27.2), measurement and decision with its follow-up into the
next planning cycle, and the level diagnosis with evidence from the responsible units (a28.1, a28.2). Each refusal
changes nothing. Demo: rounds 2024 and 2025 closed, 2026 confirmed (UP-INV and ICN-SMART still owe their data)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType

from itms.accounts.models import OrgUnit, User
from itms.core.errors import Forbidden, Refused
from itms.performance import actions
from itms.performance import factories as f
from itms.performance.choices import Band, Outcome, PlanState, RetirementException, TargetState
from itms.performance.forms import CostYearForm, DiagnosisFrameworkForm
from itms.performance.models import (
    CostYear,
    DiagnosisFramework,
    DiagnosisRound,
    MaintenancePlan,
    MeasurementRound,
    MeasurementTarget,
)
from itms.projects.models import Project
from itms.regulation.models import Obligation
from itms.regulation.workflows import Blocked, TransitionError

pytestmark = pytest.mark.django_db


def u(name):
    return User.objects.get(username=name)


def run(obj, name, actor, **data):
    type(obj).workflow.execute(obj, name, actor=u(actor) if isinstance(actor, str) else actor, data=data or None)
    obj.refresh_from_db()
    return obj


def obligation_of(kind, subject):
    return Obligation.objects.get(
        kind=kind, subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
    )


def target(year, code):
    return MeasurementTarget.objects.select_related("round", "system").get(round__year=year, system__code=code)


# --- a27.1: the year's target list ------------------------------------------------------------------------------
@pytest.mark.clause("a27.1")
def test_a27_1_systems_in_operation_three_years_by_the_end_of_the_year_are_proposed(demo):
    """In operation 3+ years (parameter): service start 2024. 12. 31. is 3 years on 2027. 12. 31.; a day later is not."""
    exactly = f.SystemFactory(service_start=dt.date(2024, 12, 31))
    short = f.SystemFactory(service_start=dt.date(2025, 1, 1))
    unknown = f.SystemFactory(service_start=None)
    round_ = actions.propose_round(2027, actor=u("itplan"))
    by_system = {t.system_id: t for t in round_.targets.all()}
    assert by_system[exactly.pk].included
    assert not by_system[short.pk].included
    assert by_system[short.pk].exclusion_reason == "2027년 말 기준 운영 3.0년: 3년 미만입니다."
    assert by_system[unknown.pk].exclusion_reason == "서비스 개시일이 정보시스템 목록에 없습니다."
    assert round_.criteria["min_operating_years"]["value"] == 3
    # ICN-SMART (service start 2023. 3. 2.) was too young in 2025 and is measured in 2026
    assert not target(2025, "ICN-SMART").included
    assert target(2026, "ICN-SMART").included


@pytest.mark.clause("a27.1")
def test_a27_1_the_officer_confirms_the_list_a_year_once(demo):
    round_ = actions.propose_round(2027, actor=u("itplan"))
    with pytest.raises(Refused, match="2027년 성과측정은 이미 있습니다"):
        actions.propose_round(2027, actor=u("itplan"))
    with pytest.raises(Forbidden, match="정보기획담당관만 할 수 있습니다"):
        run(round_, "confirm", "itdept")
    assert round_.state == "proposed"
    round_.targets.update(included=False, exclusion_reason="시험")
    with pytest.raises(Blocked, match="측정 대상 시스템이 없습니다"):
        run(round_, "confirm", "itplan")


@pytest.mark.clause("a27.1")
def test_a27_1_the_round_closes_when_every_target_is_decided(demo):
    round_ = MeasurementRound.objects.get(year=2026)
    with pytest.raises(Blocked, match="결정하지 않은 측정 대상이 있습니다"):
        run(round_, "close", "itplan")
    assert round_.state == "confirmed"


# --- a27.2: data requests, prefill, submission ------------------------------------------------------------------
@pytest.mark.clause("a27.2")
def test_a27_2_confirming_asks_each_operating_it_department_for_its_data_by_a_due_date(demo):
    system = f.SystemFactory(service_start=dt.date(2019, 3, 4), build_cost=1_200_000_000)
    round_ = actions.propose_round(2027, actor=u("itplan"))
    round_.targets.exclude(system=system).update(included=False, exclusion_reason="시험")
    run(round_, "confirm", "itplan")
    item = round_.targets.get(system=system)
    duty = obligation_of("performance_data_request", item)
    assert duty.owed_by_unit == OrgUnit.objects.get(code="KCS-DAT")
    assert duty.clause_ids == ["a27.2"]
    assert duty.due_date > duty.created_at.date()
    # prefilled from the register, each figure with its source; functions from the register
    first = item.cost_years.get(year=2019)
    assert first.development_cost == 1_200_000_000
    assert first.source == "정보시스템 목록 구축비"


@pytest.mark.clause("a27.2")
def test_a27_2_prefill_takes_maintenance_from_contracts_and_functions_from_the_register(demo):
    """A 유지관리 계약 covering two systems: each is prefilled with half its yearly amount, the source saying so."""
    from itms.resources.factories import MaintenanceContractFactory
    from itms.resources.models import SystemFunction

    system, other = f.SystemFactory(), f.SystemFactory()
    SystemFunction.objects.create(system=system, name="통계 조회")
    contract = MaintenanceContractFactory(
        starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2027, 12, 31), annual_amount=300_000_000
    )
    contract.systems.set([system, other])
    round_ = actions.propose_round(2027, actor=u("itplan"))
    round_.targets.exclude(system=system).update(included=False, exclusion_reason="시험")
    run(round_, "confirm", "itplan")
    item = round_.targets.get(system=system)
    for year in (2026, 2027):
        row = item.cost_years.get(year=year)
        assert row.maintenance_cost == 150_000_000
        assert row.source == f"유지관리 계약 {contract.number} (연간 금액 ÷ 2개 시스템)"
    usage = item.function_usages.get()
    assert (usage.name, usage.source, usage.usage_previous) == ("통계 조회", "정보시스템 목록 (기능)", None)


@pytest.mark.clause("a27.2")
def test_a27_2_prefill_reads_operations_availability_and_never_calls_requests_usage(demo):
    """UP-INV, run under the O&M contract 2026-UP-OM-01 (185억 원 a year for 13 systems) with its SLA (가용률 목표
    99.5 %): the maintenance share and the 서비스 가용률 computed from this system's incidents are prefilled with
    their sources; the usage scale stays empty, the service desk's counts named beside it."""
    from itms.operations.models import Incident, ServiceRequest

    item = target(2026, "UP-INV")
    row = item.cost_years.get(year=2026)
    assert row.maintenance_cost == 18_500_000_000 // 13
    assert row.source.startswith("유지관리 계약 2026-UP-OM-01 (연간 금액 ÷ 13개 시스템)")
    requests = ServiceRequest.objects.filter(system=item.system, requested_at__year=2026).count()
    incidents = Incident.objects.filter(system=item.system, started_at__year=2026).count()
    assert f"서비스 요청 {requests:,}건·장애 {incidents:,}건은 이용 규모가 아님" in row.source
    assert row.usage_scale is None
    availability = item.indicators.get(name="서비스 가용률")
    assert (availability.kind, availability.goal) == ("common", Decimal("99.5"))
    assert Decimal(0) < availability.result <= Decimal(100)
    assert availability.source.startswith("운영 관리: 유지관리 계약 2026-UP-OM-01 SLA 목표, 장애 기록 2026. 1. 1.~")
    # a system without an SLA gets no availability: nothing is made up
    assert not target(2026, "ICN-SMART").indicators.exists()


@pytest.mark.clause("a27.2")
def test_a27_2_the_it_department_submits_and_meets_its_duty(demo):
    item = target(2026, "UP-INV")
    duty = obligation_of("performance_data_request", item)
    assert duty.status == "open"
    f.CostYearFactory(target=item, year=2025)  # the prefill had only 2026 (the O&M contract of 2026)
    with pytest.raises(Forbidden, match="시스템을 운영하는 정보화부서만"):
        run(item, "submit", "itdept")  # 데이터담당관 does not operate UP-INV (시스템운영팀 does)
    run(item, "submit", "security")  # 시스템운영팀장, 정보화부서장
    duty.refresh_from_db()
    assert item.state == TargetState.SUBMITTED
    assert duty.status == "met"


@pytest.mark.clause("a27.2")
def test_a27_2_submission_needs_both_years_and_an_indicator(demo):
    item = target(2026, "ICN-SMART")
    item.cost_years.filter(year=2025).delete()
    with pytest.raises(Blocked, match="측정연도와 전년도의 비용"):
        run(item, "submit", "itplan")
    assert item.state == TargetState.REQUESTED


@pytest.mark.clause("a27.2")
def test_a27_2_bad_base_data_is_refused_in_korean_and_nothing_is_saved(demo):
    item = target(2026, "ICN-SMART")
    before = CostYear.objects.count()
    negative = CostYearForm(data={"target": item.pk, "year": 2024, "development_cost": -5, "maintenance_cost": 0,
                                  "operating_cost": 0})  # fmt: skip
    assert not negative.is_valid()
    assert negative.errors["development_cost"] == ["금액은 0원 이상이어야 합니다."]
    zero = CostYearForm(data={"target": item.pk, "year": 2025, "development_cost": 0, "maintenance_cost": 1,
                              "operating_cost": 1, "usage_scale": 0})  # fmt: skip
    assert not zero.is_valid()
    assert "0으로 나눔" in zero.errors["usage_scale"][0]
    assert CostYear.objects.count() == before
    submitted = target(2026, "UP-IMP")
    late = CostYearForm(data={"target": submitted.pk, "year": 2024, "development_cost": 0, "maintenance_cost": 0,
                              "operating_cost": 0})  # fmt: skip
    assert not late.is_valid()
    assert "자료 요청 중인 시스템의 기초자료만" in late.errors["target"][0]


# --- measurement ------------------------------------------------------------------------------------------------
@pytest.mark.clause("a27.1")
def test_a27_1_measurement_stores_formulas_inputs_and_the_rules_applied(demo):
    item = target(2026, "UP-IMP")
    assert item.state == TargetState.MEASURED
    assert item.total is not None
    names = [r["name"] for r in item.computation["indicators"]]
    assert names == ["운영의 적정성", "유지의 용이성", "비용의 효율성", "기능 활용도",
                     "업무성과 달성도(공통지표)", "업무성과 달성도(고유지표)"]  # fmt: skip
    assert Decimal(item.computation["total"]) == item.total
    assert {r["parameter"] for r in item.computation["readings"]} == {
        "performance_indicator_model", "performance_keep_score", "performance_retire_score"}  # fmt: skip


@pytest.mark.clause("a27.1")
def test_a27_1_missing_indicator_data_blocks_measurement_and_says_what(demo, admin_client):
    item = target(2026, "UP-PRT")
    item.indicators.update(result=None)
    with pytest.raises(Blocked, match="계산할 수 없는 지표가 있습니다"):
        run(item, "measure", "itplan")
    assert item.state == TargetState.SUBMITTED and item.total is None
    page = admin_client.get(item.get_absolute_url()).content.decode()
    assert "계산 불가: 실적이 없는 공통지표: 서비스 가용률" in page
    assert "총점을 계산할 수 없습니다" in page


# --- decision and follow-up -------------------------------------------------------------------------------------
@pytest.mark.clause("a27.1")
def test_a27_1_a_decision_needs_its_reasons(demo):
    item = target(2026, "UP-EXP")
    with pytest.raises(TransitionError, match="결정 사유를 적어야 합니다"):
        run(item, "decide", "itplan", outcome=Outcome.KEEP, reasons="  ")
    assert item.state == TargetState.MEASURED and item.outcome == ""


@pytest.mark.clause("a27.1")
def test_a27_1_improvement_creates_a_project_idea_in_the_next_planning_cycle(demo, client):
    """The loop closes: on 2026. 12. 3. the next cycle whose pre-review deadline (a8.1) is ahead is 2028."""
    item = target(2026, "UP-COL")
    before = Project.objects.count()
    run(item, "decide", "itplan", outcome=Outcome.IMPROVE, reasons="세액 고지 기능을 전자고지로 고도화한다.")
    project = item.follow_up_project
    assert Project.objects.count() == before + 1
    assert project.stage == "idea"
    assert project.start_year == actions.next_cycle_year(dt.date(2026, 12, 3)) == 2028
    assert list(project.related_systems.all()) == [item.system]
    assert project.sponsor_unit == item.system.operating_unit
    assert "세액 고지 기능을 전자고지로 고도화한다." in project.summary
    assert MaintenancePlan.objects.get(target=item).state == PlanState.DRAFT
    # the project page links back to the measurement and its decision, first in the project's line
    client.force_login(u("itplan"))
    page = client.get(project.get_absolute_url()).content.decode()
    assert f'href="{item.get_absolute_url()}"' in page
    assert f"2026년 운영 성과측정: {item.system.name}" in page
    assert f"기능개선·고도화 결정 (총점 {item.total}점)" in page
    assert "결정 사유: 세액 고지 기능을 전자고지로 고도화한다." in page


def low_scoring_target():
    """개발 10억 (2016); 운영유지비 11억 → 11.5억 while use falls 100만 → 80만; functions −60 %; 공통 50 %, 고유 50 %:
    0 + 7.73 + 0 + 0 + 5 + 15 = 27.73점."""
    item = f.TargetFactory(round=MeasurementRound.objects.get(year=2026))
    f.CostYearFactory(target=item, year=2016, development_cost=1_000_000_000, maintenance_cost=0,
                      operating_cost=0, usage_scale=None)  # fmt: skip
    f.CostYearFactory(target=item, year=2025, maintenance_cost=800_000_000, operating_cost=300_000_000)
    f.CostYearFactory(target=item, year=2026, maintenance_cost=800_000_000, operating_cost=350_000_000,
                      usage_scale=800_000)  # fmt: skip
    f.FunctionUsageFactory(target=item, usage_previous=1000, usage_current=400)
    f.PerformanceIndicatorFactory(target=item, kind="common", goal=100, result=50)
    f.PerformanceIndicatorFactory(target=item, kind="own", goal=100, result=50)
    run(item, "submit", "itplan")
    return run(item, "measure", "itplan")


@pytest.mark.clause("a27.1")
def test_a27_1_below_40_is_retired_unless_an_exception_is_recorded(demo):
    item = low_scoring_target()
    assert item.total == Decimal("27.73")
    assert item.band == Band.RETIRE
    with pytest.raises(Refused, match=r"총점 27\.73점은 폐기 권고"):
        run(item, "decide", "itplan", outcome=Outcome.KEEP, reasons="계속 쓴다.")
    assert item.state == TargetState.MEASURED and item.outcome == ""
    run(item, "decide", "itplan", outcome=Outcome.KEEP, reasons="수출입 신고인이 쓰는 대국민 서비스이다.",
        exceptions=[RetirementException.PUBLIC_SERVICE])  # fmt: skip
    assert item.state == TargetState.DECIDED
    assert item.band == Band.REVIEW
    assert item.exceptions == [RetirementException.PUBLIC_SERVICE]


@pytest.mark.clause("a27.1")
def test_a27_1_a_system_under_three_years_is_an_exception_by_itself(demo):
    item = low_scoring_target()
    MeasurementTarget.objects.filter(pk=item.pk).update(years_in_operation=Decimal("2.8"))
    run(item, "decide", "itplan", outcome=Outcome.IMPROVE, reasons="운영 초기 시스템으로 기능을 보완한다.")
    assert item.exceptions == [RetirementException.YOUNG]
    assert item.follow_up_project is not None


@pytest.mark.clause("a27.1")
def test_a27_1_a_retirement_trigger_decides_without_measurement(demo):
    item = target(2026, "ICN-SMART")
    run(item, "decide_without_measurement", "itplan", triggers=["unused"], outcome=Outcome.RETIRE,
        reasons="최근 1년간 사용 실적이 거의 없다.")  # fmt: skip
    assert item.state == TargetState.DECIDED and item.band == Band.RETIRE_TRIGGER and item.total is None
    assert obligation_of("performance_data_request", item).status == "waived"
    assert MaintenancePlan.objects.filter(target=item).exists()


@pytest.mark.clause("a27.1")
def test_a27_1_the_maintenance_plan_covers_users_data_and_continuity(demo):
    plan = MaintenancePlan.objects.get(target__round__year=2025, target__system__code="UP-SMG")
    assert plan.state == PlanState.IN_PROGRESS
    new = target(2026, "UP-EXP")
    run(new, "decide", "itplan", outcome=Outcome.RETIRE, reasons="수출통관을 통합 시스템으로 옮긴다.")
    with pytest.raises(Blocked, match="이용자 불편 방지, 정보 이관·보존, 서비스 연속성"):
        run(new.plan, "start", "itplan")


def test_past_decisions_fed_the_plans(demo):
    assert target(2024, "UP-APIS").follow_up_project.code == "2027-ICN-001"
    assert target(2025, "UP-SMG").follow_up_project.code == "2027-DAT-001"


# --- a28: level diagnosis ---------------------------------------------------------------------------------------
@pytest.mark.clause("a28.1")
def test_a28_1_an_indicator_set_whose_weights_do_not_add_up_is_refused_and_nothing_saved(demo):
    before = DiagnosisFramework.objects.count()
    with pytest.raises(Refused, match="지표 배점의 합이 90점입니다: 100점이 되어야 합니다"):
        actions.load_framework(
            year=2027, title="지표", text="영역 | 1 | 지표 | 60 | KCS-ITP\n영역 | 2 | 지표2 | 30 | KCS-SOT"
        )
    form = DiagnosisFrameworkForm(
        data={"year": 2027, "title": "지표", "indicator_lines": "영역 | 1 | 지표 | 110 | KCS-ITP"}
    )
    assert not form.is_valid()
    assert form.errors["indicator_lines"] == ["지표 배점의 합이 110점입니다: 100점이 되어야 합니다."]
    with pytest.raises(Refused, match="2번째 줄을 읽을 수 없습니다"):
        actions.load_framework(year=2027, title="지표", text="영역 | 1 | 지표 | 60 | KCS-ITP\n영역 | 2 | 지표2 | 40")
    assert DiagnosisFramework.objects.count() == before


@pytest.mark.clause("a28.1", "a28.2")
def test_a28_2_starting_asks_each_responsible_unit_for_evidence(demo):
    framework = actions.load_framework(
        year=2027, title="지표", text="자원 | 1-1 | 등록 | 70 | KCS-DAT\n성과 | 2-1 | 측정 | 30 | KCS-SOT"
    )
    round_ = DiagnosisRound.objects.create(framework=framework)
    run(round_, "start", "itplan")
    score = round_.scores.get(indicator__code="1-1")
    duty = obligation_of("diagnosis_evidence", score)
    assert duty.owed_by_unit.code == "KCS-DAT" and duty.clause_ids == ["a28.2"]
    with pytest.raises(Blocked, match="점수와 증빙 내용을 입력해야"):
        run(score, "submit", "itdept")
    score.score, score.evidence = Decimal(60), "등록 현황 보고"
    score.save()
    with pytest.raises(Forbidden, match="지표의 자료 제출 부서만"):
        run(score, "submit", "security")  # 시스템운영팀 does not answer for 1-1
    run(score, "submit", "itdept")
    duty.refresh_from_db()
    assert duty.status == "met"
    with pytest.raises(Blocked, match="자체점검 점수와 증빙을 내지 않은 지표"):
        run(round_, "close", "itplan")


@pytest.mark.clause("a28.1")
def test_a28_1_result_and_year_over_year_comparison(demo):
    """2025: 12 + 11 + 4 + 19 + 18 + 10 = 74; 2026 so far 14 + 12 + 4 + 21 = 51 (2-2 and 3-1 still owed)."""
    rows = {r["area"]: r for r in actions.comparison(DiagnosisRound.objects.get(framework__year=2026))}
    assert rows["합계"]["previous"] == Decimal(74)
    assert rows["합계"]["score"] == Decimal(51)
    assert rows["정보자원 관리수준"]["score"] == Decimal(30)
    assert rows["정보자원 관리수준"]["previous"] == Decimal(27)
    assert rows["정보자원 관리수준"]["change"] == Decimal(3)
    assert rows["합계"]["weight"] == Decimal(100)


# --- documents --------------------------------------------------------------------------------------------------
@pytest.mark.clause("a27.1")
def test_a27_1_report_per_system_and_yearly_summary(demo, client_of):
    import io

    from openpyxl import load_workbook

    from itms.documents.official import plain_text
    from itms.performance import reports

    item = target(2025, "UP-SMG")
    text = plain_text(reports.target_document(item))
    assert "Σ유지보수비 ÷ Σ개발비 × 100" in text
    assert "통폐합" in text
    assert "빅데이터 분석 플랫폼 고도화" in text  # its follow-up project, 2027-DAT-001
    itplan = client_of("itplan")
    pdf = itplan.get(f"/performance/targets/{item.pk}/report.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xlsx = itplan.get(f"/performance/rounds/{item.round_id}/summary.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    header = [c.value for c in sheet[1]]
    assert header[:8] == ["시스템 코드", "정보시스템", "운영 부서", "운영 연수", "측정 대상", "비용 측면(40)",
                          "업무 측면(60)", "총점"]  # fmt: skip
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]}
    assert rows["UP-SMG"][7] == float(item.total)
    assert rows["UP-SMG"][9] == "통폐합"
    assert rows["UNIPASS"][4] == "아니요"
    summary = itplan.get(f"/performance/rounds/{item.round_id}/summary.pdf")
    assert summary.status_code == 200 and summary.content.startswith(b"%PDF")


@pytest.mark.clause("a28.1")
def test_a28_1_diagnosis_result_report(demo, client_of):
    from itms.documents.official import plain_text
    from itms.performance import reports

    round_ = DiagnosisRound.objects.get(framework__year=2026)
    text = plain_text(reports.diagnosis_document(round_))
    assert "정보자원 관리수준" in text and "합계" in text
    assert "자체점검을 아직 내지 않은 지표 2개는 점수에 넣지 않았습니다" in text
    response = client_of("itplan").get(f"/performance/diagnoses/{round_.pk}/report.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert client_of("vendor").get(f"/performance/diagnoses/{round_.pk}/report.pdf").status_code == 404


@pytest.mark.clause("a27.1")
def test_a27_1_the_officer_proposes_the_year_from_the_dashboard(demo, client_of):
    itplan = client_of("itplan")
    page = itplan.get("/performance/dashboard/")
    assert page.status_code == 200
    assert "측정 대상 제안" in page.content.decode()
    chart = page.context["chart"]
    assert chart["years"] == [2024, 2025, 2026]
    assert {"label": "밀수동향분석", "values": [33.7, 32.5, None]} in chart["history"]
    response = itplan.post("/performance/propose/", {"year": 2027})
    created = MeasurementRound.objects.get(year=2027)
    assert response.status_code == 302 and response["Location"] == created.get_absolute_url()
    again = itplan.post("/performance/propose/", {"year": 2027}, follow=True)
    assert "2027년 성과측정은 이미 있습니다." in again.content.decode()
    assert client_of("itdept").post("/performance/propose/", {"year": 2028}).status_code == 403
    assert not MeasurementRound.objects.filter(year=2028).exists()

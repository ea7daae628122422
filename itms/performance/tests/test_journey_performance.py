"""Chapter 7 walked in the browser (issue 17, "Done when"): a year's measurement on the demo data, from the target
list to a decision, and the improvement back in planning as a project idea of the next cycle.

The demo (2026. 12.) has the 2024 and 2025 rounds closed and the 2026 round confirmed: most IT departments have
submitted, UP-INV (수입통관 조사 관리, run by 시스템운영팀 under the O&M contract 2026-UP-OM-01) still owes its data and
shows only what the system prefilled.

- the 정보기획담당관 (``itplan``) proposes the list of next year from the dashboard (a27.1): the register's systems in
  operation three years by 2027. 12. 31. are proposed, the others listed with the reason (the 2026 list, confirmed in
  the demo by the same screen, is the one measured below; 2027's figures do not exist yet, so it is not confirmed);
- the IT department (``security``, 시스템운영팀장) opens UP-INV's data request (a27.2): the O&M contract's share
  (18,500,000,000원 ÷ 13 systems) and the 서비스 가용률 from the SLA and the incidents are there with their sources;
  it adds the development cost, the year before, the usage scales, the functions' use and its own indicator, and
  submits;
- the 정보기획담당관 measures: each formula beside its inputs, the total and the band; records 기능개선·고도화 with its
  reason; the project idea (구상) of the next cycle appears and its page links back to the measurement.

The expected total, from the rules (PRACTICE-FACTS §6.1; conversion as the rule pack's dated parameter):

| indicator | inputs | measure | points |
|---|---|---|---|
| 운영의 적정성 (10) | Σ유지보수비 1,300,000,000 + 1,423,076,923 ÷ 개발비 2,000,000,000 | 136.15 % | 10 × (150 − 136.15) ÷ 100 = 1.39 |
| 유지의 용이성 (10) | C 1,450,000,000 → 1,583,076,923 | 9.18 % | 10 × (20 − 9.18) ÷ 20 = 5.41 |
| 비용의 효율성 (20) | C ÷ U 1,450 → 1,666.40 (U 1,000,000 → 950,000) | 14.92 % | 20 × (20 − 14.92) ÷ 20 = 5.08 |
| 기능 활용도 (20) | 20,000 → 16,000 (−20 %), 10,000 → 9,000 (−10 %) | −15.00 % | 20 × 35 ÷ 50 = 14.00 |
| 공통지표 (10) | 서비스 가용률 목표 99.5, 실적 as prefilled | 실적 ÷ 99.5 × 100 | 10 × measure ÷ 100, at most 10 |
| 고유지표 (30) | 조사 사건 처리 목표 100, 실적 80 | 80.00 % | 24.00 |

49.88 + the common points: 40 ≤ total < 60, 정비권고 가능 — an improvement is a decision the rule allows.
Screenshots: artifacts/screenshots/test_a_years_measurement_from_target_list_to_a_project_idea/.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlsplit

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from itms.accounts.roles import Role
from itms.performance.choices import Band, RoundState, TargetState
from itms.performance.models import MeasurementRound, MeasurementTarget
from itms.projects.choices import ProjectStage
from itms.regulation.models import Obligation
from itms.testing.browser import login, needs_chromium, shot, submit, transition
from itms.testing.matrix import walked_on

pytest_plugins = ["itms.testing.browser"]
pytestmark = [pytest.mark.browser, needs_chromium, walked_on("postgresql")]

CENT = Decimal("0.01")
FUNCTION_USE = ((20_000, 16_000), (10_000, 9_000))


def sign_in_as(page, username: str) -> None:
    """The next person at the same browser: the previous one's session is gone."""
    page.context.clear_cookies()
    login(page, username)


def save(page) -> None:
    submit(page, page.get_by_role("button", name="저장"))


def common_points(result: Decimal) -> Decimal:
    measure = (result / Decimal("99.5") * 100).quantize(CENT, rounding=ROUND_HALF_UP)
    return min(Decimal(10) * measure / 100, Decimal(10)).quantize(CENT, rounding=ROUND_HALF_UP)


def test_a_years_measurement_from_target_list_to_a_project_idea(page, page_log):
    """a27.1 (the list, the measurement, the decision and its project idea), a27.2 (the data request, prefilled)."""
    item = MeasurementTarget.objects.select_related("round", "system").get(round__year=2026, system__code="UP-INV")
    assert item.state == TargetState.REQUESTED

    # --- a27.1: next year's list proposed from the register ---------------------------------------------------------
    login(page, "itplan")
    page.goto(reverse("performance:dashboard"))
    shot(page, "itplan-dashboard")
    page.fill("#id_year", "2027")
    assert "측정 대상을 제안했습니다" in submit(page, page.get_by_role("button", name="대상 제안"))
    proposed = MeasurementRound.objects.get(year=2027)
    assert urlsplit(page.url).path == proposed.get_absolute_url()
    targets = page.locator("[data-testid=targets]")
    included = proposed.targets.filter(included=True).count()
    assert f"측정 대상 시스템 ({included}개 대상" in targets.inner_text()
    assert "2027년 말 기준 운영" in targets.inner_text() or "운영 중이 아닙니다" in targets.inner_text()
    shot(page, "itplan-2027-proposed")
    # The 정보기획담당관 confirms the list and the data requests open (a27.2): UP-INV's 2027 target is owed by the
    # department that runs it (시스템운영팀, its head), to the 정보기획담당관; their own systems owe nothing to themselves.
    submit(page, transition(page, "confirm"))
    proposed.refresh_from_db()
    assert proposed.state == RoundState.CONFIRMED
    next_year = proposed.targets.select_related("system__operating_unit").get(system__code="UP-INV")
    assert next_year.included and next_year.state == TargetState.REQUESTED
    request = Obligation.objects.get(
        kind="performance_data_request",
        subject_type=ContentType.objects.get_for_model(MeasurementTarget),
        subject_id=next_year.pk,
    )
    assert (request.owed_by_unit.name, request.owed_by_role, request.owed_to_role) == (
        "시스템운영팀",
        Role.IT_DEPARTMENT_HEAD,
        Role.IT_PLANNING_OFFICER,
    )
    shot(page, "itplan-2027-confirmed")
    page.goto(item.round.get_absolute_url())
    assert "대상 확정·자료 요청" in page.locator("#workflow-panel").inner_text()

    # --- a27.2: the IT department supplies UP-INV's data, prefilled with its sources ------------------------------------
    sign_in_as(page, "security")
    page.goto(item.get_absolute_url())
    base = page.locator("[data-testid=base-data]")
    assert "유지관리 계약 2026-UP-OM-01 (연간 금액 ÷ 13개 시스템)" in base.inner_text()
    assert "1,423,076,923원" in base.inner_text()
    assert "운영 관리: 유지관리 계약 2026-UP-OM-01 SLA 목표" in base.inner_text()
    assert "이용 규모가 아님" in base.inner_text()
    shot(page, "security-prefilled", full_page=True)
    with page.expect_navigation():
        base.get_by_role("link", name="연도별 비용 추가").click()
    page.fill("#id_year", "2016")
    page.fill("#id_development_cost", "2000000000")
    page.fill("#id_source", "2016년 결산 (구축 사업)")
    save(page)
    page.goto(reverse("performance:costyear_add") + f"?target={item.pk}")
    page.fill("#id_year", "2025")
    page.fill("#id_maintenance_cost", "1300000000")
    page.fill("#id_operating_cost", "150000000")
    page.fill("#id_usage_scale", "1000000")
    page.fill("#id_usage_unit", "처리 건수")
    page.fill("#id_source", "2025년 결산, 업무 통계")
    save(page)
    page.goto(reverse("performance:costyear_edit", args=[item.cost_years.get(year=2026).pk]))
    assert "이용 규모가 아니어서 미리 채우지 않습니다" in page.content()  # the form's note on the usage scale
    page.fill("#id_operating_cost", "160000000")
    page.fill("#id_usage_scale", "950000")
    page.fill("#id_usage_unit", "처리 건수")
    save(page)
    functions = list(item.function_usages.order_by("name"))
    assert len(functions) == len(FUNCTION_USE)
    for usage, (previous, current) in zip(functions, FUNCTION_USE, strict=True):
        page.goto(reverse("performance:functionusage_edit", args=[usage.pk]))
        page.fill("#id_usage_previous", str(previous))
        page.fill("#id_usage_current", str(current))
        save(page)
    page.goto(reverse("performance:performanceindicator_add") + f"?target={item.pk}")
    page.select_option("#id_kind", value="own")
    page.fill("#id_name", "조사 사건 처리 목표 달성")
    page.fill("#id_unit", "건")
    page.fill("#id_goal", "100")
    page.fill("#id_result", "80")
    save(page)
    page.goto(item.get_absolute_url())
    shot(page, "security-filled", full_page=True)
    submit(page, transition(page, "submit"))
    item.refresh_from_db()
    assert item.state == TargetState.SUBMITTED

    # --- a27.1: the measurement, each formula beside its inputs, the total and the band ---------------------------------
    sign_in_as(page, "itplan")
    page.goto(item.get_absolute_url())
    submit(page, transition(page, "measure"))
    item.refresh_from_db()
    availability = item.indicators.get(name="서비스 가용률").result
    expected = Decimal("49.88") + common_points(availability)
    assert item.total == expected
    assert item.band == Band.REVIEW
    formulas = page.locator("[data-testid=measurement]").inner_text()
    for text in (
        "Σ유지보수비 ÷ Σ개발비 × 100",
        "누적 개발비 2,000,000,000원",
        "136.15%",
        "1.39점",
        "9.18%",
        "5.41점",
        "14.92%",
        "5.08점",
        "-15.00%",
        "14.00점",
        "조사 사건 처리 목표 달성: 목표 100, 실적 80",
        "24.00점",
        f"총점 {expected}점",
        str(Band.REVIEW.label),
    ):
        assert text in formulas, text
    assert "{'indicators'" not in page.locator("body").inner_text()  # the stored record is the formulas card
    shot(page, "itplan-measured", full_page=True)

    # --- the decision with its reason; the project idea of the next cycle ----------------------------------------------
    page.select_option("#id_decide-outcome", value="improve")
    page.fill("#id_decide-reasons", "조사 사건의 기능 사용이 줄어 사건 배당과 처리 화면을 개선한다.")
    submit(page, transition(page, "decide"))
    item.refresh_from_db()
    assert item.state == TargetState.DECIDED
    project = item.follow_up_project
    assert project is not None and project.stage == ProjectStage.IDEA
    decision = page.get_by_role("link", name=str(project))
    shot(page, "itplan-decided", full_page=True)
    with page.expect_navigation():
        decision.first.click()
    assert urlsplit(page.url).path == project.get_absolute_url()
    assert str(ProjectStage.IDEA.label) in page.content()
    line = page.locator("[data-testid=project-line]")
    assert "2026년 운영 성과측정: " in line.inner_text()
    assert "결정 사유: 조사 사건의 기능 사용이 줄어 사건 배당과 처리 화면을 개선한다." in line.inner_text()
    shot(page, "itplan-project-idea", full_page=True)
    with page.expect_navigation():
        line.get_by_role("link", name=f"2026년 운영 성과측정: {item.system.name}").click()
    assert urlsplit(page.url).path == item.get_absolute_url()
    page_log.assert_clean()

"""The operational-performance score as PRACTICE-FACTS §6.1 writes it (a27.1; 전자정부 성과관리 지침 제25조–제26조),
each formula with a worked example from its text, the decision rule at its boundaries (exactly 60, exactly 40),
the exceptions and the retirement triggers; a score that cannot be computed names its missing input, never 0.

Conversion (parameter ``performance_indicator_model``, 별표 bands unread): full points at ``full_at``, none at
``zero_at``, linear between — 운영의 적정성 50 %→10, 150 %→0; 유지의 용이성 0 %→10, +20 %→0; 비용의 효율성
0 %→20, +20 %→0; 기능 활용도 0 %→20, −50 %→0; 달성도 100 %→full, 0 %→0.
"""

import datetime as dt
from decimal import Decimal

import pytest

from itms.performance import scoring
from itms.performance.choices import Band, IndicatorKind, RetirementException, RetirementTrigger
from itms.performance.scoring import BaseData, Function, Indicator, Year

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 12, 3)
D = Decimal
EOK = 100_000_000


def by_key(score):
    return {r.key: r for r in score.indicators}


def data(
    *,
    development=10 * EOK,
    maintenance=(3 * EOK, 3 * EOK),
    operating=(2 * EOK, 2 * EOK),
    usage=(1_000_000, 1_000_000),
    functions=None,
    common=None,
    own=None,
):
    """Year 2026 measured against 2025; development in 2016."""
    functions = functions or (Function("수입신고 접수", D(1), 1000, 1000),)
    common = common or ((D("99.5"), D("99.5")),)
    own = own or ((D(100), D(100)),)
    return BaseData(
        year=2026,
        years=(
            Year(2016, development=development),
            Year(2025, maintenance=maintenance[0], operating=operating[0], usage=usage[0]),
            Year(2026, maintenance=maintenance[1], operating=operating[1], usage=usage[1]),
        ),
        functions=tuple(functions),
        indicators=tuple(Indicator(IndicatorKind.COMMON, f"공통{i}", g, r) for i, (g, r) in enumerate(common))
        + tuple(Indicator(IndicatorKind.OWN, f"고유{i}", g, r) for i, (g, r) in enumerate(own)),
    )


# --- each formula -----------------------------------------------------------------------------------------------
@pytest.mark.clause("a27.1")
def test_a27_1_maintenance_ratio_sum_of_maintenance_over_sum_of_development():
    """운영의 적정성 = Σ유지보수비 ÷ Σ개발비 × 100: 개발 10억, 유지보수 3억 + 3억 = 6억 → 60 %;
    10 × (150 − 60) ÷ (150 − 50) = 9점."""
    r = by_key(scoring.score(data(), on=ON))["maintenance_ratio"]
    assert r.measure == D("60.00")
    assert r.points == D("9.00")
    assert "누적 개발비 1,000,000,000원" in r.inputs
    assert r.formula == "Σ유지보수비 ÷ Σ개발비 × 100"


@pytest.mark.clause("a27.1")
def test_a27_1_maintenance_ratio_at_its_ends():
    """50 % or less: all 10 points; 150 % or more: none."""
    low = by_key(scoring.score(data(maintenance=(2 * EOK, 3 * EOK)), on=ON))["maintenance_ratio"]
    assert (low.measure, low.points) == (D("50.00"), D("10.00"))
    high = by_key(scoring.score(data(maintenance=(8 * EOK, 8 * EOK)), on=ON))["maintenance_ratio"]
    assert (high.measure, high.points) == (D("160.00"), D("0.00"))


@pytest.mark.clause("a27.1")
def test_a27_1_om_cost_change_against_the_year_before():
    """유지의 용이성: C = 운영비 + 유지보수비; 5억 (2 + 3) → 5.5억 (2.2 + 3.3): +10 %; 10 × (20 − 10) ÷ 20 = 5점."""
    score = scoring.score(
        data(maintenance=(3 * EOK, 33 * EOK // 10), operating=(2 * EOK, 22 * EOK // 10), usage=(1_000_000, 1_100_000)),
        on=ON,
    )
    r = by_key(score)["om_cost_change"]
    assert (r.measure, r.points) == (D("10.00"), D("5.00"))
    # 비용의 효율성: 500원 per use in both years (5억 ÷ 100만, 5.5억 ÷ 110만): 0 % → all 20 points.
    unit = by_key(score)["unit_cost_change"]
    assert (unit.measure, unit.points) == (D("0.00"), D("20.00"))


@pytest.mark.clause("a27.1")
def test_a27_1_unit_cost_change_when_cost_grows_and_use_does_not():
    """비용의 효율성: 5억 → 5.5억 on the same 100만 uses: per use 500원 → 550원, +10 %; 20 × (20 − 10) ÷ 20 = 10점."""
    r = by_key(scoring.score(data(maintenance=(3 * EOK, 33 * EOK // 10), operating=(2 * EOK, 22 * EOK // 10)), on=ON))[
        "unit_cost_change"
    ]
    assert (r.measure, r.points) == (D("10.00"), D("10.00"))


@pytest.mark.clause("a27.1")
def test_a27_1_function_usage_weighted_change_per_function():
    """기능 활용도 = Σ w_f × 증감률_f ÷ Σ w_f: 접수 (w 2) 1,000 → 1,100 (+10 %), 심사 (w 1) 500 → 400 (−20 %):
    (2 × 10 − 20) ÷ 3 = 0 % → 20점; both −25 % → 20 × (−50 + 25) ÷ (−50) = 10점."""
    held = scoring.score(data(functions=(Function("접수", D(2), 1000, 1100), Function("심사", D(1), 500, 400))), on=ON)
    assert (by_key(held)["function_usage"].measure, by_key(held)["function_usage"].points) == (D("0.00"), D("20.00"))
    fell = scoring.score(data(functions=(Function("접수", D(1), 1000, 750), Function("심사", D(1), 400, 300))), on=ON)
    assert (by_key(fell)["function_usage"].measure, by_key(fell)["function_usage"].points) == (D("-25.00"), D("10.00"))


@pytest.mark.clause("a27.1")
def test_a27_1_achievement_result_over_target_common_10_own_30():
    """업무성과 달성도 = 실적 ÷ 목표 × 100 per 지표, weighted 10/30: 공통 99.5 of 99.5 → 100 % → 10점;
    고유 90 of 100 and 80 of 100 → 85 % → 30 × 0.85 = 25.5점."""
    score = scoring.score(data(own=((D(100), D(90)), (D(100), D(80)))), on=ON)
    common, own = by_key(score)["achievement_common"], by_key(score)["achievement_own"]
    assert (common.measure, common.points) == (D("100.00"), D("10.00"))
    assert (own.measure, own.points) == (D("85.00"), D("25.50"))


@pytest.mark.clause("a27.1")
def test_a27_1_model_40_cost_and_60_business_points():
    """비용 40 (10 + 10 + 20), 업무 60 (20 + 10 + 30): a perfect year is 100."""
    score = scoring.score(data(maintenance=(25 * EOK // 10, 25 * EOK // 10)), on=ON)
    sides = {}
    for r in score.indicators:
        sides[r.side] = sides.get(r.side, 0) + r.points_max
    assert sides == {"cost": 40, "business": 60}
    assert score.total == D("100.00")
    assert score.band == Band.KEEP


# --- the decision rule (제26조) ----------------------------------------------------------------------------------
def boundary_data(own_result):
    """10 (R 50 %) + 5 (ΔC +10 %) + 10 (ΔC/U +10 %) + 0 (기능 −50 %) + 0 (공통 0 %) + 30 × own % = total."""
    return data(
        maintenance=(2 * EOK, 3 * EOK),
        operating=(3 * EOK, 25 * EOK // 10),
        functions=(Function("접수", D(1), 1000, 500),),
        common=((D(100), D(0)),),
        own=((D(100), own_result),),
    )


@pytest.mark.clause("a27.1")
def test_a27_1_exactly_60_is_kept():
    """≥ 60 → no 정비권고: 10 (R 50 %) + 5 (ΔC +10 %) + 10 (ΔC/U +10 %) + 0 (기능 −50 %) + 5 (공통 50 %)
    + 30 (고유 100 %) = 60."""
    score = scoring.score(
        data(
            maintenance=(2 * EOK, 3 * EOK),
            operating=(3 * EOK, 25 * EOK // 10),
            functions=(Function("접수", D(1), 1000, 500),),
            common=((D(100), D(50)),),
            own=((D(100), D(100)),),
        ),
        on=ON,
    )
    assert [r.points for r in score.indicators] == [D("10.00"), D("5.00"), D("10.00"), D("0.00"), D("5.00"), D(30)]
    assert score.total == D("60.00")
    assert score.band == Band.KEEP


@pytest.mark.clause("a27.1")
def test_a27_1_just_below_60_may_be_recommended_for_maintenance():
    score = scoring.score(
        data(
            maintenance=(2 * EOK, 3 * EOK),
            operating=(3 * EOK, 25 * EOK // 10),
            functions=(Function("접수", D(1), 1000, 500),),
            common=((D(100), D("49.9")),),
            own=((D(100), D(100)),),
        ),
        on=ON,
    )
    assert score.total == D("59.99")
    assert score.band == Band.REVIEW


@pytest.mark.clause("a27.1")
def test_a27_1_exactly_40_is_not_below_40():
    """40 ≤ score < 60 → 정비권고 possible: 10 + 5 + 10 + 0 + 0 + 30 × 50 % = 40."""
    score = scoring.score(boundary_data(D(50)), on=ON)
    assert score.total == D("40.00")
    assert score.band == Band.REVIEW


@pytest.mark.clause("a27.1")
def test_a27_1_below_40_retirement_is_recommended():
    """30 × 49.9 % = 14.97 → 39.97 < 40 → 폐기 권고."""
    score = scoring.score(boundary_data(D("49.9")), on=ON)
    assert score.total == D("39.97")
    assert score.band == Band.RETIRE


@pytest.mark.clause("a27.1")
@pytest.mark.parametrize("exception", RetirementException.values)
def test_a27_1_below_40_with_an_exception_is_not_recommended_for_retirement(exception):
    """법령상 근거, 생명·안전·보안, 국가경제·국민생활, 대국민 서비스, 사회적 약자, 표준 보급시스템, 운영 3년 미만,
    위원회가 인정한 사유: 폐기 권고에서 제외 (정비권고 가능)."""
    score = scoring.score(boundary_data(D("49.9")), on=ON, exceptions=[exception])
    assert score.band == Band.REVIEW


@pytest.mark.clause("a27.1")
def test_a27_1_a_retirement_trigger_needs_no_measurement():
    """PRACTICE-FACTS §6.2 ①–⑤: e.g. almost no use in the last year — retire or merge without a score."""
    score = scoring.score(BaseData(year=2026), on=ON, triggers=[RetirementTrigger.UNUSED])
    assert score.total is None
    assert score.band == Band.RETIRE_TRIGGER


# --- what cannot be computed says so ----------------------------------------------------------------------------
@pytest.mark.clause("a27.2")
def test_a27_2_missing_inputs_are_named_and_never_scored_zero():
    empty = scoring.score(BaseData(year=2026), on=ON)
    assert empty.total is None
    assert empty.band == Band.UNDETERMINED
    assert all(r.points is None for r in empty.indicators)
    assert "운영의 적정성: 연도별 개발비·유지보수비가 없습니다." in empty.missing
    assert "기능 활용도: 기능별 사용량이 없습니다." in empty.missing
    assert "업무성과 달성도(공통지표): 공통지표가 없습니다." in empty.missing


@pytest.mark.clause("a27.2")
def test_a27_2_zero_base_year_usage_and_missing_results_are_named():
    score = scoring.score(
        data(usage=(0, 1_000), own=((D(100), None),), functions=(Function("접수", D(1), 0, 10),)), on=ON
    )
    results = by_key(score)
    assert results["unit_cost_change"].missing == "2025년(기준연도) 활용규모가 0이라 나눌 수 없습니다."
    assert results["function_usage"].missing == "전년 사용량이 0이라 나눌 수 없는 기능: 접수"
    assert results["achievement_own"].missing == "실적이 없는 고유지표: 고유0"
    assert results["unit_cost_change"].points is None
    assert score.total is None


def test_a27_1_years_in_operation_to_the_end_of_the_measured_year():
    assert scoring.years_in_operation(dt.date(2023, 3, 2), 2026) == D("3.8")
    assert scoring.years_in_operation(None, 2026) is None

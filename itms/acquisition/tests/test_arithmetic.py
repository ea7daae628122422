"""The arithmetic of the proposal evaluation (a15.9 → 계약예규, 「소프트웨어 기술성 평가기준」; EXTERNAL-RULES §2).

Every expected value below is worked out by hand from the rule's text, not taken from the code:

- 가격점수, A = 가격 배점, E = 추정가격: bid ≥ 0.8E → A × 최저가 ÷ 입찰가; bid < 0.8E → A × 최저가 ÷ 0.8E +
  2 × (0.8E − 입찰가) ÷ (0.8E − 0.6E), a price under 0.6E counted as 0.6E; rounded half-up at the 5th decimal.
- 정성 점수: the mean of the evaluators' scores without the single highest and the single lowest.
- 협상적격자: 기술점수 ≥ 85 % of the technical maximum (76.5 of 90).
- 순위: combined score; ties → higher technical score → higher score on the largest-points technical item.
"""

from decimal import Decimal
from fractions import Fraction

import pytest

from itms.acquisition.arithmetic import PriceRule, Ranked, is_eligible, price_score, rank, rounded, trimmed_mean

E = 1_000_000_000  # 추정가격 10억원


def rule(maximum=10, basis=E):
    return PriceRule(
        maximum=Fraction(maximum),
        basis=Fraction(basis),
        floor_percent=Fraction(80),
        lower_percent=Fraction(60),
        bonus=Fraction(2),
        places=4,
    )


@pytest.mark.parametrize(
    "bid, lowest, maximum, expected, why",
    [
        # ≥ 80 %: 10 × 8억 ÷ 9억 = 8.888888… → 8.8889
        (900_000_000, 800_000_000, 10, "8.8889", "입찰가 90%, 최저가 80%"),
        # the lowest bid itself, at exactly 80 %: 10 × 8억 ÷ 8억 = 10
        (800_000_000, 800_000_000, 10, "10.0000", "최저가 = 80%"),
        # < 80 %: 10 × 7억 ÷ 8억 + 2 × (8억 − 7억) ÷ (8억 − 6억) = 8.75 + 1 = 9.75
        (700_000_000, 700_000_000, 10, "9.7500", "입찰가 70% (최저가)"),
        # below 60 %: both counted as 6억 → 10 × 6억 ÷ 8억 + 2 × (8억 − 6억) ÷ 2억 = 7.5 + 2 = 9.5
        (500_000_000, 500_000_000, 10, "9.5000", "입찰가 50% → 60%로 계산"),
        # < 80 % with a lower bid below 60 %: 10 × 6억 ÷ 8억 + 2 × (8억 − 7.5억) ÷ 2억 = 7.5 + 0.5 = 8
        (750_000_000, 500_000_000, 10, "8.0000", "최저가 50% → 60%"),
        # 80:20 split, ≥ 80 %: 20 × 8.5억 ÷ 9.2억 = 18.478260… → 18.4783
        (920_000_000, 850_000_000, 20, "18.4783", "가격 배점 20"),
        # 70:30 split, < 80 %: 30 × 7.8억 ÷ 8억 + 2 × (8억 − 7.8억) ÷ 2억 = 29.25 + 0.2 = 29.45
        (780_000_000, 780_000_000, 30, "29.4500", "가격 배점 30"),
    ],
)
def test_a15_9_price_score_follows_the_contract_rule(bid, lowest, maximum, expected, why):
    assert price_score(bid=bid, lowest=lowest, rule=rule(maximum)).value == Decimal(expected), why


@pytest.mark.parametrize(
    "value, expected",
    [
        (Fraction(2, 3), "0.6667"),  # 0.66666… rounds up at the 5th decimal
        (Fraction("8.88885"), "8.8889"),  # exactly half at the 5th decimal: up
        (Fraction("8.88884"), "8.8888"),
        (Fraction("0.00005"), "0.0001"),
        (Fraction(10), "10.0000"),
    ],
)
def test_a15_9_scores_are_rounded_half_up_at_the_fifth_decimal(value, expected):
    assert rounded(value, 4) == Decimal(expected)


@pytest.mark.parametrize(
    "scores, expected_mean, dropped",
    [
        # five evaluators: drop 80 (highest) and 55 (lowest); (60 + 65 + 70) ÷ 3 = 65
        ([60, 70, 65, 80, 55], Fraction(65), [80, 55]),
        # a tie at the top: only one 70 goes; (62 + 66 + 70) ÷ 3 = 66
        ([70, 70, 62, 66, 58], Fraction(66), [70, 58]),
        # four evaluators: (60.5 + 61) ÷ 2 = 60.75
        ([60.5, 61, 59, 64], Fraction("60.75"), [64, 59]),
        # three evaluators: the middle one
        ([50, 60, 70], Fraction(60), [70, 50]),
    ],
)
def test_a15_9_qualitative_mean_drops_one_highest_and_one_lowest(scores, expected_mean, dropped):
    result = trimmed_mean(scores)
    assert result.mean == expected_mean
    assert result.dropped == [Fraction(str(d)) for d in dropped]


def test_a15_9_with_two_evaluators_nothing_is_dropped_and_the_note_says_so():
    result = trimmed_mean([60, 70])
    assert result.mean == 65 and result.dropped == []
    assert "빼지 않고" in result.note


def test_a15_9_plain_mean_when_the_rule_pack_chooses_it():
    assert trimmed_mean([60, 70, 65, 80, 55], mode="plain_mean").mean == Fraction(66)


@pytest.mark.parametrize(
    "technical, maximum, bid, planned, eligible",
    [
        ("76.5", 90, None, None, True),  # exactly 85 % of 90
        ("76.4999", 90, None, None, False),
        ("68", 80, None, None, True),  # 85 % of 80 = 68
        ("59.4999", 70, None, None, False),  # 85 % of 70 = 59.5
        ("80", 90, 950_000_000, 900_000_000, False),  # above the 예정가격 (시행령 제43조①)
        ("80", 90, 900_000_000, 900_000_000, True),
    ],
)
def test_a15_9_negotiation_eligibility_is_85_percent_of_the_technical_maximum(
    technical, maximum, bid, planned, eligible
):
    assert (
        is_eligible(technical=Decimal(technical), technical_max=maximum, percent=85, bid=bid, planned_price=planned)
        is eligible
    )


def test_a15_9_ranking_by_total_then_technical_then_largest_item():
    rows = [
        Ranked("A", Decimal("95.0000"), Decimal("86.0000"), Decimal("18")),  # same total as B, less technical
        Ranked("B", Decimal("95.0000"), Decimal("87.0000"), Decimal("17")),
        Ranked("C", Decimal("96.1000"), Decimal("85.0000"), Decimal("16")),
        Ranked("D", Decimal("90.0000"), Decimal("80.0000"), Decimal("15")),  # same total and technical as E
        Ranked("E", Decimal("90.0000"), Decimal("80.0000"), Decimal("16")),  # … but more on the largest item
        Ranked("F", Decimal("88.0000"), Decimal("80.0000"), Decimal("15")),
        Ranked("G", Decimal("88.0000"), Decimal("80.0000"), Decimal("15")),  # a tie all the way: same rank
    ]
    ranked = {row.key: row for row in rank(rows)}
    assert [ranked[k].rank for k in "CBAEDFG"] == [1, 2, 3, 4, 5, 6, 6]
    assert "기술점수" in ranked["B"].note
    assert "배점이 가장 큰" in ranked["E"].note
    assert "추첨" in ranked["G"].note
    assert ranked["C"].note == ""

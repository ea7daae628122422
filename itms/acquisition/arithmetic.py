"""The arithmetic of a proposal evaluation (a15.9 → 「소프트웨어 기술성 평가기준」, 계약예규; EXTERNAL-RULES §2).

Pure functions over numbers, each rule on its own so it can be shown and tested against worked examples:

- ``price_score``: 입찰가격 평점. A = the price maximum, E = 추정가격 (or 추정가격 + VAT, or the 예정가격).
  Bid ≥ 80 % of E: A × (lowest bid ÷ this bid). Bid < 80 % of E: A × (lowest bid ÷ 0.8E) + 2 × (0.8E − this bid) ÷
  (0.8E − 0.6E); a bid (the lowest included) below 0.6E counts as 0.6E. Rounded half-up at the 5th decimal.
- ``trimmed_mean``: 정성 점수 = the arithmetic mean of the evaluators' scores without the single highest and the
  single lowest (with fewer than three scores there is nothing to drop: the plain mean, said so).
- ``is_eligible``: 협상적격자 = technical score ≥ 85 % of the technical maximum, and, where a 예정가격 was prepared,
  a bid not above it (국가계약법 시행령 제43조①).
- ``rank``: by the combined score; ties go to the higher technical score, then to the higher score on the
  technical item with the largest points; a tie that survives both is shown as such (the agency decides, e.g. by lot).

The percentages, the coefficient 2, the 80 %/60 % bands and the rounding are rule-pack parameters read by the
caller (``itms.acquisition.actions.evaluation``), never literals here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction


def fraction(value) -> Fraction:
    return value if isinstance(value, Fraction) else Fraction(str(value))


def rounded(value, places: int) -> Decimal:
    """Half-up rounding to ``places`` decimals ("소수점 다섯째 자리에서 반올림" = 4 places), exactly."""
    scaled = fraction(value) * 10**places
    whole = (scaled.numerator * 2 + scaled.denominator) // (2 * scaled.denominator)  # floor(x + 1/2)
    return Decimal(whole).scaleb(-places)


def show(value: Fraction | Decimal, places: int = 4) -> str:
    text = f"{rounded(value, places):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class PriceRule:
    maximum: Fraction  # A
    basis: Fraction  # E
    floor_percent: Fraction  # 80
    lower_percent: Fraction  # 60
    bonus: Fraction  # 2
    places: int  # 4

    @property
    def floor(self) -> Fraction:
        return self.basis * self.floor_percent / 100

    @property
    def lower(self) -> Fraction:
        return self.basis * self.lower_percent / 100


@dataclass(frozen=True)
class Score:
    value: Decimal
    steps: list[str] = field(default_factory=list)


def price_score(*, bid, lowest, rule: PriceRule) -> Score:
    bid, lowest = fraction(bid), fraction(lowest)
    floor, lower, a = rule.floor, rule.lower, rule.maximum
    steps = [f"추정가격(E) {show(rule.basis, 0)}원, E의 {show(rule.floor_percent)}% = {show(floor, 0)}원"]
    used_lowest = max(lowest, lower)
    if used_lowest != lowest:
        steps.append(f"최저입찰가격이 E의 {show(rule.lower_percent)}% 미만이어서 {show(lower, 0)}원으로 계산")
    if bid >= floor:
        value = a * used_lowest / bid
        steps.append(f"입찰가격 ≥ E의 {show(rule.floor_percent)}%: {show(a)} × {show(used_lowest, 0)} ÷ {show(bid, 0)}")
    else:
        used_bid = max(bid, lower)
        if used_bid != bid:
            steps.append(f"입찰가격이 E의 {show(rule.lower_percent)}% 미만이어서 {show(lower, 0)}원으로 계산")
        value = a * used_lowest / floor + rule.bonus * (floor - used_bid) / (floor - lower)
        steps.append(
            f"입찰가격 < E의 {show(rule.floor_percent)}%: {show(a)} × {show(used_lowest, 0)} ÷ {show(floor, 0)} + "
            f"{show(rule.bonus)} × ({show(floor, 0)} − {show(used_bid, 0)}) ÷ ({show(floor, 0)} − {show(lower, 0)})"
        )
    result = rounded(value, rule.places)
    steps.append(f"= {result} (소수점 {rule.places + 1}째 자리에서 반올림)")
    return Score(result, steps)


@dataclass(frozen=True)
class Trimmed:
    mean: Fraction
    used: list[Fraction]
    dropped: list[Fraction]
    note: str


def trimmed_mean(values, *, mode: str = "drop_highest_and_lowest") -> Trimmed:
    values = [fraction(v) for v in values]
    if not values:
        return Trimmed(Fraction(0), [], [], "점수 없음")
    if mode != "drop_highest_and_lowest":
        return Trimmed(sum(values) / len(values), values, [], f"평가위원 {len(values)}명 점수의 산술평균")
    if len(values) < 3:
        return Trimmed(
            sum(values) / len(values),
            values,
            [],
            f"평가위원이 {len(values)}명이어서 최고·최저 점수를 빼지 않고 산술평균",
        )
    ordered = sorted(values)
    used = ordered[1:-1]
    return Trimmed(
        sum(used) / len(used),
        used,
        [ordered[-1], ordered[0]],
        f"최고 {show(ordered[-1])}점·최저 {show(ordered[0])}점을 빼고 {len(used)}명 점수의 산술평균",
    )


def is_eligible(*, technical, technical_max, percent, bid=None, planned_price=None) -> bool:
    """협상적격자: 기술점수가 기술 배점 한도의 ``percent``% 이상 (and a bid within the 예정가격 when there is one)."""
    if fraction(technical) < fraction(technical_max) * fraction(percent) / 100:
        return False
    return planned_price is None or bid is None or fraction(bid) <= fraction(planned_price)


@dataclass
class Ranked:
    key: object
    total: Decimal
    technical: Decimal
    top_item: Decimal
    rank: int = 0
    note: str = ""


def rank(rows: list[Ranked]) -> list[Ranked]:
    """Competition ranking (1, 1, 3) on (total, technical, score on the largest-points item), highest first."""

    def sort_key(row: Ranked):
        return (-row.total, -row.technical, -row.top_item)

    ordered = sorted(rows, key=sort_key)
    for index, row in enumerate(ordered):
        if index and sort_key(row) == sort_key(ordered[index - 1]):
            row.rank = ordered[index - 1].rank
        else:
            row.rank = index + 1
    for row in ordered:
        same_total = [other for other in ordered if other is not row and other.total == row.total]
        if not same_total:
            continue
        if any(sort_key(other) == sort_key(row) for other in same_total):
            row.note = "종합·기술·최대 배점 항목 점수까지 같음: 기관이 정한 방법(추첨 등)으로 순위를 정함"
        elif any(other.technical != row.technical for other in same_total):
            row.note = "종합점수 동점: 기술점수가 높은 순"
        else:
            row.note = "종합·기술점수 동점: 배점이 가장 큰 기술 항목의 점수가 높은 순"
    return ordered

"""The operational-performance score (a27.1; 전자정부 성과관리 지침 제25조–제26조, PRACTICE-FACTS §6.1).

Each indicator has a measure from the base data and a conversion to points; both are shown next to their inputs.

- 운영의 적정성 = Σ유지보수비 ÷ Σ개발비 × 100 (cumulative up to the measured year)
- 유지의 용이성 = (C_t − C_{t−1}) ÷ C_{t−1} × 100, C = 운영비 + 유지보수비
- 비용의 효율성 = ((C_t/U_t) − (C_{t−1}/U_{t−1})) ÷ (C_{t−1}/U_{t−1}) × 100, U = 활용규모
- 기능 활용도 = Σ_f w_f × (사용량_f,t − 사용량_f,t−1) ÷ 사용량_f,t−1 × 100 ÷ Σ_f w_f
- 업무성과 달성도 = 실적 ÷ 목표 × 100, averaged over the 공통지표 (10) and over the 고유지표 (30)

Conversion (parameter ``performance_indicator_model``, the 별표's bands unread [U]): full points at ``full_at``,
none at ``zero_at``, linear between. A measure that cannot be computed names the missing input and gets no points
(never 0); the total is then not computed either. The decision rule reads ``performance_keep_score`` (≥ 60 keep)
and ``performance_retire_score`` (< 40 retire unless an exception applies).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from itms.core.formats import format_won
from itms.regulation.rules import param

from .choices import Band, IndicatorKind, RetirementException

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def q(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Year:
    """One year of base data."""

    year: int
    development: int = 0
    maintenance: int = 0
    operating: int = 0
    usage: int | None = None

    @property
    def om(self) -> int:
        return self.operating + self.maintenance


@dataclass(frozen=True)
class Function:
    name: str
    weight: Decimal
    previous: int | None
    current: int | None


@dataclass(frozen=True)
class Indicator:
    kind: str
    name: str
    goal: Decimal
    result: Decimal | None


@dataclass(frozen=True)
class BaseData:
    year: int
    years: tuple[Year, ...] = ()
    functions: tuple[Function, ...] = ()
    indicators: tuple[Indicator, ...] = ()

    def of(self, year: int) -> Year | None:
        return next((y for y in self.years if y.year == year), None)


@dataclass
class Result:
    key: str
    name: str
    side: str
    points_max: Decimal
    formula: str
    inputs: list[str] = field(default_factory=list)
    measure: Decimal | None = None
    points: Decimal | None = None
    missing: str = ""
    conversion: str = ""


@dataclass
class Score:
    indicators: list[Result]
    total: Decimal | None
    band: str
    missing: list[str]
    readings: list[dict]

    def as_json(self) -> dict:
        def plain(value):
            if isinstance(value, Decimal):
                return str(value)
            if isinstance(value, list):
                return [plain(v) for v in value]
            if isinstance(value, dict):
                return {k: plain(v) for k, v in value.items()}
            return value

        return plain(
            {
                "indicators": [asdict(r) for r in self.indicators],
                "total": self.total,
                "band": self.band,
                "missing": self.missing,
                "readings": self.readings,
            }
        )


def _pct(numerator: Decimal, denominator: Decimal) -> Decimal:
    return q(numerator / denominator * HUNDRED)


def convert(measure: Decimal, points: Decimal, full_at: Decimal, zero_at: Decimal) -> Decimal:
    """Linear conversion: ``points`` at ``full_at`` (and beyond it), 0 at ``zero_at`` (and beyond it)."""
    share = (zero_at - measure) / (zero_at - full_at)
    share = min(max(share, Decimal(0)), Decimal(1))
    return q(points * share)


def maintenance_ratio(data: BaseData, r: Result) -> None:
    r.formula = "Σ유지보수비 ÷ Σ개발비 × 100"
    years = [y for y in data.years if y.year <= data.year]
    development = sum(y.development for y in years)
    maintenance = sum(y.maintenance for y in years)
    r.inputs = [f"누적 개발비 {format_won(development)}", f"누적 유지보수비 {format_won(maintenance)}"]
    if not years:
        r.missing = "연도별 개발비·유지보수비가 없습니다."
    elif development == 0:
        r.missing = "누적 개발비가 0원이라 계산할 수 없습니다: 구축 연도의 개발비를 입력하십시오."
    else:
        r.measure = _pct(Decimal(maintenance), Decimal(development))


def om_cost_change(data: BaseData, r: Result) -> None:
    r.formula = "(C_t − C_t−1) ÷ C_t−1 × 100, C = 운영비 + 유지보수비"
    now, before = data.of(data.year), data.of(data.year - 1)
    if now is None or before is None:
        r.missing = f"{data.year - 1}년과 {data.year}년의 운영비·유지보수비가 모두 있어야 합니다."
        return
    r.inputs = [f"C_{data.year} {format_won(now.om)}", f"C_{data.year - 1} {format_won(before.om)}"]
    if before.om == 0:
        r.missing = f"{data.year - 1}년 운영유지비가 0원이라 증감률을 계산할 수 없습니다."
    else:
        r.measure = _pct(Decimal(now.om - before.om), Decimal(before.om))


def unit_cost_change(data: BaseData, r: Result) -> None:
    r.formula = "((C_t ÷ U_t) − (C_t−1 ÷ U_t−1)) ÷ (C_t−1 ÷ U_t−1) × 100, U = 활용규모"
    now, before = data.of(data.year), data.of(data.year - 1)
    if now is None or before is None:
        r.missing = f"{data.year - 1}년과 {data.year}년의 운영유지비·활용규모가 모두 있어야 합니다."
        return
    r.inputs = [
        f"C_{data.year} {format_won(now.om)}, U_{data.year} {_count(now.usage)}",
        f"C_{data.year - 1} {format_won(before.om)}, U_{data.year - 1} {_count(before.usage)}",
    ]
    if now.usage is None or before.usage is None:
        r.missing = f"{data.year - 1}년과 {data.year}년의 활용규모를 입력하십시오."
    elif before.usage == 0:
        r.missing = f"{data.year - 1}년(기준연도) 활용규모가 0이라 나눌 수 없습니다."
    elif now.usage == 0:
        r.missing = f"{data.year}년 활용규모가 0이라 활용규모당 운영유지비를 계산할 수 없습니다."
    elif before.om == 0:
        r.missing = f"{data.year - 1}년 운영유지비가 0원이라 증감률을 계산할 수 없습니다."
    else:
        unit_now = Decimal(now.om) / Decimal(now.usage)
        unit_before = Decimal(before.om) / Decimal(before.usage)
        r.measure = _pct(unit_now - unit_before, unit_before)


def function_usage(data: BaseData, r: Result) -> None:
    r.formula = "Σ w_f × (사용량_f,t − 사용량_f,t−1) ÷ 사용량_f,t−1 × 100 ÷ Σ w_f"
    if not data.functions:
        r.missing = "기능별 사용량이 없습니다."
        return
    r.inputs = [
        f"{f.name} (가중치 {_num(f.weight)}): {_count(f.previous)} → {_count(f.current)}" for f in data.functions
    ]
    lacking = [f.name for f in data.functions if f.previous is None or f.current is None]
    zero = [f.name for f in data.functions if f.previous == 0]
    if lacking:
        r.missing = f"사용량이 없는 기능: {', '.join(lacking)}"
    elif zero:
        r.missing = f"전년 사용량이 0이라 나눌 수 없는 기능: {', '.join(zero)}"
    else:
        weights = sum((f.weight for f in data.functions), Decimal(0))
        growth = sum(
            (f.weight * Decimal(f.current - f.previous) / Decimal(f.previous) for f in data.functions), Decimal(0)
        )
        r.measure = q(growth * HUNDRED / weights)


def _achievement(kind: str):
    def measure(data: BaseData, r: Result) -> None:
        r.formula = "Σ(실적 ÷ 목표 × 100) ÷ 지표 수"
        label = IndicatorKind(kind).label
        rows = [i for i in data.indicators if i.kind == kind]
        if not rows:
            r.missing = f"{label}가 없습니다."
            return
        r.inputs = [f"{i.name}: 목표 {_num(i.goal)}, 실적 {_num(i.result)}" for i in rows]
        lacking = [i.name for i in rows if i.result is None]
        if lacking:
            r.missing = f"실적이 없는 {label}: {', '.join(lacking)}"
            return
        r.measure = q(sum((i.result / i.goal * HUNDRED for i in rows), Decimal(0)) / len(rows))

    return measure


MEASURES = {
    "maintenance_ratio": maintenance_ratio,
    "om_cost_change": om_cost_change,
    "unit_cost_change": unit_cost_change,
    "function_usage": function_usage,
    "achievement_common": _achievement(IndicatorKind.COMMON),
    "achievement_own": _achievement(IndicatorKind.OWN),
}


def _count(value) -> str:
    return "—" if value is None else f"{value:,}"


def _num(value: Decimal | None) -> str:
    """12.50 → 12.5, 100000.00 → 100,000."""
    return "—" if value is None else f"{value.normalize():,f}"


def score(data: BaseData, *, on: dt.date, exceptions=(), triggers=()) -> Score:
    model = param("performance_indicator_model", on)
    results = []
    for row in model.value:
        r = Result(row["key"], row["name"], row["side"], Decimal(str(row["points"])), formula="")
        MEASURES[row["key"]](data, r)
        if r.measure is not None:
            full_at, zero_at = Decimal(str(row["full_at"])), Decimal(str(row["zero_at"]))
            r.points = convert(r.measure, r.points_max, full_at, zero_at)
            r.conversion = (
                f"{_num(full_at)}에서 만점 {_num(r.points_max)}점, {_num(zero_at)}에서 0점, 그 사이 비례: "
                f"{_num(r.points_max)} × ({_num(zero_at)} − {_num(r.measure)}) ÷ ({_num(zero_at)} − {_num(full_at)})"
            )
        results.append(r)
    missing = [f"{r.name}: {r.missing}" for r in results if r.missing]
    total = None if missing else sum((r.points for r in results), Decimal(0))
    readings = [model.record()]
    band, band_readings = decide_band(total, on=on, exceptions=exceptions, triggers=triggers)
    return Score(results, total, band, missing, readings + band_readings)


def decide_band(total: Decimal | None, *, on: dt.date, exceptions=(), triggers=()) -> tuple[str, list[dict]]:
    """제26조: ≥ keep → no 정비권고; retire ≤ total < keep → 정비권고 possible; < retire → 폐기 권고 unless an
    exception applies (then 정비권고 possible). A retirement trigger needs no measurement (PRACTICE-FACTS §6.2)."""
    keep, retire = param("performance_keep_score", on), param("performance_retire_score", on)
    readings = [keep.record(), retire.record()]
    if triggers:
        return Band.RETIRE_TRIGGER, readings
    if total is None:
        return Band.UNDETERMINED, readings
    if total >= Decimal(str(keep.value)):
        return Band.KEEP, readings
    if total >= Decimal(str(retire.value)) or set(exceptions) & set(RetirementException.values):
        return Band.REVIEW, readings
    return Band.RETIRE, readings


def years_in_operation(service_start: dt.date | None, year: int) -> Decimal | None:
    """Years from the service start to 31 December of the measured year, one decimal (a27.1)."""
    if service_start is None:
        return None
    days = (dt.date(year, 12, 31) - service_start).days
    return (Decimal(days) / Decimal("365.25")).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

"""Chapter 7 at scale (issue 17): three years of 운영 성과측정 of the generated systems (a27.1, a27.2) — every system
in operation three years or more by the end of each of the last three full years is a target of that year's round,
with the base data its IT department would have supplied (development cost in its first year, maintenance and
operating cost and usage of the year and the year before, two functions' use, a common and an own indicator), the
score computed from those data by the rule pack's model (itms.performance.scoring, as the workflow's ``measure``
stores it) and a decision the rule allows: 현행유지 at 40 points or more, below 40 a retirement with its 정비계획 or,
for a system with a legal basis, keeping it as the exception. Rounds of those years that do not exist yet are made
closed; the demo's rounds receive the generated systems beside their own. Written in bulk without signals like
every other phase; the models' rules are kept here (years not after the round, no zero usage in the base year, goals
above 0, reasons for every decision)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.apps import apps

from .context import Context, Phase
from .writer import aware, insert, table_exists

FUNCTIONS = ("자료 조회", "업무 처리")
KEEP_REASON = "총점이 폐기 권고 기준 이상이라 현행 유지하고 성과지표를 관리한다."
LEGAL_REASON = "총점은 낮으나 법령에 따른 업무를 처리하는 시스템이라 현행 유지하고 지표를 관리한다."
RETIRE_REASON = "사용이 줄고 운영유지비가 늘어 폐기하고 업무를 통합 시스템으로 옮긴다."


def build(ctx: Context) -> None:
    if not apps.is_installed("itms.performance") or not table_exists(
        apps.get_model("performance", "MeasurementTarget")
    ):
        ctx.log("  성과관리: itms.performance가 없어 건너뜁니다")
        return
    if not ctx.systems:
        ctx.log("  성과관리: 생성된 시스템이 없어 건너뜁니다")
        return
    with Phase(ctx, "성과관리 (운영 성과측정 3년)"):
        _measurements(ctx)


def _systems(ctx: Context) -> list[tuple]:
    InformationSystem = apps.get_model("resources", "InformationSystem")
    return list(
        InformationSystem.objects.filter(
            pk__in=[s[0] for s in ctx.systems], status="operating", service_start__isnull=False
        )
        .filter(code__startswith="GS")  # the generated ones: the demo's systems have the demo's measurements
        .order_by("pk")
        .values_list("pk", "service_start", "build_cost")
    )


def _round(year: int, ctx: Context, reading: dict):
    Round = apps.get_model("performance", "MeasurementRound")
    found = Round.objects.filter(year=year).first()
    if found is not None:
        return found
    closed = aware(dt.date(year + 1, 2, 27), 17)
    return Round.objects.create(
        year=year,
        state="closed",
        criteria={"min_operating_years": reading},
        confirmed_at=aware(dt.date(year, 11, 2), 10),
        closed_at=closed,
    )


def _measurements(ctx: Context) -> None:
    from itms.performance import scoring
    from itms.performance.actions.selection import eligible_on
    from itms.performance.choices import Band, IndicatorKind, Outcome, RetirementException
    from itms.regulation.rules import param

    Target = apps.get_model("performance", "MeasurementTarget")
    CostYear = apps.get_model("performance", "CostYear")
    FunctionUsage = apps.get_model("performance", "FunctionUsage")
    Indicator = apps.get_model("performance", "PerformanceIndicator")
    Plan = apps.get_model("performance", "MaintenancePlan")
    User = apps.get_model("accounts", "User")

    rng = ctx.rng("performance")
    officer = User.objects.filter(username="itplan").values_list("pk", flat=True).first()
    systems = _systems(ctx)
    profiles = {
        pk: (
            int(build_cost or round(rng.uniform(0.5, 8) * 1_000) * 1_000_000),
            Decimal(str(round(rng.uniform(0.06, 0.16), 3))),  # maintenance share of development per year
            Decimal(str(round(rng.uniform(-0.02, 0.14), 3))),  # O&M growth per year
            Decimal(str(round(rng.uniform(-0.15, 0.15), 3))),  # usage growth per year
            rng.randint(50_000, 5_000_000),  # usage in the first year
            rng.random() < 0.2,  # a legal basis (the exception to retirement)
        )
        for pk, _, build_cost in systems
    }
    targets, costs, functions, indicators, plans = [], [], [], [], []
    # The rule pack's readings as of the generation day, as the demo's rounds were measured (its parameters are
    # dated from 2025: a round of 2023 reads the earliest, and the stored computation names the reading it used).
    on = ctx.today
    for year in range(ctx.today.year - 3, ctx.today.year):
        reading = param("performance_min_operating_years", dt.date(year, 12, 31), fallback="earliest")
        round_ = _round(year, ctx, reading.record())
        done = set(Target.objects.filter(round=round_).values_list("system_id", flat=True))
        measured = aware(dt.date(year, 12, 10), 14)
        for pk, service_start, _ in systems:
            if pk in done or not eligible_on(service_start, year, int(reading.value)):
                continue
            development, share, growth, usage_growth, usage_first, legal = profiles[pk]
            start = service_start.year
            rows = []
            for y in (start, year - 1, year) if start < year - 1 else (year - 1, year):
                age = y - start
                maintenance = 0 if age == 0 else int(development * share * (1 + growth) ** (age - 1))
                operating = 0 if age == 0 else int(development * Decimal("0.03") * (1 + growth) ** (age - 1))
                usage = None if y < year - 1 else max(1, int(usage_first * (1 + usage_growth) ** age))
                rows.append(scoring.Year(y, development if age == 0 else 0, maintenance, operating, usage))
            previous = [rng.randint(5_000, 80_000) for _ in FUNCTIONS]
            current = [max(0, int(p * (1 + usage_growth + Decimal(str(rng.uniform(-0.3, 0.2)))))) for p in previous]
            goals = (Decimal("99.5"), Decimal(100))
            results = (
                Decimal(str(round(rng.uniform(97, 100), 2))),
                Decimal(str(round(rng.uniform(35, 110), 1))),
            )
            data = scoring.BaseData(
                year=year,
                years=tuple(rows),
                functions=tuple(
                    scoring.Function(name, Decimal(1), p, c)
                    for name, p, c in zip(FUNCTIONS, previous, current, strict=True)
                ),
                indicators=(
                    scoring.Indicator(IndicatorKind.COMMON, "서비스 가용률", goals[0], results[0]),
                    scoring.Indicator(IndicatorKind.OWN, "업무 처리 목표 달성", goals[1], results[1]),
                ),
            )
            score = scoring.score(data, on=on)
            exceptions, outcome, reasons, band = [], Outcome.KEEP, KEEP_REASON, score.band
            if score.band == Band.RETIRE:
                if legal:
                    exceptions = [RetirementException.LEGAL_BASIS]
                    band, _ = scoring.decide_band(score.total, on=on, exceptions=exceptions)
                    reasons = LEGAL_REASON
                else:
                    outcome, reasons = Outcome.RETIRE, RETIRE_REASON
            target_pk = ctx.ids.one(Target)
            targets.append(
                (
                    target_pk, round_.pk, pk, True, scoring.years_in_operation(service_start, year), "decided",
                    aware(dt.date(year, 11, 30), 16), score.as_json(), score.total, band, measured, exceptions, [],
                    outcome, reasons, aware(dt.date(year, 12, 20), 11), officer, measured, measured,
                )
            )  # fmt: skip
            for row in rows:
                costs.append((target_pk, row.year, row.development, row.maintenance, row.operating, row.usage,
                              "처리 건수" if row.usage is not None else "", "정보화부서 제출 (결산)"))  # fmt: skip
            for name, p, c in zip(FUNCTIONS, previous, current, strict=True):
                functions.append((target_pk, name, p, c, "접속 기록 집계"))
            indicators.append(
                (target_pk, IndicatorKind.COMMON, "서비스 가용률", "%", goals[0], results[0], "운영 상황 보고")
            )
            indicators.append(
                (target_pk, IndicatorKind.OWN, "업무 처리 목표 달성", "%", goals[1], results[1], "업무 통계")
            )
            if outcome != Outcome.KEEP:
                plans.append((target_pk, dt.date(year + 1, 12, 31)))
    target_fields = ("id", "round", "system", "included", "years_in_operation", "state", "submitted_at",
                     "computation", "total", "band", "measured_at", "exceptions", "triggers", "outcome", "reasons",
                     "decided_at", "decided_by", "created_at", "updated_at")  # fmt: skip
    insert(Target, target_fields, targets)
    cost_fields = ("id", "target", "year", "development_cost", "maintenance_cost", "operating_cost", "usage_scale",
                   "usage_unit", "source")  # fmt: skip
    insert(
        CostYear,
        cost_fields,
        ((pk, *row) for pk, row in zip(ctx.ids.take(CostYear, len(costs)), costs, strict=True)),
    )
    insert(
        FunctionUsage,
        ("id", "target", "name", "usage_previous", "usage_current", "source"),
        ((pk, *row) for pk, row in zip(ctx.ids.take(FunctionUsage, len(functions)), functions, strict=True)),
    )
    insert(
        Indicator,
        ("id", "target", "kind", "name", "unit", "goal", "result", "source"),
        ((pk, *row) for pk, row in zip(ctx.ids.take(Indicator, len(indicators)), indicators, strict=True)),
    )
    insert(
        Plan,
        ("id", "target", "due_on"),
        ((pk, *row) for pk, row in zip(ctx.ids.take(Plan, len(plans)), plans, strict=True)),
    )
    ctx.count("performance_targets", len(targets))
    ctx.count("performance_cost_years", len(costs))

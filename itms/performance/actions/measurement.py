"""a27.2: the base data, prefilled from what the system already holds (with its source), and the measurement."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from itms.resources.models import MaintenanceContract

from .. import scoring
from ..choices import IndicatorKind
from ..models import CostYear, FunctionUsage, MeasurementTarget, PerformanceIndicator


def _day(d: dt.date) -> str:
    return f"{d.year}. {d.month}. {d.day}."


def _operations_counts(system, year: int) -> str:
    """Service requests and incidents of the year (itms.operations, a26.3): shown beside the usage scale as what the
    service desk knows, never written into it: they count calls for help and faults, not use of the system."""
    from itms.operations.models import Incident, ServiceRequest

    requests = ServiceRequest.objects.filter(system=system, requested_at__year=year).count()
    incidents = Incident.objects.filter(system=system, started_at__year=year).count()
    if not requests and not incidents:
        return ""
    return f"활용규모는 채우지 않음 (운영 기록의 서비스 요청 {requests:,}건·장애 {incidents:,}건은 이용 규모가 아님)"


def _availability(system, year: int) -> dict | None:
    """서비스 가용률 of the measured year from the O&M contract's SLA (a26.2) and the service desk's incidents of this
    system (a26.3), computed as itms.operations computes a month, over the contract's days of the year up to today."""
    from itms.operations.actions.sla import Period, availability
    from itms.operations.choices import IndicatorKind as SlaKind
    from itms.operations.models import SlaIndicator

    first_of_year, last_of_year = dt.date(year, 1, 1), min(dt.date(year, 12, 31), timezone.localdate())
    goal = (
        SlaIndicator.objects.filter(
            kind=SlaKind.AVAILABILITY,
            sla__contract__systems=system,
            sla__contract__starts_on__lte=last_of_year,
            sla__contract__ends_on__gte=first_of_year,
        )
        .exclude(sla__state="draft")
        .select_related("sla__contract")
        .order_by("-sla__contract__ends_on")
        .first()
    )
    if goal is None:
        return None
    contract = goal.sla.contract
    first, last = max(first_of_year, contract.starts_on), min(last_of_year, contract.ends_on)
    if last < first:
        return None
    zone = timezone.get_current_timezone()
    period = Period(
        first,
        first,
        last,
        dt.datetime.combine(first, dt.time.min, tzinfo=zone),
        dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=zone),
    )
    figure, planned, down = availability(goal.sla, period, [system.pk])
    if figure.value is None:
        return None
    return {
        "goal": goal.target,
        "result": figure.value,
        "source": (
            f"운영 관리: 유지관리 계약 {contract.number} SLA 목표, 장애 기록 {_day(first)}~{_day(last)} "
            f"(계획 {planned:,.2f}시간, 비계획 장애 {down:,.2f}시간)"
        )[:200],
    }


def _execution_contracts(system) -> list:
    """Construction and enhancement contracts that handed this system over (itms.execution, a24.1)."""
    from itms.execution.models import Contract

    return list(Contract.objects.filter(system=system).select_related("project"))


@transaction.atomic
def prefill(target: MeasurementTarget) -> None:
    """Cost years from the contracts and the register, functions from the register, the 서비스 가용률 from the
    operations' SLA and incidents; each row names its source. The usage scale is not prefilled: the service desk's
    requests and incidents are named in the source note but are not use of the system (a27.2).
    Rows the IT department already has are left alone (a27.2: the department supplies and corrects the data)."""
    year = target.round.year
    system = target.system
    if not target.cost_years.exists():
        rows: dict[int, dict] = {}

        def row(y: int) -> dict:
            return rows.setdefault(y, {"development_cost": 0, "maintenance_cost": 0, "operating_cost": 0, "src": []})

        for contract in _execution_contracts(system):
            if contract.signed_on.year <= year:
                r = row(contract.signed_on.year)
                r["development_cost"] += contract.amount
                r["src"].append(f"계약 {contract.number}")
        if system.build_cost and system.service_start and not any(r["development_cost"] for r in rows.values()):
            r = row(min(system.service_start.year, year))
            r["development_cost"] += system.build_cost
            r["src"].append("정보시스템 목록 구축비")
        for y in (year - 1, year):
            covering = MaintenanceContract.objects.filter(
                systems=system, starts_on__lte=dt.date(y, 12, 31), ends_on__gte=dt.date(y, 1, 1)
            ).prefetch_related("systems")
            for contract in covering:
                if contract.annual_amount:
                    shared = len(contract.systems.all())
                    r = row(y)
                    r["maintenance_cost"] += contract.annual_amount // shared
                    r["src"].append(f"유지관리 계약 {contract.number} (연간 금액 ÷ {shared}개 시스템)")
            if system.annual_om_cost and not row(y)["maintenance_cost"]:
                row(y)["maintenance_cost"] += system.annual_om_cost
                row(y)["src"].append("정보시스템 목록 연간 운영·유지관리비")
        for y in (year - 1, year):
            note = _operations_counts(system, y) if y in rows else ""
            if note:
                row(y)["src"].append(note)
        for y, r in sorted(rows.items()):
            CostYear.objects.create(
                target=target,
                year=y,
                development_cost=r["development_cost"],
                maintenance_cost=r["maintenance_cost"],
                operating_cost=r["operating_cost"],
                source=", ".join(r["src"])[:200],
            )
    if not target.function_usages.exists():
        FunctionUsage.objects.bulk_create(
            FunctionUsage(target=target, function=f, name=f.name, source="정보시스템 목록 (기능)")
            for f in system.functions.all()
        )
    if not target.indicators.exists():
        found = _availability(system, year)
        if found is not None:
            PerformanceIndicator.objects.create(
                target=target, kind=IndicatorKind.COMMON, name="서비스 가용률", unit="%", **found
            )


def base_data(target: MeasurementTarget) -> scoring.BaseData:
    return scoring.BaseData(
        year=target.round.year,
        years=tuple(
            scoring.Year(c.year, c.development_cost, c.maintenance_cost, c.operating_cost, c.usage_scale)
            for c in target.cost_years.all()
        ),
        functions=tuple(
            scoring.Function(f.name, Decimal(f.weight), f.usage_previous, f.usage_current)
            for f in target.function_usages.all()
        ),
        indicators=tuple(
            scoring.Indicator(i.kind, i.name, Decimal(i.goal), None if i.result is None else Decimal(i.result))
            for i in target.indicators.all()
        ),
    )


def current_score(target: MeasurementTarget, on: dt.date | None = None) -> scoring.Score:
    return scoring.score(
        base_data(target),
        on=on or timezone.localdate(),
        exceptions=target.exceptions,
        triggers=target.triggers,
    )


def measure(target: MeasurementTarget, *, on: dt.date | None = None) -> scoring.Score:
    """Stores the score as computed now (formulas, inputs and the parameter readings it used)."""
    result = current_score(target, on)
    target.computation = result.as_json()
    target.total = result.total
    target.band = result.band
    target.measured_at = timezone.now()
    target.save(update_fields=["computation", "total", "band", "measured_at", "updated_at"])
    return result

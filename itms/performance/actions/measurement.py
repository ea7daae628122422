"""a27.2: the base data, prefilled from what the system already holds (with its source), and the measurement."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from itms.resources.models import MaintenanceContract

from .. import scoring
from ..models import CostYear, FunctionUsage, MeasurementTarget


def _execution_contracts(system) -> list:
    """Construction and enhancement contracts that handed this system over (itms.execution, a24.1)."""
    from itms.execution.models import Contract

    return list(Contract.objects.filter(system=system).select_related("project"))


@transaction.atomic
def prefill(target: MeasurementTarget) -> None:
    """Cost years from the contracts and the register, functions from the register; each row names its source.
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
        for y, r in sorted(rows.items()):
            CostYear.objects.create(
                target=target,
                year=y,
                development_cost=r["development_cost"],
                maintenance_cost=r["maintenance_cost"],
                operating_cost=r["operating_cost"],
                source=", ".join(r["src"]),
            )
    if not target.function_usages.exists():
        FunctionUsage.objects.bulk_create(
            FunctionUsage(target=target, function=f, name=f.name, source="정보시스템 목록 (기능)")
            for f in system.functions.all()
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

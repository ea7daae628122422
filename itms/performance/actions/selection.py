"""a27.1: each year the systems in operation long enough are proposed for measurement; the 정보기획담당관 confirms."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from itms.core.errors import Refused
from itms.regulation.rules import param
from itms.resources.models import InformationSystem
from itms.resources.models.systems import SystemStatus

from ..error_codes import PerformanceErrors as E
from ..models import MeasurementRound, MeasurementTarget
from ..scoring import years_in_operation


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def eligible_on(service_start: dt.date | None, year: int, min_years: int) -> bool:
    """A service start ``min_years`` full years before 31 December of the measured year (a27.1)."""
    return service_start is not None and _years_after(service_start, min_years) <= dt.date(year, 12, 31)


def eligible(system: InformationSystem, year: int, min_years: int) -> bool:
    """In operation for ``min_years`` full years by 31 December of the measured year (a27.1)."""
    return system.status == SystemStatus.OPERATING and eligible_on(system.service_start, year, min_years)


@transaction.atomic
def propose_round(year: int, *, actor=None, on: dt.date | None = None) -> MeasurementRound:
    """The round of ``year`` with every operating system that has run ``performance_min_operating_years`` years
    (a27.1); the others are listed as not included, with the reason, so the 정보기획담당관 sees the whole register."""
    if MeasurementRound.objects.filter(year=year).exists():
        raise Refused(E.ROUND_EXISTS, year=year)
    reading = param("performance_min_operating_years", on or dt.date(year, 12, 31), fallback="earliest")
    min_years = int(reading.value)
    round_ = MeasurementRound.objects.create(year=year, criteria={"min_operating_years": reading.record()})
    systems = InformationSystem.objects.exclude(status=SystemStatus.RETIRED).order_by("code")
    targets = []
    for system in systems:
        years = years_in_operation(system.service_start, year)
        included = eligible(system, year, min_years)
        if included:
            reason = ""
        elif system.service_start is None:
            reason = "서비스 개시일이 정보시스템 목록에 없습니다."
        elif system.status != SystemStatus.OPERATING:
            reason = f"운영 중이 아닙니다 ({system.get_status_display()})."
        else:
            reason = f"{year}년 말 기준 운영 {years}년: {min_years}년 미만입니다."
        targets.append(
            MeasurementTarget(
                round=round_, system=system, included=included, exclusion_reason=reason, years_in_operation=years
            )
        )
    MeasurementTarget.objects.bulk_create(targets)
    return round_

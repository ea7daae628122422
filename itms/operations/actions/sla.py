"""Service levels (a26.2): an SLA starts from the starter indicators; a month is measured from the service desk's
records where the indicator allows it (PRACTICE-FACTS §5.1 formulas) and from entered values otherwise, then
scored: points = weight × level (band of the value against target and minimum), total → grade → payment adjustment
(rule-pack parameters ``sla_band_levels``, ``sla_grades``, ``sla_payment_percent``; PRACTICE-FACTS §5.2).

Availability = (planned service hours − unplanned downtime) ÷ planned service hours × 100, over the month's days
inside the contract, for every system the contract covers: planned hours = days × hours a day, less the planned
maintenance windows; downtime = the part inside the month of each incident that stopped the service (an incident
not yet restored counts up to the month's end). 720 planned hours with 3.6 down is 99.50 %.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from itms.core.errors import Forbidden, Refused
from itms.core.formats import format_date
from itms.core.korean import josa
from itms.regulation.rules import RuleNotFound, earliest_pack, param

from ..choices import (
    FORMULAS,
    IndicatorKind,
    MeasurementSource,
    MonthState,
    SlaState,
)
from ..error_codes import OperationsErrors as E
from ..models import (
    Incident,
    MaintenanceWindow,
    ServiceLevelAgreement,
    ServiceRequest,
    SlaIndicator,
    SlaMeasurement,
    SlaMonth,
)
from ..reference import STARTER_INDICATORS
from .common import add_months, it_member

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def q2(value) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def hours(delta: dt.timedelta) -> Decimal:
    return Decimal(delta.total_seconds()) / Decimal(3600)


def _overlap(start, end, lo, hi) -> dt.timedelta:
    a, b = max(start, lo), min(end, hi)
    return b - a if b > a else dt.timedelta(0)


@transaction.atomic
def start_sla(contract, *, title: str = "", actor=None) -> ServiceLevelAgreement:
    """A draft SLA for an O&M contract with the starter indicators (reference.STARTER_INDICATORS, weights 100)."""
    sla = ServiceLevelAgreement.objects.create(contract=contract, title=title or f"{contract.name} 서비스수준협약")
    for position, (kind, severity, target, minimum, weight, limit) in enumerate(STARTER_INDICATORS, start=1):
        SlaIndicator.objects.create(
            sla=sla,
            kind=kind,
            severity=severity,
            formula=FORMULAS[kind],
            target=target,
            minimum=minimum,
            weight=weight,
            limit_hours=limit,
            position=position,
        )
    return sla


# --- the period --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Period:
    month: dt.date
    first_day: dt.date  # inside the contract
    last_day: dt.date
    start: dt.datetime
    end: dt.datetime  # exclusive; for the month in progress, the minute the measurement was taken
    in_progress: bool = False

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    @property
    def hours(self) -> Decimal:
        return hours(self.end - self.start)


def period_of(sla: ServiceLevelAgreement, month: dt.date, *, now: dt.datetime | None = None) -> Period:
    """The month's days inside the contract; a month wholly outside it is refused (a26.2). The month in progress
    is measured up to ``now`` (to the minute): its planned hours are the hours gone by, not the whole month's, or
    the days still to come would count as service without a fault. A month not yet begun is refused."""
    now = now or timezone.now()
    month = month.replace(day=1)
    month_end = add_months(month, 1) - dt.timedelta(days=1)
    contract = sla.contract
    if month_end < contract.starts_on or month > contract.ends_on:
        raise Refused(
            E.MONTH_OUTSIDE,
            field="month",
            month=josa(f"{month.year}. {month.month}.", "은/는"),
            start=format_date(contract.starts_on),
            end=format_date(contract.ends_on),
        )
    first, last = max(month, contract.starts_on), min(month_end, contract.ends_on)
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(first, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    if now <= start:
        raise Refused(E.MONTH_FUTURE, field="month", month=josa(f"{month.year}. {month.month}.", "은/는"))
    if now < end:
        return Period(month, first, last, start, now.replace(second=0, microsecond=0), in_progress=True)
    return Period(month, first, last, start, end)


# --- the indicators ------------------------------------------------------------------------------------------------
@dataclass
class Figure:
    value: Decimal | None
    basis: str


def availability(sla, period: Period, systems: list[int]) -> tuple[Figure, Decimal, Decimal]:
    per_day = Decimal(sla.service_hours_per_day)
    if period.in_progress:  # the hours gone by, at the agreed share of the day
        planned = period.hours * per_day / Decimal(24) * len(systems)
        span = f"{q2(period.hours)}시간 (진행 중인 달: {timezone.localtime(period.end):%-d일 %H:%M}까지)"
        if per_day != 24:
            span += f" × {per_day}/24"
    else:
        planned = per_day * period.days * len(systems)
        span = f"{period.days}일 × {per_day}시간"
    windows = MaintenanceWindow.objects.filter(
        system_id__in=systems, starts_at__lt=period.end, ends_at__gt=period.start
    ).only("starts_at", "ends_at")
    window_hours = sum((hours(_overlap(w.starts_at, w.ends_at, period.start, period.end)) for w in windows), Decimal(0))
    planned -= window_hours
    incidents = Incident.objects.filter(system_id__in=systems, service_down=True, started_at__lt=period.end).filter(
        Q(restored_at__isnull=True) | Q(restored_at__gt=period.start)
    )
    down = sum(
        (hours(_overlap(i.started_at, i.restored_at or period.end, period.start, period.end)) for i in incidents),
        Decimal(0),
    )
    if planned <= 0:
        return Figure(None, "계획 서비스시간이 없습니다."), planned, down
    value = q2((planned - down) / planned * HUNDRED)
    basis = (
        f"계획 서비스시간 {q2(planned)}시간 (시스템 {len(systems)}개 × {span}"
        f"{f' − 계획 작업 {q2(window_hours)}시간' if window_hours else ''}), 비계획 장애시간 {q2(down)}시간: "
        f"({q2(planned)} − {q2(down)}) ÷ {q2(planned)} × 100 = {value}%"
    )
    return Figure(value, basis), planned, down


def _restored_in(indicator, period, systems):
    qs = Incident.objects.filter(system_id__in=systems, restored_at__gte=period.start, restored_at__lt=period.end)
    if indicator.severity:
        qs = qs.filter(severity=indicator.severity)
    return list(qs.only("started_at", "restored_at"))


def mttr(indicator, period, systems) -> Figure:
    incidents = _restored_in(indicator, period, systems)
    if not incidents:
        return Figure(None, "복구한 장애가 없습니다: 목표를 달성한 것으로 봅니다.")
    total = sum((hours(i.restored_at - i.started_at) for i in incidents), Decimal(0))
    value = q2(total / len(incidents))
    return Figure(value, f"복구시간 합계 {q2(total)}시간 ÷ 장애 {len(incidents)}건 = {value}시간")


def incident_on_time(indicator, period, systems) -> Figure:
    incidents = _restored_in(indicator, period, systems)
    if not incidents:
        return Figure(None, "복구한 장애가 없습니다: 목표를 달성한 것으로 봅니다.")
    limit = dt.timedelta(hours=float(indicator.limit_hours))
    on_time = sum(1 for i in incidents if i.restored_at - i.started_at <= limit)
    value = q2(Decimal(on_time) / len(incidents) * HUNDRED)
    return Figure(
        value, f"기한({indicator.limit_hours}시간) 내 복구 {on_time}건 ÷ 장애 {len(incidents)}건 × 100 = {value}%"
    )


def recurrence(indicator, period, systems) -> Figure:
    qs = Incident.objects.filter(system_id__in=systems, started_at__gte=period.start, started_at__lt=period.end)
    total = qs.count()
    if not total:
        return Figure(None, "발생한 장애가 없습니다: 목표를 달성한 것으로 봅니다.")
    repeated = qs.filter(recurrence_of__isnull=False).count()
    value = q2(Decimal(repeated) / total * HUNDRED)
    return Figure(value, f"재발 장애 {repeated}건 ÷ 장애 {total}건 × 100 = {value}%")


def request_on_time(indicator, period, systems) -> Figure:
    qs = ServiceRequest.objects.filter(system_id__in=systems, due_at__gte=period.start, due_at__lt=period.end)
    requests = list(qs.only("due_at", "completed_at"))
    if not requests:
        return Figure(None, "처리 기한이 이달인 서비스 요청이 없습니다: 목표를 달성한 것으로 봅니다.")
    on_time = sum(1 for r in requests if r.completed_at is not None and r.completed_at <= r.due_at)
    value = q2(Decimal(on_time) / len(requests) * HUNDRED)
    return Figure(value, f"기한 내 처리 {on_time}건 ÷ 기한 도래 요청 {len(requests)}건 × 100 = {value}%")


COMPUTE = {
    IndicatorKind.MTTR: mttr,
    IndicatorKind.INCIDENT_ON_TIME: incident_on_time,
    IndicatorKind.RECURRENCE: recurrence,
    IndicatorKind.REQUEST_ON_TIME: request_on_time,
}


# --- scoring -----------------------------------------------------------------------------------------------------
def band_of(indicator: SlaIndicator, value: Decimal | None) -> int:
    """0: meets the target; 1: meets the minimum; then one band per (target − minimum) further below, up to 4.
    No incident to measure (value None) meets the target."""
    if value is None:
        return 0
    target, minimum = Decimal(indicator.target), Decimal(indicator.minimum)
    if indicator.lower_is_better:
        shortfall_target, shortfall_minimum = value - target, value - minimum
    else:
        shortfall_target, shortfall_minimum = target - value, minimum - value
    if shortfall_target <= 0:
        return 0
    if shortfall_minimum <= 0:
        return 1
    width = abs(target - minimum)
    if width == 0:
        return 4
    for band in (2, 3):
        if shortfall_minimum <= width * (band - 1):
            return band
    return 4


def level_of(band: int, on: dt.date) -> Decimal:
    rows = param("sla_band_levels", on).value
    by_band = {int(row["band"]): Decimal(str(row["level"])) for row in rows}
    return by_band.get(band, min(by_band.values()))


def grade_of(score: Decimal, on: dt.date) -> str:
    rows = sorted(param("sla_grades", on).value, key=lambda row: row["min_score"], reverse=True)
    for row in rows:
        if score >= Decimal(str(row["min_score"])):
            return row["grade"]
    return rows[-1]["grade"]


def payment_percent(grade: str, on: dt.date) -> Decimal:
    for row in param("sla_payment_percent", on).value:
        if row["grade"] == grade:
            return Decimal(str(row["percent"]))
    return Decimal(0)


SCORING_RULES = ("sla_band_levels", "sla_grades", "sla_payment_percent")


def _rules_in_force(month: dt.date) -> None:
    """A month is scored under the rule pack in force in it (a26.2); before the first one none is, and nothing is
    computed (no fallback to a later pack's values for a new decision)."""
    try:
        for key in SCORING_RULES:
            param(key, month)
    except RuleNotFound as error:
        first = earliest_pack()
        hint = (
            f"첫 훈령({first.version_label})은 {format_date(first.effective_from)}부터 시행합니다."
            if first is not None
            else "등록된 훈령이 없습니다: 훈령을 먼저 등록하십시오."
        )
        raise Refused(E.NO_RULE_IN_FORCE, field="month", month=f"{month.year}. {month.month}.", first=hint) from error


@transaction.atomic
def compute_month(sla: ServiceLevelAgreement, month: dt.date, *, actor, values: dict | None = None) -> SlaMonth:
    """Measures one month of the SLA (a26.2). ``values``: indicator pk → value for the indicators the service desk
    does not compute (backups, security checks, key staff, satisfaction). All or nothing."""
    values = values or {}
    sla = ServiceLevelAgreement.objects.select_related("contract").get(pk=sla.pk)
    if actor is not None and not it_member(actor, sla.contract.managing_unit):
        raise Forbidden(E.MEASURE_WHO)
    if sla.state != SlaState.IN_FORCE:
        raise Refused(E.MONTH_SLA_STATE)
    now = timezone.now()
    period = period_of(sla, month, now=now)
    _rules_in_force(period.month)
    existing = SlaMonth.objects.select_for_update().filter(sla=sla, month=period.month).first()
    if existing is not None and existing.state != MonthState.COMPUTED:
        raise Refused(E.MONTH_LOCKED)
    systems = list(sla.contract.systems.values_list("pk", flat=True))
    indicators = list(sla.indicators.all())
    figures: dict[int, tuple[Figure, str]] = {}
    planned = down = Decimal(0)
    for indicator in indicators:
        if indicator.kind == IndicatorKind.AVAILABILITY:
            figure, planned, down = availability(sla, period, systems)
            figures[indicator.pk] = (figure, MeasurementSource.COMPUTED)
        elif indicator.kind in COMPUTE:
            figures[indicator.pk] = (COMPUTE[indicator.kind](indicator, period, systems), MeasurementSource.COMPUTED)
        else:
            raw = values.get(indicator.pk, values.get(str(indicator.pk)))
            if raw in (None, ""):
                raise Refused(E.VALUE_MISSING, field=f"value_{indicator.pk}", name=indicator.label)
            figures[indicator.pk] = (Figure(q2(raw), "입력값"), MeasurementSource.ENTERED)
    record = existing or SlaMonth(sla=sla, month=period.month)
    record.planned_hours, record.downtime_hours = q2(planned), q2(down)
    record.computed_at = now
    record.save()
    score = Decimal(0)
    for indicator in indicators:
        figure, source = figures[indicator.pk]
        band = band_of(indicator, figure.value)
        level = level_of(band, period.month)
        points = q2(Decimal(indicator.weight) * level)
        score += points
        SlaMeasurement.objects.update_or_create(
            month=record,
            indicator=indicator,
            defaults={
                "value": figure.value,
                "level": level,
                "points": points,
                "source": source,
                "basis": figure.basis,
            },
        )
    record.score = q2(score)
    record.grade = grade_of(record.score, period.month)
    record.payment_percent = payment_percent(record.grade, period.month)
    monthly_fee = Decimal(sla.contract.annual_amount or 0) / 12
    record.payment_adjustment = int(
        (monthly_fee * record.payment_percent / HUNDRED).quantize(Decimal(1), ROUND_HALF_UP)
    )
    record.save(update_fields=["score", "grade", "payment_percent", "payment_adjustment", "updated_at"])
    return record

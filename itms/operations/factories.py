"""Records of Chapter 6 for tests: a system under an O&M contract, its SLA and months, requests, incidents.
Built directly in the state a test needs (a factory is not a user: the workflows are exercised by the tests)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from django.utils import timezone

from itms.accounts.models import Company, Organization, OrgUnit, User
from itms.resources.models import InformationSystem, MaintenanceContract, SystemFunction

from . import actions
from .choices import IndicatorKind, RequestState, Severity
from .models import (
    ArchitectureCheck,
    DiagnosisFinding,
    Incident,
    MaintenanceRequest,
    MaintenanceWindow,
    ServiceLevelAgreement,
    ServiceLevelDiagnosis,
    ServiceRequest,
    SlaMonth,
)

_seq = itertools.count(1)
YEAR = 2026


def at(day: dt.date, hour: float = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min)) + dt.timedelta(hours=hour)


def system(unit: str = "KCS-SOT", functions=()) -> InformationSystem:
    n = next(_seq)
    made = InformationSystem.objects.create(
        name=f"시험 운영 시스템 {n}",
        code=f"T-OPS-{n:04d}",
        purpose="운영·유지관리 시험",
        organization=Organization.objects.get(code="KCS"),
        operating_unit=OrgUnit.objects.get(code=unit),
    )
    for name in functions:
        SystemFunction.objects.create(system=made, name=name)
    return made


def contract(systems=None, *, company: Company | None = None, start=dt.date(YEAR, 1, 1), end=dt.date(YEAR, 12, 31),
             annual=1_200_000_000, unit: str = "KCS-SOT") -> MaintenanceContract:  # fmt: skip
    n = next(_seq)
    made = MaintenanceContract.objects.create(
        number=f"T-OM-{n:04d}",
        name=f"시험 유지관리 {n}",
        supplier=company or Company.objects.order_by("pk").first(),
        managing_unit=OrgUnit.objects.get(code=unit),
        starts_on=start,
        ends_on=end,
        annual_amount=annual,
    )
    made.systems.set(systems if systems is not None else [system(unit)])
    return made


def sla(contract_=None, *, signed: bool = False) -> ServiceLevelAgreement:
    made = actions.start_sla(contract_ or contract())
    if signed:
        made = ServiceLevelAgreement.workflow.execute(made, "sign", actor=admin())
    return made


MANUAL = {IndicatorKind.BACKUP: 100, IndicatorKind.KEY_STAFF: 90, IndicatorKind.SATISFACTION: 80}


def manual_values(sla_: ServiceLevelAgreement, **override) -> dict:
    values = {}
    for indicator in sla_.indicators.all():
        if indicator.kind in MANUAL:
            values[indicator.pk] = Decimal(override.get(indicator.kind, MANUAL[indicator.kind]))
    return values


def month(sla_=None, number: int = 1) -> SlaMonth:
    sla_ = sla_ or sla(signed=True)
    return actions.compute_month(sla_, dt.date(YEAR, number, 1), actor=admin(), values=manual_values(sla_))


def admin() -> User:
    return User.objects.get(username="admin")


def incident(system_=None, *, day=dt.date(YEAR, 6, 10), hours: float = 2, severity=Severity.S2, **extra) -> Incident:
    system_ = system_ or system()
    n = next(_seq)
    start = at(day, 9)
    return Incident.objects.create(
        number=f"T-INC-{n:05d}",
        system=system_,
        title=f"시험 장애 {n}",
        severity=severity,
        started_at=start,
        detected_at=start,
        restored_at=start + dt.timedelta(hours=hours),
        **extra,
    )


def service_request(system_=None, *, day=dt.date(YEAR, 6, 10), late: bool = False) -> ServiceRequest:
    system_ = system_ or system()
    n = next(_seq)
    start = at(day, 10)
    due = start + dt.timedelta(days=2)
    return ServiceRequest.objects.create(
        number=f"T-SR-{n:05d}",
        system=system_,
        title=f"시험 요청 {n}",
        requested_at=start,
        due_at=due,
        completed_at=due + dt.timedelta(hours=5 if late else -5),
    )


def window(system_=None, *, day=dt.date(YEAR, 6, 14), hours: float = 3) -> MaintenanceWindow:
    system_ = system_ or system()
    start = at(day, 2)
    return MaintenanceWindow.objects.create(
        system=system_, title=f"정기 점검 {next(_seq)}", starts_at=start, ends_at=start + dt.timedelta(hours=hours)
    )


def request(system_=None, *, unit: str = "KCS-CLP", state=RequestState.DRAFT, **extra) -> MaintenanceRequest:
    n = next(_seq)
    values = {
        "title": f"시험 유지관리 요청 {n}",
        "description": "조회 화면에 항목을 추가한다.",
        "reason": "업무 처리에 필요하다.",
        "system": system_ or InformationSystem.objects.get(code="UP-IMP"),
        "requesting_unit": OrgUnit.objects.get(code=unit),
        "state": state,
    }
    return MaintenanceRequest.objects.create(**{**values, **extra})


def architecture_checks(n: int) -> list[ArchitectureCheck]:
    made = request(state=RequestState.REVIEWED, interlinked_functions=3)
    return [ArchitectureCheck.objects.create(request=made, code=f"T-{i}", item=f"시험 점검 항목 {i}") for i in range(n)]


def diagnosis(contract_=None) -> ServiceLevelDiagnosis:
    contract_ = contract_ or contract()
    return ServiceLevelDiagnosis.objects.create(
        contract=contract_,
        diagnosed_on=dt.date(YEAR, 7, 1),
        period_start=dt.date(YEAR, 1, 1),
        period_end=dt.date(YEAR, 6, 30),
        diagnosing_unit=contract_.managing_unit,
        summary=f"시험 진단 {next(_seq)}",
    )


def finding(diagnosis_=None) -> DiagnosisFinding:
    return DiagnosisFinding.objects.create(
        diagnosis=diagnosis_ or diagnosis(),
        finding=f"재발 장애 분석이 없다 {next(_seq)}",
        action="문제 관리 기록을 만든다.",
        due_on=dt.date(YEAR, 9, 30),
    )

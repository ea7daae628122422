"""The decision per system and its follow-up (a27.1; 성과관리 지침 제26조–제27조): a 정비계획 for every change,
and for an improvement, redevelopment or merger a project idea in the next planning cycle (Ch.3) — the loop
closes in the system."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from itms.core import registry
from itms.core.errors import Refused
from itms.core.korean import josa
from itms.projects.choices import ProjectKind
from itms.projects.models import Project

from ..choices import REBUILDING, Outcome
from ..error_codes import PerformanceErrors as E
from ..models import MaintenancePlan, MeasurementTarget

PROJECT_KIND = {
    Outcome.IMPROVE: ProjectKind.ENHANCEMENT,
    Outcome.REDEVELOP: ProjectKind.CONSTRUCTION,
    Outcome.MERGE: ProjectKind.ENHANCEMENT,
}


def next_cycle_year(on: dt.date | None = None) -> int:
    """The first project year whose pre-review deadline (a8.1, 1/31 of the year before) is still ahead: a project
    idea born today can still make that cycle's deadlines (itms.planning.cycles)."""
    from itms.planning.cycles import pre_review_deadline

    on = on or timezone.localdate()
    year = on.year + 1
    while pre_review_deadline(year, on) < on:
        year += 1
    return year


def decide(target: MeasurementTarget, *, outcome: str, reasons: str, actor, exceptions=None, triggers=None) -> None:
    """Records the decision (the workflow's ``decide`` and ``decide_without_measurement`` effects)."""
    if exceptions is not None:
        target.exceptions = list(exceptions)
    if triggers is not None:
        target.triggers = list(triggers)
    target.outcome = outcome
    target.reasons = reasons.strip()
    target.decided_at = timezone.now()
    target.decided_by = actor
    target.save(
        update_fields=["exceptions", "triggers", "outcome", "reasons", "decided_at", "decided_by", "updated_at"]
    )
    if outcome != Outcome.KEEP:
        MaintenancePlan.objects.get_or_create(target=target)
    if outcome in REBUILDING:
        create_follow_up_project(target, actor=actor)


def create_follow_up_project(target: MeasurementTarget, *, actor=None) -> Project:
    """A project idea (stage 구상) for the next planning cycle, through the projects app's own form."""
    if target.follow_up_project_id:
        return target.follow_up_project
    system = target.system
    year = next_cycle_year()
    outcome = Outcome(target.outcome)
    form_class = registry.get(Project).form
    data = {
        "name": f"{system.name} {outcome.label}",
        "code": f"PERF-{target.round.year}-{system.code}"[:30],
        "organization": system.organization_id,
        "sponsor_unit": system.operating_unit_id,
        "kind": PROJECT_KIND[outcome],
        "start_year": year,
        "end_year": year,
        "total_budget": 0,
        "funding": "own",
        "related_systems": [system.pk],
        "summary": (
            f"{target.round.year}년 정보시스템 운영 성과측정 결과 "
            f"{josa(outcome.label, '으로/로')} 결정 (총점 {target.total if target.total is not None else '측정 없음'}). "
            f"결정 사유: {target.reasons}"
        ),
    }
    form = form_class(data=data)
    if not form.is_valid():
        raise Refused(E.FOLLOW_UP, errors="; ".join(" ".join(e) for e in form.errors.values()))
    project = form.save()
    target.follow_up_project = project
    target.save(update_fields=["follow_up_project", "updated_at"])
    return project

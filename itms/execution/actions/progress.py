"""진도관리 (a19): the vendor reports progress per WBS item; the plan, the actual and the delays are computed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from itms.core.errors import Forbidden, Refused
from itms.core.formats import format_date
from itms.regulation.rules import param

from ..choices import ContractState
from ..error_codes import ExecutionErrors as E
from ..models import Contract, ProgressEntry, ProgressReport, WorkPackage, dependency_cycle
from .common import is_contractor, today


@dataclass
class EntryInput:
    work_package: WorkPackage
    percent: int
    reason: str = ""


def weighted(packages, value) -> int:
    """The weighted mean of ``value(package)`` over the leaf packages (parents summarise their children)."""
    parents = {p.parent_id for p in packages if p.parent_id}
    leaves = [p for p in packages if p.pk not in parents]
    total = sum(p.weight for p in leaves)
    if not total:
        return 0
    return round(sum(p.weight * value(p) for p in leaves) / total)


def planned_percent(contract: Contract, on: dt.date, packages=None) -> int:
    packages = list(packages if packages is not None else contract.work_packages.all())
    return weighted(packages, lambda p: p.planned_percent(on))


def actual_percent(contract: Contract, packages=None) -> int:
    packages = list(packages if packages is not None else contract.work_packages.all())
    return weighted(packages, lambda p: p.progress)


def tolerance(on: dt.date | None = None) -> int:
    return int(param("progress_delay_tolerance_percent", on).value)


def delayed(contract: Contract, on: dt.date | None = None, packages=None) -> list[WorkPackage]:
    """a19.0.2: the work behind its plan (leaves only)."""
    on = on or today()
    packages = list(packages if packages is not None else contract.work_packages.all())
    parents = {p.parent_id for p in packages if p.parent_id}
    limit = tolerance(on)
    return [p for p in packages if p.pk not in parents and p.is_delayed(on, limit)]


def check_no_cycle(package: WorkPackage | None, predecessors, contract_id: int) -> None:
    """Refuses predecessors that would make the WBS's dependencies go round (a19.0.1)."""
    path = dependency_cycle(package, predecessors, contract_id)
    if path:
        raise Refused(E.WBS_CYCLE, field="predecessors", path=" → ".join(path))


@transaction.atomic
def report_progress(
    *,
    actor,
    contract: Contract,
    kind: str,
    period_start: dt.date,
    period_end: dt.date,
    summary: str,
    entries: list[EntryInput],
    problems: str = "",
    next_plan: str = "",
) -> ProgressReport:
    """The vendor's weekly or monthly report (a19): per WBS item the new %, never above 100, never lower than before
    without a reason; a delayed item carries its reason (a19.0.2). All or nothing."""
    if not is_contractor(actor, contract.project):
        raise Forbidden(E.PROGRESS_WHO)
    contract = Contract.objects.select_for_update(no_key=True, of=("self",)).get(pk=contract.pk)
    if contract.state != ContractState.IN_PROGRESS:
        raise Refused(E.PROGRESS_STATE)
    if period_end < period_start:
        raise Refused(E.PROGRESS_PERIOD_ORDER, field="period_end")
    if not (contract.contains(period_start) and contract.contains(period_end)):
        raise Refused(
            E.PROGRESS_PERIOD,
            field="period_start",
            start=format_date(contract.start_date),
            end=format_date(contract.end_date),
        )
    if not entries:
        raise Refused(E.PROGRESS_EMPTY)
    limit = tolerance(period_end)
    changed = []
    for entry in entries:
        package = entry.work_package
        if package.contract_id != contract.pk:
            raise Refused(E.PROGRESS_FOREIGN)
        if entry.percent is None or not 0 <= entry.percent <= 100:
            raise Refused(E.PROGRESS_RANGE, work=package.name, percent=entry.percent)
        if entry.percent < package.progress and not entry.reason.strip():
            raise Refused(E.PROGRESS_BACKWARDS, work=package.name, previous=package.progress, percent=entry.percent)
        late = entry.percent < 100 and (
            period_end > package.planned_end or package.planned_percent(period_end) - entry.percent > limit
        )
        if late and not (entry.reason.strip() or package.delay_reason.strip()):
            raise Refused(E.DELAY_REASON, work=package.name)
        changed.append((package, entry, late))
    report = ProgressReport(
        contract=contract,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        summary=summary,
        problems=problems,
        next_plan=next_plan,
        submitted_by=actor,
    )
    report.full_clean(exclude=["submitted_by"])
    report.save()
    for package, entry, late in changed:
        ProgressEntry.objects.create(
            report=report, work_package=package, previous=package.progress, percent=entry.percent, reason=entry.reason
        )
        package.progress = entry.percent
        if entry.percent > 0 and package.actual_start is None:
            package.actual_start = min(period_end, max(period_start, package.planned_start))
        package.actual_end = period_end if entry.percent == 100 else None
        if late and entry.reason.strip():
            package.delay_reason = entry.reason.strip()
        elif not late:
            package.delay_reason = ""
        package.save(update_fields=["progress", "actual_start", "actual_end", "delay_reason", "updated_at"])
    packages = list(contract.work_packages.all())
    report.planned_percent = planned_percent(contract, period_end, packages)
    report.actual_percent = actual_percent(contract, packages)
    report.save(update_fields=["planned_percent", "actual_percent", "updated_at"])
    _notify_sponsor(report)
    return report


def _notify_sponsor(report: ProgressReport) -> None:
    from itms.accounts.directory import holders
    from itms.accounts.roles import Role
    from itms.notifications.actions import notify

    project = report.contract.project

    def send():
        for holder in holders(Role.DEPARTMENT_HEAD, project.sponsor_unit):
            notify(
                recipient=holder.user,
                title=f"{report.get_kind_display()}: {project}",
                url=report.get_absolute_url(),
                body=f"계획 {report.planned_percent}% · 실적 {report.actual_percent}% (제19조)",
                dedupe_key=f"progress-report-{report.pk}",
            )

    transaction.on_commit(send)


def s_curve(contract: Contract, packages=None, reports=None) -> dict:
    """Planned cumulative % per week over the contract period, and the reported actual % (the S-curve)."""
    packages = list(packages if packages is not None else contract.work_packages.all())
    reports = list(reports if reports is not None else contract.progress_reports.order_by("period_end"))
    labels, planned = [], []
    day = contract.start_date
    while day <= contract.end_date:
        labels.append(day.isoformat())
        planned.append(planned_percent(contract, day, packages))
        day += dt.timedelta(days=7)
    if labels and labels[-1] != contract.end_date.isoformat():
        labels.append(contract.end_date.isoformat())
        planned.append(planned_percent(contract, contract.end_date, packages))
    # The reported actual % on each label's date (the latest report by then); nothing after the last report.
    actual = []
    last = reports[-1].period_end if reports else None
    for label in labels:
        day = dt.date.fromisoformat(label)
        known = [r.actual_percent for r in reports if r.period_end <= day]
        reached = last is not None and (day <= last or day - last < dt.timedelta(days=7))
        actual.append(known[-1] if known and reached else (0 if reached and not known else None))
    return {"labels": labels, "planned": planned, "actual": actual, "today": timezone.localdate().isoformat()}


def gantt_tasks(packages) -> list[dict]:
    """frappe-gantt's tasks: planned bars with the actual % and the predecessor arrows."""
    tasks = []
    for p in packages:
        classes = ["wbs-milestone" if p.is_milestone else "wbs-task"]
        if p.delay_reason:
            classes.append("wbs-delayed")
        tasks.append(
            {
                "id": f"wp{p.pk}",
                "name": f"{p.code} {p.name}",
                "start": p.planned_start.isoformat(),
                "end": p.planned_end.isoformat(),
                "progress": p.progress,
                "dependencies": ", ".join(f"wp{pred.pk}" for pred in p.predecessors.all()),
                "custom_class": " ".join(classes),
            }
        )
    return tasks

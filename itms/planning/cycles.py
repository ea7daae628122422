"""The yearly planning cycle on its own schedule (a8.1, a8.3, a9.1).

**Opening.** Cycle Y prepares the projects that start in Y during Y−1, and its first deadline is the pre-review
request on 1/31 of Y−1 (a8.1, parameter ``pre_review_due``). A department needs time to write that request, so
the system opens cycle Y by itself on the 1st of the month ``cycle_opening_months_before`` months before the
month of that deadline (rule-pack parameter, system default 1: cycle 2028 opens on 2026. 12. 1.; 0 would open it
when its preparation year starts). It runs in the daily obligation sweep (``itms.regulation.sweep``, Celery beat
at 06:00 or ``manage.py run_obligation_sweep``), as the system (no account), idempotently, and the opening is a
chained legal event (``actions.start_cycle``).

**Joining.** A project belongs to the cycle of its start year. The daily run enrols the new projects of every
open cycle whose a8.1 deadline is still ahead, so their three submissions become the sponsoring department's
deadlines (``actions.enroll_project``). A project registered after that deadline is not enrolled by the system:
a8.1 sets one date a year ("매년 1월 31일까지 … 다음연도"), with no rolling deadline counted from a project's
registration, so such a project has missed the regular cycle of its year. A 정보기획담당관 would put it in the
next cycle (start year Y+1, whose deadlines are ahead) — or, if the department still means to start it in Y,
receive its pre-review late and see it as late. The project page says which (``planning.spine``); the system never
invents an overdue deadline the department could not have met, nor moves a project's start year by itself.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from itms.projects.models import Project
from itms.regulation.models import Obligation
from itms.regulation.rules import param

from . import actions
from .models import PlanningCycle

logger = logging.getLogger(__name__)


def _month_day(key: str, on: dt.date) -> tuple[int, int]:
    month, day = (int(x) for x in str(param(key, on).value).split("-"))
    return month, day


def pre_review_deadline(year: int, on: dt.date | None = None) -> dt.date:
    """a8.1: the pre-review request of the projects starting in ``year`` is due on 1/31 of year−1."""
    month, day = _month_day("pre_review_due", on or timezone.localdate())
    return dt.date(year - 1, month, day)


def opening_date(year: int, on: dt.date | None = None) -> dt.date:
    """The day the system opens cycle ``year``: the 1st of the month N months before the a8.1 deadline's month."""
    on = on or timezone.localdate()
    deadline = pre_review_deadline(year, on)
    months = int(param("cycle_opening_months_before", on).value)
    index = deadline.year * 12 + (deadline.month - 1) - months
    return dt.date(index // 12, index % 12 + 1, 1)


def joinable(cycle: PlanningCycle, today: dt.date | None = None) -> bool:
    """Whether a project can still join ``cycle`` on time: its a8.1 deadline is today or later."""
    return pre_review_deadline(cycle.year, today) >= (today or timezone.localdate())


def next_joinable_year(today: dt.date | None = None) -> int:
    """The first start year whose cycle's deadlines are all still ahead (a project registered today)."""
    today = today or timezone.localdate()
    year = today.year + 1
    while pre_review_deadline(year, today) < today:
        year += 1
    return year


@dataclass
class ScheduleResult:
    today: dt.date
    opened: list[int] = field(default_factory=list)  # years of the cycles opened by this run
    enrolled: int = 0  # projects enrolled by this run

    def summary(self) -> str:
        opened = ", ".join(f"{year}년도" for year in self.opened) or "없음"
        return f"계획 주기 자동 개시: {opened}, 새로 등록된 사업 {self.enrolled}건"


def run_schedule(today: dt.date | None = None) -> ScheduleResult:
    """Open the cycles whose opening day has come and enrol their new projects (safe to run any number of times)."""
    today = today or timezone.localdate()
    result = ScheduleResult(today)
    # Cycles of years not yet started: Y−1 (the preparation year) is this year or next. Older ones are past.
    for year in (today.year + 1, today.year + 2):
        if opening_date(year, today) > today:
            continue
        with transaction.atomic():
            already = PlanningCycle.objects.filter(year=year, opened_at__isnull=False).exists()
            cycle = actions.start_cycle(year=year)
            if not already:
                result.opened.append(year)
                logger.info("planning cycle %s opened on schedule (%s)", year, today.isoformat())
    for cycle in PlanningCycle.objects.filter(year__gt=today.year, opened_at__isnull=False):
        if joinable(cycle, today):
            result.enrolled += enroll_new_projects(cycle)
    return result


def _enrolment(cycle: PlanningCycle):
    return Obligation.objects.filter(
        kind="pre_review_request",
        key=f"cycle-{cycle.year}",
        subject_type__app_label="projects",
        subject_type__model="project",
    )


def enrolled(cycle: PlanningCycle, project: Project) -> bool:
    """Whether the project owes the cycle's submissions (actions.enroll_project has run for it)."""
    return _enrolment(cycle).filter(subject_id=project.pk).exists()


def enroll_new_projects(cycle: PlanningCycle) -> int:
    """Enrol the projects of the cycle's year that have no deadline of the cycle yet (one query to find them)."""
    owing = _enrolment(cycle).filter(subject_id=OuterRef("pk"))
    new = Project.objects.filter(start_year=cycle.year).exclude(Exists(owing)).select_related("sponsor_unit")
    count = 0
    for project in new:
        with transaction.atomic():
            actions.enroll_project(actor=None, cycle=cycle, project=project)
        count += 1
    return count

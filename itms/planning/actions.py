"""State changes of Chapter 3 that are not a single transition: opening a cycle, enrolling a project,
requesting impact reviews, adjusting a detailed plan, the notified deadline, the opinion round."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from itms.accounts.directory import holds, unit_with_descendants, units_of
from itms.accounts.roles import Role
from itms.core.errors import Forbidden, Refused
from itms.core.formats import format_date, format_won
from itms.projects.models import Project
from itms.regulation.models import Obligation
from itms.regulation.obligations import meet_obligation, open_obligation, reschedule_obligation

from .error_codes import PlanningErrors
from .models import (
    DetailedPlan,
    DetailedPlanVersion,
    ImpactReview,
    OpinionRequest,
    PlanningCycle,
    PreReview,
    ProjectPlan,
    StrategicPlan,
)


# --- who is who for a project ----------------------------------------------------------------------------
def is_sponsor(user, project: Project) -> bool:
    """The user works in the sponsoring (or a co-performing) department, or a unit above it (a2.0.8)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    mine = unit_with_descendants(units_of(user))
    return project.sponsor_unit_id in mine or project.co_units.filter(pk__in=mine).exists()


def is_it_planning(user) -> bool:
    return getattr(user, "is_authenticated", False) and (user.is_superuser or holds(user, Role.IT_PLANNING_OFFICER))


def _require_it_planning(user) -> None:
    if not is_it_planning(user):
        raise Forbidden(PlanningErrors.IT_PLANNING_ONLY)


# --- the cycle -----------------------------------------------------------------------------------------------
@transaction.atomic
def open_cycle(*, actor, year: int) -> PlanningCycle:
    """Opens the cycle for year Y: every project starting in Y gets its calendar deadlines (a8.1, a8.3, a9.1)."""
    _require_it_planning(actor)
    cycle = start_cycle(year=year, actor=actor)
    for project in Project.objects.filter(start_year=year).select_related("sponsor_unit"):
        enroll_project(actor=actor, cycle=cycle, project=project)
    return cycle


SYSTEM_ACTOR_NAME = "정보화관리시스템(자동)"


@transaction.atomic
def start_cycle(*, year: int, actor=None) -> PlanningCycle:
    """Marks cycle Y open (once) and chains the opening; ``actor=None`` is the system on its schedule (cycles.py).

    Enrolling the projects is the caller's: the 정보기획담당관 enrols every project of the year, the schedule only
    those whose deadlines are still ahead.
    """
    from itms.audit.chain import record_event
    from itms.audit.models import LegalEventKind
    from itms.regulation.rules import pack_in_force

    cycle, _ = PlanningCycle.objects.select_for_update(no_key=True).get_or_create(year=year)
    if cycle.opened_at is None:
        cycle.opened_at, cycle.opened_by = timezone.now(), actor
        cycle.save(update_fields=["opened_at", "opened_by", "updated_at"])
        record_event(
            kind=LegalEventKind.TRANSITION,
            actor=actor,
            actor_name="" if actor else SYSTEM_ACTOR_NAME,
            subject=cycle,
            summary=f"{cycle} 주기 개시" + ("" if actor else " (일정에 따른 자동 개시)"),
            payload={"year": year, "preparation_year": cycle.preparation_year, "scheduled": actor is None},
            clause_ids=["a8.1", "a8.3", "a9.1"],
            pack_version=pack_in_force().version_label,
        )
    return cycle


CYCLE_OBLIGATIONS = ("pre_review_request", "plan_submission", "detailed_plan_submission")


def enroll_project(*, actor, cycle: PlanningCycle, project: Project) -> list[Obligation]:
    """The sponsoring department owes the three calendar submissions of Y-1 for this project (idempotent)."""
    if project.start_year != cycle.year:
        raise Refused(PlanningErrors.NOT_THIS_CYCLE, year=cycle.year)
    result = []
    for kind in CYCLE_OBLIGATIONS:
        obligation = open_obligation(
            kind=kind,
            subject=project,
            key=f"cycle-{cycle.year}",
            year=cycle.preparation_year,
            owed_by_unit=project.sponsor_unit,
            owed_to_role=Role.IT_PLANNING_OFFICER,
            actor=actor,
            title=f"{_KIND_TITLES[kind]}: {project.name}",
            once=True,
        )
        if (
            kind == "detailed_plan_submission"
            and cycle.detailed_plan_due
            and obligation.due_date != cycle.detailed_plan_due
        ):
            reschedule_obligation(
                obligation=obligation, due=cycle.detailed_plan_due, actor=actor, explanation=_notice_explanation(cycle)
            )
        result.append(obligation)
    return result


_KIND_TITLES = {
    "pre_review_request": "사전검토 의뢰",
    "plan_submission": "사업계획서 제출",
    "detailed_plan_submission": "세부 사업계획 제출",
}


def cycle_obligation(kind: str, project: Project, cycle: PlanningCycle):
    return {"kind": kind, "subject": project, "key": f"cycle-{cycle.year}"}


@transaction.atomic
def notify_detailed_plan_deadline(*, actor, cycle: PlanningCycle, due: dt.date, notice: str) -> PlanningCycle:
    """a9.1 단서: the 정보기획담당관 notifies another deadline (and guidance) for the detailed plans."""
    _require_it_planning(actor)
    if not notice.strip():
        raise Refused(PlanningErrors.NOTICE_EMPTY, field="notice")
    if due.year != cycle.preparation_year and due.year != cycle.year:
        raise Refused(PlanningErrors.NOTICE_YEAR, field="due", preparation=cycle.preparation_year, year=cycle.year)
    cycle.detailed_plan_due, cycle.detailed_plan_notice, cycle.notified_at = due, notice.strip(), timezone.now()
    cycle.save(update_fields=["detailed_plan_due", "detailed_plan_notice", "notified_at", "updated_at"])
    for obligation in Obligation.objects.open().filter(kind="detailed_plan_submission", key=f"cycle-{cycle.year}"):
        reschedule_obligation(obligation=obligation, due=due, actor=actor, explanation=_notice_explanation(cycle))
    return cycle


def _notice_explanation(cycle: PlanningCycle) -> str:
    return f"정보기획담당관 통보 기한 {format_date(cycle.detailed_plan_due)}까지 (제9조제1항 단서)"


# --- records of a project in the cycle ------------------------------------------------------------------------
def _require_sponsor_or_it_planning(actor, project: Project) -> None:
    if not (is_sponsor(actor, project) or is_it_planning(actor)):
        raise Forbidden(PlanningErrors.SPONSOR_OR_IT_PLANNING)


@transaction.atomic
def start_pre_review(*, actor, cycle: PlanningCycle, project: Project) -> PreReview:
    _require_sponsor_or_it_planning(actor, project)
    enroll_project(actor=actor, cycle=cycle, project=project)
    review, _ = PreReview.objects.get_or_create(cycle=cycle, project=project)
    return review


@transaction.atomic
def start_plan(*, actor, cycle: PlanningCycle, project: Project) -> ProjectPlan:
    _require_sponsor_or_it_planning(actor, project)
    enroll_project(actor=actor, cycle=cycle, project=project)
    plan, _ = ProjectPlan.objects.get_or_create(cycle=cycle, project=project)
    return plan


def impact_review_targets(project: Project) -> dict:
    """The IT departments operating a related system, with the systems each runs (a8.4)."""
    by_unit = defaultdict(list)
    for system in project.related_systems.select_related("operating_unit"):
        by_unit[system.operating_unit].append(system)
    return by_unit


def request_impact_reviews(*, plan: ProjectPlan, actor, requested_on: dt.date | None = None) -> list[ImpactReview]:
    """One review per IT department operating a related system, each due N days after receipt (a8.4, a8.5).

    A later round (after a detailed-plan adjustment, a9.3) asks every department again.
    """
    requested_on = requested_on or timezone.localdate()
    round_number = (plan.impact_reviews.aggregate(n=Max("round"))["n"] or 0) + 1
    reviews = []
    for unit, systems in impact_review_targets(plan.project).items():
        review = ImpactReview.objects.create(plan=plan, round=round_number, it_unit=unit, requested_on=requested_on)
        review.systems.set(systems)
        open_obligation(
            kind="impact_review_reply",
            subject=review,
            owed_by_unit=unit,
            owed_by_role=Role.IT_DEPARTMENT_HEAD,
            owed_to_unit=plan.project.sponsor_unit,
            start=requested_on,
            actor=actor,
            title=f"영향도 검토 회신: {plan.project} ({unit.name})",
        )
        reviews.append(review)
    return reviews


@transaction.atomic
def start_detailed_plan(
    *,
    actor,
    cycle: PlanningCycle,
    project: Project,
    budget: int,
    start_date: dt.date,
    end_date: dt.date,
    scope: str,
    targets: str = "",
) -> DetailedPlan:
    _require_sponsor_or_it_planning(actor, project)
    enroll_project(actor=actor, cycle=cycle, project=project)
    plan, created = DetailedPlan.objects.get_or_create(cycle=cycle, project=project)
    if created:
        _add_version(
            plan,
            actor=actor,
            budget=budget,
            start_date=start_date,
            end_date=end_date,
            scope=scope,
            targets=targets,
            reason="최초 작성",
        )
    return plan


def _add_version(plan: DetailedPlan, *, actor, reason: str, **values) -> DetailedPlanVersion:
    if values.get("budget") is not None and values["budget"] < 0:
        raise Refused(PlanningErrors.NEGATIVE_BUDGET, field="budget")
    number = (plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = DetailedPlanVersion(detailed_plan=plan, number=number, created_by=actor, reason=reason, **values)
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def adjust_detailed_plan(*, actor, detailed_plan: DetailedPlan, reason: str, **changes) -> DetailedPlanVersion:
    """The 정보기획담당관 adjusts the plan with the sponsor (a9.2): a new version with the visible diff.

    An adjustment that changes the budget, period or scope asks the IT departments again (a9.3).
    """
    _require_it_planning(actor)
    if not reason.strip():
        raise Refused(PlanningErrors.ADJUST_REASON, field="reason")
    if detailed_plan.state not in ("submitted", "reviewed"):
        raise Refused(PlanningErrors.ADJUST_STATE)
    current = detailed_plan.current_version
    values = {field: changes.get(field, getattr(current, field)) for field in DetailedPlanVersion.COMPARED}
    version = _add_version(detailed_plan, actor=actor, reason=reason, **values)
    if version_diff(current, version):
        plan = ProjectPlan.objects.filter(cycle=detailed_plan.cycle, project=detailed_plan.project).first()
        if plan is not None and plan.changes_systems:
            request_impact_reviews(plan=plan, actor=actor)
    return version


def version_diff(old: DetailedPlanVersion | None, new: DetailedPlanVersion) -> list[tuple[str, str, str]]:
    """(field label, before, after) for each compared field that changed."""
    if old is None:
        return []
    rows = []
    for name in DetailedPlanVersion.COMPARED:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            label = str(DetailedPlanVersion._meta.get_field(name).verbose_name)
            rows.append((label, _show(before), _show(after)))
    return rows


def _show(value) -> str:
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, int):
        return format_won(value)
    return str(value)


def latest_impact_round(plan: ProjectPlan) -> list[ImpactReview]:
    latest = plan.impact_reviews.aggregate(n=Max("round"))["n"]
    return list(plan.impact_reviews.filter(round=latest)) if latest else []


# --- strategy (a6) ---------------------------------------------------------------------------------------------
@transaction.atomic
def open_opinion_round(*, actor, plan: StrategicPlan, units, due_date: dt.date) -> list[OpinionRequest]:
    """The CIO gathers the opinions of the bureaus and agencies for the strategic plan (a6.2).

    The plan moves to "의견 수렴 중" through its workflow (the engine is the only writer of its state); asking
    more units later adds their requests to the same round.
    """
    if not (holds(actor, Role.CIO) or actor.is_superuser or is_it_planning(actor)):
        raise Forbidden(PlanningErrors.OPINION_ROUND_WHO)
    units = list(units)
    if not units:
        raise Refused(PlanningErrors.OPINION_UNITS, field="units")
    if due_date <= timezone.localdate():
        raise Refused(PlanningErrors.OPINION_DUE, field="due_date")
    if plan.state == "adopted":
        raise Refused(PlanningErrors.OPINION_ROUND_CLOSED)
    requests = []
    for unit in units:
        request, created = OpinionRequest.objects.get_or_create(plan=plan, unit=unit, defaults={"due_date": due_date})
        if created:
            open_obligation(
                kind="strategy_opinion",
                subject=request,
                owed_by_unit=unit,
                owed_to_role=Role.CIO,
                due=due_date,
                explanation="지능정보화책임관이 정한 의견 제출 기한",
                actor=actor,
                title=f"전략계획 의견 제출: {plan} ({unit.name})",
            )
        requests.append(request)
    if plan.state == "draft":
        StrategicPlan.workflow.execute(
            plan, "open_opinions", actor=actor, data={"units": ", ".join(u.name for u in units)}, internal=True
        )
    return requests


@transaction.atomic
def submit_opinion(*, actor, request: OpinionRequest, opinion: str) -> OpinionRequest:
    request = OpinionRequest.objects.select_for_update(no_key=True).get(pk=request.pk)
    if not (
        holds(actor, Role.DEPARTMENT_HEAD, request.unit)
        or actor.is_superuser
        or request.unit_id in unit_with_descendants(units_of(actor))
    ):
        raise Forbidden(PlanningErrors.OPINION_WHO)
    if not opinion.strip():
        raise Refused(PlanningErrors.OPINION_EMPTY, field="opinion")
    if request.responded_at:
        raise Refused(PlanningErrors.OPINION_TWICE)
    request.opinion, request.responded_at, request.responded_by = opinion.strip(), timezone.now(), actor
    request.save(update_fields=["opinion", "responded_at", "responded_by", "updated_at"])
    meet_obligation(kind="strategy_opinion", subject=request, actor=actor)
    return request

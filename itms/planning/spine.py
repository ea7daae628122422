"""Chapter 3's steps on the project page: pre-review, plan, impact reviews, EA review, council, detailed plan.

A step not yet done carries the button to the cycle's start view when the user may start it, and otherwise says
who owes it; each shows the deadline it works to (itms.regulation.due).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from itms.core.formats import format_date
from itms.core.gate import allows
from itms.projects.choices import ProjectStage
from itms.projects.spine import Step, StepAction, register_steps
from itms.projects.stage import ORDER, register_stage_source
from itms.regulation.due import current, head_title, obligations_of, owner_text, record_key

from . import actions, cycles
from .models import DetailedPlan, PlanningCycle, PlanState, PreReview, ProjectPlan


def planning_steps(project, user) -> list[Step]:
    records = {
        model: model.objects.filter(project=project).select_related("cycle").order_by("-cycle__year").first()
        for model in (PreReview, ProjectPlan, DetailedPlan)
    }
    pre, plan, detailed = records[PreReview], records[ProjectPlan], records[DetailedPlan]
    line = _Line(project, user, [r for r in records.values() if r is not None])
    steps = [line.step("사전검토 (제8조제1항·제2항)", pre, ("a8.1", "a8.2"), {"reviewed"}, START["pre_review"])]
    steps.append(
        line.step(
            "사업계획서·영향도 검토·EA 검토 (제8조제3항~제7항)",
            plan,
            ("a8.3", "a8.4", "a8.5", "a8.6"),
            {"approved"},
            START["plan"],
        )
    )
    if plan is not None:
        reviews = list(plan.impact_reviews.select_related("it_unit"))
        if reviews:
            replied = sum(r.state != "requested" for r in reviews)
            steps.append(
                Step(
                    f"영향도 검토 회신 {replied}/{len(reviews)}",
                    "done" if replied == len(reviews) else "current",
                    clause_ids=("a8.5",),
                )
            )
        if plan.state in ("approved", "rejected", "on_hold") and plan.decided_at:
            detail = f"우선순위 {plan.priority_rank or '-'}, 조정 예산 {plan.approved_budget or 0:,}원"
            steps.append(
                Step(
                    f"실무협의회 심의: {plan.get_state_display()}",
                    "done" if plan.state == "approved" else "blocked",
                    detail=detail,
                    clause_ids=("a8.8",),
                )
            )
    steps.append(
        line.step("세부 사업계획 (제9조)", detailed, ("a9.1", "a9.2", "a9.4"), {"approved"}, START["detailed"])
    )
    return steps


@dataclass(frozen=True)
class _Start:
    """How a missing record is started: the cycle's start view (planning:cycle_start) and the deadline it meets."""

    what: str  # the start view's slug
    label: str
    kind: str  # the cycle obligation it answers (actions.CYCLE_OBLIGATIONS)
    one_click: bool = True  # the detailed plan needs its figures: a link to the form on the cycle's page instead


START = {
    "pre_review": _Start("pre-review", "사전검토 의뢰서 작성", "pre_review_request"),
    "plan": _Start("plan", "사업계획서 작성", "plan_submission"),
    "detailed": _Start("detailed", "세부계획 작성", "detailed_plan_submission", one_click=False),
}


class _Line:
    """What the steps of one project page share: its cycle, its deadlines (one query), whether the user may start."""

    def __init__(self, project, user, records):
        self.project, self.user = project, user
        self.cycle = PlanningCycle.objects.filter(year=project.start_year).first()
        self.obligations = obligations_of([project, *records], user)
        self._may_start = None

    @property
    def may_start(self) -> bool:
        """The start views' own test (views.start, actions._require_sponsor_or_it_planning) through the gate."""
        if self._may_start is None:
            self._may_start = allows(self.user, "change", self.project) and (
                actions.is_sponsor(self.user, self.project) or actions.is_it_planning(self.user)
            )
        return self._may_start

    def cycle_obligation(self, kind: str):
        if self.cycle is None:
            return None
        key = f"cycle-{self.cycle.year}"
        found = [o for o in self.obligations.get(record_key(self.project), ()) if o.kind == kind and o.key == key]
        return current(found) or (found[0] if found else None)

    def step(self, label, record, clause_ids, done, start: _Start) -> Step:
        if record is None:
            return self.missing(label, clause_ids, start)
        workflow = type(record).workflow
        state = workflow.state_of(record)
        if state in done:
            return Step(label, "done", record.get_absolute_url(), workflow.state_label(record), clause_ids)
        statuses = workflow.statuses(record, self.user)
        blocking = [guard for status in statuses for guard in status.blocking]
        step = Step(
            label,
            "blocked" if state == "on_hold" else "current",
            record.get_absolute_url(),
            workflow.state_label(record),
            clause_ids,
            blocking,
            due=current(self.obligations.get(record_key(record))),
        )
        if not any(status.allowed for status in statuses):
            # The user cannot take the next step: say who can (the deadline's owner, else the transition's actor).
            who = {status.transition.who() for status in statuses}
            step.owner = owner_text(step.due) if step.due else "·".join(sorted(who))
        return step

    def missing(self, label, clause_ids, start: _Start) -> Step:
        step = Step(label, "pending", detail="아직 작성하지 않음", clause_ids=clause_ids)
        year = self.project.start_year
        if self.cycle is None or self.cycle.opened_at is None:
            step.note = f"{year}년도 계획 주기는 {format_date(cycles.opening_date(year))}에 열립니다."
            return step
        step.due = self.cycle_obligation(start.kind)
        if (
            step.due is None
            and start.kind == "pre_review_request"
            and not cycles.joinable(self.cycle)
            and not cycles.enrolled(self.cycle, self.project)  # (a deadline the user may not see is still one)
        ):
            # Registered after the a8.1 deadline of its year: no deadline was made for it (cycles.py). Say so.
            step.note = (
                f"{year}년도 주기의 사전검토 의뢰 기한({format_date(cycles.pre_review_deadline(year))})이 지났습니다. "
                f"지금 의뢰하면 늦은 의뢰가 되고, {cycles.next_joinable_year()}년 시작 사업으로 바꾸면 그 해 주기에 "
                "기한 안에 들어갑니다 (제8조제1항)."
            )
        if self.may_start:
            if start.one_click:
                url = reverse("planning:cycle_start", args=[self.cycle.pk, start.what])
                step.actions.append(StepAction(start.label, url, {"project": self.project.pk}))
            else:
                step.actions.append(StepAction(start.label, self.cycle.get_absolute_url() + "#start", method="get"))
        else:
            step.owner = owner_text(step.due) if step.due else head_title(self.project.sponsor_unit)
        return step


register_steps(30, planning_steps)


# --- the project's stage (itms.projects.stage): what Chapter 3's records prove ----------------------------------
_PLAN_STAGES = {
    PlanState.IMPACT_REVIEW: ProjectStage.PLAN,
    PlanState.EA_REVIEW: ProjectStage.PLAN,
    PlanState.COUNCIL: ProjectStage.PLAN,
    PlanState.ON_HOLD: ProjectStage.ON_HOLD,
    PlanState.APPROVED: ProjectStage.DELIBERATED,
}


def planning_stage(project) -> str | None:
    """The furthest step Chapter 3's records prove, over all the project's cycles: an approved detailed plan,
    a decided plan, a submitted plan, a submitted pre-review. A draft or rejected plan proves nothing."""
    found = []
    if DetailedPlan.objects.filter(project=project, state="approved").exists():
        found.append(ProjectStage.DETAILED_PLAN)
    for state in ProjectPlan.objects.filter(project=project).values_list("state", flat=True):
        if state in _PLAN_STAGES:
            found.append(_PLAN_STAGES[state])
    if PreReview.objects.filter(project=project, state__in=("submitted", "reviewed")).exists():
        found.append(ProjectStage.PRE_REVIEW)
    return max(found, key=ORDER.index, default=None)


register_stage_source(planning_stage)

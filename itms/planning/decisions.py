"""The council's resolutions on plans (a8.8, a9.4), applied through the workflow engine.

A resolution moves the plan by one of its internal transitions (``council_approve`` …), which only this
handler takes: the engine checks the plan's state and guards, records the chained TRANSITION event and lets
the project's stage follow. A plan on hold (a8.7) cannot be decided until the 정보기획담당관 lifts the hold:
the resolution is refused and nothing is recorded.
"""

from __future__ import annotations

from itms.core.errors import Refused
from itms.governance.actions import register_resolution_handler
from itms.governance.choices import ResolutionEffect

from .error_codes import PlanningErrors
from .models import DetailedPlan, PlanState, ProjectPlan

APPROVING = (ResolutionEffect.APPROVE, ResolutionEffect.APPROVE_ADJUSTED)


def _transition_for_plan(resolution) -> str:
    if resolution.effect in APPROVING and resolution.outcome == "passed":
        return "council_approve"
    if resolution.effect == ResolutionEffect.HOLD:
        return "council_hold"
    return "council_reject"


def apply_to_plan(resolution) -> None:
    """Approve (with priority and adjusted budget), hold or reject the plan."""
    plan = ProjectPlan.objects.get(pk=resolution.item.subject_id)
    if plan.state == PlanState.ON_HOLD:
        raise Refused(PlanningErrors.HELD)
    ProjectPlan.workflow.execute(
        plan,
        _transition_for_plan(resolution),
        actor=resolution.recorded_by,
        data={"resolution": resolution},
        internal=True,
    )


def apply_to_detailed_plan(resolution) -> None:
    """Confirm the detailed plan, or send it back to the 정보기획담당관 for another adjustment."""
    plan = DetailedPlan.objects.get(pk=resolution.item.subject_id)
    approved = resolution.effect in APPROVING and resolution.outcome == "passed"
    DetailedPlan.workflow.execute(
        plan,
        "council_approve" if approved else "council_return",
        actor=resolution.recorded_by,
        data={"resolution": resolution},
        internal=True,
    )


register_resolution_handler("planning.projectplan", apply_to_plan)
register_resolution_handler("planning.detailedplan", apply_to_detailed_plan)

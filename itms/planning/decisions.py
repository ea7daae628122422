"""The council's resolutions on plans (a8.8, a9.4), applied to the plan they decide."""

from __future__ import annotations

from django.utils import timezone

from itms.audit.chain import record_event
from itms.audit.models import LegalEventKind
from itms.governance.actions import register_resolution_handler
from itms.governance.choices import ResolutionEffect
from itms.projects.choices import ProjectStage

from .models import DetailedPlan, PlanState, ProjectPlan

APPROVING = (ResolutionEffect.APPROVE, ResolutionEffect.APPROVE_ADJUSTED)


def apply_to_plan(resolution) -> None:
    """Approve (with priority and adjusted budget), hold or reject the plan; the project's stage follows."""
    plan = ProjectPlan.objects.select_for_update(no_key=True).get(pk=resolution.item.subject_id)
    before = plan.state
    if resolution.effect in APPROVING and resolution.outcome == "passed":
        plan.state = PlanState.APPROVED
        plan.priority_rank = resolution.priority_rank
        plan.approved_budget = (
            resolution.adjusted_budget if resolution.adjusted_budget is not None else plan.project.total_budget
        )
        plan.project.stage = ProjectStage.DELIBERATED
    elif resolution.effect == ResolutionEffect.HOLD:
        plan.state = PlanState.ON_HOLD
        plan.hold_reason = resolution.remarks or "실무협의회 심의 결과 보류"
        plan.project.stage = ProjectStage.ON_HOLD
    else:
        plan.state = PlanState.REJECTED
    plan.decided_at = timezone.now()
    plan.save(update_fields=["state", "priority_rank", "approved_budget", "hold_reason", "decided_at", "updated_at"])
    plan.project.save(update_fields=["stage", "updated_at"])
    _chain(resolution, plan, before)


def apply_to_detailed_plan(resolution) -> None:
    plan = DetailedPlan.objects.select_for_update(no_key=True).get(pk=resolution.item.subject_id)
    before = plan.state
    if resolution.effect in APPROVING and resolution.outcome == "passed":
        plan.state = "approved"
        plan.project.stage = ProjectStage.DETAILED_PLAN
        plan.project.save(update_fields=["stage", "updated_at"])
    else:
        plan.state = "reviewed"  # back to the 정보기획담당관 for another adjustment
    plan.save(update_fields=["state", "updated_at"])
    _chain(resolution, plan, before)


def _chain(resolution, record, before: str) -> None:
    record_event(
        kind=LegalEventKind.TRANSITION,
        actor=resolution.recorded_by,
        subject=record,
        summary=f"실무협의회 의결 반영: {record} ({before} → {record.state})",
        payload={
            "resolution": resolution.pk,
            "effect": resolution.effect,
            "from": before,
            "to": record.state,
            "priority_rank": resolution.priority_rank,
            "adjusted_budget": resolution.adjusted_budget,
        },
        clause_ids=["a8.8"] if isinstance(record, ProjectPlan) else ["a9.4"],
        pack_version=resolution.pack_version,
    )


register_resolution_handler("planning.projectplan", apply_to_plan)
register_resolution_handler("planning.detailedplan", apply_to_detailed_plan)

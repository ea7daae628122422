"""The 과업심의위원회's resolutions on changes of scope (a13.3, SW진흥법 제50조), applied through the engine.

A passed resolution confirms the change: the contract's amount and period and the requirement table change and a
new contract version is kept (``committee_approve``); otherwise the change is rejected. Only this handler takes
those internal transitions.
"""

from __future__ import annotations

from itms.governance.actions import register_resolution_handler
from itms.governance.choices import ResolutionEffect

from .models import ChangeRequest

APPROVING = (ResolutionEffect.APPROVE, ResolutionEffect.APPROVE_ADJUSTED)


def apply_to_change(resolution) -> None:
    change = ChangeRequest.objects.get(pk=resolution.item.subject_id)
    approved = resolution.effect in APPROVING and resolution.outcome == "passed"
    ChangeRequest.workflow.execute(
        change,
        "committee_approve" if approved else "committee_reject",
        actor=resolution.recorded_by,
        data={"resolution": resolution.pk},
        internal=True,
    )


register_resolution_handler("execution.changerequest", apply_to_change)

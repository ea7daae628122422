"""The 실무협의회's or 위원회's resolutions on a maintenance request the departments could not agree on (a25.6),
applied through the engine: a passed resolution adopts the IT department's proposal (adjust and maintain, or carry
out as an 정보화사업, a25.3); otherwise the IT department reviews the request again. Only this handler takes those
internal transitions."""

from __future__ import annotations

from itms.governance.actions import register_resolution_handler
from itms.governance.choices import ResolutionEffect

from .choices import Proposal
from .models import MaintenanceRequest

APPROVING = (ResolutionEffect.APPROVE, ResolutionEffect.APPROVE_ADJUSTED)


def apply_to_request(resolution) -> None:
    request = MaintenanceRequest.objects.get(pk=resolution.item.subject_id)
    adopted = resolution.effect in APPROVING and resolution.outcome == "passed"
    if not adopted:
        name = "council_return"
    elif request.proposal == Proposal.CONVERT:
        name = "council_convert"
    else:
        name = "council_adjust"
    MaintenanceRequest.workflow.execute(
        request, name, actor=resolution.recorded_by, data={"resolution": resolution.pk}, internal=True
    )


register_resolution_handler("operations.maintenancerequest", apply_to_request)

"""하자 접수 after the handover (a23.1): a 하자 is fixed by the contractor under its defect liability; a 요구변경
is not a 하자 and goes to the sponsoring department's maintenance request for the system (a25.1)."""

from __future__ import annotations

from django.db import transaction

from itms.core import gate, registry
from itms.core.errors import Forbidden, Refused
from itms.core.formats import format_date

from ..choices import DefectKind
from ..error_codes import ExecutionErrors as E
from ..models import Defect
from .common import is_sponsor


def may_transfer(user, defect: Defect) -> bool:
    """Whether the button shows: a change not yet passed on, of a handed-over system, for its sponsor."""
    return (
        defect.kind == DefectKind.CHANGE
        and defect.maintenance_request_id is None
        and defect.contract.system_id is not None
        and is_sponsor(user, defect.contract.project)
    )


@transaction.atomic
def to_maintenance_request(*, actor, defect: Defect):
    """Files a draft maintenance request for the handed-over system in the sponsoring department's name, through
    the operations app's own form and write gate; the department completes and sends it up (a25.1)."""
    from itms.operations.models import MaintenanceRequest

    defect = (
        Defect.objects.select_for_update(of=("self",))
        .select_related("contract__project", "contract__system")
        .get(pk=defect.pk)
    )
    if defect.kind != DefectKind.CHANGE:
        raise Refused(E.DEFECT_IS_DEFECT)
    if defect.maintenance_request_id:
        raise Refused(E.DEFECT_TRANSFERRED, request=defect.maintenance_request)
    contract = defect.contract
    if contract.system_id is None:
        raise Refused(E.DEFECT_NO_SYSTEM)
    object_type = registry.get(MaintenanceRequest)
    if not is_sponsor(actor, contract.project) or not actor.has_perm(object_type.permission("add")):
        raise Forbidden(E.DEFECT_WHO)
    form = object_type.form(
        data={
            "title": defect.title,
            "description": defect.description or defect.title,
            "reason": (
                f"{contract} 하자담보 기간 중 {format_date(defect.reported_on)}에 접수한 요구변경입니다. 합의된 "
                "요구사항의 미충족(하자)이 아니라 새 기능·변경이므로 유지관리로 요청합니다 (제23조제1항, 제25조제1항)."
            ),
            "system": contract.system_id,
            "urgency": "normal",
            "requesting_unit": contract.project.sponsor_unit_id,
        }
    )
    if not form.is_valid():
        raise Refused(E.DEFECT_REQUEST, errors="; ".join(" ".join(e) for e in form.errors.values()))
    request = form.save(commit=False)
    request.requested_by = actor
    request.save()
    form.save_m2m()
    gate.require_saved_in_scope(actor, object_type, "add", request)
    defect.maintenance_request = request
    defect.save(update_fields=["maintenance_request", "updated_at"])
    return request

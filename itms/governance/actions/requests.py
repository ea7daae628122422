"""지능정보화책임관의 조치 요구 (a3.4)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from itms.accounts.directory import holds
from itms.accounts.roles import Role
from itms.core.errors import Forbidden, Refused
from itms.regulation.obligations import meet_obligation, open_obligation

from ..error_codes import GovernanceErrors as E
from ..models import CIORequest, CIORequestRecipient


@transaction.atomic
def create_cio_request(*, actor, title: str, content: str, due_date: dt.date, units) -> CIORequest:
    """The CIO requires bureau or agency heads to take a measure by a date; each owes an answer.

    The CIO is whoever exercises the position that day (a3.2): during a 직무대행 the acting official, not the
    regular holder (``itms.accounts.directory``).
    """
    if not (holds(actor, Role.CIO) or actor.is_superuser):
        raise Forbidden(E.CIO_ONLY)
    units = list(units)
    if not units:
        raise Refused(E.CIO_UNITS, field="units")
    if due_date <= timezone.localdate():
        raise Refused(E.CIO_DUE, field="due_date")
    if not title.strip() or not content.strip():
        raise Refused(E.CIO_TEXT)
    request = CIORequest.objects.create(title=title, content=content, due_date=due_date, requested_by=actor)
    for unit in units:
        recipient = CIORequestRecipient.objects.create(request=request, unit=unit)
        open_obligation(
            kind="cio_request_response",
            subject=recipient,
            owed_by_unit=unit,
            owed_to_role=Role.CIO,
            due=due_date,
            actor=actor,
            explanation="지능정보화책임관이 정한 조치 기한",
            title=f"조치 요구 이행: {title} ({unit.name})",
        )
    return request


@transaction.atomic
def answer_cio_request(*, actor, recipient: CIORequestRecipient, response: str, special_reason: str = ""):
    """The head of the unit answers: the measure taken, or the special reason for not following (a3.4)."""
    recipient = CIORequestRecipient.objects.select_for_update(no_key=True).get(pk=recipient.pk)
    if not (holds(actor, Role.DEPARTMENT_HEAD, recipient.unit) or actor.is_superuser):
        raise Forbidden(E.CIO_ANSWER_WHO)
    if recipient.responded_at:
        raise Refused(E.CIO_ANSWERED)
    recipient.response, recipient.special_reason = response.strip(), special_reason.strip()
    recipient.responded_at, recipient.responded_by = timezone.now(), actor
    recipient.full_clean()
    recipient.save()
    meet_obligation(kind="cio_request_response", subject=recipient, actor=actor, note=response[:200])
    return recipient

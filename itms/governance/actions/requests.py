"""지능정보화책임관의 조치 요구 (a3.4)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from itms.accounts.directory import holds
from itms.accounts.roles import Role
from itms.regulation.obligations import meet_obligation, open_obligation

from ..models import CIORequest, CIORequestRecipient


@transaction.atomic
def create_cio_request(*, actor, title: str, content: str, due_date: dt.date, units) -> CIORequest:
    """The CIO requires bureau or agency heads to take a measure by a date; each owes an answer."""
    if not (holds(actor, Role.CIO) or actor.is_superuser):
        raise PermissionDenied("조치 요구는 지능정보화책임관이 합니다 (제3조제4항).")
    units = list(units)
    if not units:
        raise ValidationError({"units": "받는 부서·기관을 하나 이상 고르십시오."})
    if due_date <= timezone.localdate():
        raise ValidationError({"due_date": "조치 기한은 오늘 이후여야 합니다."})
    if not title.strip() or not content.strip():
        raise ValidationError("요구 사항과 내용을 입력하십시오.")
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
        raise PermissionDenied("받는 부서·기관의 장만 회신할 수 있습니다.")
    if recipient.responded_at:
        raise ValidationError("이미 회신했습니다.")
    recipient.response, recipient.special_reason = response.strip(), special_reason.strip()
    recipient.responded_at, recipient.responded_by = timezone.now(), actor
    recipient.full_clean()
    recipient.save()
    meet_obligation(kind="cio_request_response", subject=recipient, actor=actor, note=response[:200])
    return recipient

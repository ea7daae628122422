"""Minutes: generated from the record, confirmed by the chair, locked with their hash (a4.9)."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from itms.audit.chain import record_event
from itms.audit.models import LegalEventKind
from itms.core.errors import Forbidden, Refused

from ..choices import MeetingState, MinutesState
from ..documents import minutes_content, minutes_hwpx, minutes_pdf
from ..error_codes import GovernanceErrors as E
from ..models import Meeting, Minutes
from ..seats import is_secretariat, presides


@transaction.atomic
def generate_minutes(*, actor, meeting: Meeting) -> Minutes:
    """(Re)writes the draft from the record; a confirmed or locked record is never rewritten."""
    if not is_secretariat(actor, meeting.body, meeting.meeting_date):
        raise Forbidden(E.MINUTES_WHO)
    if meeting.state != MeetingState.CLOSED:
        raise Refused(E.MINUTES_NOT_CLOSED)
    minutes, _ = Minutes.objects.select_for_update(no_key=True).get_or_create(meeting=meeting)
    if minutes.state != MinutesState.DRAFT:
        raise Refused(E.MINUTES_CONFIRMED)
    content = minutes_content(meeting)
    stem = f"minutes-{meeting.body_id}-{meeting.number}"
    minutes.content = content
    minutes.pdf.save(f"{stem}.pdf", ContentFile(minutes_pdf(content)), save=False)
    minutes.hwpx.save(f"{stem}.hwpx", ContentFile(minutes_hwpx(content)), save=False)
    minutes.save()
    return minutes


def confirm(minutes: Minutes, ctx) -> None:
    minutes.confirmed_by = ctx["actor"]
    minutes.confirmed_at = timezone.now()
    minutes.save(update_fields=["confirmed_by", "confirmed_at", "updated_at"])


def lock(minutes: Minutes, ctx) -> None:
    """Fixes the documents' hash and chains it: any later change to the files is detectable."""
    pdf, hwpx = _read(minutes.pdf), _read(minutes.hwpx)
    minutes.sha256 = hashlib.sha256(pdf).hexdigest()
    minutes.locked_at = timezone.now()
    minutes.save(update_fields=["sha256", "locked_at", "updated_at"])
    record_event(
        kind=LegalEventKind.DOCUMENT_SIGNED,
        actor=ctx["actor"],
        subject=minutes,
        summary=f"회의록 확정: {minutes.meeting}",
        payload={
            "pdf_sha256": minutes.sha256,
            "hwpx_sha256": hashlib.sha256(hwpx).hexdigest(),
            "confirmed_by": minutes.confirmed_by_id,
        },
        clause_ids=["a4.9"],
    )


def _read(field) -> bytes:
    field.open("rb")
    try:
        return field.read()
    finally:
        field.close()


def may_confirm(user, minutes: Minutes) -> bool:
    return presides(user, minutes.meeting) or user.is_superuser


def may_lock(user, minutes: Minutes) -> bool:
    return is_secretariat(user, minutes.meeting.body, minutes.meeting.meeting_date)


def files_present(minutes: Minutes, ctx) -> bool:
    return bool(minutes.pdf and minutes.hwpx)

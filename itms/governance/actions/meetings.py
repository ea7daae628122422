"""Convening meetings, agenda, participants, attendance, acting chair (a4.6, a4.7, a4.10, a5.3, a5.5, a5.6)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from itms.accounts.directory import unit_with_descendants, units_of
from itms.accounts.models import UserKind
from itms.accounts.roles import Role
from itms.regulation.obligations import open_obligation
from itms.regulation.rules import RuleNotFound

from ..choices import AttendanceStatus, BodyKind, MeetingMode, MeetingState
from ..models import AgendaItem, Attendance, Body, Meeting, MeetingParticipant, Membership
from ..seats import is_chair, is_secretariat

EDITABLE_STATES = (MeetingState.CONVENED, MeetingState.DISTRIBUTED)


def _require_secretariat(actor, body: Body, on: dt.date | None = None) -> None:
    if not is_secretariat(actor, body, on):
        raise PermissionDenied("이 위원회·협의회의 위원장 또는 간사만 할 수 있습니다.")


@transaction.atomic
def convene_meeting(
    *,
    actor,
    body: Body,
    scheduled_at: dt.datetime,
    title: str = "",
    place: str = "",
    mode: str = MeetingMode.IN_PERSON,
    on_members_request: bool = False,
    request_note: str = "",
    written_reason: str = "",
    voting_closes_at: dt.datetime | None = None,
) -> Meeting:
    """The chair convenes, or convenes at the members' request (a4.6; a5.6 for the council).

    For the committee, distributing the agenda at least N days before (a4.10) becomes an
    obligation of the secretary, due on the date the rule pack gives.
    """
    day = timezone.localtime(scheduled_at).date()
    _require_secretariat(actor, body, day)
    if not body.is_active:
        raise ValidationError("운영하지 않는 위원회·협의회입니다.")
    if on_members_request and not request_note.strip():
        raise ValidationError({"request_note": "위원의 소집 요구 내용을 적어야 합니다 (제4조제6항)."})
    # Numbers are handed out one at a time. NO KEY UPDATE: the new meetings' foreign-key checks
    # (FOR KEY SHARE on the body) must not wait for this lock while their transaction holds the chain head.
    Body.objects.select_for_update(no_key=True).get(pk=body.pk)
    number = (body.meetings.aggregate(n=Max("number"))["n"] or 0) + 1
    meeting = Meeting(
        body=body,
        number=number,
        title=title or f"{body.name} 제{number}차 회의",
        mode=mode,
        scheduled_at=scheduled_at,
        place=place,
        convened_by=body.chair_on(day) or actor,
        on_members_request=on_members_request,
        request_note=request_note,
        written_reason=written_reason,
        voting_closes_at=voting_closes_at,
    )
    meeting.full_clean()
    meeting.save()
    if body.kind == BodyKind.COMMITTEE and mode == MeetingMode.IN_PERSON:
        try:
            open_obligation(
                kind="agenda_distribution",
                subject=meeting,
                start=day,
                actor=actor,
                owed_by_role=Role.COMMITTEE_SECRETARY,
                title=f"회의 안건 배포: {meeting}",
            )
        except RuleNotFound as error:  # a date before the earliest rule pack: no deadline can be set
            raise ValidationError(
                {"scheduled_at": f"{error} 안건 배포 기한(제4조제10항)을 정할 수 없어 소집할 수 없습니다."}
            ) from error
    return meeting


def lock_meeting(pk: int) -> Meeting:
    """Locks the meeting row as the workflow does: FOR NO KEY UPDATE, the first lock of every meeting action.

    NO KEY UPDATE serialises the actions on one meeting but leaves FOR KEY SHARE free, which is what the
    foreign-key checks of rows pointing at the meeting take (items, attendance, minutes). A FOR UPDATE here
    deadlocked on PostgreSQL with a transaction that held the chain head and checked such a key at COMMIT.
    """
    return Meeting.objects.select_for_update(no_key=True).get(pk=pk)


def meeting_obligations(meeting: Meeting):
    from django.contrib.contenttypes.models import ContentType

    from itms.regulation.models import Obligation

    return Obligation.objects.open().filter(
        subject_type=ContentType.objects.get_for_model(Meeting), subject_id=meeting.pk
    )


@transaction.atomic
def add_agenda_item(
    *,
    actor,
    meeting: Meeting,
    kind: str,
    title: str,
    description: str = "",
    subject=None,
    proposing_unit=None,
    escalated_from: AgendaItem | None = None,
) -> AgendaItem:
    _require_secretariat(actor, meeting.body, meeting.meeting_date)
    # Numbers are handed out one at a time; the state is read under the lock (the meeting may just have opened).
    if lock_meeting(meeting.pk).state not in EDITABLE_STATES:
        raise ValidationError("안건은 회의를 열기 전에만 추가할 수 있습니다.")
    number = (meeting.items.aggregate(n=Max("number"))["n"] or 0) + 1
    item = AgendaItem(
        meeting=meeting,
        number=number,
        kind=kind,
        title=title,
        description=description,
        subject=subject,
        proposing_unit=proposing_unit,
        escalated_from=escalated_from,
    )
    item.full_clean(exclude=["subject_type", "subject_id"])
    item.save()
    if meeting.agenda_distributed_at:
        # An item added after distribution is a late distribution of that item: recorded, not hidden (a4.10).
        meeting.agenda_distribution_late = meeting.agenda_distribution_late or _distribution_late(meeting)
        meeting.save(update_fields=["agenda_distribution_late", "updated_at"])
    return item


def distribution_due(meeting: Meeting) -> dt.date | None:
    """The a4.10 deadline of this meeting (from its obligation, open or already met)."""
    from django.contrib.contenttypes.models import ContentType

    from itms.regulation.models import Obligation

    obligation = (
        Obligation.objects.filter(
            kind="agenda_distribution", subject_id=meeting.pk, subject_type=ContentType.objects.get_for_model(Meeting)
        )
        .order_by("-pk")
        .first()
    )
    return obligation.due_date if obligation else None


def _distribution_late(meeting: Meeting) -> bool:
    due = distribution_due(meeting)
    return due is not None and timezone.localdate() > due


@transaction.atomic
def set_participants(*, actor, meeting: Meeting, memberships: list[Membership]) -> None:
    """The council chair decides which members take part according to the agenda (a5.6)."""
    if not (
        is_chair(actor, meeting.body, meeting.meeting_date)
        or actor.is_superuser
        or is_secretariat(actor, meeting.body, meeting.meeting_date)
    ):
        raise PermissionDenied("참석 위원의 범위는 위원장이 정합니다 (제5조제6항).")
    if meeting.state not in EDITABLE_STATES:
        raise ValidationError("회의를 열기 전에만 참석 범위를 정할 수 있습니다.")
    eligible = set(meeting.body.memberships.active_on(meeting.meeting_date).voting().values_list("pk", flat=True))
    chosen = {m.pk for m in memberships}
    if not chosen or not chosen <= eligible:
        raise ValidationError("참석 범위는 이 기구의 의결권 있는 현재 위원 중에서 한 명 이상 골라야 합니다.")
    forget_counts(meeting)
    meeting.participants.all().delete()
    MeetingParticipant.objects.bulk_create(MeetingParticipant(meeting=meeting, membership_id=pk) for pk in chosen)


@transaction.atomic
def record_attendance(
    *, actor, meeting: Meeting, membership: Membership, status: str, attendee=None, note: str = ""
) -> Attendance:
    """Present, absent or represented by a proxy (a4.7 subordinate official; a5.3/a5.7 staff member)."""
    _require_secretariat(actor, meeting.body, meeting.meeting_date)
    if meeting.state in (MeetingState.CLOSED, MeetingState.CANCELLED) or meeting.is_written:
        raise ValidationError("출석은 대면 회의가 끝나기 전에만 기록할 수 있습니다.")
    if membership.body_id != meeting.body_id:
        raise ValidationError("이 회의의 위원이 아닙니다.")
    member = membership.member_on(meeting.meeting_date)
    if status == AttendanceStatus.PROXY:
        if attendee is None:
            raise ValidationError({"attendee": "대리 출석자를 지정하십시오."})
        _check_proxy(meeting, membership, member, attendee)
    elif status == AttendanceStatus.PRESENT:
        attendee = member
    else:
        attendee = None
    forget_counts(meeting)
    attendance, _ = Attendance.objects.update_or_create(
        meeting=meeting,
        membership=membership,
        defaults={"status": status, "attendee": attendee, "note": note},
    )
    return attendance


def _check_proxy(meeting: Meeting, membership: Membership, member, attendee) -> None:
    if attendee.kind != UserKind.STAFF:
        raise ValidationError({"attendee": "대리 출석은 소속 공무원(직원)만 할 수 있습니다 (제4조제7항)."})
    if member is None:
        raise ValidationError({"attendee": "공석인 위원 자리는 대리 출석할 수 없습니다."})
    if attendee == member:
        raise ValidationError({"attendee": "본인은 대리인이 될 수 없습니다."})
    member_units = unit_with_descendants(units_of(member, meeting.meeting_date))
    if not units_of(attendee, meeting.meeting_date) & member_units:
        clause = "제5조제3항·제7항" if meeting.body.kind == BodyKind.COUNCIL else "제4조제7항"
        raise ValidationError({"attendee": f"대리 출석자는 위원의 소속 부서 직원이어야 합니다 ({clause})."})


@transaction.atomic
def name_acting_chair(*, actor, meeting: Meeting, membership: Membership | None) -> Meeting:
    """The chair names the member who acts for them (a4.7, a5.7)."""
    if not (is_chair(actor, meeting.body, meeting.meeting_date) or actor.is_superuser):
        raise PermissionDenied("직무대행은 위원장이 지명합니다 (제4조제7항).")
    if membership is not None and (membership.body_id != meeting.body_id or not membership.is_voting):
        raise ValidationError("직무대행은 이 기구의 위원 중에서 지명합니다.")
    forget_counts(meeting)
    meeting.acting_chair = membership
    meeting.save(update_fields=["acting_chair", "updated_at"])
    return meeting


def forget_counts(meeting: Meeting) -> None:
    """Drops the meeting's cached counts (votes._meeting_base) after a change to who is present."""
    meeting.__dict__.pop("_tally_base", None)


def chair_present(meeting: Meeting) -> bool:
    """The chair or the named acting chair is present in person (a4.7): someone presides."""
    present = {a.membership_id: a for a in meeting.attendance.select_related("attendee")}
    day = meeting.meeting_date
    chair = meeting.body.chair_on(day)
    if chair is not None and any(
        a.attendee_id == chair.pk and a.status == AttendanceStatus.PRESENT for a in present.values()
    ):
        return True
    if meeting.acting_chair_id and meeting.acting_chair_id in present:
        return present[meeting.acting_chair_id].status == AttendanceStatus.PRESENT
    return False

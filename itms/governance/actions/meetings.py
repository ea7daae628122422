"""Convening meetings, agenda, participants, attendance, acting chair (a4.6, a4.7, a4.8, a4.10, a5.3, a5.6)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from itms.accounts.directory import unit_with_descendants, units_of
from itms.accounts.models import UserKind
from itms.accounts.roles import Role
from itms.core.errors import Forbidden, Refused
from itms.core.formats import format_date
from itms.core.korean import josa
from itms.regulation.obligations import meet_obligation, open_obligation
from itms.regulation.rules import RuleNotFound

from ..choices import AttendanceStatus, BodyKind, MeetingMode, MeetingState, MembershipBasis
from ..error_codes import GovernanceErrors as E
from ..error_codes import for_body
from ..models import AgendaItem, Attendance, Body, ConveningDemand, Meeting, MeetingParticipant, Membership
from ..seats import is_chair, is_secretariat

EDITABLE_STATES = (MeetingState.CONVENED, MeetingState.DISTRIBUTED)
PRESENT_STATES = (AttendanceStatus.PRESENT, AttendanceStatus.PROXY)


def require_secretariat(actor, body: Body, what: str, on: dt.date | None = None) -> None:
    """The body's chair or secretary (a4.9, a5.2), or refused saying so: ``what`` is the act ("표결 시작")."""
    if not is_secretariat(actor, body, on):
        raise Forbidden(for_body(body, E.SECRETARIAT_ONLY, E.COUNCIL_SECRETARIAT_ONLY), what=josa(what, "은/는"))


def is_chair_seat(membership: Membership) -> bool:
    """The chair's own seat: marked as the chair's, or the chair position's seat (a4.1, a5.2)."""
    body = membership.body
    return membership.is_chair or bool(body.chair_position_id and membership.position_id == body.chair_position_id)


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
    demand: ConveningDemand | None = None,
) -> Meeting:
    """The chair convenes, on their own or on the members' demand (a4.6); the council's chair convenes (a5.6).

    The record says who convened (the chair on the day of convening, or the acting official), who entered it
    (the secretary, if not the chair) and, on a demand, which demand it answers; that demand's obligation is met.
    For the committee, distributing the agenda at least N days before (a4.10) becomes an obligation of the
    secretary, due on the date the rule pack gives (``short_notice_warning`` says when that date has passed).
    """
    today = timezone.localdate()
    day = timezone.localtime(scheduled_at).date()
    if not is_secretariat(actor, body, today):
        raise Forbidden(for_body(body, E.CONVENE_WHO, E.COUNCIL_CONVENE_WHO))
    if not body.is_active:
        raise Refused(E.BODY_INACTIVE)
    if demand is not None or on_members_request:
        if body.kind != BodyKind.COMMITTEE:
            raise Refused(E.DEMAND_NOT_FOR_BODY, body=body.name)
        if demand is None:
            raise Refused(E.DEMAND_REQUIRED, field="demand")
        demand = ConveningDemand.objects.select_for_update(no_key=True).get(pk=demand.pk)
        if demand.body_id != body.pk:
            raise Refused(E.DEMAND_OTHER_BODY, field="demand")
        existing = Meeting.objects.filter(convening_demand=demand).first()
        if existing is not None:
            raise Refused(E.DEMAND_ALREADY_CONVENED, field="demand", meeting=str(existing))
        if not demand.is_effective:
            from .demands import demand_threshold

            raise Refused(
                E.DEMAND_NOT_EFFECTIVE, field="demand", count=demand.signers.count(), needed=demand_threshold(body)
            )
        on_members_request = True
        request_note = request_note.strip() or demand.purpose[:300]
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
        convened_by=body.chair_on(today) or actor,
        recorded_by=actor,
        on_members_request=on_members_request,
        convening_demand=demand,
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
            raise Refused(E.NO_DISTRIBUTION_RULE, field="scheduled_at", error=str(error)) from error
    if demand is not None:
        meet_obligation(kind="convening_demand", subject=demand, actor=actor, note=f"{meeting} 소집")
    return meeting


def short_notice_warning(meeting: Meeting) -> str:
    """When the a4.10 deadline of a just-convened meeting is already today or past: the warning to show now."""
    due = distribution_due(meeting)
    today = timezone.localdate()
    if due is None or meeting.agenda_distributed_at is not None or due > today:
        return ""
    days = (meeting.meeting_date - today).days
    if due == today:
        return (
            f"회의일({format_date(meeting.meeting_date)})까지 {days}일 남았습니다. 안건은 오늘({format_date(due)})까지 "
            "배포해야 합니다 (제4조제10항)."
        )
    return (
        f"회의일({format_date(meeting.meeting_date)})까지 {days}일밖에 남지 않아 안건 배포 기한({format_date(due)})이 "
        "이미 지났습니다. 안건을 배포할 때 늦어진 사유를 적어야 하며, 배포는 '기한 후 이행'으로 기록됩니다 "
        "(제4조제10항)."
    )


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
    late_reason: str = "",
) -> AgendaItem:
    """Puts an item on the agenda (a4.9). Added after a late distribution, it is a late distribution of that
    item: the secretary gives the reason, and it is recorded as met after the deadline (a4.10)."""
    require_secretariat(actor, meeting.body, "안건 추가", meeting.meeting_date)
    # Numbers are handed out one at a time; the state is read under the lock (the meeting may just have opened).
    meeting = lock_meeting(meeting.pk)
    if meeting.state not in EDITABLE_STATES:
        raise Refused(E.AGENDA_CLOSED)
    late = meeting.agenda_distributed_at is not None and _distribution_late(meeting)
    if late and not late_reason.strip():
        raise Refused(E.LATE_ITEM_REASON_REQUIRED, field="late_reason", due=format_date(distribution_due(meeting)))
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
    if late:
        # The item reaches the members after the deadline: its own distribution is recorded, late, with the reason.
        meeting.agenda_distribution_late = True
        meeting.save(update_fields=["agenda_distribution_late", "updated_at"])
        key = f"item-{item.pk}"
        open_obligation(
            kind="agenda_distribution",
            subject=meeting,
            key=key,
            start=meeting.meeting_date,
            actor=actor,
            owed_by_role=Role.COMMITTEE_SECRETARY,
            title=f"회의 안건 배포 (추가 안건 {item}): {meeting}",
        )
        meet_obligation(
            kind="agenda_distribution",
            subject=meeting,
            key=key,
            actor=actor,
            note=f"추가 안건 배포 — 늦어진 사유: {late_reason.strip()}",
        )
    return item


def distribution_due(meeting: Meeting) -> dt.date | None:
    """The a4.10 deadline of this meeting (from its obligation, open or already met)."""
    from django.contrib.contenttypes.models import ContentType

    from itms.regulation.models import Obligation

    obligation = (
        Obligation.objects.filter(
            kind="agenda_distribution",
            subject_id=meeting.pk,
            subject_type=ContentType.objects.get_for_model(Meeting),
            key="",
        )
        .order_by("-pk")
        .first()
    )
    return obligation.due_date if obligation else None


def _distribution_late(meeting: Meeting) -> bool:
    due = distribution_due(meeting)
    return due is not None and timezone.localdate() > due


def sitting_seats(body: Body, on: dt.date) -> list[Membership]:
    """The voting seats of the body that somebody holds on ``on``, one per person (a vacant seat is no member, a4.8)."""
    return body.sitting_seats(on)


@transaction.atomic
def set_participants(*, actor, meeting: Meeting, memberships: list[Membership]) -> None:
    """The council chair decides which members take part according to the agenda (a5.6): they are registered.

    Only the council has this power; the committee's registered members are all its members (a4.8).
    """
    if meeting.body.kind != BodyKind.COUNCIL:
        raise Refused(E.PARTICIPANTS_COUNCIL_ONLY, body=meeting.body.name)
    if not (
        is_chair(actor, meeting.body, meeting.meeting_date) or is_secretariat(actor, meeting.body, meeting.meeting_date)
    ):
        raise Forbidden(E.PARTICIPANTS_WHO)
    meeting = lock_meeting(meeting.pk)
    if meeting.state not in EDITABLE_STATES:
        raise Refused(E.PARTICIPANTS_CLOSED)
    eligible = {seat.pk for seat in sitting_seats(meeting.body, meeting.meeting_date)}
    chosen = {m.pk for m in memberships}
    if not chosen or not chosen <= eligible:
        raise Refused(E.PARTICIPANTS_CHOICE, field="memberships")
    forget_counts(meeting)
    meeting.participants.all().delete()
    MeetingParticipant.objects.bulk_create(MeetingParticipant(meeting=meeting, membership_id=pk) for pk in chosen)


@transaction.atomic
def record_attendance(
    *, actor, meeting: Meeting, membership: Membership, status: str, attendee=None, note: str = ""
) -> Attendance:
    """Present, absent or represented by a proxy (a4.7 subordinate official; a5.3/a5.7 staff member).

    Only a person is present: a seat nobody holds on the meeting date is not a registered member and cannot
    be recorded (a4.8). The chair's seat takes no proxy: when the chair cannot act, the member the chair named
    presides (a4.7). One person attends and votes for one seat only, so nobody is counted twice.
    """
    require_secretariat(actor, meeting.body, "출석 기록", meeting.meeting_date)
    meeting = lock_meeting(meeting.pk)
    if meeting.state in (MeetingState.CLOSED, MeetingState.CANCELLED) or meeting.is_written:
        raise Refused(E.ATTENDANCE_CLOSED)
    if membership.body_id != meeting.body_id:
        raise Refused(E.ATTENDANCE_NOT_SEAT)
    day = meeting.meeting_date
    member = membership.member_on(day)
    registered = meeting.registered_memberships().filter(pk=membership.pk).exists()
    adviser = (
        membership.basis == MembershipBasis.ADVISER
        and meeting.body.memberships.active_on(day).filter(pk=membership.pk).exists()
    )
    if member is None:
        raise Refused(E.VACANT_SEAT, seat=membership.holder_label(day))
    if not (registered or adviser):
        raise Refused(E.ATTENDANCE_NOT_SEAT)
    if status == AttendanceStatus.PROXY:
        if attendee is None:
            raise Refused(E.PROXY_REQUIRED, field="attendee")
        if adviser:
            raise Refused(E.PROXY_STAFF_ONLY, field="attendee")
        if is_chair_seat(membership):
            raise Refused(E.PROXY_FOR_CHAIR, field="attendee")
        _check_proxy(meeting, membership, member, attendee)
    elif status == AttendanceStatus.PRESENT:
        attendee = member
    else:
        attendee = None
    if attendee is not None:
        elsewhere = (
            Attendance.objects.filter(meeting=meeting, attendee=attendee, status__in=PRESENT_STATES)
            .exclude(membership=membership)
            .select_related("membership__position", "membership__user")
            .first()
        )
        if elsewhere is not None:
            raise Refused(
                E.ONE_SEAT_PER_PERSON,
                field="attendee",
                person=josa(attendee.name, "은/는"),
                seat=elsewhere.membership.holder_label(day),
            )
    forget_counts(meeting)
    attendance, _ = Attendance.objects.update_or_create(
        meeting=meeting,
        membership=membership,
        defaults={"status": status, "attendee": attendee, "note": note},
    )
    return attendance


def _check_proxy(meeting: Meeting, membership: Membership, member, attendee) -> None:
    if attendee.kind != UserKind.STAFF:
        raise Refused(E.PROXY_STAFF_ONLY, field="attendee")
    if attendee == member:
        raise Refused(E.PROXY_SELF, field="attendee")
    member_units = unit_with_descendants(units_of(member, meeting.meeting_date))
    if not units_of(attendee, meeting.meeting_date) & member_units:
        raise Refused(for_body(meeting.body, E.PROXY_UNIT, E.COUNCIL_PROXY_UNIT), field="attendee")


@transaction.atomic
def name_acting_chair(*, actor, meeting: Meeting, membership: Membership | None) -> Meeting:
    """The chair names the member who acts for them (a4.7, a5.7): another member who sits on the meeting date.

    The acting chair presides with their own seat and vote; the absent chair's seat stays absent.
    """
    if not (is_chair(actor, meeting.body, meeting.meeting_date) or actor.is_superuser):
        raise Forbidden(E.ACTING_CHAIR_WHO)
    meeting = lock_meeting(meeting.pk)
    if meeting.state in (MeetingState.CLOSED, MeetingState.CANCELLED):
        raise Refused(E.ACTING_CHAIR_CLOSED)
    if membership is not None:
        if membership.body_id != meeting.body_id or not membership.is_voting:
            raise Refused(E.ACTING_CHAIR_MEMBER, field="membership")
        if is_chair_seat(membership):
            raise Refused(E.ACTING_CHAIR_NOT_CHAIR, field="membership")
        if membership.member_on(meeting.meeting_date) is None:
            raise Refused(E.ACTING_CHAIR_VACANT, field="membership")
        if not meeting.registered_memberships().filter(pk=membership.pk).exists():
            raise Refused(E.ACTING_CHAIR_MEMBER, field="membership")
    forget_counts(meeting)
    meeting.acting_chair = membership
    meeting.save(update_fields=["acting_chair", "updated_at"])
    return meeting


def forget_counts(meeting: Meeting) -> None:
    """Drops the meeting's cached counts (votes._meeting_base) after a change to who sits or is present."""
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

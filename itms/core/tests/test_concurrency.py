"""Legal acts at the same moment on PostgreSQL.

Two identical acts: exactly one is recorded, the other is refused clearly. Completes the concurrency proofs
that live with their apps (docs/quality.md, "Reliability"): two approvals of one request
(itms/testing/example/tests/test_workflow.py) and closing a vote while votes arrive
(itms/governance/tests/test_meetings.py). Here: one member's vote sent twice at once (a double click,
a retried request) — one vote, one chain entry, and the chain still verifies.

Different committee acts on related rows (docs/quality.md, "Load"): each takes its row locks, then the
chain head; none may deadlock with another, and every one of them is in the chain.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from itms.accounts.models import User
from itms.audit.chain import record_event, verify_chain
from itms.audit.models import LegalEvent, LegalEventKind
from itms.governance import actions
from itms.governance.actions.votes import VoteRefused
from itms.governance.choices import AttendanceStatus, CommitteeAgendaKind, MeetingMode, MeetingState, VoteChoice
from itms.governance.models import AgendaItem, Body, Meeting, Resolution, Vote
from itms.projects.models import Project

# The meetings here sit 20 days ahead: opening before the date needs its recorded reason (a4.10).
EARLY = {"reason": "동시성 시험: 예정일 전 개회"}


def _open_vote():
    secretary = User.objects.get(username="itplan")
    day = timezone.localdate() + dt.timedelta(days=20)
    meeting = actions.convene_meeting(
        actor=secretary,
        body=Body.objects.get(name="정보화추진위원회"),
        scheduled_at=timezone.make_aware(dt.datetime.combine(day, dt.time(14))),
        mode=MeetingMode.IN_PERSON,
    )
    project = Project.objects.get(code="2027-CLP-001")
    item = actions.add_agenda_item(
        actor=secretary,
        meeting=meeting,
        kind=CommitteeAgendaKind.NEW_TECHNOLOGY,
        title="동시 표결 시험",
        subject=project,
        proposing_unit=project.sponsor_unit,
    )
    seats = sorted(meeting.registered_memberships(), key=lambda m: (not m.is_chair, m.pk))[:7]
    for membership in seats:
        actions.record_attendance(
            actor=secretary, meeting=meeting, membership=membership, status=AttendanceStatus.PRESENT
        )
    meeting.workflow.execute(meeting, "distribute", actor=secretary)
    meeting.refresh_from_db()
    meeting.workflow.execute(meeting, "open", actor=secretary, data=EARLY)
    meeting.refresh_from_db()
    actions.open_voting(actor=secretary, item=item)
    return secretary, item, seats[0]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's; SQLite serialises writers")
def test_a4_8_one_members_vote_sent_twice_at_once_is_recorded_once(demo):
    secretary, item, seat = _open_vote()
    events_before = LegalEvent.objects.filter(kind=LegalEventKind.VOTE_CAST).count()
    results, barrier = [], threading.Barrier(2)

    def vote(choice):
        from django.db import connections

        try:
            barrier.wait()
            actions.cast_vote(actor=secretary, item=item, membership=seat, choice=choice)
            results.append("ok")
        except VoteRefused as error:
            results.append(str(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote, args=(c,)) for c in (VoteChoice.FOR, VoteChoice.AGAINST)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert results.count("ok") == 1, results
    assert any("이미 표결했습니다" in r for r in results), results
    assert Vote.objects.filter(item=item, membership=seat).count() == 1
    assert LegalEvent.objects.filter(kind=LegalEventKind.VOTE_CAST).count() == events_before + 1
    assert verify_chain().ok


def _ready_to_open(secretary, body, day, *titles):
    """A meeting of ``body`` with its items, seven members present and the agenda distributed (a4.8, a4.10)."""
    meeting = actions.convene_meeting(
        actor=secretary, body=body, scheduled_at=timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    )
    for title in titles:
        actions.add_agenda_item(actor=secretary, meeting=meeting, kind=CommitteeAgendaKind.OTHER, title=title)
    for membership in sorted(meeting.registered_memberships(), key=lambda m: (not m.is_chair, m.pk))[:7]:
        actions.record_attendance(
            actor=secretary, meeting=meeting, membership=membership, status=AttendanceStatus.PRESENT
        )
    meeting.workflow.execute(meeting, "distribute", actor=secretary)
    return Meeting.objects.get(pk=meeting.pk)


def _all_at_once(*acts):
    """Runs the acts in threads released together; returns their errors (a deadlock is an OperationalError)."""
    errors, barrier = [], threading.Barrier(len(acts))

    def run(act):
        from django.db import connections

        try:
            barrier.wait()
            act()
        except Exception as error:  # any failure is the finding
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(act,)) for act in acts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "an act is still waiting for a lock"
    return errors


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's; SQLite serialises writers")
def test_a4_8_committee_acts_on_related_rows_at_the_same_time_do_not_deadlock(demo):
    """Votes on two items of a meeting in session while another meeting of the same committee opens, a third
    is convened, a fourth gets an agenda item and another legal event is chained; at the end both votes close
    while another meeting closes. Every act is recorded, none deadlocks, and the chain verifies."""
    secretary = User.objects.get(username="itplan")
    body = Body.objects.get(name="정보화추진위원회")
    day = timezone.localdate() + dt.timedelta(days=20)
    in_session = _ready_to_open(secretary, body, day, "동시 표결 시험 1", "동시 표결 시험 2")
    in_session.workflow.execute(in_session, "open", actor=secretary, data=EARLY)
    first, second = in_session.items.order_by("number")
    for item in (first, second):
        actions.open_voting(actor=secretary, item=item)
    present = [a.membership for a in in_session.attendance.select_related("membership").order_by("membership_id")]
    convened = actions.convene_meeting(
        actor=secretary, body=body, scheduled_at=timezone.make_aware(dt.datetime.combine(day, dt.time(16)))
    )
    at_six = timezone.make_aware(dt.datetime.combine(day, dt.time(18)))
    errors, rounds = [], 5
    for n in range(rounds):
        to_open = _ready_to_open(secretary, body, day, f"개회 시험 {n}")
        errors += _all_at_once(
            lambda n=n: actions.cast_vote(actor=secretary, item=first, membership=present[n], choice=VoteChoice.FOR),
            lambda n=n: actions.cast_vote(actor=secretary, item=second, membership=present[n], choice=VoteChoice.FOR),
            lambda m=to_open: m.workflow.execute(m, "open", actor=secretary, data=EARLY),
            lambda: actions.convene_meeting(actor=secretary, body=body, scheduled_at=at_six),
            lambda n=n: actions.add_agenda_item(
                actor=secretary, meeting=convened, kind=CommitteeAgendaKind.OTHER, title=f"추가 안건 {n}"
            ),
            lambda n=n: record_event(
                kind=LegalEventKind.DRAW_PERFORMED, summary=f"동시 기록 {n}", actor=secretary, subject=in_session
            ),
        )
    to_close = _ready_to_open(secretary, body, day, "폐회 시험")
    to_close.workflow.execute(to_close, "open", actor=secretary, data=EARLY)
    to_close = Meeting.objects.get(pk=to_close.pk)
    errors += _all_at_once(
        lambda: actions.close_vote(actor=secretary, item=first),
        lambda: actions.close_vote(actor=secretary, item=second),
        lambda: to_close.workflow.execute(to_close, "close", actor=secretary),
        lambda: record_event(kind=LegalEventKind.DRAW_PERFORMED, summary="동시 기록", actor=secretary),
    )

    assert errors == []
    assert Vote.objects.filter(item__in=[first, second]).count() == 2 * rounds
    for item in (first, second):
        assert Resolution.objects.get(item=item).tally["votes_for"] == rounds
    opened = Meeting.objects.filter(items__title__startswith="개회 시험", state=MeetingState.IN_SESSION)
    assert opened.count() == rounds
    assert Meeting.objects.get(pk=to_close.pk).state == MeetingState.CLOSED
    assert AgendaItem.objects.filter(meeting=convened).count() == rounds
    votes = LegalEvent.objects.filter(kind=LegalEventKind.VOTE_CAST, subject_id__in=[str(first.pk), str(second.pk)])
    assert votes.count() == 2 * rounds
    assert verify_chain().ok

"""Two identical legal acts at the same moment on PostgreSQL: exactly one is recorded, the other is refused clearly.

Completes the concurrency proofs that live with their apps (docs/quality.md, "Reliability"):
two approvals of one request (itms/testing/example/tests/test_workflow.py) and closing a vote while votes
arrive (itms/governance/tests/test_meetings.py). Here: one member's vote sent twice at once (a double click,
a retried request) — one vote, one chain entry, and the chain still verifies.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from itms.accounts.models import User
from itms.audit.chain import verify_chain
from itms.audit.models import LegalEvent, LegalEventKind
from itms.governance import actions
from itms.governance.actions.votes import VoteRefused
from itms.governance.choices import AttendanceStatus, CommitteeAgendaKind, MeetingMode, VoteChoice
from itms.governance.models import Body, Vote
from itms.projects.models import Project


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
    for transition in ("distribute", "open"):
        meeting.workflow.execute(meeting, transition, actor=secretary)
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

"""Committee composition is governed data (a4.1, a4.3, a4.8, a4.9, a5.2; issue 11 item 3).

제4조제1항 "지능정보화책임관을 위원장으로 하는 정보화추진위원회": the committee's chair position is the CIO's.
제4조제3항제2호 "위원장이 필요하다고 인정하여 위원으로 지정받은 자": the chair designates members; the secretary
(제4조제9항, 제5조제2항) keeps the body's affairs. A body's composition is changed by its own chair or secretary,
never by another body's; not while one of its meetings sits (its 재적 and cast votes rest on it); never so that a
meeting already held would have had other members. Every change is a chained COMPOSITION_CHANGED event.
"""

import datetime as dt
import json

import pytest

from itms.accounts.models import Position
from itms.audit.chain import verify_chain
from itms.audit.models import LegalEvent, LegalEventKind
from itms.core.errors import Refused
from itms.governance import actions
from itms.governance.actions.votes import meeting_tally
from itms.governance.choices import MembershipBasis, VoteChoice
from itms.governance.models import Body, Meeting, Membership, Vote
from itms.governance.tests.test_meetings import TODAY, add_item, attend, committee, convene, council, open_session, user

pytestmark = pytest.mark.django_db


def seat(code, body=None):
    return Membership.objects.get(body=body or committee(), position__unit__code=code, position__is_head=True)


def patch(client, url, data):
    return client.patch(url, json.dumps(data), content_type="application/json")


def events(kind=LegalEventKind.COMPOSITION_CHANGED):
    return LegalEvent.objects.filter(kind=kind).order_by("seq")


# --- who may change a body (a4.9, a5.2) -------------------------------------------------------------------------
def test_a4_9_the_councils_secretary_cannot_change_the_committee_nor_its_members(client_of, unchanged):
    client = client_of("council")
    client.get("/")  # signed in before the count (the login itself writes last_login)
    body, member = committee(), seat("KCS-BUD")
    itplan_head = Position.objects.get(unit__code="KCS-ITP", is_head=True)
    with unchanged():
        assert (
            patch(client, f"/api/governance/bodies/{body.pk}/", {"chair_position": itplan_head.pk}).status_code == 403
        )
        assert (
            patch(client, f"/api/governance/memberships/{member.pk}/", {"end_date": TODAY.isoformat()}).status_code
            == 403
        )
        assert client.delete(f"/api/governance/memberships/{member.pk}/").status_code == 403
        assert client.get(f"/governance/memberships/{member.pk}/edit/").status_code == 403
        assert client.post(f"/governance/bodies/{body.pk}/edit/", {"name": body.name}).status_code == 403
        created = client.post(
            "/api/governance/memberships/",
            json.dumps(
                {"body": body.pk, "basis": "designated", "position": itplan_head.pk, "start_date": TODAY.isoformat()}
            ),
            content_type="application/json",
        )
        assert created.status_code == 403, created.content


def test_a5_2_the_councils_secretary_keeps_the_councils_own_member_list(client_of):
    member = Membership.objects.filter(body=council(), is_chair=False).first()
    response = patch(client_of("council"), f"/api/governance/memberships/{member.pk}/", {"note": "2027년 재지정"})
    assert response.status_code == 200, response.content


def test_a4_3_2_the_chair_designates_a_member_and_the_change_is_chained_with_its_author(client_of):
    before = events().count()
    response = client_of("cio").post(
        "/api/governance/memberships/",
        json.dumps(
            {
                "body": committee().pk,
                "basis": "designated",
                "position": Position.objects.get(unit__code="KCS-IMP", is_head=True).pk,
                "start_date": TODAY.isoformat(),
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    event = events().last()
    assert events().count() == before + 1
    assert event.actor == user("cio") and event.payload["action"] == "created"
    assert event.clause_ids == ["a4.3.2"] and "정보화추진위원회 위원 위촉·지정: 수입과장" in event.summary
    assert verify_chain().ok


# --- a4.1: the committee's chair is the CIO ----------------------------------------------------------------------
def test_a4_1_the_committees_chair_position_cannot_be_changed_to_another_position(client_of, unchanged):
    body = committee()
    other = Position.objects.get(unit__code="KCS-ITP", is_head=True)
    for who in ("itplan", "admin"):  # its own secretary, and even a superuser
        client = client_of(who)
        with unchanged():
            response = patch(client, f"/api/governance/bodies/{body.pk}/", {"chair_position": other.pk})
        assert response.status_code == 400, response.content
        answer = response.json()
        assert answer["code"] == "governance.committee_chair" and answer["clause"] == "a4.1"
        assert "지능정보화책임관" in answer["message"] and "(제4조제1항)" in answer["message"]
    page = client_of("itplan").post(
        f"/governance/bodies/{body.pk}/edit/",
        {"kind": body.kind, "name": body.name, "chair_position": other.pk, "is_active": "on"},
    )
    assert page.status_code == 400 and "지능정보화책임관" in page.content.decode()
    assert Body.objects.get(pk=body.pk).chair_position.unit.code == "KCS-IDP"


def test_a4_1_the_chairs_seat_is_the_chair_positions_ex_officio_seat(unchanged):
    member = seat("KCS-BUD")
    member.is_chair = True
    with unchanged(), pytest.raises(Refused, match="위원장 자리는 위원장 직위") as refused:
        member.clean()
    assert refused.value.as_dict()["code"] == "governance.chair_seat"


# --- a4.8: not while a meeting sits, never against a held meeting ------------------------------------------------
@pytest.fixture
def voting():
    meeting = convene()
    item = add_item(meeting)
    present = attend(meeting, 7)
    open_session(meeting)
    actions.open_voting(actor=user("itplan"), item=item)
    return meeting, item, present


def test_a4_8_ending_a_members_term_during_a_vote_is_refused_and_neither_the_count_nor_the_vote_changes(
    voting, client_of, unchanged
):
    """Issue 11 item 3: ending a member's term in the middle of a vote changed 재적 and dropped the cast vote."""
    meeting, item, present = voting
    budget = seat("KCS-BUD")
    actions.cast_vote(actor=user("itplan"), item=item, membership=budget, choice=VoteChoice.AGAINST)
    client = client_of("itplan")
    with unchanged():
        response = patch(client, f"/api/governance/memberships/{budget.pk}/", {"end_date": TODAY.isoformat()})
        assert response.status_code == 409, response.content
        # The access gate refuses on the seat's condition (objects.py), before the model's own lock would.
        assert response.json()["code"] == "governance.sitting" and response.json()["clause"] == "a4.8"
        assert client.delete(f"/api/governance/memberships/{budget.pk}/").status_code == 409
        budget.end_date = TODAY
        with pytest.raises(Refused, match="회의가 끝날 때까지 위원 구성을 바꿀 수 없습니다"):
            budget.save()
    counts = actions.tally(item)
    assert counts.registered == 9 and counts.votes_against == 1
    assert Vote.objects.filter(item=item, membership=budget).exists()


def test_a4_8_after_the_meeting_a_term_ends_after_its_date_but_never_before_it(voting, unchanged):
    meeting, item, present = voting
    vote_for = present[:5]
    for membership in vote_for:
        actions.cast_vote(actor=user("itplan"), item=item, membership=membership, choice=VoteChoice.FOR)
    actions.close_vote(actor=user("itplan"), item=item)
    meeting.workflow.execute(Meeting.objects.get(pk=meeting.pk), "close", actor=user("itplan"))
    budget = seat("KCS-BUD")
    budget.end_date = meeting.meeting_date - dt.timedelta(days=1)  # as if they had left before the meeting
    with unchanged(), pytest.raises(Refused) as refused:
        budget.clean()
    assert refused.value.as_dict()["code"] == "governance.held_meeting_seat"
    with unchanged(), pytest.raises(Refused):
        Membership.objects.get(pk=budget.pk).delete()
    budget.end_date = meeting.meeting_date + dt.timedelta(days=1)
    budget.full_clean()
    budget.save()
    assert meeting_tally(Meeting.objects.get(pk=meeting.pk)).registered == 9


def test_a4_8_before_a_meeting_opens_the_composition_may_change_and_is_counted_on_its_date():
    meeting = convene()
    budget = seat("KCS-BUD")
    budget.end_date = meeting.meeting_date - dt.timedelta(days=1)
    budget.full_clean()
    budget.save()
    assert meeting_tally(Meeting.objects.get(pk=meeting.pk)).registered == 8
    event = events().last()
    assert event.payload["action"] == "changed" and "end_date" in event.payload


def test_a4_8_a_note_is_not_a_composition_change():
    before = events().count()
    member = seat("KCS-BUD")
    member.note = "예산 담당"
    member.save()
    assert events().count() == before


def test_the_body_cannot_change_its_kind_chair_or_secretary_while_a_meeting_sits(voting, unchanged):
    body = committee()
    body.secretary_position = Position.objects.get(unit__code="KCS-ITP", is_head=True)
    body.is_active = False
    with unchanged(), pytest.raises(Refused, match="진행 중입니다"):
        body.save()
    assert MembershipBasis.ADVISER  # the adviser seat is part of the body too (a4.4)

"""Every kind of body has working meeting pages (the 기술평가위원회 of a15 answered 500 before Chapter 4 existed).

The meetings of the 과업심의위원회 (a13) and the 기술평가위원회 (a15) follow the general committee rules: convened by
the body's secretariat, counted with the quorum of their clause (a15.5: "평가인원의 3분의 2 이상"), with agenda
items of their own kind. The demo's 기술평가위원회 belong to Chapter 4's evaluations (their secretariat is the
정보화부서 that formed them); the quorum is checked on a committee of three made here.
"""

import datetime as dt

import pytest
from django.utils import timezone

from itms.accounts.models import Position
from itms.governance import actions
from itms.governance.actions.votes import meeting_tally
from itms.governance.choices import AGENDA_KINDS, BodyKind, MembershipBasis
from itms.governance.models import Body, Membership
from itms.governance.seats import secretary_of
from itms.governance.tests.test_meetings import at, user

pytestmark = pytest.mark.django_db
DAY = timezone.localdate() + dt.timedelta(days=30)


def body_of(kind: str, *, own: bool = False) -> Body:
    """An active body of the kind (the demo's, if any), or, when ``own`` or none exists, a new one of three
    external members whose secretary is the 정보기획담당관 (itplan)."""
    existing = None if own else Body.objects.filter(kind=kind, is_active=True).first()
    if existing is not None:
        return existing
    body = Body.objects.create(
        kind=kind,
        name="기술평가위원회 (AI 통관 제안서)",
        secretary_position=Position.objects.get(unit__code="KCS-ITP", is_head=True),
        formed_on=DAY - dt.timedelta(days=6),
    )
    for index, username in enumerate(("expert2", "expert3", "expert4")):
        Membership.objects.create(
            body=body,
            basis=MembershipBasis.EXTERNAL,
            user=user(username),
            is_external=True,
            is_chair=index == 0,  # the chair is chosen among the evaluators (a15.2)
            start_date=DAY - dt.timedelta(days=6),
        )
    return body


@pytest.mark.parametrize("kind", BodyKind.values)
def test_every_kind_of_body_has_meeting_pages_that_open(kind, client_of):
    body = body_of(kind)
    secretary = secretary_of(body)
    meeting = actions.convene_meeting(actor=secretary, body=body, scheduled_at=at(DAY))
    assert kind in AGENDA_KINDS  # the agenda form offers this body's kinds
    actions.add_agenda_item(actor=secretary, meeting=meeting, kind=AGENDA_KINDS[kind].values[0], title="심의 안건")
    client = client_of(secretary.username)
    for url in (
        meeting.get_absolute_url(),
        f"/governance/meetings/{meeting.pk}/live/",
        body.get_absolute_url(),
        f"/governance/bodies/{body.pk}/convene/",
    ):
        response = client.get(url)
        assert response.status_code == 200, (kind, url, response.status_code)


def test_a15_5_an_evaluation_meeting_is_counted_with_two_thirds_at_least():
    body = body_of(BodyKind.EVALUATION, own=True)
    meeting = actions.convene_meeting(actor=user("itplan"), body=body, scheduled_at=at(DAY))
    counts = meeting_tally(meeting)
    assert (counts.registered, counts.quorum_needed, counts.quorum_inclusive) == (3, 2, True)

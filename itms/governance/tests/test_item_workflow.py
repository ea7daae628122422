"""An agenda item's own life (상정 → 표결 중 → 의결, or 철회), written only by the workflow engine (a4.8, a4.9, a4.11).

Opening and closing a vote are transitions of the item, so each is a chained TRANSITION event and a row in the
change log; casting a vote stays an act of the member (a chained VOTE_CAST event) and moves no state.
"""

import ast
import datetime as dt
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from itms.audit.chain import verify_chain
from itms.audit.models import LegalEvent, LegalEventKind
from itms.core.errors import Forbidden, Refused
from itms.governance import actions
from itms.governance.choices import AgendaItemState, MeetingMode, VoteChoice
from itms.governance.models import AgendaItem
from itms.governance.tests.test_meetings import add_item, attend, convene, open_session, seats, user, vote_all
from itms.governance.workflows import run_transition

pytestmark = pytest.mark.django_db
GOVERNANCE = Path(__file__).resolve().parents[1]


def transitions(item) -> list[str]:
    events = LegalEvent.objects.filter(kind=LegalEventKind.TRANSITION, subject_type="governance.agendaitem")
    return [e.payload["transition"] for e in events.filter(subject_id=str(item.pk)).order_by("seq")]


@pytest.fixture
def in_session():
    meeting = convene()
    item = add_item(meeting)
    present = attend(meeting, 7)
    open_session(meeting)
    return meeting, item, present


def test_a4_8_opening_and_closing_a_vote_are_chained_transitions_of_the_item(in_session):
    meeting, item, present = in_session
    assert item.state == AgendaItemState.PENDING
    actions.open_voting(actor=user("itplan"), item=item)
    item.refresh_from_db()
    assert item.state == AgendaItemState.VOTING and item.voting_open
    vote_all(item, present[:5], ["for"] * 5)
    item.refresh_from_db()
    assert item.state == AgendaItemState.VOTING  # a vote is the member's act, not a state change
    actions.close_vote(actor=user("itplan"), item=item)
    item.refresh_from_db()
    assert item.state == AgendaItemState.DECIDED and item.resolution.outcome == "passed"
    assert transitions(item) == ["open_voting", "close_vote"]
    # The change log sees every state write (QuerySet.update() would have escaped it).
    states = [
        e.changes_dict["state"]
        for e in LogEntry.objects.get_for_object(AgendaItem.objects.get(pk=item.pk)).order_by("pk")
        if "state" in e.changes_dict
    ]
    assert states == [["None", "pending"], ["pending", "voting"], ["voting", "decided"]]
    assert verify_chain().ok


def test_a4_9_voting_is_opened_by_the_chair_or_the_secretary_and_the_refusal_says_so(in_session, unchanged):
    meeting, item, present = in_session
    with unchanged(), pytest.raises(Forbidden) as refused:
        actions.open_voting(actor=user("sponsor"), item=item)
    assert refused.value.message_text == "표결 시작은 위원장 또는 간사만 할 수 있습니다 (제4조제9항)."
    assert refused.value.as_dict() == {
        "code": "governance.secretariat_only",
        "message": "표결 시작은 위원장 또는 간사만 할 수 있습니다 (제4조제9항).",
        "clause": "a4.9",
    }


def test_a4_8_an_item_is_voted_on_once_opened_and_closed_only_from_voting(in_session, unchanged):
    meeting, item, present = in_session
    with unchanged(), pytest.raises(Refused, match="의결 기록을 할 수 없습니다"):
        actions.close_vote(actor=user("itplan"), item=item)
    actions.open_voting(actor=user("itplan"), item=item)
    with unchanged(), pytest.raises(Refused, match="표결 시작을 할 수 없습니다: 안건이 '표결 중' 상태입니다"):
        actions.open_voting(actor=user("itplan"), item=item)


def test_a4_8_a_vote_lost_for_want_of_quorum_is_suspended_with_its_reason_and_the_meeting_can_close(in_session):
    meeting, item, present = in_session
    actions.open_voting(actor=user("itplan"), item=item)
    # The meeting cannot close while the vote is open (nor could it before: the item had no way out).
    with pytest.raises(Refused, match="표결 중인 안건"):
        run_transition(meeting, "close", actor=user("itplan"))
    actions.suspend_voting(actor=user("itplan"), item=item, reason="위원 3명 퇴장으로 정족수 미달")
    item.refresh_from_db()
    assert item.state == AgendaItemState.PENDING and item.state_reason == "위원 3명 퇴장으로 정족수 미달"
    meeting.workflow.execute(meeting, "close", actor=user("itplan"))
    assert transitions(item) == ["open_voting", "suspend_voting"]


def test_a4_9_an_item_not_yet_voted_on_is_withdrawn_with_its_reason(in_session, client_of):
    meeting, item, present = in_session
    response = client_of("itplan").post(
        f"/governance/meetings/{meeting.pk}/items/{item.pk}/step/withdraw/", {"reason": "사업추진부서 요청으로 철회"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == AgendaItemState.WITHDRAWN and item.state_reason == "사업추진부서 요청으로 철회"
    with pytest.raises(Refused, match="표결 시작을 할 수 없습니다"):
        actions.open_voting(actor=user("itplan"), item=item)
    page = client_of("itplan").get(meeting.get_absolute_url()).content.decode()
    assert 'data-testid="withdrawn"' in page and "사업추진부서 요청으로 철회" in page


def test_a4_11_written_deliberation_opens_and_closes_every_item_through_the_engine():
    meeting = convene(mode=MeetingMode.WRITTEN, written_reason="예산 요구 기한 임박")
    first = add_item(meeting)
    second = add_item(meeting, title="추가 안건", project_code="2027-DAT-001")
    meeting.workflow.execute(
        meeting,
        "start_written",
        actor=user("cio"),
        data={"reason": "예산 요구 기한 임박", "closes_at": timezone.now() + dt.timedelta(days=3)},
    )
    assert set(AgendaItem.objects.filter(meeting=meeting).values_list("state", flat=True)) == {"voting"}
    for membership, person in seats(meeting):
        actions.cast_vote(actor=person, item=first, membership=membership, choice=VoteChoice.FOR)
        actions.cast_vote(actor=person, item=second, membership=membership, choice=VoteChoice.AGAINST)
    meeting.refresh_from_db()
    meeting.workflow.execute(meeting, "finish_written", actor=user("itplan"))
    assert transitions(first) == ["open_voting", "close_vote"] == transitions(second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, first.resolution.outcome) == ("decided", "passed")
    assert (second.state, second.resolution.outcome) == ("decided", "rejected")


def test_no_state_is_written_outside_the_workflow_engine_in_governance():
    """No ``QuerySet.update()`` of a state field and no assignment to ``.state`` / ``.voting_open`` in product code:
    the workflow engine (``Workflow.execute``) is the only writer of workflow state (issue 9, item 1)."""
    offences = []
    for path in GOVERNANCE.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("update", "bulk_update"):
                names = {k.arg for k in node.keywords} | {
                    getattr(a, "value", None) for arg in node.args if isinstance(arg, ast.List) for a in arg.elts
                }
                if names & {"state", "voting_open"}:
                    offences.append(f"{path.name}:{node.lineno}")
            if isinstance(node, ast.Assign | ast.AugAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Attribute) and target.attr in ("state", "voting_open"):
                        offences.append(f"{path.name}:{node.lineno}")
    assert offences == [], f"상태를 절차 엔진 밖에서 씁니다: {offences}"

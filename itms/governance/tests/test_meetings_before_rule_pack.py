"""Meetings held before the earliest rule pack (훈령 제2427호, in force from 2025. 9. 23.).

Imported or generated history has meetings from before the directive. They are shown, counted with the
rule their resolutions recorded (or, failing that, the earliest pack's, saying so), but no new resolution
is recorded for a date on which no rule was in force: a decision records the rule it applied (a4.8).
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from itms.accounts.models import User
from itms.audit.models import LegalEvent, LegalEventKind
from itms.core.formats import format_date
from itms.core.korean import josa
from itms.governance import actions
from itms.governance.actions.votes import meeting_rules
from itms.governance.choices import (
    AgendaItemState,
    CommitteeAgendaKind,
    MeetingState,
    ResolutionEffect,
    ResolutionOutcome,
)
from itms.governance.models import AgendaItem, Body, Meeting, Resolution
from itms.regulation.rules import RuleNotFound, param

pytestmark = pytest.mark.django_db
BEFORE_2427 = dt.date(2024, 3, 5)
WARNING = f"{josa(format_date(BEFORE_2427), '은/는')} 훈령 제2427호 시행(2025. 9. 23.(화)) 전입니다."


def imported_meeting(state=MeetingState.CLOSED, day=BEFORE_2427) -> Meeting:
    """A meeting of the 정보화추진위원회 as an import or the generator writes it (no action ran for it)."""
    body = Body.objects.get(name="정보화추진위원회")
    number = (body.meetings.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    meeting = Meeting.objects.create(
        body=body,
        number=number,
        title=f"{body.name} 제{number}차 회의",
        scheduled_at=timezone.make_aware(dt.datetime.combine(day, dt.time(14))),
    )
    Meeting.objects.filter(pk=meeting.pk).update(state=state)
    meeting.refresh_from_db()
    return meeting


def item_of(meeting, state=AgendaItemState.PENDING) -> AgendaItem:
    """An item as an import writes it (its state comes with the imported record, no transition ran)."""
    return AgendaItem.objects.create(
        meeting=meeting,
        number=1,
        kind=CommitteeAgendaKind.NEW_TECHNOLOGY,
        title="통관 빅데이터 분석 기반 구축",
        state=state,
    )


def test_param_refuses_a_date_before_the_earliest_pack():
    with pytest.raises(RuleNotFound, match="2024-03-05에 시행 중인 훈령이 없습니다"):
        param("committee_quorum", BEFORE_2427)


def test_param_falls_back_to_the_earliest_pack_only_when_asked_and_says_so():
    reading = param("committee_quorum", BEFORE_2427, fallback="earliest")
    assert reading.value == "1/2" and reading.pack_version == "훈령 제2427호"
    assert WARNING in reading.note and "훈령 제2427호의 값으로 계산했습니다" in reading.note
    # Inside the pack's period nothing changes and no note is added.
    assert param("committee_quorum", dt.date(2025, 9, 23), fallback="earliest").note == ""
    # The fallback is for dates before the first pack, not for a value the pack does not have.
    with pytest.raises(RuleNotFound):
        param("no_such_parameter", BEFORE_2427, fallback="earliest")


def test_a4_8_meeting_before_the_pack_opens_with_a_warning_instead_of_a_server_error(client_of):
    meeting = imported_meeting()
    item_of(meeting)
    response = client_of("admin").get(meeting.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="rules-note"' in page and WARNING in page
    assert client_of("admin").get(f"/governance/meetings/{meeting.pk}/live/").status_code == 200


def test_a4_8_meeting_before_the_pack_is_counted_with_the_rule_its_resolutions_recorded(client_of):
    meeting = imported_meeting()
    item = item_of(meeting)
    recorded = {
        "parameter": "committee_quorum",
        "value": "2/3",
        "pack_version": "훈령 제2100호",
        "clause_ids": ["a4.8"],
    }
    Resolution.objects.create(
        item=item,
        outcome=ResolutionOutcome.PASSED,
        effect=ResolutionEffect.APPROVE,
        tally={"rules": [recorded, {**recorded, "parameter": "committee_majority", "value": "1/2"}]},
        explanation="재적 9명, 출석 7명 — 찬성 6명 가결",
        pack_version="훈령 제2100호",
        recorded_by=User.objects.get(username="admin"),
    )
    rules = meeting_rules(Meeting.objects.get(pk=meeting.pk))
    assert str(rules.quorum) == "2/3" and "의결할 때 기록된 훈령 제2100호" in rules.note
    page = client_of("admin").get(meeting.get_absolute_url()).content.decode()
    assert "재적의 2/3" in page and "훈령 제2100호의 정족수·의결 기준으로 표시합니다" in page


def test_meeting_under_the_pack_shows_no_warning(client_of):
    meeting = imported_meeting(day=dt.date(2025, 10, 14))
    assert meeting_rules(meeting).note == ""
    assert 'data-testid="rules-note"' not in client_of("admin").get(meeting.get_absolute_url()).content.decode()


def test_a4_8_no_new_resolution_is_recorded_for_a_date_without_a_rule_in_force():
    meeting = imported_meeting(state=MeetingState.IN_SESSION)
    item = item_of(meeting, state=AgendaItemState.VOTING)
    events = LegalEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        actions.close_vote(actor=User.objects.get(username="admin"), item=item)
    message = " ".join(refused.value.messages)
    assert "2024-03-05에 시행 중인 훈령이 없습니다" in message
    assert "정족수·의결 기준이 없어 의결을 기록할 수 없습니다 (제4조제8항)" in message
    assert refused.value.as_dict()["code"] == "governance.no_rule_in_force"
    assert not Resolution.objects.filter(item=item).exists()
    assert LegalEvent.objects.count() == events
    assert not LegalEvent.objects.filter(kind=LegalEventKind.RESOLUTION_RECORDED, subject_id=str(item.pk)).exists()


def test_a4_10_a_meeting_cannot_be_convened_for_a_date_without_a_rule_in_force():
    body = Body.objects.get(name="정보화추진위원회")
    before = body.meetings.count()
    with pytest.raises(ValidationError) as refused:
        actions.convene_meeting(
            actor=User.objects.get(username="admin"),
            body=body,
            scheduled_at=timezone.make_aware(dt.datetime.combine(BEFORE_2427, dt.time(14))),
        )
    assert (
        "안건 배포 기한(제4조제10항)을 정할 수 없어 소집할 수 없습니다" in refused.value.message_dict["scheduled_at"][0]
    )
    assert body.meetings.count() == before

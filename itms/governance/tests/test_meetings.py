"""Meetings of the 정보화추진위원회 and the 정보화실무협의회, walked through their actions."""

import datetime as dt
import threading

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from itms.accounts.models import User
from itms.audit.chain import verify_chain
from itms.audit.models import LegalEvent, LegalEventKind
from itms.core.errors import Refused
from itms.governance import actions
from itms.governance.actions.votes import VoteRefused
from itms.governance.choices import (
    AttendanceStatus,
    CommitteeAgendaKind,
    CouncilAgendaKind,
    MeetingMode,
    ResolutionEffect,
    VoteChoice,
)
from itms.governance.models import Body, Meeting, Membership, Resolution
from itms.governance.models.bodies import seat_holders
from itms.projects.models import Project
from itms.regulation.models import Obligation
from itms.regulation.workflows import Blocked

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def user(username):
    return User.objects.get(username=username)


def committee():
    return Body.objects.get(name="정보화추진위원회")


def council():
    return Body.objects.get(name="정보화실무협의회")


def at(day: dt.date, hour=14):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def convene(body=None, day=TODAY + dt.timedelta(days=20), mode=MeetingMode.IN_PERSON, **extra):
    body = body or committee()
    secretary = user("itplan") if body.name == "정보화추진위원회" else user("council")
    return actions.convene_meeting(actor=secretary, body=body, scheduled_at=at(day), mode=mode, **extra)


def add_item(meeting, title="AI 기반 엑스레이 영상 판독 시범사업", project_code="2027-CLP-001"):
    project = Project.objects.get(code=project_code)
    kind = CommitteeAgendaKind.NEW_TECHNOLOGY if meeting.body.kind == "committee" else CouncilAgendaKind.PRIORITY
    return actions.add_agenda_item(
        actor=secretary(meeting),
        meeting=meeting,
        kind=kind,
        title=title,
        subject=project,
        proposing_unit=project.sponsor_unit,
    )


def secretary(meeting):
    return user("itplan") if meeting.body.kind == "committee" else user("council")


def seats(meeting):
    memberships = list(meeting.registered_memberships().order_by("pk"))
    holders = seat_holders(memberships, meeting.meeting_date)
    return [(m, holders[m.pk]) for m in memberships]


def attend(meeting, count, chair=True):
    """Marks the first ``count`` seats present (the chair's seat first when ``chair``)."""
    ordered = sorted(seats(meeting), key=lambda s: not s[0].is_chair if chair else s[0].is_chair)
    for membership, _ in ordered[:count]:
        actions.record_attendance(
            actor=secretary(meeting), meeting=meeting, membership=membership, status=AttendanceStatus.PRESENT
        )
    return [m for m, _ in ordered[:count]]


def on_the_day(meeting, hour=13):
    """The clock on the meeting date, an hour before it starts (a meeting opens on its date, a4.6)."""
    return time_machine.travel(at(meeting.meeting_date, hour), tick=False)


def open_on_the_day(meeting, actor=None):
    with on_the_day(meeting):
        meeting.workflow.execute(meeting, "open", actor=actor or secretary(meeting))
    meeting.refresh_from_db()
    return meeting


def open_session(meeting):
    meeting.workflow.execute(meeting, "distribute", actor=secretary(meeting))
    meeting.refresh_from_db()
    return open_on_the_day(meeting)


def vote_all(item, memberships, choices):
    for membership, choice in zip(memberships, choices, strict=True):
        actions.cast_vote(actor=secretary(item.meeting), item=item, membership=membership, choice=choice)


# --- convening and the 7-day agenda rule --------------------------------------------------------------------
def test_a4_6_meeting_convened_by_the_secretary_is_recorded_as_the_chairs_convocation():
    meeting = convene()
    assert meeting.number == 2  # demo meeting 1 exists
    # The chair convenes (제4조제6항); the secretary who entered it is recorded beside them.
    assert meeting.convened_by.username == "cio" and meeting.recorded_by.username == "itplan"
    assert not meeting.on_members_request and meeting.convening_demand is None


def test_a4_6_a_meeting_on_the_members_demand_needs_a_filed_demand(unchanged):
    """ "위원의 소집 요구로 위원장이 소집한다": a demand is a member's act, not a box the secretary ticks."""
    with unchanged(), pytest.raises(Refused) as refused:
        convene(on_members_request=True, request_note="위원 3명의 요구 (우선순위 재조정)")
    assert refused.value.as_dict()["code"] == "governance.demand_required"
    assert refused.value.clause == "a4.6" and "(제4조제6항)" in refused.value.message_text


def test_a4_6_only_the_chair_or_secretary_convenes():
    with pytest.raises(PermissionDenied):
        actions.convene_meeting(actor=user("sponsor"), body=committee(), scheduled_at=at(TODAY))


def test_a4_10_agenda_distribution_7_days_before_across_chuseok_warns_to_act_earlier():
    meeting = convene(day=dt.date(2026, 10, 2))
    obligation = Obligation.objects.get(kind="agenda_distribution", subject_id=meeting.pk)
    # Strict reading: 7 clear days between distribution and the meeting → 2026. 9. 24., which is 추석.
    assert obligation.due_date == dt.date(2026, 9, 24)
    assert obligation.owed_by_role == "committee_secretary"
    assert "추석" in obligation.due_explanation and "2026. 9. 23.(수)" in obligation.due_explanation
    assert obligation.pack_version == "훈령 제2427호"


def test_a4_10_late_distribution_is_recorded_not_hidden(unchanged):
    meeting = convene(day=TODAY + dt.timedelta(days=3))  # the 7-day deadline has already passed
    add_item(meeting)
    with unchanged(), pytest.raises(Refused, match="늦어진 사유를 적어야 배포할 수 있습니다"):
        meeting.workflow.execute(meeting, "distribute", actor=user("itplan"))
    meeting.workflow.execute(
        meeting, "distribute", actor=user("itplan"), data={"late_reason": "긴급 안건 발생으로 회의를 앞당김"}
    )
    meeting.refresh_from_db()
    assert meeting.agenda_distribution_late and meeting.agenda_late_reason == "긴급 안건 발생으로 회의를 앞당김"
    obligation = Obligation.objects.get(kind="agenda_distribution", subject_id=meeting.pk)
    assert obligation.status == "met" and obligation.display_status() == "met_late"
    assert obligation.close_note.endswith("늦어진 사유: 긴급 안건 발생으로 회의를 앞당김")


def test_a4_10_on_time_distribution_meets_the_obligation():
    meeting = convene(day=TODAY + dt.timedelta(days=30))
    add_item(meeting)
    meeting.workflow.execute(meeting, "distribute", actor=user("itplan"))
    meeting.refresh_from_db()
    assert not meeting.agenda_distribution_late
    assert Obligation.objects.get(kind="agenda_distribution", subject_id=meeting.pk).display_status() == "met"


def test_a4_9_nothing_to_distribute_blocks_with_its_reason():
    meeting = convene()
    with pytest.raises(Blocked, match="배포할 안건이 없습니다"):
        meeting.workflow.execute(meeting, "distribute", actor=user("itplan"))


def test_council_meetings_have_no_7_day_obligation():
    meeting = convene(council())
    assert not Obligation.objects.filter(subject_id=meeting.pk, kind="agenda_distribution").exists()


def test_agenda_kinds_follow_the_body():
    meeting = convene()
    with pytest.raises(ValidationError, match="부칠 수 없는 안건 구분"):
        actions.add_agenda_item(actor=user("itplan"), meeting=meeting, kind=CouncilAgendaKind.POLICY, title="정책")


# --- attendance, quorum to open ---------------------------------------------------------------------------
def test_a4_8_session_cannot_open_without_a_majority_of_registered_members():
    meeting = convene()
    add_item(meeting)
    attend(meeting, 4)  # 9 registered: 5 needed
    meeting.workflow.execute(meeting, "distribute", actor=user("itplan"))
    meeting.refresh_from_db()
    with on_the_day(meeting), pytest.raises(Blocked) as blocked:
        meeting.workflow.execute(meeting, "open", actor=user("itplan"))
    assert [g.clause_id for g in blocked.value.guards] == ["a4.8"]
    attend(meeting, 5)
    open_on_the_day(meeting)


def test_a4_7_the_chair_must_preside_or_name_an_acting_chair():
    meeting = convene()
    add_item(meeting)
    present = attend(meeting, 6, chair=False)  # six members, not the chair
    meeting.workflow.execute(meeting, "distribute", actor=user("itplan"))
    meeting.refresh_from_db()
    with on_the_day(meeting), pytest.raises(Blocked):
        meeting.workflow.execute(meeting, "open", actor=user("itplan"))
    with pytest.raises(PermissionDenied):
        actions.name_acting_chair(actor=user("itplan"), meeting=meeting, membership=present[0])
    actions.name_acting_chair(actor=user("cio"), meeting=meeting, membership=present[0])
    meeting.refresh_from_db()
    open_on_the_day(meeting)


def test_a4_7_a_subordinate_official_may_attend_for_a_member_and_vote_for_them():
    meeting = convene()
    item = add_item(meeting)
    attend(meeting, 5)
    budget_seat = next(m for m, person in seats(meeting) if person and person.username == "budget")
    # 기획재정담당관's own official attends in his place.
    deputy = User.objects.filter(
        assignments__position__unit__code="KCS-BUD", assignments__position__title="주무관"
    ).first()
    actions.record_attendance(
        actor=user("itplan"), meeting=meeting, membership=budget_seat, status=AttendanceStatus.PROXY, attendee=deputy
    )
    open_session(meeting)
    actions.open_voting(actor=user("itplan"), item=item)
    vote = actions.cast_vote(actor=deputy, item=item, membership=budget_seat, choice=VoteChoice.FOR)
    assert vote.cast_by == deputy
    assert actions.tally(item).present == 6


def test_a4_7_a_proxy_from_another_department_is_refused():
    meeting = convene()
    budget_seat = next(m for m, person in seats(meeting) if person and person.username == "budget")
    with pytest.raises(ValidationError, match="소속 부서 직원"):
        actions.record_attendance(
            actor=user("itplan"),
            meeting=meeting,
            membership=budget_seat,
            status=AttendanceStatus.PROXY,
            attendee=user("sponsor"),
        )


def test_a5_6_council_participants_are_the_registered_members_for_quorum():
    meeting = convene(council())
    all_seats = [m for m, _ in seats(meeting)]
    assert len(all_seats) == 8
    chosen = all_seats[:4]  # the chair and three members
    actions.set_participants(actor=user("itplan"), meeting=meeting, memberships=chosen)
    assert actions.tally(add_item(meeting, project_code="2027-DAT-001")).registered == 4
    attend(meeting, 3)
    assert actions.tally(meeting.items.first()).has_quorum  # 3 of 4


# --- votes, refusals, resolutions --------------------------------------------------------------------------
@pytest.fixture
def voting():
    meeting = convene()
    item = add_item(meeting)
    present = attend(meeting, 7)
    open_session(meeting)
    actions.open_voting(actor=user("itplan"), item=item)
    return meeting, item, present


def test_a4_8_resolution_passes_with_a_majority_of_those_present_and_is_chained(voting):
    meeting, item, present = voting
    events = LegalEvent.objects.filter(kind__in=(LegalEventKind.VOTE_CAST, LegalEventKind.RESOLUTION_RECORDED))
    before = events.count()  # the demo agency's own meetings
    vote_all(item, present, ["for", "for", "for", "for", "against", "abstain", "against"])
    resolution = actions.close_vote(actor=user("itplan"), item=item)
    assert resolution.outcome == "passed" and resolution.effect == ResolutionEffect.APPROVE
    assert resolution.tally["votes_needed"] == 4 and resolution.pack_version == "훈령 제2427호"
    assert "찬성 4, 반대 2, 기권 1" in resolution.explanation
    new = events.order_by("-seq")[: events.count() - before]
    assert sorted(e.kind for e in new) == sorted([LegalEventKind.VOTE_CAST] * 7 + [LegalEventKind.RESOLUTION_RECORDED])
    assert verify_chain().ok


def test_a4_8_a_tie_fails(voting):
    meeting, item, present = voting
    vote_all(item, present[:6], ["for", "for", "for", "against", "against", "against"])
    assert actions.close_vote(actor=user("itplan"), item=item).outcome == "rejected"


def test_a4_8_no_resolution_without_quorum_after_recusals(voting):
    meeting, item, present = voting
    # Five recuse themselves: 4 eligible registered, 2 of them present — no quorum for this item.
    for membership in present[2:7]:
        actions.record_recusal(
            actor=user("itplan"), item=item, membership=membership, kind="withdrawal", reason="해당 사업 관련 이해관계"
        )
    with pytest.raises(ValidationError, match="정족수에 미달하여 의결할 수 없습니다"):
        actions.close_vote(actor=user("itplan"), item=item)
    assert not Resolution.objects.filter(item=item).exists()


def test_recused_member_cannot_vote_and_nothing_changes(voting, unchanged):
    meeting, item, present = voting
    actions.record_recusal(
        actor=user("itplan"),
        item=item,
        membership=present[1],
        kind="exclusion",
        reason="사업 수행업체와 3년 이내 고용관계",
    )
    with unchanged(), pytest.raises(VoteRefused, match="제척·기피·회피"):
        actions.cast_vote(actor=user("itplan"), item=item, membership=present[1], choice=VoteChoice.FOR)


def test_a_non_member_cannot_vote(voting):
    meeting, item, present = voting
    adviser = Membership.objects.get(body=meeting.body, basis="adviser")
    with pytest.raises(VoteRefused, match="재적위원이 아니어서"):
        actions.cast_vote(actor=user("itplan"), item=item, membership=adviser, choice=VoteChoice.FOR)


def test_a_member_votes_once(voting, unchanged):
    meeting, item, present = voting
    actions.cast_vote(actor=user("itplan"), item=item, membership=present[0], choice=VoteChoice.FOR)
    with unchanged(), pytest.raises(VoteRefused, match="이미 표결했습니다"):
        actions.cast_vote(actor=user("itplan"), item=item, membership=present[0], choice=VoteChoice.AGAINST)


def test_a_vote_after_closing_is_refused(voting, unchanged):
    meeting, item, present = voting
    vote_all(item, present[:5], ["for"] * 5)
    actions.close_vote(actor=user("itplan"), item=item)
    with unchanged(), pytest.raises(VoteRefused, match="마감"):
        actions.cast_vote(actor=user("itplan"), item=item, membership=present[5], choice=VoteChoice.AGAINST)


def test_only_the_member_their_proxy_or_the_secretary_records_a_vote(voting):
    meeting, item, present = voting
    with pytest.raises(PermissionDenied):
        actions.cast_vote(actor=user("sponsor"), item=item, membership=present[0], choice=VoteChoice.FOR)


def test_a8_8_adjusted_resolution_records_priority_and_budget(voting):
    meeting, item, present = voting
    vote_all(item, present[:5], ["for"] * 5)
    resolution = actions.close_vote(
        actor=user("itplan"),
        item=item,
        effect=ResolutionEffect.APPROVE_ADJUSTED,
        priority_rank=2,
        adjusted_budget=800_000_000,
        remarks="예산 1억원 감액",
    )
    assert (resolution.priority_rank, resolution.adjusted_budget) == (2, 800_000_000)


def test_a_rejected_item_cannot_be_recorded_as_approved(voting):
    meeting, item, present = voting
    vote_all(item, present[:5], ["against"] * 5)
    with pytest.raises(ValidationError, match="부결된 안건은"):
        actions.close_vote(actor=user("itplan"), item=item, effect=ResolutionEffect.APPROVE)


def test_a5_5_council_item_escalated_to_the_committee_keeps_its_history():
    meeting = convene(council())
    item = add_item(meeting, project_code="2027-DAT-001")
    attend(meeting, 5)
    open_session(meeting)
    actions.open_voting(actor=user("council"), item=item)
    present = [a.membership for a in meeting.attendance.all()]
    vote_all(item, present, ["for"] * 5)
    actions.close_vote(actor=user("council"), item=item, effect=ResolutionEffect.ESCALATE)
    target = convene(day=TODAY + dt.timedelta(days=40))
    escalated = actions.escalate_item(actor=user("itplan"), item=item, to_meeting=target)
    assert escalated.escalated_from == item and escalated.meeting == target
    assert escalated.subject == item.subject and escalated.kind == CommitteeAgendaKind.SYSTEM_PLAN
    with pytest.raises(PermissionDenied):
        actions.escalate_item(actor=user("council"), item=item, to_meeting=target)


# --- written deliberation (a4.11) --------------------------------------------------------------------------
def test_a4_11_written_deliberation_opens_closes_and_fixes_the_outcome():
    meeting = convene(mode=MeetingMode.WRITTEN, written_reason="예산 요구 기한이 임박하여 긴급 심의")
    item = add_item(meeting)
    with pytest.raises(PermissionDenied):  # the chair opens it, not the secretary
        meeting.workflow.execute(
            meeting,
            "start_written",
            actor=user("itplan"),
            data={"reason": "긴급", "closes_at": timezone.now() + dt.timedelta(days=3)},
        )
    meeting.workflow.execute(
        meeting,
        "start_written",
        actor=user("cio"),
        data={"reason": "예산 요구 기한 임박", "closes_at": timezone.now() + dt.timedelta(days=3)},
    )
    meeting.refresh_from_db()
    members = seats(meeting)
    assert Obligation.objects.filter(kind="written_vote", subject_id=meeting.pk).count() == len(members)
    for membership, person in members[:6]:
        actions.cast_vote(
            actor=person,
            item=item,
            membership=membership,
            choice=VoteChoice.FOR if membership.pk % 3 else VoteChoice.AGAINST,
        )
    # Before the close, not everyone has voted: closing is blocked.
    with pytest.raises(Blocked, match="모든 재적위원이 표결해야"):
        meeting.workflow.execute(meeting, "finish_written", actor=user("itplan"))
    Meeting.objects.filter(pk=meeting.pk).update(voting_closes_at=timezone.now() - dt.timedelta(minutes=1))
    meeting.refresh_from_db()
    meeting.workflow.execute(meeting, "finish_written", actor=user("itplan"))
    resolution = Resolution.objects.get(item=item)
    assert resolution.tally["present"] == 6 and resolution.tally["registered"] == 9
    statuses = set(
        Obligation.objects.filter(kind="written_vote", subject_id=meeting.pk).values_list("status", flat=True)
    )
    assert statuses == {"met", "waived"}
    # Late votes are refused.
    late_seat, late_person = members[7]
    with pytest.raises(VoteRefused):
        actions.cast_vote(actor=late_person, item=item, membership=late_seat, choice=VoteChoice.FOR)


# --- concurrency (PostgreSQL row locks) ----------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's; SQLite serialises writers")
def test_closing_while_votes_arrive_loses_no_vote_and_counts_none_twice(demo):
    meeting = convene()
    item = add_item(meeting)
    present = attend(meeting, 9)
    open_session(meeting)
    actions.open_voting(actor=user("itplan"), item=item)
    vote_all(item, present[:5], ["for"] * 5)
    results, barrier = [], threading.Barrier(5)

    def late_vote(membership):
        from django.db import connections

        try:
            barrier.wait()
            actions.cast_vote(actor=user("itplan"), item=item, membership=membership, choice=VoteChoice.AGAINST)
            results.append("vote")
        except VoteRefused as error:
            results.append(str(error))
        finally:
            connections.close_all()

    def close():
        from django.db import connections

        try:
            barrier.wait()
            actions.close_vote(actor=user("itplan"), item=item)
            results.append("closed")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=late_vote, args=(m,)) for m in present[5:9]] + [threading.Thread(target=close)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    resolution = Resolution.objects.get(item=item)
    accepted = results.count("vote")
    assert "closed" in results
    # A vote that got the row lock before the close is counted; one after it is refused: none lost, none twice.
    assert resolution.tally["votes_for"] == 5 and resolution.tally["votes_against"] == accepted
    assert item.votes.count() == 5 + accepted
    refused = [r for r in results if r not in ("vote", "closed")]
    assert len(refused) == 4 - accepted and all("마감" in r for r in refused)


def test_meeting_workspace_query_count_does_not_grow_with_items_or_attendance(client_of):
    from itms.testing.suites import count_queries

    meeting = convene()
    add_item(meeting)
    client = client_of("itplan")
    url = meeting.get_absolute_url()
    client.get(url)
    first = count_queries(lambda: client.get(url))
    for number in range(4):
        add_item(meeting, title=f"추가 안건 {number}", project_code="2027-DAT-001")
    attend(meeting, 7)
    second = count_queries(lambda: client.get(url))
    assert second <= first + 2, f"회의 화면 질의 수가 늘어납니다 ({first} → {second})"

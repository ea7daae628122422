"""Convening, the 7-day agenda rule and the session's actual times (a4.6, a4.10, a5.6), from the directive's text.

제4조제6항 "위원회의 회의는 위원장이 소집하거나 위원의 소집 요구로 위원장이 소집한다." — the directive names no
number of members and no period: one member's demand obliges the chair (rule-pack parameter
``committee_convening_demand_percent``, 0), by a period the agency sets (``convening_demand_days``, a system
default of 14 days, not the directive's). 제5조제6항 "실무협의회는 실무협의회의 위원장이 소집하며" — no demand.
제4조제10항 "간사는 … 위원회 개최 7일 전까지 회의 안건을 작성하여 배포하여야 한다."
"""

import datetime as dt

import pytest
from django.utils import timezone

from itms.core.errors import Forbidden, Refused
from itms.governance import actions
from itms.governance.choices import CommitteeAgendaKind, MeetingState
from itms.governance.models import ConveningDemand, Meeting
from itms.governance.quorum import Tally
from itms.governance.tests.test_meetings import (
    TODAY,
    add_item,
    at,
    attend,
    committee,
    convene,
    council,
    on_the_day,
    open_on_the_day,
    user,
)
from itms.regulation.legal_calendar import forward
from itms.regulation.models import Obligation, Parameter

pytestmark = pytest.mark.django_db


def demand(by="itdept", purpose="AI 통관 시스템 구축계획의 우선순위 재심의"):
    return actions.file_convening_demand(actor=user(by), body=committee(), purpose=purpose)


# --- a4.6: the members' demand obliges the chair -----------------------------------------------------------
def test_a4_6_one_members_demand_obliges_the_chair_to_convene_by_the_agency_period():
    filed = demand()
    assert filed.is_effective and [s.user.username for s in filed.signers.all()] == ["itdept"]
    obligation = Obligation.objects.get(kind="convening_demand", subject_id=filed.pk)
    assert obligation.owed_by_role == "cio" and obligation.clause_ids == ["a4.6"]
    # The directive gives no period: the rule pack's system default (14 days, 민법 §157·§161) is used.
    assert obligation.due_date == forward(TODAY, 14).date
    assert Parameter.objects.get(key="convening_demand_days").confidence == "system"


def test_a4_6_the_chair_convenes_on_the_demand_and_the_record_says_who_and_on_whose_demand(client_of):
    filed = demand()
    meeting = convene(demand=filed)
    assert meeting.on_members_request and meeting.convening_demand == filed
    assert meeting.convened_by.username == "cio" and meeting.recorded_by.username == "itplan"
    assert meeting.request_note == filed.purpose
    obligation = Obligation.objects.get(kind="convening_demand", subject_id=filed.pk)
    assert obligation.status == "met" and str(meeting) in obligation.close_note
    page = client_of("itplan").get(meeting.get_absolute_url()).content.decode()
    assert "위원의 소집 요구에 따른 소집: 윤서진" in page and "김정민 소집" in page
    with pytest.raises(Refused, match="이미 회의를 소집했습니다"):
        convene(demand=filed)


def test_a4_6_only_members_with_a_vote_demand(unchanged):
    with unchanged(), pytest.raises(Forbidden) as refused:
        demand(by="sponsor")  # not a member
    assert refused.value.as_dict()["code"] == "governance.demand_members_only"
    with unchanged(), pytest.raises(Forbidden):
        demand(by="expert")  # an adviser (a4.4) has no vote and is no 위원
    with unchanged(), pytest.raises(Refused, match="사유"):
        demand(purpose="  ")


def test_a5_6_the_council_has_no_members_demand_its_chair_convenes(unchanged):
    with unchanged(), pytest.raises(Refused) as refused:
        actions.file_convening_demand(actor=user("itplan"), body=council(), purpose="회의 요구")
    assert refused.value.as_dict()["code"] == "governance.demand_not_for_body"
    with unchanged(), pytest.raises(Refused):
        convene(council(), on_members_request=True, request_note="위원 요구")


def test_a4_6_where_the_agency_requires_a_third_of_the_members_three_of_nine_must_join():
    """If the agency sets "재적위원 3분의 1 이상" (33.3%), 3 of the 9 members must join before the chair is obliged."""
    from itms.regulation.actions import change_parameter

    change_parameter(
        actor=user("itplan"),
        parameter=Parameter.objects.get(key="committee_convening_demand_percent"),
        value=33.3,
        effective_from=TODAY,
        reason="기관 운영 기준: 재적위원 3분의 1 이상",
    )
    filed = demand()
    assert not filed.is_effective and not Obligation.objects.filter(kind="convening_demand").exists()
    with pytest.raises(Refused, match="소집 요구에 필요한 3명에 이르지 않았습니다"):
        convene(demand=filed)
    actions.join_convening_demand(actor=user("budget"), demand=filed)
    with pytest.raises(Refused, match="이미 이 소집 요구에 참여했습니다"):
        actions.join_convening_demand(actor=user("budget"), demand=filed)
    filed = actions.join_convening_demand(actor=user("itplan"), demand=filed)
    assert filed.is_effective and Obligation.objects.get(kind="convening_demand").status == "open"


def test_a4_6_a_member_files_a_demand_from_the_committee_page(client_of):
    body = committee()
    page = client_of("itdept").get(body.get_absolute_url()).content.decode()
    assert 'data-testid="convening-demands"' in page and "소집 요구" in page
    response = client_of("itdept").post(f"/governance/bodies/{body.pk}/convening-demand/", {"purpose": "긴급 안건"})
    assert response.status_code == 302
    assert ConveningDemand.objects.get().filed_by.username == "itdept"
    assert (
        client_of("sponsor").post(f"/governance/bodies/{body.pk}/convening-demand/", {"purpose": "x"}).status_code
        == 403
    )


# --- a4.10 at the right time -----------------------------------------------------------------------------------
def test_a4_10_convening_fewer_than_seven_days_ahead_warns_when_the_meeting_is_scheduled(client_of):
    body = committee()
    day = TODAY + dt.timedelta(days=3)
    response = client_of("itplan").post(
        f"/governance/bodies/{body.pk}/convene/",
        {"mode": "in_person", "scheduled_at": f"{day.isoformat()}T14:00", "title": "", "place": ""},
        follow=True,
    )
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    assert any("안건 배포 기한" in m and "이미 지났습니다" in m and "늦어진 사유를 적어야" in m for m in shown), shown
    assert 'data-testid="short-notice"' in response.content.decode()
    # Scheduled well ahead: no warning.
    later = TODAY + dt.timedelta(days=30)
    response = client_of("itplan").post(
        f"/governance/bodies/{body.pk}/convene/",
        {"mode": "in_person", "scheduled_at": f"{later.isoformat()}T14:00", "title": "", "place": ""},
        follow=True,
    )
    assert not [m for m in response.context["messages"] if "안건 배포 기한" in str(m)]


def test_a4_10_an_item_added_after_a_late_distribution_needs_a_reason_and_is_recorded_late(unchanged):
    meeting = convene(day=TODAY + dt.timedelta(days=3))
    add_item(meeting)
    meeting.workflow.execute(meeting, "distribute", actor=user("itplan"), data={"late_reason": "긴급 소집"})
    meeting.refresh_from_db()
    with unchanged(), pytest.raises(Refused, match="늦어진 사유를 적어야 추가할 수 있습니다"):
        add_item(meeting, title="추가 안건")
    item = actions.add_agenda_item(
        actor=user("itplan"),
        meeting=meeting,
        kind=CommitteeAgendaKind.OTHER,
        title="추가 안건",
        late_reason="사업추진부서의 추가 요청",
    )
    late = Obligation.objects.get(kind="agenda_distribution", subject_id=meeting.pk, key=f"item-{item.pk}")
    assert late.display_status() == "met_late" and late.close_note.endswith("사업추진부서의 추가 요청")
    # No distribution of this meeting is shown as met on time.
    assert {
        o.display_status() for o in Obligation.objects.filter(kind="agenda_distribution", subject_id=meeting.pk)
    } == {"met_late"}


def test_a4_10_a_meeting_opens_on_its_date_and_before_it_only_with_a_recorded_reason(unchanged, client_of):
    meeting = convene()
    add_item(meeting)
    attend(meeting, 5)
    meeting.workflow.execute(meeting, "distribute", actor=user("itplan"))
    meeting.refresh_from_db()
    with unchanged(), pytest.raises(Refused) as refused:
        meeting.workflow.execute(meeting, "open", actor=user("itplan"))
    assert refused.value.as_dict()["code"] == "governance.early_open_reason" and refused.value.clause == "a4.10"
    meeting.workflow.execute(meeting, "open", actor=user("itplan"), data={"reason": "위원 전원 합의로 앞당김"})
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.IN_SESSION and meeting.early_open_reason == "위원 전원 합의로 앞당김"
    assert timezone.localtime(meeting.opened_at).date() == TODAY
    page = client_of("itplan").get(meeting.get_absolute_url()).content.decode()
    assert "예정일 전 개회" in page and "위원 전원 합의로 앞당김" in page


def test_a4_10_on_the_day_no_reason_is_asked_and_the_actual_times_are_recorded(client_of):
    meeting = convene()
    add_item(meeting)
    attend(meeting, 5)
    meeting.workflow.execute(meeting, "distribute", actor=user("itplan"))
    meeting.refresh_from_db()
    open_on_the_day(meeting)
    with on_the_day(meeting, hour=16):
        meeting.workflow.execute(Meeting.objects.get(pk=meeting.pk), "close", actor=user("itplan"))
    meeting.refresh_from_db()
    assert meeting.early_open_reason == ""
    assert timezone.localtime(meeting.opened_at) == at(meeting.meeting_date, 13)
    assert timezone.localtime(meeting.closed_at) == at(meeting.meeting_date, 16)
    page = client_of("itplan").get(meeting.get_absolute_url()).content.decode()
    assert 'data-testid="opened-at"' in page and 'data-testid="closed-at"' in page and "16:00" in page


# --- a tally before any vote names no result ------------------------------------------------------------------
def test_a4_8_a_tally_shows_no_result_before_anyone_has_voted():
    from fractions import Fraction

    t = Tally(9, 7, 0, 0, 0, 0, Fraction(1, 2), Fraction(1, 2))
    assert t.has_quorum and not t.has_votes
    text = t.explanation()
    assert "가결" not in text.replace("가결에", "") and "부결" not in text
    assert "아직 표결한 위원이 없습니다" in text and "찬성 4명 필요" in text


def test_a4_8_the_meeting_page_shows_no_result_for_an_item_nobody_has_voted_on(client_of):
    from itms.governance.tests.test_meetings import open_session

    meeting = convene()
    item = add_item(meeting)
    attend(meeting, 7)
    open_session(meeting)
    actions.open_voting(actor=user("itplan"), item=item)
    page = client_of("itplan").get(meeting.get_absolute_url()).content.decode()
    tally = page.split('data-testid="tally">')[1].split("</div>")[0]
    assert "부결" not in tally and "아직 표결한 위원이 없습니다" in tally
    with pytest.raises(Refused, match="아직 아무도 표결하지 않아"):
        actions.close_vote(actor=user("itplan"), item=item)

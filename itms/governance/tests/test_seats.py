"""Who is a registered member and who may be present (a4.7, a4.8, a5.8), worked from the directive's text.

제4조제8항: "위원회는 위원장을 포함한 재적위원 과반수의 출석으로 회의를 시작하고, 출석위원의 과반수의 찬성으로
의결한다." 재적위원 are the members actually appointed on the meeting date: a seat whose position nobody holds that
day is a vacancy, not a member, and only a person can be present.
제4조제7항: "위원장이 부득이한 사유로 직무를 수행하지 못 할 때에는 위원장이 지명하는 위원이 그 직무를 대행하고,
위원이 … 그 소속 공무원으로 하여금 위원회에 출석하여 그 권한을 대행하게 할 수 있다." The acting chair presides with
their own seat; nobody stands in for the chair's seat, and nobody is counted twice.
"""

import datetime as dt

import pytest

from itms.accounts.models import Assignment, AssignmentKind, Position, User
from itms.core.errors import Forbidden, Refused
from itms.governance import actions
from itms.governance.actions.votes import VoteRefused, meeting_tally
from itms.governance.choices import AttendanceStatus, MembershipBasis, VoteChoice
from itms.governance.models import Meeting, Membership
from itms.governance.tests.test_meetings import add_item, committee, convene, open_session, user

pytestmark = pytest.mark.django_db


def seat_of(meeting, code):
    """The committee seat of the head of unit ``code``."""
    return Membership.objects.get(body=meeting.body, position__unit__code=code, position__is_head=True)


def vacate(code, before: dt.date) -> None:
    """The head of ``code`` leaves the post the day before ``before`` and nobody is posted yet (인사 발령)."""
    assignment = Assignment.objects.get(
        position__unit__code=code, position__is_head=True, kind=AssignmentKind.REGULAR, end_date__isnull=True
    )
    assignment.end_date = before - dt.timedelta(days=1)
    assignment.save()


def present(meeting, *codes):
    for code in codes:
        actions.record_attendance(
            actor=user("itplan"), meeting=meeting, membership=seat_of(meeting, code), status=AttendanceStatus.PRESENT
        )


def fresh(meeting) -> Meeting:
    return Meeting.objects.get(pk=meeting.pk)


# --- a4.8: vacancies are not members -------------------------------------------------------------------------
def test_a4_8_nine_seats_two_vacant_make_seven_registered_and_four_present_with_the_chair_is_a_quorum():
    """Worked example: the committee has 9 voting seats (위원장, 5 정보화부서장, 3 지정 위원). The heads of
    연구개발장비팀 and 시스템운영팀 have left and nobody is posted: 재적 7. 과반수 of 7 is more than 3.5, so 4 present
    open the meeting — if the chair (or the acting chair) is one of them."""
    meeting = convene()
    assert Membership.objects.filter(body=committee()).exclude(basis=MembershipBasis.ADVISER).count() == 9
    vacate("KCS-RDE", meeting.meeting_date)
    vacate("KCS-SOT", meeting.meeting_date)

    counts = meeting_tally(fresh(meeting))
    assert (counts.registered, counts.quorum_needed) == (7, 4)

    present(meeting, "KCS-IDP", "KCS-ITP", "KCS-DAT")  # the chair and two members: 3 of 7
    assert not meeting_tally(fresh(meeting)).has_quorum
    present(meeting, "KCS-AIT")  # a fourth: 4 of 7, the chair among them
    counts = meeting_tally(fresh(meeting))
    assert (counts.registered, counts.present, counts.has_quorum) == (7, 4, True)
    assert "재적 7명, 출석 4명 — 의사정족수 4명(재적의 1/2 초과) 충족" in counts.quorum_explanation()


def test_a4_8_four_of_seven_without_the_chair_or_an_acting_chair_is_no_quorum():
    meeting = convene()
    vacate("KCS-RDE", meeting.meeting_date)
    vacate("KCS-SOT", meeting.meeting_date)
    present(meeting, "KCS-ITP", "KCS-DAT", "KCS-AIT", "KCS-BUD")
    counts = meeting_tally(fresh(meeting))
    assert (counts.registered, counts.present, counts.has_quorum) == (7, 4, False)
    assert "위원장(직무대행) 불참" in counts.quorum_explanation()


def test_a4_8_only_a_person_can_be_present_a_vacant_seat_is_refused_and_nothing_changes(unchanged):
    meeting = convene()
    vacate("KCS-RDE", meeting.meeting_date)
    for status in (AttendanceStatus.PRESENT, AttendanceStatus.ABSENT):
        with unchanged(), pytest.raises(Refused) as refused:
            actions.record_attendance(
                actor=user("itplan"), meeting=meeting, membership=seat_of(meeting, "KCS-RDE"), status=status
            )
        assert refused.value.as_dict()["code"] == "governance.vacant_seat" and refused.value.clause == "a4.8"
        assert "공석" in refused.value.message_text and "(제4조제8항)" in refused.value.message_text


def test_a4_8_the_meeting_page_names_the_vacancies_left_out_of_the_count(client_of):
    meeting = convene()
    add_item(meeting)
    vacate("KCS-RDE", meeting.meeting_date)
    page = client_of("itplan").get(meeting.get_absolute_url()).content.decode()
    assert 'data-testid="vacant-seats"' in page and "공석 1석(연구개발장비팀장)은 재적에 넣지 않습니다" in page
    assert "재적 8명" in page


def test_a4_8_a_person_holding_two_seats_is_one_member():
    """겸직: 데이터담당관 also heads 연구개발장비팀 (concurrently). One person, one member, one vote: 재적 8, not 9."""
    meeting = convene()
    vacate("KCS-RDE", meeting.meeting_date)
    Assignment.objects.create(
        user=user("itdept"),
        position=Position.objects.get(unit__code="KCS-RDE", is_head=True),
        kind=AssignmentKind.CONCURRENT,
        start_date=meeting.meeting_date - dt.timedelta(days=1),
    )
    assert meeting_tally(fresh(meeting)).registered == 8
    with pytest.raises(Refused, match="이 회의의 위원 자리가 아닙니다"):
        present(meeting, "KCS-RDE")


# --- a4.7: the acting chair presides with their own seat; nobody stands in for the chair's seat -----------------
def test_a4_7_the_acting_chair_presides_with_their_own_seat_and_the_absent_chairs_seat_stays_absent(unchanged):
    """The CIO cannot attend and names 정보기획담당관 to act. 정보기획담당관 is also an official of the CIO's bureau,
    but may not also stand in for the chair's seat: that would count one person twice and give two votes."""
    meeting = convene()
    item = add_item(meeting)
    chair_seat = seat_of(meeting, "KCS-IDP")
    own_seat = seat_of(meeting, "KCS-ITP")
    actions.name_acting_chair(actor=user("cio"), meeting=meeting, membership=own_seat)
    present(meeting, "KCS-ITP", "KCS-DAT", "KCS-AIT", "KCS-RDE", "KCS-SOT")
    with unchanged(), pytest.raises(Refused) as refused:
        actions.record_attendance(
            actor=user("itplan"),
            meeting=meeting,
            membership=chair_seat,
            status=AttendanceStatus.PROXY,
            attendee=user("itplan"),
        )
    assert refused.value.as_dict()["code"] == "governance.proxy_for_chair" and refused.value.clause == "a4.7"
    # Nor may any other official of the bureau hold the chair's seat for the CIO.
    with unchanged(), pytest.raises(Refused, match="위원장 자리에는 대리 출석을 기록할 수 없습니다"):
        actions.record_attendance(
            actor=user("itplan"),
            meeting=meeting,
            membership=chair_seat,
            status=AttendanceStatus.PROXY,
            attendee=user("itstaff"),
        )
    counts = meeting_tally(fresh(meeting))
    assert (counts.registered, counts.present, counts.presiding, counts.has_quorum) == (9, 5, True, True)

    open_session(fresh(meeting))
    actions.open_voting(actor=user("itplan"), item=item)
    actions.cast_vote(actor=user("itplan"), item=item, membership=own_seat, choice=VoteChoice.FOR)
    # The absent chair's seat casts no vote, whoever asks.
    with unchanged(), pytest.raises(VoteRefused, match="출석하지 않은 위원은 표결할 수 없습니다"):
        actions.cast_vote(actor=user("itplan"), item=item, membership=chair_seat, choice=VoteChoice.FOR)
    assert actions.tally(item).votes_for == 1


def test_a4_7_one_person_attends_for_one_seat_only(unchanged):
    """장유진 (데이터담당관실 주무관) is a designated member in person and may attend for 데이터담당관 — but not both."""
    meeting = convene()
    designated = Membership.objects.create(
        body=meeting.body,
        basis=MembershipBasis.DESIGNATED,
        user=user("itstaff"),
        start_date=meeting.meeting_date - dt.timedelta(days=10),
    )
    actions.record_attendance(
        actor=user("itplan"), meeting=meeting, membership=designated, status=AttendanceStatus.PRESENT
    )
    with unchanged(), pytest.raises(Refused) as refused:
        actions.record_attendance(
            actor=user("itplan"),
            meeting=meeting,
            membership=seat_of(meeting, "KCS-DAT"),
            status=AttendanceStatus.PROXY,
            attendee=user("itstaff"),
        )
    assert refused.value.as_dict()["code"] == "governance.one_seat_per_person"
    assert refused.value.message_text.startswith("장유진은 이 회의에 이미 다른 자리")


def test_a4_7_the_chair_names_another_sitting_member_not_their_own_seat_nor_a_vacancy(unchanged):
    meeting = convene()
    vacate("KCS-SOT", meeting.meeting_date)
    with unchanged(), pytest.raises(Refused, match="위원장 자신의 자리"):
        actions.name_acting_chair(actor=user("cio"), meeting=meeting, membership=seat_of(meeting, "KCS-IDP"))
    with unchanged(), pytest.raises(Refused, match="공석인 자리"):
        actions.name_acting_chair(actor=user("cio"), meeting=meeting, membership=seat_of(meeting, "KCS-SOT"))
    with unchanged(), pytest.raises(Refused, match="의결권 있는 위원"):
        adviser = Membership.objects.get(body=meeting.body, basis=MembershipBasis.ADVISER)
        actions.name_acting_chair(actor=user("cio"), meeting=meeting, membership=adviser)


def test_a5_6_only_the_council_chooses_participants_the_committees_registered_members_are_all_its_members(unchanged):
    meeting = convene()
    with unchanged(), pytest.raises(Refused) as refused:
        actions.set_participants(
            actor=user("cio"), meeting=meeting, memberships=[seat_of(meeting, "KCS-IDP"), seat_of(meeting, "KCS-ITP")]
        )
    assert refused.value.as_dict()["code"] == "governance.participants_council_only"


def test_a4_9_only_the_secretariat_records_attendance_and_the_refusal_says_who(unchanged):
    meeting = convene()
    with unchanged(), pytest.raises(Forbidden) as refused:
        actions.record_attendance(
            actor=User.objects.get(username="sponsor"),
            meeting=meeting,
            membership=seat_of(meeting, "KCS-IDP"),
            status=AttendanceStatus.PRESENT,
        )
    assert refused.value.message_text == "출석 기록은 위원장 또는 간사만 할 수 있습니다 (제4조제9항)."
    assert refused.value.as_dict()["code"] == "governance.secretariat_only" and refused.value.clause == "a4.9"

"""법정 기한 as records: the list with display status and filters, who sees which, the detail with its
computation, and the 면제 (waiver) that only the 정보기획담당관 gives — with a reason, chained."""

import datetime as dt

import pytest
from django.utils import timezone

from itms.accounts.models import User
from itms.accounts.roles import Role
from itms.audit.chain import verify_chain
from itms.audit.models import LegalEvent, LegalEventKind
from itms.regulation import legal_calendar
from itms.regulation.models import DisplayStatus, Obligation, ObligationStatus
from itms.regulation.obligations import meet_obligation
from itms.regulation.rules import param
from itms.regulation.tables import StatusClock
from itms.testing.example.models import ExampleRequest

from .helpers import IMPACT_REVIEW, REPLY, TODAY, obligation, unit

pytestmark = pytest.mark.django_db
LIST = "/regulation/obligations/"


@pytest.fixture(autouse=True)
def _only_these_obligations(db):
    """Given only the deadlines each test opens (the demo may carry some of its own)."""
    Obligation.objects.all().delete()


def _titles(response) -> list[str]:
    return [row.title for row in response.context["table"].data]


def _missed_impact_review():
    """An impact review received 30 days ago and never answered (a8.5: 14 days)."""
    request = ExampleRequest.objects.create(title="관세 빅데이터 플랫폼", unit=unit("KCS-CLP"), amount=1)
    received = TODAY - dt.timedelta(days=30)
    return obligation(
        kind=IMPACT_REVIEW.key, subject=request, start=received, owed_by_unit=unit("KCS-DAT"), title="영향도 검토 회신"
    )


# --- list, status, filters ------------------------------------------------------------------------
def test_a8_5_obligation_list_shows_overdue_for_a_missed_impact_review(client_of):
    missed = _missed_impact_review()
    assert missed.due_date < TODAY
    response = client_of("itdept").get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "영향도 검토 회신" in html
    assert 'data-status="overdue"' in html and "기한 경과" in html
    assert "제8조제5항" in html  # clause labels, not ids
    assert _titles(client_of("itdept").get(LIST, {"status": "overdue"})) == ["영향도 검토 회신"]
    assert _titles(client_of("itdept").get(LIST, {"status": "due_soon"})) == []


def test_display_status_in_the_list_is_the_models_display_status_for_every_day_around_today():
    clock = StatusClock.now()
    for offset in range(-3, 20):
        item = obligation(due=TODAY + dt.timedelta(days=offset))
        assert clock.status(item) == item.display_status(), offset


def test_met_late_and_waived_show_their_own_status(client_of, user_of):
    late = obligation(due=TODAY - dt.timedelta(days=5), title="늦게 이행한 회신")
    meet_obligation(kind=REPLY.key, key=late.key, actor=user_of("itplan"))
    on_time = obligation(due=TODAY + dt.timedelta(days=5), title="제때 이행한 회신")
    meet_obligation(kind=REPLY.key, key=on_time.key, actor=user_of("itplan"))
    client = client_of("itplan")
    assert _titles(client.get(LIST, {"status": "met_late"})) == ["늦게 이행한 회신"]
    assert _titles(client.get(LIST, {"status": "met"})) == ["제때 이행한 회신"]
    html = client.get(LIST).content.decode()
    assert 'data-status="met_late"' in html and "기한 후 이행" in html


@pytest.mark.clause("a2.0.7")  # due_soon_working_days: a default of the 정보화관리시스템
def test_due_soon_filter_follows_the_rule_packs_working_days(admin_client):
    days = int(param("due_soon_working_days").value)
    inside = obligation(due=legal_calendar.add_working_days(TODAY, days), title="임박")
    obligation(due=legal_calendar.add_working_days(TODAY, days + 3), title="여유")
    obligation(due=TODAY - dt.timedelta(days=1), title="경과")
    assert _titles(admin_client.get(LIST, {"status": "due_soon"})) == [inside.title]
    assert sorted(_titles(admin_client.get(LIST, {"status": "open"}))) == ["경과", "여유", "임박"]


def test_obligation_filters_by_kind_unit_role_clause_subject_and_due_range(admin_client):
    review = _missed_impact_review()
    reply = obligation(due=TODAY + dt.timedelta(days=40), title="기획 회신")
    personal = obligation(owed_by_user=User.objects.get(username="sponsor"), title="개인 회신")

    def titles(**query):
        return sorted(_titles(admin_client.get(LIST, query)))

    assert titles(kind=IMPACT_REVIEW.key) == [review.title]
    assert titles(owed_by_unit=unit("KCS-DAT").pk) == [review.title]
    assert titles(owed_by_unit="null") == sorted([reply.title, personal.title])
    assert titles(owed_by_role=Role.IT_PLANNING_OFFICER) == [reply.title]
    assert titles(owed_by_role="none") == [personal.title]
    assert titles(clause="a8.4") == [review.title]
    assert titles(clause="a8.5") == sorted([review.title, reply.title, personal.title])
    assert titles(clause="a8") == []  # an id, not a prefix
    assert titles(subject_type="example.examplerequest") == [review.title]
    assert titles(due_after=(TODAY + dt.timedelta(days=35)).isoformat()) == [reply.title]
    assert titles(due_before=TODAY.isoformat()) == [review.title]


def test_list_query_count_does_not_grow_for_a_scoped_official(client_of):
    from itms.testing.suites import count_queries

    client = client_of("itdept")
    for _ in range(3):
        obligation(owed_by_unit=unit("KCS-DAT"))
    first = count_queries(lambda: client.get(LIST))
    for _ in range(12):
        obligation(owed_by_unit=unit("KCS-DAT"))
    second = count_queries(lambda: client.get(LIST))
    assert second <= first <= 25


# --- who sees which --------------------------------------------------------------------------------
def test_a17_3_officials_see_what_they_owe_and_their_units_deadlines_only(client_of):
    planning = obligation(title="정보기획 회신")  # owed by the 정보기획담당관 (agency-wide role)
    data_unit = obligation(owed_by_unit=unit("KCS-DAT"), title="데이터담당관 회신")
    customs = obligation(owed_by_unit=unit("KCS-CLP"), title="통관기획과 회신")
    everything = sorted([planning.title, data_unit.title, customs.title])

    assert sorted(_titles(client_of("itplan").get(LIST))) == everything
    assert sorted(_titles(client_of("cio").get(LIST))) == everything
    assert sorted(_titles(client_of("security").get(LIST))) == everything
    assert _titles(client_of("itstaff").get(LIST)) == [data_unit.title]  # own unit
    assert _titles(client_of("sponsor").get(LIST)) == [customs.title]
    assert client_of("sponsor").get(data_unit.get_absolute_url()).status_code == 404
    for outsider in ("vendor", "expert"):
        assert client_of(outsider).get(LIST).status_code == 403
        assert client_of(outsider).get(f"/api/regulation/obligations/{customs.pk}/").status_code == 403


def test_api_lists_obligations_with_display_status_and_clause_labels(client_of):
    _missed_impact_review()
    body = client_of("itdept").get("/api/regulation/obligations/").json()
    row = body["results"][0]
    assert row["display_status"] == DisplayStatus.OVERDUE
    assert row["display_status_label"] == "기한 경과"
    assert row["clauses"] == "제8조제5항, 제8조제4항"
    assert row["owed_by"] == "정보화부서장 (데이터담당관)"
    assert client_of("itdept").get("/api/regulation/obligations/", {"status": "overdue"}).json()["count"] == 1


# --- detail --------------------------------------------------------------------------------------------
def test_a8_5_detail_shows_the_due_date_explanation_and_the_rule_reading_with_its_pack_version(client_of):
    missed = _missed_impact_review()
    response = client_of("itdept").get(missed.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert missed.due_explanation and missed.due_explanation in html
    assert "민법 제157조" in html  # the steps of the computation
    readings = response.context["computation"]["readings"]
    assert readings[0]["parameter"] == "impact_review_days"
    assert readings[0]["display"] == "14일"
    assert readings[0]["pack_version"] == "훈령 제2427호"
    assert "영향도 검토 회신 기간" in html and "훈령 제2427호" in html
    # The subject is linked (the official may see it).
    assert missed.subject.get_absolute_url() in html


# --- 면제 -------------------------------------------------------------------------------------------------
def _waive(client, item, reason="사업 취소로 검토가 필요 없음"):
    return client.post(f"/regulation/obligations/{item.pk}/waive/", {"reason": reason})


def test_it_planning_officer_waives_an_open_deadline_with_a_reason_and_it_is_chained(client_of, user_of):
    item = obligation(owed_by_unit=unit("KCS-DAT"))
    page = client_of("itplan").get(item.get_absolute_url()).content.decode()
    assert 'data-testid="waive-form"' in page
    response = _waive(client_of("itplan"), item)
    assert response.status_code == 303
    item.refresh_from_db()
    assert item.status == ObligationStatus.WAIVED
    assert item.close_note == "사업 취소로 검토가 필요 없음"
    assert item.closed_by == user_of("itplan")
    event = LegalEvent.objects.get(kind=LegalEventKind.OBLIGATION_WAIVED, subject_id=str(item.pk))
    assert event.payload["reason"] == "사업 취소로 검토가 필요 없음"
    assert event.clause_ids == ["a8.5"]
    assert verify_chain().ok
    assert client_of("itplan").get(item.get_absolute_url()).context["display_status"] == DisplayStatus.WAIVED


def test_waiver_without_a_reason_is_refused_in_korean_and_changes_nothing(client_of, unchanged):
    item = obligation()
    client = client_of("itplan")
    with unchanged():
        response = _waive(client, item, reason="  ")
    assert response.status_code == 400
    assert "면제 사유를 입력하십시오." in response.content.decode()


@pytest.mark.parametrize("username", ["sponsor", "itdept", "cio", "sysadmin"])
def test_a8_2_only_the_it_planning_officer_waives(client_of, unchanged, username):
    item = obligation(owed_by_unit=unit("KCS-DAT"))
    client = client_of(username)
    visible = client.get(item.get_absolute_url())
    with unchanged():
        response = _waive(client, item)
    # Who cannot see the deadline gets 404 (no existence leak), who can see it 403.
    assert response.status_code == (403 if visible.status_code == 200 else 404)
    if visible.status_code == 200:
        assert 'data-testid="waive-form"' not in visible.content.decode()


def test_anonymous_and_vendor_waivers_are_refused(client_of, unchanged):
    from django.test import Client

    item = obligation()
    vendor = client_of("vendor")
    with unchanged():
        assert _waive(Client(), item).status_code == 302
        assert _waive(vendor, item).status_code == 404
        assert Client().get(f"/regulation/obligations/{item.pk}/waive/").status_code == 302


def test_a_closed_deadline_cannot_be_waived(client_of, user_of, unchanged):
    item = obligation()
    meet_obligation(kind=REPLY.key, key=item.key, actor=user_of("itplan"), at=timezone.now())
    client = client_of("itplan")
    with unchanged():
        response = _waive(client, item)
    assert response.status_code == 400
    assert "이미 종결된 기한입니다." in response.content.decode()


def test_mine_filter_narrows_the_list_to_what_i_owe(client_of):
    """The home page's "모두 보기" link: ?mine=true&status=open."""
    owed = obligation(owed_by_unit=unit("KCS-DAT"), title="부서장 회신")  # owed by the head (itdept)
    staff_unit = obligation(
        owed_by_unit=unit("KCS-DAT"), owed_by_user=User.objects.get(username="itstaff"), title="직원 회신"
    )
    client = client_of("itdept")
    assert _titles(client.get(LIST, {"mine": "true", "status": "open"})) == [owed.title]
    assert _titles(client.get(LIST, {"mine": "false"})) == [staff_unit.title]
    assert sorted(_titles(client.get(LIST))) == sorted([owed.title, staff_unit.title])


def test_due_soon_query_and_badge_agree_across_a_weekend():
    """On Tue 2026-11-24 with 3 working days: a deadline on Sat 11-28 is due soon in lists and badges alike."""
    import datetime as dt

    from itms.accounts.models import User
    from itms.regulation.models import Obligation

    today = dt.date(2026, 11, 24)
    sponsor = User.objects.get(username="sponsor")
    obligations = [
        Obligation.objects.create(kind="cio_request_response", title=str(day), due_date=day, owed_by_user=sponsor)
        for day in (dt.date(2026, 11, 27), dt.date(2026, 11, 28), dt.date(2026, 11, 30))
    ]
    listed = set(
        Obligation.objects.filter(pk__in=[o.pk for o in obligations]).due_soon(today).values_list("due_date", flat=True)
    )
    badged = {o.due_date for o in obligations if o.display_status(today) == "due_soon"}
    assert listed == badged == {dt.date(2026, 11, 27), dt.date(2026, 11, 28)}

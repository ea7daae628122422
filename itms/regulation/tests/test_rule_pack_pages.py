"""The rule pack on screen: versions with their amendment history, parameters with their values over
time, "값 변경" by the 정보기획담당관 (unit-checked, effective-dated, chained), and the holiday
exceptions the system administrator keeps."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from itms.audit.chain import verify_chain
from itms.audit.models import LegalEvent, LegalEventKind
from itms.regulation import legal_calendar
from itms.regulation.actions import change_parameter
from itms.regulation.models import CalendarException, Parameter, ParameterValue, RulePack
from itms.regulation.rules import pack_in_force, param

from .helpers import TODAY, free_weekday

pytestmark = pytest.mark.django_db
TOMORROW = TODAY + dt.timedelta(days=1)


def _parameter(key: str) -> Parameter:
    return Parameter.objects.get(pack=pack_in_force(), key=key)


def _change(client, parameter, value, effective_from=TOMORROW, reason="훈령 개정 반영"):
    data = {"value": value, "effective_from": str(effective_from), "reason": reason}
    return client.post(f"/regulation/parameters/{parameter.pk}/change/", data)


# --- rule packs ----------------------------------------------------------------------------------------
def test_rule_pack_list_and_detail_show_number_dates_and_amendment_history(client_of):
    pack = pack_in_force()
    client = client_of("sponsor")
    listing = client.get("/regulation/rule-packs/").content.decode()
    assert "훈령 제2427호" in listing and "시행 중" in listing
    response = client.get(pack.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="amendments"' in html
    assert all(f"제{a['number']}호" in html for a in pack.amendments)
    assert "영향도 검토 회신 기간" in html  # the pack's parameters with their current values
    assert pack.source_text[:200] not in html  # not the whole text


# --- parameters ----------------------------------------------------------------------------------------
def test_parameter_page_shows_current_value_unit_clauses_source_confidence_and_history(client_of):
    parameter = _parameter("impact_review_days")
    response = client_of("sponsor").get(parameter.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    for text in ("14일", "일", "제8조제5항", "관세행정 정보화 추진에 관한 훈령 제2427호", "훈령 본문"):
        assert text in html, text
    assert 'data-testid="value-history"' in html
    assert 'data-testid="change-form"' not in html  # only the 정보기획담당관 changes values


def test_parameter_change_is_chained_and_effective_dated(user_of):
    parameter = _parameter("impact_review_days")
    from_day = TODAY + dt.timedelta(days=10)
    original = list(parameter.values.values_list("pk", "value", "effective_from"))

    new = change_parameter(
        actor=user_of("itplan"), parameter=parameter, value="10", effective_from=from_day, reason="훈령 개정(가정)"
    )

    assert new.value == 10 and new.changed_by == user_of("itplan")
    assert param("impact_review_days", TODAY).value == 14
    assert param("impact_review_days", from_day - dt.timedelta(days=1)).value == 14
    assert param("impact_review_days", from_day).value == 10
    # The earlier value is kept as it was: a change adds a row, never edits one.
    assert (
        list(parameter.values.filter(pk__in=[p for p, _, _ in original]).values_list("pk", "value", "effective_from"))
        == original
    )
    event = LegalEvent.objects.get(kind=LegalEventKind.PARAMETER_CHANGED, subject_id=str(parameter.pk))
    assert event.clause_ids == ["a8.5"]
    assert event.pack_version == "훈령 제2427호"
    assert event.payload["previous"] == 14 and event.payload["value"] == 10
    assert event.payload["effective_from"] == from_day.isoformat()
    assert event.actor == user_of("itplan")
    assert verify_chain().ok


def test_it_planning_officer_changes_a_value_on_the_parameter_page(client_of):
    parameter = _parameter("committee_quorum")
    client = client_of("itplan")
    assert 'data-testid="change-form"' in client.get(parameter.get_absolute_url()).content.decode()
    response = _change(client, parameter, "2/3")
    assert response.status_code == 303
    assert param("committee_quorum", TOMORROW).value == "2/3"
    assert param("committee_quorum", TODAY).value == "1/2"
    page = client.get(parameter.get_absolute_url()).content.decode()
    assert "2/3" in page and "훈령 개정 반영" in page  # in the history


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("impact_review_days", "14일", "0 이상의 정수"),
        ("impact_review_days", "-3", "0 이상의 정수"),
        ("committee_quorum", "3/2", "1 이하"),
        ("committee_quorum", "셋 중 둘", "분수로"),
        ("pre_review_due", "02-30", "있을 수 없는 날짜"),
        ("pre_review_due", "1월 31일", "MM-DD"),
        ("agenda_distribution_counting", "loose", "허용되는 값이 아닙니다"),
        ("technical_weight_percent", "120", "0에서 100 사이"),
        ("evaluator_count_table", "7명", "JSON"),
    ],
)
def test_wrong_unit_parameter_value_is_refused_in_korean_and_changes_nothing(client_of, unchanged, key, value, message):
    parameter = _parameter(key)
    client = client_of("itplan")
    with unchanged():
        response = _change(client, parameter, value)
    assert response.status_code == 400
    errors = response.context["change_form"].errors["value"]
    assert message in " ".join(errors), errors


def test_parameter_change_never_edits_a_value_of_the_same_date(client_of, unchanged, user_of):
    parameter = _parameter("impact_review_days")
    change_parameter(actor=user_of("itplan"), parameter=parameter, value=10, effective_from=TOMORROW, reason="1차")
    client = client_of("itplan")
    with unchanged():
        response = _change(client, parameter, "12", TOMORROW)
    assert response.status_code == 400
    assert "이미 있습니다" in " ".join(response.context["change_form"].errors["effective_from"])


@pytest.mark.parametrize(
    ("effective_from", "reason", "field"),
    [
        (TODAY - dt.timedelta(days=1), "소급", "effective_from"),
        (TOMORROW, "", "reason"),
        ("2026-02-30", "x", "effective_from"),
    ],
)
def test_parameter_change_needs_a_reason_and_a_real_date_not_in_the_past(
    client_of, unchanged, effective_from, reason, field
):
    parameter = _parameter("impact_review_days")
    client = client_of("itplan")
    with unchanged():
        response = _change(client, parameter, "10", effective_from, reason)
    assert response.status_code == 400
    assert response.context["change_form"].errors[field]


@pytest.mark.parametrize(("username", "status"), [("sponsor", 403), ("sysadmin", 403), ("cio", 403), ("vendor", 404)])
def test_a8_2_only_the_it_planning_officer_changes_parameters(client_of, unchanged, username, status):
    parameter = _parameter("impact_review_days")
    client = client_of(username)
    with unchanged():
        assert _change(client, parameter, "10").status_code == status
        assert _change(Client(), parameter, "10").status_code == 302


def test_change_parameter_action_refuses_without_permission_and_with_a_bad_value(user_of, unchanged):
    parameter = _parameter("impact_review_days")
    with unchanged():
        with pytest.raises(PermissionDenied):
            change_parameter(
                actor=user_of("sponsor"), parameter=parameter, value=10, effective_from=TOMORROW, reason="x"
            )
        with pytest.raises(ValidationError):
            change_parameter(
                actor=user_of("itplan"), parameter=parameter, value="14일", effective_from=TOMORROW, reason="x"
            )


def test_value_on_a_date_shows_the_value_in_force_that_day(client_of, user_of):
    parameter = _parameter("impact_review_days")
    later = TODAY + dt.timedelta(days=20)
    change_parameter(actor=user_of("itplan"), parameter=parameter, value=21, effective_from=later, reason="개정")
    client = client_of("sponsor")
    before = client.get(parameter.get_absolute_url(), {"on": TODAY.isoformat()}).context["on_date"]
    after = client.get(parameter.get_absolute_url(), {"on": later.isoformat()}).context["on_date"]
    assert before["display"] == "14일" and after["display"] == "21일"
    html = client.get(parameter.get_absolute_url(), {"on": later.isoformat()}).content.decode()
    assert 'data-testid="value-on-date-answer"' in html and "21일" in html
    too_early = client.get(parameter.get_absolute_url(), {"on": "1990-01-01"}).context["on_date"]
    assert "시행 중인 훈령이 없습니다" in too_early["error"]
    impossible = client.get(parameter.get_absolute_url(), {"on": "2026-02-30"}).context["on_date"]["form"]
    assert "존재하지 않는 날짜" in " ".join(impossible.errors["on"])


def test_parameter_list_shows_current_values(client_of):
    html = client_of("sponsor").get("/regulation/parameters/").content.decode()
    assert "영향도 검토 회신 기간" in html and "14일" in html and "1,000,000,000원" in html


# --- holiday exceptions ----------------------------------------------------------------------------------
@pytest.mark.clause("a2.0.7")  # the system administrator keeps the 정보화관리시스템's calendar
@pytest.mark.parametrize("username", ["sysadmin", "itplan"])
def test_system_administrator_and_it_planning_officer_add_an_ad_hoc_holiday_the_calendar_honours(client_of, username):
    day = free_weekday()
    assert legal_calendar.is_working_day(day)
    response = client_of(username).post(
        "/regulation/calendar-exceptions/add/",
        {"date": day.isoformat(), "kind": "added", "name": "임시공휴일", "reason": "국무회의 의결"},
    )
    assert response.status_code == 302
    assert not legal_calendar.is_working_day(day)
    assert legal_calendar.holiday_name(day) == "임시공휴일"


@pytest.mark.parametrize("username", ["sponsor", "cio", "itdept"])
def test_other_officials_cannot_add_holiday_exceptions(client_of, unchanged, username):
    client = client_of(username)
    with unchanged():
        response = client.post(
            "/regulation/calendar-exceptions/add/",
            {"date": free_weekday().isoformat(), "kind": "added", "name": "임시공휴일"},
        )
    assert response.status_code == 403


def test_a_holiday_cannot_be_added_twice_and_a_sunday_cannot_be_removed(client_of, unchanged):
    client = client_of("sysadmin")
    with unchanged():
        chuseok = client.post(
            "/regulation/calendar-exceptions/add/", {"date": "2026-09-25", "kind": "added", "name": "추석"}
        )
        sunday = client.post(
            "/regulation/calendar-exceptions/add/", {"date": "2026-11-29", "kind": "removed", "name": "일요일"}
        )
    assert chuseok.status_code == 400 and "이미 공휴일" in " ".join(chuseok.context["form"].errors["date"])
    assert sunday.status_code == 400 and "일요일은" in " ".join(sunday.context["form"].errors["date"])
    assert not CalendarException.objects.exists()


def test_rule_pack_and_parameters_have_no_generic_write_pages(admin_client):
    parameter = _parameter("impact_review_days")
    assert admin_client.get(f"/regulation/parameters/{parameter.pk}/edit/").status_code == 404
    assert admin_client.get("/regulation/rule-packs/add/").status_code == 404
    assert admin_client.patch(f"/api/regulation/parameters/{parameter.pk}/", {}).status_code == 405
    assert ParameterValue.objects.filter(parameter=parameter).count() == 1
    assert RulePack.objects.count() >= 1

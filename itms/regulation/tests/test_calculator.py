"""법정기한 계산기: 민법 periods forward and backward, with the Korean explanation, the warning and the
holidays in between; htmx swaps only the result; bad input gets Korean errors."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db
URL = "/regulation/calculator/"


def _get(client, **query):
    return client.get(URL, query)


def test_a8_5_forward_14_days_from_receipt_rolls_past_chuseok_to_the_next_working_day(client_of):
    response = _get(client_of("sponsor"), direction="forward", date="2026-09-10", days="14")
    html = response.content.decode()
    assert response.status_code == 200
    assert "2026. 9. 28.(월)" in html
    assert "초일 불산입" in html and "민법 제161조" in html
    holidays = response.context["holidays"]
    names = [name for _, name in holidays]
    assert names == ["추석 전날", "추석", "추석 다음날"]
    assert response.context["weekend_days"] == 5  # 9/12, 9/13, 9/19, 9/20, 9/27 (9/26 is 추석 다음날)


def test_forward_counting_the_first_day_and_working_days_only(client_of):
    client = client_of("sponsor")
    first_day = _get(client, direction="forward", date="2026-09-10", days="14", count_first_day="on")
    assert first_day.context["result"].date.isoformat() == "2026-09-23"
    assert "초일 산입" in first_day.content.decode()
    working = _get(client, direction="forward", date="2026-09-10", days="14", working_days="on")
    assert working.context["result"].date.isoformat() == "2026-10-02"
    assert "근무일만 계산" in working.content.decode()


def test_a4_10_backward_strict_and_lenient_warn_when_the_day_is_not_a_working_day(client_of):
    client = client_of("itplan")
    strict = _get(client, direction="backward", date="2026-10-12", days="7", counting="strict")
    assert strict.context["result"].date.isoformat() == "2026-10-04"
    assert "일요일이므로 전 근무일 2026. 10. 2.(금)까지 하십시오." in strict.content.decode()
    lenient = _get(client, direction="backward", date="2026-10-12", days="7", counting="lenient")
    assert lenient.context["result"].date.isoformat() == "2026-10-05"
    assert "개천절 대체 휴일" in lenient.content.decode()
    assert [name for _, name in lenient.context["holidays"]] == ["개천절 대체 휴일", "한글날"]


def test_htmx_request_gets_only_the_result(client_of):
    response = client_of("sponsor").get(
        URL, {"direction": "forward", "date": "2026-09-10", "days": "14"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'data-testid="calculator-result"' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"date": "2026-09-10", "days": "-1"}, "기간은 0일 이상이어야 합니다."),
        ({"date": "2026-02-30", "days": "14"}, "2026-02-30&#x27;은 존재하지 않는 날짜입니다."),
        ({"date": "어제", "days": "14"}, "날짜 형식(YYYY-MM-DD)이 아닙니다"),
        ({"date": "2026-09-10", "days": "열나흘"}, "정수로 입력하십시오"),
        ({"date": "", "days": "14"}, "날짜를 입력하십시오."),
        ({"date": "9999-12-20", "days": "30"}, "달력의 범위"),
    ],
)
def test_bad_input_is_answered_with_korean_form_errors(client_of, query, message):
    client = client_of("sponsor")
    response = _get(client, direction="forward", **query)
    assert response.status_code == 400
    assert message in response.content.decode()
    partial = client.get(URL, {"direction": "forward", **query}, HTTP_HX_REQUEST="true")
    assert partial.status_code == 200  # htmx swaps 2xx only: the errors come inside the partial
    assert 'data-testid="calculator-errors"' in partial.content.decode()


def test_empty_page_shows_the_form_with_todays_date(client_of):
    from django.utils import timezone

    response = client_of("budget").get(URL)
    assert response.status_code == 200
    assert "result" not in response.context
    assert f'value="{timezone.localdate().isoformat()}"' in response.content.decode()


@pytest.mark.parametrize(("username", "status"), [("vendor", 403), ("expert", 403), (None, 302)])
def test_calculator_is_for_officials(client_of, username, status):
    client = client_of(username) if username else Client()
    assert client.get(URL).status_code == status

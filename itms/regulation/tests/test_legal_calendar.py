"""The legal calendar: 공휴일 (관공서의 공휴일에 관한 규정, holidays 0.109), 민법 제157·159·161조 forward
periods (a8.5), backward "N일 전까지" periods (a4.10, a15.4, a20.3), CalendarException, the command.

Expected dates are written out by hand from the 2026/2027 calendars, not computed by the code under test.
"""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from itms.core.formats import format_date
from itms.regulation import legal_calendar as lc
from itms.regulation.legal_calendar import ComputedDate, backward, forward
from itms.regulation.models.calendar import CalendarException

pytestmark = pytest.mark.django_db

D = dt.date
KST = dt.timezone(dt.timedelta(hours=9))


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    # A test's rolled-back CalendarException rows fire no post_delete; never let them leak.
    lc.clear_cache()
    yield
    lc.clear_cache()


# --- holidays: the 2026 and 2027 lists -------------------------------------------------------------

HOLIDAYS_2026 = {
    D(2026, 1, 1): "신정연휴",
    D(2026, 2, 16): "설날 전날",
    D(2026, 2, 17): "설날",
    D(2026, 2, 18): "설날 다음날",
    D(2026, 3, 1): "삼일절",
    D(2026, 3, 2): "삼일절 대체 휴일",
    D(2026, 5, 1): "노동절",
    D(2026, 5, 5): "어린이날",
    D(2026, 5, 24): "부처님오신날",
    D(2026, 5, 25): "부처님오신날 대체 휴일",
    D(2026, 6, 3): "지방선거일",
    D(2026, 6, 6): "현충일",
    D(2026, 7, 17): "제헌절",
    D(2026, 8, 15): "광복절",
    D(2026, 8, 17): "광복절 대체 휴일",
    D(2026, 9, 24): "추석 전날",
    D(2026, 9, 25): "추석",
    D(2026, 9, 26): "추석 다음날",
    D(2026, 10, 3): "개천절",
    D(2026, 10, 5): "개천절 대체 휴일",
    D(2026, 10, 9): "한글날",
    D(2026, 12, 25): "기독탄신일",
}

HOLIDAYS_2027 = {
    D(2027, 1, 1): "신정연휴",
    D(2027, 2, 6): "설날 전날",
    D(2027, 2, 7): "설날",
    D(2027, 2, 8): "설날 다음날",
    D(2027, 2, 9): "설날 대체 휴일",
    D(2027, 3, 1): "삼일절",
    D(2027, 5, 1): "노동절",
    D(2027, 5, 3): "노동절 대체 휴일",
    D(2027, 5, 5): "어린이날",
    D(2027, 5, 13): "부처님오신날",
    D(2027, 6, 6): "현충일",
    D(2027, 7, 17): "제헌절",
    D(2027, 7, 19): "제헌절 대체 휴일",
    D(2027, 8, 15): "광복절",
    D(2027, 8, 16): "광복절 대체 휴일",
    D(2027, 9, 14): "추석 전날",
    D(2027, 9, 15): "추석",
    D(2027, 9, 16): "추석 다음날",
    D(2027, 10, 3): "개천절",
    D(2027, 10, 4): "개천절 대체 휴일",
    D(2027, 10, 9): "한글날",
    D(2027, 10, 11): "한글날 대체 휴일",
    D(2027, 12, 25): "기독탄신일",
    D(2027, 12, 27): "기독탄신일 대체 휴일",
}


def _named_days(year: int) -> dict[dt.date, str]:
    """Every day of the year whose name is not a bare weekday name."""
    day, out = D(year, 1, 1), {}
    while day.year == year:
        name = lc.holiday_name(day)
        if name not in (None, "토요일", "일요일"):
            out[day] = name
        day += dt.timedelta(days=1)
    return out


def test_public_holidays_2026_are_exactly_the_22_days_of_the_2026_regulation():
    assert _named_days(2026) == HOLIDAYS_2026


def test_public_holidays_2027_are_exactly_the_24_days_including_seven_substitutes():
    assert _named_days(2027) == HOLIDAYS_2027


@pytest.mark.parametrize(
    ("first", "last", "before", "after"),
    [
        (D(2026, 2, 16), D(2026, 2, 18), D(2026, 2, 13), D(2026, 2, 19)),  # 설날 2026 (Mon–Wed)
        (D(2027, 2, 6), D(2027, 2, 9), D(2027, 2, 5), D(2027, 2, 10)),  # 설날 2027 + 대체 2/9
        (D(2026, 9, 24), D(2026, 9, 27), D(2026, 9, 23), D(2026, 9, 28)),  # 추석 2026 runs into Sat–Sun
        (D(2027, 9, 14), D(2027, 9, 16), D(2027, 9, 13), D(2027, 9, 17)),  # 추석 2027 (Tue–Thu)
    ],
)
def test_seollal_and_chuseok_spans_are_non_working_and_their_edges_are_working(first, last, before, after):
    day = first
    while day <= last:
        assert not lc.is_working_day(day), day
        day += dt.timedelta(days=1)
    assert lc.is_working_day(before)
    assert lc.is_working_day(after)


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2026, 3, 2), "삼일절 대체 휴일"),
        (D(2026, 5, 25), "부처님오신날 대체 휴일"),
        (D(2026, 8, 17), "광복절 대체 휴일"),
        (D(2026, 10, 5), "개천절 대체 휴일"),
        (D(2027, 2, 9), "설날 대체 휴일"),
        (D(2027, 5, 3), "노동절 대체 휴일"),
        (D(2027, 7, 19), "제헌절 대체 휴일"),
        (D(2027, 8, 16), "광복절 대체 휴일"),
        (D(2027, 10, 4), "개천절 대체 휴일"),
        (D(2027, 10, 11), "한글날 대체 휴일"),
        (D(2027, 12, 27), "기독탄신일 대체 휴일"),
    ],
)
def test_regulation_art3_substitute_holidays_2026_2027_are_weekday_holidays(day, name):
    assert day.weekday() < 5
    assert lc.holiday_name(day) == name
    assert lc.is_holiday(day)
    assert not lc.is_working_day(day)


def test_2026_06_03_local_election_day_is_a_holiday():
    assert lc.holiday_name(D(2026, 6, 3)) == "지방선거일"
    assert lc.is_holiday(D(2026, 6, 3))
    assert lc.is_working_day(D(2026, 6, 2))
    assert lc.is_working_day(D(2026, 6, 4))


def test_labour_day_may_1_is_a_public_holiday_from_2026():
    assert lc.holiday_name(D(2026, 5, 1)) == "노동절"
    assert not lc.is_working_day(D(2026, 5, 1))
    # 2027-05-01 is a Saturday → substitute on Monday 5/3.
    assert lc.holiday_name(D(2027, 5, 1)) == "노동절"
    assert lc.holiday_name(D(2027, 5, 3)) == "노동절 대체 휴일"


def test_constitution_day_july_17_is_a_public_holiday_from_2026():
    assert lc.holiday_name(D(2026, 7, 17)) == "제헌절"
    assert not lc.is_working_day(D(2026, 7, 17))
    assert lc.holiday_name(D(2027, 7, 19)) == "제헌절 대체 휴일"


def test_constitution_day_and_labour_day_were_working_days_before_2026():
    assert lc.is_working_day(D(2025, 7, 17))
    assert lc.is_working_day(D(2025, 5, 1))


def test_sunday_is_a_public_holiday_named_ilyoil():
    assert lc.is_holiday(D(2026, 2, 8))
    assert lc.holiday_name(D(2026, 2, 8)) == "일요일"
    assert not lc.is_working_day(D(2026, 2, 8))


def test_saturday_is_not_a_public_holiday_but_not_a_working_day():
    assert not lc.is_holiday(D(2026, 2, 7))
    assert lc.holiday_name(D(2026, 2, 7)) == "토요일"
    assert not lc.is_working_day(D(2026, 2, 7))


def test_holiday_on_a_weekend_keeps_its_own_name():
    assert lc.holiday_name(D(2026, 6, 6)) == "현충일"  # Saturday, no substitute for 현충일
    assert lc.is_holiday(D(2026, 6, 6))
    assert lc.holiday_name(D(2026, 3, 1)) == "삼일절"  # Sunday


def test_ordinary_weekday_has_no_holiday_name():
    assert lc.holiday_name(D(2026, 2, 19)) is None
    assert not lc.is_holiday(D(2026, 2, 19))
    assert lc.is_working_day(D(2026, 2, 19))


# --- working days ---------------------------------------------------------------------------------


def test_next_working_day_skips_the_whole_seollal_weekend_2027():
    assert lc.next_working_day(D(2027, 2, 6)) == D(2027, 2, 10)
    assert lc.next_working_day(D(2027, 2, 10)) == D(2027, 2, 10)  # on or after


def test_previous_working_day_skips_samiljeol_and_its_substitute():
    assert lc.previous_working_day(D(2026, 3, 2)) == D(2026, 2, 27)
    assert lc.previous_working_day(D(2026, 2, 27)) == D(2026, 2, 27)  # on or before


def test_add_working_days_across_chuseok_2026():
    # 9/23 Wed → 9/24–27 off → 9/28 (1), 9/29 (2), 9/30 (3).
    assert lc.add_working_days(D(2026, 9, 23), 3) == D(2026, 9, 30)
    assert lc.add_working_days(D(2026, 9, 30), -3) == D(2026, 9, 23)
    assert lc.add_working_days(D(2026, 9, 26), 0) == D(2026, 9, 26)


def test_working_days_between_counts_after_a_up_to_and_including_b():
    # February 2026: 2/3 Tue → 2/26 Thu are 14 working days (설날 16–18 and four weekend days out).
    assert lc.working_days_between(D(2026, 2, 3), D(2026, 2, 26)) == 14
    assert lc.working_days_between(D(2026, 2, 26), D(2026, 2, 3)) == -14
    assert lc.working_days_between(D(2026, 2, 13), D(2026, 2, 19)) == 1
    assert lc.working_days_between(D(2026, 2, 3), D(2026, 2, 3)) == 0


def test_working_days_in_october_2026_are_20():
    # 31 days − 9 weekend days − 개천절 대체 10/5 − 한글날 10/9 (개천절 itself is a Saturday).
    assert lc.working_days_between(D(2026, 9, 30), D(2026, 10, 31)) == 20


# --- forward periods: a8.5 (영향도 검토 회신 14일 이내), 민법 제157·159·161조 ----------------------------


def test_a8_5_impact_review_reply_due_14_days_after_receipt_rolls_past_seollal():
    result = forward(D(2026, 2, 3), 14)
    assert result.date == D(2026, 2, 19)
    assert result.explanation == (
        "2026. 2. 3.(화) 접수, 초일 불산입 → 14일째 2026. 2. 17.(화)은 설날, "
        "2026. 2. 18.(수)은 설날 다음날 → 다음 근무일 2026. 2. 19.(목)"
    )
    assert result.steps == [
        "기산: 2026. 2. 3.(화) 접수 — 초일 불산입(민법 제157조)",
        "만료일: 2026. 2. 3.(화) + 14일 = 2026. 2. 17.(화)",
        "2026. 2. 17.(화)은 설날 → 다음 날로 순연(민법 제161조)",
        "2026. 2. 18.(수)은 설날 다음날 → 다음 날로 순연(민법 제161조)",
        "기한: 2026. 2. 19.(목) 24:00까지(민법 제159조)",
    ]
    assert result.warning is None
    assert result.suggested is None


def test_a8_5_reply_due_on_a_working_day_is_not_moved():
    result = forward(D(2026, 2, 5), 14)
    assert result.date == D(2026, 2, 19)
    assert result.explanation == "2026. 2. 5.(목) 접수, 초일 불산입 → 14일째 2026. 2. 19.(목)"


def test_minbeop_161_a8_5_plain_saturday_rolls_over_sunday_to_monday():
    result = forward(D(2026, 1, 24), 14)
    assert result.date == D(2026, 2, 9)
    assert result.explanation == (
        "2026. 1. 24.(토) 접수, 초일 불산입 → 14일째 2026. 2. 7.(토)은 토요일, "
        "2026. 2. 8.(일)은 일요일 → 다음 근무일 2026. 2. 9.(월)"
    )


def test_minbeop_157_a8_5_receipt_at_midnight_counts_the_first_day():
    result = forward(dt.datetime(2026, 2, 3, 0, 0), 14)
    assert result.date == D(2026, 2, 19)
    assert result.explanation == (
        "2026. 2. 3.(화) 00:00 접수, 초일 산입 → 14일째 2026. 2. 16.(월)은 설날 전날, "
        "2026. 2. 17.(화)은 설날, 2026. 2. 18.(수)은 설날 다음날 → 다음 근무일 2026. 2. 19.(목)"
    )
    assert result.steps[1] == "만료일: 2026. 2. 3.(화) + 13일 = 2026. 2. 16.(월)"


def test_minbeop_157_a8_5_first_day_counted_lands_on_a_different_day():
    # Starting 00:00 on 2/5 counts 2/5: 14th day is 2/18 (설날 다음날) → 2/19; not counted: 2/19 itself.
    assert forward(D(2026, 2, 5), 14, count_first_day=True).explanation == (
        "2026. 2. 5.(목) 접수, 초일 산입 → 14일째 2026. 2. 18.(수)은 설날 다음날 → 다음 근무일 2026. 2. 19.(목)"
    )
    assert forward(D(2026, 3, 3), 14, count_first_day=True).date == D(2026, 3, 16)
    assert forward(D(2026, 3, 3), 14).date == D(2026, 3, 17)


def test_minbeop_157_a8_5_receipt_during_the_day_does_not_count_the_first_day():
    result = forward(dt.datetime(2026, 3, 3, 9, 30), 14)
    assert result.date == D(2026, 3, 17)
    assert result.explanation == "2026. 3. 3.(화) 09:30 접수, 초일 불산입 → 14일째 2026. 3. 17.(화)"


def test_minbeop_157_aware_datetime_is_judged_at_midnight_in_korea():
    # 2026-03-02 15:00 UTC = 2026-03-03 00:00 KST → first day counted.
    assert forward(dt.datetime(2026, 3, 2, 15, 0, tzinfo=dt.UTC), 14).date == D(2026, 3, 16)
    assert forward(dt.datetime(2026, 3, 3, 0, 0, tzinfo=KST), 14).date == D(2026, 3, 16)
    # 16:00 UTC = 01:00 KST → not midnight.
    assert forward(dt.datetime(2026, 3, 2, 16, 0, tzinfo=dt.UTC), 14).date == D(2026, 3, 17)


# (received, due, the days 민법 제161조 skips, named as the explanation names them)
ROLLS_14_DAYS = [
    (
        D(2026, 4, 17),
        D(2026, 5, 4),
        "2026. 5. 1.(금)은 노동절, 2026. 5. 2.(토)은 토요일, 2026. 5. 3.(일)은 일요일",
    ),
    (
        D(2026, 5, 10),
        D(2026, 5, 26),
        "2026. 5. 24.(일)은 부처님오신날, 2026. 5. 25.(월)은 부처님오신날 대체 휴일",
    ),
    (D(2026, 5, 20), D(2026, 6, 4), "2026. 6. 3.(수)은 지방선거일"),
    (
        D(2026, 7, 3),
        D(2026, 7, 20),
        "2026. 7. 17.(금)은 제헌절, 2026. 7. 18.(토)은 토요일, 2026. 7. 19.(일)은 일요일",
    ),
    (
        D(2026, 8, 1),
        D(2026, 8, 18),
        "2026. 8. 15.(토)은 광복절, 2026. 8. 16.(일)은 일요일, 2026. 8. 17.(월)은 광복절 대체 휴일",
    ),
    (
        D(2026, 9, 10),
        D(2026, 9, 28),
        "2026. 9. 24.(목)은 추석 전날, "
        "2026. 9. 25.(금)은 추석, "
        "2026. 9. 26.(토)은 추석 다음날, "
        "2026. 9. 27.(일)은 일요일",
    ),
    (
        D(2026, 9, 19),
        D(2026, 10, 6),
        "2026. 10. 3.(토)은 개천절, 2026. 10. 4.(일)은 일요일, 2026. 10. 5.(월)은 개천절 대체 휴일",
    ),
    (
        D(2026, 9, 25),
        D(2026, 10, 12),
        "2026. 10. 9.(금)은 한글날, 2026. 10. 10.(토)은 토요일, 2026. 10. 11.(일)은 일요일",
    ),
    (
        D(2026, 12, 11),
        D(2026, 12, 28),
        "2026. 12. 25.(금)은 기독탄신일, 2026. 12. 26.(토)은 토요일, 2026. 12. 27.(일)은 일요일",
    ),
    (
        D(2027, 1, 23),
        D(2027, 2, 10),
        "2027. 2. 6.(토)은 설날 전날, "
        "2027. 2. 7.(일)은 설날, "
        "2027. 2. 8.(월)은 설날 다음날, "
        "2027. 2. 9.(화)은 설날 대체 휴일",
    ),
    (
        D(2027, 4, 17),
        D(2027, 5, 4),
        "2027. 5. 1.(토)은 노동절, 2027. 5. 2.(일)은 일요일, 2027. 5. 3.(월)은 노동절 대체 휴일",
    ),
    (
        D(2027, 7, 3),
        D(2027, 7, 20),
        "2027. 7. 17.(토)은 제헌절, 2027. 7. 18.(일)은 일요일, 2027. 7. 19.(월)은 제헌절 대체 휴일",
    ),
    (D(2027, 8, 1), D(2027, 8, 17), "2027. 8. 15.(일)은 광복절, 2027. 8. 16.(월)은 광복절 대체 휴일"),
    (
        D(2027, 8, 31),
        D(2027, 9, 17),
        "2027. 9. 14.(화)은 추석 전날, 2027. 9. 15.(수)은 추석, 2027. 9. 16.(목)은 추석 다음날",
    ),
    (D(2027, 9, 19), D(2027, 10, 5), "2027. 10. 3.(일)은 개천절, 2027. 10. 4.(월)은 개천절 대체 휴일"),
    (
        D(2027, 9, 25),
        D(2027, 10, 12),
        "2027. 10. 9.(토)은 한글날, 2027. 10. 10.(일)은 일요일, 2027. 10. 11.(월)은 한글날 대체 휴일",
    ),
    (
        D(2027, 12, 11),
        D(2027, 12, 28),
        "2027. 12. 25.(토)은 기독탄신일, 2027. 12. 26.(일)은 일요일, 2027. 12. 27.(월)은 기독탄신일 대체 휴일",
    ),
]


@pytest.mark.parametrize(("received", "due", "skipped"), ROLLS_14_DAYS)
def test_minbeop_161_a8_5_14_day_reply_rolls_past_every_2026_2027_holiday(received, due, skipped):
    result = forward(received, 14)
    assert result.date == due
    assert result.explanation == (
        f"{format_date(received)} 접수, 초일 불산입 → 14일째 {skipped} → 다음 근무일 {format_date(due)}"
    )


def test_minbeop_161_a8_5_last_day_on_samiljeol_sunday_rolls_over_the_substitute():
    result = forward(D(2026, 2, 15), 14)
    assert result.date == D(2026, 3, 3)
    assert result.explanation == (
        "2026. 2. 15.(일) 접수, 초일 불산입 → 14일째 2026. 3. 1.(일)은 삼일절, "
        "2026. 3. 2.(월)은 삼일절 대체 휴일 → 다음 근무일 2026. 3. 3.(화)"
    )


def test_a8_5_working_days_option_counts_only_working_days_across_seollal():
    result = forward(D(2026, 2, 3), 14, working_days=True)
    assert result.date == D(2026, 2, 26)
    assert result.explanation == "2026. 2. 3.(화) 접수, 초일 불산입, 근무일만 계산 → 근무일 14일째 2026. 2. 26.(목)"
    assert result.steps[2] == (
        "제외한 날: 2026. 2. 7.(토) 토요일, 2026. 2. 8.(일) 일요일, 2026. 2. 14.(토) 토요일, "
        "2026. 2. 15.(일) 일요일, 2026. 2. 16.(월) 설날 전날, 2026. 2. 17.(화) 설날, "
        "2026. 2. 18.(수) 설날 다음날, 2026. 2. 21.(토) 토요일, 2026. 2. 22.(일) 일요일"
    )


def test_a8_5_working_days_with_first_day_counted_starts_on_the_receipt_day():
    result = forward(D(2026, 2, 3), 14, working_days=True, count_first_day=True)
    assert result.date == D(2026, 2, 25)
    # A non-working receipt day cannot be day 1: Saturday 2/14 → 2/19 is day 1, 2/20 day 2.
    assert forward(D(2026, 2, 14), 2, working_days=True, count_first_day=True).date == D(2026, 2, 20)


def test_forward_event_label_is_used_in_the_explanation():
    result = forward(D(2026, 3, 3), 10, event="통지")
    assert result.explanation == "2026. 3. 3.(화) 통지, 초일 불산입 → 10일째 2026. 3. 13.(금)"


def test_forward_as_dict_is_json_ready():
    data = forward(D(2026, 2, 3), 14).as_dict()
    assert data["date"] == "2026-02-19"
    assert data["date_display"] == "2026. 2. 19.(목)"
    assert data["warning"] is None
    assert data["suggested"] is None
    assert data["steps"][-1] == "기한: 2026. 2. 19.(목) 24:00까지(민법 제159조)"


def test_computed_date_is_frozen():
    result = forward(D(2026, 2, 3), 14)
    assert isinstance(result, ComputedDate)
    with pytest.raises(AttributeError):
        result.date = D(2026, 1, 1)  # type: ignore[misc]


# --- backward periods: a4.10 (7일 전), a15.4 (5일 전), a20.3 (14일 전) ---------------------------------


def test_a4_10_agenda_7_days_before_meeting_strict_lands_on_substitute_holiday_and_warns():
    result = backward(D(2026, 3, 10), 7, event="회의일")
    assert result.date == D(2026, 3, 2)
    assert result.explanation == "회의일 2026. 3. 10.(화)의 7일 전까지(엄격: 사이에 7일을 둠) → 2026. 3. 2.(월)"
    assert result.warning == "2026. 3. 2.(월)은 삼일절 대체 휴일이므로 전 근무일 2026. 2. 27.(금)까지 하십시오."
    assert result.suggested == D(2026, 2, 27)
    assert result.steps == [
        "기준: 회의일 2026. 3. 10.(화), 당일 제외",
        "엄격 해석: 행위일과 회의일 사이에 7일을 둠 → 2026. 3. 10.(화) − 8일 = 2026. 3. 2.(월)",
        "역산 기간에는 민법 제161조(말일 순연)를 적용하지 않음",
        "2026. 3. 2.(월)은 삼일절 대체 휴일 → 전 근무일 2026. 2. 27.(금) 권고",
    ]


def test_a4_10_agenda_7_days_before_meeting_lenient_is_d_minus_7_without_warning():
    result = backward(D(2026, 3, 10), 7, strict=False, event="회의일")
    assert result.date == D(2026, 3, 3)
    assert result.explanation == "회의일 2026. 3. 10.(화)의 7일 전까지(완화: 회의일에서 7일을 뺌) → 2026. 3. 3.(화)"
    assert result.warning is None
    assert result.suggested is None


def test_a4_10_strict_landing_on_samiljeol_sunday_warns_with_the_holiday_name():
    result = backward(D(2026, 3, 9), 7, event="회의일")
    assert result.date == D(2026, 3, 1)
    assert result.warning == "2026. 3. 1.(일)은 삼일절이므로 전 근무일 2026. 2. 27.(금)까지 하십시오."
    assert result.suggested == D(2026, 2, 27)


def test_a4_10_is_not_rolled_forward_by_minbeop_161_across_seollal():
    # Meeting Thu 2/26: strict 2/18 (설날 다음날) → act by Fri 2/13; lenient 2/19 is a working day.
    strict = backward(D(2026, 2, 26), 7, event="회의일")
    assert strict.date == D(2026, 2, 18)
    assert strict.suggested == D(2026, 2, 13)
    assert strict.warning == "2026. 2. 18.(수)은 설날 다음날이므로 전 근무일 2026. 2. 13.(금)까지 하십시오."
    lenient = backward(D(2026, 2, 26), 7, strict=False, event="회의일")
    assert (lenient.date, lenient.warning) == (D(2026, 2, 19), None)


def test_a4_10_meeting_given_as_datetime_counts_from_its_date():
    assert backward(dt.datetime(2026, 3, 10, 14, 0), 7).date == D(2026, 3, 2)


def test_a15_4_committee_5_days_before_evaluation_strict_and_lenient():
    strict = backward(D(2026, 10, 15), 5, event="기술평가일")
    assert strict.date == D(2026, 10, 9)
    assert strict.explanation == ("기술평가일 2026. 10. 15.(목)의 5일 전까지(엄격: 사이에 5일을 둠) → 2026. 10. 9.(금)")
    assert strict.warning == "2026. 10. 9.(금)은 한글날이므로 전 근무일 2026. 10. 8.(목)까지 하십시오."
    lenient = backward(D(2026, 10, 15), 5, strict=False, event="기술평가일")
    assert lenient.date == D(2026, 10, 10)
    assert lenient.warning == "2026. 10. 10.(토)은 토요일이므로 전 근무일 2026. 10. 8.(목)까지 하십시오."


def test_a15_4_committee_before_evaluation_after_seollal_2027_substitute():
    result = backward(D(2027, 2, 15), 5, event="기술평가일")
    assert result.date == D(2027, 2, 9)
    assert result.warning == "2027. 2. 9.(화)은 설날 대체 휴일이므로 전 근무일 2027. 2. 5.(금)까지 하십시오."
    assert result.suggested == D(2027, 2, 5)


def test_a15_4_working_day_result_has_no_warning():
    result = backward(D(2026, 10, 8), 5, event="기술평가일")
    assert result.date == D(2026, 10, 2)
    assert result.warning is None


def test_a20_3_acceptance_test_14_days_before_inspection_completion():
    strict = backward(D(2026, 10, 20), 14, event="검사 완료일")
    assert strict.date == D(2026, 10, 5)
    assert strict.explanation == (
        "검사 완료일 2026. 10. 20.(화)의 14일 전까지(엄격: 사이에 14일을 둠) → 2026. 10. 5.(월)"
    )
    assert strict.warning == "2026. 10. 5.(월)은 개천절 대체 휴일이므로 전 근무일 2026. 10. 2.(금)까지 하십시오."
    assert backward(D(2026, 10, 20), 14, strict=False).date == D(2026, 10, 6)


def test_a20_3_acceptance_test_across_the_year_end_christmas():
    result = backward(D(2027, 1, 11), 14, event="검사 완료일")
    assert result.date == D(2026, 12, 27)
    assert result.warning == "2026. 12. 27.(일)은 일요일이므로 전 근무일 2026. 12. 24.(목)까지 하십시오."
    assert result.suggested == D(2026, 12, 24)


def test_backward_zero_days_strict_is_the_day_before():
    assert backward(D(2026, 3, 4), 0).date == D(2026, 3, 3)
    assert backward(D(2026, 3, 4), 0, strict=False).date == D(2026, 3, 4)


def test_backward_as_dict_carries_warning_and_suggestion():
    data = backward(D(2026, 3, 10), 7, event="회의일").as_dict()
    assert data["date"] == "2026-03-02"
    assert data["suggested"] == "2026-02-27"
    assert data["suggested_display"] == "2026. 2. 27.(금)"
    assert data["warning"].startswith("2026. 3. 2.(월)은 삼일절 대체 휴일이므로")


# --- CalendarException: 임시공휴일 added, a day removed ------------------------------------------------


def test_added_temporary_holiday_changes_an_a8_5_due_date():
    before = forward(D(2026, 9, 18), 14)
    assert before.date == D(2026, 10, 2)
    assert before.explanation == "2026. 9. 18.(금) 접수, 초일 불산입 → 14일째 2026. 10. 2.(금)"

    CalendarException.objects.create(date=D(2026, 10, 2), kind="added", name="임시공휴일", reason="국무회의 의결")

    after = forward(D(2026, 9, 18), 14)
    assert after.date == D(2026, 10, 6)
    assert after.explanation == (
        "2026. 9. 18.(금) 접수, 초일 불산입 → 14일째 2026. 10. 2.(금)은 임시공휴일, "
        "2026. 10. 3.(토)은 개천절, 2026. 10. 4.(일)은 일요일, 2026. 10. 5.(월)은 개천절 대체 휴일 "
        "→ 다음 근무일 2026. 10. 6.(화)"
    )
    assert lc.is_holiday(D(2026, 10, 2))
    assert lc.holiday_name(D(2026, 10, 2)) == "임시공휴일"


def test_added_temporary_holiday_moves_the_a15_4_suggestion_back():
    CalendarException.objects.create(date=D(2026, 10, 2), kind="added", name="임시공휴일")
    result = backward(D(2026, 10, 8), 5, event="기술평가일")
    assert result.date == D(2026, 10, 2)
    assert result.warning == "2026. 10. 2.(금)은 임시공휴일이므로 전 근무일 2026. 10. 1.(목)까지 하십시오."


def test_added_temporary_holiday_reduces_working_days():
    assert lc.working_days_between(D(2026, 9, 30), D(2026, 10, 31)) == 20
    CalendarException.objects.create(date=D(2026, 10, 2), kind="added", name="임시공휴일")
    assert lc.working_days_between(D(2026, 9, 30), D(2026, 10, 31)) == 19


def test_removed_holiday_becomes_a_working_day_and_a8_5_ends_on_it():
    assert forward(D(2026, 5, 20), 14).date == D(2026, 6, 4)
    CalendarException.objects.create(date=D(2026, 6, 3), kind="removed", name="지방선거일", reason="예시")
    assert not lc.is_holiday(D(2026, 6, 3))
    assert lc.holiday_name(D(2026, 6, 3)) is None
    result = forward(D(2026, 5, 20), 14)
    assert result.date == D(2026, 6, 3)
    assert result.explanation == "2026. 5. 20.(수) 접수, 초일 불산입 → 14일째 2026. 6. 3.(수)"


def test_removing_a_weekend_holiday_leaves_the_weekend_day_non_working():
    CalendarException.objects.create(date=D(2026, 6, 6), kind="removed", name="현충일")
    assert lc.holiday_name(D(2026, 6, 6)) == "토요일"
    assert not lc.is_holiday(D(2026, 6, 6))
    assert not lc.is_working_day(D(2026, 6, 6))


def test_deleting_an_exception_clears_the_cache():
    exception = CalendarException.objects.create(date=D(2026, 10, 2), kind="added", name="임시공휴일")
    assert forward(D(2026, 9, 18), 14).date == D(2026, 10, 6)
    exception.delete()
    assert forward(D(2026, 9, 18), 14).date == D(2026, 10, 2)


def test_editing_an_exception_clears_the_cache():
    exception = CalendarException.objects.create(date=D(2026, 10, 2), kind="added", name="임시공휴일")
    assert lc.holiday_name(D(2026, 10, 2)) == "임시공휴일"
    exception.name = "국군의 날 임시공휴일"
    exception.save()
    assert lc.holiday_name(D(2026, 10, 2)) == "국군의 날 임시공휴일"


def test_calendar_exception_str_shows_date_name_and_kind():
    added = CalendarException(date=D(2026, 10, 2), kind="added", name="임시공휴일")
    removed = CalendarException(date=D(2026, 6, 3), kind="removed", name="지방선거일")
    assert str(added) == "2026. 10. 2.(금) 임시공휴일 (추가)"
    assert str(removed) == "2026. 6. 3.(수) 지방선거일 (제외)"


def test_calendar_exception_meta_is_korean():
    meta = CalendarException._meta
    assert meta.app_label == "regulation"
    assert str(meta.verbose_name) == "휴일 예외"
    assert meta.ordering == ["date"]
    assert meta.get_field("date").unique
    assert dict(CalendarException.Kind.choices) == {
        "added": "임시공휴일 등 추가 휴일",
        "removed": "공휴일에서 제외",
    }


def test_calendar_exception_clean_rejects_removing_a_day_that_is_not_a_holiday():
    with pytest.raises(ValidationError) as err:
        CalendarException(date=D(2026, 6, 4), kind="removed", name="없음").full_clean()
    assert err.value.message_dict["date"] == ["2026. 6. 4.(목)은 공휴일이 아니므로 제외할 수 없습니다."]


def test_calendar_exception_clean_rejects_removing_a_sunday():
    with pytest.raises(ValidationError) as err:
        CalendarException(date=D(2026, 6, 7), kind="removed", name="일요일").full_clean()
    assert err.value.message_dict["date"] == ["일요일은 공휴일에서 제외할 수 없습니다."]


def test_calendar_exception_clean_rejects_adding_an_existing_holiday():
    with pytest.raises(ValidationError) as err:
        CalendarException(date=D(2026, 6, 3), kind="added", name="임시공휴일").full_clean()
    assert err.value.message_dict["date"] == ["2026. 6. 3.(수)은 이미 공휴일(지방선거일)입니다."]


def test_calendar_exception_clean_accepts_a_temporary_holiday():
    CalendarException(date=D(2026, 10, 2), kind="added", name="임시공휴일").full_clean()


# --- bad input -------------------------------------------------------------------------------------


@pytest.mark.parametrize("call", [lambda: forward(D(2026, 2, 3), -1), lambda: backward(D(2026, 3, 10), -7)])
def test_negative_period_is_rejected_in_korean(call):
    with pytest.raises(ValueError, match=r"^기간은 0일 이상이어야 합니다\.$"):
        call()


@pytest.mark.parametrize("value", [20260203, None, 3.5])
def test_non_date_start_is_rejected_in_korean(value):
    with pytest.raises(ValueError, match="날짜가 아닙니다"):
        forward(value, 14)
    with pytest.raises(ValueError, match="날짜가 아닙니다"):
        lc.is_working_day(value)


def test_impossible_date_is_rejected_in_korean():
    with pytest.raises(ValueError, match=r"^'2026-02-30'은 존재하지 않는 날짜입니다\.$"):
        forward("2026-02-30", 14)
    with pytest.raises(ValueError, match="존재하지 않는 날짜"):
        backward("2027-02-29", 7)


def test_malformed_date_string_is_rejected_in_korean():
    with pytest.raises(ValueError, match=r"날짜 형식\(YYYY-MM-DD\)이 아닙니다"):
        lc.parse_date("2026/02/03")


def test_iso_string_dates_are_accepted():
    assert forward("2026-02-03", 14).date == D(2026, 2, 19)


@pytest.mark.parametrize("days", ["14", 14.0, True])
def test_non_integer_period_is_rejected_in_korean(days):
    with pytest.raises(ValueError, match="정수"):
        forward(D(2026, 2, 3), days)


def test_result_beyond_the_calendar_is_rejected_in_korean():
    with pytest.raises(ValueError, match="범위"):
        forward(D(9999, 12, 30), 14)
    with pytest.raises(ValueError, match="범위"):
        backward(D(1, 1, 3), 7)


def test_absurdly_long_period_is_rejected():
    with pytest.raises(ValueError, match="36,500일 이하"):
        forward(D(2026, 2, 3), 36_501, working_days=True)


# --- the legal_date command ------------------------------------------------------------------------


def _run(*args: str) -> list[str]:
    out = StringIO()
    call_command("legal_date", *args, stdout=out)
    return out.getvalue().splitlines()


def test_command_forward_a8_5_prints_iso_date_then_explanation():
    assert _run("forward", "--from", "2026-02-03", "--days", "14") == [
        "2026-02-19",
        "2026. 2. 3.(화) 접수, 초일 불산입 → 14일째 2026. 2. 17.(화)은 설날, "
        "2026. 2. 18.(수)은 설날 다음날 → 다음 근무일 2026. 2. 19.(목)",
    ]


def test_command_forward_count_first_day_and_working_days():
    assert _run("forward", "--from", "2026-03-03", "--days", "14", "--count-first-day")[0] == "2026-03-16"
    assert _run("forward", "--from", "2026-02-03", "--days", "14", "--working-days") == [
        "2026-02-26",
        "2026. 2. 3.(화) 접수, 초일 불산입, 근무일만 계산 → 근무일 14일째 2026. 2. 26.(목)",
    ]


def test_command_backward_a4_10_strict_prints_the_working_day_to_act_on_first():
    """a4.10: the agenda 7 clear days before a meeting on 2026. 3. 10. falls on 2026. 3. 2., a substitute holiday.
    The first line (what a script or a hurried reader takes) is the working day to distribute it by."""
    assert _run("backward", "--before", "2026-03-10", "--days", "7") == [
        "2026-02-27",
        "기준일 2026. 3. 10.(화)의 7일 전까지(엄격: 사이에 7일을 둠) → 2026. 3. 2.(월)",
        "2026. 3. 2.(월)은 삼일절 대체 휴일이므로 전 근무일 2026. 2. 27.(금)까지 하십시오.",
    ]


def test_command_backward_a4_10_lenient_has_no_warning_line():
    assert _run("backward", "--before", "2026-03-10", "--days", "7", "--lenient") == [
        "2026-03-03",
        "기준일 2026. 3. 10.(화)의 7일 전까지(완화: 기준일에서 7일을 뺌) → 2026. 3. 3.(화)",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["forward", "--from", "2026-02-30", "--days", "14"], "'2026-02-30'은 존재하지 않는 날짜입니다."),
        (["forward", "--from", "2026-02-03", "--days", "-1"], "기간은 0일 이상이어야 합니다."),
        (["forward", "--from", "2026-02-03", "--days", "열넷"], "기간 '열넷'은 정수(일)여야 합니다."),
        (
            ["backward", "--before", "26-3-10", "--days", "7"],
            "'26-3-10'은 날짜 형식(YYYY-MM-DD)이 아닙니다.",
        ),
        (["sideways"], "알 수 없는 계산 방향 'sideways': forward 또는 backward를 지정하십시오."),
        ([], "계산 방향(forward 또는 backward)을 지정하십시오."),
        (["forward", "--days", "14"], "필수 인자가 없습니다: --from"),
    ],
)
def test_command_bad_input_raises_command_error_in_korean(args, message):
    with pytest.raises(CommandError) as err:
        _run(*args)
    assert str(err.value) == message

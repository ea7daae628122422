"""Dates as 2026. 1. 31.(토), money as 1,234,000,000원 — everywhere."""

import datetime as dt

from django.template import Context, Template
from django.utils import timezone

from itms.core.formats import format_date, format_eok, format_won


def test_date_is_shown_in_korean_official_style():
    assert format_date(dt.date(2026, 1, 31)) == "2026. 1. 31.(토)"
    assert format_date(dt.date(2026, 2, 17)) == "2026. 2. 17.(화)"
    assert format_date(None) == ""


def test_datetime_is_shown_in_seoul_time():
    moment = dt.datetime(2026, 1, 30, 15, 30, tzinfo=dt.UTC)  # 2026-01-31 00:30 in Seoul
    assert format_date(moment) == "2026. 1. 31.(토) 00:30"
    assert timezone.get_current_timezone_name() == "Asia/Seoul"


def test_money_is_shown_in_won_with_thousands_separators():
    assert format_won(1_234_000_000) == "1,234,000,000원"
    assert format_won(0) == "0원"
    assert format_eok(174_200_000_000) == "1,742억원"
    assert format_eok(1_250_000_000) == "12.5억원"


def test_django_date_filter_uses_the_same_style():
    rendered = Template("{{ d|date }} {{ d|kdate }} {{ m|won }}").render(
        Context({"d": dt.date(2026, 1, 31), "m": 1_234_000_000})
    )
    assert rendered == "2026. 1. 31.(토) 2026. 1. 31.(토) 1,234,000,000원"

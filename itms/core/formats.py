"""Korean display formats: 2026. 1. 31.(토), 1,234,000,000원."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

WEEKDAYS = "월화수목금토일"


def format_date(value: dt.date | dt.datetime | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return f"{value.year}. {value.month}. {value.day}.({WEEKDAYS[value.weekday()]}) {value:%H:%M}"
    return f"{value.year}. {value.month}. {value.day}.({WEEKDAYS[value.weekday()]})"


def format_won(value: int | Decimal | float | None) -> str:
    if value is None or value == "":
        return ""
    return f"{int(value):,}원"


def format_eok(value: int | Decimal | None) -> str:
    """Amounts in 억원 for headings: 1,742억원, 12.5억원."""
    if value is None:
        return ""
    eok = Decimal(value) / Decimal(100_000_000)
    text = f"{eok:,.1f}".rstrip("0").rstrip(".")
    return f"{text}억원"

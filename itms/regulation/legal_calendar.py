"""The Korean legal calendar: 공휴일, working days and periods counted under the 민법.

Holidays are the 「관공서의 공휴일에 관한 규정」 days as published by the ``holidays`` package
(substitute holidays, election days, 노동절 and 제헌절 from 2026 included), plus the days an
administrator adds (임시공휴일) and minus the days removed, from the ``CalendarException`` table.

Periods (행정기본법 제6조① → 민법):

* forward, "X부터 N일 이내" (a8.5): 민법 제157조 — the first day is not counted unless the period
  starts at 00:00; 제159조 — it ends at 24:00 of the last day; 제161조 — a last day that is a
  Saturday or 공휴일 moves to the next day, repeatedly, to the first day that is neither.
* backward, "D N일 전까지" (a4.10, a15.4, a20.3): no statute; 민법 by analogy. Strict (default):
  N clear days between the act and D → D − (N+1); lenient: D − N. 제161조 is not applied (rolling
  would shorten the notice); a non-working result carries a warning and the preceding working day.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

import holidays
from django.apps import apps
from django.utils import timezone

from itms.core.formats import format_date
from itms.core.korean import josa

__all__ = [
    "ComputedDate",
    "add_working_days",
    "backward",
    "clear_cache",
    "forward",
    "holiday_name",
    "is_holiday",
    "is_working_day",
    "next_working_day",
    "package_holiday_name",
    "parse_date",
    "previous_working_day",
    "working_days_between",
]

SATURDAY, SUNDAY = 5, 6
# Bounds the day-by-day loops (working-day counting) for input from forms, the API and the command.
MAX_DAYS = 36_500
# Other processes (gunicorn/celery workers) do not see this process's save signal; bound their staleness.
EXCEPTIONS_TTL_SECONDS = 300.0

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class ComputedDate:
    """A computed deadline with the arithmetic shown to the user."""

    date: dt.date
    explanation: str
    steps: list[str] = field(default_factory=list)
    warning: str | None = None
    suggested: dt.date | None = None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.isoformat()
        data["date_display"] = format_date(self.date)
        data["suggested"] = self.suggested.isoformat() if self.suggested else None
        data["suggested_display"] = format_date(self.suggested) if self.suggested else None
        return data


# --- holidays ------------------------------------------------------------------------------------


@lru_cache(maxsize=256)
def _package_year(year: int) -> dict[dt.date, str]:
    return dict(holidays.KR(language="ko", years=year))


def package_holiday_name(d: dt.date) -> str | None:
    """The statutory holiday's name from the ``holidays`` package alone (no exceptions, no Sundays)."""
    d = _as_date(d)
    return _package_year(d.year).get(d)


_lock = threading.Lock()
_exceptions: tuple[dict[dt.date, str], frozenset[dt.date]] | None = None
_exceptions_loaded_at = 0.0


def load_exceptions() -> tuple[dict[dt.date, str], frozenset[dt.date]]:
    """Read the CalendarException table: ({added date: name}, {removed dates}). Uncached.

    Returns empty sets while the model is not installed, so the pure functions work without it.
    """
    try:
        model = apps.get_model("regulation", "CalendarException")
    except LookupError:
        return {}, frozenset()
    added: dict[dt.date, str] = {}
    removed: set[dt.date] = set()
    for day, kind, name in model.objects.values_list("date", "kind", "name"):
        if kind == "added":
            added[day] = name
        elif kind == "removed":
            removed.add(day)
    return added, frozenset(removed)


def _cached_exceptions() -> tuple[dict[dt.date, str], frozenset[dt.date]]:
    global _exceptions, _exceptions_loaded_at
    with _lock:
        if _exceptions is None or time.monotonic() - _exceptions_loaded_at > EXCEPTIONS_TTL_SECONDS:
            _exceptions = load_exceptions()
            _exceptions_loaded_at = time.monotonic()
        return _exceptions


def clear_cache() -> None:
    """Forget the cached exceptions; called on CalendarException save/delete (and by tests)."""
    global _exceptions
    with _lock:
        _exceptions = None


def _named_holiday(d: dt.date) -> str | None:
    added, removed = _cached_exceptions()
    if d in added:
        return added[d]
    if d in removed:
        return None
    return _package_year(d.year).get(d)


def holiday_name(d: dt.date) -> str | None:
    """The Korean name of a non-working day: the holiday, else "일요일"/"토요일"; None on a working day."""
    d = _as_date(d)
    name = _named_holiday(d)
    if name:
        return name
    if d.weekday() == SUNDAY:
        return "일요일"
    if d.weekday() == SATURDAY:
        return "토요일"
    return None


def is_holiday(d: dt.date) -> bool:
    """공휴일: a named holiday (after exceptions) or a Sunday. Saturday is not a 공휴일."""
    d = _as_date(d)
    return d.weekday() == SUNDAY or _named_holiday(d) is not None


def is_working_day(d: dt.date) -> bool:
    """Neither a Saturday nor a 공휴일."""
    d = _as_date(d)
    return d.weekday() != SATURDAY and not is_holiday(d)


def next_working_day(d: dt.date) -> dt.date:
    """The first working day on or after ``d``."""
    d = _as_date(d)
    while not is_working_day(d):
        d = _step(d, 1)
    return d


def previous_working_day(d: dt.date) -> dt.date:
    """The last working day on or before ``d``."""
    d = _as_date(d)
    while not is_working_day(d):
        d = _step(d, -1)
    return d


def add_working_days(d: dt.date, n: int) -> dt.date:
    """The n-th working day after ``d`` (``d`` itself not counted); negative n counts backward; 0 → d."""
    d = _as_date(d)
    n = _check_count(n, allow_negative=True)
    direction = 1 if n > 0 else -1
    remaining = abs(n)
    while remaining:
        d = _step(d, direction)
        if is_working_day(d):
            remaining -= 1
    return d


def working_days_between(a: dt.date, b: dt.date) -> int:
    """Working days in (a, b] — the inverse of add_working_days; negative when b is before a."""
    a, b = _as_date(a), _as_date(b)
    if b < a:
        return -working_days_between(b, a)
    if (b - a).days > MAX_DAYS:
        raise ValueError(f"기간은 {MAX_DAYS:,}일 이하여야 합니다.")
    count = 0
    d = a
    while d < b:
        d += ONE_DAY
        count += is_working_day(d)
    return count


# --- periods -------------------------------------------------------------------------------------


def forward(
    start: dt.date | dt.datetime | str,
    days: int,
    *,
    count_first_day: bool = False,
    working_days: bool = False,
    event: str = "접수",
) -> ComputedDate:
    """The last day of "start부터 days일 이내" (e.g. a8.5: 영향도 검토 회신, 14일).

    민법 제157조: the first day is not counted unless the period starts at 00:00 (a datetime at
    exactly midnight, or ``count_first_day``). 제161조: a last day on a Saturday or 공휴일 rolls to
    the next day that is neither. ``working_days`` counts only working days — use it only where a
    rule says so (e.g. 국가계약법 시행령 제58조⑥).
    """
    start_label, first_day_counted, start_date = _forward_start(start, count_first_day)
    days = _check_count(days)
    first_rule = "초일 산입" if first_day_counted else "초일 불산입"
    steps = [
        f"기산: {start_label} {event} — {first_rule}(민법 제157조" + (", 0시 시작" if first_day_counted else "") + ")"
    ]

    if working_days:
        # Counting the first day = counting from the day before it.
        base = start_date - ONE_DAY if first_day_counted and days else start_date
        due = add_working_days(base, days)
        skipped = [d for d in _days_in(base, due) if not is_working_day(d)]
        steps.append(f"근무일만 계산: {format_date(base)} 다음 날부터 {days}번째 근무일 = {format_date(due)}")
        if skipped:
            steps.append("제외한 날: " + ", ".join(f"{format_date(d)} {holiday_name(d)}" for d in skipped))
        head = f"{start_label} {event}, {first_rule}, 근무일만 계산 → 근무일 {days}일째"
    else:
        offset = days - 1 if first_day_counted and days else days
        due = _add_days(start_date, offset)
        steps.append(f"만료일: {format_date(start_date)} + {offset}일 = {format_date(due)}")
        head = f"{start_label} {event}, {first_rule} → {days}일째"

    final, skipped_days = _roll_forward(due)
    for day, name in skipped_days:
        steps.append(f"{_topic(format_date(day))} {name} → 다음 날로 순연(민법 제161조)")
    steps.append(f"기한: {format_date(final)} 24:00까지(민법 제159조)")
    if skipped_days:
        named = ", ".join(f"{_topic(format_date(day))} {name}" for day, name in skipped_days)
        explanation = f"{head} {named} → 다음 근무일 {format_date(final)}"
    else:
        explanation = f"{head} {format_date(due)}"
    return ComputedDate(date=final, explanation=explanation, steps=steps)


def backward(
    deadline: dt.date | dt.datetime | str,
    days: int,
    *,
    strict: bool = True,
    event: str = "기준일",
) -> ComputedDate:
    """The latest day for an act due "deadline N일 전까지" (a4.10 7일, a15.4 5일, a20.3 14일).

    No statute counts backward; the 민법 applies by analogy. Strict (default): N clear days lie
    between the act and the deadline (the deadline excluded) → deadline − (N+1). Lenient:
    deadline − N. 민법 제161조 is not applied; a non-working result gets a warning and ``suggested``
    = the preceding working day.
    """
    deadline = _as_date(deadline.date() if isinstance(deadline, dt.datetime) else deadline)
    days = _check_count(days)
    offset = days + 1 if strict else days
    result = _add_days(deadline, -offset)
    d_label = format_date(deadline)
    if strict:
        rule = f"엄격: 사이에 {days}일을 둠"
        step = f"엄격 해석: 행위일과 {event} 사이에 {days}일을 둠 → {d_label} − {offset}일 = {format_date(result)}"
    else:
        rule = f"완화: {event}에서 {days}일을 뺌"
        step = f"완화 해석: {d_label} − {days}일 = {format_date(result)}"
    steps = [
        f"기준: {event} {d_label}, 당일 제외",
        step,
        "역산 기간에는 민법 제161조(말일 순연)를 적용하지 않음",
    ]
    explanation = f"{event} {d_label}의 {days}일 전까지({rule}) → {format_date(result)}"

    warning = suggested = None
    if not is_working_day(result):
        suggested = previous_working_day(result)
        name = holiday_name(result)
        warning = f"{_topic(format_date(result))} {name}이므로 전 근무일 {format_date(suggested)}까지 하십시오."
        steps.append(f"{_topic(format_date(result))} {name} → 전 근무일 {format_date(suggested)} 권고")
    return ComputedDate(date=result, explanation=explanation, steps=steps, warning=warning, suggested=suggested)


# --- input ---------------------------------------------------------------------------------------


def parse_date(value: str) -> dt.date:
    """'YYYY-MM-DD' → date, with a Korean message for malformed or impossible dates."""
    if not isinstance(value, str):
        raise ValueError("날짜는 YYYY-MM-DD 형식이어야 합니다.")
    text = value.strip()
    parts = text.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise ValueError(josa(f"'{value}'", "은/는") + " 날짜 형식(YYYY-MM-DD)이 아닙니다.")
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise ValueError(josa(f"'{value}'", "은/는") + " 존재하지 않는 날짜입니다.") from None


def _as_date(value: object) -> dt.date:
    if isinstance(value, str):
        return parse_date(value)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise ValueError("날짜가 아닙니다. 날짜(YYYY-MM-DD)를 입력하십시오.")


def _check_count(days: object, *, allow_negative: bool = False) -> int:
    # bool is an int subclass; True days is always a bug.
    if isinstance(days, bool) or not isinstance(days, int):
        raise ValueError("기간(일수)은 정수여야 합니다.")
    if days < 0 and not allow_negative:
        raise ValueError("기간은 0일 이상이어야 합니다.")
    if abs(days) > MAX_DAYS:
        raise ValueError(f"기간은 {MAX_DAYS:,}일 이하여야 합니다.")
    return days


def _forward_start(start: object, count_first_day: bool) -> tuple[str, bool, dt.date]:
    """(label, first day counted?, start date). A datetime counts its first day only at 00:00 sharp."""
    if isinstance(start, dt.datetime):
        local = timezone.localtime(start) if timezone.is_aware(start) else start
        midnight = local.time() == dt.time(0)
        return format_date(local.replace(tzinfo=None)), count_first_day or midnight, local.date()
    d = _as_date(start)
    return format_date(d), count_first_day, d


# --- arithmetic ----------------------------------------------------------------------------------


def _add_days(d: dt.date, n: int) -> dt.date:
    try:
        return d + dt.timedelta(days=n)
    except OverflowError:
        raise ValueError("계산한 날짜가 달력의 범위(1~9999년)를 벗어납니다.") from None


def _step(d: dt.date, direction: int) -> dt.date:
    return _add_days(d, direction)


def _days_in(a: dt.date, b: dt.date) -> list[dt.date]:
    """The days in (a, b]."""
    return [a + dt.timedelta(days=i) for i in range(1, (b - a).days + 1)]


def _roll_forward(d: dt.date) -> tuple[dt.date, list[tuple[dt.date, str]]]:
    """민법 제161조: move past Saturdays and 공휴일, naming each day skipped."""
    skipped: list[tuple[dt.date, str]] = []
    while not is_working_day(d):
        skipped.append((d, holiday_name(d) or ""))
        d = _step(d, 1)
    return d, skipped


def _topic(text: str) -> str:
    """The topic particle chosen by the word: '2026. 1. 31.(토)은' (a date reads "…31일")."""
    return josa(text, "은/는")

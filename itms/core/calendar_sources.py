"""Event sources of the deadline calendar (``regulation:calendar``): ``f(user, start, end)`` → FullCalendar events
in [start, end).

An app adds its own in its ``calendar_sources.py`` (discovered by ``itms.core.apps``): regulation adds the
deadlines; a chapter may add its meetings. The registry lives in core so that no app imports another's views.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

CalendarSource = Callable[[object, dt.date, dt.date], list[dict]]
CALENDAR_SOURCES: list[CalendarSource] = []


def register_calendar_source(source: CalendarSource) -> CalendarSource:
    if source not in CALENDAR_SOURCES:
        CALENDAR_SOURCES.append(source)
    return source

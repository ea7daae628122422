"""Event sources of the deadline calendar (``regulation:calendar``): ``f(user, start, end)`` → FullCalendar events
in [start, end).

An app adds its own in its ``calendar_sources.py`` (discovered by ``itms.core.apps``): regulation adds the
deadlines, governance the meetings. The registry lives in core so that no app imports another's views.

A source whose events have a colour of their own names it in the page's legend with ``register_calendar_legend``
(the colour is a ``legend-<colour>`` class of ``static/css/itms.css``: the CSP allows no inline styles).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

CalendarSource = Callable[[object, dt.date, dt.date], list[dict]]
CALENDAR_SOURCES: list[CalendarSource] = []
CALENDAR_LEGEND: dict[str, str] = {}  # label → colour ("회의" → "purple")


def register_calendar_source(source: CalendarSource) -> CalendarSource:
    if source not in CALENDAR_SOURCES:
        CALENDAR_SOURCES.append(source)
    return source


def register_calendar_legend(label: str, colour: str) -> None:
    CALENDAR_LEGEND[label] = colour

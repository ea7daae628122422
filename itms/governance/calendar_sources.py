"""Meetings on the deadline calendar (``regulation:calendar``), beside the deadlines they serve (a4.6, a4.10, a5.6).

Only meetings the user may see (``Meeting.objects.restrict``); a cancelled meeting stays, greyed, so a date that
was freed is not mistaken for one never planned.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from itms.core.calendar_sources import register_calendar_legend, register_calendar_source
from itms.core.formats import format_date

from .choices import MeetingState
from .models import Meeting

MEETING_COLOUR = ("purple", "#ae3ec9")  # Tabler's purple: .legend-purple in itms.css
CANCELLED_COLOUR = "#6c7a91"  # the "면제" grey of the deadlines

register_calendar_legend("회의", MEETING_COLOUR[0])


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@register_calendar_source
def meeting_events(user, start: dt.date, end: dt.date) -> list[dict]:
    rows = (
        Meeting.objects.restrict(user, "view")
        .filter(scheduled_at__gte=_day_start(start), scheduled_at__lt=_day_start(end))
        .select_related("body")
        .order_by("scheduled_at", "pk")
    )
    events = []
    for meeting in rows:
        cancelled = meeting.state == MeetingState.CANCELLED
        events.append(
            {
                "id": f"meeting-{meeting.pk}",
                "title": str(meeting),
                "start": timezone.localtime(meeting.scheduled_at).isoformat(),
                "allDay": False,
                "url": meeting.get_absolute_url(),
                "color": CANCELLED_COLOUR if cancelled else MEETING_COLOUR[1],
                "extendedProps": {
                    "type": "meeting",
                    "status": meeting.state,
                    "statusLabel": meeting.get_state_display(),
                    "detail": meeting.title,
                    "when": f"일시: {format_date(meeting.scheduled_at)}",
                    "place": meeting.place,
                },
            }
        )
    return events

"""The deadline calendar's own source: the obligations the user may see, coloured by status."""

from __future__ import annotations

import datetime as dt

from itms.core.calendar_sources import register_calendar_source
from itms.core.formats import format_date

from .clauses import label as clause_label
from .models import Obligation
from .tables import STATUS_COLOURS, StatusClock

EVENT_COLOURS = {  # Tabler's palette, matching the status badges (tables.STATUS_COLOURS) and .legend-* in itms.css
    "blue": "#066fd1",
    "orange": "#f76707",
    "red": "#d63939",
    "green": "#2fb344",
    "yellow": "#f59f00",
    "secondary": "#6c7a91",
}


@register_calendar_source
def obligation_events(user, start: dt.date, end: dt.date) -> list[dict]:
    clock = StatusClock.now()
    rows = (
        Obligation.objects.restrict(user, "view")
        .filter(due_date__gte=start, due_date__lt=end)
        .only("pk", "title", "status", "due_date", "closed_at", "clause_ids")
        .order_by("due_date", "pk")
    )
    events = []
    for obligation in rows:
        status = clock.status(obligation)
        events.append(
            {
                "id": f"obligation-{obligation.pk}",
                "title": obligation.title,
                "start": obligation.due_date.isoformat(),
                "allDay": True,
                "url": obligation.get_absolute_url(),
                "color": EVENT_COLOURS[STATUS_COLOURS[status]],
                "extendedProps": {
                    "type": "obligation",
                    "status": status.value,
                    "statusLabel": str(status.label),
                    "clauses": ", ".join(clause_label(c) for c in obligation.clause_ids or []),
                    "when": f"기한: {format_date(obligation.due_date)}",
                },
            }
        )
    return events

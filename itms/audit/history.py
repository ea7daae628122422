"""Reading the automatic change log (django-auditlog) for an object's history tab."""

from dataclasses import dataclass

from auditlog.models import LogEntry


@dataclass
class Change:
    entry: LogEntry
    rows: list[tuple[str, str, str]]  # (field label, before, after)


def changes_for(obj, limit: int = 200) -> list[Change]:
    """The object's changes, newest first, each with its field-by-field before/after values.

    Only concrete fields are shown: auditlog also records reverse relations on creation
    ("items: governance.AgendaItem.None"), which say nothing to a reader.
    """
    labels = {str(f.verbose_name) for f in obj._meta.concrete_fields}
    entries = (
        LogEntry.objects.get_for_object(obj).select_related("actor", "content_type").order_by("-timestamp")[:limit]
    )
    return [
        Change(
            entry,
            [(label, values[0], values[-1]) for label, values in entry.changes_display_dict.items() if label in labels],
        )
        for entry in entries
    ]

"""Reading the automatic change log (django-auditlog) for an object's history tab."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone


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


def log_bulk(
    objects: Iterable,
    *,
    action: int,
    changes: Callable[[object], dict[str, list[str]]],
    actor=None,
    source: str = "",
) -> int:
    """Change-log entries for rows written with bulk_create or bulk_update, which auditlog's signals do not see:
    one per object, ``changes(obj)`` giving ``{field: [before, after]}`` as auditlog writes them."""
    objects = list(objects)
    if not objects:
        return 0
    model = type(objects[0])
    content_type = ContentType.objects.get_for_model(model)
    label = str(model._meta.verbose_name)
    now = timezone.now()
    LogEntry.objects.bulk_create(
        (
            LogEntry(
                content_type=content_type,
                object_pk=str(obj.pk),
                object_id=obj.pk,
                object_repr=f"{label} {obj.pk}",
                action=action,
                changes=changes(obj),
                actor=actor if getattr(actor, "pk", None) else None,
                timestamp=now,
                additional_data={"source": source} if source else None,
            )
            for obj in objects
        ),
        batch_size=2000,
    )
    return len(objects)

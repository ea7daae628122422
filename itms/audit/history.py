"""Reading the automatic change log (django-auditlog) for an object's history tab."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone


@dataclass
class Change:
    entry: LogEntry
    rows: list[tuple[str, str, str]]  # (field label, before, after)
    about: str = ""  # the related record the entry concerns ("" for the object itself)


def changes_for(obj, limit: int = 200, include: Iterable[tuple[type, str]] = ()) -> list[Change]:
    """The object's changes, newest first, each with its field-by-field before/after values.

    ``include``: (model, field) pairs of records whose changes belong to this one's history (an asset's licences,
    relations, assignments): those that point at it now, and any whose entry names it in its additional data (the
    model's ``get_additional_data``, which auditlog calls), so that deleted ones and earlier links stay.

    Only concrete fields are shown: auditlog also records reverse relations on creation ("items:
    governance.AgendaItem.None"), which say nothing to a reader.
    """
    own = ContentType.objects.get_for_model(obj)
    where = Q(content_type=own, object_id=obj.pk)
    labels = {own.pk: {str(f.verbose_name) for f in obj._meta.concrete_fields}}
    names = {own.pk: ""}
    for model, field in include:
        related = ContentType.objects.get_for_model(model)
        labels[related.pk] = {str(f.verbose_name) for f in model._meta.concrete_fields}
        names[related.pk] = str(model._meta.verbose_name)
        pointing = model._default_manager.filter(**{field: obj.pk}).values("pk")
        where |= Q(content_type=related, object_id__in=pointing)
        where |= Q(content_type=related, **{f"additional_data__{field}": obj.pk})
    entries = LogEntry.objects.filter(where).select_related("actor").order_by("-timestamp", "-pk")[:limit]
    return [
        Change(
            entry,
            [
                (label, values[0], values[-1])
                for label, values in entry.changes_display_dict.items()
                if label in labels[entry.content_type_id]
            ],
            f"{names[entry.content_type_id]} {entry.object_repr}" if names[entry.content_type_id] else "",
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

"""One form that judges many rows at once (a plan's review points, an inspection's items): each row through the
same write gate as its own edit form, all saved or none.

The form posts ``verdict-<pk>`` and ``note-<pk>`` for each row; :func:`read` collects them and :func:`save` writes
them, field names given by the caller (``verdict``/``comment``, ``verdict``/``note``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from . import gate
from .errors import Code, Forbidden


def read(post, pks) -> dict[int, tuple[str, str]]:
    """``{pk: (verdict, note)}`` for the rows whose verdict the form sent."""
    found = {}
    for pk in pks:
        verdict = post.get(f"verdict-{pk}")
        if verdict is not None:
            found[pk] = (verdict, post.get(f"note-{pk}", "").strip())
    return found


@transaction.atomic
def save(*, actor, rows, values: dict[int, tuple[str, str]], fields: tuple[str, str], forbidden: Code) -> int:
    """Writes ``values`` into ``rows`` (a queryset, locked here) if the actor may change each row in its state;
    a row's own ``clean`` decides what is valid. Returns how many changed; raises with every row's error."""
    verdict_field, note_field = fields
    choices = {value for value, _label in rows.model._meta.get_field(verdict_field).choices}
    by_pk = {row.pk: row for row in rows.select_for_update(of=("self",))}
    changed, errors = 0, []
    for pk, (verdict, note) in values.items():
        row = by_pk.get(pk)
        if row is None or verdict not in choices:
            errors.append(f"이 목록에 없는 항목이거나 고를 수 없는 값입니다: {pk}")
            continue
        if not gate.allows(actor, "change", row):
            raise Forbidden(forbidden)
        if (getattr(row, verdict_field), getattr(row, note_field)) == (verdict, note):
            continue
        setattr(row, verdict_field, verdict)
        setattr(row, note_field, note)
        try:
            row.full_clean()
        except ValidationError as error:
            errors.append(f"{row}: {' '.join(error.messages)}")
            continue
        row.save(update_fields=[verdict_field, note_field, "updated_at"])
        changed += 1
    if errors:
        raise ValidationError(errors)  # the transaction rolls back what was saved before
    return changed

"""A fingerprint of every table, to prove that a refused request changed nothing."""

from __future__ import annotations

import hashlib

from django.apps import apps
from django.db import connection

# Tables that legitimately change on any request (sessions, login bookkeeping).
VOLATILE = {"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"}


def db_fingerprint(*, portable: bool = False) -> dict[str, str]:
    """A hash of every row of every model's table (ordered by primary key), per table.

    By default the rows are hashed as the database driver returns them: any change to any stored value shows, and
    there is no model-field conversion to pay for (half a second or more per call with the demo agency, and the
    ``unchanged`` check makes two calls per refused request). ``portable=True`` hashes the model-field values
    instead, for comparing two databases whose raw storage may differ (a backup and its restore).
    """
    existing = _existing_tables()
    quote = connection.ops.quote_name
    result = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table in VOLATILE or table not in existing or table in result:
                continue
            fields = model._meta.concrete_fields
            if portable:
                rows = list(model._base_manager.order_by("pk").values_list(*[f.attname for f in fields]))
            else:
                columns = ", ".join(quote(f.column) for f in fields)
                order = quote(model._meta.pk.column)
                cursor.execute(f"SELECT {columns} FROM {quote(table)} ORDER BY {order}")  # noqa: S608 - model names  # nosec B608
                rows = cursor.fetchall()
                if any(f.get_internal_type() == "BinaryField" for f in fields):
                    rows = [tuple(bytes(v) if isinstance(v, memoryview) else v for v in row) for row in rows]
            result[table] = hashlib.sha256(repr(rows).encode("utf-8")).hexdigest()
    return result


def _existing_tables() -> set[str]:
    return set(connection.introspection.table_names())


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(t for t in set(before) | set(after) if before.get(t) != after.get(t))

"""A fingerprint of every table, to prove that a refused request changed nothing."""

from __future__ import annotations

import hashlib

from django.apps import apps
from django.db import connection

# Tables that legitimately change on any request (sessions, login bookkeeping).
VOLATILE = {"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"}


def db_fingerprint(*, portable: bool = False) -> dict[str, str]:
    """A hash of every row of every model's table (ordered by primary key), per table.

    By default the database writes each table out as text and Python hashes that one string: any change to any
    stored value shows, and no row is converted to Python values (fetching the rows took 90 ms a call on SQLite
    and 190 ms on PostgreSQL with the demo agency, and the ``unchanged`` check makes two calls per refused
    request). ``portable=True`` hashes the model-field values instead, for comparing two databases whose raw
    storage may differ (a backup and its restore).
    """
    tables = _tables()
    if portable:
        return {
            table: _digest(list(model._base_manager.order_by("pk").values_list(*[f.attname for f in fields])))
            for table, (model, fields) in tables.items()
        }
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One round trip: each table's rows as PostgreSQL's row literals, in primary-key order.
            parts = [
                f"SELECT %s, string_agg(x::text, E'\\n' ORDER BY x.{quote(model._meta.pk.column)}) "  # noqa: S608
                f"FROM {quote(table)} x"
                for table, (model, _fields) in tables.items()
            ]
            cursor.execute(" UNION ALL ".join(parts), list(tables))  # nosec B608 - model tables
            return {table: _digest(text or "") for table, text in cursor.fetchall()}
        result = {}
        for table, (model, fields) in tables.items():
            row = "||','||".join(f"quote({quote(f.column)})" for f in fields)
            order = quote(model._meta.pk.column)
            cursor.execute(f"SELECT {row} FROM {quote(table)} ORDER BY {order}")  # noqa: S608 - model tables  # nosec B608
            result[table] = _digest("\n".join(r[0] for r in cursor.fetchall()))
        return result


def _tables() -> dict[str, tuple]:
    """Every model's table that exists, but the volatile ones: {table: (model, concrete fields)}."""
    existing = _existing_tables()
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if table not in VOLATILE and table in existing and table not in tables:
            tables[table] = (model, model._meta.concrete_fields)
    return tables


def _digest(value) -> str:
    return hashlib.sha256((value if isinstance(value, str) else repr(value)).encode("utf-8")).hexdigest()


def _existing_tables() -> set[str]:
    return set(connection.introspection.table_names())


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(t for t in set(before) | set(after) if before.get(t) != after.get(t))

"""The demo agency kept as rows, put back after a transactional test flushed the database.

Building the demo goes through every chapter's actions (about half a minute); a browser or other transactional
test flushes every table when it ends, and the next one needed the whole build again. Instead, the rows of every
table are read once, right after the session's build, and written back in one transaction: deferred foreign keys
(Django makes them ``DEFERRABLE INITIALLY DEFERRED`` on PostgreSQL and SQLite) let the tables come in any order.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction

SKIP = {"django_migrations", "sqlite_sequence"}
JSON_TYPES = {114, 3802}  # PostgreSQL's json and jsonb type OIDs


@dataclass
class Table:
    name: str
    columns: list[str]
    rows: list[tuple]


_SNAPSHOT: list[Table] | None = None


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
    return [name for name in names if name not in SKIP]


def take() -> None:
    """Reads every table of the (just built) test database."""
    global _SNAPSHOT
    quote = connection.ops.quote_name
    tables = []
    with connection.cursor() as cursor:
        for name in _tables():
            cursor.execute(f"SELECT * FROM {quote(name)}")  # noqa: S608 - catalogue names, quoted  # nosec B608
            columns = [c[0] for c in cursor.description]
            rows = cursor.fetchall()
            json_at = [i for i, c in enumerate(cursor.description) if c[1] in JSON_TYPES]
            if json_at and connection.vendor == "postgresql":
                # Django reads jsonb as its text; a value that came back decoded is written as JSON again.
                rows = [tuple(_json(v) if i in json_at else v for i, v in enumerate(row)) for row in rows]
            tables.append(Table(name, columns, rows))
    _SNAPSHOT = tables


def _json(value):
    from psycopg.types.json import Jsonb

    return value if value is None or isinstance(value, str) else Jsonb(value)


def available() -> bool:
    return _SNAPSHOT is not None


def restore() -> None:
    """Empties every table and writes the snapshot back; sequences follow the highest ids."""
    assert _SNAPSHOT is not None
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            names = ", ".join(quote(t.name) for t in _SNAPSHOT)
            cursor.execute(f"TRUNCATE {names}")
        else:
            for table in _SNAPSHOT:
                cursor.execute(f"DELETE FROM {quote(table.name)}")  # noqa: S608 - catalogue names, quoted  # nosec B608
        for table in _SNAPSHOT:
            if not table.rows:
                continue
            columns = ", ".join(quote(c) for c in table.columns)
            marks = ", ".join(["%s"] * len(table.columns))
            cursor.executemany(
                f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({marks})",  # noqa: S608 - quoted names  # nosec B608
                table.rows,
            )
        if connection.vendor == "postgresql":
            models = apps.get_models(include_auto_created=True)
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
    ContentType.objects.clear_cache()

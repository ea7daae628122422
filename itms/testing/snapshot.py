"""The demo agency kept as rows, put back after a transactional test.

Building the demo goes through every chapter's actions (about half a minute); a browser or other transactional
test commits what it does, and Django's flush after it would leave the next test an empty database. Instead, the
rows of every table are read once, right after the session's build, and the tables a test changed are written
back in one transaction when it ends: deferred foreign keys (Django makes them ``DEFERRABLE INITIALLY DEFERRED``
on PostgreSQL and SQLite) let the tables come in any order.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction

from .fingerprint import db_fingerprint

SKIP = {"django_migrations", "sqlite_sequence"}
JSON_TYPES = {114, 3802}  # PostgreSQL's json and jsonb type OIDs


@dataclass
class Table:
    name: str
    columns: list[str]
    rows: list[tuple]


_SNAPSHOT: list[Table] | None = None
_BASELINE: dict[str, str] = {}  # the snapshot's table fingerprints (itms.testing.fingerprint)


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
    return [name for name in names if name not in SKIP]


def take() -> None:
    """Reads every table of the (just built) test database."""
    global _SNAPSHOT, _BASELINE
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
    _BASELINE = db_fingerprint()


def _json(value):
    from psycopg.types.json import Jsonb

    return value if value is None or isinstance(value, str) else Jsonb(value)


def _copy(raw_cursor, table: Table) -> None:
    from psycopg import sql

    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name), sql.SQL(", ").join(sql.Identifier(c) for c in table.columns)
    )
    with raw_cursor.copy(statement) as copy:
        for row in table.rows:
            copy.write_row(row)


def available() -> bool:
    return _SNAPSHOT is not None


def restore() -> None:
    """Writes back the tables that differ from the snapshot; sequences follow the highest ids.

    A test changes some of the tables: the fingerprint (itms.testing.fingerprint) finds which, and only those are
    emptied and written again. Tables the fingerprint leaves out (sessions, login attempts) always are.
    """
    assert _SNAPSHOT is not None
    now = db_fingerprint()
    tables = [t for t in _SNAPSHOT if t.name not in _BASELINE or now.get(t.name) != _BASELINE[t.name]]
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        # Foreign keys are deferred (see above): rows a kept table points at are back before the commit checks.
        for table in tables:
            cursor.execute(f"DELETE FROM {quote(table.name)}")  # noqa: S608 - catalogue names, quoted  # nosec B608
        for table in tables:
            if not table.rows:
                continue
            if connection.vendor == "postgresql":
                _copy(cursor.cursor, table)
                continue
            columns = ", ".join(quote(c) for c in table.columns)
            marks = ", ".join(["%s"] * len(table.columns))
            cursor.executemany(
                f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({marks})",  # noqa: S608 - quoted names  # nosec B608
                table.rows,
            )
        if connection.vendor == "postgresql":
            names = {t.name for t in tables}
            models = [m for m in apps.get_models(include_auto_created=True) if m._meta.db_table in names]
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
    ContentType.objects.clear_cache()


def instead_of_flush() -> None:
    """Transactional tests (browser, live server) end by putting the demo back, not by Django's flush.

    The flush empties every table and re-creates the content types and permissions (post_migrate), and the next
    test that needs the demo then restored it anyway: two passes over every table per test, ≈ 3 s on PostgreSQL.
    Putting the snapshot back is one pass, and the next test finds the demo as every other test does.
    """
    from django.db import DEFAULT_DB_ALIAS
    from django.test import TransactionTestCase

    flush = TransactionTestCase._fixture_teardown
    if getattr(flush, "restores_snapshot", False):
        return

    def teardown(self) -> None:
        if available() and set(self._databases_names(include_mirrors=False)) == {DEFAULT_DB_ALIAS}:
            restore()
        else:
            flush(self)

    teardown.restores_snapshot = True
    TransactionTestCase._fixture_teardown = teardown

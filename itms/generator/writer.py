"""Fast inserts for the generator: COPY on PostgreSQL, ``executemany`` on SQLite.

Rows are plain tuples in the order of the field names given, with Python values; the writer
converts what the database needs (JSON to text, dates on SQLite) and nothing else. Primary keys
are handed out here (``next_ids``) so that later rows can point at earlier ones without reading
them back; sequences are reset at the end (``reset_sequences``).

Nothing here sends signals or calls ``save()``: no change-log rows, no per-row validation. The
generator is responsible for producing valid data (it uses the same choices and constraints).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Iterable, Sequence

from django.core.management.color import no_style
from django.db import connection, models

COPY_BUFFER_ROWS = 20_000
SQLITE_BATCH_ROWS = 5_000
COPY_BATCH_ROWS = 20_000


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


class IdAllocator:
    """Hands out primary keys above the current maximum of each table."""

    def __init__(self) -> None:
        self._next: dict[type[models.Model], int] = {}

    def take(self, model: type[models.Model], count: int) -> range:
        if model not in self._next:
            table = connection.ops.quote_name(model._meta.db_table)
            column = connection.ops.quote_name(model._meta.pk.column)
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT MAX({column}) FROM {table}")  # noqa: S608 - names from the model
                self._next[model] = (cursor.fetchone()[0] or 0) + 1
        start = self._next[model]
        self._next[model] = start + count
        return range(start, start + count)

    def one(self, model: type[models.Model]) -> int:
        return self.take(model, 1)[0]

    def models(self) -> list[type[models.Model]]:
        return list(self._next)


def _converter(field: models.Field, postgres: bool):
    if isinstance(field, models.JSONField):
        return lambda v: None if v is None else json.dumps(v, ensure_ascii=False, default=str)
    if postgres:
        return None  # psycopg adapts str, int, bool, date, aware datetime itself
    if isinstance(field, (models.DateTimeField, models.DateField, models.TimeField, models.DecimalField)):
        return lambda v: field.get_db_prep_save(v, connection)
    return None


def insert(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Insert rows (tuples in ``fields`` order) into the model's table; returns how many."""
    postgres = is_postgres()
    meta = model._meta
    fields, rows = _with_defaults(model, fields, rows)
    model_fields = [meta.get_field(name) for name in fields]
    columns = [f.column for f in model_fields]
    converters = [(i, c) for i, f in enumerate(model_fields) if (c := _converter(f, postgres)) is not None]

    def prepared(row):
        if not converters:
            return row
        row = list(row)
        for i, convert in converters:
            row[i] = convert(row[i])
        return row

    table = connection.ops.quote_name(meta.db_table)
    column_list = ", ".join(connection.ops.quote_name(c) for c in columns)
    connection.ensure_connection()
    count = 0
    if postgres:
        # A batch of rows is made before its COPY opens: a row generator may query (an id range, a lookup), and
        # the connection answers nothing else while a COPY is open, so such a query would wait forever.
        rows = iter(rows)
        with connection.cursor() as wrapper:
            raw = wrapper.cursor  # the psycopg cursor under Django's wrapper
            while batch := [prepared(row) for row in itertools.islice(rows, COPY_BATCH_ROWS)]:
                with raw.copy(f"COPY {table} ({column_list}) FROM STDIN") as copy:
                    for row in batch:
                        copy.write_row(row)
                count += len(batch)
        return count
    placeholders = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({column_list}) VALUES ({placeholders})"  # noqa: S608 - names from the model
    batch: list = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(prepared(row))
            if len(batch) >= SQLITE_BATCH_ROWS:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def _with_defaults(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence]):
    """Fields the generator does not name get their default (or NULL, "", now): new model fields don't break it."""
    from django.utils import timezone

    given = set(fields)
    extra_names, extra_values = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in given or field.attname in given:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = timezone.now()
        elif field.has_default():
            value = field.get_default()
        elif field.null:
            value = None
        elif field.blank and isinstance(field, (models.CharField, models.TextField)):
            value = ""
        else:
            raise ValueError(f"{model._meta.label}.{field.name}: 생성기가 값을 정하지 않은 필수 필드입니다")
        extra_names.append(field.name)
        extra_values.append(value)
    if not extra_names:
        return list(fields), rows
    extra = tuple(extra_values)
    return [*fields, *extra_names], (tuple(row) + extra for row in rows)


def reset_sequences(model_list: Iterable[type[models.Model]]) -> None:
    """After explicit primary keys: the next automatic key continues above the highest one."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(model_list))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def analyze() -> None:
    """Fresh planner statistics, as autovacuum (PostgreSQL) or ``PRAGMA optimize`` (SQLite) would give."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if is_postgres() else "PRAGMA optimize")


def table_exists(model: type[models.Model]) -> bool:
    return model._meta.db_table in connection.introspection.table_names()


# Asia/Seoul has kept +09:00 without summer time since 1988: a fixed offset is exact and fast.
KST = dt.timezone(dt.timedelta(hours=9), "KST")


def aware(day: dt.date, hour: int = 9, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=KST)

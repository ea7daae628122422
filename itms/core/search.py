"""Indexed text search (issue 12): the free-text ``q`` of every list, API list and search select.

**Declared once.** A registered type's searchable fields are ``ObjectType.search_fields`` (given to ``register``,
or the FilterSet's ``search_fields``). The filter (``ItmsFilterSet.search``), the API's ``?q=``, the search select
over a big table and the indexes all read that one declaration: ``trigram_columns()`` lists the (table, column)
pairs it needs, and ``itms/core/tests/test_search.py`` fails, naming the lines to add, until a migration creates a
``TrigramIndex`` for each (``itms/core/migrations/``).

**PostgreSQL.** Each searched column has a pg_trgm GIN index (``gin_trgm_ops``), and a term is matched as
``column ILIKE '%term%'`` (the ``ilike`` lookup below; ``LIKE`` for a term without case, such as Korean, which
is the same match at a fifth of the cost), which that index serves: a Korean substring ("빅데이터"
inside "2018년 청주세관 관세행정 빅데이터 시스템 운영·유지관리") is found through the trigrams of its syllables
(pg_trgm splits on non-alphanumerics and Hangul syllables count as letters). A term shorter than three characters
has no trigram; PostgreSQL then reads the table, and a relation is matched with ``IN (subquery)``, which it checks
by hashing. Several fields of one table are OR-ed (a BitmapOr of
their indexes); a field across a foreign key becomes ``fk_id IN (SELECT id FROM other WHERE col ILIKE …)``, which
is served by the other table's index and never duplicates rows.

**SQLite** (development and tests): no trigram index; LIKE reads the table. That is the bounded fallback: lists
count at most ``ITMS_COUNT_CAP`` rows of a search on a big table (``itms.core.pagination``) and the list page says
that searching is slower here (``SLOW_SEARCH_NOTE``).

Search results are filtered on top of the list's own queryset, so they keep its ``restrict(user, "view")`` scope.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db import connections, models
from django.db.migrations.operations.base import Operation
from django.db.models import Lookup, Q
from django.db.models.lookups import IContains

SLOW_SEARCH_NOTE = "이 데이터베이스(SQLite)에는 검색 색인이 없어 검색이 느릴 수 있습니다."
MIN_INDEXED_TERM = 3  # pg_trgm: a term needs three characters to have a trigram the index can look up


class ILike(IContains):
    """``field__ilike="term"``: ``field ILIKE '%term%'`` on PostgreSQL (served by a trigram index), else icontains.

    Django's own ``icontains`` writes ``UPPER(field::text) LIKE UPPER('%term%')``, which no plain-column index
    serves; ILIKE on the bare column is what ``gin_trgm_ops`` indexes.
    """

    lookup_name = "ilike"

    def as_sql(self, compiler, connection):
        if connection.vendor != "postgresql":
            return IContains(self.lhs, self.rhs).as_sql(compiler, connection)
        return super().as_sql(compiler, connection)

    def get_rhs_op(self, connection, rhs):
        # A term with no upper or lower case (Korean, digits) matches the same rows with LIKE, which PostgreSQL
        # checks about five times faster than ILIKE on Korean text; the trigram index serves both.
        return f"{'LIKE' if caseless(self.rhs) else 'ILIKE'} {rhs}"


def caseless(term) -> bool:
    return isinstance(term, str) and term.lower() == term.upper()


models.CharField.register_lookup(ILike)
models.TextField.register_lookup(ILike)


class InArray(Lookup):
    """``fk__in_array=subquery``: ``fk = ANY(ARRAY(subquery))`` on PostgreSQL, ``fk IN (subquery)`` elsewhere.

    ``IN (subquery)`` becomes a hashed subplan checked row by row, so an OR with it reads the whole table;
    ``= ANY(ARRAY(…))`` is computed once and answered by the column's own index, so a search over a relation
    and a column of the table itself is a BitmapOr of two indexes.
    """

    lookup_name = "in_array"

    def get_prep_lookup(self):
        return self.rhs

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = compiler.compile(self.rhs)
        rhs = rhs if rhs.startswith("(") else f"({rhs})"
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(ARRAY{rhs})", (*lhs_params, *rhs_params)
        return f"{lhs} IN {rhs}", (*lhs_params, *rhs_params)


models.ForeignKey.register_lookup(InArray)
models.AutoField.register_lookup(InArray)
models.BigAutoField.register_lookup(InArray)
SEARCH_HINT = "itms_text_search"


def text_search(queryset, fields, value: str):
    """Rows where any of ``fields`` contains ``value`` (case-insensitive); all rows for an empty value."""
    value = (value or "").strip()
    if not value or not fields:
        return queryset
    found = queryset.filter(reduce(or_, (_contains(queryset.model, path, value) for path in fields)))
    # Kept by every clone: the paginator bounds the count of a search, through the indexes when the term has a trigram.
    found._hints = {**found._hints, SEARCH_HINT: value}
    return found


def _contains(model, path: str, value: str) -> Q:
    """``path`` contains ``value``: ILIKE on a local text column, a ``pk IN`` subquery across a relation."""
    name, _, rest = path.partition("__")
    field = model._meta.get_field(name)
    if not rest:
        if isinstance(field, (models.CharField, models.TextField)):
            return Q(**{f"{name}__ilike": value})
        return Q(**{f"{name}__icontains": value})
    related = field.related_model
    # No ORDER BY inside the subquery: the related model's default order would join and sort for nothing.
    inner = related._base_manager.filter(_contains(related, rest, value)).order_by().values("pk")
    # A term with no trigram is a scan of the table whatever is written: then ``IN`` (a hashed subplan, one probe a
    # row) beats ``= ANY(ARRAY(…))``, which PostgreSQL checks against every element of the array for every row
    # (728 matching agenda items × 18,382 resolutions: 65 of an 83 ms count, "예산").
    lookup = "in_array" if len(value) >= MIN_INDEXED_TERM else "in"
    if field.many_to_one or (field.one_to_one and field.concrete):
        return Q(**{f"{name}__{lookup}": inner})
    # A reverse or many-to-many relation: the rows that have at least one match, each once.
    return Q(**{f"pk__{lookup}": model._base_manager.filter(**{f"{name}__in": inner}).order_by().values("pk")})


def search_fields_of(object_type) -> tuple[str, ...]:
    return tuple(getattr(object_type, "search_fields", None) or getattr(object_type.filterset, "search_fields", ()))


def column_of(model, path: str) -> tuple[str, str, bool] | None:
    """(table, column, is text) at the end of a search path; None if it ends on no concrete column."""
    name, _, rest = path.partition("__")
    try:
        field = model._meta.get_field(name)
    except Exception:
        return None
    if rest:
        return column_of(field.related_model, rest) if field.related_model is not None else None
    if not getattr(field, "concrete", False):
        return None
    return model._meta.db_table, field.column, isinstance(field, (models.CharField, models.TextField))


def trigram_columns() -> set[tuple[str, str]]:
    """Every (table, column) that some registered type searches: each needs a trigram index on PostgreSQL."""
    from . import registry

    columns = set()
    for object_type in registry.REGISTRY.values():
        if object_type.model.__module__.startswith("itms.testing"):
            continue  # the test suite's example app has no migrations of its own here
        for path in search_fields_of(object_type):
            found = column_of(object_type.model, path)
            if found and found[2]:
                columns.add(found[:2])
    return columns


def index_name(table: str, column: str) -> str:
    """A stable name within PostgreSQL's 63 characters."""
    import hashlib

    name = f"{table}_{column}_trgm"
    if len(name) <= 63:
        return name
    digest = hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()[:8]
    return f"{name[:50]}_{digest}_trgm"


class TrigramIndex(Operation):
    """A migration operation: a pg_trgm GIN index on ``table.column`` (PostgreSQL only; nothing elsewhere).

    Not part of the models' state (Django has no portable index of this kind), so ``makemigrations`` never sees
    it; ``trigram_columns()`` and the test keep the migrations in step with the registered search fields.
    Reversible (DROP INDEX). Needs the pg_trgm extension (``TrigramExtension`` in the first core migration).
    """

    reversible = True
    reduces_to_sql = True

    def __init__(self, table: str, column: str):
        self.table = table
        self.column = column

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.table, self.column], {})

    def state_forwards(self, app_label, state):
        pass

    def _run(self, schema_editor, sql):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        quote = schema_editor.quote_name
        self._run(
            schema_editor,
            f"CREATE INDEX IF NOT EXISTS {quote(index_name(self.table, self.column))} "
            f"ON {quote(self.table)} USING gin ({quote(self.column)} gin_trgm_ops)",
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self._run(
            schema_editor, f"DROP INDEX IF EXISTS {schema_editor.quote_name(index_name(self.table, self.column))}"
        )

    def describe(self):
        return f"Trigram index on {self.table}.{self.column} (PostgreSQL)"

    @property
    def migration_name_fragment(self):
        return f"{self.table}_{self.column}_trgm"


def search_is_indexed(using: str = "default") -> bool:
    return connections[using].vendor == "postgresql"

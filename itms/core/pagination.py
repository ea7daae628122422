"""Pages of big lists without deep cost (issue 12): counts, deep offsets and keyset ("cursor") pages.

**Counting.** ``EstimatedCountPaginator`` never runs ``COUNT(*)`` over a whole big table:

* a query with no condition at all (no filter, scope, DISTINCT, grouping or slice) on a table whose planner
  estimate (``pg_class.reltuples``) is at or above ``settings.ITMS_COUNT_ESTIMATE_ABOVE`` (100,000) is counted
  by that estimate ("약 N건", ``paginator.estimated``);
* any other query on such a table is counted up to ``settings.ITMS_COUNT_CAP`` (10,000) rows
  (``SELECT COUNT(*) FROM (… LIMIT cap + 1)``): beyond that the page says "10,000건 이상" (``paginator.capped``);
  a text search up to ``ITMS_SEARCH_COUNT_CAP`` (1,000), through its trigram indexes (``bounded_count``);
* smaller tables, and every table on SQLite, are counted exactly.

The estimate is read once per table per minute and process (``table_estimate_cached``), not on every request.
A keyset page of a list counted up to a cap (``counts_by_bound``) is shown first and counted by a second request
(``?_count=1``), so a search over a million legal events answers before its count.

**Deep offsets.** ``?page=N`` far into a list asks PostgreSQL for the page's primary keys first, in the list's
order, and only then for those rows with their joins (``WHERE id IN (SELECT id … ORDER BY … OFFSET … LIMIT …)``):
skipped rows go through an index, not through every join of the page query.

**Keyset pages.** ``keyset_page(queryset, cursor)`` reads the page after (or before) a cursor — the sort values
of the last (first) row shown — with ``WHERE (key₁, …, id) > (…)`` written so the leading key bounds an index
range. Big lists show "다음 쪽"/"이전 쪽" links with such cursors (``?cursor=``) and the API answers them, so the
50,001st row costs what the 51st does. A cursor is only used with the order it was made for; a list whose order
runs through a relation or a nullable column has no keyset pages (its numbered pager stays); a list grouped by
its parent orders by the foreign key's own column (``-contract_id``), which an index serves.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import decimal
import json
import time
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connections, transaction
from django.db.models import F, OrderBy, Q
from django.utils.functional import cached_property

from .errors import BadParameter
from .search import MIN_INDEXED_TERM, SEARCH_HINT

ESTIMATE_ABOVE = 100_000
COUNT_CAP = 10_000
SEARCH_COUNT_CAP = 1_000  # a text search over a big table: "1,000건 이상"
# A text search reads every row it counts (ILIKE on five columns of 60,000 assets: 0.19 s), so its count is bounded
# from this table size on, below the size from which plain lists are (bench/results/lists-postgres-s1*).
SEARCH_BOUNDED_ABOVE = 10_000
DEFERRED_FROM = 500  # from this offset on, a page is read through its primary keys first
ESTIMATE_TTL = 60.0  # seconds an estimate is reused by this process
CURSOR_PARAM = "cursor"


def estimate_threshold() -> int:
    return int(getattr(settings, "ITMS_COUNT_ESTIMATE_ABOVE", ESTIMATE_ABOVE))


def count_cap() -> int:
    return int(getattr(settings, "ITMS_COUNT_CAP", COUNT_CAP))


def counts_whole_table(queryset) -> bool:
    """True if ``queryset.count()`` would count every row of the model's table."""
    query = getattr(queryset, "query", None)
    if query is None or query.where or query.distinct or query.is_sliced or query.combinator:
        return False
    if query.group_by is not None:
        return False
    return not any(getattr(annotation, "contains_aggregate", False) for annotation in query.annotations.values())


def table_estimate(queryset) -> int | None:
    """PostgreSQL's estimate of the rows in the queryset's table; None elsewhere or when never analysed."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(%s)",
            [connection.ops.quote_name(queryset.model._meta.db_table)],
        )
        row = cursor.fetchone()
    if row is None or row[0] is None or row[0] < 0:  # -1: never vacuumed or analysed
        return None
    return int(row[0])


_ESTIMATES: dict[tuple[str, str], tuple[float, int | None]] = {}


def table_estimate_cached(queryset) -> int | None:
    """``table_estimate``, read at most once a minute per table and process (an estimate moves slowly)."""
    key = (queryset.db, queryset.model._meta.db_table)
    now = time.monotonic()
    cached = _ESTIMATES.get(key)
    if cached is not None and now - cached[0] < ESTIMATE_TTL:
        return cached[1]
    value = table_estimate(queryset)
    _ESTIMATES[key] = (now, value)
    return value


def clear_estimates() -> None:
    _ESTIMATES.clear()


def is_big(queryset) -> bool:
    """A table big enough that counting or offsetting through it costs: estimate ≥ the threshold."""
    estimate = table_estimate_cached(queryset)
    return estimate is not None and estimate >= estimate_threshold()


def search_term(queryset) -> str:
    """The text the queryset was searched for (``itms.core.search.text_search``), or ""."""
    term = queryset._hints.get(SEARCH_HINT)
    return term if isinstance(term, str) else ""


def is_big_for_search(queryset) -> bool:
    """A searched table big enough that an exact count of the matches costs (``ITMS_SEARCH_BOUNDED_ABOVE``)."""
    estimate = table_estimate_cached(queryset)
    threshold = int(getattr(settings, "ITMS_SEARCH_BOUNDED_ABOVE", SEARCH_BOUNDED_ABOVE))
    return estimate is not None and estimate >= threshold


def estimated_count(queryset) -> int | None:
    """The planner's estimate if it may stand in for ``queryset.count()`` (see the module), else None."""
    if not counts_whole_table(queryset):
        return None
    estimate = table_estimate_cached(queryset)
    if estimate is None or estimate < estimate_threshold():
        return None
    return estimate


def counts_by_bound(queryset) -> bool:
    """Whether the queryset is counted up to a cap (a filter or search over a big table): a count that reads the
    matching rows, tens of milliseconds over a million, where the estimate or an exact count of a small table
    costs next to nothing. A keyset page asks for such a count after it is shown (``ObjectListView``)."""
    if estimated_count(queryset) is not None:
        return False
    return is_big(queryset) or bool(search_term(queryset) and is_big_for_search(queryset))


def _queryset_of(object_list):
    """The queryset behind a paginator's list: itself, or a django-tables2 table's rows (BoundRows → data)."""
    if hasattr(object_list, "query"):
        return object_list
    data = getattr(object_list, "data", None)  # BoundRows.data: TableQuerysetData
    inner = getattr(data, "data", None)
    return inner if hasattr(inner, "query") else None


def search_count_cap() -> int:
    return int(getattr(settings, "ITMS_SEARCH_COUNT_CAP", SEARCH_COUNT_CAP))


def bounded_count(queryset, limit: int, *, by_index: bool = False) -> int:
    """``COUNT(*)`` of at most ``limit`` rows. ``by_index``: a text search, counted through its trigram indexes.

    With a LIMIT, PostgreSQL's planner likes a sequential scan that stops once enough rows matched, and it prices
    ILIKE on Korean text far below its real cost (a few microseconds a row): a common word took 0.8 s on 100,000
    obligations. The indexes every searched column has (itms.core.search) answer it in milliseconds, so for a
    search the count is planned without sequential scans of big tables (only for that statement).
    """
    bounded = queryset.order_by()[:limit]
    connection = connections[queryset.db]
    if not by_index or connection.vendor != "postgresql":
        return bounded.count()
    with transaction.atomic(using=queryset.db), connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)")
        previous = cursor.fetchone()[0]
        try:
            return bounded.count()
        finally:
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])


def deferred_slice(queryset, bottom: int, top: int) -> list:
    """Rows ``bottom``–``top`` of the queryset, the skipped ones read by primary key only."""
    if bottom < DEFERRED_FROM or queryset.query.distinct or queryset.query.combinator:
        return list(queryset[bottom:top])
    keys = queryset.values("pk")[bottom:top]
    return list(queryset.filter(pk__in=keys))


class EstimatedCountPaginator(Paginator):
    _estimated = False
    _capped = False

    @property
    def estimated(self) -> bool:
        """The count is PostgreSQL's estimate ("약 N건"); read after the count, which a template may not do."""
        return self.count is not None and self._estimated

    @property
    def capped(self) -> bool:
        """The count stopped at ``ITMS_COUNT_CAP`` ("N건 이상")."""
        return self.count is not None and self._capped

    @cached_property
    def count(self) -> int:
        queryset = _queryset_of(self.object_list)
        if queryset is None:
            return super().count
        estimate = estimated_count(queryset)
        if estimate is not None:
            self._estimated = True
            self._set_table_length(queryset, estimate)
            return estimate
        term = search_term(queryset)
        if counts_by_bound(queryset):
            cap = search_count_cap() if term else count_cap()
            # A term shorter than a trigram has nothing to look up: a scan that stops at the cap is quicker.
            found = bounded_count(queryset, cap + 1, by_index=len(term) >= MIN_INDEXED_TERM)
            if found > cap:
                self._capped = True
                self._set_table_length(queryset, cap)
                return cap
            self._set_table_length(queryset, found)
            return found
        count = queryset.count()
        self._set_table_length(queryset, count)
        return count

    def _set_table_length(self, queryset, length: int) -> None:
        if queryset is not self.object_list:
            self.object_list.data._length = length  # django-tables2 would COUNT(*) again for len(rows)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if bottom < DEFERRED_FROM:
            return super().page(number)
        queryset = _queryset_of(self.object_list)
        if queryset is None:
            return super().page(number)
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        records = deferred_slice(queryset, bottom, top)
        if queryset is not self.object_list:  # a django-tables2 table: its rows over these records
            rows = self.object_list
            records = type(rows)(records, rows.table, getattr(rows, "pinned_data", None))
        return self._get_page(records, number, self)


# --- keyset pages -----------------------------------------------------------------------------------------------
@dataclass
class KeysetPage:
    """One keyset page: its records and the cursors of the pages before and after it (None at either end)."""

    records: list
    next_cursor: str | None = None
    previous_cursor: str | None = None
    keys: list = field(default_factory=list)

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_cursor is not None


def order_keys(queryset) -> list[tuple[str, bool]] | None:
    """[(field name, descending)] of the queryset's order, ending on a unique key; None if it cannot be a keyset.

    Every key must be a concrete, non-null column of the model itself (no relation but a foreign key's own
    column, e.g. ``-contract_id``; no expression), so that "after this row" is a plain comparison an index can
    serve.
    """
    model = queryset.model
    query = queryset.query
    ordering = list(query.order_by) if query.order_by else list(query.get_meta().ordering or [])
    keys: list[tuple[str, bool]] = []
    for item in ordering:
        if isinstance(item, OrderBy) and isinstance(item.expression, F):
            name, descending = item.expression.name, item.descending
        elif isinstance(item, str):
            name, descending = item.lstrip("-"), item.startswith("-")
        else:
            return None
        if name == "pk":
            name = model._meta.pk.name
        if "__" in name or name == "?":
            return None
        try:
            model_field = model._meta.get_field(name)
        except Exception:
            return None
        # A foreign key only by its own column (``contract_id``): by name, Django sorts by the related ordering.
        own_column = model_field.is_relation and name == getattr(model_field, "attname", None)
        if not getattr(model_field, "concrete", False) or (model_field.is_relation and not own_column):
            return None
        if model_field.null:
            return None
        if name in {k for k, _ in keys}:
            continue
        keys.append((name, descending))
        if model_field.unique or model_field.primary_key:
            return keys
    pk = model._meta.pk.name
    keys.append((pk, keys[-1][1] if keys else False))
    return keys


def _encode(keys, values, direction: str) -> str:
    payload = {"k": [("-" if d else "") + n for n, d in keys], "v": [_plain(v) for v in values], "d": direction}
    raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    return value


def _decode(cursor: str, model, keys) -> tuple[list, str]:
    """The row values and direction a cursor holds, checked against this list's order (else 400)."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw.decode())
        names = payload["k"]
        values = payload["v"]
        direction = payload.get("d", "n")
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError) as error:
        raise BadParameter(CURSOR_PARAM, "쪽 표시가 올바르지 않습니다.") from error
    if names != [("-" if d else "") + n for n, d in keys] or len(values) != len(keys) or direction not in "np":
        raise BadParameter(CURSOR_PARAM, "정렬이 바뀌어 이 쪽 표시를 쓸 수 없습니다. 첫 쪽부터 다시 보십시오.")
    typed = []
    for (name, _), value in zip(keys, values, strict=True):
        try:
            typed.append(model._meta.get_field(name).to_python(value))
        except Exception as error:
            raise BadParameter(CURSOR_PARAM, "쪽 표시가 올바르지 않습니다.") from error
    return typed, direction


def _after(keys, values, forward: bool) -> Q:
    """Rows after (or before) the row with ``values`` in the order ``keys``.

    (k₁ > v₁) OR (k₁ = v₁ AND k₂ > v₂) … with a leading k₁ ≥ v₁, so the first key bounds an index range.
    """

    def beyond(descending: bool) -> str:
        return "lt" if descending == forward else "gt"

    condition = None
    equal: dict = {}
    for (name, descending), value in zip(keys, values, strict=True):
        part = Q(**equal, **{f"{name}__{beyond(descending)}": value})
        condition = part if condition is None else condition | part
        equal[name] = value
    first_name, first_descending = keys[0]
    bound = Q(**{f"{first_name}__{beyond(first_descending)}e": values[0]})
    return bound & condition


def _ordered(queryset, keys, forward: bool):
    return queryset.order_by(*[("-" if descending == forward else "") + name for name, descending in keys])


def keyset_page(queryset, cursor: str | None, per_page: int) -> KeysetPage:
    """The page after (or, for a "previous" cursor, before) ``cursor``; the first page without one."""
    keys = order_keys(queryset)
    if keys is None:
        raise BadParameter(CURSOR_PARAM, "이 정렬에서는 쪽 표시를 쓸 수 없습니다.")
    forward = True
    if cursor:
        values, direction = _decode(cursor, queryset.model, keys)
        forward = direction == "n"
        queryset = queryset.filter(_after(keys, values, forward))
    rows = list(_ordered(queryset, keys, forward)[: per_page + 1])
    more = len(rows) > per_page
    rows = rows[:per_page]
    if not forward:
        rows.reverse()
    page = KeysetPage(records=rows, keys=keys)
    if rows:
        last = [getattr(rows[-1], name) for name, _ in keys]
        first = [getattr(rows[0], name) for name, _ in keys]
        if more if forward else bool(cursor):
            page.next_cursor = _encode(keys, last, "n")
        if bool(cursor) if forward else more:
            page.previous_cursor = _encode(keys, first, "p")
    return page


def cursor_at(queryset, offset: int) -> str | None:
    """The cursor of the page that starts after ``offset`` rows (for links and benchmarks); None without keys."""
    keys = order_keys(queryset)
    if keys is None or offset <= 0:
        return None
    names = [name for name, _ in keys]
    row = _ordered(queryset, keys, True).values_list(*names)[offset - 1 : offset]
    row = list(row)
    return _encode(keys, list(row[0]), "n") if row else None

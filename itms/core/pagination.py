"""Counting rows for a pager without ``COUNT(*)`` over a whole big table.

An unfiltered list of an append-only log (법정 이벤트, 1,000,000 rows) spent 100–140 ms of every page in
``SELECT COUNT(*)``. ``EstimatedCountPaginator`` takes PostgreSQL's planner estimate (``pg_class.reltuples``,
kept by autovacuum/ANALYZE) instead when

* the query has no condition at all (no filter, no scope, no DISTINCT, no grouping, no slice): it would count
  the whole table, and
* the estimate is above ``settings.ITMS_COUNT_ESTIMATE_ABOVE`` (default 100,000).

Anything filtered, anything smaller, and every other database count exactly. An estimated count is marked
``paginator.estimated`` (the pages say "약 …건"); the page numbers follow it, so the last page may be a little
short or empty, which a pager over a million rows can afford. The generic list views and the API use it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

ESTIMATE_ABOVE = 100_000


def estimate_threshold() -> int:
    return int(getattr(settings, "ITMS_COUNT_ESTIMATE_ABOVE", ESTIMATE_ABOVE))


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


def estimated_count(queryset) -> int | None:
    """The planner's estimate if it may stand in for ``queryset.count()`` (see the module), else None."""
    if not counts_whole_table(queryset):
        return None
    estimate = table_estimate(queryset)
    if estimate is None or estimate <= estimate_threshold():
        return None
    return estimate


def _queryset_of(object_list):
    """The queryset behind a paginator's list: itself, or a django-tables2 table's rows (BoundRows → data)."""
    if hasattr(object_list, "query"):
        return object_list
    data = getattr(object_list, "data", None)  # BoundRows.data: TableQuerysetData
    inner = getattr(data, "data", None)
    return inner if hasattr(inner, "query") else None


class EstimatedCountPaginator(Paginator):
    estimated = False

    @cached_property
    def count(self) -> int:
        queryset = _queryset_of(self.object_list)
        if queryset is not None:
            estimate = estimated_count(queryset)
            if estimate is not None:
                self.estimated = True
                if queryset is not self.object_list:
                    self.object_list.data._length = estimate  # django-tables2 would COUNT(*) for len(rows)
                return estimate
        return super().count

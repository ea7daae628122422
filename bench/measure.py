"""The measurements of bench/run.py (imported after Django is set up).

Pages are requested in-process through Django's test client (the whole middleware stack, sessions, auth,
templates; no web server), as a signed-in demo user. For each URL: a few warm-up requests, then ``repeat``
timed ones (p50/p95 from those), then one more with the queries captured; those queries (SELECTs only) are
re-executed on a plain cursor and timed with their fetch, so page time can be set against the raw SQL time.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
import time
from collections import Counter

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

EXTRA_PAGES = [
    "ui:home",
    "governance:my_meetings",
    "regulation:compliance",
    "regulation:calendar",
    "regulation:coverage",
    "planning:portfolio",
    "execution:dashboard",  # every project's progress and deliverables (a17.5)
    "execution:missing_deliverables",
    "operations:dashboard",  # SLA months, open incidents, the queue (a25, a26)
    "operations:queue",
    "performance:dashboard",  # rounds, scores and decisions (a27)
    "resources:currency",  # the inventory's currency and the O&M coverage (a29.3)
    "resources:coverage",
]
_NUMBERS = re.compile(r"\b\d+\b")
_STRINGS = re.compile(r"'(?:[^']|'')*'")
_IN_LISTS = re.compile(r"IN \((?:\?, )*\?\)")


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (p95 of 20 samples is the 19th)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))
    return ordered[int(rank) - 1]


def as_served() -> None:
    """Start-up as the web process does it (config/wsgi.py): URLconf loaded, start-up objects frozen out of the
    garbage collector, so a collection pauses a timed request no longer here than it would in gunicorn."""
    import config.wsgi  # noqa: F401


def client_for(user) -> Client:
    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    client.force_login(user)
    return client


def shape(sql: str) -> str:
    """A query with its literal values taken out: the same shape repeated means a query per row (N+1)."""
    return _IN_LISTS.sub("IN (…)", _NUMBERS.sub("?", _STRINGS.sub("?", sql)))


def replay(queries: list[dict], rounds: int = 3) -> dict:
    """Re-execute the captured SELECTs on a plain cursor (execute + fetch); the median of ``rounds`` passes."""
    selects = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("SELECT", "WITH"))]
    totals, per_query, failed = [], [0.0] * len(selects), set()
    for _ in range(rounds):
        total = 0.0
        with connection.cursor() as cursor:
            for index, sql in enumerate(selects):
                if index in failed:
                    continue
                started = time.perf_counter()
                try:
                    cursor.execute(sql)
                    cursor.fetchall()
                except Exception:  # a query that cannot be replayed verbatim is counted, not timed
                    failed.add(index)
                    continue
                elapsed = time.perf_counter() - started
                per_query[index] += elapsed / rounds
                total += elapsed
        totals.append(total)
    slowest = max(range(len(selects)), key=lambda i: per_query[i]) if selects else None
    return {
        "sql_replay_ms": round(statistics.median(totals) * 1000, 2) if totals else 0.0,
        "selects": len(selects),
        "not_replayed": len(failed),
        "slowest_query_ms": round(per_query[slowest] * 1000, 2) if slowest is not None else 0.0,
        "slowest_query": selects[slowest][:600] if slowest is not None else "",
    }


class _SqlTimer:
    """connection.execute_wrapper: the time spent in the database driver's execute, to the microsecond."""

    def __init__(self):
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


def measure_url(client: Client, url: str, *, repeat: int, warmup: int) -> dict:
    response = None
    for _ in range(max(1, warmup)):
        response = client.get(url)
    result: dict = {"url": url, "status": response.status_code}
    if response.status_code != 200:
        return result
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - started)
    timer = _SqlTimer()
    with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(timer):
        started = time.perf_counter()
        client.get(url)
        traced_ms = (time.perf_counter() - started) * 1000
    queries = captured.captured_queries
    shapes = Counter(shape(q["sql"]) for q in queries)
    repeated_shape, repeated = shapes.most_common(1)[0] if shapes else ("", 0)
    result.update(
        p50_ms=round(percentile(samples, 0.5) * 1000, 1),
        p95_ms=round(percentile(samples, 0.95) * 1000, 1),
        max_ms=round(max(samples) * 1000, 1),
        bytes=len(response.content),
        queries=len(queries),
        sql_in_request_ms=round(timer.seconds * 1000, 2),
        traced_ms=round(traced_ms, 1),
        repeated_query_count=repeated,
        repeated_query=repeated_shape[:400] if repeated >= 5 else "",
        **replay(queries),
    )
    return result


def detail_object(object_type, user):
    """The object a user meets first: the top row of the list as they see it."""
    qs = object_type.base_queryset().restrict(user, "view")
    if not qs.query.order_by and not object_type.model._meta.ordering:
        qs = qs.order_by("pk")
    return qs.first()


def page_targets(object_type, user) -> list[tuple[str, str]]:
    """(kind, url) for one registered type: its list page, a detail page and its API list."""
    targets = [("list", reverse(object_type.url_name("list")))]
    obj = detail_object(object_type, user)
    if obj is not None:
        targets.append(("detail", reverse(object_type.url_name("detail"), kwargs={"pk": obj.pk})))
    if object_type.label == "governance.meeting":
        closed = _closed_meeting(object_type, user)
        if closed is not None:
            targets.append(("detail (종료된 회의)", reverse(object_type.url_name("detail"), kwargs={"pk": closed.pk})))
    if object_type.serializer is not None:
        targets.append(("api", f"/api/{object_type.app_label}/{object_type.path}/"))
    return targets


def _closed_meeting(object_type, user):
    """The most recent closed meeting with its agenda, votes and resolutions (the heaviest workspace)."""
    from itms.governance.choices import MeetingState

    return (
        object_type.base_queryset()
        .restrict(user, "view")
        .filter(state=MeetingState.CLOSED, items__resolution__isnull=False)
        .order_by("-scheduled_at")
        .first()
    )


def extra_targets() -> list[tuple[str, str, str]]:
    found = []
    for name in EXTRA_PAGES:
        try:
            found.append((name, "page", reverse(name)))
        except NoReverseMatch:
            continue
    return found


def bench_sweep() -> dict:
    """The daily obligation sweep over every open obligation, twice (the second run finds nothing new)."""
    from django.utils import timezone

    from itms.regulation.models import Obligation

    try:
        from itms.regulation.sweep import run_sweep
    except ImportError:
        return {"skipped": "itms.regulation.sweep 없음"}
    try:
        from itms.notifications.actions import send_pending_emails
    except ImportError:
        send_pending_emails = None
    today = timezone.localdate()
    open_count = Obligation.objects.open().count()
    started = time.perf_counter()
    first = run_sweep(today=today)
    first_s = time.perf_counter() - started
    emails_s = emails = None
    if send_pending_emails is not None:
        started = time.perf_counter()
        emails = send_pending_emails()
        emails_s = round(time.perf_counter() - started, 3)
    started = time.perf_counter()
    second = run_sweep(today=today)
    second_s = time.perf_counter() - started
    return {
        "open_obligations": open_count,
        "first_run_s": round(first_s, 3),
        "second_run_s": round(second_s, 3),
        "due_soon": first.due_soon,
        "overdue": first.overdue,
        "unassigned": first.unassigned,
        "notifications": first.created,
        "second_run_notifications": second.created,
        "emails": emails,
        "emails_s": emails_s,
    }


def bench_chain() -> dict:
    from itms.audit.chain import verify_chain

    runs = []
    result = None
    for _ in range(2):
        started = time.perf_counter()
        result = verify_chain()
        runs.append(round(time.perf_counter() - started, 2))
    return {"entries": result.checked, "ok": result.ok, "first_s": runs[0], "second_s": runs[1]}


def bench_legal_calendar(calls: int = 2000) -> dict:
    from itms.regulation import legal_calendar

    legal_calendar.clear_cache()
    started = time.perf_counter()
    legal_calendar.forward(dt.date(2026, 2, 3), 14)
    cold_ms = (time.perf_counter() - started) * 1000
    base = dt.date(2017, 1, 2)
    started = time.perf_counter()
    for i in range(calls):
        legal_calendar.forward(base + dt.timedelta(days=i * 3 % 3650), 14 + i % 20)
    per_call = (time.perf_counter() - started) / calls
    return {"cold_ms": round(cold_ms, 2), "warm_us_per_call": round(per_call * 1e6, 1), "calls": calls}

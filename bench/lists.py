"""Big lists (issue 12): first page, deep page and search of every list over ``--min-rows`` rows, page and API.

    .venv/bin/python bench/lists.py --db postgres --pg-db itms_bench [--roles admin,sponsor] [--repeat 10] [--tag T]
    (also run by bench/run.py, into the same result file as the other pages)

For every registered type (itms.core.registry) with at least ``--min-rows`` rows (10,000 by default), as each role:

* ``first``: the list page ``/<path>/`` and the API list ``/api/<app>/<path>/``;
* ``deep``: page 1,001 (rows 50,001–50,050), or the last page of a shorter list, as ``?page=N`` — the numbered
  pager's offset — and, where the list offers one, by its keyset cursor for the same rows (``?cursor=``);
* ``search``: ``?q=<term>``, a Korean substring of the list's own text (``SEARCH_TERMS``, e.g. "빅데이터" inside
  project names).

For each URL: p50/p95 of ``--repeat`` requests after ``--warmup`` (in-process test client, one at a time), the
query count, and the raw SQL time: every SELECT the request issued, run again under ``EXPLAIN (ANALYZE)``
(planning + execution time, PostgreSQL; on SQLite the replay with fetch), beside the page time as a ratio.
Then the ratios the issue asks for: deep/first and search/first.

Writes bench/results/lists-<db>-s<scale>[-tag].{json,md}.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness

PER_PAGE = 50
DEEP_PAGE = 1001
TARGET_MS = 150
# A Korean substring found inside longer texts of each list (project names run through obligations, events,
# agenda items); a list not named here is searched with the first word of a row from its middle.
SEARCH_TERMS = {
    "audit.legalevent": "빅데이터",
    "regulation.obligation": "빅데이터",
    "governance.resolution": "빅데이터",
    "accounts.assignment": "정보화",
    "resources.asset": "서버",
    "performance.measurementtarget": "통관",
    "operations.incident": "지연",
    "operations.servicerequest": "권한",
    "operations.maintenancerequest": "수입신고",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--pg-db", default=os.environ.get("BENCH_PG_DB", "itms_bench"))
    parser.add_argument("--roles", default="admin,sponsor")
    parser.add_argument("--min-rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--only", default="", help="only types whose label contains one of these (comma-separated)")
    parser.add_argument("--tag", default="")
    parser.add_argument("--out", type=Path, default=harness.RESULTS)
    args = parser.parse_args()
    os.environ.update(harness.environment(db=args.db, scale=args.scale, pg_url=args.pg_url, pg_db=args.pg_db))
    import django

    django.setup()
    import measure

    measure.as_served()
    load_before = harness.machine()["load_average"]
    results = measure_lists(
        roles=[r for r in args.roles.split(",") if r],
        min_rows=args.min_rows,
        repeat=args.repeat,
        warmup=args.warmup,
        only=args.only,
    )
    results["machine"] = {**harness.machine(), "load_average_before": load_before}
    results["scale"] = args.scale
    tag = f"lists-{args.db}-{harness.scale_tag(args.scale)}" + (f"-{args.tag}" if args.tag else "")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{tag}.json").write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (args.out / f"{tag}.md").write_text(markdown(results), encoding="utf-8")
    print(f"→ {args.out / f'{tag}.md'}")


def measure_lists(*, roles, min_rows=10_000, repeat=10, warmup=2, only="") -> dict:
    """Runs inside a set-up Django; returns {"started", "lists": [...]} (also used by bench/run.py)."""
    import measure

    from itms.accounts.models import User
    from itms.core import registry

    started = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    big = []
    for object_type in registry.REGISTRY.values():
        if only and not any(part in object_type.label for part in only.split(",")):
            continue
        rows = _estimated_rows(object_type.model)
        if rows >= min_rows:
            big.append((object_type, rows))
    lists = []
    for username in roles:
        user = User.objects.get(username=username)
        client = measure.client_for(user)
        for object_type, rows in big:
            visible = object_type.base_queryset().restrict(user, "view").count()
            if not visible:
                continue
            entry = {"label": object_type.label, "role": username, "rows": rows, "visible_rows": visible}
            for surface, base in _bases(object_type):
                for kind, url in _targets(object_type, user, surface, base, visible):
                    row = _measure(client, url, repeat=repeat, warmup=warmup)
                    entry[f"{surface} {kind}"] = row
                    _progress(username, object_type.label, surface, kind, row)
            lists.append(entry)
    return {"started": started, "database": _vendor(), "repeat": repeat, "warmup": warmup, "lists": lists}


def _estimated_rows(model) -> int:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(%s)", [model._meta.db_table])
            row = cursor.fetchone()
        if row and row[0] and row[0] > 0:
            return int(row[0])
    return model._default_manager.count()


def _vendor() -> str:
    from django.db import connection

    return connection.vendor


def _bases(object_type):
    from django.urls import reverse

    yield "page", reverse(object_type.url_name("list"))
    if object_type.serializer is not None:
        yield "api", f"/api/{object_type.app_label}/{object_type.path}/"


def _targets(object_type, user, surface, base, visible) -> list[tuple[str, str]]:
    targets = [("first", base)]
    last = max(1, math.ceil(visible / PER_PAGE))
    deep = min(DEEP_PAGE, last)
    if deep > 1:
        targets.append(("deep", f"{base}?page={deep}"))
        cursor = _cursor_at(object_type, user, (deep - 1) * PER_PAGE)
        if cursor:
            targets.append(("deep cursor", f"{base}?cursor={cursor}"))
    term = SEARCH_TERMS.get(object_type.label) or _term_of(object_type)
    if term:
        targets.append(("search", f"{base}?q={term}"))
    return targets


def _cursor_at(object_type, user, offset: int) -> str | None:
    """The list's keyset cursor for the row after ``offset`` rows, if this version of ITMS has keyset pages."""
    try:
        from itms.core.pagination import cursor_at
    except ImportError:
        return None
    queryset = object_type.base_queryset().restrict(user, "view")
    table_order = getattr(object_type.table._meta, "order_by", None)
    if table_order:
        queryset = queryset.order_by(*(table_order if isinstance(table_order, (list, tuple)) else [table_order]))
    return cursor_at(queryset, offset)


def _term_of(object_type) -> str:
    fields = getattr(object_type.filterset, "search_fields", ())
    if not fields:
        return ""
    value = object_type.model._default_manager.values_list(fields[0], flat=True).order_by("pk").first() or ""
    words = [w for w in str(value).split() if len(w) >= 2]
    return words[0][:4] if words else ""


def _measure(client, url: str, *, repeat: int, warmup: int) -> dict:
    import measure
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    row = measure.measure_url(client, url, repeat=repeat, warmup=warmup)
    if row.get("status") != 200:
        return row
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    row["explain_ms"] = explain_total(captured.captured_queries) if connection.vendor == "postgresql" else None
    sql_ms = row["explain_ms"] if row["explain_ms"] is not None else row["sql_replay_ms"]
    row["page_over_sql"] = round(row["p50_ms"] / sql_ms, 1) if sql_ms else None
    return row


def explain_total(queries: list[dict]) -> float:
    """Planning + execution time of every SELECT under EXPLAIN (ANALYZE), in ms (the raw SQL time)."""
    from django.db import connection

    total = 0.0
    with connection.cursor() as cursor:
        for query in queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            try:
                cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
                plan = cursor.fetchone()[0]
            except Exception:  # noqa: S112 - a query that cannot be explained verbatim is left out
                continue
            plan = plan[0] if isinstance(plan, list) else json.loads(plan)[0]
            total += plan.get("Planning Time", 0.0) + plan.get("Execution Time", 0.0)
    return round(total, 2)


def _progress(role, label, surface, kind, row) -> None:
    if row.get("status") != 200:
        print(f"{role:>8} {label:<26} {surface} {kind:<12} HTTP {row.get('status')}", flush=True)
        return
    print(
        f"{role:>8} {label:<26} {surface} {kind:<12} p50 {row['p50_ms']:>7.1f} p95 {row['p95_ms']:>7.1f} ms "
        f"{row['queries']:>3}q SQL {row.get('explain_ms') or row['sql_replay_ms']:>6.1f} ms",
        flush=True,
    )


KINDS = ["first", "deep", "deep cursor", "search"]


def markdown(results: dict) -> str:
    machine = results.get("machine", {})
    lines = [
        f"# Big lists — first page, deep page, search ({results.get('database')}, scale {results.get('scale', '')})",
        "",
        f"Run {results['started']}; {results['repeat']} timed requests per URL after {results['warmup']} warm-up, "
        f"one at a time. Load average before {machine.get('load_average_before')}, after "
        f"{machine.get('load_average')} on {machine.get('cpus')} cores (shared machine: compare ratios); "
        f"Python loop {machine.get('python_loop_ms', '—')} ms (harness.python_speed: lower is faster).",
        "",
        "SQL: every SELECT of the request under EXPLAIN ANALYZE (planning + execution). page/SQL: p50 over SQL. "
        f"Targets (issue 12): p95 ≤ {TARGET_MS} ms, page ≤ 3× SQL, deep ≤ 1.5× first, search ≤ 2× first.",
        "",
        "| role | list | rows | surface | page | p50 ms | p95 ms | queries | SQL ms | page/SQL | ×first |",
        "|---|---|---:|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for entry in results["lists"]:
        for surface in ("page", "api"):
            first = entry.get(f"{surface} first", {})
            for kind in KINDS:
                row = entry.get(f"{surface} {kind}")
                if not row:
                    continue
                if row.get("status") != 200:
                    lines.append(
                        f"| {entry['role']} | {entry['label']} | {entry['visible_rows']:,} | {surface} | {kind} "
                        f"| HTTP {row.get('status')} | | | | | |"
                    )
                    continue
                sql = row.get("explain_ms")
                sql = row["sql_replay_ms"] if sql is None else sql
                ratio = ""
                if kind != "first" and first.get("p50_ms"):
                    ratio = f"{row['p50_ms'] / first['p50_ms']:.2f}"
                lines.append(
                    f"| {entry['role']} | {entry['label']} | {entry['visible_rows']:,} | {surface} | {kind} | "
                    f"{row['p50_ms']:.1f} | {row['p95_ms']:.1f} | {row['queries']} | {sql:.1f} | "
                    f"{row.get('page_over_sql') or ''} | {ratio} |"
                )
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"{time.perf_counter() - started:.0f} s")

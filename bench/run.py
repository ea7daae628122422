"""Benchmarks of every registered page and API list, the obligation sweep, the audit chain and the legal calendar.

    .venv/bin/python bench/run.py --db sqlite --scale 0.05
    .venv/bin/python bench/run.py --db postgres --scale 1.0 [--pg-url postgres://postgres@127.0.0.1:5432]
    make bench DB=postgres SCALE=1.0

Steps: a fresh database (SQLite file under var/bench/, or a PostgreSQL database created on the server and
dropped afterwards unless --keep), migrate, collectstatic, ``generate_agency --scale S``, then in this process:

* for each role (the demo superuser ``admin`` and the scoped ``sponsor`` by default) and every registered type
  (itms.core.registry): its list page, the detail page of the first row the role sees, and its API list —
  p50/p95 of ``--repeat`` requests after ``--warmup``, the query count, the SQL time inside the request, and
  the same SELECTs replayed on a plain cursor (``sql_replay_ms``) with the slowest one and any query shape
  repeated 5+ times (an N+1);
* a few other pages (home, 내 회의, 준수현황 …);
* the obligation sweep over all open obligations (itms.regulation.sweep.run_sweep), twice;
* audit-chain verification (itms.audit.chain.verify_chain) over the generated chain, twice;
* the legal calendar (legal_calendar.forward) cold and warm;
* every list over 10,000 rows (bench/lists.py): first page, deep page (offset and keyset cursor) and a Korean
  substring search, page and API, each beside the raw SQL time (EXPLAIN ANALYZE of the queries it issued).

Writes bench/results/<db>-s<scale>.json and .md (the machine, its load average before and after, DB version).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project (config, itms)
sys.path.insert(0, str(Path(__file__).resolve().parent))  # harness, report, measure
import harness
import report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--scale", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=2427)
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per URL (after the warm-up)")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--roles", default="admin,sponsor", help="demo logins to measure as, comma-separated")
    parser.add_argument("--only", default="", help="only registered types whose label contains this")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--pg-db", default=os.environ.get("BENCH_PG_DB", "itms_bench"))
    parser.add_argument("--reuse", action="store_true", help="measure the existing bench database (no generation)")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database afterwards (for make load)")
    parser.add_argument("--out", type=Path, default=harness.RESULTS)
    args = parser.parse_args()

    env = harness.environment(db=args.db, scale=args.scale, pg_url=args.pg_url, pg_db=args.pg_db)
    os.environ.update(env)
    args.out.mkdir(parents=True, exist_ok=True)
    tag = f"{args.db}-{harness.scale_tag(args.scale)}"
    load_before = harness.machine()["load_average"]
    generation = None
    if args.reuse:  # the code may have moved on since the database was made: bring its schema up to date
        harness.manage(env, "migrate", "--no-input", "-v", "0")
        harness.manage(env, "collectstatic", "--no-input", "-v", "0")
    else:
        if args.db == "postgres":
            harness.create_database(args.pg_url, args.pg_db)
        else:
            db_file = Path(env["DATABASE_URL"].removeprefix("sqlite:///"))
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db_file}{suffix}").unlink(missing_ok=True)
        generation = harness.prepare(
            env, scale=args.scale, seed=args.seed, report_path=args.out / f"generate-{tag}.json"
        )
    try:
        results = measure_all(args)
    finally:
        if args.db == "postgres" and not args.keep:
            from django.db import connections

            connections.close_all()
            harness.drop_database(args.pg_url, args.pg_db)
    results.update(
        tag=tag,
        scale=args.scale,
        seed=args.seed,
        started=results.pop("started"),
        generation=generation,
        machine={**harness.machine(), "load_average_before": load_before},
    )
    (args.out / f"{tag}.json").write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (args.out / f"{tag}.md").write_text(report.markdown(results), encoding="utf-8")
    print(f"→ {args.out / f'{tag}.md'}")


def measure_all(args) -> dict:
    import django

    django.setup()
    import measure

    measure.as_served()
    from django.conf import settings
    from django.db import connection

    from itms.accounts.models import User
    from itms.core import registry

    started = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    database = _database_version(connection)
    pages = []
    users = {name: User.objects.get(username=name) for name in args.roles.split(",") if name}
    for role, user in users.items():
        client = measure.client_for(user)
        for object_type in registry.REGISTRY.values():
            if args.only and args.only not in object_type.label:
                continue
            for kind, url in measure.page_targets(object_type, user):
                row = measure.measure_url(client, url, repeat=args.repeat, warmup=args.warmup)
                row.update(role=role, label=object_type.label, kind=kind)
                pages.append(row)
                _progress(row)
        if not args.only:
            for name, kind, url in measure.extra_targets():
                row = measure.measure_url(client, url, repeat=max(5, args.repeat // 2), warmup=args.warmup)
                row.update(role=role, label=name, kind=kind)
                pages.append(row)
                _progress(row)
    other = {}
    print("big lists: first page, deep page, search …", flush=True)
    import lists

    other["big_lists"] = lists.measure_lists(
        roles=list(users), repeat=max(5, args.repeat // 2), warmup=args.warmup, only=args.only
    )
    if not args.only:
        print("legal calendar …", flush=True)
        other["legal_calendar"] = measure.bench_legal_calendar()
        print("audit chain …", flush=True)
        other["chain"] = measure.bench_chain()
        print("obligation sweep …", flush=True)
        other["sweep"] = measure.bench_sweep()
    return {
        "started": started,
        "database": database,
        "django_debug": settings.DEBUG,
        "repeat": args.repeat,
        "warmup": args.warmup,
        "roles": list(users),
        "counts": _counts(),
        "pages": pages,
        **other,
    }


def _progress(row: dict) -> None:
    if row["status"] == 200:
        print(
            f"{row['role']:>8} {row['kind']:<8} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} ms "
            f"{row['queries']:>4}q  {row['url']}",
            flush=True,
        )
    else:
        print(f"{row['role']:>8} {row['kind']:<8} HTTP {row['status']}  {row['url']}", flush=True)


def _database_version(connection) -> dict:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
            cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
            size = cursor.fetchone()[0]
        else:
            cursor.execute("SELECT sqlite_version()")
            version = cursor.fetchone()[0]
            size = f"{Path(connection.settings_dict['NAME']).stat().st_size / 1024 / 1024:.0f} MB"
    return {"vendor": connection.vendor, "version": version, "size": size}


def _counts() -> dict:
    from auditlog.models import LogEntry

    from itms.core import registry

    counts = {t.label: t.model._default_manager.count() for t in registry.REGISTRY.values()}
    counts["auditlog.logentry"] = LogEntry.objects.count()
    return counts


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"{time.perf_counter() - started:.0f} s")

"""How to store the administrator-defined mandatory attributes of assets (a29.3.3): the measurement behind ADR 0012.

    .venv/bin/python bench/attribute_storage.py [--assets 60000] [--pg-url postgres://postgres@127.0.0.1:5432]

Builds, in a scratch SQLite file and a scratch PostgreSQL database, 60,000 assets of 12 types with 6 attributes
each (360,000 values: text, number, date), stored three ways, and times the questions the inventory asks:

* ``json``: one JSON column on the asset row, no index (``json_extract`` / ``->>``);
* ``json+gin`` (PostgreSQL only): the same column with a GIN index (``@>`` containment: equality only);
* ``eav``: a typed side table (definition, value_text, value_number, value_date) with one B-tree index per
  typed column on (definition, value), asked through ``asset.id IN (SELECT asset_id …)``.

Each query: count of matches and the first page of 50 by tag (what a list page runs), median of 7 runs after a
warm-up. Writes bench/results/attribute-storage-<assets>.json and prints a table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sqlite3
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
TYPES = 12
PER_TYPE = 6
OS = ["RHEL 8", "RHEL 9", "Rocky 9", "Ubuntu 22.04", "Windows Server 2019", "Windows Server 2022", "AIX 7.2"]


def definitions() -> list[tuple[int, int, str, str]]:
    """(id, type, key, kind): per type two texts, two numbers, one date, and a host name unique to the asset."""
    rows, pk = [], 0
    for t in range(1, TYPES + 1):
        for key, kind in (
            ("os", "text"),
            ("cpu", "number"),
            ("memory", "number"),
            ("eos", "date"),
            ("role", "text"),
            ("host", "text"),
        ):
            pk += 1
            rows.append((pk, t, key, kind))
    return rows


def assets(n: int, seed: int = 2427):
    rng = random.Random(seed)  # noqa: S311 - test data
    defs = definitions()
    by_type = {}
    for pk, t, key, kind in defs:
        by_type.setdefault(t, []).append((pk, key, kind))
    for i in range(1, n + 1):
        t = rng.randint(1, TYPES)
        values = {}
        for pk, key, kind in by_type[t]:
            if kind == "text":
                if key == "host":
                    value = f"h-{i:06d}"  # one per asset: a host name, an IP address
                else:
                    value = rng.choice(OS) if key == "os" else rng.choice(["WEB", "WAS", "DB", "BACKUP"])
            elif kind == "number":
                value = (
                    rng.choice([2, 4, 8, 16, 32, 64, 128]) if key == "cpu" else rng.choice([16, 32, 64, 128, 256, 512])
                )
            else:
                value = (dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 2000))).isoformat()
            values[key] = (pk, kind, value)
        yield i, f"T-{i:07d}", t, rng.randint(1, 400), values


QUERIES = {
    # name: (description, json sqlite where, json pg where, json+gin pg where, eav where)
    "text_equal": (
        "유형 3 중 OS = 'RHEL 9'",
        "type_id = 3 AND json_extract(attributes, '$.os') = 'RHEL 9'",
        "type_id = 3 AND attributes->>'os' = 'RHEL 9'",
        'type_id = 3 AND attributes @> \'{"os": "RHEL 9"}\'',
        "type_id = 3 AND id IN (SELECT asset_id FROM value WHERE definition_id = 13 AND value_text = 'RHEL 9')",
    ),
    "number_range": (
        "유형 3 중 메모리 ≥ 256",
        "type_id = 3 AND json_extract(attributes, '$.memory') >= 256",
        "type_id = 3 AND (attributes->>'memory')::numeric >= 256",
        None,
        "type_id = 3 AND id IN (SELECT asset_id FROM value WHERE definition_id = 15 AND value_number >= 256)",
    ),
    "date_before": (
        "유형 3 중 지원 종료 < 2025-01-01",
        "type_id = 3 AND json_extract(attributes, '$.eos') < '2025-01-01'",
        "type_id = 3 AND (attributes->>'eos')::date < DATE '2025-01-01'",
        None,
        "type_id = 3 AND id IN (SELECT asset_id FROM value WHERE definition_id = 16 AND value_date < '2025-01-01')",
    ),
    "unique_text": (
        "호스트명 = 'h-012345' (유형 모름)",
        "json_extract(attributes, '$.host') = 'h-012345'",
        "attributes->>'host' = 'h-012345'",
        'attributes @> \'{"host": "h-012345"}\'',
        "id IN (SELECT asset_id FROM value WHERE definition_id IN (6, 12, 18, 24, 30, 36, 42, 48, 54, 60, 66, 72) "
        "AND value_text = 'h-012345')",
    ),
    "scoped_text": (
        "부서 1–40 범위 + 유형 3 + OS = 'RHEL 9'",
        "unit_id <= 40 AND type_id = 3 AND json_extract(attributes, '$.os') = 'RHEL 9'",
        "unit_id <= 40 AND type_id = 3 AND attributes->>'os' = 'RHEL 9'",
        'unit_id <= 40 AND type_id = 3 AND attributes @> \'{"os": "RHEL 9"}\'',
        "unit_id <= 40 AND type_id = 3 AND id IN "
        "(SELECT asset_id FROM value WHERE definition_id = 13 AND value_text = 'RHEL 9')",
    ),
}


def timed(run, repeat: int = 7) -> float:
    run()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        samples.append(time.perf_counter() - started)
    return round(statistics.median(samples) * 1000, 2)


def list_page(cursor, where: str) -> None:
    cursor.execute(f"SELECT COUNT(*) FROM asset WHERE {where}")  # noqa: S608 - fixed benchmark SQL
    cursor.fetchone()
    cursor.execute(f"SELECT id, tag FROM asset WHERE {where} ORDER BY tag LIMIT 50")  # noqa: S608
    cursor.fetchall()


def schema(cursor, postgres: bool) -> None:
    json_type = "jsonb" if postgres else "text"
    cursor.execute("DROP TABLE IF EXISTS value")
    cursor.execute("DROP TABLE IF EXISTS asset")
    cursor.execute(
        f"CREATE TABLE asset (id integer PRIMARY KEY, tag varchar(40) UNIQUE, type_id integer, unit_id integer, "
        f"attributes {json_type})"
    )
    cursor.execute(
        "CREATE TABLE value (id integer PRIMARY KEY, asset_id integer, definition_id integer, "
        "value_text varchar(200), value_number numeric(20, 4), value_date date)"
    )


def indexes(cursor) -> float:
    started = time.perf_counter()
    cursor.execute("CREATE INDEX asset_type ON asset (type_id)")
    cursor.execute("CREATE INDEX asset_unit ON asset (unit_id)")
    cursor.execute("CREATE UNIQUE INDEX value_once ON value (asset_id, definition_id)")
    cursor.execute("CREATE INDEX value_text_idx ON value (definition_id, value_text)")
    cursor.execute("CREATE INDEX value_number_idx ON value (definition_id, value_number)")
    cursor.execute("CREATE INDEX value_date_idx ON value (definition_id, value_date)")
    return round(time.perf_counter() - started, 2)


def rows(n: int):
    asset_rows, value_rows, vid = [], [], 0
    for pk, tag, t, unit, values in assets(n):
        asset_rows.append((pk, tag, t, unit, json.dumps({k: v[2] for k, v in values.items()})))
        for _key, (definition, kind, value) in values.items():
            vid += 1
            value_rows.append(
                (
                    vid,
                    pk,
                    definition,
                    value if kind == "text" else None,
                    value if kind == "number" else None,
                    value if kind == "date" else None,
                )
            )
    return asset_rows, value_rows


def run_sqlite(n: int) -> dict:
    path = ROOT / "var" / "bench" / "attribute-storage.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    cursor = db.cursor()
    schema(cursor, postgres=False)
    asset_rows, value_rows = rows(n)
    started = time.perf_counter()
    cursor.executemany("INSERT INTO asset VALUES (?, ?, ?, ?, ?)", asset_rows)
    db.commit()
    json_write = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    cursor.executemany("INSERT INTO value VALUES (?, ?, ?, ?, ?, ?)", value_rows)
    db.commit()
    eav_write = round(time.perf_counter() - started, 2)
    index_s = indexes(cursor)
    cursor.execute("ANALYZE")
    result = {"write_assets_with_json_s": json_write, "write_value_rows_s": eav_write, "index_s": index_s}
    for name, (_label, json_where, _pg, _gin, eav_where) in QUERIES.items():
        result[name] = {
            "json": timed(lambda w=json_where: list_page(cursor, w)),
            "eav": timed(lambda w=eav_where: list_page(cursor, w)),
        }
    db.close()
    return result


def run_postgres(n: int, server: str) -> dict:
    import psycopg

    name = "itms_attribute_bench"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with psycopg.connect(f"{server}/{name}", autocommit=True) as db:
            cursor = db.cursor()
            schema(cursor, postgres=True)
            asset_rows, value_rows = rows(n)
            started = time.perf_counter()
            with cursor.copy("COPY asset FROM STDIN") as copy:
                for row in asset_rows:
                    copy.write_row(row)
            json_write = round(time.perf_counter() - started, 2)
            started = time.perf_counter()
            with cursor.copy("COPY value FROM STDIN") as copy:
                for row in value_rows:
                    copy.write_row(row)
            eav_write = round(time.perf_counter() - started, 2)
            index_s = indexes(cursor)
            cursor.execute("CREATE INDEX asset_attributes_gin ON asset USING gin (attributes jsonb_path_ops)")
            cursor.execute("ANALYZE")
            result = {"write_assets_with_json_s": json_write, "write_value_rows_s": eav_write, "index_s": index_s}
            for query, (_label, _sqlite, json_where, gin_where, eav_where) in QUERIES.items():
                result[query] = {
                    "json": timed(lambda w=json_where: list_page(cursor, w)),
                    "eav": timed(lambda w=eav_where: list_page(cursor, w)),
                }
                if gin_where:
                    result[query]["json+gin"] = timed(lambda w=gin_where: list_page(cursor, w))
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return result


def main() -> None:
    import os

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--assets", type=int, default=60_000)
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    results = {
        "assets": args.assets,
        "values": args.assets * PER_TYPE,
        "load_average_before": list(os.getloadavg()),
        "sqlite": run_sqlite(args.assets),
    }
    if not args.no_postgres:
        results["postgres"] = run_postgres(args.assets, args.pg_url.rstrip("/"))
    results["load_average_after"] = list(os.getloadavg())
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"attribute-storage-{args.assets}.json").write_text(
        json.dumps(results, indent=1, ensure_ascii=False) + "\n"
    )
    for db in ("sqlite", "postgres"):
        if db not in results:
            continue
        print(f"\n{db}: {args.assets:,} assets, {args.assets * PER_TYPE:,} values")
        for name, (label, *_rest) in QUERIES.items():
            print(f"  {label:<40} " + "  ".join(f"{k} {v:>7.2f} ms" for k, v in results[db][name].items()))
        print(
            f"  writes: assets+json {results[db]['write_assets_with_json_s']} s, "
            f"value rows {results[db]['write_value_rows_s']} s, indexes {results[db]['index_s']} s"
        )


if __name__ == "__main__":
    main()

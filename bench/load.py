"""Load test: gunicorn on the PostgreSQL bench database, 50 Locust users for a bounded time, stats written.

    .venv/bin/python bench/load.py --scale 1.0 [--users 50] [--time 2m] [--wait 0.5,2.5] [--warmup 30]
                                   [--workers 4] [--threads 2] [--pg-db itms_bench] [--cache-url URL] [--drop]
                                   [--tag NAME]
    make load SCALE=1.0

Uses the bench database ``--pg-db`` (default itms_bench) if it exists — e.g. kept by
``bench/run.py --db postgres --keep``; it is migrated first — or creates and generates it at ``--scale``.
Starts gunicorn on 127.0.0.1:``--port`` (only this process, stopped at the end), runs
``locust -f bench/locustfile.py --headless`` for the ramp-up, ``--warmup`` seconds (sign-ins; not counted) and
``--time`` measured, verifies the audit chain afterwards, and writes bench/results/load-s<scale>[-tag].json and .md:
p50/p95/p99 and the error rate, overall and per request, with the machine and its load average (Locust runs on
the same machine). The server's cache is Redis (``--cache-url``, emptied first), as in production: users' roles are
kept across requests only in a shared cache. ``--drop`` drops the database afterwards.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness

VENV_BIN = Path(sys.executable).parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="scale to generate if the database is missing")
    parser.add_argument("--seed", type=int, default=2427)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--time", default="2m", help="run time (Locust syntax: 90s, 2m …)")
    parser.add_argument("--port", type=int, default=8800)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--pg-db", default=os.environ.get("BENCH_PG_DB", "itms_bench"))
    parser.add_argument("--warmup", type=float, default=30, help="seconds after spawning before measuring")
    parser.add_argument("--wait", default="0.5,2.5", help="think time between requests: min,max seconds")
    parser.add_argument(
        "--cache-url",
        default=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/2"),
        help="the server's shared cache, as in production (emptied before the run); '' for each process's own",
    )
    parser.add_argument("--tag", default="", help="suffix of the result files (e.g. office-pace)")
    parser.add_argument("--drop", action="store_true", help="drop the bench database afterwards")
    parser.add_argument("--out", type=Path, default=harness.RESULTS)
    args = parser.parse_args()

    env = harness.environment(db="postgres", scale=args.scale, pg_url=args.pg_url, pg_db=args.pg_db)
    env["ITMS_DB_CONN_MAX_AGE"] = env.get("ITMS_DB_CONN_MAX_AGE", "60")
    args.out.mkdir(parents=True, exist_ok=True)
    tag = f"load-{harness.scale_tag(args.scale)}" + (f"-{args.tag}" if args.tag else "")
    env["ITMS_LOAD_WAIT"] = args.wait
    env["ITMS_LOAD_WARMUP"] = str(args.warmup)
    if args.cache_url:
        env["ITMS_CACHE_URL"] = args.cache_url
    else:
        env.pop("ITMS_CACHE_URL", None)
    generation = None
    if not harness.database_exists(args.pg_url, args.pg_db):
        harness.create_database(args.pg_url, args.pg_db)
        generation = harness.prepare(
            env, scale=args.scale, seed=args.seed, report_path=args.out / f"generate-{tag}.json"
        )
    else:  # the code may have moved on since the database was made: bring its schema up to date
        harness.manage(env, "migrate", "--no-input", "-v", "0")
        harness.manage(env, "collectstatic", "--no-input", "-v", "0")
    if args.cache_url:  # nothing kept from another database or an earlier run
        import redis

        redis.Redis.from_url(args.cache_url).flushdb()
    load_before = harness.machine()["load_average"]
    gunicorn = subprocess.Popen(  # noqa: S603 - our own server, stopped below
        [
            str(VENV_BIN / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
            "--timeout",
            "60",
            # Idle connections are kept longer than any think time: with gunicorn's 2 s default, a client reusing a
            # connection just as the server closes it gets "connection reset" (behind nginx that is nginx's job).
            "--keep-alive",
            "30",
            "--log-level",
            "warning",
        ],
        cwd=harness.ROOT,
        env=env,
    )
    try:
        _wait_for_port(args.port)
        csv_prefix = args.out / f"{tag}-locust"
        subprocess.run(  # noqa: S603 - locust from the project's environment
            [
                str(VENV_BIN / "locust"),
                "-f",
                str(harness.ROOT / "bench" / "locustfile.py"),
                "--headless",
                "-u",
                str(args.users),
                "-r",
                str(args.spawn_rate),
                "-t",
                f"{_seconds(args.time) + args.warmup + args.users / args.spawn_rate:.0f}s",  # ramp-up, warm-up, measured
                "--host",
                f"http://127.0.0.1:{args.port}",
                "--csv",
                str(csv_prefix),
                "--only-summary",
                "--stop-timeout",
                "20",
            ],
            cwd=harness.ROOT,
            env=env,
            check=False,
        )
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        try:
            gunicorn.wait(timeout=30)
        except subprocess.TimeoutExpired:
            gunicorn.kill()
    chain = _verify_chain(env)  # every vote cast under load is in the chain, and the chain still holds
    if args.drop:
        harness.drop_database(args.pg_url, args.pg_db)
    results = {
        "wait_s": args.wait,
        "warmup_s": args.warmup,
        "chain_after_load": chain,
        "users": args.users,
        "spawn_rate": args.spawn_rate,
        "time": args.time,
        "gunicorn": {"workers": args.workers, "threads": args.threads},
        "cache": _without_password(args.cache_url) or "per process",
        "database": args.pg_db,
        "scale": args.scale,
        "generation": generation,
        "machine": {**harness.machine(), "load_average_before": load_before},
        **_read_stats(Path(f"{csv_prefix}_stats.csv"), Path(f"{csv_prefix}_failures.csv")),
    }
    (args.out / f"{tag}.json").write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (args.out / f"{tag}.md").write_text(_markdown(results), encoding="utf-8")
    print(f"→ {args.out / f'{tag}.md'}")


def _seconds(value: str) -> float:
    """Locust's run-time syntax: 90, 90s, 2m, 1h30m."""
    total, number = 0.0, ""
    for char in value.strip():
        if char.isdigit() or char == ".":
            number += char
        else:
            total += float(number or 0) * {"s": 1, "m": 60, "h": 3600}[char]
            number = ""
    return total + float(number or 0)


def _verify_chain(env: dict[str, str]) -> str:
    completed = subprocess.run(
        [sys.executable, "manage.py", "verify_audit_chain"],
        cwd=harness.ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = (completed.stdout + completed.stderr).strip().splitlines()
    return lines[-1] if lines else ""


def _wait_for_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.5)
    raise RuntimeError(f"gunicorn가 {port}번 포트에서 응답하지 않습니다")


def _num(value: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def _read_stats(stats: Path, failures: Path) -> dict:
    rows = list(csv.DictReader(stats.open(encoding="utf-8"))) if stats.exists() else []
    pages = []
    total = {}
    for row in rows:
        entry = {
            "method": row["Type"],
            "name": row["Name"],
            "requests": int(_num(row["Request Count"])),
            "failures": int(_num(row["Failure Count"])),
            "p50_ms": _num(row["50%"]),
            "p95_ms": _num(row["95%"]),
            "p99_ms": _num(row["99%"]),
            "max_ms": _num(row["Max Response Time"]),
            "rps": round(_num(row["Requests/s"]), 2),
        }
        entry["error_rate"] = round(entry["failures"] / entry["requests"], 4) if entry["requests"] else 0.0
        if row["Name"] == "Aggregated":
            total = entry
        else:
            pages.append(entry)
    failed = list(csv.DictReader(failures.open(encoding="utf-8"))) if failures.exists() else []
    return {"total": total, "pages": pages, "failures": failed[:30]}


def _without_password(url: str) -> str:
    """The cache's address for the report, without a password it may carry."""
    if not url:
        return ""
    parts = urlsplit(url)
    netloc = (parts.hostname or "") + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _markdown(results: dict) -> str:
    machine, total = results["machine"], results["total"]
    lines = [
        f"# Load test — {results['users']} users for {results['time']} (scale {results['scale']:g}, PostgreSQL)",
        "",
        f"gunicorn {results['gunicorn']['workers']} workers × {results['gunicorn']['threads']} threads on "
        f"{machine['cpus']} × {machine['cpu_model']} ({_speed(machine)}), {machine['memory_gb']} GB, "
        f"cache {results.get('cache', 'per process')}; "
        "Locust on the same machine. "
        f"Load average before {' / '.join(map(str, machine['load_average_before']))}, after "
        f"{' / '.join(map(str, machine['load_average']))} (shared machine). Think time {results['wait_s']} s "
        f"per user; statistics start {results['warmup_s']:.0f} s after the last user is spawned (the sign-in burst is left out).",
        "",
        f"Audit chain after the run: {results['chain_after_load']}",
        "",
    ]
    if total:
        lines += [
            f"**All requests: {total['requests']:,} ({total['rps']} /s), p50 {total['p50_ms']:.0f} ms, "
            f"p95 {total['p95_ms']:.0f} ms, p99 {total['p99_ms']:.0f} ms, errors {total['error_rate'] * 100:.2f}%.**",
            "",
        ]
    lines += ["| request | n | p50 ms | p95 ms | p99 ms | max ms | errors |", "|---|---:|---:|---:|---:|---:|---:|"]
    for page in sorted(results["pages"], key=lambda p: -p["p95_ms"]):
        lines.append(
            f"| {page['method']} {page['name']} | {page['requests']} | {page['p50_ms']:.0f} | {page['p95_ms']:.0f} | "
            f"{page['p99_ms']:.0f} | {page['max_ms']:.0f} | {page['error_rate'] * 100:.1f}% |"
        )
    if results["failures"]:
        lines += ["", "Failures (first 30):", "", "| request | error | count |", "|---|---|---:|"]
        for failure in results["failures"]:
            error = " ".join(failure.get("Error", "").split())[:160].replace("|", "\\|")
            lines.append(
                f"| {failure.get('Method', '')} {failure.get('Name', '')} | {error} | {failure.get('Occurrences', '')} |"
            )
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    main()


def _speed(machine: dict) -> str:
    """The machine's pure-Python speed (harness.python_speed), where the run recorded it."""
    speed = machine.get("python_loop_ms")
    return f"Python loop {speed} ms" if speed is not None else "Python loop not measured"

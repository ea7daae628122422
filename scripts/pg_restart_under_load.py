"""Restart PostgreSQL in the middle of a load run and show whether ITMS recovers by itself.

Run through ``scripts/pg-restart-under-load`` (docs/quality.md, "Reliability"). It builds a scratch database
on the local PostgreSQL cluster (migrate, collectstatic, the demo agency), starts gunicorn on 127.0.0.1 with the
production settings (persistent connections, CONN_MAX_AGE=60, CONN_HEALTH_CHECKS on), sends a steady mixed
load of signed-in page and API requests from Python threads, restarts the cluster with ``pg_ctlcluster`` at
``--restart-at`` seconds, and keeps loading until ``--duration``. Nobody touches the application in between.

It prints, and writes as JSON under artifacts/reliability/, the error rate and latency before, during and
after the restart, and a per-second timeline. Exit code 0 when the application recovered: at least
``--min-clean-seconds`` of error-free traffic after the last failure, and no failure in the final window.
All traffic goes to 127.0.0.1 only; the loop is bounded by ``--duration``.
"""

# An operator script: it runs pg_ctlcluster, psql, gunicorn and manage.py, and sends HTTP to 127.0.0.1 only.
# ruff: noqa: S310, S603, S607, S608

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
USERS = ["sponsor", "itplan", "cio", "itstaff", "asset", "council"]
URLS = [
    "/",
    "/projects/projects/",
    "/api/projects/projects/",
    "/governance/meetings/",
    "/api/governance/meetings/",
    "/regulation/obligations/",
    "/api/regulation/obligations/",
    "/accounts/org-units/",
    "/notifications/",
]


def psql(sql: str, *, admin: dict, database: str | None = None, check: bool = True) -> str:
    args = ["psql", "-h", admin["host"], "-p", admin["port"], "-U", admin["user"], "-d", database or admin["db"]]
    result = subprocess.run([*args, "-AtXqc", sql], capture_output=True, text=True, check=False)
    if check and result.returncode != 0:
        raise SystemExit(f"psql 실패: {result.stderr.strip()}")
    return result.stdout.strip()


def other_clients(admin: dict, scratch: str) -> list[str]:
    rows = psql(
        "SELECT datname || ' (' || coalesce(application_name, '') || ', ' || state || ')' FROM pg_stat_activity "
        f"WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND datname <> '{scratch}'",
        admin=admin,
    )
    return [r for r in rows.splitlines() if r]


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {args[0]} 실패:\n{result.stdout}\n{result.stderr}")
    return result.stdout


SESSIONS = """
import json
from django.test import Client
from itms.accounts.models import User
cookies = {}
for name in %r:
    client = Client()
    client.force_login(User.objects.get(username=name))
    cookies[name] = client.cookies["sessionid"].value
print("SESSIONS " + json.dumps(cookies))
"""


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        # (completion offset s, latency s, outcome, url): a request counts where it ended, so one that was in flight
        # when the restart began is "during", not "before".
        self.samples: list[tuple[float, float, str, str]] = []

    def add(self, end: float, latency: float, outcome: str, url: str) -> None:
        with self.lock:
            self.samples.append((end, latency, outcome, url))


def load_worker(index: int, base: str, cookies: dict, t0: float, stop: float, recorder: Recorder) -> None:
    names = list(cookies)
    n = index
    while time.monotonic() < stop:
        name, url = names[n % len(names)], URLS[n % len(URLS)]
        n += 1
        request = urllib.request.Request(base + url, headers={"Cookie": f"sessionid={cookies[name]}"})
        began = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                response.read()
                outcome = str(response.status)
        except urllib.error.HTTPError as error:
            outcome = str(error.code)
        except (urllib.error.URLError, OSError) as error:
            outcome = f"connection:{type(getattr(error, 'reason', error)).__name__}"
        ended = time.monotonic()
        recorder.add(ended - t0, ended - began, outcome, url)
        if not outcome.startswith("2"):
            time.sleep(0.05)  # a failing server is not hammered in a tight loop


def window(samples, lo: float, hi: float) -> dict:
    chosen = [s for s in samples if lo <= s[0] < hi]
    errors = [s for s in chosen if not s[2].startswith("2")]
    latencies = sorted(s[1] * 1000 for s in chosen)
    kinds: dict[str, int] = {}
    for s in errors:
        kinds[s[2]] = kinds.get(s[2], 0) + 1
    urls: dict[str, int] = {}
    for s in errors:
        urls[s[3]] = urls.get(s[3], 0) + 1
    return {
        "from_s": round(lo, 1),
        "to_s": round(hi, 1),
        "requests": len(chosen),
        "errors": len(errors),
        "error_rate": round(len(errors) / len(chosen), 4) if chosen else None,
        "error_kinds": kinds,
        "error_urls": urls,
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1) if latencies else None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--restart-at", type=float, default=20)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--min-clean-seconds", type=float, default=15)
    parser.add_argument("--wait-idle", type=float, default=300, help="다른 DB 클라이언트가 끝나기를 기다리는 시간(초)")
    parser.add_argument("--force", action="store_true", help="다른 클라이언트가 연결되어 있어도 재시작합니다")
    parser.add_argument("--output", type=Path, default=ROOT / "artifacts" / "reliability")
    options = parser.parse_args()

    version = sorted(os.listdir("/etc/postgresql"))[-1] if os.path.isdir("/etc/postgresql") else None
    if version is None or shutil.which("pg_ctlcluster") is None:
        raise SystemExit("이 스크립트는 이 기계의 PostgreSQL 클러스터(pg_ctlcluster)를 재시작합니다: 찾지 못했습니다.")
    admin = {
        "host": os.environ.get("PGHOST", "127.0.0.1"),
        "port": os.environ.get("PGPORT", "5432"),
        "user": os.environ.get("PGUSER", "postgres"),
        "db": os.environ.get("PGDATABASE", "postgres"),
    }
    scratch = f"itms_pgrestart_{int(time.time())}"
    work = Path(tempfile.mkdtemp(prefix="itms-pgrestart-"))
    options.output.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"postgres://{admin['user']}@{admin['host']}:{admin['port']}/{scratch}",
        "ITMS_SECRET_KEY": secrets.token_urlsafe(40),
        "ITMS_DATA_DIR": str(work),
        "ITMS_ALLOWED_HOSTS": "127.0.0.1",
        "ITMS_REQUIRE_ADMIN_2FA": "0",
        "ITMS_LOG_LEVEL": "WARNING",
    }
    for name in ("ITMS_CACHE_URL", "CELERY_BROKER_URL", "ITMS_TESTING", "ITMS_DEBUG"):
        env.pop(name, None)
    server = None
    try:
        print(f"== 준비: 임시 DB {scratch} (migrate, collectstatic, 데모 기관)", flush=True)
        psql(f'CREATE DATABASE "{scratch}"', admin=admin)
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "collectstatic", "--no-input", "-v", "0")
        manage({**env, "ITMS_TESTING": "1"}, "seed_demo")  # quick password hashing; the load signs in by session
        out = manage(env, "shell", "-c", SESSIONS % (USERS,))
        cookies = json.loads(next(line for line in out.splitlines() if line.startswith("SESSIONS "))[9:])

        log = (options.output / "pg-restart-gunicorn.log").open("w")
        server = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{options.port}",
                "--workers",
                "2",
                "--threads",
                "4",
                "--timeout",
                "30",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{options.port}"
        for _ in range(100):
            try:
                with urllib.request.urlopen(base + "/accounts/login/", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("gunicorn이 시작되지 않았습니다 (pg-restart-gunicorn.log).")

        deadline = time.monotonic() + options.wait_idle
        while (others := other_clients(admin, scratch)) and not options.force:
            if time.monotonic() > deadline:
                raise SystemExit(f"다른 데이터베이스 클라이언트가 있어 재시작하지 않습니다 (--force로 강행): {others}")
            print(f"   다른 클라이언트가 끝나기를 기다립니다: {others}", flush=True)
            time.sleep(5)

        print(
            f"== 부하 {options.duration:.0f}초 (스레드 {options.threads}개), {options.restart_at:.0f}초에 "
            f"PostgreSQL {version} 재시작",
            flush=True,
        )
        recorder = Recorder()
        t0 = time.monotonic()
        stop = t0 + options.duration
        threads = [
            threading.Thread(target=load_worker, args=(i, base, cookies, t0, stop, recorder), daemon=True)
            for i in range(options.threads)
        ]
        for thread in threads:
            thread.start()
        time.sleep(max(0.0, t0 + options.restart_at - time.monotonic()))
        restart_begin = time.monotonic() - t0
        restarted = subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
            capture_output=True,
            text=True,
            check=False,
        )
        restart_end = time.monotonic() - t0
        for thread in threads:
            thread.join()
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"], capture_output=True, check=False
        )  # no-op when it is running; a safety net otherwise
        for _ in range(30):
            if (
                subprocess.run(["pg_isready", "-q", "-h", admin["host"], "-p", admin["port"]], check=False).returncode
                == 0
            ):
                break
            time.sleep(1)
        psql(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)', admin=admin, check=False)
        shutil.rmtree(work, ignore_errors=True)

    samples = sorted(recorder.samples)
    failures_after = [s[0] for s in samples if s[0] >= restart_begin and not s[2].startswith("2")]
    last_failure = max(failures_after) if failures_after else None
    recovered_at = (last_failure + 0.001) if last_failure is not None else restart_end
    # When service came back: the first success after the first failure that followed the restart.
    first_failure = min(failures_after) if failures_after else restart_begin
    first_success_after = next((s[0] for s in samples if s[0] > first_failure and s[2].startswith("2")), None)
    result = {
        "postgresql": version,
        "settings": {"CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True, "gunicorn": "2 workers x 4 threads"},
        "duration_s": options.duration,
        "threads": options.threads,
        "restart": {
            "began_s": round(restart_begin, 2),
            "ended_s": round(restart_end, 2),
            "exit_code": restarted.returncode,
            "stderr": restarted.stderr.strip(),
        },
        "first_failure_s": round(first_failure, 2) if failures_after else None,
        "last_failure_s": round(last_failure, 2) if last_failure is not None else None,
        "first_success_after_outage_s": round(first_success_after, 2) if first_success_after else None,
        "outage_s": round(recovered_at - restart_begin, 2) if last_failure is not None else 0.0,
        "windows": {
            "before": window(samples, 0, restart_begin),
            "during": window(samples, restart_begin, recovered_at),
            "after": window(samples, recovered_at, options.duration + 10),
        },
        "timeline": [
            {"second": sec, **{k: v for k, v in window(samples, sec, sec + 1).items() if k in ("requests", "errors")}}
            for sec in range(int(options.duration) + 1)
        ],
    }
    clean_seconds = options.duration - recovered_at
    result["recovered"] = bool(
        restarted.returncode == 0
        and result["windows"]["after"]["errors"] == 0
        and clean_seconds >= options.min_clean_seconds
        and result["windows"]["after"]["requests"] > 0
    )
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = options.output / f"pg-restart-{stamp}.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")

    print("| 구간 | 시간(s) | 요청 | 오류 | 오류율 | p50 ms | p95 ms | 오류 종류 |")
    print("|---|---|---|---|---|---|---|---|")
    for name, w in result["windows"].items():
        rate = f"{w['error_rate'] * 100:.1f}%" if w["error_rate"] is not None else "—"
        print(
            f"| {name} | {w['from_s']}–{min(w['to_s'], options.duration)} | {w['requests']} | {w['errors']} | {rate} "
            f"| {w['p50_ms']} | {w['p95_ms']} | {w['error_kinds'] or '—'} |"
        )
    print(
        f"재시작 {result['restart']['began_s']}–{result['restart']['ended_s']}s (종료 코드 {restarted.returncode}), "
        f"마지막 실패 {result['last_failure_s']}s, 장애 {result['outage_s']}s, "
        f"회복: {'예' if result['recovered'] else '아니오'} — {path}"
    )
    return 0 if result["recovered"] else 1


if __name__ == "__main__":
    sys.exit(main())

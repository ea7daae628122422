"""Shared by bench/run.py and bench/load.py: the bench environment, the bench database, the machine."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RESULTS = ROOT / "bench" / "results"


def scale_tag(scale: float) -> str:
    return f"s{scale:g}".replace(".", "_")


def environment(*, db: str, scale: float, pg_url: str, pg_db: str) -> dict[str, str]:
    """Environment of every bench process: its own data folder, no admin 2FA, e-mail kept in memory."""
    env = dict(os.environ)
    data_dir = ROOT / "var" / "bench" / f"{db}-{scale_tag(scale)}"
    env.setdefault("ITMS_SECRET_KEY", "benchmark-only-secret-key")
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    env["ITMS_DATA_DIR"] = str(data_dir)
    env["ITMS_REQUIRE_ADMIN_2FA"] = "0"  # the demo superuser signs in without a TOTP device
    env.setdefault("ITMS_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    env.setdefault("CELERY_BROKER_URL", "memory://")  # the sweep queues its e-mail as with a worker
    env.setdefault("ITMS_LOG_LEVEL", "WARNING")
    if db == "postgres":
        env["DATABASE_URL"] = database_url(pg_url, pg_db)
    else:
        env["DATABASE_URL"] = f"sqlite:///{data_dir / 'itms.sqlite3'}"
    return env


def database_url(server_url: str, name: str) -> str:
    parts = urlsplit(server_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def _admin_connection(server_url: str):
    import psycopg

    return psycopg.connect(database_url(server_url, "postgres"), autocommit=True)


def create_database(server_url: str, name: str) -> None:
    with _admin_connection(server_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(server_url: str, name: str) -> None:
    with _admin_connection(server_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database_exists(server_url: str, name: str) -> bool:
    with _admin_connection(server_url) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603 - our own manage.py


def prepare(env: dict[str, str], *, scale: float, seed: int, report_path: Path) -> dict:
    """migrate, collectstatic, generate_agency; returns the generator's report."""
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    manage(env, "generate_agency", "--scale", str(scale), "--seed", str(seed), "--json", str(report_path))
    vacuum(env["DATABASE_URL"])
    return json.loads(report_path.read_text(encoding="utf-8"))


def vacuum(database_url: str) -> None:
    """VACUUM (ANALYZE) a PostgreSQL bench database after generation: what autovacuum does to a live database.

    Without it the visibility map is empty and no index-only scan is possible (deep pages, counts read the
    heap), and a server with autovacuum off (as on a shared test machine) never gets there by itself.
    """
    if not database_url.startswith("postgres"):
        return
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")


def python_speed() -> float:
    """Milliseconds this machine takes for a fixed piece of pure Python (2,000,000 additions, best of three).

    The machines behind these results differ in speed where their CPU model string ("AMD EPYC") does not: this
    says by how much, so that runs on two machines can be compared."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for number in range(2_000_000):
            total += number
        best = min(best, time.perf_counter() - started)
    return round(best * 1000, 1)


def machine() -> dict:
    """CPU, memory, Python and load: the numbers mean little without them (the machine may be shared)."""
    cpu_model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu_model,
        "memory_gb": mem_gb,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python_loop_ms": python_speed(),
    }

"""The test database built once: migrated, with the demo agency, then copied for every other worker and run.

Migrating the test database and building the demo agency took each pytest-xdist worker one to four minutes
(more on a busy machine), and every targeted run paid it again. Instead, the first worker that needs the database
builds it as before and keeps a copy; every other worker (and every later run on the same sources, the same day)
loads the copy in about a second instead of migrating and building:

- SQLite (an in-memory test database): the copy is a database file, written and read with SQLite's backup API;
- PostgreSQL: the copy is a database on the same server (``itms_tpl_<day>_<key>``), and a worker's test database
  is made from it with ``CREATE DATABASE … TEMPLATE``.

The key is a hash of every source file the build can depend on (every file under ``itms/`` and ``config/`` except
tests and static assets — models, migrations, the demo, rule packs, templates — plus pyproject.toml and uv.lock),
the settings module's own file and its installed apps, the local date (the demo is dated from today), the Python
version and every ``ITMS_*`` variable; a change to any of them builds afresh. Alongside the copy are the files the
build wrote to MEDIA_ROOT and what the build exercised (``itms.core.exercised``), so a worker that loads the copy
reports the same coverage.

A file lock makes the other workers wait for the first build rather than build it again. ``ITMS_TEST_DB_CACHE=0``
turns it all off (each worker migrates and builds, as before); ``ITMS_TEST_CACHE_DIR`` moves the folder (default:
``$TMPDIR/itms-test-cache-<uid>``). Copies from an earlier day are removed, and of today's all but the newest three
(PostgreSQL templates with them). A copy that cannot be loaded is removed and the worker migrates and builds.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import importlib.util
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("itms", "config")
SOURCE_FILES = ("pyproject.toml", "uv.lock", "manage.py")
SKIP_PARTS = {"tests", "__pycache__", "static", "node_modules"}
TEMPLATE_PREFIX = "itms_tpl_"


def enabled() -> bool:
    return os.environ.get("ITMS_TEST_DB_CACHE", "1") != "0"


def cache_root() -> Path:
    configured = os.environ.get("ITMS_TEST_CACHE_DIR")
    return Path(configured) if configured else Path(tempfile.gettempdir()) / f"itms-test-cache-{os.getuid()}"


def _source_paths() -> list[Path]:
    paths = [ROOT / name for name in SOURCE_FILES if (ROOT / name).is_file()]
    for top in SOURCES:
        for path in (ROOT / top).rglob("*"):
            relative = path.relative_to(ROOT)
            if path.is_file() and not SKIP_PARTS & set(relative.parts[:-1]) and path.suffix != ".pyc":
                paths.append(path)
    return sorted(paths)


def source_key(connection, today: dt.date) -> str:
    """What the built database depends on; equal keys mean an equal build."""
    digest = hashlib.sha256()
    for path in _source_paths():
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    from django.conf import settings

    module = os.environ.get("DJANGO_SETTINGS_MODULE", "")
    spec = importlib.util.find_spec(module) if module else None
    if spec is not None and spec.origin and Path(spec.origin).is_file():  # also a settings file outside config/
        digest.update(Path(spec.origin).read_bytes())
    settings_dict = connection.settings_dict
    context = {
        "apps": list(settings.INSTALLED_APPS),
        "migration_modules": getattr(settings, "MIGRATION_MODULES", {}),
        "today": today.isoformat(),
        "python": sys.version,
        "settings": os.environ.get("DJANGO_SETTINGS_MODULE", ""),
        "itms": sorted((k, v) for k, v in os.environ.items() if k.startswith("ITMS_")),
        "vendor": connection.vendor,
        # A PostgreSQL copy lives on its server.
        "server": [settings_dict.get(k) for k in ("HOST", "PORT", "USER")] if connection.vendor != "sqlite" else [],
    }
    digest.update(json.dumps(context, sort_keys=True, default=str).encode())
    return digest.hexdigest()[:20]


@dataclass
class Entry:
    """One kept build: a folder with the SQLite file (or the PostgreSQL template's name), media and notes."""

    folder: Path
    vendor: str
    key: str
    today: dt.date

    @property
    def ready(self) -> bool:
        return (self.folder / "done").is_file()

    @property
    def template(self) -> str:
        return f"{TEMPLATE_PREFIX}{self.today:%Y%m%d}_{self.key}"


@dataclass
class State:
    """What the cache did for this worker's session (read by the django_db_setup fixture)."""

    entry: Entry | None = None
    loaded: bool = False
    seconds: float = 0.0
    exercised_before: set[str] = field(default_factory=set)
    _lock: object | None = None
    _undo: Callable | None = None

    def release(self) -> None:
        """Puts ``call_command`` back and lets the next worker in (once this one's build is kept)."""
        if self._undo is not None:
            self._undo()
            self._undo = None
        if self._lock is not None:
            self._lock.close()
            self._lock = None


def _entry_for(connection) -> Entry:
    from django.utils import timezone

    today = timezone.localdate()
    key = source_key(connection, today)
    return Entry(cache_root() / f"{connection.vendor}-{today:%Y%m%d}-{key}", connection.vendor, key, today)


def _lock(entry: Entry):
    entry.folder.parent.mkdir(parents=True, exist_ok=True)
    handle = open(entry.folder.parent / f"{entry.folder.name}.lock", "w")  # noqa: SIM115 - held for the build
    fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


def migrate_from_cache(connection, state: State) -> None:
    """During pytest-django's database setup: ``migrate`` on the test database loads the kept copy instead.

    Django's create_test_db makes the empty test database, then calls ``migrate``; that one call is answered from
    the copy when there is one (else it runs, and the build that follows is kept by :func:`keep`). The lock is
    held from here until the build is kept, so a second worker waits for the first one's copy;
    ``state.release()`` ends both.
    """
    from django.core import management

    original: Callable = management.call_command
    state.entry = entry = _entry_for(connection)
    state._lock = _lock(entry)

    def call_command(name, *args, **options):
        if name == "migrate" and entry.ready and options.get("database", "default") == connection.alias:
            started = time.perf_counter()
            try:
                _load(connection, entry)
            except Exception as exc:  # a broken copy is rebuilt, never trusted
                sys.stderr.write(f"itms test cache: copy not loaded ({exc!r}); migrating\n")
                shutil.rmtree(entry.folder, ignore_errors=True)
                return original(name, *args, **options)
            state.loaded = True
            state.seconds = time.perf_counter() - started
            return None
        return original(name, *args, **options)

    def undo() -> None:
        management.call_command = original

    management.call_command = call_command
    state._undo = undo


def _load(connection, entry: Entry) -> None:
    if entry.vendor == "sqlite":
        source = sqlite3.connect(f"file:{entry.folder / 'db.sqlite3'}?mode=ro", uri=True)
        try:
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
    elif entry.vendor == "postgresql":
        name = connection.settings_dict["NAME"]
        connection.close()
        with connection._nodb_cursor() as cursor:
            quote = connection.ops.quote_name
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [entry.template])
            if cursor.fetchone() is None:
                raise RuntimeError(f"no template {entry.template}")
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
            try:
                cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(entry.template)}")
            except Exception:
                cursor.execute(f"CREATE DATABASE {quote(name)}")  # empty again, for migrate
                raise
    else:
        raise RuntimeError(f"no copy for {entry.vendor}")
    # The copy must be a built one: the demo superuser is in it.
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM accounts_user WHERE username = %s", ["admin"])
        if cursor.fetchone()[0] != 1:
            raise RuntimeError("the copy has no demo agency")


def restore_side_files(entry: Entry) -> set[str]:
    """The build's files into this process's MEDIA_ROOT; returns what the build exercised."""
    from django.conf import settings

    media = entry.folder / "media"
    if media.is_dir():
        shutil.copytree(media, settings.MEDIA_ROOT, dirs_exist_ok=True)
    return set(json.loads((entry.folder / "exercised.json").read_text(encoding="utf-8")))


def keep(connection, entry: Entry, exercised: set[str]) -> None:
    """Keeps the just-built test database (with its media files and notes) for the other workers and runs.

    A copy that cannot be kept (or old ones that cannot be removed) only costs the next run a build: the session
    goes on.
    """
    try:
        _keep(connection, entry, exercised)
        _prune(connection, entry)
    except Exception as exc:  # the copy is an optimisation, never a reason to fail the tests
        sys.stderr.write(f"itms test cache: copy not kept ({exc!r})\n")


def _keep(connection, entry: Entry, exercised: set[str]) -> None:
    from django.conf import settings

    work = Path(tempfile.mkdtemp(prefix=f".{entry.folder.name}-", dir=entry.folder.parent))
    try:
        if entry.vendor == "sqlite":
            target = sqlite3.connect(work / "db.sqlite3")
            try:
                connection.ensure_connection()
                connection.connection.backup(target)
            finally:
                target.close()
        elif entry.vendor == "postgresql":
            name = connection.settings_dict["NAME"]
            connection.close()  # a template must have no other session
            with connection._nodb_cursor() as cursor:
                quote = connection.ops.quote_name
                cursor.execute(f"DROP DATABASE IF EXISTS {quote(entry.template)}")
                cursor.execute(f"CREATE DATABASE {quote(entry.template)} TEMPLATE {quote(name)}")
        else:
            return
        if Path(settings.MEDIA_ROOT).is_dir():
            shutil.copytree(settings.MEDIA_ROOT, work / "media")
        (work / "exercised.json").write_text(json.dumps(sorted(exercised), ensure_ascii=False), encoding="utf-8")
        (work / "done").write_text(dt.datetime.now(dt.UTC).isoformat(), encoding="utf-8")
        shutil.rmtree(entry.folder, ignore_errors=True)
        os.replace(work, entry.folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)


KEEP = 3  # copies kept per database engine (sources change often while several sessions work)


def _prune(connection, entry: Entry) -> None:
    """Copies from earlier days can never be used again (the key holds the date); of today's, the newest few stay.

    A run that finds its copy gone (removed here by another run) migrates and builds instead.
    """
    today = f"{entry.today:%Y%m%d}"
    current = sorted(
        (p for p in entry.folder.parent.glob(f"{entry.vendor}-{today}-*") if p.is_dir()),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    stale = {p.name for p in current[KEEP:]} - {entry.folder.name}
    for old in entry.folder.parent.iterdir():
        name = old.name.lstrip(".").removesuffix(".lock")
        parts = name.split("-")
        if (len(parts) >= 2 and parts[1].isdigit() and parts[1] < today) or name in stale:
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
            else:
                old.unlink(missing_ok=True)
    if entry.vendor == "postgresql":
        kept = {p.name.rsplit("-", 1)[-1] for p in current[:KEEP]} | {entry.key}
        with connection._nodb_cursor() as cursor:
            cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{TEMPLATE_PREFIX}%"])
            for (name,) in cursor.fetchall():
                day, _, key = name[len(TEMPLATE_PREFIX) :].partition("_")
                if day.isdigit() and (day < today or (day == today and key not in kept)):
                    cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")

"""pytest fixtures shared by every app: the demo agency in the test database, clients per role."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from itms.accounts.demo import DEMO_PASSWORD
from itms.accounts.models import User
from itms.demo import build_demo

from . import dbcache, snapshot
from .fingerprint import changed_tables, db_fingerprint

# Fixtures that reach the database only at run time (request.getfixturevalue), so pytest-django cannot see it.
_DB_AT_RUN_TIME = {"demo", "transactional_db_or_db"}


@pytest.hookimpl(tryfirst=True)  # before pytest-django orders the tests by their django_db marks
def pytest_collection_modifyitems(items):
    """A test that uses the demo (also through client_of, user_of, admin_client) needs the test database.

    Without the mark, a test run alone makes pytest-django set up no test database, and the demo would be
    built into the configured one.
    """
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if not names & _DB_AT_RUN_TIME or item.get_closest_marker("django_db"):
            continue
        transactional = bool(names & {"transactional_db", "live_server"})
        item.add_marker(pytest.mark.django_db(transaction=transactional))


def is_test_database(connection) -> bool:
    """Whether the connection is on a test database.

    pytest-django has switched NAME to it by now: "test_…" (xdist adds "_gw0"), or SQLite's in-memory
    database. Comparing with _get_test_db_name() would prefix "test_" a second time.
    """
    name = str(connection.settings_dict["NAME"])
    in_memory = connection.vendor == "sqlite" and connection.creation.is_in_memory_db(name)
    return in_memory or Path(name).name.startswith("test_")


def _build_demo_in_test_database() -> None:
    """build_demo, but never into a database that is not the test database."""
    from django.db import connection

    name = connection.settings_dict["NAME"]
    if not is_test_database(connection):
        raise RuntimeError(
            f"시험용이 아닌 데이터베이스({name})에 시연 기관을 만들지 않습니다. "
            "시험에 pytest.mark.django_db를 붙이거나 db 픽스처를 쓰십시오."
        )
    build_demo(password=DEMO_PASSWORD)


@pytest.fixture(scope="session")
def _test_db_cache(request):
    """Set up before pytest-django's django_db_setup: its ``migrate`` loads a kept build (itms.testing.dbcache)."""
    from django.db import connection

    from itms.core import exercised

    if not dbcache.enabled() or request.config.getoption("reuse_db", False):
        yield None
        return
    state = dbcache.State(exercised_before=set(exercised.EXERCISED))
    dbcache.migrate_from_cache(connection, state)
    try:
        yield state
    finally:
        state.release()  # also when the database setup failed


@pytest.fixture(scope="session")
def django_db_setup(_test_db_cache, django_db_setup, django_db_blocker):
    """Every test database starts with the demo agency; each test's changes roll back.

    The first worker migrates and builds; the others (and later runs on the same sources) load its copy.
    """
    from django.db import connection

    from itms.core import exercised

    state = _test_db_cache
    with django_db_blocker.unblock():
        try:
            if state is not None and state.loaded:
                exercised.EXERCISED |= dbcache.restore_side_files(state.entry)
            else:
                _build_demo_in_test_database()
                if state is not None and state.entry is not None:
                    dbcache.keep(connection, state.entry, exercised.EXERCISED - state.exercised_before)
        finally:
            if state is not None:
                state.release()
        snapshot.take()
        snapshot.instead_of_flush()


@pytest.fixture
def demo(transactional_db_or_db):
    """The demo agency; put back from its snapshot if a test emptied the database (e.g. a flush of its own)."""
    if not User.objects.filter(username="admin").exists():
        if snapshot.available():
            snapshot.restore()
        else:
            _build_demo_in_test_database()
    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def transactional_db_or_db(request):
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        return request.getfixturevalue("transactional_db")
    return request.getfixturevalue("db")


@pytest.fixture
def user_of(demo):
    def get(username: str) -> User:
        return User.objects.get(username=username)

    return get


@pytest.fixture
def client_of(demo):
    """client_of("sponsor") → a Client signed in as that demo user."""

    def make(username: str | None) -> Client:
        client = Client()
        if username:
            client.force_login(User.objects.get(username=username))
        return client

    return make


@pytest.fixture
def admin_client(client_of):
    """The demo superuser (replaces pytest-django's admin_client)."""
    return client_of("admin")


@pytest.fixture
def unchanged(db):
    """with unchanged(): <refused request> — fails if any table changed."""
    import contextlib

    @contextlib.contextmanager
    def check():
        before = db_fingerprint()
        yield
        after = db_fingerprint()
        assert changed_tables(before, after) == [], "거부된 요청이 자료를 바꾸었습니다"

    return check


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    """Calendar exceptions are cached per process; a rolled-back test must not leak them."""
    from django.core.cache import cache

    from itms.regulation import legal_calendar

    legal_calendar.clear_cache()
    cache.clear()  # rolled-back rows must not survive in cached readings
    yield
    legal_calendar.clear_cache()
    cache.clear()


# --- what the suite exercised, for the directive coverage report (itms.core.exercised) -------------------------
def exercised_dir() -> Path:
    from django.conf import settings

    return Path(settings.ITMS_COVERAGE_DIR)


def pytest_sessionstart(session):
    from itms.core import exercised

    exercised.ENABLED = True
    if not hasattr(session.config, "workerinput"):  # the controller (or a run without workers) starts afresh
        folder = exercised_dir()
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("exercised-*.json"):
            old.unlink()


def pytest_sessionfinish(session, exitstatus):
    import json

    from itms.core import exercised

    if not exercised.EXERCISED:
        return
    worker = getattr(session.config, "workerinput", {}).get("workerid", "main")
    folder = exercised_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"exercised-{worker}.json").write_text(
        json.dumps(sorted(exercised.EXERCISED), ensure_ascii=False), encoding="utf-8"
    )


@pytest.fixture
def big(monkeypatch):
    """Every table counts as big (PostgreSQL's estimate above the threshold): lists page by cursor and count up to
    a cap (itms.core.pagination)."""
    from itms.core import pagination

    monkeypatch.setattr(pagination, "table_estimate", lambda queryset: 2_000_000)
    pagination.clear_estimates()
    yield
    pagination.clear_estimates()

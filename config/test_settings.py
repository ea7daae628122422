"""Settings for the test suite: the production settings with test-only defaults.

DATABASE_URL chooses SQLite (default) or PostgreSQL, exactly as in production.
"""

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

os.environ.setdefault("ITMS_SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("ITMS_TESTING", "1")
os.environ.setdefault("ITMS_REQUIRE_ADMIN_2FA", "0")

from .settings import *  # noqa: F403

ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# A small process that proves the workflow and obligation engine (not installed in production).
INSTALLED_APPS = [*INSTALLED_APPS, "itms.testing.example"]  # noqa: F405
# Generated files (minutes, uploads) go to a throw-away folder, never into var/.
MEDIA_ROOT = tempfile.mkdtemp(prefix="itms-test-media-")
# Files a test run makes (the API schema cache …) stay out of the checkout's var/; the record of what the run
# exercised goes where directive_coverage reads it (ITMS_COVERAGE_DIR, set from the real data folder above).
DATA_DIR = Path(tempfile.mkdtemp(prefix="itms-test-data-"))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Parallel test workers each have their own database: their cached readings must not meet in a shared Redis.
# A prefix is not enough, because the tests' cache.clear() is Redis's FLUSHDB: one worker's clear emptied the
# other's cache in the middle of its test (a query count that grew). So each worker gets its own Redis database,
# counted down from the configured one (gw0 → 15, gw1 → 14 for …/15).
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
for _cache in CACHES.values():  # noqa: F405
    _cache["KEY_PREFIX"] = f"itms-test-{_WORKER}"
    if _cache["BACKEND"].endswith("RedisCache") and _WORKER.startswith("gw"):
        _url = urlsplit(_cache["LOCATION"])
        _db = (int(_url.path.strip("/") or 0) - int(_WORKER[2:])) % 16
        _cache["LOCATION"] = urlunsplit(_url._replace(path=f"/{_db}"))

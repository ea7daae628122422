"""The OpenAPI schema, made once per release and kept in a file (issue 10, item 11).

The schema is the same for every user (served publicly to any signed-in user, SERVE_PERMISSIONS) and changes
only with the code, yet generating it takes seconds: the first opening of API 문서 in every server process
waited for it. So it is generated once per release (``release()``: a digest of the code and of the packages
that shape it) and written to ``DATA_DIR/cache/``. ``scripts/run`` writes it before the server starts
(``manage.py api_schema``); a server started otherwise writes it on first use, and every other process then
reads the file. It is always made in the installation's language (``LANGUAGE_CODE``), whatever the request.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import threading
from functools import cache
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.settings import spectacular_settings
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SCHEMA_KWARGS, SpectacularAPIView

# The packages whose versions change the generated schema.
SCHEMA_PACKAGES = ("django", "djangorestframework", "drf-spectacular", "django-filter")
# What of the code shapes the schema: every module of the project and the translations of its labels.
SOURCE_GLOBS = ("itms/**/*.py", "config/*.py", "locale/**/*.mo")
SKIPPED_PARTS = frozenset({"tests", "migrations", "__pycache__"})

_schemas: dict[str, dict] = {}
# media type → (the schema it was rendered from, the body): writing the schema as YAML took 1.2 s a request.
_rendered: dict[str, tuple[dict, bytes]] = {}
_lock = threading.Lock()


@cache
def release() -> str:
    """A digest of everything the schema follows from: the API version, the package versions and the code."""
    digest = hashlib.sha256(str(spectacular_settings.VERSION).encode())
    for package in SCHEMA_PACKAGES:
        digest.update(f"{package}={metadata.version(package)}\n".encode())
    base = Path(settings.BASE_DIR)
    paths = {p for pattern in SOURCE_GLOBS for p in base.glob(pattern) if not SKIPPED_PARTS & set(p.parts)}
    for path in sorted(paths):
        digest.update(path.relative_to(base).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    return Path(settings.DATA_DIR) / "cache"


def cache_file() -> Path:
    return cache_dir() / f"api-schema-{release()}-{settings.LANGUAGE_CODE}.json"


def generate_schema() -> dict:
    """The schema, generated now, in the installation's language."""
    with translation.override(settings.LANGUAGE_CODE):
        generator = spectacular_settings.DEFAULT_GENERATOR_CLASS()
        schema = generator.get_schema(request=None, public=True)
    # The same JSON the API serves (lazy labels become text), so the file and a fresh schema read the same.
    return json.loads(json.dumps(schema, ensure_ascii=False, default=str))


def write_schema() -> Path:
    """Generate the schema of this release and write it to its file (replacing older releases' files)."""
    schema = generate_schema()
    _schemas[release()] = schema
    return _store(schema)


def _store(schema: dict) -> Path:
    target = cache_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written beside and renamed: a process reading at the same time sees the old file or the whole new one.
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent, suffix=".tmp", delete=False) as out:
        json.dump(schema, out, ensure_ascii=False)
    os.replace(out.name, target)
    for old in target.parent.glob("api-schema-*.json"):
        if old != target:
            old.unlink(missing_ok=True)
    return target


def _read() -> dict | None:
    try:
        return json.loads(cache_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def cached_schema() -> dict:
    """This release's schema: from this process, else from the file, else generated now (and stored)."""
    key = release()
    if key in _schemas:
        return _schemas[key]
    with _lock:  # the server's other threads wait for the one generation rather than start their own
        if key not in _schemas:
            schema = _read()
            if schema is None:
                schema = generate_schema()
                with contextlib.suppress(OSError):  # a read-only data folder: this process keeps it in memory
                    _store(schema)
            _schemas[key] = schema
    return _schemas[key]


def reset_schema_cache() -> None:
    """Forget the schema (this process and the file): the next request generates it again."""
    with _lock:
        _schemas.clear()
        _rendered.clear()
        for path in cache_dir().glob("api-schema-*.json"):
            path.unlink(missing_ok=True)


class SessionSchemeOfSubclasses(SessionScheme):
    """Sign-in by session, also through the project's subclass of DRF's SessionAuthentication (drf-spectacular's
    own scheme matches the exact class only, and the schema then lost ``cookieAuth``)."""

    match_subclasses = True
    priority = 0


class SchemaView(SpectacularAPIView):
    """GET /api/schema/: this release's schema (YAML, or JSON with ?format=json), to signed-in users."""

    @extend_schema(**SCHEMA_KWARGS)
    def get(self, request, *args, **kwargs):
        # drf-spectacular would honour ?lang= with a translation override; there is one language and one schema.
        filename = self._get_filename(request, None)
        renderer = request.accepted_renderer
        schema = cached_schema()
        key = f"{request.accepted_media_type}|{renderer.format}"
        kept = _rendered.get(key)
        if kept is not None and kept[0] is schema:
            body = kept[1]
        else:
            body = renderer.render(schema, request.accepted_media_type, self.get_renderer_context())
            _rendered[key] = (schema, body)
        charset = f"; charset={renderer.charset}" if renderer.charset else ""
        response = HttpResponse(body, content_type=f"{request.accepted_media_type}{charset}")
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response

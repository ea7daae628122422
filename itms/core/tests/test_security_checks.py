"""Security checks over the whole site (docs/quality.md, "Security"): headers, HSTS, CSRF on every form, limits.

The walks use the permission matrix's routes (itms/testing/matrix.py), so a page added tomorrow is checked
the day it is registered.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import NoReverseMatch

from itms.accounts.models import User
from itms.projects.models import Project
from itms.testing import matrix

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]


# --- headers -------------------------------------------------------------------------------------------


# The hash of the empty string, computed here so that the policy cannot quietly allow some other content.
_EMPTY_STYLE_HASH = "sha256-" + base64.b64encode(hashlib.sha256(b"").digest()).decode()


def _directives(csp: str) -> dict[str, list[str]]:
    parts = (p.strip().split() for p in csp.split(";") if p.strip())
    return {p[0]: p[1:] for p in parts}


def _assert_security_headers(response, where: str) -> None:
    assert response["X-Frame-Options"] == "DENY", where
    assert response["X-Content-Type-Options"] == "nosniff", where
    assert response["Referrer-Policy"] == "same-origin", where
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", where
    csp = _directives(response["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"], where
    assert csp["script-src"] == ["'self'"], f"{where}: scripts only from this server, never inline"
    assert csp["frame-ancestors"] == ["'none'"], where
    assert csp["object-src"] == ["'none'"], where
    assert csp["form-action"] == ["'self'"], where
    assert csp["base-uri"] == ["'self'"], where
    # No inline style either: only an empty <style> (FullCalendar fills its own through the CSSOM).
    assert csp["style-src"] == ["'self'", f"'{_EMPTY_STYLE_HASH}'"], f"{where}: {csp['style-src']}"
    # Nothing may come from another origin (air-gapped network): only 'self' and data: images/fonts.
    for name, sources in csp.items():
        allowed = {"'self'", "'none'", "data:"} | ({f"'{_EMPTY_STYLE_HASH}'"} if name == "style-src" else set())
        assert set(sources) <= allowed, f"{where}: {name} {sources}"
    assert not any("unsafe" in source for sources in csp.values() for source in sources), where
    assert "Strict-Transport-Security" not in response, f"{where}: HSTS only behind the TLS proxy"


@pytest.mark.parametrize(
    ("username", "url", "status"),
    [
        (None, "/accounts/login/", 200),  # the login page
        ("sponsor", "/", 200),  # an HTML page
        ("sponsor", "/projects/projects/", 200),  # a list
        ("sponsor", "/api/projects/projects/", 200),  # the API (JSON)
        ("sponsor", "/no-such-page/", 404),  # error pages
        ("vendor", "/audit/verify/", 403),
        ("admin", "/api/docs/", 200),  # Swagger UI from the sidecar
    ],
)
def test_every_kind_of_response_carries_the_security_headers(username, url, status, client_of):
    client = client_of(username) if username else Client()
    response = client.get(url)
    assert response.status_code == status
    _assert_security_headers(response, url)


def _pages(user, *, api: bool = True):
    """(route, url) for every route, with the matrix's sample objects; pages it cannot address are skipped
    (a new special page without SPECIAL_ARGS already fails the permission matrix's meta-test)."""
    for route in matrix.routes():
        if route.api and not api:
            continue
        objects = matrix.samples(route.object_type, user) if route.needs_object and user else [None]
        for obj in objects:
            if route.needs_object and obj is None:
                continue
            try:
                yield route, matrix.url_for(route, obj)
            except NoReverseMatch:
                continue


def test_no_served_template_has_an_inline_style_or_script():
    """The CSP refuses inline styles and scripts: a colour or a rule goes in static/css/itms.css as a class.

    The templates under governance/documents/ are rendered to PDF (WeasyPrint), never served to a browser.
    """
    templates = {
        str(path.relative_to(ROOT)): path.read_text(encoding="utf-8")
        for path in (ROOT / "itms").rglob("templates/**/*.html")
        if "governance/documents/" not in path.as_posix()
    }
    assert len(templates) > 50
    styled = sorted(name for name, text in templates.items() if _INLINE_STYLE.search(text))
    assert styled == [], "style attributes and <style> blocks are blocked by the CSP"
    scripts = sorted(name for name, text in templates.items() if _INLINE_SCRIPT.search(text))
    assert scripts == [], "inline scripts and on…= handlers are blocked by the CSP"


def test_swagger_ui_page_has_no_inline_style(client_of):
    content = client_of("sponsor").get("/api/docs/").content.decode()
    assert "swagger-ui" in content
    assert not _INLINE_STYLE.search(content)
    assert "/static/css/swagger.css" in content


def test_calendar_legend_classes_have_the_event_colours():
    from itms.regulation.calendar_sources import EVENT_COLOURS

    css = (ROOT / "static" / "css" / "itms.css").read_text(encoding="utf-8")
    for name, colour in EVENT_COLOURS.items():
        assert f".legend-{name} {{ background-color: {colour}; }}" in css, name


# <script> without src (JSON data blocks are not run), or an on…= event handler attribute.
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\b(src|type=\"application/json)\b)[^>]*>|<[a-z][^>]*\son[a-z]+=")
# A <style> block or a style attribute.
_INLINE_STYLE = re.compile(r"<style\b|<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)


# --- HSTS, only behind the TLS proxy --------------------------------------------------------------------

_PROBE = """
import json, os, django
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
django.setup()
from django.conf import settings
from django.test import Client
response = Client().get("/api/schema/", headers={"X-Forwarded-Proto": "https"})
print(json.dumps({
    "hsts": response.get("Strict-Transport-Security"),
    "secure_request": response.wsgi_request.is_secure(),
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_cookie_secure": settings.CSRF_COOKIE_SECURE,
}))
"""


def _production_settings(tmp_path, **extra) -> dict:
    env = {
        "PATH": "/usr/bin:/bin",
        "ITMS_SECRET_KEY": "probe-only-secret",
        "ITMS_DATA_DIR": str(tmp_path),
        "ITMS_ALLOWED_HOSTS": "testserver",
        "ITMS_LOG_LEVEL": "ERROR",
        **extra,
    }
    result = subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_hsts_and_secure_cookies_behind_the_tls_proxy(tmp_path):
    behind = _production_settings(tmp_path, ITMS_BEHIND_TLS_PROXY="1")
    assert behind["secure_request"] is True  # X-Forwarded-Proto from nginx is trusted
    assert behind["hsts"] == "max-age=31536000; includeSubDomains"
    assert behind["session_cookie_secure"] is True
    assert behind["csrf_cookie_secure"] is True


def test_no_hsts_and_no_trusted_proxy_header_without_the_tls_proxy(tmp_path):
    plain = _production_settings(tmp_path)
    assert plain["secure_request"] is False, "X-Forwarded-Proto must not be trusted without a proxy that sets it"
    assert plain["hsts"] is None
    assert plain["session_cookie_secure"] is False


def test_hsts_lifetime_follows_the_environment(tmp_path):
    shorter = _production_settings(tmp_path, ITMS_BEHIND_TLS_PROXY="1", ITMS_HSTS_SECONDS="3600")
    assert shorter["hsts"] == "max-age=3600; includeSubDomains"


# --- CSRF on every form ---------------------------------------------------------------------------------


class _Forms(HTMLParser):
    """POST forms of a page (with whether each carries the CSRF token) and any htmx-driven changes."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self.htmx_changes: list[str] = []
        self.body_headers = ""
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "body":
            self.body_headers = attrs.get("hx-headers") or ""
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self._open = {"action": attrs.get("action") or "", "token": False}
            self.forms.append(self._open)
        if tag == "input" and self._open is not None and attrs.get("name") == "csrfmiddlewaretoken":
            self._open["token"] = bool(attrs.get("value"))
        for verb in ("hx-post", "hx-put", "hx-patch", "hx-delete"):
            if attrs.get(verb):
                self.htmx_changes.append(attrs[verb])

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = None


def _walk_forms(client: Client, user) -> tuple[dict[str, str], list[str]]:
    """{action URL: page it is on} for every POST form, and the pages whose forms lack the token.

    Every page that opens also has its security headers checked on the way, and has no inline style.
    """
    actions, missing = {}, []
    for _route, page in _pages(user, api=False):
        response = client.get(page)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        _assert_security_headers(response, page)
        content = response.content.decode()
        inline = _INLINE_STYLE.search(content)
        assert inline is None, f"{page}: inline style blocked by the CSP: {inline.group(0)[:120]}"
        parsed = _Forms()
        parsed.feed(content)
        for form in parsed.forms:
            action = urlsplit(urljoin(page, form["action"])).path
            actions.setdefault(action, page)
            if not form["token"]:
                missing.append(f"{page} → {action}")
        if parsed.htmx_changes and "X-CSRFToken" not in parsed.body_headers:
            missing.append(f"{page}: htmx {parsed.htmx_changes[0]} without the token in <body hx-headers>")
    return actions, missing


@pytest.mark.parametrize("username", [None, "admin"], ids=["anonymous", "superuser"])
def test_every_post_form_carries_the_csrf_token_and_is_refused_without_it(username, client_of, unchanged):
    """Every page the user can open (security headers checked too): each POST form has the token, and a POST
    without it to each form's action is refused with Django's CSRF 403, changing nothing."""
    user = User.objects.get(username=username) if username else None
    actions, missing = _walk_forms(client_of(username) if username else Client(), user)
    assert not missing, "CSRF 토큰이 없는 양식:\n" + "\n".join(missing)
    assert len(actions) >= (1 if username is None else 20), sorted(actions)

    forger = Client(enforce_csrf_checks=True)
    if user:
        forger.force_login(user)
    accepted = []
    with unchanged():
        for action, page in sorted(actions.items()):
            response = forger.post(action, {"name": "CSRF 없음"})
            if response.status_code != 403 or b"CSRF" not in response.content:
                accepted.append(f"{action} (양식 위치 {page}): {response.status_code}")
    assert not accepted, "토큰 없이 받아들인 POST:\n" + "\n".join(accepted)


def test_the_api_refuses_session_writes_without_the_csrf_token(user_of, unchanged):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user_of("admin"))
    with unchanged():
        response = client.post("/api/projects/projects/", {"name": "CSRF 없음"}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


# --- request size limits --------------------------------------------------------------------------------


def test_upload_limits_are_set():
    assert settings.ITMS_UPLOAD_MAX_BYTES == 50 * 1024 * 1024  # ITMS_UPLOAD_MAX_MB, = nginx client_max_body_size
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE == 5 * 1024 * 1024  # larger files are streamed to a temp file
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 10 * 1024 * 1024  # form fields other than files


def test_a_form_body_over_the_limit_is_refused_before_any_view_runs(admin_client, unchanged):
    with unchanged():
        response = admin_client.post(
            "/accounts/org-units/add/",
            b"name=" + b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1),
            content_type="application/x-www-form-urlencoded",
        )
    assert response.status_code == 400


# --- output escaping ------------------------------------------------------------------------------------


def test_f4_text_fields_on_detail_pages_are_escaped(admin_client):
    project = Project.objects.first()
    project.summary = '<script src="/static/x.js"></script><a href="https://example.invalid/">링크</a>'
    project.save(update_fields=["summary"])
    content = admin_client.get(project.get_absolute_url()).content.decode()
    assert '<script src="/static/x.js">' not in content and '<a href="https://example.invalid/">' not in content
    assert "&lt;script" in content

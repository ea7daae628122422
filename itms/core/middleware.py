"""Request id and security headers.

Every request gets an id (or keeps the X-Request-ID a proxy gave it); the change
log stores it so that all rows changed by one request can be found together.
"""

import re
import uuid
from contextvars import ContextVar

_request_id: ContextVar[str | None] = ContextVar("itms_request_id", default=None)
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


_request: ContextVar = ContextVar("itms_request", default=None)


def get_request_id() -> str | None:
    return _request_id.get()


def per_request(key, compute):
    """``compute()`` once per request for ``key`` (outside a request, every time): for readings that many rows of
    one page repeat (the unit tree, a body's chair), and that must not outlive the request that read them."""
    request = _request.get()
    if request is None:
        return compute()
    memo = request.__dict__.setdefault("_itms_memo", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def forget_per_request(key) -> None:
    request = _request.get()
    if request is not None:
        request.__dict__.get("_itms_memo", {}).pop(key, None)


def current_user():
    """The signed-in user of the request being served, or None (outside a request, or anonymous).

    Read at call time, so a user that DRF authenticated by token after the middleware ran is seen;
    reset after every request, unlike django-auditlog's context, which keeps the last actor.
    """
    request = _request.get()
    user = getattr(request, "user", None)
    return user if getattr(user, "is_authenticated", False) else None


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _SAFE_ID.match(given) else uuid.uuid4().hex
        request.request_id = request_id
        token, request_token = _request_id.set(request_id), _request.set(request)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
            _request.reset(request_token)
        response["X-Request-ID"] = request_id
        return response


EMPTY_STYLE_HASH = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="  # base64(sha256(b""))

# Everything is served from this origin (air-gapped network): no CDN, no inline script, no inline style.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        # The hash is that of an empty <style>: FullCalendar creates one and fills it through the CSSOM
        # (insertRule, which the CSP does not govern); a <style> with any content stays refused.
        f"style-src 'self' '{EMPTY_STYLE_HASH}'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)


def set_security_headers(response) -> None:
    response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    response.setdefault("Cross-Origin-Opener-Policy", "same-origin")


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        set_security_headers(response)
        return response

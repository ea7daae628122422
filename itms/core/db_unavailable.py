"""The database cannot be reached (a PostgreSQL restart, a dropped connection): answer 503, not the generic 500.

Django turns an exception into a 500 response at the middleware where it was raised, and most database errors
of an outage are raised in middleware (the session and the signed-in user are read there), not in a view. So
the exception is remembered from the ``got_request_exception`` signal, which Django sends for every unhandled
exception, and this middleware, placed outside sessions and authentication, replaces that 500 with the 503.
Other exceptions are left alone, and Django's test client still re-raises the original exception.
"""

from __future__ import annotations

import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

from .middleware import set_security_headers

MESSAGE = "데이터베이스에 잠시 연결할 수 없습니다. 잠시 후 다시 시도하십시오."
RETRY_AFTER_SECONDS = 5
_ATTRIBUTE = "_itms_database_error"


def _remember_database_error(sender, request=None, **kwargs):
    error = sys.exc_info()[1]  # the receiver runs inside Django's except block
    if request is not None and isinstance(error, (OperationalError, InterfaceError)):
        setattr(request, _ATTRIBUTE, error)


got_request_exception.connect(_remember_database_error, dispatch_uid="itms_database_unavailable")


def unavailable_response(request) -> HttpResponse:
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": MESSAGE}, status=503, json_dumps_params={"ensure_ascii": False})
    else:
        try:
            # Without the request: context processors (menu, notices) would need the database.
            html = render_to_string("ui/unavailable.html", {"message": MESSAGE, "retry_after": RETRY_AFTER_SECONDS})
        except Exception:  # the outage page itself must not fail (e.g. static files not collected)
            html = f'<!doctype html><html lang="ko"><meta charset="utf-8"><title>503</title><p>{MESSAGE}</p></html>'
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # Built outside the middleware that add these headers (the error may have been raised before them).
    set_security_headers(response)
    response.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, _ATTRIBUTE, None) is not None and not settings.DEBUG:
            return unavailable_response(request)
        return response

"""The answer to a locked (name, address): the login page's and the token API's (django-axes'
``AXES_LOCKOUT_CALLABLE``). Not in views.py, so that the API can answer the same way without importing a view module.
"""

from __future__ import annotations

from math import ceil

from django.http import JsonResponse
from django.shortcuts import render

from . import actions
from .error_codes import AccountErrors


def cool_off_minutes() -> int:
    period = actions.cool_off()
    return max(1, ceil(period.total_seconds() / 60)) if period else 0


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked (name, address): 429, in Korean, saying when to try again."""
    minutes = cool_off_minutes()
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {
                "code": AccountErrors.LOCKED_OUT.code,
                "detail": AccountErrors.LOCKED_OUT.text(minutes=minutes),
                "clause": AccountErrors.LOCKED_OUT.clause,
            },
            status=429,
        )
    else:
        response = render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
    if minutes:
        response["Retry-After"] = str(minutes * 60)
    return response

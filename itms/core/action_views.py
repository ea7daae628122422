"""How a POST that runs one action answers: success or the Korean reasons, back where the user was.

Views stay thin: validate the form, call one action, answer. A refusal (ValidationError) is a
message and a 303 back to the page (htmx: an ``HX-Redirect`` with 400), and changes nothing — the
action runs in one transaction. PermissionDenied is left to Django (403 page).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect


def answer(request, url: str, *, error: str = "", success: str = "", status: int | None = None) -> HttpResponse:
    if error:
        messages.error(request, error)
    elif success:
        messages.success(request, success)
    if getattr(request, "htmx", False):
        response = HttpResponse(status=status or (400 if error else 200))
        response["HX-Redirect"] = url
        return response
    response = HttpResponseRedirect(url)
    if error:
        response.status_code = 303
    return response


def form_errors(form) -> str:
    return "; ".join(
        f"{form.fields[name].label if name in form.fields else ''} {' '.join(errors)}".strip()
        for name, errors in form.errors.items()
    )


def run(request, url: str, call: Callable[[], object], success: str) -> HttpResponse:
    try:
        call()
    except ValidationError as error:
        return answer(request, url, error=" ".join(error.messages))
    return answer(request, url, success=success)


def form_action(request, url: str, form, call: Callable[[dict], object], success: str) -> HttpResponse:
    """Validates ``form``; if valid, runs ``call(cleaned_data)``; answers either way."""
    if not form.is_valid():
        return answer(request, url, error=f"입력 내용을 확인하십시오: {form_errors(form)}")
    return run(request, url, lambda: call(form.cleaned_data), success)

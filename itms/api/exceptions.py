"""API errors in Korean, each with a stable code and the clause it enforces: ``{code, message, clause}``.

A coded refusal (``itms.core.errors``: a guard, a record's condition, a role, a field the user may not write)
keeps its own code, clause and status; DRF's own errors (not signed in, not found, throttled …) get their DRF
code. ``detail`` repeats the message for clients written before the codes existed. Field errors of input
validation keep DRF's ``{field: [messages]}`` shape.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from rest_framework.views import exception_handler

from itms.core.errors import CodedError, CoreErrors, describe


def handler(exc, context):
    if isinstance(exc, (ProtectedError, RestrictedError)):
        blockers = getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", ())
        what = ", ".join(sorted({str(o._meta.verbose_name) for o in blockers})) or "다른 자료"
        return _coded(CoreErrors.PROTECTED.code, CoreErrors.PROTECTED.text(what=what), "", status.HTTP_409_CONFLICT)
    if isinstance(exc, CodedError):
        body = exc.as_dict()
        if isinstance(exc, DjangoValidationError) and hasattr(exc, "error_dict"):
            body["fields"] = exc.message_dict
        if getattr(exc, "fields", None) and "fields" not in body:
            body["fields"] = {name: [exc.message_text] for name in exc.fields}
        return Response({**body, "detail": body["message"]}, status=exc.error_code.status)
    if isinstance(exc, DjangoValidationError):
        body = describe(exc)
        if hasattr(exc, "error_dict"):
            body["fields"] = exc.message_dict
        return Response({**body, "detail": body["message"]}, status=status.HTTP_400_BAD_REQUEST)
    response = exception_handler(exc, context)
    if response is not None and isinstance(exc, APIException) and isinstance(response.data, dict):
        detail = response.data.get("detail")
        if detail is not None and "code" not in response.data:
            response.data.update(code=getattr(detail, "code", exc.default_code), message=str(detail), clause="")
    return response


def _coded(code: str, message: str, clause: str, status_code: int) -> Response:
    return Response({"code": code, "message": message, "clause": clause, "detail": message}, status=status_code)

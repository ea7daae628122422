"""API errors in Korean, with a stable code."""

from django.db.models import ProtectedError, RestrictedError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler


def handler(exc, context):
    if isinstance(exc, (ProtectedError, RestrictedError)):
        return Response(
            {"detail": "다른 자료가 참조하고 있어 삭제할 수 없습니다.", "code": "protected"},
            status=status.HTTP_409_CONFLICT,
        )
    return exception_handler(exc, context)

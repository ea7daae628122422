"""API writes that one action performs on one record (beyond the generic create/update/delete): the same action,
refusals and clause as the screen's button, through the same gate.

A view names its record type (``label``) and the policy's permission it needs (``action``); ``fetch`` reads the
record through the gate (404 outside the user's scope, a coded refusal when the record's state forbids the
action), and the action called checks the rest. The schema names each view's input (``documented``).
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission
from rest_framework.views import APIView

from itms.audit.context import bind_actor

from . import gate, registry

# A multipart upload of one file, for the schema.
UPLOAD = {"multipart/form-data": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}}


def documented(request=None, answer: int = 200):
    """The schema names the input and says the answer is a JSON object (a refusal: ``{code, message, clause}``)."""
    return extend_schema(request=request, responses={answer: OpenApiTypes.OBJECT})


class ActionPermission(BasePermission):
    """Signed in, and the policy grants ``view.action`` on the view's record type; the action checks the rest."""

    message = "이 작업을 할 권한이 없습니다."

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.has_perm(view.object_type.permission(view.action)))


class ActionAPIView(APIView):
    label = ""
    action = "change"
    permission_classes = [ActionPermission]

    @property
    def object_type(self):
        return registry.get(self.label)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        bind_actor(request.user)

    def validated(self, serializer_class) -> dict:
        """The request's input checked by ``serializer_class``; a 400 with each field's Korean message if not."""
        data = serializer_class(data=self.request.data)
        data.is_valid(raise_exception=True)
        return dict(data.validated_data)

    def fetch(self, pk, action: str | None = None):
        try:
            return gate.fetch(self.request.user, self.object_type, action or self.action, pk)
        except Http404 as missing:
            raise NotFound("자료를 찾을 수 없습니다.") from missing

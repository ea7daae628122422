"""One generic viewset for every registered type, scoped by restrict(user, action)."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import transaction
from django.http import Http404
from rest_framework import viewsets
from rest_framework.exceptions import NotFound, PermissionDenied

from itms.core import gate
from itms.core.errors import CodedError
from itms.core.registry import ObjectType

ACTION_OF_VIEW = {
    "list": "view",
    "retrieve": "view",
    "create": "add",
    "update": "change",
    "partial_update": "change",
    "destroy": "delete",
}


class ObjectViewSet(viewsets.ModelViewSet):
    object_type: ObjectType = None

    def get_queryset(self):
        return self.object_type.base_queryset().restrict(self.request.user, "view")

    def get_object(self):
        """The record through the one access gate (itms.core.gate): 404, 403 or the record's condition."""
        action = ACTION_OF_VIEW.get(self.action, "view")
        lookup = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field)
        try:
            obj = gate.fetch(self.request.user, self.object_type, action, lookup)
        except Http404 as missing:
            raise NotFound("자료를 찾을 수 없습니다.") from missing
        self.check_object_permissions(self.request, obj)
        return obj

    def get_serializer(self, *args, **kwargs):
        if self.action in ("create", "update", "partial_update"):
            # The fields this user may write here: the same set the form offers (itms.core.gate).
            instance = args[0] if args else kwargs.get("instance")
            context = kwargs.setdefault("context", self.get_serializer_context())
            context["writable"] = gate.writable_fields(self.object_type, self.request.user, instance)
        return super().get_serializer(*args, **kwargs)

    def _save_in_scope(self, serializer, action):
        with transaction.atomic():
            obj = serializer.save()
            gate.require_saved_in_scope(self.request.user, self.object_type, action, obj)

    def perform_create(self, serializer):
        self._save_in_scope(serializer, "add")

    def perform_update(self, serializer):
        self._save_in_scope(serializer, "change")

    def perform_destroy(self, instance):
        with transaction.atomic():
            instance.delete()

    def handle_exception(self, exc):
        if isinstance(exc, DjangoPermissionDenied) and not isinstance(exc, CodedError):
            exc = PermissionDenied(str(exc) or None)
        return super().handle_exception(exc)


def viewset_for(object_type: ObjectType) -> type[ObjectViewSet]:
    attrs = {
        "object_type": object_type,
        "serializer_class": object_type.serializer,
        "filterset_class": object_type.filterset,
        "queryset": object_type.model._default_manager.none(),
        "__doc__": f"{object_type.verbose_name} API",
    }
    methods = ["get", "head", "options"]
    methods += ["post"] if object_type.can_add else []
    methods += ["put", "patch"] if object_type.can_edit else []
    methods += ["delete"] if object_type.can_delete else []
    attrs["http_method_names"] = methods
    return type(f"{object_type.model.__name__}ViewSet", (ObjectViewSet,), attrs)

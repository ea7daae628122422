"""One generic viewset for every registered type, scoped by restrict(user, action)."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import Http404
from rest_framework import viewsets
from rest_framework.exceptions import NotFound, PermissionDenied

from itms.audit.context import bind_actor
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

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        bind_actor(request.user)

    def get_queryset(self):
        action = ACTION_OF_VIEW.get(self.action, "view")
        return self.object_type.base_queryset().restrict(self.request.user, action)

    def get_object(self):
        try:
            return super().get_object()
        except Http404 as missing:
            if self.action not in ("list", "retrieve") and self._visible_to_user():
                raise PermissionDenied("이 자료를 변경할 권한이 없습니다.") from missing
            raise NotFound("자료를 찾을 수 없습니다.") from missing

    def _visible_to_user(self) -> bool:
        """May the user see the object they may not change (403 rather than 404)?"""
        lookup = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field)
        visible = self.object_type.base_queryset().restrict(self.request.user, "view")
        try:
            return visible.filter(pk=lookup).exists()
        except (TypeError, ValueError, DjangoValidationError):
            # Not an id at all (…/abc/): no such object. Catching here rather than limiting the route with
            # lookup_value_regex keeps the API's JSON 404 instead of the HTML page for unrouted paths.
            return False

    def _save_in_scope(self, serializer, action):
        with transaction.atomic():
            obj = serializer.save()
            if not self.object_type.base_queryset().restrict(self.request.user, action).filter(pk=obj.pk).exists():
                raise PermissionDenied("이 내용으로는 저장할 권한이 없습니다. 담당 범위(부서)를 확인하십시오.")

    def perform_create(self, serializer):
        self._save_in_scope(serializer, "add")

    def perform_update(self, serializer):
        self._save_in_scope(serializer, "change")

    def perform_destroy(self, instance):
        with transaction.atomic():
            instance.delete()

    def handle_exception(self, exc):
        if isinstance(exc, DjangoPermissionDenied):
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

from rest_framework.permissions import BasePermission

ACTION_OF_METHOD = {
    "GET": "view",
    "HEAD": "view",
    "OPTIONS": "view",
    "POST": "add",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
}


class RolePermission(BasePermission):
    """Deny by default: authenticated, and the role policy grants the model permission for the method."""

    message = "이 작업을 할 권한이 없습니다."

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        object_type = getattr(view, "object_type", None)
        if object_type is None:
            return bool(getattr(view, "allow_any_authenticated", False))
        return request.user.has_perm(object_type.permission(ACTION_OF_METHOD.get(request.method, "change")))

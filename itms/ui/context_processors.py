from .navigation import menu_for
from .roles import header_role


def navigation(request):
    """The chapter menu and, for the header's user menu, the role the person acts in (itms.ui.roles)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"menu": menu_for(user, request.path), "user_role": header_role(user)}

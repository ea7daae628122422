from itms.core.middleware import per_request

from .navigation import sidebar
from .roles import header_role


def navigation(request):
    """The chapter menu and, for the header's user menu, the role the person acts in (itms.ui.roles).

    Once per request: every template a page renders with the request (its panels, the workflow panel) runs the
    context processors again, and the menu cost 13 ms each time (three times on a contract's page).
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return per_request(
        ("ui.navigation", user.pk),
        lambda: {"sidebar": sidebar(user, request.path), "user_role": header_role(user)},
    )

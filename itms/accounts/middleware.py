"""Two-factor authentication is required of administrators when ITMS_REQUIRE_ADMIN_2FA is on."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

OPEN_URL_NAMES = ("login", "login_code", "logout", "two_factor", "password_change")


class AdminTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.ITMS_REQUIRE_ADMIN_2FA and self._needs_second_factor(request):
            open_paths = {reverse(f"accounts:{name}") for name in OPEN_URL_NAMES}
            if request.path not in open_paths and not request.path.startswith(settings.STATIC_URL):
                messages.warning(request, "관리자는 2단계 인증을 설정한 뒤 사용할 수 있습니다.")
                return redirect("accounts:two_factor")
        return self.get_response(request)

    @staticmethod
    def _needs_second_factor(request) -> bool:
        from .actions import is_administrator

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        return not user.is_verified() and is_administrator(user)

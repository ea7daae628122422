"""API token endpoint (tokens only where a password alone is enough) (the schema is served by ``itms.api.schema``).

The authentication classes themselves are in ``itms.api.authentication`` (DRF imports them while
``rest_framework.views`` is still loading, so they cannot live beside these views).
"""

from django.conf import settings
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import PermissionDenied


class ObtainTokenView(ObtainAuthToken):
    """POST username/password → token; refused for users whose sign-in needs a second factor.

    Such users (anyone with an authenticator, and administrators when ITMS_REQUIRE_ADMIN_2FA is on)
    issue their token from 내 정보 after a full two-step sign-in. Wrong passwords count towards the same
    lockout as the login page (django-axes, per name and address); a locked name and address get 429.
    """

    def post(self, request, *args, **kwargs):
        from itms.accounts.actions import has_two_factor, is_administrator
        from itms.accounts.lockout import lockout_response

        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            # django-axes marks the request it was given (DRF's) when this attempt hit the limit or a lock.
            if getattr(request, "axes_locked_out", False):
                return lockout_response(request._request)
            serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        if has_two_factor(user) or (settings.ITMS_REQUIRE_ADMIN_2FA and is_administrator(user)):
            raise PermissionDenied("2단계 인증을 쓰는 사용자는 로그인 후 '내 정보'에서 API 토큰을 발급하십시오.")
        return super().post(request, *args, **kwargs)

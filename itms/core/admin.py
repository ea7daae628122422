from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models.base import ModelBase
from django.urls import reverse

# Credentials change only through the account actions, which check the actor's privileges and chain the
# change (itms/accounts/actions.py). Their tables are not offered here: an API token or an authenticator's
# secret would be readable, and a deleted lockout would be an unrecorded unlock.
CREDENTIAL_MODELS = frozenset({"authtoken.token", "authtoken.tokenproxy", "otp_totp.totpdevice", "axes.accessattempt"})


class SuperuserAdminSite(admin.AdminSite):
    """Django's admin is a technical tool for superusers only; officials work in the ITMS pages.

    There is one way in: the ITMS login (password, then the authenticator code). The admin site's own login
    form would sign a superuser in with the password alone, so it hands over to ``accounts:login``.
    """

    site_header = "정보화관리시스템 기술 관리"
    site_title = "정보화관리시스템"
    index_title = "슈퍼유저 전용"

    def has_permission(self, request):
        user = request.user
        if not (user.is_active and user.is_superuser):
            return False
        return user.is_verified() or not self._needs_second_factor(user)

    @staticmethod
    def _needs_second_factor(user) -> bool:
        from itms.accounts.actions import has_two_factor

        return settings.ITMS_REQUIRE_ADMIN_2FA or has_two_factor(user)

    def login(self, request, extra_context=None):
        if request.user.is_authenticated:
            # Signed in, but not a superuser (or without the code): another login would not change that.
            raise PermissionDenied("Django 관리 화면은 2단계 인증을 마친 슈퍼유저만 쓸 수 있습니다.")
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index", current_app=self.name)
        return redirect_to_login(next_url, reverse("accounts:login"))

    def register(self, model_or_iterable, admin_class=None, **options):
        models = [model_or_iterable] if isinstance(model_or_iterable, ModelBase) else list(model_or_iterable)
        kept = [model for model in models if model._meta.label_lower not in CREDENTIAL_MODELS]
        if kept:
            super().register(kept, admin_class, **options)

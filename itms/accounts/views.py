"""Sign-in (password, then the authenticator code when the user has one), profile, 2FA, unlock."""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from rest_framework.authtoken.models import Token

from itms.core.errors import Refused
from itms.core.forms import StyledFormMixin

from . import actions
from .directory import roles_of
from .lockout import cool_off_minutes
from .models import Assignment, User
from .privileges import may_manage

PENDING_USER = "itms_pending_user"
PENDING_BACKEND = "itms_pending_backend"
PENDING_NEXT = "itms_pending_next"
PENDING_FAILURES = "itms_pending_failures"
MAX_CODE_FAILURES = 5


class LoginForm(StyledFormMixin, AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "아이디"
        self.fields["password"].label = "비밀번호"

    error_messages = {
        "invalid_login": "아이디 또는 비밀번호가 올바르지 않습니다. 여러 번 틀리면 계정이 잠깁니다.",
        "inactive": "사용이 중지된 계정입니다. 시스템 관리자에게 문의하십시오.",
    }


class CodeForm(StyledFormMixin, forms.Form):
    token = forms.CharField(
        label="인증 코드",
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        error_messages={"min_length": "인증 코드는 숫자 6자리입니다.", "max_length": "인증 코드는 숫자 6자리입니다."},
    )

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError("인증 코드는 숫자 6자리입니다.")
        return token


class TwoFactorForm(CodeForm):
    """The new authenticator's code, and — when one is already in use — a code from that one too."""

    def __init__(self, *args, needs_current: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["token"].label = "새 OTP 앱의 인증 코드"
        if needs_current:
            current = CodeForm().fields["token"]  # a styled copy of the same field
            current.label = "현재 인증 코드"
            current.help_text = "지금 쓰는 OTP 앱(바꾸기 전 기기)에 표시된 6자리 코드"
            self.fields["token"].widget.attrs.pop("autofocus", None)
            self.fields = {"current_token": current, **self.fields}

    def clean_current_token(self):
        token = self.cleaned_data["current_token"].strip()
        if not token.isdigit():
            raise forms.ValidationError("인증 코드는 숫자 6자리입니다.")
        return token


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        from django.conf import settings

        return {
            **super().get_context_data(**kwargs),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cool_off_minutes": cool_off_minutes(),
        }

    def form_valid(self, form):
        user = form.get_user()
        if actions.has_two_factor(user):
            # Password is right; the session gets the user only after the authenticator code.
            self.request.session.cycle_key()
            self.request.session[PENDING_USER] = user.pk
            self.request.session[PENDING_BACKEND] = user.backend
            self.request.session[PENDING_NEXT] = self.get_redirect_url()
            self.request.session[PENDING_FAILURES] = 0
            return redirect("accounts:login_code")
        return super().form_valid(form)


class LoginCodeView(View):
    template_name = "accounts/login_code.html"

    def _pending_user(self):
        pk = self.request.session.get(PENDING_USER)
        return User.objects.filter(pk=pk, is_active=True).first() if pk else None

    def get(self, request):
        if self._pending_user() is None:
            return redirect("accounts:login")
        return render(request, self.template_name, {"form": CodeForm()})

    def post(self, request):
        user = self._pending_user()
        if user is None:
            return redirect("accounts:login")
        form = CodeForm(request.POST)
        device = match_token(user, form.cleaned_data["token"]) if form.is_valid() else None
        if device is None:
            failures = request.session.get(PENDING_FAILURES, 0) + 1
            if failures >= MAX_CODE_FAILURES:
                request.session.flush()
                messages.error(request, "인증 코드를 여러 번 잘못 입력했습니다. 처음부터 다시 로그인하십시오.")
                return redirect("accounts:login")
            request.session[PENDING_FAILURES] = failures
            if form.is_valid():
                form.add_error("token", "인증 코드가 맞지 않습니다. OTP 앱의 현재 코드를 입력하십시오.")
            return render(request, self.template_name, {"form": form}, status=400)
        backend = request.session.get(PENDING_BACKEND)
        next_url = request.session.get(PENDING_NEXT) or reverse("ui:home")
        for key in (PENDING_USER, PENDING_BACKEND, PENDING_NEXT, PENDING_FAILURES):
            request.session.pop(key, None)
        login(request, user, backend=backend)
        otp_login(request, device)
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = reverse("ui:home")
        return redirect(next_url)


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def get_form_class(self):
        class Form(StyledFormMixin, PasswordChangeForm):
            pass

        return Form

    def form_valid(self, form):
        messages.success(self.request, "비밀번호를 변경했습니다.")
        return super().form_valid(form)


def _profile_context(user) -> dict:
    grants = sorted(roles_of(user), key=lambda g: (g.role.label, g.unit_id or 0))
    from .models import OrgUnit

    units = OrgUnit.objects.in_bulk({g.unit_id for g in grants if g.unit_id})
    return {
        "roles": [(g.role.label, units.get(g.unit_id), g.acting) for g in grants],
        "assignments": Assignment.objects.filter(user=user).select_related("position__unit").order_by("-start_date"),
        "has_two_factor": actions.has_two_factor(user),
        "token": Token.objects.filter(user=user).first(),
    }


@method_decorator(login_required, name="dispatch")
class ProfileView(View):
    def get(self, request):
        return render(request, "accounts/profile.html", _profile_context(request.user))


@login_required
@require_POST
def regenerate_token(request):
    """Issues a new API token (the old one stops working at once) and shows it once, in this response.

    The key is never put in a message, the session or a cookie: Django's messages cookie is signed, not
    encrypted, so anyone who can read the browser's cookies could read it there.
    """
    token = actions.issue_token(user=request.user)
    response = render(request, "accounts/profile.html", {**_profile_context(request.user), "new_token": token.key})
    add_never_cache_headers(response)
    response["Cache-Control"] += ", no-store"  # no copy in the browser's or a proxy's cache either
    return response


@method_decorator(login_required, name="dispatch")
class TwoFactorView(View):
    """Setting up an authenticator; replacing one in use needs a code from it (pen test, finding 1)."""

    template_name = "accounts/two_factor.html"

    def make_form(self, data=None):
        return TwoFactorForm(data, needs_current=actions.has_two_factor(self.request.user))

    def get(self, request):
        return self.render_page(self.make_form())

    def post(self, request):
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                device = actions.enrol_two_factor(
                    user=request.user,
                    token=form.cleaned_data["token"],
                    current_token=form.cleaned_data.get("current_token", ""),
                )
            except Refused as refused:
                form.add_error(None, refused)
            else:
                if device is not None:
                    otp_login(request, device)
                    messages.success(request, "2단계 인증을 설정했습니다. 다음 로그인부터 인증 코드를 입력합니다.")
                    return redirect("accounts:profile")
                form.add_error("token", "인증 코드가 맞지 않습니다. 앱에 새로 등록한 항목의 코드를 입력하십시오.")
        return self.render_page(form, status=400)

    def render_page(self, form, status=200):
        device = actions.pending_device(self.request.user)
        image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
        buffer = io.BytesIO()
        image.save(buffer)
        context = {
            "form": form,
            "qr_svg": buffer.getvalue().decode("utf-8"),
            "secret": base64.b32encode(device.bin_key).decode("ascii"),
            "has_two_factor": actions.has_two_factor(self.request.user),
        }
        response = render(self.request, self.template_name, context, status=status)
        add_never_cache_headers(response)
        return response


def _managed_user(request, pk) -> User:
    """A user the signed-in administrator may change (404 if out of sight, 403 if only visible)."""
    user = User.objects.restrict(request.user, "change").filter(pk=pk).first()
    if user is None:
        if User.objects.restrict(request.user, "view").filter(pk=pk).exists():
            raise PermissionDenied("이 사용자를 관리할 권한이 없습니다.")
        raise Http404("사용자를 찾을 수 없습니다.")
    return user


@login_required
@require_POST
def unlock_user(request, pk):
    user = _managed_user(request, pk)
    actions.unlock_user(actor=request.user, user=user)
    messages.success(request, f"{user} 계정의 잠금을 해제했습니다.")
    return redirect(user.get_absolute_url())


@login_required
@require_POST
def reset_two_factor(request, pk):
    user = _managed_user(request, pk)
    actions.reset_two_factor(actor=request.user, user=user)
    messages.success(request, f"{user}의 2단계 인증을 초기화했습니다.")
    return redirect(user.get_absolute_url())


def user_detail_context(user, request) -> dict:
    return {
        "is_locked_out": actions.is_locked_out(user),
        "has_two_factor": actions.has_two_factor(user),
        "can_manage_credentials": may_manage(request.user, user),
    }

"""State changes on accounts: each a keyword-only function with an explicit actor, in one transaction.

Credentials of another account (password, authenticator, lockout) change only here, only when the actor's
privileges cover the account's (``privileges.may_manage``), and each change is a chained legal event. An actor
of ``None`` is the operator at the server's command line (break-glass), named "(명령행)" in the chain.
"""

from __future__ import annotations

import datetime as dt
import logging

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from itms.audit.chain import record_event
from itms.audit.models import LegalEventKind
from itms.core.errors import Forbidden, Refused

from .error_codes import AccountErrors
from .models import User
from .privileges import may_manage

COMMAND_LINE = "(명령행)"
log = logging.getLogger(__name__)


def require_may_manage(actor: User | None, user: User) -> None:
    """Refuses a change of ``user``'s credentials by an actor with fewer privileges (None: the command line)."""
    if actor is not None and not may_manage(actor, user):
        raise Forbidden(AccountErrors.MORE_PRIVILEGED)


def _record(kind: str, *, actor: User | None, user: User, summary: str, payload: dict) -> None:
    record_event(
        kind=kind,
        actor=actor,
        actor_name="" if actor is not None else COMMAND_LINE,
        subject=user,
        summary=summary,
        payload=payload,
    )


# --- lockout -------------------------------------------------------------------------------------------


def cool_off() -> dt.timedelta | None:
    return get_cool_off()


def is_locked_out(user: User, address: str | None = None) -> bool:
    """Is a lock in force on the account — from ``address`` only, or from any address when none is given?"""
    attempts = AccessAttempt.objects.filter(
        username=user.username, failures_since_start__gte=settings.AXES_FAILURE_LIMIT
    )
    if address is not None:
        attempts = attempts.filter(ip_address=address)
    period = cool_off()
    if period is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - period)
    return attempts.exists()


@transaction.atomic
def unlock_user(*, actor: User | None, user: User, os_user: str = "") -> int:
    """An administrator (or the break-glass command, ``os_user`` running it) lifts a lockout early; chained."""
    require_may_manage(actor, user)
    removed = axes_reset(username=user.username)
    payload = {"attempt_records_removed": removed}
    if actor is None:
        payload["os_user"] = os_user
    _record(
        LegalEventKind.ACCOUNT_UNLOCKED,
        actor=actor,
        user=user,
        summary=f"{user} 계정 잠금 해제" + (" (명령행)" if actor is None else ""),
        payload=payload,
    )
    return removed


# --- password and the active flag ---------------------------------------------------------------------


@transaction.atomic
def set_password(*, actor: User | None, user: User, password: str) -> None:
    """Someone sets another person's password (forgotten password, new account handed over); chained."""
    require_may_manage(actor, user)
    user.set_password(password)
    user.save()
    if actor is None or actor.pk != user.pk:
        _record(
            LegalEventKind.PASSWORD_SET,
            actor=actor,
            user=user,
            summary=f"{user} 비밀번호 재설정",
            payload={"by_self": False},
        )


def active_flag_changed(*, actor: User | None, user: User) -> None:
    """The account was deactivated or reactivated (by whichever surface); chained, tokens revoked on stop."""
    if user.is_active:
        _record(
            LegalEventKind.ACCOUNT_REACTIVATED, actor=actor, user=user, summary=f"{user} 계정 사용 재개", payload={}
        )
        return
    revoked, _ = Token.objects.filter(user=user).delete()
    _record(
        LegalEventKind.ACCOUNT_DEACTIVATED,
        actor=actor,
        user=user,
        summary=f"{user} 계정 사용 중지",
        payload={"tokens_revoked": revoked},
    )


# --- API tokens ----------------------------------------------------------------------------------------


@transaction.atomic
def issue_token(*, user: User) -> Token:
    """A new API token for the user themself; the old one stops working at once."""
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


# --- two-factor authentication -------------------------------------------------------------------------


@transaction.atomic
def reset_two_factor(*, actor: User | None, user: User) -> int:
    """Removes a user's authenticator (lost phone); they set up a new one at their next login. Chained."""
    require_may_manage(actor, user)
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    _record(
        LegalEventKind.TWO_FACTOR_RESET,
        actor=actor,
        user=user,
        summary=f"{user} 2단계 인증 초기화",
        payload={"devices_removed": deleted},
    )
    return deleted


def pending_device(user: User) -> TOTPDevice:
    """The unconfirmed authenticator being set up (created on first call)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="OTP 앱", confirmed=False)


def enrol_two_factor(*, user: User, token: str, current_token: str = "") -> TOTPDevice | None:
    """Confirms the pending authenticator with a code from it; None if that code is wrong.

    When the user already has an authenticator, a code from it is required too (``Refused`` otherwise): a
    session alone — left open, or signed in some other way — must not be enough to take over the second
    factor. A lost authenticator is reset by an administrator (``reset_two_factor``, chained) instead.
    The old code is checked outside the transaction, so django-otp's throttling of wrong codes is kept.
    """
    if has_two_factor(user) and (not current_token or match_token(user, current_token) is None):
        raise Refused(AccountErrors.CURRENT_CODE_REQUIRED, field="current_token")
    return _confirm_pending_device(user=user, token=token)


@transaction.atomic
def _confirm_pending_device(*, user: User, token: str) -> TOTPDevice | None:
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token):
        return None
    replaced = 0
    for old in TOTPDevice.objects.filter(user=user, confirmed=True):
        old.delete()  # one by one, so the change log records each removal
        replaced += 1
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record_event(
        kind=LegalEventKind.TWO_FACTOR_ENROLLED,
        actor=user,
        subject=user,
        summary=f"{user} 2단계 인증 {'기기 교체' if replaced else '등록'}",
        payload={"device_id": device.pk, "replaced": replaced},
    )
    return device


def has_two_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_administrator(user: User) -> bool:
    from .directory import holds
    from .roles import Role

    return user.is_superuser or holds(user, Role.SYSTEM_ADMINISTRATOR)

"""State changes on accounts: each a keyword-only function with an explicit actor, in one transaction."""

from __future__ import annotations

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from itms.audit.chain import record_event
from itms.audit.models import LegalEventKind

from .models import User


def is_locked_out(user: User) -> bool:
    return AccessAttempt.objects.filter(
        username=user.username, failures_since_start__gte=settings.AXES_FAILURE_LIMIT
    ).exists()


@transaction.atomic
def unlock_user(*, actor: User, user: User) -> int:
    """An administrator lifts a lockout after repeated failed logins; the unlock is chained."""
    removed = axes_reset(username=user.username)
    record_event(
        kind=LegalEventKind.ACCOUNT_UNLOCKED,
        actor=actor,
        subject=user,
        summary=f"{user} 계정 잠금 해제",
        payload={"attempt_records_removed": removed},
    )
    return removed


@transaction.atomic
def reset_two_factor(*, actor: User, user: User) -> int:
    """Removes a user's authenticator (lost phone); they set up a new one at their next login."""
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    record_event(
        kind=LegalEventKind.TWO_FACTOR_RESET,
        actor=actor,
        subject=user,
        summary=f"{user} 2단계 인증 초기화",
        payload={"devices_removed": deleted},
    )
    return deleted


def pending_device(user: User) -> TOTPDevice:
    """The unconfirmed authenticator being set up (created on first call)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="OTP 앱", confirmed=False)


@transaction.atomic
def confirm_two_factor(*, user: User, token: str) -> TOTPDevice | None:
    """Confirms the pending authenticator with a code from it; None if the code is wrong."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device


def has_two_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_administrator(user: User) -> bool:
    from .directory import holds
    from .roles import Role

    return user.is_superuser or holds(user, Role.SYSTEM_ADMINISTRATOR)

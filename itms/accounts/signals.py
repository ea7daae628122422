"""Who holds which role is a legal fact: a change of role binding or posting goes into the hash chain.

Votes, signatures and deadlines follow positions (ADR 0003), so the record of who held a position, and
which position carried a role, must be as tamper-evident as the votes themselves. The change log keeps
the field-level before/after; the chain keeps that it happened, by whom, and under which clauses.

Signals, not an action: bindings and postings are edited through the generic pages, the API, the Django
admin and the demo seed, and one receiver covers them all.
"""

from __future__ import annotations

from itms.audit.chain import record_event
from itms.audit.models import LegalEventKind
from itms.core.middleware import current_user

from .models import Assignment, AssignmentKind, RoleBinding, User
from .roles import ROLE_INFO, Role

# created (post_save True/False, post_delete None) → what the payload and the summary say
_ACTIONS = {True: ("created", "지정"), False: ("changed", "변경"), None: ("deleted", "해제")}


def _record(instance, created: bool | None, summary: str, payload: dict, clause_ids) -> None:
    action, label = _ACTIONS[created]
    record_event(
        kind=LegalEventKind.ROLE_CHANGED,
        summary=f"{summary} {label}",
        actor=current_user(),
        subject=instance,
        payload={"action": action, **payload},
        clause_ids=clause_ids,
    )


def role_binding_changed(sender, instance: RoleBinding, created: bool | None = None, raw=False, **kwargs) -> None:
    if raw:
        return
    role = Role(instance.role)
    _record(
        instance,
        created,
        f"역할 {role.label} ← {instance.position}",
        {"role": instance.role, "position_id": instance.position_id, "scope_unit_id": instance.scope_unit_id},
        ROLE_INFO[role].clause_ids,
    )


def assignment_changed(sender, instance: Assignment, created: bool | None = None, raw=False, **kwargs) -> None:
    if raw:
        return
    acting = instance.kind == AssignmentKind.ACTING
    _record(
        instance,
        created,
        f"{'직무대행' if acting else '보직'} {instance.user.name} — {instance.position}",
        {
            "kind": instance.kind,
            "user_id": instance.user_id,
            "position_id": instance.position_id,
            "start_date": instance.start_date,
            "end_date": instance.end_date,
            "reason": instance.reason,
        },
        ("a4.7",) if acting else (),
    )


# --- credentials: the active flag and lockouts ------------------------------------------------------------
# An account is deactivated through the user page, the user API or the Django shell alike; one receiver pair
# chains every flip of ``is_active`` (with the actor of the request) and revokes the API tokens of a stopped
# account. Full saves only read the old flag (``update_last_login`` saves ``last_login`` alone).


def _remember_active_flag(sender, instance: User, raw=False, update_fields=None, **kwargs) -> None:
    if raw or instance._state.adding or (update_fields is not None and "is_active" not in update_fields):
        return
    instance._itms_was_active = sender._base_manager.filter(pk=instance.pk).values_list("is_active", flat=True).first()


def _active_flag_changed(sender, instance: User, created=False, raw=False, **kwargs) -> None:
    was_active = instance.__dict__.pop("_itms_was_active", None)
    if raw or created or was_active is None or was_active == instance.is_active:
        return
    from .actions import active_flag_changed

    active_flag_changed(actor=current_user(), user=instance)


def connect() -> None:
    from django.db.models.signals import post_delete, post_save, pre_save

    for model, handler in ((RoleBinding, role_binding_changed), (Assignment, assignment_changed)):
        post_save.connect(handler, sender=model, dispatch_uid=f"role_changed_{model.__name__}")
        # post_delete passes no ``created``: the handler's default None means "deleted".
        post_delete.connect(handler, sender=model, dispatch_uid=f"role_changed_{model.__name__}_deleted")
    pre_save.connect(_remember_active_flag, sender=User, dispatch_uid="account_active_flag_before")
    post_save.connect(_active_flag_changed, sender=User, dispatch_uid="account_active_flag_changed")


def log_device_changes() -> None:
    """Authenticators enter the change log (who added, confirmed or removed one), never their secret key.

    settings leaves django-otp's tables out of the automatic log (AUDITLOG_EXCLUDE_TRACKING_MODELS) because of
    the key; registering the device here with the harmless fields only brings it back.
    """
    from auditlog.registry import auditlog
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not auditlog.contains(TOTPDevice):
        auditlog.register(TOTPDevice, include_fields=["user", "name", "confirmed"])

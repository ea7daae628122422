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

from .models import Assignment, AssignmentKind, RoleBinding
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


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    for model, handler in ((RoleBinding, role_binding_changed), (Assignment, assignment_changed)):
        post_save.connect(handler, sender=model, dispatch_uid=f"role_changed_{model.__name__}")
        # post_delete passes no ``created``: the handler's default None means "deleted".
        post_delete.connect(handler, sender=model, dispatch_uid=f"role_changed_{model.__name__}_deleted")

"""What Chapter 4's actions share: who is who for a project, logging refused attempts, running a transition."""

from __future__ import annotations

import functools
import logging

from django.core.exceptions import PermissionDenied, ValidationError

from itms.accounts.directory import holds, unit_with_descendants, units_of
from itms.accounts.roles import Role
from itms.core.errors import Code, Forbidden, Refused, describe
from itms.regulation.workflows import Blocked, TransitionError

from ..error_codes import AcquisitionErrors as E

# Every refused attempt (bad input, wrong actor, wrong state, a race lost) is logged here, after its transaction
# rolled back: the attempt is on record, and the data is as it was.
refusals = logging.getLogger("itms.acquisition.refusals")


def logs_refusals(func):
    """Log a refusal of the action (who, what, the code and the clause) and raise it unchanged."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (ValidationError, PermissionDenied, TransitionError) as error:
            actor = kwargs.get("actor")
            info = describe(error) if not isinstance(error, TransitionError) else error.as_dict()
            refusals.warning(
                "거부됨 %s — %s: %s [%s %s]",
                func.__name__,
                getattr(actor, "username", "-"),
                info.get("message"),
                info.get("code"),
                info.get("clause"),
                extra={"action": func.__name__, "actor": getattr(actor, "pk", None), "refusal": info},
            )
            raise

    return wrapper


def is_sponsor(user, project) -> bool:
    """The user works in the sponsoring (or a co-performing) department, or a unit above it (a2.0.8)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    mine = unit_with_descendants(units_of(user))
    return project.sponsor_unit_id in mine or project.co_units.filter(pk__in=mine).exists()


def is_it_planning(user) -> bool:
    return getattr(user, "is_authenticated", False) and (user.is_superuser or holds(user, Role.IT_PLANNING_OFFICER))


def is_security_officer(user) -> bool:
    return getattr(user, "is_authenticated", False) and (user.is_superuser or holds(user, Role.SECURITY_OFFICER))


def require_sponsor(user, project) -> None:
    if not (is_sponsor(user, project) or is_it_planning(user)):
        raise Forbidden(E.SPONSOR_ONLY)


def run(obj, name: str, *, actor, data: dict | None = None, override_reason: str = "", internal: bool = False):
    """``Workflow.execute``; its refusals (TransitionError) become a ValidationError/PermissionDenied the views show."""
    try:
        return type(obj).workflow.execute(
            obj, name, actor=actor, data=data, override_reason=override_reason, internal=internal
        )
    except Blocked as blocked:
        first = blocked.guards[0]
        raise Refused(Code(first.clause_id, first.message, code=first.code, status=409), str(blocked)) from blocked
    except TransitionError as error:
        if error.status == 403:
            raise PermissionDenied(error.message_text) from error
        raise Refused(error.error_code, error.message_text) from error

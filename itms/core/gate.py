"""The one access gate (DESIGN.md §8): may this user read, add, change or delete this record, and if not, why.

Every surface asks here — the generic pages, the hand-written views, the API viewsets, the links and buttons
in templates — so the screen and the API can never disagree. Three questions, in this order:

1. **role**: does the access policy (``<app>/access.py``) grant ``<app>.<action>_<model>`` to one of the
   user's roles? If not: 403.
2. **object**: is the record inside the user's scope for the action (``restrict(user, action)``)? Outside
   what they may even see: 404, so its existence is not revealed; visible but outside the action's scope: 403.
3. **state**: does the record's condition for the action hold (``ObjectType.conditions``, e.g. "still a
   draft")? If not: refused with the condition's code and clause (the API answers 409).

and, for writes, **which fields** this user may write: the fields of the type's form, less those fixed after
creation and those the type narrows per user (``writable_fields``). Workflow state and the project's stage are
in no form: only the workflow engine writes them.
"""

from __future__ import annotations

from django.db import models
from django.http import Http404

from . import registry
from .errors import CoreErrors, Forbidden
from .registry import ObjectType

NOT_FOUND = "자료를 찾을 수 없습니다."


def object_type_of(obj_or_model) -> ObjectType | None:
    return registry.get(obj_or_model if isinstance(obj_or_model, str) else obj_or_model._meta.model)


def require_permission(user, object_type: ObjectType, action: str) -> None:
    """Question 1: the role policy, for the type as a whole."""
    if not (user and user.is_authenticated and user.has_perm(object_type.permission(action))):
        raise Forbidden(CoreErrors.NOT_PERMITTED)


def require_condition(object_type: ObjectType, action: str, obj: models.Model) -> None:
    """Question 3: the record's state allows the action."""
    condition = object_type.conditions.get(action)
    if condition is not None and not condition.check(obj):
        raise Forbidden(condition.code)


def fetch(user, object_type: ObjectType, action: str, pk, *, queryset=None) -> models.Model:
    """The record ``pk`` for ``action``, or the refusal (403, 404, or the condition's code)."""
    require_permission(user, object_type, action)
    base = queryset if queryset is not None else object_type.base_queryset()
    try:
        obj = base.restrict(user, action).filter(pk=pk).first()
    except (TypeError, ValueError):
        obj = None  # not an id at all (…/abc/): no such record
    if obj is None:
        if action != "view" and _visible(user, object_type, pk):
            raise Forbidden(CoreErrors.NOT_PERMITTED, "이 자료를 변경할 권한이 없습니다.")
        raise Http404(NOT_FOUND)
    require_condition(object_type, action, obj)
    return obj


def _visible(user, object_type: ObjectType, pk) -> bool:
    try:
        return object_type.base_queryset().restrict(user, "view").filter(pk=pk).exists()
    except (TypeError, ValueError):
        return False


def require_saved_in_scope(user, object_type: ObjectType, action: str, obj: models.Model) -> None:
    """After a write, inside its transaction: the row must still be inside the user's scope (else roll back).

    This is what stops a user in 통관기획과 from moving a project to another department by editing its unit.
    """
    if not object_type.model._default_manager.restrict(user, action).filter(pk=obj.pk).exists():
        raise Forbidden(CoreErrors.OUT_OF_SCOPE)


def allows(user, action: str, obj: models.Model) -> bool:
    """All three questions for one record, as a yes/no (buttons, links, the detail page)."""
    object_type = object_type_of(obj)
    if object_type is None or not getattr(user, "is_authenticated", False):
        return False
    if not user.has_perm(object_type.permission(action)):
        return False
    if not _in_scope(user, action, object_type, obj):
        return False
    condition = object_type.conditions.get(action)
    return condition is None or bool(condition.check(obj))


def _in_scope(user, action: str, object_type, obj: models.Model) -> bool:
    """Whether the record is inside the user's scope for the action.

    A user whose scope is the whole table (no condition) needs no query. A view answer is kept on the user object,
    which lives for one request, so a page linking the same project from ten agenda items asks once.
    """
    memo = user.__dict__.setdefault("_itms_scope_memo", {})
    key = (object_type.label, action, obj.pk)
    if action == "view" and key in memo:  # answered already, or by note_visible for the whole page
        return memo[key]
    scoped = object_type.model._default_manager.restrict(user, action)
    if not scoped.query.where:
        return True
    if action != "view":  # a write's scope may follow the record's state: asked every time
        return scoped.filter(pk=obj.pk).exists()
    memo[key] = scoped.filter(pk=obj.pk).exists()
    return memo[key]


def note_visible(user, rows) -> None:
    """Answers the view question for a page of records of one type at once (one query), for the links the page
    then draws (``allows`` reads the same per-request memo): a list of rows the user may or may not open."""
    rows = [row for row in rows if row is not None]
    if not rows or not getattr(user, "is_authenticated", False):
        return
    object_type = object_type_of(rows[0])
    if object_type is None:
        return
    scoped = object_type.model._default_manager.restrict(user, "view")
    if scoped.query.where:
        visible = set(scoped.filter(pk__in=[row.pk for row in rows]).values_list("pk", flat=True))
    else:
        visible = {row.pk for row in rows}  # an unscoped view (every row): no query, and no check per link either
    memo = user.__dict__.setdefault("_itms_scope_memo", {})
    for row in rows:
        memo[(object_type.label, "view", row.pk)] = row.pk in visible


def refusal(user, action: str, obj: models.Model) -> str:
    """Why ``allows`` says no, in Korean ("" when it says yes)."""
    object_type = object_type_of(obj)
    try:
        if object_type is None:
            raise Forbidden(CoreErrors.NOT_PERMITTED)
        fetch(user, object_type, action, obj.pk)
    except Forbidden as refused:
        return refused.message_text
    except Http404:
        return NOT_FOUND
    return ""


def writable_fields(object_type: ObjectType, user, obj: models.Model | None = None) -> frozenset[str]:
    """The fields ``user`` may write on ``obj`` (or on a new record): the same set for the form and the API."""
    fields = set(object_type.form_fields())
    if obj is not None and obj.pk:
        fields -= set(object_type.fixed_after_create)
    if object_type.writable is not None:
        fields &= set(object_type.writable(user, obj))
    return frozenset(fields)

"""Declarative workflows: states, transitions, who may take them, guards citing clauses, effects.

A process model declares its workflow once:

    class ImpactReview(models.Model):
        state = models.CharField(max_length=20, default="requested")
        workflow = Workflow(
            states={"requested": "요청", "answered": "회신"},
            transitions=[
                Transition(
                    "answer", "회신", source=("requested",), target="answered",
                    roles=(Role.IT_DEPARTMENT_HEAD,), may=lambda user, review: ...,
                    guards=(Guard("a8.5", "검토 의견을 입력해야 회신할 수 있습니다", lambda review, ctx: ...),),
                    effects=(meet("impact_review_reply"),),
                    clause_ids=("a8.5",),
                ),
            ],
        )

and ``register_workflow(ImpactReview)``. One generic view and one API endpoint run every
transition: the actor is checked, the row is locked and its state re-read (a second,
concurrent taker gets a Korean conflict message), guards are evaluated (a failing guard
blocks with its clause and message unless the directive allows an exception and an
authorised user gives a reason — then the override goes into the hash chain), the state is
set, the effects run and a chained audit entry records the clause ids and the rule-pack
version. Everything happens in one transaction: a refusal changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction

from itms.accounts.roles import Role
from itms.core import exercised
from itms.core.errors import Code, CodedError, ErrorCodes, Forbidden
from itms.core.korean import josa

from .citations import cite

Check = Callable[[Any, dict], bool]


class WorkflowErrors(ErrorCodes):
    namespace = "workflow"
    UNKNOWN = Code("", "알 수 없는 절차입니다: {name}", status=404)
    NOT_APPLICABLE = Code("", "이 자료에는 '{label}' 절차가 없습니다.", status=409)
    CONFLICT = Code(
        "",
        "{action} 수 없습니다: 현재 상태가 '{state}'입니다. 다른 사용자가 먼저 처리했을 수 있으니 화면을 새로 고치십시오.",
        status=409,
    )
    NOT_PERMITTED = Code("", "{what} {who}만 할 수 있습니다.", status=403)
    INTERNAL_ONLY = Code("", "{what} {via}에 따라서만 진행됩니다.", status=409)
    BLOCKED = Code("", "{reasons}", status=409)
    INVALID_INPUT = Code("", "입력 내용을 확인하십시오: {errors}")


@dataclass(frozen=True)
class Guard:
    """A condition a transition needs, with the clause it enforces and a Korean reason when it fails."""

    clause_id: str
    message: str
    check: Check
    # The directive allows exceptions here (e.g. a15.4 "긴급성·보안 및 특수성"): who may override, with a reason.
    override_roles: tuple[Role, ...] = ()
    # Stable code for API clients ("<app>.<model>.<transition>.<clause>"); given by register_workflow.
    code: str = ""

    @property
    def overridable(self) -> bool:
        return bool(self.override_roles)

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "clause": self.clause_id}


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    source: tuple[str, ...]
    target: str
    roles: tuple[Role, ...] = ()
    # Object-level condition on the actor (e.g. "heads the sponsoring department of this project").
    may: Callable[[Any, Any], bool] | None = None
    guards: tuple[Guard, ...] = ()
    effects: tuple[Callable[[Any, dict], None], ...] = ()
    clause_ids: tuple[str, ...] = ()
    # What the actor fills in (a reason, a date …): a Django form; its cleaned data is ctx["data"].
    form: type | None = None
    # Whether the transition applies to this object at all (e.g. only to written meetings); hidden if not.
    when: Callable[[Any], bool] | None = None
    button: str = "primary"
    # Who may take it, in words, for refusals ("사업추진부서"); default: the roles' names.
    actor_label: str = ""
    # Taken only by the system, as the effect of another record (e.g. the council's resolution, a8.8): not
    # offered on screen or through the API; ``via`` says what drives it.
    internal: bool = False
    via: str = ""

    def who(self) -> str:
        if self.actor_label:
            return self.actor_label
        names = [str(Role(role).label) for role in self.roles]
        return "·".join(names) if names else "담당자"


class TransitionError(CodedError, Exception):
    """A refusal of the engine: a code, a Korean message and (for guards) the clause. Nothing was changed."""

    def __init__(self, error_code: Code, message: str | None = None, **params):
        self.error_code = error_code
        self.message_text = message or error_code.text(**params)
        super().__init__(self.message_text)

    @property
    def status(self) -> int:
        return self.error_code.status


class Conflict(TransitionError):
    """The object moved on meanwhile (another user took a transition first)."""


class Blocked(TransitionError):
    def __init__(self, guards: list[Guard]):
        self.guards = guards
        super().__init__(WorkflowErrors.BLOCKED, reasons=" / ".join(g.message for g in guards))

    @property
    def clause(self) -> str:
        return self.guards[0].clause_id if self.guards else ""

    def as_dict(self) -> dict:
        first = self.guards[0] if self.guards else None
        return {
            "code": first.code if first else self.error_code.code,
            "message": self.message_text,
            "clause": self.clause,
            "guards": [g.as_dict() for g in self.guards],
        }


# Called after every transition, inside its transaction: f(obj, transition, ctx) -> dict | None. What a hook
# returns goes into the chained TRANSITION event (e.g. the project's stage that followed, itms.projects.stage).
AFTER_TRANSITION: list[Callable[[Any, Transition, dict], dict | None]] = []


def after_transition(hook: Callable[[Any, Transition, dict], dict | None]):
    if hook not in AFTER_TRANSITION:
        AFTER_TRANSITION.append(hook)
    return hook


@dataclass
class TransitionStatus:
    transition: Transition
    allowed: bool  # the user may take it (role and object-level condition)
    blocking: list[Guard] = field(default_factory=list)
    can_override: bool = False

    @property
    def available(self) -> bool:
        return self.allowed and not self.blocking


class Workflow:
    def __init__(
        self,
        *,
        states: dict[str, str],
        transitions: Iterable[Transition],
        field: str = "state",
        related: Iterable[str] = (),
    ):
        self.states = dict(states)
        self.transitions = {t.name: t for t in transitions}
        self.field = field
        # The foreign keys its ``may`` checks walk, joined when many records are asked at once (the work list).
        self.related = tuple(related)
        for t in self.transitions.values():
            unknown = {*t.source, t.target} - set(self.states)
            if unknown:
                raise ValueError(f"전이 '{t.name}'에 정의되지 않은 상태가 있습니다: {sorted(unknown)}")
            cite(f"전이 {t.name}", *t.clause_ids)
            for guard in t.guards:
                cite(f"요건 {t.name}", guard.clause_id)

    def state_of(self, obj) -> str:
        return getattr(obj, self.field)

    def state_label(self, obj) -> str:
        return self.states.get(self.state_of(obj), self.state_of(obj))

    # --- questions --------------------------------------------------------------------------------------
    def user_may(self, transition: Transition, user, obj) -> bool:
        from itms.accounts.directory import roles_of

        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return False
        if not user.is_superuser:
            held = {g.role for g in roles_of(user)}
            if transition.roles and not held.intersection(transition.roles):
                return False
        return transition.may is None or bool(transition.may(user, obj))

    def _failing(self, transition: Transition, obj, ctx: dict) -> Iterator[Guard]:
        for guard in transition.guards:
            exercised.note("guard", guard.code)
            if not guard.check(obj, ctx):
                yield guard

    def failing_guards(self, transition: Transition, obj, ctx: dict) -> list[Guard]:
        return list(self._failing(transition, obj, ctx))

    def blocked(self, transition: Transition, obj, ctx: dict) -> bool:
        """Whether any guard fails, asked until the first that does (the work list needs no more)."""
        return next(self._failing(transition, obj, ctx), None) is not None

    def may_override(self, guards: list[Guard], user) -> bool:
        from itms.accounts.directory import roles_of

        if not guards or not all(g.overridable for g in guards):
            return False
        held = {g.role for g in roles_of(user)}
        return all(user.is_superuser or held.intersection(g.override_roles) for g in guards)

    def statuses(self, obj, user) -> list[TransitionStatus]:
        """The transitions from the current state, each with whether the user may take it and what blocks it."""
        state = self.state_of(obj)
        ctx = {"actor": user, "data": {}}
        result = []
        for transition in self.transitions.values():
            if transition.internal or state not in transition.source or (transition.when and not transition.when(obj)):
                continue
            blocking = self.failing_guards(transition, obj, ctx)
            allowed = self.user_may(transition, user, obj)
            result.append(
                TransitionStatus(transition, allowed, blocking, allowed and self.may_override(blocking, user))
            )
        return result

    # --- the one way to move ------------------------------------------------------------------------------
    def execute(
        self, obj, name: str, *, actor, data: dict | None = None, override_reason: str = "", internal: bool = False
    ):
        """Take a transition. ``internal=True`` only from the code that drives an internal transition."""
        from itms.audit.chain import record_event
        from itms.audit.models import LegalEventKind

        from .rules import pack_in_force

        transition = self.transitions.get(name)
        if transition is None:
            raise TransitionError(WorkflowErrors.UNKNOWN, name=name)
        what = josa(f"'{transition.label}'", "은/는")
        if transition.internal and not internal:
            raise TransitionError(WorkflowErrors.INTERNAL_ONLY, what=what, via=transition.via or "다른 절차")
        with transaction.atomic():
            # Lock the row and re-read its state: a concurrent taker waits here, then sees the new state.
            # NO KEY UPDATE (the row is updated, never deleted or re-keyed) leaves FOR KEY SHARE free: the
            # foreign-key check of a transaction holding the chain head must not wait for this lock.
            locked = type(obj)._default_manager.select_for_update(no_key=True, of=("self",)).get(pk=obj.pk)
            state = self.state_of(locked)
            if transition.when and not transition.when(locked):
                raise TransitionError(WorkflowErrors.NOT_APPLICABLE, label=transition.label)
            if state not in transition.source:
                raise Conflict(
                    WorkflowErrors.CONFLICT,
                    action=josa(f"'{transition.label}'", "을/를") + " 할",
                    state=self.states.get(state, state),
                )
            if not transition.internal and not self.user_may(transition, actor, locked):
                raise Forbidden(WorkflowErrors.NOT_PERMITTED, what=what, who=transition.who())
            ctx = {"actor": actor, "data": data or {}, "transition": transition, "from_state": state}
            blocking = self.failing_guards(transition, locked, ctx)
            if blocking:
                if not (override_reason.strip() and self.may_override(blocking, actor)):
                    raise Blocked(blocking)
                record_event(
                    kind=LegalEventKind.GUARD_OVERRIDDEN,
                    actor=actor,
                    subject=locked,
                    summary=f"요건 예외 승인: {transition.label}",
                    payload={
                        "transition": name,
                        "reason": override_reason.strip(),
                        "guards": [{"clause_id": g.clause_id, "message": g.message} for g in blocking],
                    },
                    clause_ids=[g.clause_id for g in blocking],
                    pack_version=pack_in_force().version_label,
                )
            if transition.form is not None:
                # Whoever calls (a view, the API, a command, another action) gives what the step's form asks for.
                form = transition.form(data or {})
                if not form.is_valid():
                    errors = "; ".join(
                        f"{form.fields[f].label if f in form.fields else ''} {' '.join(e)}".strip()
                        for f, e in form.errors.items()
                    )
                    raise TransitionError(WorkflowErrors.INVALID_INPUT, errors=errors)
                ctx["data"] = data = form.cleaned_data
            exercised.note("transition", f"{locked._meta.label_lower}.{name}")
            setattr(locked, self.field, transition.target)
            locked.save()
            for effect in transition.effects:
                effect(locked, ctx)
            followed = {}
            for hook in AFTER_TRANSITION:
                followed.update(hook(locked, transition, ctx) or {})
            record_event(
                kind=LegalEventKind.TRANSITION,
                actor=actor,
                subject=locked,
                summary=f"{transition.label}: {self.states.get(state, state)} → {self.states[transition.target]}",
                payload={
                    "transition": name,
                    "from": state,
                    "to": transition.target,
                    "data": {k: str(v) for k, v in (data or {}).items()},
                    **followed,
                },
                clause_ids=list(transition.clause_ids),
                pack_version=pack_in_force().version_label,
            )
        return locked


WORKFLOW_MODELS: dict[str, type[models.Model]] = {}


def register_workflow(model: type[models.Model]) -> type[models.Model]:
    """Makes a model's transitions reachable through the generic view and API (usable as a decorator)."""
    workflow = getattr(model, "workflow", None)
    if not isinstance(workflow, Workflow):
        raise TypeError(f"{model.__name__}에 workflow가 없습니다.")
    WORKFLOW_MODELS[model._meta.label_lower] = model
    for transition in workflow.transitions.values():
        seen: dict[str, int] = {}
        for guard in transition.guards:
            if not guard.code:
                seen[guard.clause_id] = seen.get(guard.clause_id, 0) + 1
                suffix = f".{seen[guard.clause_id]}" if seen[guard.clause_id] > 1 else ""
                code = f"{model._meta.label_lower}.{transition.name}.{guard.clause_id}{suffix}"
                object.__setattr__(guard, "code", code)
    return model


def workflow_fields() -> set[tuple[type[models.Model], str]]:
    """(model, field) of every workflow state: written only by ``Workflow.execute``."""
    return {(model, model.workflow.field) for model in WORKFLOW_MODELS.values()}


def workflow_model(app_label: str, model_name: str) -> type[models.Model] | None:
    return WORKFLOW_MODELS.get(f"{app_label}.{model_name}")

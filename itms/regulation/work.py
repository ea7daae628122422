"""What is waiting for a user (내 할 일): records whose workflow offers them their next step, each with its deadline.

Every registered workflow counts. A transition is work for a user when they may take it (its roles, then its
``may`` on the record: ``Workflow.user_may``) on a record in one of its source states that they may see. An app
may say which of its transitions are work and for whom, so that the list stays short and cheap::

    register_work(ImpactReview, Work("reply", scope=lambda user, qs: qs.filter(it_unit__in=...)), Work("reflect", …))

``scope`` narrows the candidates in SQL before ``may`` is asked per record (a filter on rows: the steps that share
one are asked together); ``ready`` lists the step only once no
guard blocks it (e.g. the EA review begins when every impact review is in: until then it waits on others).
A workflow without a registration counts every transition it offers on screen (not ``internal`` ones).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Q

from itms.core import registry
from itms.core.querysets import scope_condition

from .due import current, obligations_of, record_key
from .workflows import WORKFLOW_MODELS

# At most this many candidate records per workflow type are checked, and this many items listed in all.
PER_TYPE = 30
MAX_ITEMS = 50


@dataclass(frozen=True)
class Work:
    transition: str
    scope: Callable | None = None  # f(user, queryset) -> queryset: the records this user could act on
    ready: bool = False  # only when no guard blocks the step


WORK: dict[str, dict[str, Work]] = {}


def register_work(model, *works: Work) -> None:
    WORK[model._meta.label_lower] = {work.transition: work for work in works}


@dataclass
class WorkItem:
    record: object
    actions: list[str] = field(default_factory=list)  # the labels of the steps the user may take
    due: object = None  # the open obligation the record works to

    @property
    def url(self) -> str:
        return self.record.get_absolute_url()

    @property
    def kind(self) -> str:
        return str(self.record._meta.verbose_name)


def _works(label: str, workflow) -> list[Work]:
    declared = WORK.get(label)
    if declared is not None:
        return [w for w in declared.values() if w.transition in workflow.transitions]
    return [Work(t.name) for t in workflow.transitions.values() if not t.internal]


def _candidates(user, base, field: str, states: set, scoped: dict[Callable, set]):
    """The records in a step's source state, narrowed by the step's scope where it has one.

    A scope is a filter on rows, so the steps sharing it are asked once with their states together (a meeting's
    six steps of the secretariat were six subqueries). With one scope and no other step, it narrows the list's own
    query; otherwise the union of the conditions, visibility once around it.
    """
    if not states and len(scoped) == 1:
        ((scope, sources),) = scoped.items()
        return scope(user, base.filter(**{f"{field}__in": sorted(sources)}))
    conditions = [Q(**{f"{field}__in": sorted(states)})] if states else []
    manager = base.model._default_manager
    for scope, sources in scoped.items():
        conditions.append(Q(pk__in=scope(user, manager.filter(**{f"{field}__in": sorted(sources)})).values("pk")))
    return base.filter(reduce(or_, conditions))


def waiting_for(user) -> tuple[list[WorkItem], bool]:
    """(items, more): the records waiting for this user's step, earliest deadline first (those without one last).

    Queries: per workflow type one for the candidates plus what its ``may`` checks ask, then one for all the
    deadlines. Superusers (technical administrators) are waited for by nobody.
    """
    from itms.accounts.directory import roles_of

    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return [], False
    held = {grant.role for grant in roles_of(user)}
    items: list[WorkItem] = []
    for label, model in WORKFLOW_MODELS.items():
        workflow = model.workflow
        object_type = registry.get(model)
        manager = model._default_manager
        if not hasattr(manager, "restrict"):
            continue
        works = []
        states = set()  # the source states of the steps without a scope: one condition for all of them
        scoped: dict[Callable, set] = {}  # scope -> the source states of the steps it narrows
        for work in _works(label, workflow):
            transition = workflow.transitions[work.transition]
            if transition.internal or (transition.roles and not held.intersection(transition.roles)):
                continue
            if not transition.roles and transition.may is None and work.scope is None:
                continue  # a step anyone may take is nobody's duty
            works.append((work, transition))
            if work.scope is None:
                states.update(transition.source)
            else:
                scoped.setdefault(work.scope, set()).update(transition.source)
        visible = scope_condition(model, user, "view") if works else None
        if visible is None:
            continue
        base = object_type.base_queryset() if object_type is not None else manager.all()
        if workflow.related:
            base = base.select_related(*workflow.related)
        # In no particular order: the items are sorted by deadline below, and the list's own order (deliverables by
        # contract) made PostgreSQL walk every contract instead of the state index (15 ms → 3 ms at S = 1.0).
        candidates = _candidates(user, base, workflow.field, states, scoped).filter(visible).order_by()
        seen = set()
        for record in candidates[:PER_TYPE]:
            if record.pk in seen:
                continue
            seen.add(record.pk)
            state = workflow.state_of(record)
            labels = []
            for work, transition in works:
                if state not in transition.source or (transition.when and not transition.when(record)):
                    continue
                if not workflow.user_may(transition, user, record):
                    continue
                if work.ready and workflow.blocked(transition, record, {"actor": user, "data": {}}):
                    continue
                labels.append(transition.label)
            if labels:
                items.append(WorkItem(record, list(dict.fromkeys(labels))))
    dues = obligations_of([item.record for item in items], user, open_only=True)
    for item in items:
        item.due = current(dues.get(record_key(item.record)))
    items.sort(key=lambda i: (i.due is None, i.due.due_date if i.due else None, i.kind, str(i.record)))
    return items[:MAX_ITEMS], len(items) > MAX_ITEMS

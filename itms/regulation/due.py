"""Due dates where the work is done: every record that owes something shows its deadline, who owes it and how
the date was computed — on its own list page (``DueColumn``) and detail page (``{% due_panel object %}``).

Most deadlines are obligations on the record itself (an impact review's reply, a meeting's agenda distribution):
nothing to declare. Some records answer an obligation held on another subject: a planning cycle's calendar
submissions are owed per project (subject = the project, key ``cycle-Y``, a8.1/a8.3/a9.1), and the project's
pre-review, plan and detailed plan each answer one of them. The app says so once, in its ``obligations.py``::

    register_due_subjects(PreReview, lambda review: [Ref(Project, review.project_id, ("pre_review_request",),
                                                          f"cycle-{review.cycle.year}")])

The obligations of a page of records are read in ONE query (``obligations_of``), through the obligation scope of
the user (``Obligation.objects.restrict(user, "view")``): a deadline is shown to whoever may see it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import reduce
from operator import or_

import django_tables2 as tables
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.html import format_html, format_html_join

from itms.accounts.roles import Role
from itms.core.formats import format_date

from .clauses import label as clause_label
from .models import DisplayStatus, Obligation, ObligationStatus


@dataclass(frozen=True)
class Ref:
    """Obligations on ``model`` row ``pk`` (of ``kinds``, with ``key``; empty/None = any) belong to a record."""

    model: type[models.Model]
    pk: int | None
    kinds: tuple[str, ...] = ()
    key: str | None = None

    def matches(self, obligation: Obligation) -> bool:
        return (not self.kinds or obligation.kind in self.kinds) and (self.key is None or obligation.key == self.key)


DUE_SUBJECTS: dict[type[models.Model], Callable[[models.Model], Iterable[Ref]]] = {}


def register_due_subjects(model: type[models.Model], refs: Callable[[models.Model], Iterable[Ref]]) -> None:
    """Obligations held on other subjects that ``model``'s records answer (besides those on the record itself)."""
    DUE_SUBJECTS[model] = refs


def refs_of(record: models.Model) -> list[Ref]:
    extra = DUE_SUBJECTS.get(type(record))
    return [Ref(type(record), record.pk), *(extra(record) if extra else ())]


def record_key(record: models.Model) -> tuple[str, int]:
    return (record._meta.label_lower, record.pk)


def obligations_of(records: Iterable[models.Model], user=None, *, open_only: bool = False) -> dict[tuple, list]:
    """{record_key(record): its obligations (earliest due first)} for all the records, in one query.

    With ``user``, only the obligations that user may see. Records without obligations are absent.
    """
    records = [r for r in records if r is not None and r.pk is not None]
    refs = {record_key(r): refs_of(r) for r in records}
    wanted: dict[int, set[int]] = defaultdict(set)
    type_ids: dict[type, int] = {}
    for record_refs in refs.values():
        for ref in record_refs:
            if ref.pk is None:
                continue
            if ref.model not in type_ids:
                type_ids[ref.model] = ContentType.objects.get_for_model(ref.model).pk  # cached after the first
            wanted[type_ids[ref.model]].add(ref.pk)
    if not wanted:
        return {}
    queryset = Obligation.objects.all() if user is None else Obligation.objects.restrict(user, "view")
    condition = reduce(or_, (Q(subject_type_id=t, subject_id__in=ids) for t, ids in wanted.items()))
    queryset = queryset.filter(condition).select_related("owed_by_unit", "owed_by_user").order_by("due_date", "pk")
    if open_only:
        queryset = queryset.filter(status=ObligationStatus.OPEN)
    by_subject: dict[tuple[int, int], list[Obligation]] = defaultdict(list)
    for obligation in queryset:
        by_subject[(obligation.subject_type_id, obligation.subject_id)].append(obligation)
    result = {}
    for key, record_refs in refs.items():
        found = [
            obligation
            for ref in record_refs
            if ref.pk is not None
            for obligation in by_subject.get((type_ids[ref.model], ref.pk), ())
            if ref.matches(obligation)
        ]
        if found:
            result[key] = sorted({o.pk: o for o in found}.values(), key=lambda o: (o.due_date, o.pk))
    return result


def current(obligations: list[Obligation] | None) -> Obligation | None:
    """The deadline a record is working to: its earliest open obligation."""
    return next((o for o in obligations or () if o.status == ObligationStatus.OPEN), None)


# --- what a person reads -----------------------------------------------------------------------------------------
HEAD_ROLES = (Role.DEPARTMENT_HEAD, Role.IT_DEPARTMENT_HEAD, Role.BUDGET_DEPARTMENT_HEAD)


def head_title(unit) -> str:
    """The head of a unit by the unit's name: 통관기획과 → 통관기획과장, 데이터담당관 → 데이터담당관."""
    name = unit.name
    return name if name.endswith("관") else f"{name}장"


def owner_text(obligation: Obligation) -> str:
    """Who owes it, as the office is called: 통관기획과장, 데이터담당관, 정보기획담당관, 이서연."""
    if obligation.owed_by_user_id:
        return obligation.owed_by_user.name
    unit = obligation.owed_by_unit if obligation.owed_by_unit_id else None
    if obligation.owed_by_role in HEAD_ROLES and unit is not None:
        return head_title(unit)
    role = str(Role(obligation.owed_by_role).label) if obligation.owed_by_role else ""
    if unit is not None:
        return f"{role}({unit.name})" if role else unit.name
    return role or "—"


def kind_title(obligation: Obligation) -> str:
    from .obligations import OBLIGATION_TYPES

    found = OBLIGATION_TYPES.get(obligation.kind)
    return found.title if found else obligation.kind


def calculation(obligation: Obligation) -> str:
    """The hover text: what is owed, under which clause, and the arithmetic of the date."""
    clauses = ", ".join(clause_label(c) for c in obligation.clause_ids or [])
    head = f"{kind_title(obligation)} ({clauses})" if clauses else kind_title(obligation)
    return f"{head} — {obligation.due_explanation}" if obligation.due_explanation else head


STATUS_TEXT_CLASS = {
    DisplayStatus.OVERDUE: "text-danger fw-bold",
    DisplayStatus.DUE_SOON: "text-warning fw-bold",
}


def render_due(obligation: Obligation | None, clock) -> str:
    """``2026. 5. 14.(목) · 데이터담당관`` with the calculation as its title; overdue and due-soon marked."""
    from .tables import status_badge

    if obligation is None:
        return "—"
    status = clock.status(obligation)
    badge = status_badge(status) if status in (DisplayStatus.OVERDUE, DisplayStatus.DUE_SOON) else ""
    return format_html(
        '<span class="text-nowrap {}" title="{}" data-due="{}" data-status="{}">{} · {}</span> {}',
        STATUS_TEXT_CLASS.get(status, ""),
        calculation(obligation),
        obligation.due_date.isoformat(),
        status.value,
        format_date(obligation.due_date),
        owner_text(obligation),
        badge,
    )


def due_text(obligation: Obligation | None) -> str:
    """The same for exports and plain text: ``2026. 5. 14.(목) 데이터담당관``."""
    if obligation is None:
        return ""
    return f"{format_date(obligation.due_date)} {owner_text(obligation)}"


# --- the list column ---------------------------------------------------------------------------------------------
class DueColumn(tables.Column):
    """기한: the row's open deadline, who owes it and (on hover) its calculation — for every record that owes one.

    The obligations of every row of the page are fetched together on first use: one query per page.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", "기한")
        kwargs.setdefault("orderable", False)
        kwargs.setdefault("empty_values", ())
        super().__init__(accessor="pk", **kwargs)

    def _current(self, table, record) -> Obligation | None:
        cache = getattr(table, "_due_cache", None)
        if cache is None:
            from .tables import StatusClock

            rows = table.page.object_list if getattr(table, "page", None) else table.rows
            rows = [getattr(row, "record", row) for row in rows]  # the page holds BoundRows
            user = getattr(table, "viewer", None) or getattr(getattr(table, "request", None), "user", None)
            cache = table._due_cache = {
                "obligations": obligations_of(list(rows), user, open_only=True) if user is not None else {},
                "clock": StatusClock.now(),
            }
        return current(cache["obligations"].get(record_key(record))), cache["clock"]

    def render(self, record, table):
        obligation, clock = self._current(table, record)
        return render_due(obligation, clock)

    def value(self, record, table):
        obligation, _clock = self._current(table, record)
        return due_text(obligation)


# --- the detail panel ----------------------------------------------------------------------------------------------
def panel_rows(record: models.Model, user) -> list[dict]:
    """The record's obligations, open and closed, as the detail panel shows them (one query, plus one for links)."""
    from .tables import StatusClock, status_badge

    obligations = obligations_of([record], user).get(record_key(record), [])
    if not obligations:
        return []
    clock = StatusClock.now()
    rows = []
    for obligation in obligations:
        status = clock.status(obligation)
        rows.append(
            {
                "obligation": obligation,
                "kind": kind_title(obligation),
                "owner": owner_text(obligation),
                "status": status,
                "badge": status_badge(status),
                "calculation": calculation(obligation),
                "explanation": obligation.due_explanation,
                "is_open": obligation.status == ObligationStatus.OPEN,
            }
        )
    # Open deadlines first (by date), then the closed ones, latest first.
    return [r for r in rows if r["is_open"]] + sorted(
        (r for r in rows if not r["is_open"]), key=lambda r: r["obligation"].due_date, reverse=True
    )


def clause_links(clause_ids) -> str:
    from itms.core.templatetags.itms import clause

    return format_html_join(", ", "{}", ((clause(c),) for c in clause_ids or []))

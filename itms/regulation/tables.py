"""Tables of the regulation engine: deadlines with their display status, the rule pack, holidays."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html

from itms.core.tables import DateColumn, ItmsTable
from itms.core.templatetags.itms import clauses as render_clauses

from .clauses import label as clause_label
from .models import (
    CalendarException,
    DisplayStatus,
    Obligation,
    ObligationStatus,
    Parameter,
    ParameterValue,
    RulePack,
)
from .models.parameters import display_value

# Tabler colour per display status: badges, the calendar and the dashboard use the same ones.
STATUS_COLOURS = {
    DisplayStatus.OPEN: "blue",
    DisplayStatus.DUE_SOON: "orange",
    DisplayStatus.OVERDUE: "red",
    DisplayStatus.MET: "green",
    DisplayStatus.MET_LATE: "yellow",
    DisplayStatus.WAIVED: "secondary",
}


@dataclass(frozen=True)
class StatusClock:
    """``Obligation.display_status()`` for many rows: the rule-pack reading is taken once, not per row.

    Due soon = at most ``due_soon_working_days`` working days left, i.e. due before the (N+1)-th
    working day after today — the same test as the model's method, without a query per row.
    """

    today: dt.date
    soon_before: dt.date

    @classmethod
    def now(cls, today: dt.date | None = None) -> StatusClock:
        from .legal_calendar import add_working_days
        from .rules import param

        today = today or timezone.localdate()
        days = int(param("due_soon_working_days", today).value)
        return cls(today, add_working_days(today, days + 1))

    def status(self, obligation: Obligation) -> DisplayStatus:
        if obligation.status == ObligationStatus.WAIVED:
            return DisplayStatus.WAIVED
        if obligation.status == ObligationStatus.MET:
            late = obligation.closed_at and timezone.localtime(obligation.closed_at).date() > obligation.due_date
            return DisplayStatus.MET_LATE if late else DisplayStatus.MET
        if obligation.due_date < self.today:
            return DisplayStatus.OVERDUE
        if obligation.due_date < self.soon_before:
            return DisplayStatus.DUE_SOON
        return DisplayStatus.OPEN


def status_badge(status: DisplayStatus | str):
    status = DisplayStatus(status)
    return format_html(
        '<span class="badge bg-{}-lt" data-status="{}">{}</span>', STATUS_COLOURS[status], status.value, status.label
    )


def clause_labels(clause_ids) -> str:
    """Plain labels for exports: 제8조제5항, 제8조제6항."""
    return ", ".join(clause_label(c) for c in clause_ids or [])


class ClausesColumn(tables.Column):
    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", "근거 조항")
        kwargs.setdefault("orderable", False)
        super().__init__(**kwargs)

    def render(self, value):
        return render_clauses(list(value or []))

    def value(self, value):
        return clause_labels(value)


class DisplayStatusColumn(tables.Column):
    def __init__(self, **kwargs):
        super().__init__(accessor="pk", verbose_name="상태", orderable=False, **kwargs)

    def _status(self, table, record) -> DisplayStatus:
        clock = getattr(table, "_status_clock", None)
        if clock is None:
            clock = table._status_clock = StatusClock.now()
        return clock.status(record)

    def render(self, record, table):
        return status_badge(self._status(table, record))

    def value(self, record, table):
        return self._status(table, record).label


class OwedByColumn(tables.Column):
    def __init__(self, **kwargs):
        super().__init__(accessor="pk", verbose_name="의무자", orderable=False, **kwargs)

    def render(self, record):
        return record.owed_by_label

    def value(self, record):
        return record.owed_by_label


class ObligationTable(ItmsTable):
    title = tables.Column(linkify=True)
    display_status = DisplayStatusColumn()
    due_date = DateColumn()
    clause_ids = ClausesColumn()
    owed_by = OwedByColumn()
    subject_repr = tables.Column(verbose_name="대상")

    class Meta(ItmsTable.Meta):
        model = Obligation
        fields = ("title", "display_status", "due_date", "clause_ids", "owed_by", "subject_repr")
        order_by = ("due_date",)


class RulePackTable(ItmsTable):
    number = tables.Column(linkify=True)
    title = tables.Column(linkify=True)
    issued_on = DateColumn()
    effective_from = DateColumn()
    repealed_on = DateColumn()
    in_force = tables.Column(accessor="pk", verbose_name="구분", orderable=False)

    class Meta(ItmsTable.Meta):
        model = RulePack
        fields = ("number", "title", "issued_on", "effective_from", "repealed_on", "in_force")

    def render_number(self, value):
        return f"훈령 제{value}호"

    def value_number(self, value):
        return value

    def render_in_force(self, record):
        today = timezone.localdate()
        if record.effective_from > today:
            return "시행 예정"
        return "폐지" if record.repealed_on and record.repealed_on <= today else "시행 중"

    value_in_force = render_in_force


class ParameterTable(ItmsTable):
    name = tables.Column(linkify=True)
    current = tables.Column(accessor="pk", verbose_name="현재 값", orderable=False)
    clause_ids = ClausesColumn()

    class Meta(ItmsTable.Meta):
        model = Parameter
        fields = ("name", "key", "current", "unit", "clause_ids", "confidence", "source", "pack")

    def _current(self, record) -> str:
        value = record.current_value  # from the prefetched values (registry: prefetch_related)
        return display_value(record.unit, value.value) if value else "—"

    def render_current(self, record):
        return self._current(record)

    def value_current(self, record):
        return self._current(record)

    def render_pack(self, value):
        return value.version_label

    def value_pack(self, value):
        return value.version_label


class ParameterValueTable(ItmsTable):
    effective_from = DateColumn()
    display = tables.Column(accessor="pk", verbose_name="값", orderable=False)
    changed_by = tables.Column(verbose_name="변경자", default="— (규정 시행)")
    created_at = DateColumn()  # a datetime: 2026. 2. 19.(목) 14:05

    class Meta(ItmsTable.Meta):
        model = ParameterValue
        fields = ("effective_from", "display", "reason", "changed_by", "created_at")
        orderable = False

    def render_display(self, record):
        return record.display

    def render_changed_by(self, value):
        return value.name


class CalendarExceptionTable(ItmsTable):
    date = DateColumn(linkify=True)
    name = tables.Column(linkify=True)

    class Meta(ItmsTable.Meta):
        model = CalendarException
        fields = ("date", "kind", "name", "reason")

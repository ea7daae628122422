"""The one API that opens and closes obligations (deadlines). Workflow effects call it.

Each app declares the kinds of deadline it creates in its ``obligations.py``:

    register_obligation_type(ObligationType(
        "impact_review_reply", "영향도 검토 회신", ("a8.5",),
        rule=Forward("impact_review_days"),
    ))

and opens them with ``open_obligation(kind=..., subject=..., owed_by_role=..., start=received_on)``;
the due date, its Korean explanation and the rule-pack version are computed here.
Met and waived obligations are never reopened; a new event opens a new obligation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from itms.accounts.roles import ROLE_INFO, Role
from itms.core import exercised
from itms.core.errors import Refused
from itms.core.korean import josa

from . import legal_calendar
from .citations import cite
from .error_codes import RegulationErrors
from .models.obligations import Obligation, ObligationStatus
from .rules import param


# --- how a due date is computed ---------------------------------------------------------------------
@dataclass(frozen=True)
class Forward:
    """N days from an event (접수일 …), 민법 §157/§161: ``start`` + N, rolled past Saturdays and holidays."""

    days_parameter: str
    working_days: bool = False

    def compute(self, *, start: dt.date, on: dt.date, **_) -> tuple[legal_calendar.ComputedDate, list]:
        reading = param(self.days_parameter, on)
        result = legal_calendar.forward(start, int(reading.value), working_days=self.working_days)
        return result, [reading]


@dataclass(frozen=True)
class Backward:
    """N days before a date (회의 7일 전까지 …): strict or lenient per the rule's counting parameter."""

    days_parameter: str
    counting_parameter: str | None = None
    event: str = "기준일"

    def compute(self, *, start: dt.date, on: dt.date, **_) -> tuple[legal_calendar.ComputedDate, list]:
        reading = param(self.days_parameter, on)
        readings = [reading]
        strict = True
        if self.counting_parameter:
            counting = param(self.counting_parameter, on)
            readings.append(counting)
            strict = counting.value == "strict"
        return legal_calendar.backward(start, int(reading.value), strict=strict, event=self.event), readings


@dataclass(frozen=True)
class FixedDate:
    """A calendar date of the year before the project year (1/31, 4/30, 12/31 of Y-1)."""

    month_day_parameter: str

    def compute(self, *, year: int, on: dt.date, **_) -> tuple[legal_calendar.ComputedDate, list]:
        reading = param(self.month_day_parameter, on)
        month, day = (int(x) for x in str(reading.value).split("-"))
        fixed = dt.date(year, month, day)
        explanation = f"{_fmt(fixed)}까지"
        warning = suggested = None
        steps = [explanation]
        if not legal_calendar.is_working_day(fixed):
            # "4월 말까지", "12월 말까지" (a8.3, a9.1): the date is the limit; a weekend or holiday never moves it
            # into the next month or year. As with backward periods, act on the working day before it.
            suggested = legal_calendar.previous_working_day(fixed)
            name = legal_calendar.holiday_name(fixed)
            warning = f"{josa(_fmt(fixed), '은/는')} {name}이므로 전 근무일 {_fmt(suggested)}까지 하십시오."
            steps.append(f"기한일은 옮기지 않음(다음 달·다음 해로 넘기지 않음) → 전 근무일 {_fmt(suggested)} 권고")
        result = legal_calendar.ComputedDate(
            date=fixed, explanation=explanation, steps=steps, warning=warning, suggested=suggested
        )
        return result, [reading]


def _fmt(day: dt.date) -> str:
    from itms.core.formats import format_date

    return format_date(day)


@dataclass(frozen=True)
class ObligationType:
    key: str
    title: str
    clause_ids: tuple[str, ...]
    rule: Forward | Backward | FixedDate | None = None  # None: the caller gives the due date
    description: str = ""
    owed_by_role: Role | None = None
    extra: dict = field(default_factory=dict)


OBLIGATION_TYPES: dict[str, ObligationType] = {}


def register_obligation_type(obligation_type: ObligationType) -> ObligationType:
    cite(f"의무 {obligation_type.key}", *obligation_type.clause_ids)
    OBLIGATION_TYPES[obligation_type.key] = obligation_type
    return obligation_type


def get_type(kind: str) -> ObligationType:
    try:
        return OBLIGATION_TYPES[kind]
    except KeyError as error:
        raise ValidationError(f"등록되지 않은 의무 종류입니다: {kind}") from error


# --- opening and closing -----------------------------------------------------------------------------
def open_obligation(
    *,
    kind: str,
    subject: models.Model | None = None,
    key: str = "",
    title: str | None = None,
    owed_by_unit=None,
    owed_by_role: Role | str | None = None,
    owed_by_user=None,
    owed_to_unit=None,
    owed_to_role: Role | str | None = None,
    start: dt.date | None = None,
    year: int | None = None,
    due: dt.date | None = None,
    explanation: str = "",
    actor=None,
    once: bool = False,
) -> Obligation:
    """Opens (or returns the already open) obligation of ``kind`` on ``subject``.

    The due date comes from the type's rule (``start`` for periods, ``year`` for fixed dates) or,
    for types without a rule, from ``due``. With ``once``, an obligation of this kind, subject and key
    that was already met or waived is returned too (calendar deadlines are owed once, not reopened).
    """
    exercised.note("obligation", kind)
    obligation_type = get_type(kind)
    role = Role(owed_by_role) if owed_by_role else obligation_type.owed_by_role
    if owed_by_unit is not None and role is None and owed_by_user is None:
        role = Role.DEPARTMENT_HEAD  # a duty of a unit is its head's (사업추진부서장, 정보화부서장 …)
    if role is None and owed_by_user is None:
        raise ValidationError("의무를 지는 역할 또는 사람을 정해야 합니다.")
    if role and ROLE_INFO[role].per_unit and owed_by_unit is None:
        raise ValidationError(f"'{role.label}' 역할의 의무는 부서를 함께 정해야 합니다.")
    today = timezone.localdate()
    computation: dict = {}
    pack_version = ""
    if obligation_type.rule is not None:
        if isinstance(obligation_type.rule, FixedDate):
            if year is None:
                raise ValidationError("고정 기한 의무는 연도를 정해야 합니다.")
        elif start is None:
            raise ValidationError("기한의 기준일(접수일·회의일 등)을 정해야 합니다.")
        result, readings = obligation_type.rule.compute(start=start, year=year, on=start or today)
        due, explanation = result.date, result.explanation
        if result.warning:
            explanation = f"{explanation} — {result.warning}"
        computation = {"result": result.as_dict(), "rules": [r.record() for r in readings]}
        pack_version = readings[0].pack_version
    elif due is None:
        raise ValidationError("기한을 정해야 합니다.")
    subject_type = ContentType.objects.get_for_model(subject) if subject is not None else None
    with transaction.atomic():
        same = Obligation.objects.select_for_update(no_key=True).filter(
            kind=kind, subject_type=subject_type, subject_id=subject.pk if subject is not None else None, key=key
        )
        existing = (same.order_by("-pk") if once else same.filter(status=ObligationStatus.OPEN)).first()
        if existing is not None:
            return existing
        return Obligation.objects.create(
            kind=kind,
            title=title or (f"{obligation_type.title}: {subject}" if subject is not None else obligation_type.title),
            clause_ids=list(obligation_type.clause_ids),
            subject_type=subject_type,
            subject_id=subject.pk if subject is not None else None,
            subject_repr=str(subject)[:300] if subject is not None else "",
            key=key,
            owed_by_unit=owed_by_unit,
            owed_by_role=role.value if role else "",
            owed_by_user=owed_by_user,
            owed_to_unit=owed_to_unit,
            owed_to_role=Role(owed_to_role).value if owed_to_role else "",
            start_date=start,
            due_date=due,
            due_explanation=explanation,
            computation=computation,
            pack_version=pack_version,
            opened_by=actor,
        )


def _find_open(kind: str, subject: models.Model | None, key: str) -> Obligation | None:
    subject_type = ContentType.objects.get_for_model(subject) if subject is not None else None
    return (
        Obligation.objects.select_for_update(no_key=True)
        .filter(
            kind=kind,
            subject_type=subject_type,
            subject_id=subject.pk if subject is not None else None,
            key=key,
            status=ObligationStatus.OPEN,
        )
        .first()
    )


@transaction.atomic
def meet_obligation(
    *,
    kind: str,
    subject: models.Model | None = None,
    key: str = "",
    actor=None,
    at: dt.datetime | None = None,
    note: str = "",
) -> Obligation | None:
    """Marks the open obligation met (late ones stay visibly late). None if none was open."""
    obligation = _find_open(kind, subject, key)
    if obligation is None:
        return None
    obligation.status = ObligationStatus.MET
    obligation.closed_at = at or timezone.now()
    obligation.closed_by = actor
    obligation.close_note = note[:500]
    obligation.save(update_fields=["status", "closed_at", "closed_by", "close_note", "updated_at"])
    return obligation


@transaction.atomic
def waive_obligation(*, obligation: Obligation, actor, reason: str) -> Obligation:
    """Waives an open obligation; the reason is required and the waiver is chained."""
    from itms.audit.chain import record_event
    from itms.audit.models import LegalEventKind

    reason = (reason or "").strip()
    if not reason:
        raise Refused(RegulationErrors.WAIVER_REASON, field="reason")
    obligation = Obligation.objects.select_for_update(no_key=True).get(pk=obligation.pk)
    if obligation.status != ObligationStatus.OPEN:
        raise Refused(RegulationErrors.OBLIGATION_CLOSED)
    obligation.status = ObligationStatus.WAIVED
    obligation.closed_at = timezone.now()
    obligation.closed_by = actor
    obligation.close_note = reason[:500]
    obligation.save(update_fields=["status", "closed_at", "closed_by", "close_note", "updated_at"])
    record_event(
        kind=LegalEventKind.OBLIGATION_WAIVED,
        actor=actor,
        subject=obligation,
        summary=f"기한 면제: {obligation.title}",
        payload={"reason": reason, "due_date": obligation.due_date},
        clause_ids=obligation.clause_ids,
        pack_version=obligation.pack_version,
    )
    return obligation


# --- effects for workflow transitions -------------------------------------------------------------------
def opens(kind: str, **arguments) -> Callable[[Any, dict], None]:
    """Effect: open an obligation on the transition's object. Callable arguments get (obj, ctx)."""

    def effect(obj, ctx):
        resolved = {k: (v(obj, ctx) if callable(v) else v) for k, v in arguments.items()}
        open_obligation(kind=kind, subject=resolved.pop("subject", obj), actor=ctx["actor"], **resolved)

    effect.obligation_kind = kind
    return effect


def meets(kind: str, **arguments) -> Callable[[Any, dict], None]:
    """Effect: mark the open obligation of ``kind`` on the object met."""

    def effect(obj, ctx):
        resolved = {k: (v(obj, ctx) if callable(v) else v) for k, v in arguments.items()}
        meet_obligation(kind=kind, subject=resolved.pop("subject", obj), actor=ctx["actor"], **resolved)

    effect.obligation_kind = kind
    return effect


@transaction.atomic
def reschedule_obligation(*, obligation: Obligation, due: dt.date, explanation: str, actor) -> Obligation:
    """Moves an open obligation's due date where the directive lets an authority set another deadline
    (e.g. a9.1 단서: the 정보기획담당관 notifies another deadline for detailed plans). The change log keeps
    the old date; the explanation says who set the new one and why."""
    obligation = Obligation.objects.select_for_update(no_key=True).get(pk=obligation.pk)
    if obligation.status != ObligationStatus.OPEN:
        raise Refused(RegulationErrors.OBLIGATION_CLOSED)
    obligation.due_date = due
    obligation.due_explanation = explanation
    obligation.computation = {**obligation.computation, "rescheduled_by": getattr(actor, "pk", None)}
    obligation.save(update_fields=["due_date", "due_explanation", "computation", "updated_at"])
    return obligation

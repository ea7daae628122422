"""법정 기한 (Obligation): ten years of deadlines of every registered kind, met, late, waived or still open.

Due dates come from the legal calendar exactly as ``open_obligation`` computes them (민법 §157/§161 for
periods, the next working day for fixed dates), with the explanation and the rule readings stored; each
computation is cached per start date, so 100,000 rows need only a few thousand calendar calls.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType

from itms.accounts.roles import ROLE_INFO, Role
from itms.governance.models import CIORequestRecipient, Meeting
from itms.projects.models import Project
from itms.regulation import legal_calendar
from itms.regulation.models import Obligation, ObligationStatus
from itms.regulation.obligations import OBLIGATION_TYPES, Backward, FixedDate, Forward
from itms.regulation.rules import RuleNotFound, param

from .context import Context, Phase
from .writer import aware, insert

SPECIAL = {"written_vote", "cio_request_response", "agenda_distribution"}
IT_ROLES = {Role.IT_DEPARTMENT_HEAD, Role.IT_DEPARTMENT_STAFF}
MET_NOTES = ["기한 내 제출 완료", "결과 회신 완료", "전자문서로 제출함", "보완 후 제출 완료"]
WAIVE_NOTES = ["사업 취소로 의무 소멸", "계획 변경으로 대상 아님", "상위 기관 지침에 따라 생략", "중복 요청으로 면제"]
FIELDS = (
    "id",
    "kind",
    "title",
    "clause_ids",
    "subject_type_id",
    "subject_id",
    "subject_repr",
    "key",
    "owed_by_unit_id",
    "owed_by_role",
    "owed_by_user_id",
    "owed_to_unit_id",
    "owed_to_role",
    "start_date",
    "due_date",
    "due_explanation",
    "computation",
    "pack_version",
    "status",
    "opened_at",
    "opened_by_id",
    "closed_at",
    "closed_by_id",
    "close_note",
    "created_at",
    "updated_at",
)


def build(ctx: Context) -> None:
    with Phase(ctx, "법정 기한"):
        _obligations(ctx)


class DueDates:
    """The due date, its explanation and the computation record of one kind, cached per start date or year."""

    def __init__(self, today: dt.date):
        self.today = today
        self._readings: dict[str, object] = {}
        self._cache: dict[tuple, tuple[dt.date, str, dict, str]] = {}

    def _reading(self, key: str):
        if key not in self._readings:
            self._readings[key] = param(key, self.today)
        return self._readings[key]

    def compute(self, kind: str, rule, start: dt.date, year: int) -> tuple[dt.date, str, dict, str] | None:
        cache_key = (kind, year if isinstance(rule, FixedDate) else start)
        if cache_key in self._cache:
            return self._cache[cache_key]
        try:
            if isinstance(rule, FixedDate):
                result, readings = rule.compute(year=year, on=self.today)
            elif isinstance(rule, Forward):
                reading = self._reading(rule.days_parameter)
                result = legal_calendar.forward(start, int(reading.value), working_days=rule.working_days)
                readings = [reading]
            elif isinstance(rule, Backward):
                reading = self._reading(rule.days_parameter)
                strict = True
                readings = [reading]
                if rule.counting_parameter:
                    counting = self._reading(rule.counting_parameter)
                    readings.append(counting)
                    strict = counting.value == "strict"
                result = legal_calendar.backward(start, int(reading.value), strict=strict, event=rule.event)
            else:
                return None
        except RuleNotFound:
            return None
        computed = (
            result.date,
            result.explanation,
            {"result": result.as_dict(), "rules": [r.record() for r in readings]},
            readings[0].pack_version,
        )
        self._cache[cache_key] = computed
        return computed


def _obligations(ctx: Context) -> None:
    rng = ctx.rng("obligations")
    today = ctx.today
    wanted = ctx.target("obligations", Obligation.objects.count(), minimum=50)
    dues = DueDates(today)
    ct = {
        "project": ContentType.objects.get_for_model(Project).pk,
        "meeting": ContentType.objects.get_for_model(Meeting).pk,
        "recipient": ContentType.objects.get_for_model(CIORequestRecipient).pk,
    }
    heads: dict[int, object] = {p.unit_id: p for p in ctx.positions.values() if p.is_head}
    it_units = [u.pk for u in ctx.units.values() if u.is_it]
    staff_by_unit: dict[int, list[int]] = defaultdict(list)
    for user_id, unit_id in ctx.user_units.items():
        staff_by_unit[unit_id].append(user_id)
    rows: list[tuple] = []

    def holder(unit_id: int | None, user_id: int | None, day: dt.date) -> int | None:
        if user_id:
            return user_id
        head = heads.get(unit_id)
        return head.holder_on(day) if head else None

    def add(
        kind,
        title,
        clauses,
        subject_ct,
        subject_id,
        subject_repr,
        key,
        unit,
        role,
        user,
        to_unit,
        to_role,
        start,
        due,
        explanation,
        computation,
        pack,
        status,
        closed_on=None,
        note="",
    ):
        pk = ctx.ids.one(Obligation)
        opened = aware(start or due - dt.timedelta(days=14), 9, rng.randint(0, 59))
        closed = aware(closed_on, 17, rng.randint(0, 59)) if closed_on else None
        closer = holder(unit, user, closed_on) if closed_on else None
        rows.append(
            (
                pk,
                kind,
                title[:300],
                list(clauses),
                subject_ct,
                subject_id,
                subject_repr[:300],
                key or f"g{pk}",
                unit,
                role or "",
                user,
                to_unit,
                to_role or "",
                start,
                due,
                explanation,
                computation,
                pack,
                status,
                opened,
                rng.choice(ctx.staff) if ctx.staff else None,
                closed,
                closer,
                note,
                opened,
                closed or opened,
            )
        )
        if status == ObligationStatus.WAIVED:
            ctx.event(
                closed,
                "obligation_waived",
                closer,
                "regulation.obligation",
                pk,
                title[:300],
                f"기한 면제: {title[:200]}",
                {"reason": note, "due": due.isoformat()},
                clauses,
            )

    def settle(due: dt.date) -> tuple[str, dt.date | None, str]:
        """Met, late, waived or open, depending on how long ago the due date was."""
        age = (today - due).days
        roll = rng.random()
        if age > 180:
            if roll < 0.07:
                return ObligationStatus.WAIVED, due - dt.timedelta(days=rng.randint(0, 10)), rng.choice(WAIVE_NOTES)
            late = rng.random() < 0.1
            closed = (
                due + dt.timedelta(days=rng.randint(1, 20)) if late else due - dt.timedelta(days=rng.randint(0, 12))
            )
            return ObligationStatus.MET, closed, rng.choice(MET_NOTES)
        if age > 0:
            if roll < 0.25:
                return ObligationStatus.OPEN, None, ""
            if roll < 0.30:
                return ObligationStatus.WAIVED, due - dt.timedelta(days=rng.randint(0, 5)), rng.choice(WAIVE_NOTES)
            return ObligationStatus.MET, min(today, due - dt.timedelta(days=rng.randint(-5, 10))), rng.choice(MET_NOTES)
        if roll < 0.05:
            return ObligationStatus.MET, today - dt.timedelta(days=rng.randint(0, 20)), rng.choice(MET_NOTES)
        return ObligationStatus.OPEN, None, ""

    # 1. Written deliberation: each member owes a vote before the close (a4.11).
    written = OBLIGATION_TYPES.get("written_vote")
    if written is not None:
        for meeting_id, title, seat, member, closes, replied, _state in ctx.scratch.get("written_votes", []):
            due = closes.date()
            if due < today:
                status = ObligationStatus.MET if replied else ObligationStatus.WAIVED
                closed_on, note = (due, "표결 회신") if replied else (due, "서면 의결 마감 (미회신)")
            else:
                status, closed_on, note = ObligationStatus.OPEN, None, ""
            add(
                "written_vote",
                f"서면 의결: {title}",
                written.clause_ids,
                ct["meeting"],
                meeting_id,
                title,
                f"membership-{seat}",
                None,
                "",
                member,
                None,
                "",
                closes.date() - dt.timedelta(days=5),
                due,
                f"서면 의결 마감 {closes:%Y-%m-%d %H:%M}",
                {},
                "",
                status,
                closed_on,
                note,
            )
    # 2. The CIO's requests: each addressed unit owes an answer (a3.4).
    cio = OBLIGATION_TYPES.get("cio_request_response")
    if cio is not None:
        for rid, unit_id, title, due, responded, _by, unit_name in ctx.scratch.get("cio_recipients", []):
            if responded:
                status, closed_on, note = ObligationStatus.MET, responded.date(), "조치 결과 회신"
            else:
                status, closed_on, note = (ObligationStatus.OPEN, None, "")
            add(
                "cio_request_response",
                f"조치 요구 이행: {title} ({unit_name})",
                cio.clause_ids,
                ct["recipient"],
                rid,
                f"{title} → {unit_name}",
                "",
                unit_id,
                Role.DEPARTMENT_HEAD,
                None,
                None,
                Role.CIO,
                due - dt.timedelta(days=21),
                due,
                "지능정보화책임관이 정한 조치 기한",
                {},
                "",
                status,
                closed_on,
                note,
            )

    # 3. Every other registered kind, about the projects (their natural subject in Chapter 3 and later).
    kinds = [t for key, t in OBLIGATION_TYPES.items() if key not in SPECIAL] or [
        t for key, t in OBLIGATION_TYPES.items() if key in SPECIAL
    ]
    projects = list(ctx.projects)
    span = (today + dt.timedelta(days=365) - ctx.start).days
    while len(rows) < wanted and kinds and projects:
        obligation_type = rng.choice(kinds)
        project = rng.choice(projects)
        pk_, _code, name, _org, sponsor_unit, start_year, _end, _stage = project
        start = ctx.start + dt.timedelta(days=rng.randint(0, span))
        computed = dues.compute(obligation_type.key, obligation_type.rule, start, start_year - 1)
        if computed is None:
            due = start + dt.timedelta(days=rng.choice([7, 14, 30, 60]))
            explanation, computation, pack = "담당자가 정한 기한", {}, ""
        else:
            due, explanation, computation, pack = computed
            if isinstance(obligation_type.rule, FixedDate):
                start = None
        role = obligation_type.owed_by_role
        unit = user = None
        if role is None and rng.random() < 0.15:
            user = rng.choice(staff_by_unit.get(sponsor_unit) or ctx.staff)
        else:
            role = role or Role.DEPARTMENT_HEAD
            if ROLE_INFO[role].per_unit:
                unit = rng.choice(it_units) if role in IT_ROLES and it_units else sponsor_unit
        status, closed_on, note = settle(due)
        to_role = Role.IT_PLANNING_OFFICER if isinstance(obligation_type.rule, FixedDate) else ""
        add(
            obligation_type.key,
            f"{obligation_type.title}: {name}",
            obligation_type.clause_ids,
            ct["project"],
            pk_,
            name,
            "",
            unit,
            role,
            user,
            None,
            to_role,
            start,
            due,
            explanation,
            computation,
            pack,
            status,
            closed_on,
            note,
        )

    insert(Obligation, FIELDS, rows)
    by_status = defaultdict(int)
    for row in rows:
        by_status[row[18]] += 1
    ctx.count("obligations", len(rows))
    for status, n in by_status.items():
        ctx.count(f"obligations_{status}", n)
    ctx.count("obligations_overdue", sum(1 for r in rows if r[18] == ObligationStatus.OPEN and r[14] < today))
    ctx.remember("regulation.obligation", [(r[0], r[2]) for r in rows])

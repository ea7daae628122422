"""Ten years of committee work: 과업심의위원회 with their seats, meetings, agenda, attendance, votes, resolutions,
and the CIO's 조치 요구 (a3.4).

The demo's 정보화추진위원회 and 실무협의회 keep only their own (upcoming) meetings: their seats start in 2025,
so the history is carried by generated 과업심의위원회 (a13), one per area, with two-year terms. Outcomes are
computed with the same quorum arithmetic the app uses (``itms.governance.quorum.Tally``), and every vote and
resolution is also a legal event for the hash chain, as ``cast_vote`` and ``close_vote`` record them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType

from itms.accounts.models import OrgUnitKind
from itms.accounts.models import Position as PositionModel
from itms.governance.choices import (
    AgendaItemState,
    AttendanceStatus,
    BodyKind,
    MeetingMode,
    MeetingState,
    MembershipBasis,
    RecusalKind,
    ResolutionEffect,
    ResolutionOutcome,
    TaskAgendaKind,
    VoteChoice,
)
from itms.governance.models import (
    AgendaItem,
    Attendance,
    Body,
    CIORequest,
    CIORequestRecipient,
    Meeting,
    Membership,
    Recusal,
    Resolution,
    Vote,
)
from itms.governance.quorum import Tally
from itms.projects.choices import ProjectStage
from itms.projects.models import Project
from itms.regulation.rules import param

from . import vocab
from .context import Context, Phase
from .writer import aware, insert

TERM_YEARS = 2
ITEM_KINDS = [(TaskAgendaKind.SCOPE, 50), (TaskAgendaKind.CHANGE, 35), (TaskAgendaKind.AMOUNT, 15)]
ITEM_TITLES = {
    TaskAgendaKind.SCOPE: "과업내용 확정",
    TaskAgendaKind.CHANGE: "과업내용 변경",
    TaskAgendaKind.AMOUNT: "계약금액·기간 조정",
}
CLAUSES = ["a13.1"]


def _pick(rng, weighted):
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


def build(ctx: Context) -> None:
    with Phase(ctx, "위원회·회의·안건·표결"):
        _committees(ctx)
    with Phase(ctx, "조치 요구"):
        _cio_requests(ctx)


def _committees(ctx: Context) -> None:
    rng = ctx.rng("committees")
    today = ctx.today
    meetings_wanted = ctx.target("meetings", Meeting.objects.count(), minimum=3)
    items_wanted = ctx.target("agenda_items", AgendaItem.objects.count(), minimum=10)
    per_body = max(1, round(16 * ctx.years / 10))  # meetings per body: a little more than monthly … every 8 months
    body_count = max(1, min(len(vocab.TASK_BODY_AREAS) * 4, round(meetings_wanted / (per_body * 1.0))))
    secretary = PositionModel.objects.filter(unit__code="KCS-ITP", title="정보화기획 담당 사무관").first()
    heads = [p for p in ctx.positions.values() if p.is_head and ctx.units[p.unit_id].is_it]
    heads += [p for p in ctx.positions.values() if p.is_head and ctx.units[p.unit_id].kind == OrgUnitKind.DIVISION][:40]
    experts = ctx.experts or ctx.staff[:10]
    project_ct = ContentType.objects.get_for_model(Project).pk
    projects_by_year: dict[int, list[tuple]] = defaultdict(list)
    for project in ctx.projects:
        if project[7] != ProjectStage.CANCELLED:
            projects_by_year[project[5]].append(project)
    quorum, majority = param("council_quorum", today), param("council_majority", today)
    rules = [quorum.record(), majority.record()]
    ctx.pack_version = quorum.pack_version

    body_rows, seat_rows, meeting_rows, item_rows = [], [], [], []
    attendance_rows, vote_rows, recusal_rows, resolution_rows = [], [], [], []
    seats_of: dict[int, list[tuple]] = {}  # body → (pk, position_id, user_id, is_chair, start, end)
    for index in range(body_count):
        area = vocab.TASK_BODY_AREAS[index % len(vocab.TASK_BODY_AREAS)]
        round_ = index // len(vocab.TASK_BODY_AREAS)
        name = f"과업심의위원회 ({area})" + (f" 제{round_ + 1}분과" if round_ else "")
        pk = ctx.ids.one(Body)
        created = aware(ctx.start, 9)
        body_rows.append(
            (
                pk,
                BodyKind.TASK_DELIBERATION,
                name,
                f"{area} 분야 정보화사업의 과업내용 확정·변경 및 계약금액·기간 조정 (제13조제2항)",
                None,
                None,
                secretary.pk if secretary else None,
                ctx.start,
                True,
                created,
                created,
            )
        )
        seats = []
        term_start = ctx.start
        while term_start <= today + dt.timedelta(days=365):
            term_end = dt.date(term_start.year + TERM_YEARS, term_start.month, term_start.day) - dt.timedelta(days=1)
            for position in rng.sample(heads, min(3, len(heads))):
                seat = (ctx.ids.one(Membership), position.pk, None, False, term_start, term_end)
                seats.append(seat)
                seat_rows.append(
                    (
                        seat[0],
                        pk,
                        MembershipBasis.DESIGNATED,
                        position.pk,
                        None,
                        False,
                        False,
                        term_start,
                        term_end,
                        "",
                        created,
                        created,
                    )
                )
            for i, user_id in enumerate(rng.sample(experts, min(4, len(experts)))):
                seat = (ctx.ids.one(Membership), None, user_id, i == 0, term_start, term_end)
                seats.append(seat)
                seat_rows.append(
                    (
                        seat[0],
                        pk,
                        MembershipBasis.EXTERNAL,
                        None,
                        user_id,
                        i == 0,
                        True,
                        term_start,
                        term_end,
                        "외부 위원 (소프트웨어 진흥법 제50조)",
                        created,
                        created,
                    )
                )
            term_start = term_end + dt.timedelta(days=1)
        seats_of[pk] = seats

    # Meetings: spread over the history and the next two months, numbered per body in date order.
    horizon = today + dt.timedelta(days=60)
    dates = sorted(ctx.day_between(rng, ctx.start, horizon) for _ in range(meetings_wanted))
    bodies = [row[0] for row in body_rows]
    by_body: dict[int, list[dt.date]] = defaultdict(list)
    for day in dates:
        by_body[rng.choice(bodies)].append(day)
    mean_items = items_wanted / max(1, meetings_wanted)
    items_left, meetings_left = items_wanted, meetings_wanted
    item_ids: list[int] = []
    for body_id in bodies:
        for number, day in enumerate(by_body[body_id], start=1):
            while day.weekday() >= 5:  # meetings are held on working days
                day += dt.timedelta(days=1)
            scheduled = aware(day, rng.choice([10, 14, 15]))
            written = rng.random() < 0.08
            if day < today - dt.timedelta(days=2):
                state = MeetingState.CANCELLED if rng.random() < 0.04 else MeetingState.CLOSED
            else:
                state = MeetingState.DISTRIBUTED if rng.random() < 0.4 else MeetingState.CONVENED
            seats = [s for s in seats_of[body_id] if s[4] <= day <= s[5]]
            chair_seat = next((s for s in seats if s[3]), None)
            chair = chair_seat[2] if chair_seat else None
            secretary_user = ctx.positions[secretary.pk].holder_on(day) if secretary else None
            pk = ctx.ids.one(Meeting)
            closes = scheduled + dt.timedelta(days=5) if written else None
            distributed = scheduled - dt.timedelta(days=8) if state != MeetingState.CONVENED else None
            opened = (closes - dt.timedelta(days=5) if written else scheduled) if state == MeetingState.CLOSED else None
            closed = (
                (closes if written else scheduled + dt.timedelta(hours=2)) if state == MeetingState.CLOSED else None
            )
            created = scheduled - dt.timedelta(days=rng.randint(10, 25))
            title = f"{ctx_body_name(body_rows, body_id)} 제{number}차 회의"
            meeting_rows.append(
                (
                    pk,
                    body_id,
                    number,
                    title,
                    MeetingMode.WRITTEN if written else MeetingMode.IN_PERSON,
                    scheduled,
                    "" if written else rng.choice(vocab.MEETING_PLACES),
                    state,
                    chair or secretary_user,
                    False,
                    "",
                    distributed,
                    False,
                    rng.choice(vocab.WRITTEN_REASONS) if written else "",
                    closes,
                    None,
                    opened,
                    closed,
                    created,
                    created,
                )
            )
            ctx.meetings.append((pk, body_id, scheduled, state, title))
            if state == MeetingState.CLOSED:
                for label, when in (("개회", opened), ("폐회", closed)):
                    ctx.event(
                        when,
                        "transition",
                        secretary_user,
                        "governance.meeting",
                        pk,
                        title,
                        f"{title} — {label}",
                        {"transition": "open" if label == "개회" else "close"},
                        ["a4.9"] if label == "폐회" else ["a5.8"],
                    )

            # Agenda: about mean_items per meeting, the total landing on the target.
            meetings_left -= 1
            count = (
                items_left
                if meetings_left == 0
                else max(1, min(items_left - meetings_left, round(rng.gauss(mean_items, 2))))
            )
            items_left -= count
            present: dict[int, int] = {}  # seat → who attends (the member or a proxy)
            if state == MeetingState.CLOSED and not written:
                for seat_pk, position_id, user_id, is_chair, *_ in seats:
                    member = user_id if user_id else ctx.positions[position_id].holder_on(day)
                    roll = rng.random()
                    if member is None or (roll > (0.98 if is_chair else 0.88)):
                        status, attendee = AttendanceStatus.ABSENT, None
                    elif position_id and roll > 0.84:
                        colleagues = [
                            u for u, unit in _unit_staff(ctx).get(ctx.positions[position_id].unit_id, []) if u != member
                        ]
                        status, attendee = (
                            (AttendanceStatus.PROXY, rng.choice(colleagues))
                            if colleagues
                            else (AttendanceStatus.PRESENT, member)
                        )
                    else:
                        status, attendee = AttendanceStatus.PRESENT, member
                    attendance_rows.append(
                        (ctx.ids.one(Attendance), pk, seat_pk, status, attendee, "", created, created)
                    )
                    if attendee is not None:
                        present[seat_pk] = attendee
            for item_number in range(1, count + 1):
                year_projects = projects_by_year.get(day.year + 1) or projects_by_year.get(day.year) or ctx.projects
                project = rng.choice(year_projects)
                kind = _pick(rng, ITEM_KINDS)
                item_pk = ctx.ids.one(AgendaItem)
                item_ids.append(item_pk)
                item_title = f"{project[2]} {ITEM_TITLES[kind]}"[:200]
                item_rows.append(
                    (
                        item_pk,
                        pk,
                        item_number,
                        kind,
                        item_title,
                        f"{project[2]}의 {ITEM_TITLES[kind]}에 관한 사항 (사업추진부서 제안)",
                        project[4],
                        project_ct,
                        project[0],
                        None,
                        AgendaItemState.PENDING,  # DECIDED below, once its resolution is written
                        created,
                        created,
                    )
                )
                if state != MeetingState.CLOSED:
                    continue
                repr_ = f"제{item_number}호 {item_title}"
                voters = {
                    s[0]: (present.get(s[0]) if not written else (s[2] or ctx.positions[s[1]].holder_on(day)))
                    for s in seats
                }
                recused = set()
                for seat_pk in list(voters):
                    if rng.random() < 0.005:
                        recused.add(seat_pk)
                        recusal_rows.append(
                            (
                                ctx.ids.one(Recusal),
                                item_pk,
                                seat_pk,
                                rng.choice(RecusalKind.values),
                                "사업수행업체와의 이해관계",
                                created,
                                created,
                            )
                        )
                counts = {VoteChoice.FOR: 0, VoteChoice.AGAINST: 0, VoteChoice.ABSTAIN: 0}
                cast_at = (opened or scheduled) + dt.timedelta(minutes=10 * item_number)
                for seat_pk, voter in voters.items():
                    if voter is None or seat_pk in recused or (written and rng.random() < 0.1):
                        continue
                    choice = _pick(rng, [(VoteChoice.FOR, 82), (VoteChoice.AGAINST, 10), (VoteChoice.ABSTAIN, 8)])
                    counts[choice] += 1
                    vote_pk = ctx.ids.one(Vote)
                    vote_rows.append((vote_pk, item_pk, seat_pk, choice, voter, cast_at, written))
                    ctx.event(
                        cast_at,
                        "vote_cast",
                        voter,
                        "governance.agendaitem",
                        item_pk,
                        repr_,
                        f"{repr_} — {ctx.user_names.get(voter, '')}: {VoteChoice(choice).label}",
                        {
                            "meeting": pk,
                            "item": item_pk,
                            "membership": seat_pk,
                            "choice": choice,
                            "written": written,
                            "cast_by": voter,
                        },
                        CLAUSES,
                    )
                eligible = [s for s in voters if s not in recused]
                attending = [s for s in eligible if (voters[s] is not None if not written else True)]
                voted = sum(counts.values())
                tally = Tally(
                    registered=len(eligible),
                    present=voted if written else len(attending),
                    recused=len(recused),
                    votes_for=counts[VoteChoice.FOR],
                    votes_against=counts[VoteChoice.AGAINST],
                    abstentions=counts[VoteChoice.ABSTAIN],
                    quorum_ratio=quorum.fraction,
                    majority_ratio=majority.fraction,
                    presiding=written or (chair_seat is not None and chair_seat[0] in present),
                )
                if not tally.has_quorum:
                    continue
                passed = tally.passes
                effect = (
                    _pick(rng, [(ResolutionEffect.APPROVE, 80), (ResolutionEffect.APPROVE_ADJUSTED, 20)])
                    if passed
                    else _pick(rng, [(ResolutionEffect.REJECT, 60), (ResolutionEffect.HOLD, 40)])
                )
                adjusted = (
                    int(rng.uniform(0.7, 0.95) * 1_000_000_000 // 1_000_000 * 1_000_000)
                    if (effect == ResolutionEffect.APPROVE_ADJUSTED)
                    else None
                )
                decided = cast_at + dt.timedelta(minutes=5)
                recorder = secretary_user or chair or voters[next(iter(voters))]
                if recorder is None:
                    continue
                outcome = ResolutionOutcome.PASSED if passed else ResolutionOutcome.REJECTED
                item_rows[-1] = (*item_rows[-1][:10], AgendaItemState.DECIDED, *item_rows[-1][11:])
                resolution_pk = ctx.ids.one(Resolution)
                resolution_rows.append(
                    (
                        resolution_pk,
                        item_pk,
                        outcome,
                        effect,
                        None,
                        adjusted,
                        "원안대로 의결함" if effect == ResolutionEffect.APPROVE else "",
                        {**tally.snapshot(), "rules": rules},
                        tally.explanation()[:500],
                        ctx.pack_version,
                        decided,
                        recorder,
                        decided,
                        decided,
                    )
                )
                ctx.event(
                    decided,
                    "resolution_recorded",
                    recorder,
                    "governance.agendaitem",
                    item_pk,
                    repr_,
                    f"{repr_} — {ResolutionOutcome(outcome).label} ({ResolutionEffect(effect).label})",
                    {
                        "meeting": pk,
                        "item": item_pk,
                        "tally": tally.snapshot(),
                        "effect": effect,
                        "priority_rank": None,
                        "adjusted_budget": adjusted,
                    },
                    CLAUSES,
                )

    insert(
        Body,
        (
            "id",
            "kind",
            "name",
            "scope",
            "parent_id",
            "chair_position_id",
            "secretary_position_id",
            "formed_on",
            "is_active",
            "created_at",
            "updated_at",
        ),
        body_rows,
    )
    insert(
        Membership,
        (
            "id",
            "body_id",
            "basis",
            "position_id",
            "user_id",
            "is_chair",
            "is_external",
            "start_date",
            "end_date",
            "note",
            "created_at",
            "updated_at",
        ),
        seat_rows,
    )
    insert(
        Meeting,
        (
            "id",
            "body_id",
            "number",
            "title",
            "mode",
            "scheduled_at",
            "place",
            "state",
            "convened_by_id",
            "on_members_request",
            "request_note",
            "agenda_distributed_at",
            "agenda_distribution_late",
            "written_reason",
            "voting_closes_at",
            "acting_chair_id",
            "opened_at",
            "closed_at",
            "created_at",
            "updated_at",
        ),
        meeting_rows,
    )
    insert(
        AgendaItem,
        (
            "id",
            "meeting_id",
            "number",
            "kind",
            "title",
            "description",
            "proposing_unit_id",
            "subject_type_id",
            "subject_id",
            "escalated_from_id",
            "state",
            "created_at",
            "updated_at",
        ),
        item_rows,
    )
    insert(
        Attendance,
        ("id", "meeting_id", "membership_id", "status", "attendee_id", "note", "created_at", "updated_at"),
        attendance_rows,
    )
    insert(Recusal, ("id", "item_id", "membership_id", "kind", "reason", "created_at", "updated_at"), recusal_rows)
    insert(Vote, ("id", "item_id", "membership_id", "choice", "cast_by_id", "cast_at", "written"), vote_rows)
    insert(
        Resolution,
        (
            "id",
            "item_id",
            "outcome",
            "effect",
            "priority_rank",
            "adjusted_budget",
            "remarks",
            "tally",
            "explanation",
            "pack_version",
            "decided_at",
            "recorded_by_id",
            "created_at",
            "updated_at",
        ),
        resolution_rows,
    )
    for key, rows in (
        ("bodies", body_rows),
        ("memberships", seat_rows),
        ("meetings", meeting_rows),
        ("agenda_items", item_rows),
        ("attendance", attendance_rows),
        ("recusals", recusal_rows),
        ("votes", vote_rows),
        ("resolutions", resolution_rows),
    ):
        ctx.count(key, len(rows))
    ctx.remember("governance.body", [(r[0], r[2]) for r in body_rows])
    ctx.remember("governance.membership", [(r[0], "위원") for r in seat_rows])
    ctx.remember("governance.meeting", [(r[0], r[3]) for r in meeting_rows])
    ctx.remember("governance.agendaitem", [(r[0], f"제{r[2]}호 {r[4]}") for r in item_rows])
    ctx.remember("governance.attendance", [(r[0], "출석") for r in attendance_rows])
    ctx.remember("governance.vote", [(r[0], "표결") for r in vote_rows])
    ctx.remember("governance.resolution", [(r[0], "의결") for r in resolution_rows])
    ctx.scratch["written_votes"] = _written_votes(meeting_rows, seats_of, vote_rows, item_rows, ctx)


def ctx_body_name(body_rows, body_id) -> str:
    for row in body_rows:
        if row[0] == body_id:
            return row[2]
    return ""


def _unit_staff(ctx: Context) -> dict[int, list[tuple[int, int]]]:
    cached = ctx.scratch.get("unit_staff")
    if cached is None:
        cached = defaultdict(list)
        for user_id, unit_id in ctx.user_units.items():
            cached[unit_id].append((user_id, unit_id))
        ctx.scratch["unit_staff"] = cached
    return cached


def _written_votes(meeting_rows, seats_of, vote_rows, item_rows, ctx) -> list[tuple]:
    """For the obligations phase: (meeting, seat, member, closes, replied) of every written deliberation (a4.11)."""
    item_meeting = {r[0]: r[1] for r in item_rows}
    replied = {(item_meeting[v[1]], v[2]) for v in vote_rows if v[6]}
    result = []
    for row in meeting_rows:
        if row[4] != MeetingMode.WRITTEN or row[7] == MeetingState.CANCELLED:
            continue
        pk, body_id, scheduled, closes = row[0], row[1], row[5], row[14]
        day = scheduled.date()
        for seat_pk, position_id, user_id, _chair, start, end in seats_of[body_id]:
            if start <= day <= end:
                member = user_id or ctx.positions[position_id].holder_on(day)
                if member:
                    result.append((pk, row[3], seat_pk, member, closes, (pk, seat_pk) in replied, row[7]))
    return result


def _cio_requests(ctx: Context) -> None:
    """조치 요구 (a3.4): a couple a month; each bureau or agency addressed owes an answer by the due date."""
    rng = ctx.rng("cio")
    wanted = max(2, round(20 * ctx.years * ctx.scale))
    cio = PositionModel.objects.filter(unit__code="KCS-IDP", is_head=True).first()
    recipients_pool = [u for u in ctx.units.values() if u.parent_id is None and u.kind != OrgUnitKind.TEAM]
    request_rows, recipient_rows = [], []
    heads = {p.unit_id: p for p in ctx.positions.values() if p.is_head}
    for _ in range(wanted):
        day = ctx.day_between(rng, ctx.start, ctx.today - dt.timedelta(days=1))
        requested_by = ctx.positions[cio.pk].holder_on(day) if cio else None
        if requested_by is None:
            requested_by = ctx.staff[0]
        title, content = rng.choice(vocab.CIO_REQUEST_TOPICS)
        pk = ctx.ids.one(CIORequest)
        due = day + dt.timedelta(days=rng.choice([14, 21, 30]))
        at = aware(day, 11)
        request_rows.append((pk, f"{day.year}년 {title}", content, due, requested_by, at, at, at))
        for unit in rng.sample(recipients_pool, min(len(recipients_pool), rng.randint(3, 8))):
            answered = (due < ctx.today and rng.random() < 0.93) or rng.random() < 0.3
            responded = aware(min(due, ctx.today) - dt.timedelta(days=rng.randint(0, 5)), 16) if answered else None
            head = heads.get(unit.pk)
            responder = head.holder_on(responded.date()) if (head and responded) else None
            rid = ctx.ids.one(CIORequestRecipient)
            recipient_rows.append(
                (
                    rid,
                    pk,
                    unit.pk,
                    "조치 완료 (결과 보고서 첨부)" if responded else "",
                    "",
                    responded,
                    responder,
                    at,
                    at,
                )
            )
    insert(
        CIORequest,
        ("id", "title", "content", "due_date", "requested_by_id", "requested_at", "created_at", "updated_at"),
        request_rows,
    )
    insert(
        CIORequestRecipient,
        (
            "id",
            "request_id",
            "unit_id",
            "response",
            "special_reason",
            "responded_at",
            "responded_by_id",
            "created_at",
            "updated_at",
        ),
        recipient_rows,
    )
    ctx.count("cio_requests", len(request_rows))
    ctx.count("cio_request_recipients", len(recipient_rows))
    ctx.remember("governance.ciorequest", [(r[0], r[1]) for r in request_rows])
    titles = {r[0]: (r[1], r[3]) for r in request_rows}
    ctx.scratch["cio_recipients"] = [
        (r[0], r[2], titles[r[1]][0], titles[r[1]][1], r[5], r[6], ctx.units[r[2]].name) for r in recipient_rows
    ]

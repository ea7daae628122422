"""Recusals, votes and resolutions: the quorum arithmetic applied, every vote in the hash chain."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from django.db import IntegrityError, transaction
from django.utils import timezone

from itms.audit.chain import record_event
from itms.audit.models import LegalEventKind
from itms.core.errors import Forbidden, Refused
from itms.core.formats import format_date
from itms.core.korean import josa
from itms.regulation.rules import RuleNotFound, param

from ..choices import (
    AgendaItemState,
    AttendanceStatus,
    BodyKind,
    MeetingState,
    ResolutionEffect,
    ResolutionOutcome,
    VoteChoice,
)
from ..error_codes import GovernanceErrors as E
from ..models import QUORUM_CLAUSES, QUORUM_RULES, AgendaItem, Meeting, Membership, Recusal, Resolution, Vote
from ..models.bodies import seat_holders
from ..quorum import Tally
from ..seats import is_chair, is_secretariat
from .meetings import chair_present, lock_meeting, require_secretariat

NO_QUORUM_CODES = {BodyKind.COUNCIL: E.COUNCIL_NO_QUORUM, BodyKind.EVALUATION: E.EVALUATION_NO_QUORUM}


class VoteRefused(Refused):
    """A vote that may not be cast (not a member, recused, closed, twice): refused, nothing changes."""


def tally(item: AgendaItem, rules: MeetingRules | None = None) -> Tally:
    """The counts for an item on its meeting's date, per the rule pack in force then."""
    return meeting_tally(
        item.meeting,
        recused={r.membership_id for r in item.recusals.all()},  # uses a prefetch when the page made one
        votes={v.membership_id: v.choice for v in item.votes.all()},
        rules=rules,
    )


def _meeting_base(meeting: Meeting) -> tuple[set[int], set[int], bool]:
    """Registered seats, seats present and whether someone presides — once per meeting instance.

    A page counts every item of a meeting; the counts that do not depend on the item are read once.
    Actions always work on freshly locked rows, so a cached base never outlives a change.
    """
    base = getattr(meeting, "_tally_base", None)
    if base is None:
        registered = set(meeting.registered_memberships().values_list("pk", flat=True))
        present = {
            a.membership_id
            for a in meeting.attendance.all()
            if a.status in (AttendanceStatus.PRESENT, AttendanceStatus.PROXY)
        }
        base = (registered, present, True if meeting.is_written else chair_present(meeting))
        meeting._tally_base = base
    return base


@dataclass(frozen=True)
class MeetingRules:
    """The quorum and majority ratios a meeting is counted with, and why, when they are not simply in force."""

    quorum: Fraction
    majority: Fraction
    note: str = ""


def meeting_rules(meeting: Meeting) -> MeetingRules:
    """The ratios in force on the meeting date, for showing a meeting (once per meeting instance).

    A meeting before the earliest rule pack (imported or generated history) has no rule in force: it shows
    the ratios its resolutions recorded when they were decided, else the earliest pack's, with a note.
    Recording a new resolution for such a date is refused by ``close_vote``.
    """
    rules = getattr(meeting, "_tally_rules", None)
    if rules is None:
        quorum_key, majority_key, _ = QUORUM_RULES[meeting.body.kind]
        day = meeting.meeting_date
        try:
            rules = MeetingRules(param(quorum_key, day).fraction, param(majority_key, day).fraction)
        except RuleNotFound:
            rules = _recorded_rules(meeting, quorum_key, majority_key)
            if rules is None:
                quorum = param(quorum_key, day, fallback="earliest")
                rules = MeetingRules(
                    quorum.fraction, param(majority_key, day, fallback="earliest").fraction, quorum.note
                )
        meeting._tally_rules = rules
    return rules


def _recorded_rules(meeting: Meeting, quorum_key: str, majority_key: str) -> MeetingRules | None:
    for tally_record in Resolution.objects.filter(item__meeting=meeting).order_by("pk").values_list("tally", flat=True):
        recorded = {r.get("parameter"): r for r in (tally_record or {}).get("rules", []) if "value" in r}
        if quorum_key in recorded and majority_key in recorded:
            version = recorded[quorum_key].get("pack_version", "")
            return MeetingRules(
                Fraction(str(recorded[quorum_key]["value"])),
                Fraction(str(recorded[majority_key]["value"])),
                f"이 회의의 날짜({format_date(meeting.meeting_date)})에 시행 중인 훈령이 없어, "
                f"의결할 때 기록된 {version}의 정족수·의결 기준으로 표시합니다.",
            )
    return None


def meeting_tally(
    meeting: Meeting, *, recused: set[int] = frozenset(), votes: dict | None = None, rules: MeetingRules | None = None
) -> Tally:
    """The counts for a meeting (and, given its recusals and votes, for one of its items)."""
    _quorum_key, _majority_key, inclusive = QUORUM_RULES[meeting.body.kind]
    rules = rules or meeting_rules(meeting)
    registered, attending, presiding = _meeting_base(meeting)
    recused = set(recused) & registered
    eligible = registered - recused
    votes = {member: choice for member, choice in (votes or {}).items() if member in eligible}
    # In written deliberation, returning a vote is taking part.
    present = set(votes) if meeting.is_written else attending & eligible
    counted = [choice for member, choice in votes.items() if member in present]
    return Tally(
        registered=len(eligible),
        present=len(present),
        recused=len(recused),
        votes_for=counted.count(VoteChoice.FOR),
        votes_against=counted.count(VoteChoice.AGAINST),
        abstentions=counted.count(VoteChoice.ABSTAIN),
        quorum_ratio=rules.quorum,
        majority_ratio=rules.majority,
        quorum_inclusive=inclusive,
        presiding=presiding,
    )


@transaction.atomic
def record_recusal(*, actor, item: AgendaItem, membership: Membership, kind: str, reason: str) -> Recusal:
    """제척·기피·회피: the member takes no part in this item (docs/adr/0011)."""
    item = _lock_item(item.pk)
    if not is_secretariat(actor, item.meeting.body, item.meeting.meeting_date):
        raise Forbidden(E.RECUSAL_WHO)
    if not reason.strip():
        raise Refused(E.REASON_REQUIRED, field="reason", what="제척·기피·회피의")
    if hasattr(item, "resolution"):
        raise Refused(E.ITEM_DECIDED)
    if item.state not in (AgendaItemState.PENDING, AgendaItemState.VOTING):
        raise Refused(E.ITEM_STATE, what=josa("제척·기피·회피 기록", "을/를"), state=item.get_state_display())
    if not item.meeting.registered_memberships().filter(pk=membership.pk).exists():
        raise Refused(E.RECUSAL_NOT_REGISTERED, field="membership")
    if item.votes.filter(membership=membership).exists():
        raise Refused(E.RECUSAL_AFTER_VOTE)
    recusal = Recusal(item=item, membership=membership, kind=kind, reason=reason)
    recusal.full_clean()
    recusal.save()
    return recusal


def _lock_item(pk: int) -> AgendaItem:
    """The meeting row, then the item, both FOR NO KEY UPDATE; the item comes back fresh with its meeting.

    Every meeting action locks the meeting first (the workflow does too), so a vote, the close of a vote and
    the close of the meeting never wait for each other in opposite orders. ``of=("self",)``: locking through
    the join would also lock the body FOR UPDATE, which blocks the foreign-key check of a transaction that
    holds the chain head (the deadlock of docs/quality.md, "Load").
    """
    meeting_id = AgendaItem.objects.filter(pk=pk).values_list("meeting_id", flat=True).get()
    lock_meeting(meeting_id)
    return AgendaItem.objects.select_for_update(no_key=True, of=("self",)).select_related("meeting__body").get(pk=pk)


def _require_state(item: AgendaItem, state: str, what: str) -> None:
    if hasattr(item, "resolution"):
        raise Refused(E.ITEM_DECIDED)
    if item.state != state:
        raise Refused(E.ITEM_STATE, what=josa(what, "을/를"), state=item.get_state_display())


def _item_transition(item: AgendaItem, name: str, *, actor, data: dict | None = None) -> AgendaItem:
    from ..workflows import run_transition

    return run_transition(item, name, actor=actor, data=data)


@transaction.atomic
def open_voting(*, actor, item: AgendaItem) -> AgendaItem:
    """표결 시작: the item's workflow moves from 상정 to 표결 중 (a4.8), taken by the chair or the secretary."""
    item = _lock_item(item.pk)
    require_secretariat(actor, item.meeting.body, "표결 시작", item.meeting.meeting_date)
    _require_state(item, AgendaItemState.PENDING, "표결 시작")
    if item.meeting.state != MeetingState.IN_SESSION:
        raise Refused(E.NOT_IN_SESSION)
    return _item_transition(item, "open_voting", actor=actor)


@transaction.atomic
def suspend_voting(*, actor, item: AgendaItem, reason: str) -> AgendaItem:
    """표결 중지: back to 상정 without a resolution (e.g. members left and the quorum is lost); votes stay."""
    item = _lock_item(item.pk)
    require_secretariat(actor, item.meeting.body, "표결 중지", item.meeting.meeting_date)
    _require_state(item, AgendaItemState.VOTING, "표결 중지")
    if not reason.strip():
        raise Refused(E.REASON_REQUIRED, field="reason", what="표결 중지")
    return _item_transition(item, "suspend_voting", actor=actor, data={"reason": reason.strip()})


@transaction.atomic
def withdraw_item(*, actor, item: AgendaItem, reason: str) -> AgendaItem:
    """안건 철회: an item not yet put to the vote is taken off the agenda, with the reason (a4.9)."""
    item = _lock_item(item.pk)
    require_secretariat(actor, item.meeting.body, "안건 철회", item.meeting.meeting_date)
    _require_state(item, AgendaItemState.PENDING, "안건 철회")
    if item.meeting.state in (MeetingState.CLOSED, MeetingState.CANCELLED):
        raise Refused(E.WITHDRAW_CLOSED)
    if not reason.strip():
        raise Refused(E.REASON_REQUIRED, field="reason", what="철회")
    return _item_transition(item, "withdraw", actor=actor, data={"reason": reason.strip()})


def _voter_for(actor, item: AgendaItem, membership: Membership) -> bool:
    """The member themself, their proxy at this meeting, or the secretary recording an in-person vote."""
    meeting = item.meeting
    day = meeting.meeting_date
    if seat_holders([membership], day)[membership.pk] == actor:
        return True
    if not meeting.is_written:
        attendance = meeting.attendance.filter(membership=membership).first()
        if attendance and attendance.status == AttendanceStatus.PROXY and attendance.attendee_id == actor.pk:
            return True
        return is_secretariat(actor, meeting.body, day)
    return False


def cast_vote(*, actor, item: AgendaItem, membership: Membership, choice: str) -> Vote:
    """One vote per member per item, chained. Refusals (not a member, recused, closed, twice) change nothing.

    The meeting and item rows are locked first, so a vote and the closing of the vote never interleave:
    whichever comes second sees the other's result (a4.8, a4.11). Casting is an act of the member, not a
    change of the item's state: the item stays 표결 중 until the chair or the secretary closes the vote.
    """
    if choice not in VoteChoice.values:
        raise VoteRefused(E.VOTE_CHOICE)
    try:
        with transaction.atomic():
            locked = _lock_item(item.pk)
            meeting = locked.meeting
            if locked.state != AgendaItemState.VOTING or hasattr(locked, "resolution"):
                raise VoteRefused(E.VOTING_NOT_OPEN)
            if meeting.is_written and meeting.voting_closes_at and timezone.now() > meeting.voting_closes_at:
                raise VoteRefused(E.WRITTEN_CLOSED)
            if not meeting.registered_memberships().filter(pk=membership.pk).exists():
                raise VoteRefused(E.NOT_REGISTERED)
            if locked.recusals.filter(membership=membership).exists():
                raise VoteRefused(E.RECUSED)
            if (
                not meeting.is_written
                and not meeting.attendance.filter(
                    membership=membership, status__in=(AttendanceStatus.PRESENT, AttendanceStatus.PROXY)
                ).exists()
            ):
                raise VoteRefused(E.ABSENT)
            if not _voter_for(actor, locked, membership):
                raise Forbidden(E.VOTER_WHO)
            vote = Vote.objects.create(
                item=locked, membership=membership, choice=choice, cast_by=actor, written=meeting.is_written
            )
            record_event(
                kind=LegalEventKind.VOTE_CAST,
                actor=actor,
                subject=locked,
                summary=f"{locked} — {membership.holder_label(meeting.meeting_date)}: {vote.get_choice_display()}",
                payload={
                    "meeting": meeting.pk,
                    "item": locked.pk,
                    "membership": membership.pk,
                    "choice": choice,
                    "written": meeting.is_written,
                    "cast_by": actor.pk,
                },
                clause_ids=list(QUORUM_CLAUSES[meeting.body.kind]),
            )
            return vote
    except IntegrityError as error:
        raise VoteRefused(E.VOTED_TWICE) from error


ResolutionHandler = Callable[[Resolution], None]
RESOLUTION_HANDLERS: dict[str, ResolutionHandler] = {}


def register_resolution_handler(model_label: str, handler: ResolutionHandler) -> None:
    """Lets a chapter react to decisions on its subjects (planning: approve, hold, priority, budget — a8.8).

    The handler gets the new ``Resolution`` inside the transaction that records it (its item is already
    의결); raising refuses the whole decision and nothing is recorded.
    """
    RESOLUTION_HANDLERS[model_label] = handler


@transaction.atomic
def close_vote(
    *,
    actor,
    item: AgendaItem,
    effect: str | None = None,
    priority_rank: int | None = None,
    adjusted_budget: int | None = None,
    remarks: str = "",
) -> Resolution:
    """Fixes the outcome with its arithmetic. No resolution without quorum (a4.8, a5.8; a15.5).

    The item's workflow moves 표결 중 → 의결 (``record_resolution`` is that transition's effect).
    """
    locked = _lock_item(item.pk)
    require_secretariat(actor, locked.meeting.body, "의결 기록", locked.meeting.meeting_date)
    _require_state(locked, AgendaItemState.VOTING, "의결 기록")
    data = {"effect": effect, "priority_rank": priority_rank, "adjusted_budget": adjusted_budget, "remarks": remarks}
    _item_transition(locked, "close_vote", actor=actor, data=data)
    return Resolution.objects.get(item_id=locked.pk)


def record_resolution(item: AgendaItem, ctx) -> None:
    """Effect of the item's ``close_vote`` transition: the resolution, its handler, the chained event."""
    actor, data = ctx["actor"], ctx.get("data") or {}
    effect = data.get("effect") or None
    priority_rank = data.get("priority_rank")
    adjusted_budget = data.get("adjusted_budget")
    remarks = data.get("remarks") or ""
    meeting = item.meeting
    clauses = list(QUORUM_CLAUSES[meeting.body.kind])
    clause_text = ", ".join(_clause_label(c) for c in clauses)
    quorum_key, majority_key, _ = QUORUM_RULES[meeting.body.kind]
    try:
        readings = [param(quorum_key, meeting.meeting_date), param(majority_key, meeting.meeting_date)]
    except RuleNotFound as error:
        # A decision is made under the rule in force on its date, and records it; none is made without one.
        raise Refused(E.NO_RULE_IN_FORCE, error=str(error), clauses=clause_text) from error
    counts = tally(item, MeetingRules(readings[0].fraction, readings[1].fraction))
    if not counts.has_quorum:
        code = NO_QUORUM_CODES.get(meeting.body.kind, E.NO_QUORUM)
        raise Refused(code, clauses=clause_text, explanation=counts.explanation())
    if not counts.has_votes:
        raise Refused(E.NO_VOTES)
    outcome = ResolutionOutcome.PASSED if counts.passes else ResolutionOutcome.REJECTED
    if effect is None:
        effect = ResolutionEffect.APPROVE if counts.passes else ResolutionEffect.REJECT
    if outcome == ResolutionOutcome.REJECTED and effect not in (ResolutionEffect.REJECT, ResolutionEffect.HOLD):
        raise Refused(E.REJECTED_EFFECT, field="effect")
    if effect == ResolutionEffect.APPROVE_ADJUSTED and priority_rank is None and adjusted_budget is None:
        raise Refused(E.ADJUSTED_NEEDS, field="effect")
    if adjusted_budget is not None and adjusted_budget < 0:
        raise Refused(E.NEGATIVE_BUDGET, field="adjusted_budget")
    resolution = Resolution.objects.create(
        item=item,
        outcome=outcome,
        effect=effect,
        priority_rank=priority_rank,
        adjusted_budget=adjusted_budget,
        remarks=remarks,
        tally={**counts.snapshot(), "rules": [r.record() for r in readings]},
        explanation=counts.explanation()[:500],
        pack_version=readings[0].pack_version,
        recorded_by=actor,
    )
    # The chapter applies the decision (locking and updating its plan and project) before the resolution is
    # chained: the chain head is the last lock taken, so no action holding it ever waits for another row.
    if item.subject_type_id:
        handler = RESOLUTION_HANDLERS.get(item.subject_type.model_class()._meta.label_lower)
        if handler is not None:
            handler(resolution)
    record_event(
        kind=LegalEventKind.RESOLUTION_RECORDED,
        actor=actor,
        subject=item,
        summary=f"{item} — {resolution.get_outcome_display()} ({resolution.get_effect_display()})",
        payload={
            "meeting": meeting.pk,
            "item": item.pk,
            "tally": counts.snapshot(),
            "effect": effect,
            "priority_rank": priority_rank,
            "adjusted_budget": adjusted_budget,
        },
        clause_ids=clauses,
        pack_version=resolution.pack_version,
    )


def _clause_label(clause_id: str) -> str:
    """a4.8 → 제4조제8항 (as refusals show clause ids)."""
    from itms.regulation.clauses import label

    return label(clause_id).replace(" ", "")


@transaction.atomic
def escalate_item(*, actor, item: AgendaItem, to_meeting: Meeting) -> AgendaItem:
    """The council chair puts an item on the committee's agenda (a5.5); the history is kept."""
    from ..choices import CommitteeAgendaKind
    from .meetings import add_agenda_item

    if item.meeting.body.kind != BodyKind.COUNCIL or to_meeting.body.kind != BodyKind.COMMITTEE:
        raise Refused(E.ESCALATE_BODIES)
    if not (is_chair(actor, item.meeting.body) or actor.is_superuser):
        raise Forbidden(E.ESCALATE_WHO)
    kind = {
        "a5.4.1": CommitteeAgendaKind.SYSTEM_PLAN,
        "a5.4.5": CommitteeAgendaKind.PERFORMANCE,
        "a5.4.6": CommitteeAgendaKind.CONSOLIDATION,
    }.get(item.kind, CommitteeAgendaKind.OTHER)
    return add_agenda_item(
        actor=actor,
        meeting=to_meeting,
        kind=kind,
        title=item.title,
        description=item.description,
        subject=item.subject,
        proposing_unit=item.proposing_unit,
        escalated_from=item,
    )

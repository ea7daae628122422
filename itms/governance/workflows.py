"""The meeting's life (convened → agenda distributed → in session → closed; or written deliberation), each agenda
item's (상정 → 표결 중 → 의결 / 철회) and the minutes' (draft → confirmed → locked).

Every state here is written by the workflow engine only (``Workflow.execute``): the actions in
``governance.actions`` check who acts and lock the rows, then take the transition through ``run_transition``,
which turns the engine's refusals into the app's coded ones.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone

from itms.core.errors import Code, Refused
from itms.core.formats import format_date
from itms.regulation.obligations import meet_obligation, open_obligation, waive_obligation
from itms.regulation.workflows import Blocked, Guard, Transition, TransitionError, Workflow, register_workflow

from .choices import AgendaItemState, BodyKind, MeetingState
from .error_codes import GovernanceErrors as E
from .forms import CloseVoteForm
from .models import AgendaItem, Meeting
from .models.bodies import seat_holders
from .seats import is_chair, is_secretariat, presides

S = MeetingState
I = AgendaItemState  # noqa: E741 - the item's states, as S is the meeting's

# A guard is made from the code it enforces, so that a blocked transition refuses with that code.
GUARD_CODES: dict[tuple[str, str], Code] = {}


def guard(code: Code, check) -> Guard:
    GUARD_CODES[(code.clause, code.message)] = code
    return Guard(code.clause, code.message, check)


def run_transition(obj, name: str, *, actor, data: dict | None = None):
    """``Workflow.execute`` for the app's actions: a blocked or stale transition is refused with a code."""
    try:
        return type(obj).workflow.execute(obj, name, actor=actor, data=data)
    except Blocked as blocked:
        first = blocked.guards[0]
        code = GUARD_CODES.get((first.clause_id, first.message))
        if code is None:
            raise Refused(E.STEP_REFUSED, str(blocked)) from blocked
        raise Refused(code) from blocked
    except TransitionError as error:
        raise Refused(E.STEP_REFUSED, str(error)) from error


def _secretariat(user, meeting: Meeting) -> bool:
    return is_secretariat(user, meeting.body, meeting.meeting_date)


# Who may take a step, in words, for refusals ("'안건 배포'는 위원회 간사·위원장만 할 수 있습니다.").
SECRETARIAT = "위원회 간사·위원장"  # is_secretariat: the secretary or the chair (a4.9, a5.2)
PRESIDING_OR_SECRETARIAT = "회의를 주재하는 위원장(직무대행 포함)·간사"  # presides (a4.7) or the secretariat
CHAIR = "위원장"  # the chair of the body on the meeting's date (a4.11)
PRESIDING = "회의를 주재한 위원장(직무대행 포함)"  # presides (a4.7, a4.9)


def _quorum_for(kind: str):
    """Can the session start? The meeting-level count, before any recusal (a4.8, a5.8)."""

    def check(meeting: Meeting, ctx) -> bool:
        from .actions.votes import meeting_tally

        return meeting.body.kind != kind or meeting.is_written or meeting_tally(meeting).has_quorum

    return check


def _agenda_distributed(meeting: Meeting, ctx) -> bool:
    return meeting.body.kind != BodyKind.COMMITTEE or meeting.agenda_distributed_at is not None


def _has_items(meeting: Meeting, ctx) -> bool:
    return meeting.items.exclude(state=I.WITHDRAWN).exists()


class DistributeForm(forms.Form):
    late_reason = forms.CharField(
        label="늦어진 사유 (배포 기한이 지났으면 적어야 함, 제4조제10항)", max_length=300, required=False
    )


def _record_distribution(meeting: Meeting, ctx) -> None:
    """The agenda reaches the members (a4.9). After the a4.10 deadline the secretary says why, and the
    obligation is recorded as met late, with the reason — never as met on time."""
    from .actions.meetings import _distribution_late, distribution_due

    reason = ((ctx.get("data") or {}).get("late_reason") or "").strip()
    late = _distribution_late(meeting)
    if late and not reason:
        raise Refused(E.LATE_REASON_REQUIRED, field="late_reason", due=format_date(distribution_due(meeting)))
    meeting.agenda_distributed_at = timezone.now()
    meeting.agenda_distribution_late = late
    meeting.agenda_late_reason = reason if late else ""
    meeting.save(
        update_fields=["agenda_distributed_at", "agenda_distribution_late", "agenda_late_reason", "updated_at"]
    )
    note = f"안건 {meeting.items.exclude(state=I.WITHDRAWN).count()}건 배포"
    meet_obligation(
        kind="agenda_distribution",
        subject=meeting,
        actor=ctx["actor"],
        at=meeting.agenda_distributed_at,
        note=f"{note} — 늦어진 사유: {reason}" if late else note,
    )


class OpenForm(forms.Form):
    reason = forms.CharField(label="예정일 전 개회 사유 (회의일 전에 열 때만)", max_length=300, required=False)


def _opened(meeting: Meeting, ctx) -> None:
    """Records when the session actually opened; before the scheduled date only with a reason (a4.6, a4.10)."""
    now = timezone.now()
    reason = ((ctx.get("data") or {}).get("reason") or "").strip()
    early = timezone.localtime(now).date() < meeting.meeting_date
    if early and not reason:
        raise Refused(E.EARLY_OPEN_REASON, field="reason", day=format_date(meeting.meeting_date))
    meeting.opened_at = now
    meeting.early_open_reason = reason if early else ""
    meeting.save(update_fields=["opened_at", "early_open_reason", "updated_at"])


def _closed(meeting: Meeting, ctx) -> None:
    meeting.closed_at = timezone.now()
    meeting.save(update_fields=["closed_at", "updated_at"])


def _no_open_votes(meeting: Meeting, ctx) -> bool:
    return not meeting.items.filter(state=I.VOTING).exists()


class WrittenForm(forms.Form):
    reason = forms.CharField(label="서면 심의 사유", max_length=300)
    closes_at = forms.DateTimeField(label="마감 일시", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))

    def clean_closes_at(self):
        closes = self.cleaned_data["closes_at"]
        if closes <= timezone.now():
            raise forms.ValidationError("마감 일시는 지금 이후여야 합니다.")
        return closes


def _start_written(meeting: Meeting, ctx) -> None:
    data = ctx["data"]
    meeting.written_reason = data.get("reason") or meeting.written_reason
    meeting.voting_closes_at = data.get("closes_at") or meeting.voting_closes_at
    meeting.opened_at = timezone.now()
    meeting.save(update_fields=["written_reason", "voting_closes_at", "opened_at", "updated_at"])
    for item in meeting.items.filter(state=I.PENDING).order_by("number"):
        run_transition(item, "open_voting", actor=ctx["actor"])
    seats = list(meeting.registered_memberships())
    due = timezone.localtime(meeting.voting_closes_at).date()
    for seat, member in seat_holders(seats, meeting.meeting_date).items():
        if member is not None:
            # Each member owes a reply before the close: the daily sweep reminds them (a4.11).
            open_obligation(
                kind="written_vote",
                subject=meeting,
                key=f"membership-{seat}",
                owed_by_user=member,
                due=due,
                explanation=f"서면 의결 마감 {timezone.localtime(meeting.voting_closes_at):%Y-%m-%d %H:%M}",
                actor=ctx["actor"],
                title=f"서면 의결: {meeting}",
            )


def _finish_written(meeting: Meeting, ctx) -> None:
    """The outcome of every item is fixed when written deliberation closes (a4.11, a5.9)."""
    from .actions.meetings import meeting_obligations
    from .actions.votes import tally

    for item in meeting.items.filter(state=I.VOTING).order_by("number"):
        if tally(item).has_quorum:
            run_transition(item, "close_vote", actor=ctx["actor"], data={})
        else:
            run_transition(
                item,
                "suspend_voting",
                actor=ctx["actor"],
                data={"reason": "서면 의결 마감: 정족수에 미달하여 의결하지 못함"},
            )
    voted = {f"membership-{v}" for v in meeting.items.values_list("votes__membership_id", flat=True) if v}
    for obligation in meeting_obligations(meeting).filter(kind="written_vote"):
        if obligation.key in voted:
            meet_obligation(kind="written_vote", subject=meeting, key=obligation.key, actor=ctx["actor"])
        else:
            waive_obligation(obligation=obligation, actor=ctx["actor"], reason="서면 의결 마감 (미회신)")
    _closed(meeting, ctx)


def _written_may_close(meeting: Meeting, ctx) -> bool:
    if meeting.voting_closes_at and timezone.now() >= meeting.voting_closes_at:
        return True
    seats = set(meeting.registered_memberships().values_list("pk", flat=True))
    return all(
        seats <= set(item.votes.values_list("membership_id", flat=True))
        for item in meeting.items.filter(state=I.VOTING)
    )


class CancelForm(forms.Form):
    reason = forms.CharField(label="취소 사유", max_length=200)


def _cancel(meeting: Meeting, ctx) -> None:
    from .actions.meetings import meeting_obligations

    for obligation in meeting_obligations(meeting):
        waive_obligation(obligation=obligation, actor=ctx["actor"], reason=f"회의 취소: {ctx['data']['reason']}")


Meeting.workflow = Workflow(
    states=dict(MeetingState.choices),
    transitions=[
        Transition(
            "distribute",
            "안건 배포",
            source=(S.CONVENED,),
            target=S.DISTRIBUTED,
            when=lambda meeting: not meeting.is_written,
            may=_secretariat,
            actor_label=SECRETARIAT,
            guards=(guard(E.NOTHING_TO_DISTRIBUTE, _has_items),),
            form=DistributeForm,
            effects=(_record_distribution,),
            clause_ids=("a4.9", "a4.10"),
        ),
        Transition(
            "open",
            "개회",
            source=(S.CONVENED, S.DISTRIBUTED),
            target=S.IN_SESSION,
            when=lambda meeting: not meeting.is_written,
            may=lambda user, meeting: presides(user, meeting) or _secretariat(user, meeting),
            actor_label=PRESIDING_OR_SECRETARIAT,
            guards=(
                guard(E.AGENDA_NOT_DISTRIBUTED, _agenda_distributed),
                guard(E.OPEN_QUORUM, _quorum_for(BodyKind.COMMITTEE)),
                guard(E.COUNCIL_OPEN_QUORUM, _quorum_for(BodyKind.COUNCIL)),
                # The 과업심의위원회 and the 기술평가위원회 follow the general rule until Chapter 4 (a13.1, a15.5).
                guard(E.TASK_OPEN_QUORUM, _quorum_for(BodyKind.TASK_DELIBERATION)),
                guard(E.EVALUATION_OPEN_QUORUM, _quorum_for(BodyKind.EVALUATION)),
            ),
            form=OpenForm,
            effects=(_opened,),
            clause_ids=("a4.8", "a5.8"),
        ),
        Transition(
            "close",
            "폐회",
            source=(S.IN_SESSION,),
            target=S.CLOSED,
            may=_secretariat,
            actor_label=SECRETARIAT,
            when=lambda meeting: not meeting.is_written,
            guards=(guard(E.OPEN_VOTES, _no_open_votes),),
            effects=(_closed,),
            clause_ids=("a4.9",),
        ),
        Transition(
            "start_written",
            "서면 심의·의결 개시",
            source=(S.CONVENED, S.DISTRIBUTED),
            target=S.VOTING,
            when=lambda meeting: meeting.is_written,
            may=lambda user, meeting: is_chair(user, meeting.body, meeting.meeting_date) or user.is_superuser,
            actor_label=CHAIR,
            guards=(guard(E.WRITTEN_NO_ITEMS, _has_items),),
            form=WrittenForm,
            effects=(_start_written,),
            clause_ids=("a4.11", "a5.9"),
        ),
        Transition(
            "finish_written",
            "서면 의결 마감",
            source=(S.VOTING,),
            target=S.CLOSED,
            may=_secretariat,
            actor_label=SECRETARIAT,
            when=lambda meeting: meeting.is_written,
            guards=(guard(E.WRITTEN_NOT_ALL_VOTED, _written_may_close),),
            effects=(_finish_written,),
            clause_ids=("a4.11", "a5.9"),
        ),
        Transition(
            "cancel",
            "회의 취소",
            source=(S.CONVENED, S.DISTRIBUTED),
            target=S.CANCELLED,
            may=_secretariat,
            actor_label=SECRETARIAT,
            form=CancelForm,
            effects=(_cancel,),
            clause_ids=("a4.6",),
            button="outline-danger",
        ),
    ],
)
register_workflow(Meeting)


# --- agenda items: 상정 → 표결 중 → 의결, or 철회 (a4.8, a4.9, a4.11) ------------------------------------------
def _item_secretariat(user, item: AgendaItem) -> bool:
    return is_secretariat(user, item.meeting.body, item.meeting.meeting_date)


def _meeting_votes(item: AgendaItem, ctx) -> bool:
    """Votes are taken while the session is open, or while written deliberation runs (a4.8, a4.11)."""
    meeting = item.meeting
    return meeting.state == S.IN_SESSION or (meeting.is_written and meeting.state == S.VOTING)


def _meeting_not_over(item: AgendaItem, ctx) -> bool:
    return item.meeting.state not in (S.CLOSED, S.CANCELLED)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="사유", max_length=300)


def _record_reason(item: AgendaItem, ctx) -> None:
    item.state_reason = ((ctx.get("data") or {}).get("reason") or "").strip()[:300]
    item.save(update_fields=["state_reason", "updated_at"])


def _resolution(item: AgendaItem, ctx) -> None:
    from .actions.votes import record_resolution

    record_resolution(item, ctx)


AgendaItem.workflow = Workflow(
    states=dict(AgendaItemState.choices),
    transitions=[
        Transition(
            "open_voting",
            "표결 시작",
            source=(I.PENDING,),
            target=I.VOTING,
            may=_item_secretariat,
            actor_label=SECRETARIAT,
            guards=(guard(E.NOT_IN_SESSION, _meeting_votes),),
            clause_ids=("a4.8",),
        ),
        Transition(
            "close_vote",
            "표결 마감·의결 기록",
            source=(I.VOTING,),
            target=I.DECIDED,
            may=_item_secretariat,
            actor_label=SECRETARIAT,
            form=CloseVoteForm,
            effects=(_resolution,),
            clause_ids=("a4.8", "a5.8"),
        ),
        Transition(
            "suspend_voting",
            "표결 중지",
            source=(I.VOTING,),
            target=I.PENDING,
            may=_item_secretariat,
            actor_label=SECRETARIAT,
            form=ReasonForm,
            effects=(_record_reason,),
            clause_ids=("a4.8",),
            button="outline-warning",
        ),
        Transition(
            "withdraw",
            "안건 철회",
            source=(I.PENDING,),
            target=I.WITHDRAWN,
            may=_item_secretariat,
            actor_label=SECRETARIAT,
            guards=(guard(E.WITHDRAW_CLOSED, _meeting_not_over),),
            form=ReasonForm,
            effects=(_record_reason,),
            clause_ids=("a4.9",),
            button="outline-danger",
        ),
    ],
)
register_workflow(AgendaItem)


# --- minutes: draft → confirmed by the chair → locked with their hash (a4.9) -------------------------------
def _minutes_workflow():
    from .actions import minutes as m
    from .choices import MinutesState as M
    from .models import Minutes

    Minutes.workflow = Workflow(
        states=dict(M.choices),
        transitions=[
            Transition(
                "confirm",
                "위원장 확인",
                source=(M.DRAFT,),
                target=M.CONFIRMED,
                may=m.may_confirm,
                actor_label=PRESIDING,
                guards=(Guard("a4.9", "회의록 파일을 먼저 작성하십시오.", m.files_present),),
                effects=(m.confirm,),
                clause_ids=("a4.9",),
            ),
            Transition(
                "lock",
                "확정(잠금)",
                source=(M.CONFIRMED,),
                target=M.LOCKED,
                may=m.may_lock,
                actor_label=SECRETARIAT,
                effects=(m.lock,),
                clause_ids=("a4.9",),
            ),
        ],
    )
    register_workflow(Minutes)


_minutes_workflow()

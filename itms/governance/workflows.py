"""The meeting's life: convened → agenda distributed → in session → closed; or written deliberation."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from itms.regulation.obligations import meet_obligation, open_obligation, waive_obligation
from itms.regulation.workflows import Guard, Transition, Workflow, register_workflow

from .choices import BodyKind, MeetingState
from .models import Meeting
from .models.bodies import seat_holders
from .seats import is_chair, is_secretariat, presides

S = MeetingState


def _secretariat(user, meeting: Meeting) -> bool:
    return is_secretariat(user, meeting.body, meeting.meeting_date)


def _quorum_for(kind: str):
    """Can the session start? The meeting-level count, before any recusal (a4.8, a5.8)."""

    def check(meeting: Meeting, ctx) -> bool:
        from .actions.votes import meeting_tally

        return meeting.body.kind != kind or meeting.is_written or meeting_tally(meeting).has_quorum

    return check


def _agenda_distributed(meeting: Meeting, ctx) -> bool:
    return meeting.body.kind != BodyKind.COMMITTEE or meeting.agenda_distributed_at is not None


def _has_items(meeting: Meeting, ctx) -> bool:
    return meeting.items.exists()


def _record_distribution(meeting: Meeting, ctx) -> None:
    from .actions.meetings import _distribution_late

    meeting.agenda_distributed_at = timezone.now()
    meeting.agenda_distribution_late = _distribution_late(meeting)
    meeting.save(update_fields=["agenda_distributed_at", "agenda_distribution_late", "updated_at"])
    meet_obligation(
        kind="agenda_distribution", subject=meeting, actor=ctx["actor"], note=f"안건 {meeting.items.count()}건 배포"
    )


def _opened(meeting: Meeting, ctx) -> None:
    meeting.opened_at = timezone.now()
    meeting.save(update_fields=["opened_at", "updated_at"])


def _closed(meeting: Meeting, ctx) -> None:
    meeting.closed_at = timezone.now()
    meeting.save(update_fields=["closed_at", "updated_at"])


def _no_open_votes(meeting: Meeting, ctx) -> bool:
    return not meeting.items.filter(voting_open=True).exists()


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
    meeting.items.update(voting_open=True)
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
    from .actions.votes import close_vote, tally

    for item in meeting.items.filter(resolution__isnull=True):
        if tally(item).has_quorum:
            close_vote(actor=ctx["actor"], item=item)
        else:
            item.voting_open = False
            item.save(update_fields=["voting_open", "updated_at"])
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
    return all(seats <= set(item.votes.values_list("membership_id", flat=True)) for item in meeting.items.all())


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
            guards=(Guard("a4.9", "배포할 안건이 없습니다.", _has_items),),
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
            guards=(
                Guard("a4.10", "회의 안건을 배포한 뒤에 회의를 열 수 있습니다.", _agenda_distributed),
                Guard(
                    "a4.8",
                    "위원장(직무대행)을 포함한 재적위원 과반수가 출석해야 회의를 시작합니다.",
                    _quorum_for(BodyKind.COMMITTEE),
                ),
                Guard(
                    "a5.8",
                    "위원장(직무대행)을 포함한 재적위원 과반수가 출석해야 회의를 시작합니다.",
                    _quorum_for(BodyKind.COUNCIL),
                ),
            ),
            effects=(_opened,),
            clause_ids=("a4.8", "a5.8"),
        ),
        Transition(
            "close",
            "폐회",
            source=(S.IN_SESSION,),
            target=S.CLOSED,
            may=_secretariat,
            when=lambda meeting: not meeting.is_written,
            guards=(Guard("a4.8", "표결 중인 안건의 의결을 먼저 기록하십시오.", _no_open_votes),),
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
            guards=(Guard("a4.11", "서면으로 부칠 안건이 없습니다.", _has_items),),
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
            when=lambda meeting: meeting.is_written,
            guards=(
                Guard("a4.11", "마감 일시 전에는 모든 재적위원이 표결해야 마감할 수 있습니다.", _written_may_close),
            ),
            effects=(_finish_written,),
            clause_ids=("a4.11", "a5.9"),
        ),
        Transition(
            "cancel",
            "회의 취소",
            source=(S.CONVENED, S.DISTRIBUTED),
            target=S.CANCELLED,
            may=_secretariat,
            form=CancelForm,
            effects=(_cancel,),
            clause_ids=("a4.6",),
            button="outline-danger",
        ),
    ],
)
register_workflow(Meeting)


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
                effects=(m.lock,),
                clause_ids=("a4.9",),
            ),
        ],
    )
    register_workflow(Minutes)


_minutes_workflow()

"""Committee screens: the body page, the secretary's meeting workspace, the live panel, 내 회의, CIO requests.

Every POST calls one function of governance.actions; refusals come back as Korean messages and
change nothing (the actions run in one transaction).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from itms.accounts.models import OrgUnit
from itms.core.action_views import form_action, run
from itms.core.errors import Forbidden
from itms.core.forms import freeze_choices
from itms.core.korean import josa
from itms.regulation.models import Obligation

from . import actions, forms
from .choices import AgendaItemState, AttendanceStatus, BodyKind, MeetingState
from .composition import composition_warnings
from .error_codes import GovernanceErrors as E
from .error_codes import for_body
from .models import AgendaItem, Body, CIORequest, CIORequestRecipient, ConveningDemand, Meeting, Membership, Minutes
from .models.bodies import seat_holders
from .seats import is_secretariat, membership_of, memberships_of, presides


# --- helpers ------------------------------------------------------------------------------------------
def _visible(model, request, pk):
    obj = model.objects.restrict(request.user, "view").filter(pk=pk).first()
    if obj is None:
        raise Http404("자료를 찾을 수 없습니다.")
    return obj


# --- bodies -----------------------------------------------------------------------------------------------
def body_context(body: Body, request) -> dict:
    from .actions.demands import demand_threshold, open_demands

    today = timezone.localdate()
    seats = list(body.memberships.active_on(today).select_related("position", "user"))
    holders = seat_holders(seats, today)
    context = {
        "seats": [(seat, holders[seat.pk]) for seat in seats],
        "warnings": composition_warnings(body, today),
        "meetings": body.meetings.order_by("-scheduled_at")[:20],
        "chair": body.chair_on(today),
        "can_convene": is_secretariat(request.user, body, today),
    }
    if body.kind == BodyKind.COMMITTEE:
        my_seat = membership_of(request.user, body, today)
        demands = list(open_demands(body))
        context.update(
            demands=[(d, {s.membership_id for s in d.signers.all()}) for d in demands],
            my_seat=my_seat if my_seat is not None and my_seat.is_voting else None,
            demand_form=forms.ConveningDemandForm(),
            demand_threshold=demand_threshold(body, today),
        )
    return context


@login_required
def convene(request, pk: int):
    body = _visible(Body, request, pk)
    if not is_secretariat(request.user, body):
        raise Forbidden(for_body(body, E.CONVENE_WHO, E.COUNCIL_CONVENE_WHO))
    form = forms.ConveneForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = actions.convene_meeting(
                actor=request.user,
                body=body,
                scheduled_at=data["scheduled_at"],
                title=data["title"],
                place=data["place"],
                mode=data["mode"],
                demand=data.get("demand"),
                written_reason=data["written_reason"],
            )
        except ValidationError as error:
            for field, errors in (
                error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
            ):
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, josa(str(meeting), "을/를") + " 소집했습니다.")
            # Fewer than N days ahead: the a4.10 deadline is already past (or today) — said now, not at distribution.
            warning = actions.short_notice_warning(meeting)
            if warning:
                messages.warning(request, warning)
            return HttpResponseRedirect(meeting.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "governance/convene.html", {"body": body, "form": form}, status=status)


@login_required
@require_POST
def convening_demand(request, pk: int):
    """A member files a convening demand, or joins an open one (a4.6)."""
    body = _visible(Body, request, pk)
    demand_id = request.POST.get("demand")
    if demand_id:
        demand = get_object_or_404(ConveningDemand, pk=demand_id, body=body)
        return run(
            request,
            body.get_absolute_url(),
            lambda: actions.join_convening_demand(actor=request.user, demand=demand),
            "소집 요구에 참여했습니다 (제4조제6항).",
        )
    form = forms.ConveningDemandForm(request.POST)
    return form_action(
        request,
        body.get_absolute_url(),
        form,
        lambda data: actions.file_convening_demand(actor=request.user, body=body, purpose=data["purpose"]),
        "소집을 요구했습니다. 위원장에게 소집할 의무가 생깁니다 (제4조제6항).",
    )


# --- the meeting workspace --------------------------------------------------------------------------------
def meeting_context(meeting: Meeting, request) -> dict:
    from .actions.meetings import distribution_due
    from .actions.votes import meeting_rules, meeting_tally, tally

    day = meeting.meeting_date
    user = request.user
    seats = list(meeting.registered_memberships().select_related("position", "user"))
    holders = seat_holders(seats, day)
    registered_ids = {seat.pk for seat in seats}
    body_seats = list(meeting.body.memberships.active_on(day).voting().select_related("position", "user"))
    body_holders = seat_holders(body_seats, day)
    vacant = [seat for seat in body_seats if body_holders[seat.pk] is None and seat.pk not in registered_ids]
    attendance = {a.membership_id: a for a in meeting.attendance.select_related("attendee")}
    items = list(
        meeting.items.select_related("resolution", "escalated_from__meeting__body").prefetch_related(
            "votes", "recusals__membership__position", "subject"
        )
    )
    my_seat = next((seat for seat in seats if holders[seat.pk] == user), None)
    proxied = [a.membership for a in attendance.values() if a.status == AttendanceStatus.PROXY and a.attendee == user]
    from .actions.meetings import short_notice_warning

    return {
        "meeting": meeting,
        "short_notice": short_notice_warning(meeting),
        "vacant_seats": vacant,
        "before_day": timezone.localdate() < day,
        "secretariat": is_secretariat(user, meeting.body, day),
        "presides": presides(user, meeting),
        "editable": meeting.state in (MeetingState.CONVENED, MeetingState.DISTRIBUTED),
        "seats": [(seat, holders[seat.pk], attendance.get(seat.pk)) for seat in seats],
        "meeting_tally": meeting_tally(meeting),
        "rules_note": meeting_rules(meeting).note,  # a meeting before the earliest rule pack says how it is counted
        "items": [(item, tally(item), {v.membership_id: v for v in item.votes.all()}) for item in items],
        "distribution_due": distribution_due(meeting),
        "obligations": Obligation.objects.filter(subject_id=meeting.pk, kind="agenda_distribution"),
        "my_seats": [s for s in [my_seat, *proxied] if s is not None],
        "minutes": Minutes.objects.filter(meeting=meeting).first(),
        "item_form": forms.AgendaItemForm(body=meeting.body, prefix="item"),
        "participants_form": forms.ParticipantsForm(
            meeting=meeting, prefix="participants", initial={"memberships": [s.pk for s in seats]}
        ),
        "acting_form": forms.ActingChairForm(
            meeting=meeting, prefix="acting", initial={"membership": meeting.acting_chair_id}
        ),
        "recusal_form": freeze_choices(forms.RecusalForm(meeting=meeting, prefix="recusal")),
        "close_form": forms.CloseVoteForm(prefix="close"),
        "reason_form": forms.ReasonForm(),
        "item_states": AgendaItemState,
        "escalate_form": freeze_choices(forms.EscalateForm(prefix="escalate"))
        if meeting.body.kind == "council"
        else None,
        "attendance_choices": AttendanceStatus.choices,
        "sponsor_units": _sponsor_units(items),
        "proxy_candidates": _proxy_candidates(holders.values(), day),
    }


def _proxy_candidates(members, day):
    """Officials of the members' units (a4.7 "그 소속 공무원"): who may attend in a member's place."""
    from itms.accounts.directory import unit_with_descendants
    from itms.accounts.models import Assignment, User

    member_ids = [member.pk for member in members if member is not None]
    units = set(
        Assignment.objects.active_on(day).filter(user_id__in=member_ids).values_list("position__unit_id", flat=True)
    )
    staff = (
        Assignment.objects.active_on(day).filter(position__unit_id__in=unit_with_descendants(units)).values("user_id")
    )
    return User.objects.filter(pk__in=staff, is_active=True).order_by("name")


def _sponsor_units(items) -> list[OrgUnit]:
    unit_ids = {item.proposing_unit_id for item in items if item.proposing_unit_id}
    unit_ids |= {getattr(item.subject, "sponsor_unit_id", None) for item in items if item.subject_id} - {None}
    return list(OrgUnit.objects.filter(pk__in=unit_ids))


def _meeting(request, pk) -> Meeting:
    return _visible(Meeting, request, pk)


@login_required
@require_POST
def add_item(request, pk: int):
    meeting = _meeting(request, pk)
    form = forms.AgendaItemForm(request.POST, body=meeting.body, prefix="item")

    def add(data):
        project = data["project"]
        actions.add_agenda_item(
            actor=request.user,
            meeting=meeting,
            kind=data["kind"],
            title=data["title"],
            description=data["description"],
            subject=project,
            proposing_unit=data["proposing_unit"] or getattr(project, "sponsor_unit", None),
            late_reason=data["late_reason"],
        )

    return form_action(request, meeting.get_absolute_url(), form, add, "안건을 추가했습니다.")


@login_required
@require_POST
def participants(request, pk: int):
    meeting = _meeting(request, pk)
    form = forms.ParticipantsForm(request.POST, meeting=meeting, prefix="participants")
    return form_action(
        request,
        meeting.get_absolute_url(),
        form,
        lambda data: actions.set_participants(
            actor=request.user, meeting=meeting, memberships=list(data["memberships"])
        ),
        "참석 위원의 범위를 정했습니다 (제5조제6항).",
    )


@login_required
@require_POST
def attendance(request, pk: int, membership_id: int):
    meeting = _meeting(request, pk)
    membership = get_object_or_404(Membership, pk=membership_id, body=meeting.body)
    form = forms.AttendanceForm(request.POST)
    return form_action(
        request,
        meeting.get_absolute_url(),
        form,
        lambda data: actions.record_attendance(
            actor=request.user,
            meeting=meeting,
            membership=membership,
            status=data["status"],
            attendee=data["attendee"],
            note=data["note"],
        ),
        "출석을 기록했습니다.",
    )


@login_required
@require_POST
def acting_chair(request, pk: int):
    meeting = _meeting(request, pk)
    form = forms.ActingChairForm(request.POST, meeting=meeting, prefix="acting")
    return form_action(
        request,
        meeting.get_absolute_url(),
        form,
        lambda data: actions.name_acting_chair(actor=request.user, meeting=meeting, membership=data["membership"]),
        "위원장 직무대행을 지명했습니다 (제4조제7항).",
    )


def _item(request, pk: int, item_id: int) -> AgendaItem:
    meeting = _meeting(request, pk)
    return get_object_or_404(AgendaItem.objects.select_related("meeting__body"), pk=item_id, meeting=meeting)


@login_required
@require_POST
def recusal(request, pk: int, item_id: int):
    item = _item(request, pk, item_id)
    form = forms.RecusalForm(request.POST, meeting=item.meeting, prefix="recusal")
    return form_action(
        request,
        item.meeting.get_absolute_url(),
        form,
        lambda data: actions.record_recusal(
            actor=request.user, item=item, membership=data["membership"], kind=data["kind"], reason=data["reason"]
        ),
        "제척·기피·회피를 기록했습니다.",
    )


@login_required
@require_POST
def open_voting(request, pk: int, item_id: int):
    item = _item(request, pk, item_id)
    return run(
        request,
        item.meeting.get_absolute_url(),
        lambda: actions.open_voting(actor=request.user, item=item),
        f"{item} 표결을 시작했습니다.",
    )


ITEM_STEPS = {
    "suspend_voting": (actions.suspend_voting, "표결을 중지했습니다."),
    "withdraw": (actions.withdraw_item, "안건을 철회했습니다."),
}


@login_required
@require_POST
def item_transition(request, pk: int, item_id: int, name: str):
    """표결 중지 and 안건 철회, each with its reason (the item's workflow; votes and resolutions have their own)."""
    if name not in ITEM_STEPS:
        raise Http404("절차를 찾을 수 없습니다.")
    item = _item(request, pk, item_id)
    step, success = ITEM_STEPS[name]
    form = forms.ReasonForm(request.POST)
    return form_action(
        request,
        item.meeting.get_absolute_url(),
        form,
        lambda data: step(actor=request.user, item=item, reason=data["reason"]),
        f"{item}: {success}",
    )


@login_required
@require_POST
def vote(request, pk: int, item_id: int):
    item = _item(request, pk, item_id)
    form = forms.VoteForm(request.POST)
    next_url = request.POST.get("next", "")
    url = next_url if next_url.startswith("/") and not next_url.startswith("//") else item.meeting.get_absolute_url()
    return form_action(
        request,
        url,
        form,
        lambda data: actions.cast_vote(
            actor=request.user, item=item, membership=data["membership"], choice=data["choice"]
        ),
        "표결을 기록했습니다.",
    )


@login_required
@require_POST
def close_vote(request, pk: int, item_id: int):
    item = _item(request, pk, item_id)
    form = forms.CloseVoteForm(request.POST, prefix="close")
    return form_action(
        request,
        item.meeting.get_absolute_url(),
        form,
        lambda data: actions.close_vote(
            actor=request.user,
            item=item,
            effect=data["effect"] or None,
            priority_rank=data["priority_rank"],
            adjusted_budget=data["adjusted_budget"],
            remarks=data["remarks"],
        ),
        f"{item}의 의결을 기록했습니다.",
    )


@login_required
@require_POST
def escalate(request, pk: int, item_id: int):
    item = _item(request, pk, item_id)
    form = forms.EscalateForm(request.POST, prefix="escalate")
    return form_action(
        request,
        item.meeting.get_absolute_url(),
        form,
        lambda data: actions.escalate_item(actor=request.user, item=item, to_meeting=data["meeting"]),
        "위원회 안건으로 상정했습니다 (제5조제5항).",
    )


@login_required
@require_POST
def generate_minutes(request, pk: int):
    meeting = _meeting(request, pk)
    return run(
        request,
        meeting.get_absolute_url(),
        lambda: actions.generate_minutes(actor=request.user, meeting=meeting),
        "회의록 초안을 작성했습니다.",
    )


@login_required
def minutes_file(request, pk: int, fmt: str):
    minutes = _visible(Minutes, request, pk)
    field = {"pdf": minutes.pdf, "hwpx": minutes.hwpx}.get(fmt)
    if not field:
        raise Http404("파일이 없습니다.")
    content_type = "application/pdf" if fmt == "pdf" else "application/hwp+zip"
    name = f"{minutes.meeting.body.name}_제{minutes.meeting.number}차_회의록.{fmt}"
    return FileResponse(field.open("rb"), as_attachment=True, filename=name, content_type=content_type)


@login_required
def results_notice(request, pk: int, unit_id: int):
    """심의결과 통보 (a4.9) for one sponsoring department, as PDF."""
    from .documents import results_notice_pdf

    meeting = _meeting(request, pk)
    if not is_secretariat(request.user, meeting.body, meeting.meeting_date):
        raise Forbidden(E.NOTICE_WHO)
    unit = get_object_or_404(OrgUnit, pk=unit_id)
    response = HttpResponse(results_notice_pdf(meeting, unit), content_type="application/pdf")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''results-notice-{meeting.pk}-{unit.pk}.pdf"
    return response


@login_required
def live(request, pk: int):
    """The projector panel: registered, present, quorum, votes and the outcome with its arithmetic."""
    meeting = _meeting(request, pk)
    context = meeting_context(meeting, request)
    template = "governance/partials/live_panel.html" if request.htmx else "governance/live.html"
    return render(request, template, context)


@login_required
def my_meetings(request):
    """내 회의: meetings of the bodies I sit on (or where I attend as a proxy), with written votes to cast."""
    today = timezone.localdate()
    seats = memberships_of(request.user, today)
    from .models import Attendance

    proxied = Attendance.objects.filter(attendee=request.user, status=AttendanceStatus.PROXY).values("meeting_id")
    meetings = Meeting.objects.filter(body_id__in={s.body_id for s in seats}) | Meeting.objects.filter(pk__in=proxied)
    meetings = meetings.select_related("body").prefetch_related("items").order_by("-scheduled_at")[:50]
    open_written = [m for m in meetings if m.state == MeetingState.VOTING]
    my_votes = {}
    if open_written:
        from .models import Vote

        my_votes = {
            (v.item_id, v.membership_id): v
            for v in Vote.objects.filter(item__meeting__in=open_written, membership__in=seats)
        }
    context = {
        "seats": seats,
        "meetings": meetings,
        "open_written": open_written,
        "my_votes": my_votes,
        "vote_choices": forms.VoteForm.base_fields["choice"].choices,
    }
    return render(request, "governance/my_meetings.html", context)


# --- CIO requests (a3.4) -------------------------------------------------------------------------------------
def cio_request_context(cio_request: CIORequest, request) -> dict:
    from itms.accounts.directory import holds
    from itms.accounts.roles import Role

    rows = list(cio_request.recipient_rows.select_related("unit", "responded_by"))
    return {
        "recipients": [
            (row, not row.responded_at and holds(request.user, Role.DEPARTMENT_HEAD, row.unit)) for row in rows
        ],
        "answer_form": forms.AnswerForm(),
    }


@login_required
def cio_request_new(request):
    if not request.user.has_perm("governance.add_ciorequest"):
        raise Forbidden(E.CIO_ONLY)
    form = forms.CIORequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cio_request = actions.create_cio_request(
                actor=request.user,
                title=data["title"],
                content=data["content"],
                due_date=data["due_date"],
                units=data["units"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, f"조치 요구를 보냈습니다: {cio_request}")
            return HttpResponseRedirect(cio_request.get_absolute_url())
    return render(
        request, "governance/cio_request_new.html", {"form": form}, status=400 if request.method == "POST" else 200
    )


@login_required
@require_POST
def cio_request_answer(request, pk: int):
    recipient = get_object_or_404(CIORequestRecipient.objects.select_related("request"), pk=pk)
    _visible(CIORequest, request, recipient.request_id)
    form = forms.AnswerForm(request.POST)
    return form_action(
        request,
        recipient.request.get_absolute_url(),
        form,
        lambda data: actions.answer_cio_request(
            actor=request.user, recipient=recipient, response=data["response"], special_reason=data["special_reason"]
        ),
        "회신했습니다.",
    )

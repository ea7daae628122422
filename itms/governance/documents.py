"""Minutes and results notices generated from the record (a4.9): HWPX (python-hwpx) and PDF (WeasyPrint)."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils import timezone

from itms.core.formats import format_date, format_won

from .choices import AttendanceStatus, MeetingState
from .models import Meeting
from .models.bodies import seat_holders


def minutes_content(meeting: Meeting) -> dict:
    """Everything the minutes say, taken from the record (attendance, quorum, each item, votes, decisions)."""
    from .actions.meetings import distribution_due
    from .actions.votes import meeting_tally, tally

    day = meeting.meeting_date
    seats = list(meeting.registered_memberships().select_related("position"))
    holders = seat_holders(seats, day)
    attendance = {a.membership_id: a for a in meeting.attendance.select_related("attendee")}
    rows = []
    for seat in seats:
        entry = attendance.get(seat.pk)
        member = holders[seat.pk]
        rows.append(
            {
                "seat": seat.position.title if seat.position_id else seat.get_basis_display(),
                "member": member.name if member else "(공석)",
                "status": entry.get_status_display() if entry else ("서면" if meeting.is_written else "미기록"),
                "proxy": entry.attendee.name
                if entry and entry.status == AttendanceStatus.PROXY and entry.attendee
                else "",
            }
        )
    items = []
    for item in meeting.items.select_related("resolution", "escalated_from__meeting").prefetch_related(
        "votes__membership__position", "recusals__membership__position"
    ):
        vote_holders = seat_holders([v.membership for v in item.votes.all()], day)
        resolution = getattr(item, "resolution", None)
        items.append(
            {
                "number": item.number,
                "kind": item.get_kind_display(),
                "title": item.title,
                "description": item.description,
                "subject": str(item.subject) if item.subject_id else "",
                "escalated_from": str(item.escalated_from.meeting) if item.escalated_from_id else "",
                "recusals": [
                    f"{r.membership.holder_label(day)}: {r.get_kind_display()} ({r.reason})"
                    for r in item.recusals.all()
                ],
                "votes": [
                    {
                        "member": (vote_holders[v.membership_id].name if vote_holders[v.membership_id] else "—"),
                        "choice": v.get_choice_display(),
                    }
                    for v in item.votes.all()
                ],
                "tally": resolution.explanation if resolution else tally(item).explanation(),
                "outcome": resolution.get_outcome_display() if resolution else "의결하지 않음",
                "effect": resolution.get_effect_display() if resolution else "",
                "priority_rank": resolution.priority_rank if resolution else None,
                "adjusted_budget": format_won(resolution.adjusted_budget)
                if resolution and resolution.adjusted_budget is not None
                else "",
                "remarks": resolution.remarks if resolution else "",
            }
        )
    due = distribution_due(meeting)
    return {
        "title": f"{meeting.body.name} 제{meeting.number}차 {'서면 심의·의결' if meeting.is_written else '회의'} 회의록",
        "body": meeting.body.name,
        "mode": meeting.get_mode_display(),
        "scheduled_at": format_date(meeting.scheduled_at),
        "place": meeting.place or ("서면" if meeting.is_written else ""),
        "convened": (
            f"위원의 소집 요구에 따라 위원장 소집 ({meeting.request_note})"
            if meeting.on_members_request
            else "위원장 소집"
        ),
        "written_reason": meeting.written_reason,
        "distribution": {
            "distributed_at": format_date(meeting.agenda_distributed_at) if meeting.agenda_distributed_at else "",
            "due": format_date(due) if due else "",
            "late": meeting.agenda_distribution_late,
        },
        "acting_chair": meeting.acting_chair.holder_label(day) if meeting.acting_chair_id else "",
        "quorum": meeting_tally(meeting).quorum_explanation() if not meeting.is_written else "",
        "attendance": rows,
        "items": items,
        "closed": meeting.state == MeetingState.CLOSED,
        "generated_at": format_date(timezone.now()),
    }


def minutes_pdf(content: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string("governance/documents/minutes.html", {"m": content})
    return HTML(string=html).write_pdf()


def minutes_hwpx(content: dict) -> bytes:
    from hwpx.document import HwpxDocument

    doc = HwpxDocument.new()
    doc.add_heading(content["title"], level=1)
    for label, value in [
        ("일시", content["scheduled_at"]),
        ("장소", content["place"]),
        ("방식", content["mode"]),
        ("소집", content["convened"]),
        ("서면 심의 사유", content["written_reason"]),
        ("위원장 직무대행", content["acting_chair"]),
        ("의사정족수", content["quorum"]),
    ]:
        if value:
            doc.add_paragraph(f"{label}: {value}")
    distribution = content["distribution"]
    if distribution["due"]:
        late = " (기한 경과 배포)" if distribution["late"] else ""
        doc.add_paragraph(f"안건 배포: {distribution['distributed_at'] or '미배포'} / 기한 {distribution['due']}{late}")
    doc.add_heading("출석", level=2)
    table = doc.add_table(len(content["attendance"]) + 1, 4)
    for col, header in enumerate(["위원 자리", "위원", "출석", "대리 출석자"]):
        table.set_cell_text(0, col, header)
    for row, entry in enumerate(content["attendance"], start=1):
        for col, key in enumerate(["seat", "member", "status", "proxy"]):
            table.set_cell_text(row, col, entry[key] or "-")
    for item in content["items"]:
        doc.add_heading(f"제{item['number']}호 안건: {item['title']} ({item['kind']})", level=2)
        if item["subject"]:
            doc.add_paragraph(f"대상: {item['subject']}")
        if item["escalated_from"]:
            doc.add_paragraph(f"실무협의회에서 상정: {item['escalated_from']}")
        for recusal in item["recusals"]:
            doc.add_paragraph(f"제척·기피·회피: {recusal}")
        doc.add_paragraph("표결: " + (", ".join(f"{v['member']} {v['choice']}" for v in item["votes"]) or "없음"))
        doc.add_paragraph(f"계산: {item['tally']}")
        decision = f"결과: {item['outcome']}" + (f" — {item['effect']}" if item["effect"] else "")
        if item["priority_rank"]:
            decision += f", 우선순위 {item['priority_rank']}위"
        if item["adjusted_budget"]:
            decision += f", 조정 예산 {item['adjusted_budget']}"
        doc.add_paragraph(decision)
        if item["remarks"]:
            doc.add_paragraph(f"의결 요지: {item['remarks']}")
    doc.add_paragraph(f"작성: {content['generated_at']} (정보화관리시스템, 훈령 제4조제9항)")
    buffer = io.BytesIO()
    doc.save_to_stream(buffer)
    return buffer.getvalue()


def results_notice_pdf(meeting: Meeting, unit) -> bytes:
    """심의결과 통보 to one sponsoring department: the items that concern it and their decisions (a4.9)."""
    from weasyprint import HTML

    content = minutes_content(meeting)
    mine = [
        item
        for item, model in zip(content["items"], meeting.items.order_by("number"), strict=True)
        if model.proposing_unit_id == unit.pk or _subject_unit(model) == unit.pk
    ]
    html = render_to_string(
        "governance/documents/results_notice.html",
        {"m": content, "items": mine, "unit": unit, "today": format_date(timezone.localdate())},
    )
    return HTML(string=html).write_pdf()


def _subject_unit(item) -> int | None:
    subject = item.subject if item.subject_id else None
    return getattr(subject, "sponsor_unit_id", None)

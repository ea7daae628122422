"""Minutes and results notices generated from the record (a4.9): HWPX (python-hwpx) and PDF (WeasyPrint)."""

from __future__ import annotations

from collections import Counter

from django.utils import timezone

from itms.core.formats import format_date, format_won
from itms.documents.official import (
    ORGANIZATION,
    Fields,
    Heading,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
    to_hwpx,
    to_pdf,
)

from .choices import AttendanceStatus, MeetingState, VoteChoice
from .models import Body, Meeting
from .models.bodies import seat_holders
from .seats import secretary_of


def minutes_number(meeting: Meeting) -> str:
    """문서번호: 간사 부서 - 개최 연도 - 기구 번호(2자리) - 회차(3자리), e.g. 정보기획담당관-2026-01-002.

    Made only from the body and the meeting, so regenerating a draft keeps its number, and (body, 회차) is unique.
    """
    secretary = meeting.body.secretary_position
    unit = secretary.unit.name if secretary else meeting.body.name
    return f"{unit}-{meeting.meeting_date.year}-{meeting.body_id:02d}-{meeting.number:03d}"


def held_at(meeting: Meeting) -> tuple[str, str]:
    """일시 as it happened (opened → closed), or the scheduled time with a note saying so."""
    opened, closed = meeting.opened_at, meeting.closed_at
    if opened:
        text = format_date(opened)
        if closed:
            same_day = timezone.localtime(opened).date() == timezone.localtime(closed).date()
            text += f" ~ {timezone.localtime(closed):%H:%M}" if same_day else f" ~ {format_date(closed)}"
        early = getattr(meeting, "early_open_reason", "")  # a4.10: opened before the scheduled date, and why
        note = f"예정 일시 {format_date(meeting.scheduled_at)}보다 앞당겨 개회: {early}" if early else ""
        return text, note
    return format_date(meeting.scheduled_at), "개회 기록이 없어 예정 일시를 적었습니다."


def minutes_content(meeting: Meeting) -> dict:
    """Everything the minutes say, taken from the record (attendance, quorum, each item, votes, decisions)."""
    from .actions.meetings import distribution_due
    from .actions.votes import meeting_tally, tally

    day = meeting.meeting_date
    body = Body.objects.select_related("chair_position", "secretary_position__unit").get(pk=meeting.body_id)
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
                "status_key": entry.status if entry else "",
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
        counts = Counter(v.choice for v in item.votes.all())
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
                "counts": {
                    "for": counts[VoteChoice.FOR],
                    "against": counts[VoteChoice.AGAINST],
                    "abstain": counts[VoteChoice.ABSTAIN],
                },
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
    when, when_note = held_at(meeting)
    return {
        "organization": ORGANIZATION,
        "number": minutes_number(meeting),
        "title": f"{body.name} 제{meeting.number}차 {'서면 심의·의결' if meeting.is_written else '회의'} 회의록",
        "body": body.name,
        "mode": meeting.get_mode_display(),
        "held_at": when,
        "held_at_note": when_note,
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
            "late_reason": getattr(meeting, "agenda_late_reason", ""),
        },
        "acting_chair": meeting.acting_chair.holder_label(day) if meeting.acting_chair_id else "",
        "quorum": meeting_tally(meeting).quorum_explanation() if not meeting.is_written else "",
        "attendance": rows,
        "items": items,
        "signatures": _signatures(meeting, body, day),
        "closed": meeting.state == MeetingState.CLOSED,
        "generated_at": format_date(timezone.now()),
    }


def _signatures(meeting: Meeting, body: Body, day) -> list[dict]:
    """서명란: who presided (the chair, or the acting chair, a4.7) and the secretary who wrote the minutes (a4.9)."""
    if meeting.acting_chair_id:
        acting = meeting.acting_chair
        member = acting.member_on(day)
        chair = {
            "role": "위원장 직무대행",
            "position": acting.position.title if acting.position_id else acting.get_basis_display(),
            "name": member.name if member else "",
        }
    else:
        member = body.chair_on(day)
        chair = {
            "role": "위원장",
            "position": body.chair_position.title if body.chair_position_id else "",
            "name": member.name if member else "",
        }
    secretary = secretary_of(body, day)
    return [
        chair,
        {
            "role": "간사",
            "position": body.secretary_position.title if body.secretary_position_id else "",
            "name": secretary.name if secretary else "",
        },
    ]


def _attendance_summary(rows: list[dict]) -> str:
    present = [r["member"] for r in rows if r.get("status_key") == AttendanceStatus.PRESENT]
    proxies = [f"{r['member']} 대신 {r['proxy']}" for r in rows if r.get("status_key") == AttendanceStatus.PROXY]
    absent = [r["member"] for r in rows if r.get("status_key") == AttendanceStatus.ABSENT]
    unrecorded = [r["member"] for r in rows if not r.get("status_key") and r["status"] == "미기록"]
    parts = [f"재적 {len(rows)}명", f"출석 {len(present)}명"]
    if proxies:
        parts.append(f"대리 출석 {len(proxies)}명({', '.join(proxies)})")
    parts.append(f"불참 {len(absent)}명" + (f"({', '.join(absent)})" if absent else ""))
    if unrecorded:
        parts.append(f"출석 기록 없음 {len(unrecorded)}명({', '.join(unrecorded)})")
    return ", ".join(parts)


def _decision(item: dict) -> str:
    counts = item.get("counts")
    text = item["outcome"] + (f" — {item['effect']}" if item["effect"] else "")
    if counts and item["votes"]:
        text += f" (찬성 {counts['for']}, 반대 {counts['against']}, 기권 {counts['abstain']})"
    if item["priority_rank"]:
        text += f", 우선순위 {item['priority_rank']}위"
    if item["adjusted_budget"]:
        text += f", 조정 예산 {item['adjusted_budget']}"
    return text


def minutes_document(content: dict) -> OfficialDocument:
    """The minutes as an official document: the one block list both the PDF and the HWPX are drawn from."""
    when = content.get("held_at") or content["scheduled_at"]
    if content.get("held_at_note"):
        when += f" ({content['held_at_note']})"
    meeting_rows = [
        ("일시", when),
        ("장소", content["place"]),
        ("방식", content["mode"]),
        ("소집", content["convened"]),
    ]
    if content["written_reason"]:
        meeting_rows.append(("서면 심의 사유", content["written_reason"]))
    distribution = content["distribution"]
    if distribution["due"]:
        late = " (기한 경과 배포)" if distribution["late"] else ""
        if distribution["late"] and distribution.get("late_reason"):
            late += f" — 사유: {distribution['late_reason']}"
        meeting_rows.append(
            (
                "안건 배포 (제4조제10항)",
                f"{distribution['distributed_at'] or '미배포'} / 기한 {distribution['due']}{late}",
            )
        )
    if content["acting_chair"]:
        meeting_rows.append(("위원장 직무대행", f"{content['acting_chair']} (제4조제7항)"))
    if content["quorum"]:
        meeting_rows.append(("의사정족수", content["quorum"]))
    blocks = [
        Fields(meeting_rows),
        Heading("참석자"),
        Paragraph(_attendance_summary(content["attendance"])),
        Table(
            ["위원 자리", "위원", "출석", "대리 출석자"],
            [[a["seat"], a["member"], a["status"], a["proxy"]] for a in content["attendance"]],
            [34, 22, 18, 26],
        ),
    ]
    for item in content["items"]:
        rows = [("구분", item["kind"])]
        if item["subject"]:
            rows.append(("대상", item["subject"]))
        if item["escalated_from"]:
            rows.append(("상정 경위", f"실무협의회 {item['escalated_from']}에서 상정 (제5조제5항)"))
        if item["description"]:
            rows.append(("안건 내용", item["description"]))
        if item["recusals"]:
            rows.append(("제척·기피·회피", "\n".join(item["recusals"])))
        rows += [
            ("발언 요지", item["remarks"] or "기록된 발언 요지 없음"),
            ("표결", ", ".join(f"{v['member']} {v['choice']}" for v in item["votes"]) or "없음"),
            ("의결 결과", _decision(item)),
            ("정족수·표결 계산", item["tally"]),
        ]
        blocks += [Heading(f"제{item['number']}호 안건: {item['title']}"), Fields(rows)]
    return OfficialDocument(
        organization=content.get("organization", ORGANIZATION),
        title=content["title"],
        number=content.get("number", ""),
        date=content["generated_at"],
        blocks=blocks,
        signatures=[Signature(s["role"], s["position"], s["name"]) for s in content.get("signatures", [])],
        closing=(
            "이 회의록은 정보화관리시스템의 기록(출석, 정족수, 안건별 표결과 의결)으로 작성되었습니다. "
            "근거: 「관세행정 정보화 추진에 관한 훈령」 제4조제9항."
        ),
    )


def minutes_pdf(content: dict) -> bytes:
    return to_pdf(minutes_document(content))


def minutes_hwpx(content: dict) -> bytes:
    return to_hwpx(minutes_document(content))


def results_notice_pdf(meeting: Meeting, unit) -> bytes:
    """심의결과 통보 to one sponsoring department: the items that concern it and their decisions (a4.9).

    An official document like the minutes: 관세청, 문서번호 (the minutes' number and the unit's code), 서명란 of the
    secretary who notifies.
    """
    content = minutes_content(meeting)
    mine = [
        item
        for item, model in zip(content["items"], meeting.items.order_by("number"), strict=True)
        if model.proposing_unit_id == unit.pk or _subject_unit(model) == unit.pk
    ]
    today = format_date(timezone.localdate())
    blocks = [
        Fields(
            [
                ("수신", unit.full_name),
                (
                    "회의",
                    f"{content['title'].removesuffix(' 회의록')} ({content['held_at'] or content['scheduled_at']})",
                ),
                ("통보일", today),
            ]
        )
    ]
    for item in mine:
        rows = [("대상", item["subject"])] if item["subject"] else []
        rows += [("의결 결과", _decision(item)), ("정족수·표결 계산", item["tally"])]
        if item["remarks"]:
            rows.append(("의결 요지", item["remarks"]))
        blocks += [Heading(f"제{item['number']}호 안건: {item['title']}"), Fields(rows)]
    if not mine:
        blocks.append(Paragraph("이 부서에 해당하는 안건이 없습니다."))
    secretary = [s for s in content["signatures"] if s["role"] == "간사"]
    document = OfficialDocument(
        organization=content["organization"],
        title="심의결과 통보",
        number=f"{content['number']}-{unit.code}",
        date=today,
        blocks=blocks,
        signatures=[Signature(s["role"], s["position"], s["name"]) for s in secretary],
        closing="「관세행정 정보화 추진에 관한 훈령」 제4조제9항에 따라 심의결과를 통보합니다.",
    )
    return to_pdf(document)


def _subject_unit(item) -> int | None:
    subject = item.subject if item.subject_id else None
    return getattr(subject, "sponsor_unit_id", None)

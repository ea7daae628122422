"""Ten years of audit records: the hash-chained legal events and the django-auditlog change log.

Legal events: the ones the other phases made (votes, resolutions, meeting transitions, waivers, role changes)
plus a background of other legal acts (transitions of processes, signed documents, draws, unlocks …) until
the target is reached, merged in time order, appended after the current head with ``entry_hash`` exactly as
``record_event`` computes it, and the head moved to the last one, so ``verify_chain()`` passes.

Change log: one "created" entry for every generated row the phases remembered, then "updated" entries with
before/after values spread over them (projects and obligations change most), and a few deletions.
"""

from __future__ import annotations

import datetime as dt
import heapq
import json
import random
import uuid

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from itms.audit.chain import entry_hash
from itms.audit.models import ChainHead, LegalEvent

from .context import Context, Phase
from .writer import KST, insert

EVENT_FIELDS = (
    "seq",
    "occurred_at",
    "kind",
    "actor_id",
    "actor_name",
    "subject_type",
    "subject_id",
    "subject_repr",
    "summary",
    "payload",
    "clause_ids",
    "pack_version",
    "request_id",
    "prev_hash",
    "hash",
)
# The background of other legal acts: (kind, weight, subject label, summary, clause ids).
BACKGROUND = [
    ("transition", 62, "projects.project", "절차 진행", ["a8.3"]),
    ("transition", 8, "regulation.obligation", "기한 이행 확인", ["a2.0.7"]),
    ("document_signed", 9, "governance.meeting", "회의록 확정", ["a4.9"]),
    ("draw_performed", 6, "projects.project", "평가위원 무작위 추출", ["a15.3"]),
    ("guard_overridden", 2, "projects.project", "요건 예외 승인", ["a8.6"]),
    ("account_unlocked", 5, "accounts.user", "계정 잠금 해제", []),
    ("two_factor_reset", 2, "accounts.user", "2단계 인증 초기화", []),
    ("role_changed", 5, "accounts.user", "역할 지정 변경", ["a3.2"]),
    ("parameter_changed", 1, "", "규정 값 변경", ["a2.0.7"]),
]
TRANSITIONS = [
    "사전검토 의뢰",
    "사업계획 제출",
    "심의 상정",
    "세부계획 확정",
    "발주",
    "계약 체결",
    "착수",
    "검사 완료",
    "인계",
    "운영 전환",
]
# Fields that change, per record type: (field, before → after values).
UPDATES = {
    "projects.project": [
        (
            "stage",
            [
                "구상",
                "사전검토",
                "사업계획",
                "심의 완료",
                "세부계획",
                "도입·발주",
                "사업수행",
                "검사·인수",
                "운영",
                "종료",
            ],
        ),
        ("total_budget", None),
        ("summary", None),
    ],
    "regulation.obligation": [("status", ["진행 중", "이행"]), ("close_note", None)],
    "accounts.user": [("phone", None), ("email", None), ("is_active", ["True", "False"])],
    "governance.meeting": [("state", ["소집", "안건 배포", "회의 중", "종료"]), ("place", None)],
    "governance.agendaitem": [("title", None), ("description", None), ("state", ["상정", "표결 중", "의결"])],
    "accounts.assignment": [("end_date", None)],
    "resources.informationsystem": [("status", ["구축 중", "운영"]), ("annual_om_cost", None), ("officer", None)],
}
UPDATE_WEIGHT = {
    "projects.project": 30,
    "regulation.obligation": 3,
    "governance.meeting": 8,
    "resources.informationsystem": 10,
    "accounts.user": 2,
    # Votes and resolutions are never edited (a vote is cast once, a resolution is fixed).
    "governance.vote": 0,
    "governance.resolution": 0,
    "governance.attendance": 0.2,
}


def build(ctx: Context) -> None:
    with Phase(ctx, "감사 체인"):
        _chain(ctx)
    with Phase(ctx, "변경 이력"):
        _change_log(ctx)


def _request_id(rng: random.Random) -> str:
    return uuid.UUID(int=rng.getrandbits(128), version=4).hex


def _background(ctx: Context, count: int, rng: random.Random):
    """``count`` background events in time order, made one at a time (a million would not fit in a list)."""
    first = dt.datetime.combine(ctx.start, dt.time(9), KST).timestamp()
    last = dt.datetime.combine(ctx.today, dt.time(9), KST).timestamp()
    stamps = sorted(rng.uniform(first, last) for _ in range(count))
    subjects = {label: ctx.created.get(label, []) for _k, _w, label, _s, _c in BACKGROUND if label}
    kinds = [row for row in BACKGROUND if not row[2] or subjects.get(row[2])]
    weights = [row[1] for row in kinds]
    staff = ctx.staff or [None]
    for stamp in stamps:
        kind, _w, label, text, clauses = rng.choices(kinds, weights)[0]
        occurred = dt.datetime.fromtimestamp(stamp, KST)
        if label:
            subject_id, subject_repr = rng.choice(subjects[label])
        else:
            subject_id, subject_repr = "", ""
        if kind == "transition" and label == "projects.project":
            step = rng.choice(TRANSITIONS)
            summary, payload = f"{subject_repr} — {step}", {"transition": step}
        elif kind == "draw_performed":
            summary = f"{subject_repr} — {text}"
            payload = {"pool": rng.randint(30, 80), "drawn": sorted(rng.sample(range(1, 200), 7))}
        elif kind == "parameter_changed":
            summary, payload = f"{text}: due_soon_working_days", {"key": "due_soon_working_days", "value": 5}
        else:
            summary, payload = f"{subject_repr} — {text}" if subject_repr else text, {}
        yield (
            occurred,
            kind,
            rng.choice(staff),
            label,
            str(subject_id),
            subject_repr[:300],
            summary[:300],
            payload,
            clauses,
        )


def _chain(ctx: Context) -> None:
    rng = ctx.rng("chain")
    existing = LegalEvent.objects.count()
    wanted = ctx.target("legal_events", existing, minimum=100)
    phase_events = sorted(ctx.events, key=lambda e: e[0])
    for event in phase_events:  # stored as JSON: what is hashed must be what is stored
        event[7].update(json.loads(json.dumps(event[7], ensure_ascii=False, default=str)))
    background = max(0, wanted - len(phase_events))
    events = heapq.merge(phase_events, _background(ctx, background, rng), key=lambda e: e[0])
    names = ctx.user_names
    pack = ctx.pack_version
    with transaction.atomic():
        head = ChainHead.objects.select_for_update().get(pk=1)
        seq, prev = head.seq, head.hash
        ids = iter(ctx.ids.take(LegalEvent, len(phase_events) + background))

        def rows():
            nonlocal seq, prev
            for occurred, kind, actor, label, subject_id, subject_repr, summary, payload, clauses in events:
                seq += 1
                values = {
                    "seq": seq,
                    "occurred_at": occurred,
                    "kind": kind,
                    "actor_id": actor,
                    "actor_name": names.get(actor, "") if actor else "",
                    "subject_type": label,
                    "subject_id": subject_id,
                    "subject_repr": subject_repr,
                    "summary": summary,
                    "payload": payload,
                    "clause_ids": list(clauses),
                    "pack_version": pack,
                    "request_id": _request_id(rng),
                    "prev_hash": prev,
                }
                prev = entry_hash(values)
                yield (next(ids), *(values[f] for f in EVENT_FIELDS[:-1]), prev)

        written = insert(LegalEvent, ("id", *EVENT_FIELDS), rows())
        head.seq, head.hash = seq, prev
        head.save(update_fields=["seq", "hash"])
    ctx.count("legal_events", written)


def _change_log(ctx: Context) -> None:
    rng = ctx.rng("changelog")
    wanted = ctx.target("change_log", LogEntry.objects.count(), minimum=100)
    labels = [label for label, rows in ctx.created.items() if rows]
    content_types = {}
    for label in labels:
        app_label, model = label.split(".")
        content_types[label] = ContentType.objects.get_by_natural_key(app_label, model).pk
    creates = sum(len(ctx.created[label]) for label in labels)
    updates = max(0, wanted - creates)
    first = dt.datetime.combine(ctx.start, dt.time(9), KST).timestamp()
    last = dt.datetime.combine(ctx.today, dt.time(18), KST).timestamp()
    staff = ctx.staff or [None]
    weights = [UPDATE_WEIGHT.get(label, 1) * len(ctx.created[label]) for label in labels]

    def entry(label, pk, repr_, action, changes, stamp):
        actor = rng.choice(staff)
        return (
            content_types[label],
            str(pk),
            pk,
            repr_[:500],
            None,
            action,
            "",
            changes,
            actor,
            _request_id(rng),
            f"10.{rng.randint(1, 40)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
            None,
            dt.datetime.fromtimestamp(stamp, KST),
            None,
            None,
        )

    def rows():
        budget = wanted
        for label in labels:
            for pk, repr_ in ctx.created[label]:
                if budget <= 0:
                    return
                budget -= 1
                changes = {"id": ["None", str(pk)]}
                yield entry(label, pk, repr_, LogEntry.Action.CREATE, changes, rng.uniform(first, last))
        for _ in range(min(updates, budget)):
            label = rng.choices(labels, weights)[0]
            pk, repr_ = rng.choice(ctx.created[label])
            roll = rng.random()
            if roll < 0.01:
                yield entry(
                    label, pk, repr_, LogEntry.Action.DELETE, {"id": [str(pk), "None"]}, rng.uniform(first, last)
                )
                continue
            field, values = rng.choice(UPDATES.get(label, [("note", None)]))
            if values:
                i = rng.randrange(len(values) - 1) if len(values) > 1 else 0
                before, after = values[i], values[min(i + 1, len(values) - 1)]
            else:
                before, after = f"{field} 이전 값 {rng.randint(1, 999)}", f"{field} 변경 값 {rng.randint(1, 999)}"
            yield entry(label, pk, repr_, LogEntry.Action.UPDATE, {field: [before, after]}, rng.uniform(first, last))

    written = insert(
        LogEntry,
        (
            "content_type_id",
            "object_pk",
            "object_id",
            "object_repr",
            "serialized_data",
            "action",
            "changes_text",
            "changes",
            "actor_id",
            "cid",
            "remote_addr",
            "remote_port",
            "timestamp",
            "additional_data",
            "actor_email",
        ),
        rows(),
    )
    ctx.count("change_log", written)

"""Appending to and verifying the hash chain of legal events."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from itms.core.middleware import get_request_id

from .models import ChainHead, LegalEvent

GENESIS = "0" * 64
_FIELDS = (
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
)


def entry_hash(values: dict) -> str:
    """SHA-256 of the entry's canonical JSON (sorted keys, UTC time in ISO form)."""
    canonical = dict(values)
    occurred = canonical["occurred_at"]
    canonical["occurred_at"] = occurred.astimezone(dt.UTC).isoformat() if occurred else None
    data = json.dumps({k: canonical[k] for k in _FIELDS}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def record_event(
    *,
    kind: str,
    summary: str,
    actor=None,
    subject: Model | None = None,
    payload: dict | None = None,
    clause_ids: Iterable[str] = (),
    pack_version: str = "",
) -> LegalEvent:
    """Append one legal event. Call inside the transaction of the action it records."""
    with transaction.atomic():
        # Locking the one head row serialises appenders (created after every migrate/flush).
        head = ChainHead.objects.select_for_update().get(pk=1)
        values = {
            "seq": head.seq + 1,
            "occurred_at": timezone.now(),
            "kind": kind,
            "actor_id": actor.pk if actor else None,
            "actor_name": actor.get_full_name() if actor else "",
            "subject_type": subject._meta.label_lower if subject is not None else "",
            "subject_id": str(subject.pk) if subject is not None else "",
            "subject_repr": str(subject)[:300] if subject is not None else "",
            "summary": summary[:300],
            "payload": json.loads(json.dumps(payload or {}, ensure_ascii=False, default=str)),
            "clause_ids": list(clause_ids),
            "pack_version": pack_version,
            "request_id": get_request_id() or "",
            "prev_hash": head.hash,
        }
        values["hash"] = entry_hash(values)
        event = LegalEvent.objects.create(**values)
        head.seq, head.hash = event.seq, event.hash
        head.save(update_fields=["seq", "hash"])
    return event


@dataclass(frozen=True)
class Verification:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""

    @property
    def message(self) -> str:
        if self.ok:
            return f"감사 체인 정상: {self.checked:,}건 검증"
        return f"감사 체인 손상: {self.broken_seq}번 항목 — {self.reason}"


def verify_chain(chunk_size: int = 5000) -> Verification:
    """Recompute every hash in order; report the first entry that does not fit."""
    expected_prev, expected_seq, checked = GENESIS, 1, 0
    rows = LegalEvent.objects.order_by("seq").values_list(*_FIELDS, "hash").iterator(chunk_size=chunk_size)
    for row in rows:
        values = dict(zip(_FIELDS, row[:-1], strict=True))
        stored_hash = row[-1]
        seq = values["seq"]
        if seq != expected_seq:
            return Verification(False, checked, expected_seq, f"{expected_seq}번 항목이 없습니다 (다음 항목 {seq}번)")
        if values["prev_hash"] != expected_prev:
            return Verification(False, checked, seq, "이전 항목의 해시와 연결되지 않습니다")
        if entry_hash(values) != stored_hash:
            return Verification(False, checked, seq, "내용이 기록 당시의 해시와 다릅니다 (변조)")
        expected_prev, expected_seq, checked = stored_hash, seq + 1, checked + 1
    head = ChainHead.objects.filter(pk=1).first()
    if head is not None and (head.seq != checked or head.hash != expected_prev):
        return Verification(False, checked, checked + 1, f"마지막 {head.seq - checked}건이 삭제되었습니다")
    return Verification(True, checked)


def ensure_chain_head(**kwargs) -> None:
    """post_migrate hook: the head row exists in every database (also after a test flush)."""
    ChainHead.objects.get_or_create(pk=1, defaults={"seq": 0, "hash": GENESIS})

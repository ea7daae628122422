"""Appending to and verifying the hash chain of legal events."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.dateparse import parse_datetime

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
    actor_name: str = "",
    subject: Model | None = None,
    payload: dict | None = None,
    clause_ids: Iterable[str] = (),
    pack_version: str = "",
) -> LegalEvent:
    """Append one legal event. Call inside the transaction of the action it records.

    ``actor_name`` names an actor that is not an account (e.g. "(명령행)" for a break-glass command).
    """
    with transaction.atomic():
        _check_foreign_keys_now()
        # Locking the one head row serialises appenders (created after every migrate/flush).
        head = ChainHead.objects.select_for_update().get(pk=1)
        values = {
            "seq": head.seq + 1,
            "occurred_at": timezone.now(),
            "kind": kind,
            "actor_id": actor.pk if actor else None,
            "actor_name": actor.get_full_name() if actor else actor_name[:100],
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


def _check_foreign_keys_now() -> None:
    """Runs the action's deferred foreign-key checks before the head is locked (PostgreSQL).

    Each check takes FOR KEY SHARE on the parent row (body, meeting, item …). Left to COMMIT, it would
    run while this transaction holds the head, and wait for an action that holds that parent and waits
    for the head: a deadlock. Django's foreign keys are the only deferrable constraints, so switching
    back to DEFERRED restores their initial mode for what the transaction does next.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


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


_LINK_BROKEN = "이전 항목의 해시와 연결되지 않습니다"
_ALTERED = "내용이 기록 당시의 해시와 다릅니다 (변조)"
# Below this many entries one process takes a few seconds at most: not worth forking for.
PARALLEL_FROM = 200_000


def verify_chain(chunk_size: int = 20_000, workers: int | None = None) -> Verification:
    """Recompute every hash in order; report the first entry that does not fit.

    Rows are read with a plain cursor (JSON as text, no ORM converters) and hashed by ``_row_hash``,
    which gives exactly ``entry_hash``. Large chains are split into ``seq`` ranges verified by forked
    processes; the links between ranges are checked here, so the result is the one a single pass gives.
    """
    bounds = _seq_bounds()
    workers = _workers(workers, bounds)
    if workers == 1:
        parts = iter([_verify_range(None, None, chunk_size)])
        return _stitch(parts)
    ranges = _split(bounds, workers * 4)
    connection.close()  # the children open their own; never share a socket across fork()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return _stitch(pool.imap(_verify_range_in_child, [(lo, hi, chunk_size) for lo, hi in ranges]))


@dataclass
class _Range:
    """One ``seq`` range, checked on its own: its first entry, its last, and the first fault after the first."""

    count: int = 0
    first: tuple[int, str, bool] | None = None  # seq, prev_hash, hash intact
    last: tuple[int, str] | None = None  # seq, stored hash
    broken: tuple[int, int, str] | None = None  # entries intact before it in the range, seq, reason


def _stitch(parts) -> Verification:
    """Joins the ranges in order, checking each range's first entry against the previous range's last."""
    expected_prev, expected_seq, checked = GENESIS, 1, 0
    for part in parts:
        if part.first is None:
            continue
        seq, prev_hash, intact = part.first
        if seq != expected_seq:
            return Verification(False, checked, expected_seq, _missing(expected_seq, seq))
        if prev_hash != expected_prev:
            return Verification(False, checked, seq, _LINK_BROKEN)
        if not intact:
            return Verification(False, checked, seq, _ALTERED)
        if part.broken is not None:
            before, seq, reason = part.broken
            return Verification(False, checked + before, seq, reason)
        checked += part.count
        expected_seq, expected_prev = part.last[0] + 1, part.last[1]
    head = ChainHead.objects.filter(pk=1).first()
    if head is not None and (head.seq != checked or head.hash != expected_prev):
        return Verification(False, checked, checked + 1, f"마지막 {head.seq - checked}건이 삭제되었습니다")
    return Verification(True, checked)


def _missing(expected_seq: int, seq: int) -> str:
    return f"{expected_seq}번 항목이 없습니다 (다음 항목 {seq}번)"


def _verify_range(lo: int | None, hi: int | None, chunk_size: int) -> _Range:
    """Entries with lo <= seq <= hi (None: unbounded), read in keyset chunks."""
    table = connection.ops.quote_name(LegalEvent._meta.db_table)
    columns, iso = _columns()
    upper = "" if hi is None else " AND seq <= %s"
    sql = f"SELECT {columns} FROM {table} WHERE seq > %s{upper} ORDER BY seq LIMIT %s"  # noqa: S608  # nosec B608
    part, after, cache = _Range(), -1 if lo is None else lo - 1, {}
    expected_seq = expected_prev = None
    with connection.cursor() as cursor:
        while True:
            cursor.execute(sql, [after, chunk_size] if hi is None else [after, hi, chunk_size])
            rows = cursor.fetchall()
            if not rows:
                return part
            for row in rows:
                seq, prev_hash, stored = row[0], row[13], row[14]
                if part.first is None:
                    part.first = (seq, prev_hash, _row_hash(row, iso, cache) == stored)
                    if not part.first[2]:
                        return part
                elif seq != expected_seq:
                    part.broken = (part.count, expected_seq, _missing(expected_seq, seq))
                    return part
                elif prev_hash != expected_prev:
                    part.broken = (part.count, seq, _LINK_BROKEN)
                    return part
                elif _row_hash(row, iso, cache) != stored:
                    part.broken = (part.count, seq, _ALTERED)
                    return part
                part.count += 1
                part.last = (seq, stored)
                expected_seq, expected_prev = seq + 1, stored
            after = rows[-1][0]


def _verify_range_in_child(args) -> _Range:
    try:
        return _verify_range(*args)
    finally:
        connection.close()


def _seq_bounds() -> tuple[int, int] | None:
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(LegalEvent._meta.db_table)
        cursor.execute(f"SELECT MIN(seq), MAX(seq) FROM {table}")  # noqa: S608  # nosec B608
        low, high = cursor.fetchone()
    return None if low is None else (low, high)


def _workers(requested: int | None, bounds: tuple[int, int] | None) -> int:
    """How many processes: one for small chains, and whenever forking is not safe here."""
    if bounds is None:
        return 1
    wanted = requested if requested is not None else (os.cpu_count() or 1)
    if requested is None and bounds[1] - bounds[0] + 1 < PARALLEL_FROM:
        return 1
    forkable = (
        "fork" in multiprocessing.get_all_start_methods()
        # Uncommitted rows (a test, a caller's transaction) are invisible to other connections.
        and not connection.in_atomic_block
        # Forking a process with other threads (a threaded web worker) can leave locks held in the child.
        and threading.active_count() == 1
        and not (connection.vendor == "sqlite" and connection.is_in_memory_db())
    )
    return max(1, min(wanted, 8)) if forkable else 1


def _split(bounds: tuple[int, int], parts: int) -> list[tuple[int | None, int | None]]:
    """``parts`` seq ranges covering everything (open-ended at both ends, so no entry is left out)."""
    low, high = bounds
    step = max(1, -(-(high - low + 1) // parts))
    cuts = list(range(low + step, high + 1, step))
    starts, ends = [None, *cuts], [c - 1 for c in cuts] + [None]
    return list(zip(starts, ends, strict=True))


# The columns as _row_hash reads them: _FIELDS, then the stored hash.
_ROW = (*_FIELDS, "hash")
_JSON_FIELDS = ("payload", "clause_ids")
_escape = json.encoder.encode_basestring  # the string form json.dumps(ensure_ascii=False) writes
_canonical = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode


def _columns() -> tuple[str, Callable]:
    """The SELECT list, and how a fetched occurred_at becomes entry_hash's UTC ISO text.

    The time is read as text (parsing it into a datetime cost more than the rest of the row), the JSON
    columns as their text; another backend gets its own conversions.
    """
    quote = connection.ops.quote_name
    if connection.vendor == "sqlite":  # an expression has no declared type, so no Python-side parsing
        expressions = {"occurred_at": f"CAST({quote('occurred_at')} AS TEXT)"}
        return ", ".join(expressions.get(f, quote(f)) for f in _ROW), _sqlite_utc_iso
    if connection.vendor != "postgresql":
        return ", ".join(quote(f) for f in _ROW), _utc_iso
    expressions = {
        "occurred_at": f"""to_char({quote("occurred_at")} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')""",
        **{f: f"{quote(f)}::text" for f in _JSON_FIELDS},
    }
    return ", ".join(expressions.get(f, quote(f)) for f in _ROW), _pg_utc_iso


def _pg_utc_iso(text: str | None) -> str | None:
    """datetime.isoformat() of the UTC time: no fraction when it is zero, "+00:00" for UTC."""
    if text is None:
        return None
    return f"{text[:-7] if text.endswith('.000000') else text}+00:00"


def _sqlite_utc_iso(text: str | None) -> str | None:
    """Django stores naive UTC as "YYYY-MM-DD HH:MM:SS[.ffffff]"; anything else is parsed."""
    if text is not None and len(text) in (19, 26) and text[10] == " ":
        return f"{text[:10]}T{text[11:]}+00:00"
    return _utc_iso(text)


def _utc_iso(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):  # read as text
        try:
            parsed = parse_datetime(value)
        except ValueError:
            parsed = None
        if parsed is None:  # not a time at all: it cannot match the hash, which reports the entry
            return value
        value = parsed
    if value.tzinfo is None:  # SQLite stores UTC without an offset
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat()


def _json(value, cache: dict) -> str:
    """Canonical JSON of a stored JSON text (cached: clause lists and many payloads repeat)."""
    if not isinstance(value, str):
        return _canonical(value)
    text = cache.get(value)
    if text is None:
        text = _canonical(json.loads(value))
        if len(cache) < 50_000:
            cache[value] = text
    return text


def _row_hash(row, iso: Callable, cache: dict) -> str:
    """entry_hash of a raw row without building its dict: the same canonical JSON, keys in sorted order."""
    seq, occurred, kind, actor_id, actor, s_type, s_id, s_repr, summary, payload, clauses, pack, req, prev, _ = row
    occurred = iso(occurred)
    try:
        data = (
            f'{{"actor_id":{"null" if actor_id is None else actor_id},"actor_name":{_escape(actor)},'
            f'"clause_ids":{_json(clauses, cache)},"kind":{_escape(kind)},'
            f'"occurred_at":{"null" if occurred is None else _escape(occurred)},'
            f'"pack_version":{_escape(pack)},"payload":{_json(payload, cache)},"prev_hash":{_escape(prev)},'
            f'"request_id":{_escape(req)},"seq":{seq},"subject_id":{_escape(s_id)},'
            f'"subject_repr":{_escape(s_repr)},"subject_type":{_escape(s_type)},"summary":{_escape(summary)}}}'
        )
    except TypeError:  # a NULL where text belongs: let the reference computation decide
        values = dict(zip(_FIELDS, row[:14], strict=True))
        values["occurred_at"] = parse_datetime(occurred) if occurred is not None else None
        for field in _JSON_FIELDS:
            if isinstance(values[field], str):
                values[field] = json.loads(values[field])
        return entry_hash(values)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def ensure_chain_head(**kwargs) -> None:
    """post_migrate hook: the head row exists in every database (also after a test flush)."""
    ChainHead.objects.get_or_create(pk=1, defaults={"seq": 0, "hash": GENESIS})

"""The draw of the contact order (a15.3 "무작위 추출한 명부 순서"): pure functions over a published record.

Algorithm ``itms-draw-v1`` (docs/draw.md):

1. The eligible list is the experts left after the exclusions, each as ``{"code": "EXP-0042"}`` (the pool number,
   not the name: the record is shown to the bidders), sorted by code. Its canonical form is the JSON text with
   sorted keys, no spaces, UTF-8. ``list_hash`` = SHA-256 of that text (hex).
2. At the commitment a 32-byte secret is drawn with Python's ``secrets`` and kept as 64 hex digits;
   ``secret_hash`` = SHA-256 of those 64 ASCII characters (hex). Both hashes are chained before any witness speaks.
3. Witnesses enter numbers (1–12 digits) after the commitment. ``witness_material`` = the lines ``"<seq>:<number>"``
   in order of entry, joined by ``\\n``.
4. At the reveal: ``seed`` = SHA-256 of the UTF-8 text ``"itms-draw-v1\\n" + list_hash + "\\n" + secret + "\\n" +
   witness_material`` (32 bytes). Each expert's key = HMAC-SHA-256(seed, code) (hex). The contact order is the codes
   sorted by (key, code).

Nobody can choose the order: the list and the secret are fixed (and hashed into the chain) before the witnesses'
numbers exist, and the witnesses cannot know the secret. Anyone holding the record recomputes every step
(``verify_record``); ``manage.py verify_draw`` also checks the record against the chained legal events.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets as _secrets

ALGORITHM = "itms-draw-v1"
ALGORITHMS = (ALGORITHM,)
WITNESS_NUMBER = re.compile(r"^[0-9]{1,12}$")
HEX64 = re.compile(r"^[0-9a-f]{64}$")


class UnknownAlgorithm(ValueError):
    pass


def canonical(value) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def canonical_list(codes) -> list[dict]:
    """The eligible list in its canonical form: one entry per code, sorted."""
    return [{"code": code} for code in sorted(set(codes))]


def list_hash(eligible: list[dict]) -> str:
    return sha256_hex(canonical(eligible))


def new_secret() -> str:
    return _secrets.token_hex(32)


def secret_hash(secret: str) -> str:
    return sha256_hex(secret.encode("ascii"))


def witness_material(witnesses: list[dict]) -> str:
    return "\n".join(f"{w['seq']}:{w['number']}" for w in sorted(witnesses, key=lambda w: int(w["seq"])))


def seed(*, list_hash_hex: str, secret: str, witnesses: list[dict], algorithm: str = ALGORITHM) -> bytes:
    if algorithm not in ALGORITHMS:
        raise UnknownAlgorithm(algorithm)
    text = "\n".join((algorithm, list_hash_hex, secret, witness_material(witnesses)))
    return hashlib.sha256(text.encode("utf-8")).digest()


def contact_order(
    *, eligible: list[dict], list_hash_hex: str, secret: str, witnesses: list[dict], algorithm: str = ALGORITHM
) -> list[str]:
    key = seed(list_hash_hex=list_hash_hex, secret=secret, witnesses=witnesses, algorithm=algorithm)

    def rank(entry: dict) -> tuple[str, str]:
        return hmac.new(key, entry["code"].encode("utf-8"), hashlib.sha256).hexdigest(), entry["code"]

    return [entry["code"] for entry in sorted(eligible, key=rank)]


# --- checking a published record ---------------------------------------------------------------------------------
def verify_record(record: dict) -> list[str]:
    """Every way the record disagrees with itself, in Korean (empty: it holds).

    Checks the list hash, the secret against its commitment, the order recomputed from the record alone, and that
    the experts were contacted in that order and no further than needed.
    """
    problems: list[str] = []
    algorithm = record.get("algorithm")
    if algorithm not in ALGORITHMS:
        return [f"알 수 없는 순서 산정 방식입니다: {algorithm}"]
    eligible = record.get("eligible") or []
    if eligible != canonical_list(e.get("code", "") for e in eligible):
        problems.append("명부가 정규형(명부 번호 순, 중복 없음)이 아닙니다.")
    if list_hash(eligible) != record.get("list_hash"):
        problems.append("명부 해시가 명부와 맞지 않습니다 (봉인 후 명부가 바뀜).")
    commitment = record.get("commitment") or {}
    secret = record.get("secret") or ""
    if not secret:
        problems.append("비밀값이 공개되지 않았습니다 (추출 전).")
        return problems
    if not HEX64.match(secret) or secret_hash(secret) != commitment.get("secret_hash"):
        problems.append("공개된 비밀값이 봉인한 비밀값 해시와 맞지 않습니다.")
    witnesses = record.get("witnesses") or []
    for witness in witnesses:
        if not WITNESS_NUMBER.match(str(witness.get("number", ""))):
            problems.append(f"참관인 {witness.get('seq')}의 입력값이 숫자가 아닙니다.")
    expected = contact_order(
        eligible=eligible,
        list_hash_hex=record.get("list_hash", ""),
        secret=secret,
        witnesses=witnesses,
        algorithm=algorithm,
    )
    if expected != record.get("order"):
        problems.append("교섭 순서가 명부·비밀값·참관인 입력값으로 다시 계산한 순서와 다릅니다.")
    problems += _contact_problems(record, expected)
    return problems


def _contact_problems(record: dict, order: list[str]) -> list[str]:
    problems = []
    needed = int(record.get("needed") or 0)
    accepted = 0
    for expected_position, contact in enumerate(record.get("contacts") or [], start=1):
        position = contact.get("position")
        if position != expected_position:
            problems.append(f"{expected_position}번째 교섭이 순서를 건너뛰었습니다 (기록된 순서 {position}).")
            break
        if position > len(order) or order[position - 1] != contact.get("code"):
            problems.append(f"{position}번째 교섭 상대가 교섭 순서의 {position}번째 전문가가 아닙니다.")
        if accepted >= needed:
            problems.append(f"필요한 {needed}명이 모두 수락한 뒤에도 교섭했습니다 ({position}번째).")
        if contact.get("outcome") == "accepted":
            accepted += 1
    return problems

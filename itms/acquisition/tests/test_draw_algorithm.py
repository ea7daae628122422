"""The draw of the contact order (a15.3 "무작위 추출한 명부 순서"), checked from its written description (docs/draw.md),
recomputed here with hashlib and hmac alone — not with the product's functions."""

import hashlib
import hmac
import json

from itms.acquisition import draw

CODES = ["EXP-0003", "EXP-0001", "EXP-0007", "EXP-0012", "EXP-0005"]
SECRET = "a" * 64
WITNESSES = [{"seq": 1, "number": "4821"}, {"seq": 2, "number": "90"}]


def by_hand():
    """docs/draw.md, step by step."""
    eligible = [{"code": code} for code in sorted(CODES)]
    text = json.dumps(eligible, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    list_hash = hashlib.sha256(text.encode()).hexdigest()
    material = "1:4821\n2:90"
    seed = hashlib.sha256(f"itms-draw-v1\n{list_hash}\n{SECRET}\n{material}".encode()).digest()
    keys = {code: hmac.new(seed, code.encode(), hashlib.sha256).hexdigest() for code in CODES}
    return eligible, list_hash, sorted(CODES, key=lambda code: (keys[code], code))


def record(**changes):
    eligible, list_hash, order = by_hand()
    base = {
        "algorithm": "itms-draw-v1",
        "needed": 2,
        "eligible": eligible,
        "list_hash": list_hash,
        "commitment": {"secret_hash": hashlib.sha256(SECRET.encode()).hexdigest()},
        "secret": SECRET,
        "witnesses": WITNESSES,
        "order": order,
        "contacts": [
            {"position": 1, "code": order[0], "outcome": "declined"},
            {"position": 2, "code": order[1], "outcome": "accepted"},
            {"position": 3, "code": order[2], "outcome": "accepted"},
        ],
    }
    base.update(changes)
    return base


def test_a15_3_the_contact_order_is_the_documented_keyed_sha256_ordering():
    eligible, list_hash, order = by_hand()
    assert draw.canonical_list(CODES) == eligible
    assert draw.list_hash(eligible) == list_hash
    assert draw.contact_order(eligible=eligible, list_hash_hex=list_hash, secret=SECRET, witnesses=WITNESSES) == order


def test_a15_3_a_published_record_verifies_from_itself_alone():
    assert draw.verify_record(record()) == []


def test_a15_3_any_other_witness_number_gives_another_order():
    eligible, list_hash, order = by_hand()
    other = draw.contact_order(
        eligible=eligible,
        list_hash_hex=list_hash,
        secret=SECRET,
        witnesses=[{"seq": 1, "number": "4822"}, WITNESSES[1]],
    )
    assert sorted(other) == sorted(order) and other != order


def test_a15_3_tampering_with_any_part_of_the_record_is_found():
    eligible, list_hash, order = by_hand()
    assert any("명부 해시" in p for p in draw.verify_record(record(eligible=eligible[:-1])))
    assert any("비밀값 해시" in p for p in draw.verify_record(record(secret="b" * 64)))
    assert any("다시 계산한 순서" in p for p in draw.verify_record(record(witnesses=[{"seq": 1, "number": "77"}])))
    assert any("다시 계산한 순서" in p for p in draw.verify_record(record(order=list(reversed(order)))))
    skipped = [{"position": 1, "code": order[1], "outcome": "accepted"}]
    assert any("1번째 교섭 상대" in p for p in draw.verify_record(record(contacts=skipped)))
    too_many = [{"position": i + 1, "code": order[i], "outcome": "accepted"} for i in range(3)]
    assert any("모두 수락한 뒤에도" in p for p in draw.verify_record(record(contacts=too_many)))
    assert draw.verify_record(record(algorithm="itms-draw-v0")) == ["알 수 없는 순서 산정 방식입니다: itms-draw-v0"]


def test_a15_3_a_record_before_the_reveal_says_the_secret_is_not_public_yet():
    assert draw.verify_record(record(secret=None)) == ["비밀값이 공개되지 않았습니다 (추출 전)."]


def test_a15_3_secrets_are_64_hex_digits_and_never_repeat():
    first, second = draw.new_secret(), draw.new_secret()
    assert draw.HEX64.match(first) and first != second

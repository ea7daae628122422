"""The hash chain of legal events: any alteration, removal or reordering is found, and named."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from itms.audit.chain import record_event, verify_chain
from itms.audit.models import ChainHead, LegalEvent, LegalEventKind

pytestmark = pytest.mark.django_db


def _before():
    """The demo data already records legal events; counts are relative to them."""
    return LegalEvent.objects.count()


def _events(n, actor=None):
    return [
        record_event(
            kind=LegalEventKind.VOTE_CAST,
            summary=f"표결 {i}",
            actor=actor,
            clause_ids=["a4.8"],
            payload={"vote": "찬성", "n": i},
            pack_version="훈령 제2427호",
        )
        for i in range(n)
    ]


def test_each_entry_links_to_the_previous_hash(user_of):
    n = _before()
    first, second, third = _events(3, actor=user_of("cio"))
    assert second.prev_hash == first.hash and third.prev_hash == second.hash
    assert [e.seq for e in (first, second, third)] == [n + 1, n + 2, n + 3]
    assert third.actor_name == "김정민"
    head = ChainHead.objects.get(pk=1)
    assert (head.seq, head.hash) == (n + 3, third.hash)


def test_intact_chain_verifies_and_the_command_exits_0():
    n = _before()
    _events(5)
    assert verify_chain().ok
    out = io.StringIO()
    call_command("verify_audit_chain", stdout=out)
    assert "정상" in out.getvalue() and f"{n + 5}건" in out.getvalue()


def test_altered_payload_is_detected_and_named_by_the_command():
    events = _events(5)
    # Someone edits a stored vote directly in the database.
    LegalEvent.objects.filter(pk=events[2].pk).update(payload={"vote": "반대", "n": 2})
    result = verify_chain()
    assert not result.ok and result.broken_seq == events[2].seq
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("verify_audit_chain", stderr=err)
    assert exit_info.value.code == 1
    assert f"{events[2].seq}번" in err.getvalue()


def test_removed_middle_entry_is_detected():
    events = _events(4)
    LegalEvent.objects.filter(pk=events[1].pk).delete()
    result = verify_chain()
    assert not result.ok and result.broken_seq == events[1].seq


def test_removed_last_entry_is_detected_by_the_head():
    events = _events(3)
    LegalEvent.objects.filter(pk=events[-1].pk).delete()
    result = verify_chain()
    assert not result.ok and "삭제" in result.reason


def test_rehashed_forgery_breaks_the_link_to_the_next_entry():
    events = _events(3)
    forged = LegalEvent.objects.get(pk=events[0].pk)
    forged.summary = "위조"
    forged.hash = "f" * 64
    forged.save()
    result = verify_chain()
    assert not result.ok and result.broken_seq == events[0].seq


def test_verification_page_shows_the_result(client_of):
    n = _before()
    _events(2)
    response = client_of("cio").get("/audit/verify/?run=1")
    assert response.status_code == 200
    assert f"감사 체인 정상: {n + 2:,}건 검증" in response.content.decode()
    assert client_of("sponsor").get("/audit/verify/").status_code == 403


def test_django_admin_changelist_shows_the_verification(client_of):
    first = _events(1)[0]
    LegalEvent.objects.filter(pk=first.pk).update(summary="변조")
    response = client_of("admin").get("/django-admin/audit/legalevent/", follow=True)
    assert f"감사 체인 손상: {first.seq}번 항목" in response.content.decode()


# --- verification reads raw rows: the same hashes, the same first fault (docs/quality.md, "Benchmarks") -----
def test_verification_recomputes_exactly_what_record_event_hashed(monkeypatch):
    """Text that JSON escapes, nested payloads in any key order, numbers, no actor, a time on the second."""
    import datetime as dt

    from django.utils import timezone

    kst = dt.timezone(dt.timedelta(hours=9))
    record_event(
        kind=LegalEventKind.DRAW_PERFORMED,
        summary='따옴표 " 역슬래시 \\ 줄바꿈 \n 탭 \t 제어 \x01 이모지 🙂',
        payload={"z": [3, 1.5, None, True], "a": {"나": "가", "b\u2028": 1e-05}, "금액": 12_345_678_901},
        clause_ids=["a15.3", "a2.0.7"],
        pack_version="훈령 제2427호",
    )
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 1, 5, 9, 0, 0, tzinfo=kst))
    record_event(kind=LegalEventKind.ACCOUNT_UNLOCKED, summary="정각의 기록", payload={})
    assert verify_chain(workers=1).ok


def _ranges_then_single(chunk_size=2):
    """The result of verifying in four seq ranges (as the worker processes do) next to one pass."""
    from itms.audit.chain import _seq_bounds, _split, _stitch, _verify_range

    parts = (_verify_range(lo, hi, chunk_size) for lo, hi in _split(_seq_bounds(), 4))
    return _stitch(parts), verify_chain(chunk_size=chunk_size, workers=1)


@pytest.mark.parametrize("damage", ["none", "altered", "removed", "removed_last"])
def test_verifying_in_ranges_reports_what_one_pass_reports(damage):
    events = _events(9)
    if damage == "altered":
        LegalEvent.objects.filter(pk=events[4].pk).update(summary="변조")
    elif damage == "removed":
        LegalEvent.objects.filter(pk__in=[events[3].pk, events[4].pk, events[5].pk]).delete()
    elif damage == "removed_last":
        LegalEvent.objects.filter(pk=events[-1].pk).delete()
    in_ranges, single = _ranges_then_single()
    assert in_ranges == single
    assert single.ok == (damage == "none")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="worker processes read committed rows of a server database"
)
def test_verification_in_worker_processes_finds_the_same_fault(demo):
    events = _events(30)
    assert _verify_in_a_fresh_process(workers=2) == [2, *_verified(workers=1)[1:]]
    assert _verified(workers=1)[1] is True
    LegalEvent.objects.filter(pk=events[20].pk).update(payload={"vote": "반대"})
    forked = _verify_in_a_fresh_process(workers=2)
    assert forked[0] == 2  # it really forked
    assert forked[1:] == _verified(workers=1)[1:]
    assert forked[1:3] == [False, events[20].seq]


def _verified(workers: int) -> list:
    result = verify_chain(chunk_size=4, workers=workers)
    return [workers, result.ok, result.broken_seq, result.checked]


def _verify_in_a_fresh_process(workers: int) -> list:
    """verify_chain in a new process, as `manage.py verify_audit_chain` runs it.

    A pytest-xdist worker has threads of its own (execnet, a live server), and forking such a process is what
    _workers refuses in production; a fresh single-threaded process is where the forked path runs.
    """
    import json
    import os
    import subprocess
    import sys

    db = connection.settings_dict
    url = f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    code = (
        "import django, json; django.setup()\n"
        "from itms.audit.chain import _seq_bounds, _workers, verify_chain\n"
        f"r = verify_chain(chunk_size=4, workers={workers})\n"
        f"print(json.dumps([_workers({workers}, _seq_bounds()), r.ok, r.broken_seq, r.checked]))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.test_settings", "DATABASE_URL": url}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])

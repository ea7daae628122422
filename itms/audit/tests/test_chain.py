"""The hash chain of legal events: any alteration, removal or reordering is found, and named."""

import io

import pytest
from django.core.management import call_command

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

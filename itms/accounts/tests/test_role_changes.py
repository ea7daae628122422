"""Who holds a role is a legal fact: bindings and postings go into the hash chain (a4.7, a3.2, ADR 0003)."""

import pytest

from itms.accounts.models import Assignment, AssignmentKind, Position, RoleBinding
from itms.accounts.roles import Role
from itms.audit.chain import verify_chain
from itms.audit.models import LegalEvent, LegalEventKind

pytestmark = pytest.mark.django_db


def _role_events():
    return LegalEvent.objects.filter(kind=LegalEventKind.ROLE_CHANGED).order_by("seq")


def test_a4_7_an_acting_assignment_made_through_the_api_is_chained_with_its_author(client_of, user_of):
    before = _role_events().count()
    head = Position.objects.get(unit__code="KCS-CLP", is_head=True)
    response = client_of("sysadmin").post(
        "/api/accounts/assignments/",
        {
            "user": user_of("sponsor").pk,
            "position": head.pk,
            "kind": AssignmentKind.ACTING,
            "start_date": "2026-12-01",
            "end_date": "2026-12-15",
            "reason": "과장 출장",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content.decode()
    event = _role_events().last()
    assert _role_events().count() == before + 1
    assert event.actor_id == user_of("sysadmin").pk
    assert event.clause_ids == ["a4.7"]
    assert event.payload["action"] == "created" and event.payload["reason"] == "과장 출장"
    assert event.summary.startswith("직무대행 ") and event.summary.endswith("지정")
    assert verify_chain().ok


def test_a3_2_moving_the_cio_role_and_removing_it_are_both_chained(client_of):
    client_of("sysadmin").get("/")  # a request before, whose user must not be taken for the actor below
    binding = RoleBinding.objects.get(role=Role.CIO)
    before = _role_events().count()
    binding.note = "직제 개편"
    binding.save()
    binding.delete()
    changed, removed = _role_events()[before:]
    assert changed.payload["action"] == "changed" and "a3.2" in changed.clause_ids
    assert changed.actor_id is None  # outside a request: nobody, not the last request's user
    assert removed.payload["action"] == "deleted" and removed.summary.endswith("해제")
    assert verify_chain().ok


def test_a_refused_assignment_records_nothing(client_of, user_of):
    before = _role_events().count()
    # Counted, not looked up by date: the demo's own 직무대행 starts three days before today (accounts/demo.py).
    assignments = Assignment.objects.count()
    response = client_of("sysadmin").post(
        "/api/accounts/assignments/",
        {
            "user": user_of("sponsor").pk,
            "position": Position.objects.filter(is_head=True).first().pk,
            "kind": AssignmentKind.ACTING,
            "start_date": "2026-12-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "종료일" in response.content.decode()
    assert _role_events().count() == before
    assert Assignment.objects.count() == assignments
    assert not Assignment.objects.filter(user=user_of("sponsor"), kind=AssignmentKind.ACTING).exists()

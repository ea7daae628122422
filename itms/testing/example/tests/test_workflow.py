"""The workflow engine, proved on a small example process (시험 요청).

Who may take a transition, guards that cite their clause and say why in Korean,
an authorised override that lands in the hash chain, obligations opened and met
by effects, one generic view and API for every process — and a refusal that
changes nothing.
"""

import datetime as dt
import json
import threading

import pytest
from django.db import connection
from django.utils import timezone

from itms.accounts.models import OrgUnit
from itms.audit.models import LegalEvent, LegalEventKind
from itms.regulation.models import Obligation
from itms.regulation.workflows import Blocked, Conflict
from itms.testing.example.models import ExampleRequest
from itms.testing.suites import ObjectTypeTests

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _request(**values):
    defaults = {
        "title": "통관 자동화",
        "unit": OrgUnit.objects.get(code="KCS-CLP"),
        "amount": 100_000_000,
        "evaluation_date": TODAY + dt.timedelta(days=30),
    }
    return ExampleRequest.objects.create(**{**defaults, **values})


def _post(client, request, name, **data):
    return client.post(f"/regulation/workflow/example/examplerequest/{request.pk}/{name}/", data)


class TestExampleRequest(ObjectTypeTests):
    label = "example.examplerequest"

    def make(self, n):
        return [_request(title=f"시험 요청 {i}") for i in range(n)]

    def create_data(self):
        return {"title": "신규 요청", "unit": OrgUnit.objects.get(code="KCS-CLP").pk, "amount": 5_000_000}

    def update_data(self, obj):
        return {"title": obj.title + " (수정)", "unit": obj.unit_id, "amount": 6_000_000}

    def invalid_data(self):
        return {"title": "음수 예산", "unit": OrgUnit.objects.get(code="KCS-CLP").pk, "amount": -1}, "amount"


def test_a8_1_sponsor_submits_and_the_review_obligation_opens_with_its_due_date(client_of):
    request = _request()
    response = _post(client_of("sponsor"), request, "submit")
    assert response.status_code == 303
    request.refresh_from_db()
    assert request.state == "submitted"
    obligation = Obligation.objects.get(kind="example_review", subject_id=request.pk)
    assert obligation.owed_by_role == "it_planning_officer"
    assert obligation.due_date >= TODAY + dt.timedelta(days=14)
    assert "초일 불산입" in obligation.due_explanation and obligation.pack_version == "훈령 제2427호"
    event = LegalEvent.objects.filter(kind=LegalEventKind.TRANSITION).latest("seq")
    assert event.clause_ids == ["a8.1"] and event.pack_version == "훈령 제2427호"
    assert event.payload["from"] == "draft" and event.payload["to"] == "submitted"


def test_a8_1_guard_blocks_with_its_clause_and_a_korean_reason_and_changes_nothing(client_of, unchanged):
    request = _request(title="", amount=0)
    client = client_of("sponsor")
    with unchanged():
        response = _post(client, request, "submit")
    assert response.status_code == 303
    page = client_of("sponsor").get(response["Location"]).content.decode()
    assert "사업 내용과 예산을 입력해야 제출할 수 있습니다" in page


def test_only_the_sponsoring_department_may_submit(client_of, unchanged):
    request = _request()
    client = client_of("itstaff")  # 데이터담당관, not the sponsor
    with unchanged():
        response = _post(client, request, "submit")
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.state == "draft"


def test_vendor_cannot_even_see_the_process(client_of, unchanged):
    request = _request()
    client = client_of("vendor")
    with unchanged():
        assert _post(client, request, "submit").status_code == 404
        assert client.get(f"/api/workflow/example/examplerequest/{request.pk}/").status_code == 404


def test_a_transition_not_allowed_from_the_current_state_is_refused(client_of):
    request = _request()
    response = client_of("itplan").post(
        f"/api/workflow/example/examplerequest/{request.pk}/approve/", {}, content_type="application/json"
    )
    assert response.status_code == 409
    assert "현재 상태가 '작성 중'" in response.json()["detail"]


def test_a15_4_late_committee_blocks_approval_until_overridden_with_a_reason(client_of):
    request = _request(evaluation_date=TODAY + dt.timedelta(days=2))
    request.workflow.execute(request, "submit", actor=_user("sponsor"))
    client = client_of("itplan")
    state = client.get(f"/api/workflow/example/examplerequest/{request.pk}/").json()
    approve = next(t for t in state["transitions"] if t["name"] == "approve")
    assert approve["available"] is False and approve["can_override"] is True
    blocker = approve["blocked_by"][0]
    assert blocker["clause"] == "a15.4" and blocker["clause_label"] == "제15조제4항"

    blocked = client.post(
        f"/api/workflow/example/examplerequest/{request.pk}/approve/", {}, content_type="application/json"
    )
    body = blocked.json()
    assert blocked.status_code == 409 and body["clause"] == "a15.4" and body["code"] == blocker["code"]
    assert ExampleRequest.objects.get(pk=request.pk).state == "submitted"

    done = client.post(
        f"/api/workflow/example/examplerequest/{request.pk}/approve/",
        json.dumps({"override_reason": "보안 사유로 긴급 평가"}),
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["state"] == "approved"
    override = LegalEvent.objects.get(
        kind=LegalEventKind.GUARD_OVERRIDDEN, subject_type=ExampleRequest._meta.label_lower, subject_id=str(request.pk)
    )
    assert override.payload["reason"] == "보안 사유로 긴급 평가" and override.clause_ids == ["a15.4"]
    assert override.actor.username == "itplan"
    # The effect met the review obligation.
    assert Obligation.objects.get(kind="example_review", subject_id=request.pk).status == "met"


def test_an_override_needs_the_right_role_even_with_a_reason(client_of):
    request = _request(evaluation_date=TODAY + dt.timedelta(days=2))
    request.workflow.execute(request, "submit", actor=_user("sponsor"))
    with pytest.raises(Blocked):
        request.workflow.execute(request, "approve", actor=_user("itplan"))  # no reason given
    # A sponsor may not approve at all, with or without a reason.
    response = client_of("sponsor").post(
        f"/api/workflow/example/examplerequest/{request.pk}/approve/",
        json.dumps({"override_reason": "급함"}),
        content_type="application/json",
    )
    assert response.status_code == 403


def test_transition_input_is_validated_and_recorded(client_of):
    request = _request()
    request.workflow.execute(request, "submit", actor=_user("sponsor"))
    client = client_of("itplan")
    missing = _post(client, request, "return")
    assert missing.status_code == 303
    assert ExampleRequest.objects.get(pk=request.pk).state == "submitted"
    _post(client, request, "return", **{"return-reason": "예산 근거 부족"})
    request.refresh_from_db()
    assert request.state == "returned" and request.return_reason == "예산 근거 부족"


def test_detail_page_shows_available_and_blocked_transitions_with_reasons(client_of):
    request = _request(evaluation_date=TODAY + dt.timedelta(days=2))
    request.workflow.execute(request, "submit", actor=_user("sponsor"))
    page = client_of("itplan").get(f"/example/example-requests/{request.pk}/").content.decode()
    assert 'data-testid="workflow-panel"' in page and "제출" in page
    assert "평가일 5일 전까지 평가위원회를 구성해야 합니다." in page
    assert "예외로 승인" in page and "반려" in page
    sponsor_page = client_of("sponsor").get(f"/example/example-requests/{request.pk}/").content.decode()
    assert "이 단계는 담당자만 할 수 있습니다." in sponsor_page


def test_htmx_transition_answers_with_a_redirect_header(client_of):
    request = _request()
    response = client_of("sponsor").post(
        f"/regulation/workflow/example/examplerequest/{request.pk}/submit/", HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and response["HX-Redirect"] == f"/example/example-requests/{request.pk}/"


def test_a_second_taker_of_the_same_transition_gets_a_conflict():
    request = _request()
    request.workflow.execute(request, "submit", actor=_user("sponsor"))
    stale = ExampleRequest.objects.get(pk=request.pk)
    request.workflow.execute(request, "approve", actor=_user("itplan"))
    with pytest.raises(Conflict, match="다른 사용자가 먼저 처리했을 수 있으니"):
        stale.workflow.execute(stale, "approve", actor=_user("itplan"))
    approvals = LegalEvent.objects.filter(
        kind=LegalEventKind.TRANSITION, payload__transition="approve", subject_id=str(request.pk)
    ).filter(subject_type=ExampleRequest._meta.label_lower)
    assert approvals.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's; SQLite serialises writers")
def test_two_concurrent_approvals_on_postgresql_exactly_one_wins(demo):
    request = _request()
    request.workflow.execute(request, "submit", actor=_user("sponsor"))
    results, barrier = [], threading.Barrier(2)

    def approve():
        from django.db import connections

        try:
            barrier.wait()
            fresh = ExampleRequest.objects.get(pk=request.pk)
            fresh.workflow.execute(fresh, "approve", actor=_user("itplan"))
            results.append("ok")
        except Conflict as error:
            results.append(str(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results)[-1] == "ok" and results.count("ok") == 1
    assert any("현재 상태가 '승인'" in r for r in results)
    approvals = LegalEvent.objects.filter(
        kind=LegalEventKind.TRANSITION,
        payload__transition="approve",
        subject_type=ExampleRequest._meta.label_lower,
        subject_id=str(request.pk),
    )
    assert approvals.count() == 1  # the demo's own approvals (execution plans) are not this request's


def _user(username):
    from itms.accounts.models import User

    return User.objects.get(username=username)

"""지능정보화책임관의 조치 요구 (a3.4): heads must comply unless there is a special reason; overdue is tracked."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from itms.accounts.models import OrgUnit
from itms.governance import actions
from itms.governance.tests.test_meetings import user
from itms.regulation.models import Obligation

pytestmark = pytest.mark.django_db
DUE = timezone.localdate() + dt.timedelta(days=10)


def _request(*codes):
    return actions.create_cio_request(
        actor=user("cio"),
        title="정보자산 현행화 점검",
        content="보유 장비 목록을 점검하십시오.",
        due_date=DUE,
        units=[OrgUnit.objects.get(code=c) for c in codes],
    )


def test_a3_4_cio_request_opens_an_obligation_for_each_addressed_head():
    request = _request("KCS-CLR", "ICN-CIM")
    obligations = Obligation.objects.filter(kind="cio_request_response")
    assert obligations.count() == 2 and {o.due_date for o in obligations} == {DUE}
    assert {o.owed_by_unit.code for o in obligations} == {"KCS-CLR", "ICN-CIM"}
    assert all(o.owed_by_role == "department_head" and o.owed_to_role == "cio" for o in obligations)
    assert request.recipient_rows.count() == 2


def test_a3_4_only_the_cio_requests(client_of):
    with pytest.raises(PermissionDenied):
        actions.create_cio_request(
            actor=user("itplan"), title="t", content="c", due_date=DUE, units=[OrgUnit.objects.get(code="KCS-CLR")]
        )
    assert client_of("itplan").get("/governance/cio-requests/new/").status_code == 403
    assert client_of("cio").get("/governance/cio-requests/new/").status_code == 200


def test_a3_4_the_head_answers_and_the_obligation_is_met(client_of):
    request = _request("ICN-CIM")
    row = request.recipient_rows.get()
    assert (
        client_of("sponsor")
        .post(f"/governance/cio-requests/recipients/{row.pk}/answer/", {"response": "남의 답"})
        .status_code
        == 403
    )
    response = client_of("airport_it").post(
        f"/governance/cio-requests/recipients/{row.pk}/answer/", {"response": "장비 142대 점검 완료"}
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.response == "장비 142대 점검 완료" and row.responded_by.username == "airport_it"
    assert Obligation.objects.get(kind="cio_request_response").status == "met"


def test_a3_4_an_empty_answer_is_refused_and_changes_nothing(unchanged):
    request = _request("ICN-CIM")
    row = request.recipient_rows.get()
    with unchanged(), pytest.raises(ValidationError, match="특별한 사유"):
        actions.answer_cio_request(actor=user("airport_it"), recipient=row, response="  ")


def test_a3_4_an_unanswered_request_becomes_overdue():
    _request("ICN-CIM")
    obligation = Obligation.objects.get(kind="cio_request_response")
    assert obligation.display_status(today=DUE + dt.timedelta(days=1)) == "overdue"

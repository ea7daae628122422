"""직무대행 of the 지능정보화책임관 (a3.2, a3.4, a4.1, a4.7): during the acting period the acting official holds the
CIO's powers — the CIO's requests and the chair of the 정보화추진위원회 — and the regular holder holds none of them.

제3조제2항 "지능정보화책임관은 정보데이터정책관이 된다"; 제4조제1항 "지능정보화책임관을 위원장으로 하는
정보화추진위원회"; 제4조제7항 "위원장이 부득이한 사유로 직무를 수행하지 못 할 때에는 … 그 직무를 대행".
"""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from itms.accounts.models import Assignment, AssignmentKind, OrgUnit, Position
from itms.core.errors import Forbidden
from itms.governance import actions
from itms.governance.choices import MeetingMode
from itms.governance.seats import is_chair
from itms.governance.tests.test_meetings import add_item, committee, convene, user

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
AWAY = (TODAY, TODAY + dt.timedelta(days=30))  # 정보데이터정책관 on an overseas assignment


@pytest.fixture
def acting_cio():
    """데이터담당관 (윤서진) acts as 정보데이터정책관 for a month."""
    return Assignment.objects.create(
        user=user("itdept"),
        position=Position.objects.get(unit__code="KCS-IDP", is_head=True),
        kind=AssignmentKind.ACTING,
        start_date=AWAY[0],
        end_date=AWAY[1],
        reason="정보데이터정책관 국외 파견",
    )


def _request(actor):
    return actions.create_cio_request(
        actor=actor,
        title="정보자산 현행화 점검",
        content="보유 장비 목록을 점검하십시오.",
        due_date=timezone.localdate() + dt.timedelta(days=10),
        units=[OrgUnit.objects.get(code="KCS-CLR")],
    )


def test_a3_4_during_the_acting_period_only_the_acting_official_makes_cio_requests(acting_cio, unchanged, client_of):
    with unchanged(), pytest.raises(Forbidden) as refused:
        _request(user("cio"))
    assert refused.value.as_dict()["code"] == "governance.cio_only" and refused.value.clause == "a3.4"
    assert client_of("cio").get("/governance/cio-requests/new/").status_code == 403
    assert _request(user("itdept")).requested_by.username == "itdept"
    assert client_of("itdept").get("/governance/cio-requests/new/").status_code == 200


def test_a4_1_during_the_acting_period_the_acting_official_chairs_the_committee_not_both(acting_cio):
    body = committee()
    assert body.chair_on(TODAY).username == "itdept"
    assert is_chair(user("itdept"), body, TODAY) and not is_chair(user("cio"), body, TODAY)
    meeting = convene(day=TODAY + dt.timedelta(days=20), mode=MeetingMode.WRITTEN, written_reason="긴급 심의")
    assert meeting.convened_by.username == "itdept"  # the chair who convened: the acting official
    add_item(meeting)
    with pytest.raises(Forbidden):  # 서면 심의·의결 is the chair's (a4.11): not the absent regular holder's
        meeting.workflow.execute(
            meeting,
            "start_written",
            actor=user("cio"),
            data={"reason": "긴급", "closes_at": timezone.now() + dt.timedelta(days=3)},
        )
    meeting.workflow.execute(
        meeting,
        "start_written",
        actor=user("itdept"),
        data={"reason": "긴급", "closes_at": timezone.now() + dt.timedelta(days=3)},
    )


def test_a3_2_after_the_acting_period_the_cio_holds_the_powers_again(acting_cio):
    with time_machine.travel(dt.datetime.combine(AWAY[1] + dt.timedelta(days=1), dt.time(10), tzinfo=dt.UTC)):
        assert _request(user("cio")).requested_by.username == "cio"
        with pytest.raises(Forbidden):
            _request(user("itdept"))

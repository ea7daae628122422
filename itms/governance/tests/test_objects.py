"""Chapter 2's record types pass the generic suites (bodies and members editable; the rest through actions)."""

import datetime as dt

from django.utils import timezone

from itms.accounts.models import Position, User
from itms.governance import actions
from itms.governance.choices import BodyKind, MembershipBasis
from itms.governance.models import Body, Meeting, Membership, Minutes, Resolution
from itms.governance.tests.test_meetings import add_item, attend, convene, open_session, user, vote_all
from itms.testing.suites import ObjectTypeTests


def _task_body(n):
    return Body.objects.create(kind=BodyKind.TASK_DELIBERATION, name=f"과업심의위원회 시험 {n}-{Body.objects.count()}")


class TestBody(ObjectTypeTests):
    label = "governance.body"

    def make(self, n):
        return [_task_body(i) for i in range(n)]

    def create_data(self):
        return {
            "kind": "task_deliberation",
            "name": "과업심의위원회 (데이터)",
            "scope": "데이터 사업",
            "is_active": "on",
        }

    def update_data(self, obj):
        return {"kind": obj.kind, "name": obj.name, "scope": "변경된 심의 대상", "is_active": "on"}

    def invalid_data(self):
        # The committee's chair is a position (a4.1).
        return {"kind": "committee", "name": "위원장 없는 위원회", "is_active": "on"}, "chair_position"


class TestMembership(ObjectTypeTests):
    label = "governance.membership"

    def make(self, n):
        body = _task_body(0)
        experts = [
            User.objects.create_user(
                username=f"m{body.pk}-{i}", name=f"위원{i}", kind="expert", password="Expert-2026!x"
            )
            for i in range(n)
        ]
        return [
            Membership.objects.create(
                body=body, basis=MembershipBasis.EXTERNAL, user=e, is_external=True, start_date=dt.date(2026, 1, 1)
            )
            for e in experts
        ]

    def create_data(self):
        return {
            "body": Body.objects.get(name="정보화추진위원회").pk,
            "basis": "designated",
            "position": Position.objects.get(unit__code="KCS-IMP", is_head=True).pk,
            "start_date": "2026-01-01",
        }

    def update_data(self, obj):
        return {
            "body": obj.body_id,
            "basis": obj.basis,
            "user": obj.user_id,
            "is_external": "on",
            "start_date": "2026-01-01",
            "end_date": "2027-12-31",
        }

    def invalid_data(self):
        # An ex-officio seat is a position, never a person.
        return {
            "body": Body.objects.get(name="정보화추진위원회").pk,
            "basis": "ex_officio",
            "user": User.objects.get(username="sponsor").pk,
            "start_date": "2026-01-01",
        }, "position"


class TestMeeting(ObjectTypeTests):
    label = "governance.meeting"

    def make(self, n):
        return [convene(day=timezone.localdate() + dt.timedelta(days=30 + i)) for i in range(n)]


def _resolved_items(n):
    meeting = convene()
    items = [add_item(meeting, title=f"안건 {i}") for i in range(n)]
    present = attend(meeting, 5)
    open_session(meeting)
    for item in items:
        actions.open_voting(actor=user("itplan"), item=item)
        vote_all(item, present, ["for"] * 5)
        actions.close_vote(actor=user("itplan"), item=item)
    return meeting, items


class TestResolution(ObjectTypeTests):
    label = "governance.resolution"

    def make(self, n):
        return [Resolution.objects.get(item=item) for item in _resolved_items(n)[1]]


class TestMinutes(ObjectTypeTests):
    label = "governance.minutes"

    def make(self, n):
        result = []
        for _ in range(n):
            meeting, _ = _resolved_items(1)
            meeting.workflow.execute(meeting, "close", actor=user("itplan"))
            result.append(Minutes.objects.create(meeting=Meeting.objects.get(pk=meeting.pk)))
        return result


class TestCIORequest(ObjectTypeTests):
    label = "governance.ciorequest"

    def make(self, n):
        from itms.accounts.models import OrgUnit

        return [
            actions.create_cio_request(
                actor=user("cio"),
                title=f"조치 요구 {i}",
                content="정보자산 현행화 점검",
                due_date=timezone.localdate() + dt.timedelta(days=14),
                units=[OrgUnit.objects.get(code="KCS-CLR")],
            )
            for i in range(n)
        ]

"""The regulation record types through the generic suites: deadlines, rule packs, parameters, holidays."""

import datetime as dt
import itertools

import pytest

from itms.regulation.models import CalendarException, RulePack
from itms.testing.suites import ObjectTypeTests

from .helpers import free_weekday, obligation, parameter

pytestmark = pytest.mark.django_db
_numbers = itertools.count(9000)


class TestObligation(ObjectTypeTests):
    label = "regulation.obligation"

    def make(self, n):
        return [obligation(title=f"시험 기한 {i}") for i in range(n)]

    def test_no_write_surface_exists(self, admin_client):
        item = self.make(1)[0]
        assert admin_client.post("/api/regulation/obligations/", {}).status_code == 405
        assert admin_client.patch(f"/api/regulation/obligations/{item.pk}/", {}).status_code == 405
        assert admin_client.delete(f"/api/regulation/obligations/{item.pk}/").status_code == 405
        assert admin_client.get(f"/regulation/obligations/{item.pk}/edit/").status_code == 404


class TestRulePack(ObjectTypeTests):
    label = "regulation.rulepack"

    def make(self, n):
        # Old, repealed packs: the pack in force stays the one the tests compute with.
        return [
            RulePack.objects.create(
                number=next(_numbers),
                title=f"시험 훈령 {i}",
                issued_on=dt.date(2019, 1, 1),
                effective_from=dt.date(2019, 1, 1),
                repealed_on=dt.date(2020, 1, 1),
                source_text="시험",
                amendments=[{"number": 1, "issued": "2019-01-01", "effective": "2019-01-01"}],
            )
            for i in range(n)
        ]


class TestParameter(ObjectTypeTests):
    label = "regulation.parameter"

    def make(self, n):
        return [parameter(name=f"시험 규정 값 {i}") for i in range(n)]


class TestCalendarException(ObjectTypeTests):
    label = "regulation.calendarexception"

    def make(self, n):
        return [
            CalendarException.objects.create(date=free_weekday(), kind="added", name=f"임시공휴일 {i}", reason="시험")
            for i in range(n)
        ]

    def create_data(self):
        return {"date": free_weekday().isoformat(), "kind": "added", "name": "임시공휴일", "reason": "국무회의 의결"}

    def update_data(self, obj):
        return {"date": obj.date.isoformat(), "kind": obj.kind, "name": f"{obj.name} (정정)", "reason": "명칭 정정"}

    def invalid_data(self):
        # An ordinary weekday is no holiday, so it cannot be "removed" from the holidays.
        return {"date": free_weekday().isoformat(), "kind": "removed", "name": "잘못된 제외", "reason": ""}, "date"

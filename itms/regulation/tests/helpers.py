"""Small builders for the regulation tests: deadlines, parameters, holiday exceptions."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from itms.accounts.models import OrgUnit
from itms.accounts.roles import Role
from itms.regulation import legal_calendar
from itms.regulation.models import CalendarException, Obligation, Parameter, ParameterValue
from itms.regulation.models.parameters import Confidence, ParameterUnit
from itms.regulation.obligations import Forward, ObligationType, open_obligation, register_obligation_type
from itms.regulation.rules import pack_in_force

TODAY = timezone.localdate()
_serial = itertools.count(1)

# A deadline whose due date the test gives (no rule), and one computed like the a8.5 impact review.
REPLY = register_obligation_type(ObligationType("ui_test_reply", "시험 회신", ("a8.5",)))
IMPACT_REVIEW = register_obligation_type(
    ObligationType(
        "ui_test_impact_review",
        "영향도 검토 회신(시험)",
        ("a8.5", "a8.4"),
        rule=Forward("impact_review_days"),
        owed_by_role=Role.IT_DEPARTMENT_HEAD,
    )
)


def unit(code: str) -> OrgUnit:
    return OrgUnit.objects.get(code=code)


def obligation(*, due: dt.date | None = None, kind: str = REPLY.key, **kwargs) -> Obligation:
    """An open deadline; owed by the 정보기획담당관 unless the test says otherwise."""
    kwargs.setdefault("key", f"t{next(_serial)}")
    if kind == REPLY.key:
        kwargs.setdefault("due", due or TODAY + dt.timedelta(days=30))
        if "owed_by_unit" not in kwargs and "owed_by_user" not in kwargs:
            kwargs.setdefault("owed_by_role", Role.IT_PLANNING_OFFICER)
    kwargs.setdefault("title", f"시험 기한 {kwargs['key']}")
    return open_obligation(kind=kind, **kwargs)


def parameter(*, unit: str = ParameterUnit.DAYS, value=10, **kwargs) -> Parameter:
    pack = pack_in_force()
    serial = next(_serial)
    created = Parameter.objects.create(
        pack=pack,
        key=kwargs.pop("key", f"test_param_{serial}"),
        name=kwargs.pop("name", f"시험 규정 값 {serial}"),
        unit=unit,
        clause_ids=kwargs.pop("clause_ids", ["a8.5"]),
        confidence=kwargs.pop("confidence", Confidence.SYSTEM),
        **kwargs,
    )
    ParameterValue.objects.create(parameter=created, value=value, effective_from=pack.effective_from, reason="시행")
    return created


def free_weekday(after: dt.date | None = None) -> dt.date:
    """A future weekday that is not a holiday and has no exception yet (for "added" exceptions)."""
    day = after or dt.date(2031, 3, 3) + dt.timedelta(days=7 * next(_serial))
    taken = set(CalendarException.objects.values_list("date", flat=True))
    while day.weekday() >= 5 or legal_calendar.package_holiday_name(day) or day in taken:
        day += dt.timedelta(days=1)
    return day

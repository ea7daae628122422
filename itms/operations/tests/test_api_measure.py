"""POST /api/operations/service-level-agreements/<pk>/measure/ (a26.2): the SLA page's 산정 through the API — the
same action, the same write gate, the same coded refusals ``{code, message, clause}``, nothing saved on a refusal."""

import datetime as dt
import json
from decimal import Decimal

import pytest

from itms.operations import factories as f
from itms.operations.choices import IndicatorKind, Severity
from itms.operations.error_codes import OperationsErrors as E
from itms.operations.models import SlaMonth

pytestmark = pytest.mark.django_db
MANUAL = {"backup": "100", "key_staff": "90", "satisfaction": "80"}


def _url(sla) -> str:
    return f"/api/operations/service-level-agreements/{sla.pk}/measure/"


def _post(client, sla, body):
    return client.post(_url(sla), json.dumps(body), content_type="application/json")


@pytest.fixture
def one_system_sla(demo):
    system = f.system()
    return f.sla(f.contract([system]), signed=True), system


@pytest.mark.clause("a26.2")
def test_a26_2_api_computes_the_worked_month_720_hours_with_3_6_down(one_system_sla, client_of):
    """June: 720 h, one S1 outage of 3.6 h → 99.50 %, all at target → 100 points, S; computed again → 200."""
    sla, system = one_system_sla
    f.incident(system, day=dt.date(2026, 6, 10), hours=3.6, severity=Severity.S1)
    manual = {str(i.pk): MANUAL[i.kind] for i in sla.indicators.filter(kind="satisfaction")}  # by id …
    answer = _post(client_of("security"), sla, {"month": "2026-06-15", "values": {**MANUAL, **manual}})  # … or kind
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["score"] == "100.00" and body["grade"] == "S" and body["month"] == "2026-06-01"
    availability = next(m for m in body["measurements"] if m["kind"] == IndicatorKind.AVAILABILITY)
    assert availability["value"] == "99.50" and "(720.00 − 3.60) ÷ 720.00 × 100 = 99.50%" in availability["basis"]
    again = _post(client_of("security"), sla, {"month": "2026-06-01", "values": MANUAL})
    assert again.status_code == 200 and SlaMonth.objects.filter(sla=sla).count() == 1


@pytest.mark.clause("a26.2")
@pytest.mark.parametrize(
    ("username", "body", "status", "code"),
    [
        ("security", {"month": "2027-01-01", "values": MANUAL}, 400, E.MONTH_OUTSIDE.code),
        ("security", {"month": "2026-06-01", "values": {"backup": "100"}}, 400, E.VALUE_MISSING.code),
        ("security", {"month": "6월", "values": MANUAL}, 400, E.MONTH_FORMAT.code),
        ("security", {"month": "2026-06-01", "values": {**MANUAL, "uptime": "1"}}, 400, E.VALUES_UNKNOWN.code),
        ("security", {"month": "2026-06-01", "values": ["100", "90", "80"]}, 400, E.VALUES_FORMAT.code),
        ("itdept", {"month": "2026-06-01", "values": MANUAL}, 403, E.MEASURE_WHO.code),  # another IT department
    ],
    ids=["outside-contract", "value-missing", "bad-month", "unknown-indicator", "values-not-keyed", "other-it-dept"],
)
def test_a26_2_api_refusals_are_coded_and_save_nothing(one_system_sla, client_of, username, body, status, code):
    sla, _ = one_system_sla
    answer = _post(client_of(username), sla, body)
    assert answer.status_code == status, answer.content
    refusal = answer.json()
    assert refusal["code"] == code and refusal["clause"] == "a26.2" and refusal["message"]
    assert not SlaMonth.objects.filter(sla=sla).exists()


@pytest.mark.clause("a26.2")
def test_a26_2_api_does_not_recompute_a_reported_month_nor_show_another_vendors_sla(one_system_sla, client_of, demo):
    sla, _ = one_system_sla
    month = f.month(sla, 6)
    SlaMonth.workflow.execute(month, "report", actor=demo["security"])
    answer = _post(client_of("security"), sla, {"month": "2026-06-01", "values": MANUAL})
    assert answer.status_code == 409 and answer.json()["code"] == E.MONTH_LOCKED.code
    month.refresh_from_db()
    assert month.score == Decimal("100.00")
    assert _post(client_of("vendor2"), sla, {"month": "2026-07-01", "values": MANUAL}).status_code == 404
    assert _post(client_of(None), sla, {"month": "2026-07-01", "values": MANUAL}).status_code in (401, 403)
    assert not SlaMonth.objects.filter(sla=sla, month=dt.date(2026, 7, 1)).exists()

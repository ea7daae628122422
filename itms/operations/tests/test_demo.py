"""The demo agency's Chapter 6 (itms/operations/demo.py): systems with a year of incidents and SLA months, requests
at each step of a25."""

import pytest

from itms.operations.choices import MonthState, RequestState, SlaState
from itms.operations.models import Incident, MaintenanceRequest, ServiceLevelAgreement, SlaMonth

pytestmark = pytest.mark.django_db


def test_demo_has_a_signed_sla_with_months_and_incidents(demo):
    """a26.2, a26.3: the UNI-PASS O&M contract's SLA is signed and measured month by month from its incidents."""
    sla = ServiceLevelAgreement.objects.get(contract__number__endswith="-UP-OM-01")
    assert sla.state == SlaState.IN_FORCE
    assert sla.total_weight == 100
    months = list(SlaMonth.objects.filter(sla=sla).order_by("month"))
    assert len(months) >= 1
    assert Incident.objects.filter(contract=sla.contract).count() > 50
    if len(months) >= 2:
        assert months[-1].state == MonthState.REPORTED
        assert months[-2].state == MonthState.DISPUTED


def test_demo_requests_cover_the_steps_of_a25(demo):
    """a25.1–a25.4: every step has a request, the accepted ones are numbered 1, 2, 3 in the queue."""
    states = set(MaintenanceRequest.objects.values_list("state", flat=True))
    for state in (RequestState.DRAFT, RequestState.SUBMITTED, RequestState.FORWARDED, RequestState.ACCEPTED,
                  RequestState.REJECTED, RequestState.ADJUSTING, RequestState.CONVERTED):  # fmt: skip
        assert state in states
    accepted = MaintenanceRequest.objects.filter(state=RequestState.ACCEPTED).order_by("priority")
    assert [r.priority for r in accepted] == [1, 2, 3]
    converted = MaintenanceRequest.objects.get(state=RequestState.CONVERTED)
    assert converted.converted_project.code.endswith(f"-CLP-MR{converted.pk}")

"""The generator's Chapter 6 (issue 16): incidents and service requests of the generated systems, kept to the rules
the screens enforce (restored and detected after the start, recurrence of an earlier incident of the same system,
completed after the request), and measurable as an SLA month (a26.2, a26.3)."""

from __future__ import annotations

import datetime as dt

import pytest

from itms.generator.agency import generate
from itms.operations import actions
from itms.operations import factories as f
from itms.operations.models import Incident, ServiceRequest


@pytest.mark.django_db
def test_a26_3_generated_service_desk_keeps_the_rules_and_is_measured():
    """a26.3: generated incidents and requests pass the models' own checks; a26.2: an SLA month is computed from them."""
    report = generate(scale=0.01, seed=16, log=lambda message: None)
    incidents = Incident.objects.filter(number__startswith="GEN-INC-")
    requests = ServiceRequest.objects.filter(number__startswith="GEN-SR-")
    assert report.counts["incidents"] == incidents.count() == 500
    assert report.counts["service_requests"] == requests.count() == 300
    for incident in incidents.select_related("recurrence_of")[:200]:
        incident.full_clean()
    for request in requests[:100]:
        request.full_clean()
    recurrent = incidents.filter(recurrence_of__isnull=False).select_related("recurrence_of").first()
    if recurrent is not None:
        assert recurrent.recurrence_of.system_id == recurrent.system_id
        assert recurrent.recurrence_of.started_at < recurrent.started_at
    first = incidents.select_related("system").order_by("-started_at").first()
    day = first.started_at.date()
    contract = f.contract([first.system], start=day.replace(month=1, day=1), end=day.replace(month=12, day=31))
    sla = f.sla(contract, signed=True)
    month = actions.compute_month(sla, dt.date(day.year, day.month, 1), actor=f.admin(), values=f.manual_values(sla))
    assert month.downtime_hours >= 0 and month.measurements.count() == 8

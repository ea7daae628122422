"""The 10-year agency generator (issue 6): counts follow the scale, the chain verifies, the pages still answer."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from itms.accounts.models import Assignment, AssignmentKind, Organization, OrgUnit, User
from itms.audit.chain import verify_chain
from itms.audit.models import LegalEvent
from itms.core import registry
from itms.generator.agency import FULL_SCALE, AlreadyGenerated, generate
from itms.governance.models import AgendaItem, Meeting, Resolution, Vote
from itms.projects.models import Project
from itms.regulation.models import Obligation, ObligationStatus

SCALE = 0.005
MODELS = {
    "organizations": Organization,
    "units": OrgUnit,
    "users": User,
    "projects": Project,
    "meetings": Meeting,
    "agenda_items": AgendaItem,
    "obligations": Obligation,
    "legal_events": LegalEvent,
    "change_log": LogEntry,
}


def test_generate_agency_at_small_scale(db, admin_client, client):
    """One small run (it takes seconds), then everything a later benchmark relies on."""
    from itms.accounts.demo import DEMO_PASSWORD

    report = generate(scale=SCALE, seed=7, log=lambda message: None)

    # Counts follow the scale (totals, the demo agency included).
    for key, model in MODELS.items():
        assert model._default_manager.count() >= round(FULL_SCALE[key] * SCALE), key
    assert report.counts["votes"] > 0
    assert Vote.objects.exists() and Resolution.objects.exists()
    assert Assignment.objects.filter(kind=AssignmentKind.ACTING).count() >= 3  # 직무대행 (a4.7)
    assert {ObligationStatus.OPEN, ObligationStatus.MET} <= set(Obligation.objects.values_list("status", flat=True))

    # The hash chain, extended by the generator, verifies end to end.
    result = verify_chain()
    assert result.ok, result.message
    assert result.checked == LegalEvent.objects.count()

    # Every registered list page still answers for the demo superuser.
    for object_type in registry.REGISTRY.values():
        assert admin_client.get(reverse(object_type.url_name("list"))).status_code == 200, object_type.label

    # Demo logins work against the generated data; generated people share the demo password.
    response = client.post(reverse("accounts:login"), {"username": "sponsor", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("projects:project_list")).status_code == 200
    assert User.objects.get(username="k00001").check_password(DEMO_PASSWORD)

    # A second run on the same database is refused, not doubled.
    with pytest.raises(AlreadyGenerated):
        generate(scale=SCALE, seed=7, log=lambda message: None)

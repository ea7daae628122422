"""The generator's Chapter 5 (issue 15): every project that reached a vendor gets its contract, WBS, reports and
deliverable checklist, kept to the rules the screens enforce (dates inside the contract, milestones of one day,
percent 0–100, a late item with its reason, a submitted deliverable with its file and SHA-256)."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from itms.execution import actions
from itms.execution.models import Contract, Deliverable, ProgressReport, WorkPackage
from itms.execution.views import progress_block
from itms.generator.agency import generate
from itms.projects.models import Project


@pytest.mark.django_db
def test_a17_2_a19_generated_contracts_keep_the_chapter_rules(admin_client):
    """A17.2 (deliverables registered with their files), a19.0.1–2 (planned against actual, delays with reasons)."""
    report = generate(scale=0.01, seed=11, log=lambda message: None)
    generated = Contract.objects.filter(number__startswith="G-")
    assert report.counts["contracts"] == generated.count() > 0
    stages = set(Project.objects.filter(contracts__in=generated).values_list("stage", flat=True))
    assert stages <= {"execution", "inspection", "operation", "closed"} and "closed" in stages

    for contract in generated.prefetch_related("work_packages"):
        contract.full_clean()  # the multi-year rule (SW진흥법 제45조제2항) and the date order
        packages = list(contract.work_packages.all())
        assert len(packages) == 7 and sum(p.is_milestone for p in packages) == 2
        for package in packages:
            package.full_clean()  # inside the contract period, a milestone is one day
            assert 0 <= package.progress <= 100
        if contract.state != "in_progress":
            assert all(p.progress == 100 for p in packages)
        # What the screens flag as late today carries its reason (a19.0.2).
        assert all(p.delay_reason for p in actions.delayed(contract, packages=packages))
        assert contract.execution_plan.state == "approved" and contract.execution_plan.review_items.count() == 12

    late = list(WorkPackage.objects.filter(contract__in=generated, delay_reason__gt=""))
    assert all(p.contract.state == "in_progress" and p.progress < 100 for p in late)
    assert ProgressReport.objects.filter(contract__in=generated, kind="monthly").exists()

    submitted = Deliverable.objects.filter(contract__in=generated, document__isnull=False).select_related("document")
    assert submitted.exists() and not submitted.filter(state="planned").exists()
    for deliverable in submitted[:20]:
        version = deliverable.document.versions.get()
        with default_storage.open(version.file.name) as stored:
            assert hashlib.sha256(stored.read()).hexdigest() == version.sha256
    assert not Deliverable.objects.filter(contract__in=generated, document__isnull=True).exclude(state="planned")

    contract = generated.filter(state="in_progress").first()
    if contract is not None:
        block = progress_block(contract)
        assert len(block["gantt"]) == 7 and 0 <= block["actual"] <= 100
    for name in ("execution:dashboard", "execution:missing_deliverables", "execution:deliverable_list"):
        assert admin_client.get(reverse(name)).status_code == 200, name

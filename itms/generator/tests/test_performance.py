"""The generator's Chapter 7 (issue 17): three years of measurement of the generated systems in operation three
years or more, kept to the rules the screens enforce (a27.1, a27.2): every stored total is the one the scoring model
gives for the stored base data, every decision has its reason, and a retirement below 40 points has its 정비계획."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from itms.generator.agency import generate
from itms.performance.actions.measurement import current_score
from itms.performance.choices import Band, Outcome
from itms.performance.models import CostYear, FunctionUsage, MeasurementTarget, PerformanceIndicator


@pytest.mark.clause("a27.1", "a27.2")
@pytest.mark.django_db
def test_a27_generated_measurements_keep_the_rules_and_score_as_stored():
    today = dt.date(2026, 12, 4)
    report = generate(scale=0.01, seed=17, today=today, log=lambda message: None)
    generated = MeasurementTarget.objects.filter(system__code__startswith="GS").select_related("round", "system")
    assert report.counts["performance_targets"] == generated.count() > 0
    assert set(generated.values_list("round__year", flat=True)) == {2023, 2024, 2025}
    for target in generated.order_by("pk")[:40]:
        # in operation three years by the end of the measured year; the round is closed with every target decided
        assert target.system.service_start <= dt.date(target.round.year - 3, 12, 31)
        assert target.round.state == "closed" and target.state == "decided" and target.reasons
        target.full_clean()
        for row in [*target.cost_years.all(), *target.function_usages.all(), *target.indicators.all()]:
            row.full_clean()
        assert current_score(target, today).total == target.total == Decimal(target.computation["total"])
        if target.band == Band.RETIRE:
            assert target.outcome == Outcome.RETIRE and target.plan.state == "draft"
    assert not generated.filter(band=Band.RETIRE).exclude(outcome=Outcome.RETIRE).exists()
    assert CostYear.objects.filter(target__in=generated).count() == report.counts["performance_cost_years"]
    assert FunctionUsage.objects.filter(target__in=generated).count() == 2 * generated.count()
    assert PerformanceIndicator.objects.filter(target__in=generated).count() == 2 * generated.count()

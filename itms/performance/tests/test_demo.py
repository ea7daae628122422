"""The demo agency's Chapter 7 (a27.1, a27.2, a28.1, a28.2): three years of measurement of the register's systems
in operation three years or more, and the level diagnosis of two years."""

import pytest

from itms.performance.models import DiagnosisRound, MeasurementRound, MeasurementTarget

pytestmark = pytest.mark.django_db


def test_a27_1_three_years_of_measurement_of_about_a_dozen_systems(demo):
    rounds = {r.year: r for r in MeasurementRound.objects.all()}
    assert sorted(rounds) == [2024, 2025, 2026]
    assert rounds[2024].state == rounds[2025].state == "closed"
    assert rounds[2026].state == "confirmed"
    for year in (2024, 2025):
        measured = MeasurementTarget.objects.filter(round__year=year, included=True)
        assert 12 <= measured.count() <= 16
        assert not measured.filter(total__isnull=True).exists()
        assert not measured.exclude(state="decided").exists()
    # the 2026 list: three measured, two still owing their data, the rest submitted for the officer to measure
    states = dict(
        MeasurementTarget.objects.filter(round__year=2026, included=True).values_list("system__code", "state")
    )
    assert states["UP-IMP"] == "measured" and states["ICN-SMART"] == states["UP-INV"] == "requested"
    assert list(states.values()).count("submitted") >= 8


def test_a28_diagnosis_of_two_years(demo):
    assert DiagnosisRound.objects.get(framework__year=2025).state == "closed"
    assert DiagnosisRound.objects.get(framework__year=2026).state == "collecting"

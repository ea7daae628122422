"""Shared fixtures: the demo projects at each step of Chapter 4 (itms/acquisition/demo.py)."""

import logging

import pytest

from itms.accounts.models import User
from itms.acquisition.models import Evaluation, EvaluatorDraw


@pytest.fixture
def users(demo):
    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def in_session(demo):
    """2027-CLP-009: the committee sits; sheet A has scores (not submitted), the others are empty."""
    return Evaluation.objects.get(project__code="2027-CLP-009")


@pytest.fixture
def locked(demo):
    """2027-CLP-010: locked, ranked and sent to 조달청."""
    return Evaluation.objects.get(project__code="2027-CLP-010")


@pytest.fixture
def sealed_draw(demo):
    """2027-CLP-008: the list is frozen and committed to; the witnesses have not spoken yet."""
    return EvaluatorDraw.objects.get(evaluation__project__code="2027-CLP-008")


@pytest.fixture
def refusals(caplog):
    """The refusal log (itms.acquisition.refusals): every refused attempt is written there."""
    caplog.set_level(logging.WARNING, logger="itms.acquisition.refusals")

    def records():
        return [r for r in caplog.records if r.name == "itms.acquisition.refusals"]

    return records

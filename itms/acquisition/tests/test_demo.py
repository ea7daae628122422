"""The demo agency has one project at each step of Chapter 4, reached through the real procedure (a11–a16)."""

import pytest

from itms.acquisition.models import Evaluation, EvaluatorDraw, PreConsultation
from itms.projects.models import Project

pytestmark = pytest.mark.django_db


def test_a15_3_demo_projects_stand_at_each_step_of_acquisition(demo):
    stages = dict(Project.objects.filter(code__startswith="2027-CLP-0").values_list("code", "stage"))
    assert stages["2027-CLP-003"] == "deliberated"
    assert {stages[f"2027-CLP-0{n:02d}"] for n in range(4, 12)} == {"acquisition"}
    assert PreConsultation.objects.get(project__code="2027-CLP-004").state == "replied"
    locked = Evaluation.objects.get(project__code="2027-CLP-010")
    assert locked.state == "notified" and locked.results.count() == 3
    assert EvaluatorDraw.objects.get(evaluation__project__code="2027-CLP-008").state == "committed"

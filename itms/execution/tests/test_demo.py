"""The demo's execution projects come out at their real stage, one in each phase (DESIGN.md "The project spine")."""

import pytest

from itms.execution.models import Contract
from itms.projects.models import Project

pytestmark = pytest.mark.django_db


def test_a17_1_demo_projects_one_in_each_phase_at_their_real_stage(demo):
    stages = dict(Project.objects.filter(code__in=["2026-SOT-001", "2026-CLP-101", "2026-CLP-102", "2025-CLP-103"])
                  .values_list("code", "stage"))  # fmt: skip
    assert stages == {
        "2026-SOT-001": "execution",
        "2026-CLP-101": "execution",
        "2026-CLP-102": "inspection",
        "2025-CLP-103": "operation",
    }
    assert dict(Contract.objects.values_list("number", "state")) == {
        "C-2026-0007": "in_progress",
        "C-2026-0031": "in_progress",
        "C-2026-0012": "completion_notified",
        "C-2025-0044": "handed_over",
    }


def test_a17_1_second_seed_run_changes_nothing(demo):
    from itms.execution.demo import build_demo_execution
    from itms.testing.fingerprint import db_fingerprint

    before = db_fingerprint()
    build_demo_execution()
    assert db_fingerprint() == before

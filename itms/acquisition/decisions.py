"""Resolutions of the committees on Chapter 4's subjects, applied through the workflow engine.

- The 과업심의위원회's resolution on a deliberation request (a13.3) moves it to 심의·의결 or 부결 (internal
  transitions, taken only here).
- The 기술평가위원회's resolution on a sole bidder's proposal (a16, pass rule "과반수") is the suitability decision
  the lock reads; the evaluation itself does not move.
"""

from __future__ import annotations

from itms.governance.actions import register_resolution_handler

from .models import TaskDeliberation


def apply_to_deliberation(resolution) -> None:
    record = TaskDeliberation.objects.get(pk=resolution.item.subject_id)
    name = "decide_passed" if resolution.outcome == "passed" else "decide_rejected"
    TaskDeliberation.workflow.execute(
        record, name, actor=resolution.recorded_by, data={"resolution": resolution}, internal=True
    )


def apply_to_evaluation(resolution) -> None:
    """Nothing moves: the lock reads the resolution (itms.acquisition.actions.evaluation.suitability)."""


register_resolution_handler("acquisition.taskdeliberation", apply_to_deliberation)
register_resolution_handler("acquisition.evaluation", apply_to_evaluation)

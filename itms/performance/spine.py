"""Chapter 7 on the project page: a project idea born from a performance decision (a27.1; 성과관리 지침 제26조)
shows where it came from — the measurement, its score and the decision with its reasons — as the first step of its
line, so the loop from operation back to planning can be followed both ways."""

from __future__ import annotations

from itms.projects.spine import Step, register_steps

from .models import MeasurementTarget


def performance_steps(project, user) -> list[Step]:
    steps = []
    for target in MeasurementTarget.objects.filter(follow_up_project=project).select_related("round", "system"):
        score = f"총점 {target.total}점" if target.total is not None else "측정 없이 결정"
        steps.append(
            Step(
                label=f"{target.round.year}년 운영 성과측정: {target.system.name}",
                status="done",
                url=target.get_absolute_url(),
                detail=f"{target.get_outcome_display()} 결정 ({score})",
                clause_ids=("a27.1",),
                note=f"결정 사유: {target.reasons}" if target.reasons else "",
            )
        )
    return steps


register_steps(10, performance_steps)

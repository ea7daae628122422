"""The project's stage follows its chapter records; nobody types it in (DESIGN.md "The project spine").

Each chapter registers a source ``f(project) -> stage | None``: the stage its own records prove (Ch.3: a
submitted pre-review → 사전검토, a deliberated plan → 심의 완료 …). The project's stage is the furthest of
them in the order of ``ProjectStage``. The workflow engine recomputes it after every transition of a record
that belongs to a project (``after_transition``), inside the transition's transaction, and the chained
TRANSITION event records the stage it moved from and to; a chained act that creates such a record (a contract
registered) does the same through ``follow_stage_of``. Forms and the API never offer the field.
"""

from __future__ import annotations

from collections.abc import Callable

from itms.regulation.workflows import after_transition

from .choices import ProjectStage
from .models import Project

ORDER = [stage for stage, _label in ProjectStage.choices]
STAGE_SOURCES: list[Callable[[Project], str | None]] = []


def register_stage_source(source: Callable[[Project], str | None]) -> Callable[[Project], str | None]:
    if source not in STAGE_SOURCES:
        STAGE_SOURCES.append(source)
    return source


def derived_stage(project: Project) -> str:
    """The furthest stage any chapter's records prove (구상 when none does)."""
    found = [stage for source in STAGE_SOURCES if (stage := source(project))]
    return max(found, key=ORDER.index, default=ProjectStage.IDEA)


def refresh_stage(project: Project) -> tuple[str, str] | None:
    """Writes the derived stage if it differs; returns (before, after) when it moved."""
    before, after = project.stage, derived_stage(project)
    if before == after:
        return None
    project.stage = after
    project.save(update_fields=["stage", "updated_at"])
    return before, after


def _project_of(record) -> Project | None:
    if isinstance(record, Project):
        return record
    project = getattr(record, "project", None)
    return project if isinstance(project, Project) else None


def follow_stage_of(record) -> dict | None:
    """The project's stage follows ``record`` (locked, recomputed): the payload a chained event records, or None.

    Called inside the transaction of a chained act only: a transition (the engine's hook below) or an act that
    records its own legal event (e.g. a contract registered, itms.execution.actions.contract_registered).
    """
    project = _project_of(record)
    if project is None:
        return None
    project = Project.objects.select_for_update(no_key=True, of=("self",)).get(pk=project.pk)
    moved = refresh_stage(project)
    if moved is None:
        return None
    if getattr(record, "project", None) is not None:
        record.project.refresh_from_db(fields=["stage", "updated_at"])  # the caller's instance shows it too
    return {"project_stage": {"project": project.pk, "from": moved[0], "to": moved[1]}}


@after_transition
def follow_stage(record, transition, ctx) -> dict | None:
    """The engine's hook: the project's stage follows the record that just moved."""
    return follow_stage_of(record)

"""Chapter 3's texts in the duplicate search, and its three reviews that ask about duplication (a8.2, a8.6.2, a9.2)."""

from itms.projects.models import Project
from itms.similarity.sources import register_review, register_source

from .models import DetailedPlan, DetailedPlanVersion, EAReview, PreReview, ProjectPlan


def _join(*parts) -> str:
    return "\n".join(str(p) for p in parts if p)


def _project(project: Project) -> str:
    return _join(project.name, project.summary)


def _pre_review(review: PreReview) -> str:
    return _join(_project(review.project), *(getattr(review, f) for f in PreReview.SECTIONS))


def _plan(plan: ProjectPlan) -> str:
    return _join(_project(plan.project), *(getattr(plan, f) for f in ProjectPlan.SECTIONS[:5]))


def _detailed(detailed: DetailedPlan) -> str:
    versions = sorted(detailed.versions.all(), key=lambda v: v.number)
    current = versions[-1] if versions else None
    return _join(_project(detailed.project), current and current.scope, current and current.targets)


def _state(obj) -> str:
    return type(obj).workflow.state_label(obj)


def _own_project_records(project: Project) -> list:
    """A review's own project and its other planning records are never suggested as duplicates of it."""
    return [project, *project.pre_reviews.all(), *project.plans.all(), *project.detailed_plans.all()]


COMMON = {
    "kind": "plan",
    "org": lambda r: r.project.organization,
    "year": lambda r: r.cycle.year,
    "status": _state,
    "select_related": ("project__organization", "cycle"),
}
register_source(model=PreReview, text=_pre_review, watch=((Project, lambda p: p.pre_reviews.all()),), **COMMON)
register_source(model=ProjectPlan, text=_plan, watch=((Project, lambda p: p.plans.all()),), **COMMON)
register_source(
    model=DetailedPlan,
    text=_detailed,
    prefetch_related=("versions",),
    watch=((Project, lambda p: p.detailed_plans.all()), (DetailedPlanVersion, lambda v: [v.detailed_plan])),
    **COMMON,
)

register_review(model=PreReview, clause="a8.2", text=_pre_review, exclude=lambda r: _own_project_records(r.project))
register_review(
    model=EAReview,
    clause="a8.6.2",
    text=lambda r: _plan(r.plan),
    exclude=lambda r: _own_project_records(r.plan.project),
)
register_review(model=DetailedPlan, clause="a9.2", text=_detailed, exclude=lambda r: _own_project_records(r.project))

"""Maintenance requests in the duplicate search (a25.2): each request is searchable, and the IT department's review
of a request shows what already exists — systems, functions, plans, projects and other requests (issue 18)."""

from itms.similarity.sources import register_review, register_source

from .models import MaintenanceRequest


def _request(request: MaintenanceRequest) -> str:
    functions = ", ".join(f.name for f in request.functions.all())
    return "\n".join(part for part in (request.title, request.description, request.reason, functions) if part)


register_source(
    kind="request",
    model=MaintenanceRequest,
    text=_request,
    org=lambda r: r.system.organization,
    year=lambda r: r.created_at.year if r.created_at else None,
    status=lambda r: r.get_state_display(),
    select_related=("system__organization",),
    prefetch_related=("functions",),
)
register_review(model=MaintenanceRequest, clause="a25.2", text=_request, exclude=lambda r: [r])

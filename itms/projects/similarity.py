"""정보화사업 in the duplicate search: what each project set out to do."""

from itms.similarity.sources import register_source

from .models import Project

register_source(
    kind="project",
    model=Project,
    text=lambda p: f"{p.name}\n{p.summary}",
    org=lambda p: p.organization,
    year=lambda p: p.start_year,
    status=lambda p: p.get_stage_display(),
    select_related=("organization",),
)

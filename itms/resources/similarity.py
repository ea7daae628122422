"""The system register in the duplicate search: systems with their functions, and each function on its own."""

from itms.similarity.sources import register_source

from .models import InformationSystem, SystemFunction


def _system(system: InformationSystem) -> str:
    functions = ", ".join(f.name for f in system.functions.all())
    return "\n".join(part for part in (system.name, system.purpose, system.brm_class, functions) if part)


register_source(
    kind="system",
    model=InformationSystem,
    text=_system,
    org=lambda s: s.organization,
    year=lambda s: s.service_start.year if s.service_start else None,
    status=lambda s: s.get_status_display(),
    select_related=("organization",),
    prefetch_related=("functions",),
    watch=((SystemFunction, lambda f: [f.system]),),
)
register_source(
    kind="function",
    model=SystemFunction,
    text=lambda f: f"{f.system.name} {f.name}\n{f.description}",
    org=lambda f: f.system.organization,
    status=lambda f: f.system.get_status_display(),
    select_related=("system__organization",),
    watch=((InformationSystem, lambda s: s.functions.all()),),
)

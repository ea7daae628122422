from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "itms.planning"
    verbose_name = "계획"

    def ready(self) -> None:
        from . import decisions, spine, workflows  # noqa: F401 - workflows, the council's decisions, project steps

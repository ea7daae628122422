from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "itms.projects"
    verbose_name = "정보화사업"

    def ready(self) -> None:
        from . import stage  # noqa: F401 - the engine's hook: the project's stage follows its records

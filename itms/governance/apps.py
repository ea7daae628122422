from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "itms.governance"
    verbose_name = "추진기구·위원회"

    def ready(self) -> None:
        from . import workflows  # noqa: F401 - attaches the meeting and minutes workflows

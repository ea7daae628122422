from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "itms.planning"
    verbose_name = "계획"

from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "itms.performance"
    verbose_name = "성과관리"

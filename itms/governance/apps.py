from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "itms.governance"
    verbose_name = "추진기구·위원회"

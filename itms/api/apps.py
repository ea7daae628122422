from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "itms.api"
    verbose_name = "API"

from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "itms.operations"
    verbose_name = "운영·유지관리"

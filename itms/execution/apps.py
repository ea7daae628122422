from django.apps import AppConfig


class ExecutionConfig(AppConfig):
    name = "itms.execution"
    verbose_name = "사업관리"

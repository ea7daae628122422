from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "itms.ui"
    verbose_name = "화면"

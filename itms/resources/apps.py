from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "itms.resources"
    verbose_name = "정보자원"

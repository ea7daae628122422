from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ResourcesConfig(AppConfig):
    name = "itms.resources"
    verbose_name = "정보자원"

    def ready(self) -> None:
        from .reference import ensure_asset_types

        # A new installation gets the starter asset types (reference.py); an administrator's own are never touched.
        post_migrate.connect(ensure_asset_types, sender=self, dispatch_uid="resources_asset_types")

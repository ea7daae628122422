from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AcquisitionConfig(AppConfig):
    name = "itms.acquisition"
    verbose_name = "도입"

    def ready(self) -> None:
        from .reference import ensure_reference_data

        # A new installation gets the requirement categories (SFR …), the expert fields and the first RFP template
        # (reference.py); rows an administrator added or changed are never touched.
        post_migrate.connect(ensure_reference_data, sender=self, dispatch_uid="acquisition_reference")

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RegulationConfig(AppConfig):
    name = "itms.regulation"
    verbose_name = "규정·기한"

    def ready(self) -> None:
        from .loading import ensure_current_pack

        post_migrate.connect(ensure_current_pack, sender=self, dispatch_uid="regulation_current_pack")

        from django.db.models.signals import post_delete, post_save

        from .models import Parameter, ParameterValue, RulePack
        from .rules import invalidate_readings

        # Cache invalidation only (no domain logic in signals): readings follow every change of the rules.
        for model in (RulePack, Parameter, ParameterValue):
            post_save.connect(invalidate_readings, sender=model, dispatch_uid=f"rules_{model.__name__}_saved")
            post_delete.connect(invalidate_readings, sender=model, dispatch_uid=f"rules_{model.__name__}_deleted")

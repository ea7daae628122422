from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AuditConfig(AppConfig):
    name = "itms.audit"
    verbose_name = "감사기록"

    def ready(self) -> None:
        from .chain import ensure_chain_head

        post_migrate.connect(ensure_chain_head, sender=self, dispatch_uid="audit_chain_head")

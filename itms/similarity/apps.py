from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SimilarityConfig(AppConfig):
    name = "itms.similarity"
    verbose_name = "중복 검토"

    def ready(self) -> None:
        from .indexing import follow_synonyms
        from .synonyms import ensure_shipped_synonyms

        post_migrate.connect(ensure_shipped_synonyms, sender=self)
        follow_synonyms()

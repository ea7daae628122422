"""Keeping the index current: a registered record saved or deleted → its entry is analysed again after commit.

The work is a Celery task (``tasks.index_records_task``) scheduled with ``transaction.on_commit``: in production a
worker does it; in the embedded default (``CELERY_TASK_ALWAYS_EAGER``) it runs in-process right after the commit.
A failure there is logged and never fails the save that caused it (the index can be rebuilt by a command).
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save

logger = logging.getLogger(__name__)


def follow(source) -> None:
    """Connect the source's model (and the models its text reads, ``watch``) to re-indexing."""
    post_save.connect(_saved, sender=source.model, dispatch_uid=f"similarity-{source.label}", weak=False)
    post_delete.connect(_saved, sender=source.model, dispatch_uid=f"similarity-del-{source.label}", weak=False)
    for model, records in source.watch:
        meta = model._meta
        uid = f"similarity-{source.label}-watch-{meta.app_label}.{meta.model_name}"

        def watched(sender, instance, _records=records, _label=source.label, **kwargs):
            try:
                pks = [r.pk for r in _records(instance) if r is not None and r.pk]
            except Exception:  # the watched record is half-deleted: its dependants follow on their own save
                logger.debug("similarity watch skipped", exc_info=True)
                return
            if pks:
                schedule(_label, pks)

        post_save.connect(watched, sender=model, dispatch_uid=uid, weak=False)


def _saved(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw:  # loaddata
        return
    schedule(f"{sender._meta.app_label}.{sender._meta.model_name}", [instance.pk])


def schedule(label: str, pks: list[int]) -> None:
    def run():
        from .tasks import index_records_task

        try:
            index_records_task.delay(label, pks)
        except Exception:
            logger.exception(
                "유사도 색인 갱신 실패 (%s %s): manage.py rebuild_similarity_index로 다시 만드십시오.", label, pks
            )

    transaction.on_commit(run)


def synonyms_changed(sender, instance, **kwargs) -> None:
    """A synonym group changed: every text is analysed again with the new list (after commit)."""

    def run():
        from . import index
        from .tasks import rebuild_similarity_index_task

        try:
            index.touch(synonyms=True)
            rebuild_similarity_index_task.delay()
        except Exception:
            logger.exception(
                "동의어 변경 후 유사도 색인 재구성 실패: manage.py rebuild_similarity_index로 다시 만드십시오."
            )

    transaction.on_commit(run)


def follow_synonyms() -> None:
    from .models import SynonymGroup

    post_save.connect(synonyms_changed, sender=SynonymGroup, dispatch_uid="similarity-synonyms", weak=False)
    post_delete.connect(synonyms_changed, sender=SynonymGroup, dispatch_uid="similarity-synonyms-del", weak=False)

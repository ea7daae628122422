"""Background work of the similarity service: idempotent tasks that take labels and ids, never objects."""

from celery import shared_task


@shared_task(ignore_result=True)
def index_records_task(label: str, pks: list[int]) -> int:
    """Analyse these records of one registered source again (deleted ones leave the index)."""
    from .index import update_records

    return update_records(label, pks)


@shared_task(ignore_result=True)
def rebuild_similarity_index_task() -> int:
    """Analyse every registered record again (after the synonym list changed)."""
    from .index import rebuild

    return rebuild()

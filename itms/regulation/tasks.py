"""Background work of the regulation engine: idempotent tasks that take no objects."""

from celery import shared_task

from .sweep import run_sweep


@shared_task(ignore_result=True)
def run_obligation_sweep_task() -> dict:
    """The daily obligation sweep (CELERY_BEAT_SCHEDULE, 06:00): due-soon/overdue notices and digests.

    Safe to repeat — a notice exists once per recipient and key — so a retried or doubled run
    sends nothing twice.
    """
    return run_sweep().as_dict()

"""Background work of Chapter 3: idempotent tasks that take no objects."""

from celery import shared_task

from .cycles import run_schedule


@shared_task(ignore_result=True)
def open_planning_cycles_task() -> dict:
    """Daily (CELERY_BEAT_SCHEDULE, 05:30): open next year's planning cycle on its day and enrol new projects
    while the cycle's deadlines are ahead (a8.1, a8.3, a9.1; itms.planning.cycles). Safe to repeat."""
    result = run_schedule()
    return {"today": result.today.isoformat(), "opened": result.opened, "enrolled": result.enrolled}

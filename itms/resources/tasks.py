"""Background work of Chapter 8: idempotent tasks that take ids, never objects."""

from celery import shared_task


@shared_task(ignore_result=True)
def validate_asset_import_task(job_id: int) -> None:
    """Checks every row of an uploaded asset file (preview or per-row errors); saves nothing."""
    from .actions.imports import validate_job

    validate_job(job_id)


@shared_task(ignore_result=True)
def run_asset_import_task(job_id: int) -> None:
    """Saves a checked asset file, all rows or none (the rows are checked once more first)."""
    from .actions.imports import run_job

    run_job(job_id)


@shared_task
def check_asset_currency_task() -> dict:
    """Daily at 05:45, before the sweep (CELERY_BEAT_SCHEDULE): who owes bringing records up to date (a29.3)."""
    from .actions.assets import check_currency

    result = check_currency()
    return {"today": result.today.isoformat(), "opened": result.opened, "met": result.met}


@shared_task(ignore_result=True)
def refresh_asset_type_task(asset_type_id: int) -> None:
    """After a big type's attribute definitions changed: its assets' missing counts and typed index (a29.3.3)."""
    from .models.assets import refresh_type

    refresh_type(asset_type_id)

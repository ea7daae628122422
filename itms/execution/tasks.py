"""Background work of Chapter 5: idempotent tasks that take no objects."""

from celery import shared_task


@shared_task(ignore_result=True)
def expire_vendor_access_task() -> dict:
    """Daily (CELERY_BEAT_SCHEDULE, 05:00): switch off the vendor accounts whose project assignments have all ended,
    so the limited access the 정보기획담당관 gave ends by itself (a17.3). Safe to repeat."""
    from .actions.common import today
    from .actions.contracts import expire_vendor_access

    on = today()
    switched = expire_vendor_access(on=on)
    return {"today": on.isoformat(), "switched": sorted(user.username for user in switched)}

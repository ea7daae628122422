"""Background work of notifications: idempotent, taking no objects."""

from celery import shared_task

from . import actions


@shared_task(ignore_result=True)
def send_notification_emails_task() -> int:
    """E-mails every notification not yet e-mailed; safe to run any number of times."""
    return actions.send_pending_emails()

"""Starting a background task once the transaction that asked for it has committed.

With a broker (``CELERY_BROKER_URL``) the task goes to the Celery worker. The embedded default has none, and
Celery's eager mode would run the task inside the request: a 100,000-row import would hold the upload's page for
half a minute with no progress shown. With ``ITMS_JOBS_IN_THREADS`` (on in ``scripts/run``) such a task runs in
a thread of the server process instead, and the page shows its progress as it would with a worker. Tests leave it
off: the task then runs at the commit, inside the request, in order.
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import connections, transaction

logger = logging.getLogger(__name__)
_started: list[threading.Thread] = []


def after_commit(task, *args) -> None:
    """Runs ``task(*args)`` in the background once the current transaction commits (at once outside one)."""

    def start():
        if settings.CELERY_TASK_ALWAYS_EAGER and getattr(settings, "ITMS_JOBS_IN_THREADS", False):
            thread = threading.Thread(target=_run, args=(task, args), name=f"itms-job:{task.name}", daemon=True)
            _started[:] = [t for t in _started if t.is_alive()]
            _started.append(thread)
            thread.start()
        else:
            task.delay(*args)

    transaction.on_commit(start)


def _run(task, args) -> None:
    try:
        task.apply(args=args, throw=True)
    except Exception:  # the task records its own failure where it can; the thread has no one else to tell
        logger.exception("background task %s%r failed", task.name, args)
    finally:
        connections.close_all()  # this thread's own connections


def wait_for_all(timeout: float = 60.0) -> None:
    """Waits for the threads started so far (for tests)."""
    for thread in list(_started):
        thread.join(timeout)

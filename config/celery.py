"""Celery application.

Production runs a worker and beat against Redis. The embedded default sets
CELERY_TASK_ALWAYS_EAGER so tasks run in-process and no broker is needed.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("itms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

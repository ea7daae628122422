"""The web process as gunicorn starts it (config/wsgi.py)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_the_served_process_keeps_its_start_up_objects_out_of_the_collector():
    """A full collection walked every module, model and URL pattern (≈285,000 objects, 140–180 ms while requests
    waited); frozen after start-up, it walks only what requests made."""
    probe = "import gc, config.wsgi; print(gc.get_freeze_count())"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "ITMS_SECRET_KEY": "wsgi-test-only"}
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True
    )
    assert int(result.stdout.split()[-1]) > 100_000

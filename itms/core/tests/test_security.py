"""Security headers, CSRF and the secret key: on by default."""

import subprocess
import sys

import pytest
from django.test import Client


@pytest.mark.django_db
def test_every_page_carries_security_headers(client_of):
    response = client_of("sponsor").get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    csp = response["Content-Security-Policy"]
    assert (
        "default-src 'self'" in csp
        and "script-src 'self'" in csp
        and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    )
    assert len(response["X-Request-ID"]) >= 8


@pytest.mark.django_db
def test_forms_refuse_posts_without_csrf_token(user_of):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user_of("sysadmin"))
    response = client.post("/accounts/org-units/add/", {"name": "CSRF 없음"})
    assert response.status_code == 403


def test_settings_refuse_to_start_without_a_secret_key_outside_debug():
    code = "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings'; django.setup()"
    env = {"PATH": "/usr/bin:/bin", "ITMS_DEBUG": "0"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "ITMS_SECRET_KEY" in result.stderr

"""Signing in: Korean login page, password policy, lockout and unlock, two-factor, session expiry."""

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from itms.accounts.demo import DEMO_PASSWORD
from itms.audit.models import LegalEvent, LegalEventKind

pytestmark = pytest.mark.django_db


def _login(client, username, password=DEMO_PASSWORD):
    return client.post("/accounts/login/", {"username": username, "password": password})


def _code(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_login_page_is_korean_and_signs_in():
    client = Client()
    page = client.get("/accounts/login/").content.decode()
    assert "로그인" in page and "아이디" in page and "비밀번호" in page
    response = _login(client, "sponsor")
    assert response.status_code == 302 and response["Location"] == "/"
    assert "오수빈" in client.get("/").content.decode()


def test_wrong_password_answers_in_korean():
    response = _login(Client(), "sponsor", "틀린-비밀번호-1")
    assert response.status_code == 200
    assert "아이디 또는 비밀번호가 올바르지 않습니다" in response.content.decode()


def test_account_locks_after_repeated_failures_and_an_administrator_may_unlock_it_early(client_of):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "sponsor", "Wrong-pass-0000")
    locked = _login(client, "sponsor")  # even the right password is refused now
    assert locked.status_code == 429
    assert "계정이 잠겼습니다" in locked.content.decode()

    user_page = client_of("sysadmin").get("/accounts/users/").content.decode()
    assert user_page  # the administrator's list still works
    from itms.accounts.models import User

    sponsor = User.objects.get(username="sponsor")
    assert 'data-testid="locked"' in client_of("sysadmin").get(f"/accounts/users/{sponsor.pk}/").content.decode()
    # Only an administrator may unlock; a colleague cannot.
    assert client_of("itstaff").post(f"/accounts/users/{sponsor.pk}/unlock/").status_code == 403
    assert client_of("sysadmin").post(f"/accounts/users/{sponsor.pk}/unlock/").status_code == 302
    assert _login(Client(), "sponsor").status_code == 302
    event = LegalEvent.objects.get(kind=LegalEventKind.ACCOUNT_UNLOCKED)
    assert event.actor.username == "sysadmin" and event.subject_id == str(sponsor.pk)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("짧은1!", "너무 짧습니다"),
        ("alllowercaseletters", "3종류 이상"),
        ("1234567890123", "전부 숫자로"),
        ("qwertyuiop", "너무 흔히 사용되는"),
    ],
)
def test_password_policy_refuses_weak_passwords_in_korean(password, message):
    with pytest.raises(ValidationError) as error:
        validate_password(password)
    assert any(message in m for m in error.value.messages), error.value.messages


def test_password_change_requires_the_old_password_and_the_policy(client_of):
    client = client_of("sponsor")
    weak = client.post(
        "/accounts/password/", {"old_password": DEMO_PASSWORD, "new_password1": "abc", "new_password2": "abc"}
    )
    assert weak.status_code == 200 and "너무 짧습니다" in weak.content.decode()
    ok = client.post(
        "/accounts/password/",
        {"old_password": DEMO_PASSWORD, "new_password1": "Changed-pass-2026!", "new_password2": "Changed-pass-2026!"},
    )
    assert ok.status_code == 302
    assert _login(Client(), "sponsor", "Changed-pass-2026!").status_code == 302


def test_two_factor_setup_then_login_needs_the_code(client_of, user_of):
    client = client_of("sponsor")
    assert "비밀 키" in client.get("/accounts/two-factor/").content.decode()
    device = TOTPDevice.objects.get(user=user_of("sponsor"), confirmed=False)
    assert (
        client.post("/accounts/two-factor/", {"token": "000000" if _code(device) != "000000" else "111111"}).status_code
        == 400
    )
    # django-otp throttles after a failure (1 s, doubling); the test does not wait for it.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    assert client.post("/accounts/two-factor/", {"token": _code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed

    fresh = Client()
    first_step = _login(fresh, "sponsor")
    assert first_step["Location"] == "/accounts/login/code/"
    assert fresh.get("/").status_code == 302  # not signed in yet
    device.refresh_from_db()
    device.last_t = -1  # allow reuse of the current window in the test
    device.save()
    second = fresh.post("/accounts/login/code/", {"token": _code(device)})
    assert second.status_code == 302 and second["Location"] == "/"
    assert fresh.get("/").status_code == 200


def test_wrong_codes_five_times_send_the_user_back_to_the_start(client_of, user_of):
    device = TOTPDevice.objects.create(user=user_of("budget"), name="OTP", confirmed=True)
    client = Client()
    _login(client, "budget")
    wrong = "000000" if _code(device) != "000000" else "111111"
    for _ in range(4):
        assert client.post("/accounts/login/code/", {"token": wrong}).status_code == 400
    last = client.post("/accounts/login/code/", {"token": wrong})
    assert last.status_code == 302 and last["Location"] == "/accounts/login/"


@override_settings(ITMS_REQUIRE_ADMIN_2FA=True)
def test_administrators_must_set_up_two_factor_when_the_setting_is_on(client_of):
    response = client_of("sysadmin").get("/accounts/users/")
    assert response.status_code == 302 and response["Location"] == "/accounts/two-factor/"
    assert client_of("sysadmin").get("/accounts/two-factor/").status_code == 200
    assert client_of("sponsor").get("/projects/projects/").status_code == 200  # others are not forced


def test_sessions_expire_when_idle():
    """Idle for 30 minutes, or the browser closed: the session ends.

    The window slides with each request, saved at most once a minute by SessionTouchMiddleware (issue 12) in
    place of SESSION_SAVE_EVERY_REQUEST; itms/core/tests/test_session_writes.py shows the sliding and the ending.
    """
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    middleware = settings.MIDDLEWARE
    touch = middleware.index("itms.core.sessions.SessionTouchMiddleware")
    assert touch == middleware.index("django.contrib.sessions.middleware.SessionMiddleware") + 1
    assert 0 < settings.ITMS_SESSION_TOUCH_SECONDS < settings.SESSION_COOKIE_AGE


def test_logout_is_a_post_and_ends_the_session(client_of):
    client = client_of("sponsor")
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 302


def test_administrator_resets_a_lost_authenticator(client_of, user_of):
    sponsor = user_of("sponsor")
    TOTPDevice.objects.create(user=sponsor, name="OTP", confirmed=True)
    assert client_of("sysadmin").post(f"/accounts/users/{sponsor.pk}/reset-two-factor/").status_code == 302
    assert not TOTPDevice.objects.filter(user=sponsor).exists()

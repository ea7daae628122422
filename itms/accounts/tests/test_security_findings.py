"""Keep it found: the authentication and credential findings of the penetration test (issue 11).

Each test is named after its finding (f1 2FA bypass, f4 takeover of the superuser, f5 lockout denial of
service, f10 actor of token-authenticated API steps, f12 token in a cookie) and replays the attack: a
refusal changes nothing, an allowed credential change is a chained legal event with its actor, and the
hash chain verifies at the end.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from auditlog.models import LogEntry
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from itms.accounts import actions
from itms.accounts.demo import DEMO_PASSWORD
from itms.accounts.models import OrgUnit, User
from itms.audit.chain import verify_chain
from itms.audit.models import LegalEvent, LegalEventKind
from itms.core.errors import Forbidden

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Taken-over-2026!"
ATTACKER_IP = "192.0.2.66"  # documentation addresses (RFC 5737): only strings in REMOTE_ADDR, no traffic
OFFICE_IP = "192.0.2.10"


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def _wrong(device: TOTPDevice) -> str:
    return "000000" if _code(device) != "000000" else "111111"


def _authenticator(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="OTP", confirmed=True)


def _chain_intact() -> None:
    result = verify_chain()
    assert result.ok, result.message


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def _fail_token_logins(username: str, ip: str, times: int | None = None) -> None:
    client = Client(REMOTE_ADDR=ip)
    for _ in range(times or settings.AXES_FAILURE_LIMIT):
        client.post("/api/auth/token/", {"username": username, "password": "Wrong-pass-0000"})


# --- f1: one login for everyone, and an authenticator is replaced only with a code from the old one ----------


def test_f1_admin_site_login_with_the_password_alone_does_not_sign_in(user_of):
    _authenticator(user_of("admin"))
    client = Client()
    response = client.post("/django-admin/login/", {"username": "admin", "password": DEMO_PASSWORD})
    assert not _signed_in(client)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.get("/django-admin/").status_code != 200


def test_f1_admin_site_login_page_hands_over_to_the_two_step_login():
    response = Client().get("/django-admin/login/?next=/django-admin/audit/legalevent/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/django-admin/audit/legalevent/"


@override_settings(ITMS_REQUIRE_ADMIN_2FA=True)
def test_f1_superuser_reaches_the_admin_site_only_after_the_code(user_of):
    device = _authenticator(user_of("admin"))
    client = Client()
    first = client.post("/accounts/login/?next=/django-admin/", {"username": "admin", "password": DEMO_PASSWORD})
    assert first["Location"] == "/accounts/login/code/" and not _signed_in(client)
    assert client.get("/django-admin/").status_code == 302
    second = client.post("/accounts/login/code/", {"token": _code(device)})
    assert second["Location"] == "/django-admin/"
    assert client.get("/django-admin/").status_code == 200


def test_f1_admin_site_refuses_a_superuser_session_without_the_code(user_of):
    """A session that never gave the code (here: forced) does not open the admin site of an account with one."""
    _authenticator(user_of("admin"))
    client = Client()
    client.force_login(user_of("admin"))
    assert client.get("/django-admin/").status_code != 200


@override_settings(ITMS_REQUIRE_ADMIN_2FA=True)
def test_f1_pentest_replay_admin_login_then_new_secret_does_not_take_over_the_authenticator(user_of):
    admin = user_of("admin")
    device = _authenticator(admin)
    client = Client()
    client.post("/django-admin/login/", {"username": "admin", "password": DEMO_PASSWORD})
    setup = client.get("/accounts/two-factor/")
    assert setup.status_code == 302 and setup["Location"].startswith("/accounts/login/")
    assert list(TOTPDevice.objects.filter(user=admin).values_list("pk", "confirmed")) == [(device.pk, True)]


def test_f1_new_authenticator_needs_a_code_from_the_existing_one(client_of, user_of, unchanged):
    sponsor = user_of("sponsor")
    old = _authenticator(sponsor)
    client = client_of("sponsor")  # a session without the code (e.g. left open, or a forced login)
    page = client.get("/accounts/two-factor/").content.decode()
    assert "현재 인증 코드" in page
    pending = TOTPDevice.objects.get(user=sponsor, confirmed=False)
    with unchanged():
        refused = client.post("/accounts/two-factor/", {"token": _code(pending)})
    assert refused.status_code == 400
    wrong = client.post("/accounts/two-factor/", {"current_token": _wrong(old), "token": _code(pending)})
    assert wrong.status_code == 400
    assert "지금 쓰는 OTP 앱의 코드" in wrong.content.decode()
    assert list(TOTPDevice.objects.filter(user=sponsor, confirmed=True).values_list("pk", flat=True)) == [old.pk]
    assert not LegalEvent.objects.filter(kind=LegalEventKind.TWO_FACTOR_ENROLLED).exists()


def test_f1_replacing_the_authenticator_with_the_current_code_is_chained_and_logged(client_of, user_of):
    sponsor = user_of("sponsor")
    old = _authenticator(sponsor)
    client = client_of("sponsor")
    client.get("/accounts/two-factor/")
    pending = TOTPDevice.objects.get(user=sponsor, confirmed=False)
    response = client.post("/accounts/two-factor/", {"current_token": _code(old), "token": _code(pending)})
    assert response.status_code == 302
    assert list(TOTPDevice.objects.filter(user=sponsor).values_list("pk", "confirmed")) == [(pending.pk, True)]
    event = LegalEvent.objects.get(kind=LegalEventKind.TWO_FACTOR_ENROLLED)
    assert event.actor == sponsor and event.subject_id == str(sponsor.pk) and event.payload["replaced"] == 1
    device_type = ContentType.objects.get_for_model(TOTPDevice)
    logged = LogEntry.objects.filter(content_type=device_type, object_pk=str(old.pk), action=LogEntry.Action.DELETE)
    assert logged.get().actor == sponsor
    assert "key" not in LogEntry.objects.filter(content_type=device_type).first().changes_dict
    _chain_intact()


def test_f1_first_authenticator_needs_no_earlier_code_and_is_chained(client_of, user_of):
    sponsor = user_of("sponsor")
    client = client_of("sponsor")
    client.get("/accounts/two-factor/")
    pending = TOTPDevice.objects.get(user=sponsor, confirmed=False)
    assert client.post("/accounts/two-factor/", {"token": _code(pending)}).status_code == 302
    event = LegalEvent.objects.get(kind=LegalEventKind.TWO_FACTOR_ENROLLED)
    assert event.actor == sponsor and event.payload["replaced"] == 0
    _chain_intact()


def test_f1_token_endpoint_refuses_accounts_with_a_second_factor(user_of):
    _authenticator(user_of("admin"))
    response = Client().post("/api/auth/token/", {"username": "admin", "password": DEMO_PASSWORD})
    assert response.status_code == 403 and not Token.objects.filter(user=user_of("admin")).exists()


# --- f4: nobody changes the credentials of an account with more privileges than their own ---------------------


def _user_form(user: User, **changes) -> dict:
    data = {
        "username": user.username,
        "name": user.name,
        "kind": user.kind,
        "email": user.email,
        "company": user.company_id or "",
        "employee_number": user.employee_number,
        "phone": user.phone,
        "affiliation": user.affiliation,
        "expertise": user.expertise,
        "is_active": "on" if user.is_active else "",
        "password": "",
    }
    return {**data, **changes}


def _attempts(target: User) -> dict:
    """Each surface through which one account may change another's credentials."""
    return {
        "password (edit form)": lambda c: c.post(
            f"/accounts/users/{target.pk}/edit/", _user_form(target, password=NEW_PASSWORD)
        ),
        "deactivate (edit form)": lambda c: c.post(
            f"/accounts/users/{target.pk}/edit/", _user_form(target, is_active="")
        ),
        "deactivate (API)": lambda c: c.patch(
            f"/api/accounts/users/{target.pk}/", {"is_active": False}, content_type="application/json"
        ),
        "rename (API)": lambda c: c.patch(
            f"/api/accounts/users/{target.pk}/", {"username": "taken"}, content_type="application/json"
        ),
        "unlock": lambda c: c.post(f"/accounts/users/{target.pk}/unlock/"),
        "2FA reset": lambda c: c.post(f"/accounts/users/{target.pk}/reset-two-factor/"),
    }


@pytest.mark.parametrize(
    ("actor", "target"),
    [("sysadmin", "admin"), ("itstaff", "sysadmin"), ("sponsor", "sysadmin"), ("vendor", "admin")],
)
def test_f4_no_credential_change_on_an_account_with_more_privileges(actor, target, client_of, user_of, unchanged):
    victim = user_of(target)
    _authenticator(victim)
    _fail_token_logins(target, ATTACKER_IP)  # a lock to lift
    client = client_of(actor)
    for surface, attempt in _attempts(victim).items():
        with unchanged():
            response = attempt(client)
        assert response.status_code in (403, 404), f"{surface}: {response.status_code}"
    victim.refresh_from_db()
    assert victim.check_password(DEMO_PASSWORD) and victim.is_active and actions.has_two_factor(victim)
    assert actions.is_locked_out(victim)
    # The edit page is not even offered.
    assert client.get(f"/accounts/users/{victim.pk}/edit/").status_code in (403, 404)


def test_f4_pentest_replay_sysadmin_cannot_set_the_superusers_password_and_sign_in(client_of, user_of):
    admin = user_of("admin")
    client_of("sysadmin").post(f"/accounts/users/{admin.pk}/edit/", _user_form(admin, password=NEW_PASSWORD))
    client_of("sysadmin").post(f"/accounts/users/{admin.pk}/reset-two-factor/")
    attacker = Client()
    attacker.post("/accounts/login/", {"username": "admin", "password": NEW_PASSWORD})
    assert not _signed_in(attacker)


def test_f4_actions_refuse_a_less_privileged_actor_whatever_calls_them(user_of):
    for action in (actions.unlock_user, actions.reset_two_factor):
        with pytest.raises(Forbidden):
            action(actor=user_of("sysadmin"), user=user_of("admin"))
    with pytest.raises(Forbidden):
        actions.set_password(actor=user_of("sysadmin"), user=user_of("admin"), password=NEW_PASSWORD)


def test_f4_system_administrator_still_manages_ordinary_accounts_and_each_change_is_chained(client_of, user_of):
    sponsor = user_of("sponsor")
    token = Token.objects.create(user=sponsor)
    client = client_of("sysadmin")
    edited = client.post(f"/accounts/users/{sponsor.pk}/edit/", _user_form(sponsor, password=NEW_PASSWORD))
    assert edited.status_code == 302, edited.content.decode()[:500]
    password_event = LegalEvent.objects.get(kind=LegalEventKind.PASSWORD_SET)
    assert password_event.actor == user_of("sysadmin") and password_event.subject_id == str(sponsor.pk)
    assert NEW_PASSWORD not in json.dumps(password_event.payload, ensure_ascii=False)
    assert Client().post("/accounts/login/", {"username": "sponsor", "password": NEW_PASSWORD}).status_code == 302

    deactivated = client.patch(
        f"/api/accounts/users/{sponsor.pk}/", {"is_active": False}, content_type="application/json"
    )
    assert deactivated.status_code == 200, deactivated.content
    event = LegalEvent.objects.get(kind=LegalEventKind.ACCOUNT_DEACTIVATED)
    assert event.actor == user_of("sysadmin") and event.payload["tokens_revoked"] == 1
    assert not Token.objects.filter(key=token.key).exists()
    assert Client().get("/api/projects/projects/", HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 401
    _chain_intact()


def test_f4_new_account_gets_its_initial_password_hashed_and_an_empty_one_keeps_the_old(client_of, user_of):
    client = client_of("sysadmin")
    form = _user_form(User(username="newcomer", name="신입", kind="staff", email="newcomer@customs.example"))
    assert client.post("/accounts/users/add/", {**form, "password": NEW_PASSWORD}).status_code == 302
    newcomer = User.objects.get(username="newcomer")
    assert newcomer.password != NEW_PASSWORD and newcomer.check_password(NEW_PASSWORD)
    edited = client.post(f"/accounts/users/{newcomer.pk}/edit/", _user_form(newcomer, phone="02-000-0000"))
    assert edited.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.check_password(NEW_PASSWORD) and newcomer.phone == "02-000-0000"
    assert not LegalEvent.objects.filter(kind=LegalEventKind.PASSWORD_SET).exists()


def test_f4_own_password_change_is_not_a_change_by_another(client_of):
    response = client_of("sponsor").post(
        "/accounts/password/",
        {"old_password": DEMO_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert not LegalEvent.objects.filter(kind=LegalEventKind.PASSWORD_SET).exists()


def test_f4_superusers_are_managed_by_superusers(client_of, user_of):
    sysadmin = user_of("sysadmin")
    _authenticator(sysadmin)
    client = client_of("admin")
    assert client.post(f"/accounts/users/{sysadmin.pk}/reset-two-factor/").status_code == 302
    event = LegalEvent.objects.get(kind=LegalEventKind.TWO_FACTOR_RESET)
    assert event.actor == user_of("admin")
    _chain_intact()


def test_f4_django_admin_offers_no_credential_tables(admin_client):
    """Tokens, authenticators and lockouts change only through the chained actions (privilege-checked)."""
    for path in ("authtoken/tokenproxy/", "otp_totp/totpdevice/", "axes/accessattempt/"):
        assert admin_client.get(f"/django-admin/{path}").status_code == 404, path


# --- f5: throttled per (name, address), for a while; the token login follows the same rule ------------------


def test_f5_lockout_is_per_name_and_address_with_a_cool_off_from_the_environment():
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert dt.timedelta(minutes=15) == settings.AXES_COOLOFF_TIME


def test_f5_anonymous_failures_do_not_lock_the_owner_out_from_elsewhere(demo):
    _fail_token_logins("sysadmin", ATTACKER_IP)
    from_attacker = Client(REMOTE_ADDR=ATTACKER_IP).post(
        "/accounts/login/", {"username": "sysadmin", "password": DEMO_PASSWORD}
    )
    assert from_attacker.status_code == 429
    from_office = Client(REMOTE_ADDR=OFFICE_IP)
    assert from_office.post("/accounts/login/", {"username": "sysadmin", "password": DEMO_PASSWORD}).status_code == 302


def test_f5_the_lock_lifts_by_itself_after_the_cool_off(demo):
    _fail_token_logins("sponsor", ATTACKER_IP)
    client = Client(REMOTE_ADDR=ATTACKER_IP)
    assert client.post("/accounts/login/", {"username": "sponsor", "password": DEMO_PASSWORD}).status_code == 429
    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME + dt.timedelta(minutes=1)):
        assert client.post("/accounts/login/", {"username": "sponsor", "password": DEMO_PASSWORD}).status_code == 302


def test_f5_token_login_answers_the_lockout_with_429(demo):
    _fail_token_logins("sponsor", ATTACKER_IP)
    response = Client(REMOTE_ADDR=ATTACKER_IP).post(
        "/api/auth/token/", {"username": "sponsor", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 429
    assert "잠시" in response.json()["detail"] and int(response["Retry-After"]) > 0


def test_f5_web_failures_lock_the_token_login_too(demo):
    client = Client(REMOTE_ADDR=ATTACKER_IP)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "sponsor", "password": "Wrong-pass-0000"})
    response = client.post("/api/auth/token/", {"username": "sponsor", "password": DEMO_PASSWORD})
    assert response.status_code == 429


def test_f5_a_token_stops_working_from_the_locked_address_but_the_owner_keeps_it(user_of):
    """The guesser's address cannot use the account's token while the lock lasts; the owner's address can, and the
    token is not revoked: five wrong passwords from anywhere must not take the owner's API integration down."""
    token = Token.objects.create(user=user_of("sponsor"))
    assert Client().get("/api/projects/projects/", HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 200
    _fail_token_logins("sponsor", ATTACKER_IP)
    assert actions.is_locked_out(user_of("sponsor"), ATTACKER_IP)
    assert not actions.is_locked_out(user_of("sponsor"), OFFICE_IP)
    attacker, office = Client(REMOTE_ADDR=ATTACKER_IP), Client(REMOTE_ADDR=OFFICE_IP)
    assert attacker.get("/api/projects/projects/", HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 401
    assert office.get("/api/projects/projects/", HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 200
    assert Token.objects.filter(key=token.key).exists()
    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME + dt.timedelta(minutes=1)):
        assert attacker.get("/api/projects/projects/", HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 200


def test_f5_break_glass_command_unlocks_the_last_administrators_and_is_chained(user_of, capsys):
    for username in ("admin", "sysadmin"):
        _fail_token_logins(username, ATTACKER_IP)
    assert actions.is_locked_out(user_of("admin")) and actions.is_locked_out(user_of("sysadmin"))
    call_command("unlock_account", "admin", "sysadmin")
    assert not AccessAttempt.objects.filter(username__in=["admin", "sysadmin"]).exists()
    events = LegalEvent.objects.filter(kind=LegalEventKind.ACCOUNT_UNLOCKED).order_by("seq")
    assert [e.subject_id for e in events] == [str(user_of("admin").pk), str(user_of("sysadmin").pk)]
    assert all(e.actor is None and e.actor_name == "(명령행)" for e in events)
    assert "잠금을 해제했습니다" in capsys.readouterr().out
    _chain_intact()


def test_f5_break_glass_command_refuses_an_unknown_name(demo):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("unlock_account", "nobody-here")


# --- f10: the change log names the actor of an API step, however the request was authenticated ---------------


def test_f10_workflow_step_by_api_token_names_the_actor_in_the_change_log(user_of):
    from itms.testing.example.models import ExampleRequest

    request = ExampleRequest.objects.create(
        title="통관 자동화",
        unit=OrgUnit.objects.get(code="KCS-CLP"),
        amount=100_000_000,
        evaluation_date=timezone.localdate() + dt.timedelta(days=30),
    )
    token = Token.objects.create(user=user_of("sponsor"))
    response = Client().post(
        f"/api/workflow/example/examplerequest/{request.pk}/submit/",
        {},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )
    assert response.status_code == 200, response.content
    entry = LogEntry.objects.get_for_object(request).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor == user_of("sponsor")
    assert LegalEvent.objects.filter(kind=LegalEventKind.TRANSITION, actor=user_of("sponsor")).exists()
    _chain_intact()


# --- f12: a new token is shown once, in the page itself, and never travels in a cookie ------------------------


def test_f12_new_token_is_shown_once_in_the_page_and_never_in_a_cookie_or_the_session(client_of, user_of):
    client = client_of("sponsor")
    response = client.post("/accounts/profile/token/")
    key = Token.objects.get(user=user_of("sponsor")).key
    assert response.status_code == 200 and key in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert all(key not in morsel.value for morsel in response.cookies.values())
    assert all(key not in morsel.value for morsel in client.cookies.values())
    assert key not in json.dumps(dict(client.session.items()), default=str)
    assert key not in client.get("/accounts/profile/").content.decode()  # once only


def test_f12_issuing_a_new_token_revokes_the_old_one(client_of, user_of):
    old = Token.objects.create(user=user_of("sponsor"))
    client_of("sponsor").post("/accounts/profile/token/")
    assert not Token.objects.filter(key=old.key).exists()
    assert Token.objects.filter(user=user_of("sponsor")).count() == 1

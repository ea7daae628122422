"""내 알림: everyone sees and marks only their own notifications; the header shows the unread count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from itms.accounts.models import User
from itms.notifications import actions
from itms.notifications.models import Notification, NotificationKind
from itms.testing.suites import count_queries

pytestmark = pytest.mark.django_db

INBOX = "/notifications/"


@pytest.fixture(autouse=True)
def _empty_inboxes(demo):
    """Each test starts from empty inboxes: the demo's own notices (SLA results, due dates) would mix in."""
    Notification.objects.all().delete()


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _notify(username: str, title: str, *, minutes_ago: int = 0, read: bool = False, **extra) -> Notification:
    notification = Notification.objects.create(
        recipient=_user(username), kind=NotificationKind.INFO, title=title, dedupe_key=f"test:{title}", **extra
    )
    # created_at is auto_now_add: set it afterwards to order the inbox deterministically.
    Notification.objects.filter(pk=notification.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
        read_at=timezone.now() if read else None,
    )
    notification.refresh_from_db()
    return notification


def _titles(response) -> list[str]:
    return [n.title for n in response.context["page"]]


# --- seeing ------------------------------------------------------------------------------------------------------
def test_the_inbox_lists_only_my_notifications_newest_first(client_of):
    _notify("sponsor", "오래된 알림", minutes_ago=30)
    _notify("sponsor", "새 알림", minutes_ago=1)
    _notify("itplan", "남의 알림")

    response = client_of("sponsor").get(INBOX)

    assert response.status_code == 200
    assert _titles(response) == ["새 알림", "오래된 알림"]
    assert "남의 알림" not in response.content.decode()


@pytest.mark.parametrize("username", ["vendor", "expert", "admin"])
def test_vendors_experts_and_the_superuser_see_only_their_own_too(client_of, username):
    _notify(username, "내 것")
    _notify("sponsor", "다른 사람 것")

    assert _titles(client_of(username).get(INBOX)) == ["내 것"]


def test_unread_filter_shows_only_unread(client_of):
    _notify("sponsor", "읽은 알림", read=True)
    _notify("sponsor", "안 읽은 알림")

    assert _titles(client_of("sponsor").get(INBOX, {"unread": "1"})) == ["안 읽은 알림"]


def test_the_self_scope_restricts_view_and_change_to_the_recipient():
    mine = _notify("vendor", "업체 알림")
    _notify("sponsor", "직원 알림")

    for action in ("view", "change"):
        assert list(Notification.objects.restrict(_user("vendor"), action)) == [mine]
    assert not Notification.objects.restrict(_user("vendor"), "delete").exists()  # nobody deletes notices


def test_anonymous_is_sent_to_the_login_page():
    response = Client().get(INBOX)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_inbox_query_count_does_not_grow_with_notifications(client_of):
    client = client_of("sponsor")
    for i in range(3):
        _notify("sponsor", f"알림 {i}")
    first = count_queries(lambda: client.get(INBOX))
    for i in range(3, 25):
        _notify("sponsor", f"알림 {i}")
    assert count_queries(lambda: client.get(INBOX)) <= first


# --- the header ------------------------------------------------------------------------------------------------------
def test_the_header_bell_shows_my_unread_count(client_of):
    _notify("sponsor", "하나")
    _notify("sponsor", "둘")
    _notify("sponsor", "읽음", read=True)
    _notify("itplan", "남의 것")

    page = client_of("sponsor").get("/").content.decode()

    assert 'data-testid="notification-bell"' in page
    assert 'data-testid="unread-count">2</span>' in page
    assert "읽지 않은 알림 2건" in page
    assert '<a href="/notifications/" class="dropdown-item">내 알림</a>' in page


def test_the_bell_has_no_count_when_everything_is_read(client_of):
    _notify("sponsor", "읽음", read=True)

    page = client_of("sponsor").get("/").content.decode()

    assert 'data-testid="notification-bell"' in page and 'data-testid="unread-count"' not in page


# --- marking read ------------------------------------------------------------------------------------------------------
def test_mark_read_changes_only_my_row(client_of):
    mine = _notify("sponsor", "내 알림")
    other_mine = _notify("sponsor", "내 다른 알림")
    theirs = _notify("itplan", "남의 알림")

    response = client_of("sponsor").post(f"{INBOX}{mine.pk}/read/")

    assert response.status_code == 303 and response["Location"] == INBOX
    assert Notification.objects.get(pk=mine.pk).read_at is not None
    assert Notification.objects.get(pk=other_mine.pk).read_at is None
    assert Notification.objects.get(pk=theirs.pk).read_at is None


@pytest.mark.parametrize("username", ["itplan", "vendor", "admin"])
def test_nobody_can_mark_anothers_notification_read(client_of, unchanged, username):
    theirs = _notify("sponsor", "남의 알림")
    client = client_of(username)

    with unchanged():
        response = client.post(f"{INBOX}{theirs.pk}/read/")

    assert response.status_code == 404


def test_mark_read_keeps_the_first_reading_time(client_of):
    notification = _notify("sponsor", "알림", read=True)
    first = notification.read_at

    client_of("sponsor").post(f"{INBOX}{notification.pk}/read/")

    assert Notification.objects.get(pk=notification.pk).read_at == first


def test_mark_read_needs_post_and_a_csrf_token(user_of, client_of):
    notification = _notify("sponsor", "알림")
    assert client_of("sponsor").get(f"{INBOX}{notification.pk}/read/").status_code == 405
    client = Client(enforce_csrf_checks=True)
    client.force_login(user_of("sponsor"))

    assert client.post(f"{INBOX}{notification.pk}/read/").status_code == 403
    assert Notification.objects.get(pk=notification.pk).read_at is None


def test_mark_all_read_changes_only_my_rows(client_of):
    mine = [_notify("sponsor", f"내 알림 {i}") for i in range(3)]
    theirs = _notify("itplan", "남의 알림")

    response = client_of("sponsor").post(f"{INBOX}read-all/")

    assert response.status_code == 303
    assert not Notification.objects.filter(pk__in=[n.pk for n in mine], read_at__isnull=True).exists()
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_htmx_mark_read_answers_with_the_row_and_the_new_count(client_of):
    notification = _notify("sponsor", "알림 하나")
    _notify("sponsor", "알림 둘")

    response = client_of("sponsor").post(f"{INBOX}{notification.pk}/read/", HTTP_HX_REQUEST="true")

    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert f'id="notification-{notification.pk}"' in body and 'data-unread="0"' in body
    assert 'hx-swap-oob="true"' in body and 'data-testid="unread-count">1</span>' in body


def test_htmx_mark_all_read_answers_with_the_list_and_no_count(client_of):
    _notify("sponsor", "알림 하나")

    response = client_of("sponsor").post(f"{INBOX}read-all/", HTTP_HX_REQUEST="true")

    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert 'data-testid="notification-list"' in body and 'hx-swap-oob="true"' in body
    assert 'data-testid="unread-count"' not in body


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(client_of):
    notification = _notify("sponsor", "사업 알림", url="/projects/projects/1/")

    response = client_of("sponsor").post(f"{INBOX}{notification.pk}/read/", {"open": "1"})

    assert response.status_code == 303 and response["Location"] == "/projects/projects/1/"
    assert Notification.objects.get(pk=notification.pk).read_at is not None


def test_opening_never_redirects_off_site(client_of):
    notification = _notify("sponsor", "이상한 링크", url="https://evil.example/")

    response = client_of("sponsor").post(f"{INBOX}{notification.pk}/read/", {"open": "1"})

    assert response["Location"] == INBOX


# --- sending ------------------------------------------------------------------------------------------------------
def test_notify_sends_once_per_dedupe_key_and_mails_once(django_capture_on_commit_callbacks):
    sponsor = _user("sponsor")

    with django_capture_on_commit_callbacks(execute=True):
        first = actions.notify(recipient=sponsor, title="회의 안내", body="내일 10시", dedupe_key="meeting:1")
        second = actions.notify(recipient=sponsor, title="회의 안내", body="내일 10시", dedupe_key="meeting:1")

    assert first is not None and second is None
    assert Notification.objects.filter(recipient=sponsor, dedupe_key="meeting:1").count() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "[정보화관리시스템] 회의 안내" and message.to == ["sponsor@customs.example"]
    assert message.body.startswith("오수빈님,\n\n내일 10시")
    assert Notification.objects.get(pk=first.pk).emailed_at is not None


def test_notify_without_a_key_never_collides(django_capture_on_commit_callbacks):
    sponsor = _user("sponsor")
    assert actions.notify(recipient=sponsor, title="안내 1") is not None
    assert actions.notify(recipient=sponsor, title="안내 1") is not None


def test_pending_mail_is_sent_once_even_when_the_task_runs_twice():
    _notify("sponsor", "보낼 알림")
    _notify("itplan", "이미 보낸 알림", emailed_at=timezone.now())

    assert actions.send_pending_emails() == 1
    assert actions.send_pending_emails() == 0
    assert [m.to for m in mail.outbox] == [["sponsor@customs.example"]]


def test_stale_notifications_are_not_mailed():
    _notify("sponsor", "사흘 전 알림", minutes_ago=3 * 24 * 60)

    assert actions.send_pending_emails() == 0 and mail.outbox == []


def test_a_failing_mail_server_keeps_the_rest_for_the_next_run(monkeypatch):
    _notify("sponsor", "첫째", minutes_ago=2)
    _notify("itplan", "둘째", minutes_ago=1)
    calls = []

    def flaky(*args, **kwargs):
        calls.append(args[3])
        if len(calls) == 2:
            raise OSError("메일 서버 응답 없음")
        return 1

    monkeypatch.setattr(actions, "send_mail", flaky)
    assert actions.send_pending_emails() == 1
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 1
    monkeypatch.undo()
    assert actions.send_pending_emails() == 1
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()

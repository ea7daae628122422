"""The e-mail for a notification: Korean subject and body, links made absolute when the site URL is known."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from .models import Notification

SUBJECT_PREFIX = "[정보화관리시스템]"


def absolute(path: str) -> str:
    """'/notifications/' → 'https://itms.customs.go.kr/notifications/' when ITMS_SITE_URL is set."""
    base = (getattr(settings, "ITMS_SITE_URL", "") or "").rstrip("/")
    return f"{base}{path}" if base and path.startswith("/") else path


def compose(notification: Notification) -> tuple[str, str]:
    """(subject, body). The notification's own body already carries the dates and clause labels."""
    recipient = notification.recipient
    # A header must be one line (BadHeaderError otherwise).
    subject = " ".join(f"{SUBJECT_PREFIX} {notification.title}".split())
    lines = [f"{recipient.name or recipient.username}님,", "", notification.body.strip(), ""]
    inbox = reverse("notifications:notification_list")
    if notification.url and notification.url != inbox:
        lines.append(f"바로가기: {absolute(notification.url)}")
    lines.append(f"내 알림: {absolute(inbox)}")
    lines += ["", "이 메일은 정보화관리시스템이 자동으로 보냈습니다. 회신하지 마십시오."]
    return subject, "\n".join(lines)

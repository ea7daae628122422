"""The unread count in the header bell, counted only when a template shows it."""

from __future__ import annotations

from django.utils.functional import cached_property

from .models import Notification


class Inbox:
    def __init__(self, user):
        self.user = user

    @cached_property
    def unread_count(self) -> int:
        return Notification.objects.inbox_of(self.user).unread().count()


def notifications(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"inbox": Inbox(user)}

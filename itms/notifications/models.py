"""Notifications: one row per message to one person — the in-app inbox, and the e-mail sent for it.

Created only through ``itms.notifications.actions``. ``dedupe_key`` makes sending idempotent:
(recipient, dedupe_key) is unique, so a periodic job that runs twice creates nothing twice and
e-mails only what it newly created.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from itms.core.models import BaseModel
from itms.core.querysets import RestrictedQuerySet


class NotificationKind(models.TextChoices):
    DUE_SOON = "due_soon", _("기한 임박")
    OVERDUE = "overdue", _("기한 경과")
    DIGEST = "digest", _("일일 요약")
    INFO = "info", _("안내")


class NotificationQuerySet(RestrictedQuerySet):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)

    def inbox_of(self, user) -> NotificationQuerySet:
        """The user's own inbox: what the policy lets them see, and addressed to them.

        The recipient filter is not redundant: the superuser's scope is everything, but an inbox
        is personal to everyone.
        """
        return self.restrict(user, "view").filter(recipient_id=user.pk)


class Notification(BaseModel):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("받는 사람"),
        on_delete=models.CASCADE,
        related_name="notifications",
        db_index=False,  # the indexes below all start with the recipient
    )
    kind = models.CharField(_("종류"), max_length=20, choices=NotificationKind.choices)
    title = models.CharField(_("제목"), max_length=300)
    body = models.TextField(_("내용"), blank=True)
    url = models.CharField(_("바로가기"), max_length=500, blank=True)
    obligation = models.ForeignKey(
        "regulation.Obligation",
        verbose_name=_("법정 기한"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    read_at = models.DateTimeField(_("읽은 일시"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("메일 발송 일시"), null=True, blank=True)
    # What makes two notifications "the same" for one recipient (obligation:12:overdue, digest:2026-02-19).
    dedupe_key = models.CharField(_("중복 방지 키"), max_length=200)

    objects = NotificationQuerySet.as_manager()
    restrict_scopes = {"self": lambda user, units: Q(recipient_id=user.pk)}

    class Meta:
        verbose_name = _("알림")
        verbose_name_plural = _("알림")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "dedupe_key"], name="notification_unique_dedupe_key"),
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"),
            # Only the rows still to be e-mailed: small, whatever the table's size.
            models.Index(fields=["id"], condition=Q(emailed_at__isnull=True), name="notification_mail_pending"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

"""Creating, e-mailing and reading notifications — the only code that writes them.

Creation is idempotent per (recipient, dedupe_key): the unique constraint has the last word, so
two concurrent senders cannot both create (and both e-mail) the same notice. E-mail goes out after
commit, by a task that sends every notification not yet e-mailed exactly once.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Iterable

from django.core.mail import get_connection, send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from itms.core.errors import Forbidden

from .emails import compose
from .error_codes import NotificationErrors
from .models import Notification, NotificationKind

logger = logging.getLogger(__name__)

BATCH_SIZE = 5000  # PostgreSQL inserts these with one UNNEST each; SQLite caps it by its parameter limit
# Older unsent notifications are not e-mailed any more (e.g. the mail server was down for days,
# or the recipient only now entered an address): a stale reminder is noise, the inbox still has it.
MAIL_WINDOW = dt.timedelta(days=2)
# Keeps each `IN (...)` list well under every backend's parameter limit.
_KEY_CHUNK = 500


def notify(
    *,
    recipient,
    title: str,
    body: str = "",
    kind: str = NotificationKind.INFO,
    url: str = "",
    obligation=None,
    dedupe_key: str = "",
) -> Notification | None:
    """Sends one notification (inbox + e-mail). Returns None if one with the same key was already sent."""
    draft = Notification(
        recipient=recipient,
        kind=kind,
        title=title[:300],
        body=body,
        url=url,
        obligation=obligation,
        dedupe_key=dedupe_key or f"{kind}:{uuid.uuid4().hex}",  # no key: never a duplicate
    )
    created = create_notifications(drafts=[draft])
    return created[0] if created else None


def create_notifications(
    *, drafts: Iterable[Notification], existing_keys: set[tuple[int, str]] | None = None
) -> list[Notification]:
    """Creates the drafts not sent before and schedules their e-mail; returns the ones created.

    ``existing_keys`` — (recipient id, dedupe key) pairs already sent — lets a caller that fetched
    them in bulk skip the lookup. If another process created some meanwhile, the unique constraint
    refuses the batch; it is then retried once against a fresh lookup.
    """
    unique: dict[tuple[int, str], Notification] = {}
    for draft in drafts:
        unique.setdefault((draft.recipient_id, draft.dedupe_key), draft)
    if not unique:
        return []
    for attempt in range(2):
        if existing_keys is None or attempt:
            existing_keys = _existing_keys(unique)
        new = [draft for key, draft in unique.items() if key not in existing_keys]
        if not new:
            return []
        try:
            with transaction.atomic():
                created = Notification.objects.bulk_create(new, batch_size=BATCH_SIZE)
                transaction.on_commit(_schedule_emails, robust=True)
        except IntegrityError:
            if attempt:
                raise
            for draft in new:  # bulk_create may have set primary keys before the rollback
                draft.pk = None
                draft._state.adding = True
            continue
        return created
    return []  # pragma: no cover - the loop returns or raises


def _existing_keys(drafts: dict[tuple[int, str], Notification]) -> set[tuple[int, str]]:
    keys = sorted({key for _recipient, key in drafts})
    found: set[tuple[int, str]] = set()
    for start in range(0, len(keys), _KEY_CHUNK):
        found.update(
            Notification.objects.filter(dedupe_key__in=keys[start : start + _KEY_CHUNK]).values_list(
                "recipient_id", "dedupe_key"
            )
        )
    return found


def _schedule_emails() -> None:
    from .tasks import send_notification_emails_task

    send_notification_emails_task.delay()


def send_pending_emails(*, batch_size: int = 500) -> int:
    """E-mails every notification not yet e-mailed (active recipients with an address) once; returns how many.

    Rows are claimed with SELECT … FOR UPDATE SKIP LOCKED (PostgreSQL), so two workers never send
    the same one; ``emailed_at`` is set in the same transaction. A failing mail server stops the
    run, keeping the unsent rows for the next one.
    """
    since = timezone.now() - MAIL_WINDOW
    sent = last_pk = 0
    connection = None
    try:
        while True:
            with transaction.atomic():
                # Keyset paging over the partial index of unsent rows (each batch starts where the last
                # ended), then the join and the row locks for that batch only.
                ids = list(
                    Notification.objects.filter(pk__gt=last_pk, emailed_at__isnull=True, created_at__gte=since)
                    .order_by("pk")
                    .values_list("pk", flat=True)[:batch_size]
                )
                if not ids:
                    return sent
                last_pk = ids[-1]
                batch = list(
                    Notification.objects.select_for_update(skip_locked=True, of=("self",))
                    .filter(pk__in=ids, emailed_at__isnull=True, created_at__gte=since, recipient__is_active=True)
                    .exclude(recipient__email="")
                    .select_related("recipient")
                    .order_by("pk")
                )
                if batch and connection is None:
                    connection = get_connection()
                    connection.open()  # one session for every message, not one per message
                done = []
                for notification in batch:
                    subject, body = compose(notification)
                    try:
                        send_mail(subject, body, None, [notification.recipient.email], connection=connection)
                    except Exception:
                        logger.exception("알림 메일을 보내지 못했습니다 (알림 %s)", notification.pk)
                        break
                    done.append(notification.pk)
                if done:
                    Notification.objects.filter(pk__in=done).update(emailed_at=timezone.now())
                sent += len(done)
                if len(done) < len(batch):
                    return sent
    finally:
        if connection is not None:
            connection.close()


@transaction.atomic
def mark_read(*, actor, notification: Notification) -> Notification:
    """Marks one of the actor's own notifications read (the first reading time is kept)."""
    if notification.recipient_id != actor.pk:
        raise Forbidden(NotificationErrors.NOT_YOURS)
    now = timezone.now()
    # update() rather than save(): no change-log row for a read receipt.
    if Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now):
        notification.read_at = now
    return notification


@transaction.atomic
def mark_all_read(*, actor) -> int:
    """Marks every unread notification of the actor read; returns how many."""
    return Notification.objects.filter(recipient_id=actor.pk, read_at__isnull=True).update(read_at=timezone.now())

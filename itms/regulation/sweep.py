"""The daily obligation sweep: tell whoever owes an open obligation that it is due soon or overdue.

For every open obligation that is due within ``due_soon_working_days`` working days (rule-pack
parameter, a2.0.7) or already overdue, each person who owes it on that day — the holders of the
owing role in the owing unit (acting holders 직무대행 included, a4.7) and the owing person — gets
one "기한 임박" notice and, once it is late, one "기한 경과" notice; plus one daily digest listing
all their due-soon and overdue items. Run it as often as you like: a notice exists at most once
per (recipient, dedupe key), and only notices created by this run are e-mailed.

Built for 100,000 open obligations, with no query per obligation: one narrow query for the
candidates (ids, dates, owners), two or three for every role holder at once (``HolderIndex``), one
for the notices already sent, titles and clauses only for what will be sent, then a bulk insert.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from itms.accounts.directory import DERIVED_ROLES, KIND_ROLES, MEMBERSHIP_ROLES
from itms.accounts.models import Assignment, AssignmentKind, RoleBinding, User
from itms.accounts.roles import ROLE_INFO, Basis, Role
from itms.core import registry
from itms.core.formats import format_date
from itms.notifications.actions import create_notifications
from itms.notifications.models import Notification, NotificationKind

from . import clauses, legal_calendar
from .models import Obligation, ObligationStatus
from .rules import param

# A digest lists at most this many items; the inbox has the rest.
DIGEST_ITEMS = 30


@dataclass(frozen=True)
class SweepResult:
    today: dt.date
    due_soon: int = 0  # open obligations due within the parameter's working days
    overdue: int = 0  # open obligations past their due date
    unassigned: int = 0  # nobody holds the owing role on that day (a vacant position): nobody to tell
    notices: int = 0  # due-soon and overdue notices created by this run
    digests: int = 0  # daily digests created by this run

    @property
    def created(self) -> int:
        return self.notices + self.digests

    def as_dict(self) -> dict:
        return {**asdict(self), "today": self.today.isoformat(), "created": self.created}

    def summary(self) -> str:
        return (
            f"{format_date(self.today)} 기한 점검: 기한 임박 {self.due_soon:,}건, 기한 경과 {self.overdue:,}건"
            f" (담당자 없음 {self.unassigned:,}건) → 새 알림 {self.created:,}건"
            f" (개별 알림 {self.notices:,}건, 일일 요약 {self.digests:,}건)"
        )


# --- who holds a role, for many (role, unit) pairs at once ---------------------------------------------------
class HolderIndex:
    """``directory.holders(role, unit, on)`` for any number of (role, unit) pairs, from three queries.

    Same rules as ``holders``: derived roles follow the position (head of, IT department …),
    bound roles follow the RoleBindings (per-unit ones within their scope unit), kind roles
    (vendor, expert) follow the user's kind; acting assignments (직무대행, a4.7) count, and the
    regular holder of that position holds none of its roles meanwhile (except the membership roles).
    Answers (user id, acting) pairs, acting first.
    """

    def __init__(self, on: dt.date):
        self.on = on
        self._holders: dict[tuple[Role, int | None], dict[int, bool]] = defaultdict(dict)
        self._by_kind: dict[str, list[int]] | None = None
        lookups = sorted({path for conditions in DERIVED_ROLES.values() for path in conditions})
        bound: dict[int, list[tuple[Role, int | None]]] = defaultdict(list)
        for role, position_id, scope_unit_id in RoleBinding.objects.active_on(on).values_list(
            "role", "position_id", "scope_unit_id"
        ):
            bound[position_id].append((Role(role), scope_unit_id))
        rows = list(
            Assignment.objects.active_on(on)
            .filter(user__is_active=True)
            .values_list("user_id", "kind", "position_id", "position__unit_id", *(f"position__{p}" for p in lookups))
        )
        # A position an acting official exercises: its regular holder keeps only the membership roles (directory).
        acting_positions = {row[2] for row in rows if row[1] == AssignmentKind.ACTING}
        for user_id, kind, position_id, unit_id, *flags in rows:
            acting = kind == AssignmentKind.ACTING
            displaced = not acting and position_id in acting_positions
            position = dict(zip(lookups, flags, strict=True))
            for role, conditions in DERIVED_ROLES.items():
                held = all(position[path] == expected for path, expected in conditions.items())
                if held and (not displaced or role in MEMBERSHIP_ROLES):
                    self._add(role, unit_id, user_id, acting)
            if not displaced:
                for role, scope_unit_id in bound.get(position_id, ()):
                    self._add(role, scope_unit_id or unit_id, user_id, acting)

    def _add(self, role: Role, unit_id: int | None, user_id: int, acting: bool) -> None:
        key = (role, unit_id if ROLE_INFO[role].per_unit else None)
        holders = self._holders[key]
        # A regular assignment to the same role outweighs an acting one.
        holders[user_id] = holders.get(user_id, True) and acting

    def holders(self, role: Role | str, unit_id: int | None = None) -> list[tuple[int, bool]]:
        role = Role(role)
        info = ROLE_INFO[role]
        if info.basis is Basis.KIND:
            return [(user_id, False) for user_id in self._kind_users().get(KIND_ROLES[role], [])]
        if info.per_unit and unit_id is None:
            found: dict[int, bool] = {}
            for (held_role, _unit), holders in self._holders.items():
                if held_role == role:
                    for user_id, acting in holders.items():
                        found[user_id] = found.get(user_id, True) and acting
        else:
            found = self._holders.get((role, unit_id if info.per_unit else None), {})
        return sorted(found.items(), key=lambda pair: (not pair[1], pair[0]))

    def _kind_users(self) -> dict[str, list[int]]:
        if self._by_kind is None:
            self._by_kind = defaultdict(list)
            kinds = list(KIND_ROLES.values())
            for pk, kind in User.objects.filter(kind__in=kinds, is_active=True).values_list("pk", "kind"):
                self._by_kind[kind].append(pk)
        return self._by_kind


# --- the sweep -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Due:
    """One open obligation that is due soon or overdue (only what deciding who to tell needs)."""

    obligation_id: int
    kind: str
    due: dt.date


@dataclass(frozen=True)
class _Details:
    """What a notice or digest line says about an obligation (fetched only for what is sent)."""

    title: str
    clause_ids: tuple[str, ...]
    url: str


@dataclass
class _Plan:
    owed: dict[int, list[tuple[_Due, bool]]] = field(default_factory=lambda: defaultdict(list))  # recipient → items
    due_soon: int = 0
    overdue: int = 0
    unassigned: int = 0


def horizon(today: dt.date) -> tuple[dt.date, int]:
    """(first due date that is no longer "due soon", the parameter's value) on ``today``.

    Due soon = at most N working days left (a2.0.7 default N=3), i.e. due before the (N+1)-th
    working day after today — also when the due date itself is not a working day.
    """
    days = int(param("due_soon_working_days", today).value)
    return legal_calendar.add_working_days(today, days + 1), days


def run_sweep(*, today: dt.date | None = None) -> SweepResult:
    """Notifies the holders of every due-soon or overdue open obligation once per kind, plus a daily digest."""
    today = today or timezone.localdate()
    limit, days = horizon(today)
    plan = _plan(today, limit)
    sent = _sent_keys(today, limit)
    digest_key = _digest_key(today)

    notices: list[tuple[int, _Due, bool]] = []
    digests: list[tuple[int, list[tuple[_Due, bool]]]] = []
    for recipient_id, items in plan.owed.items():
        notices.extend(
            (recipient_id, due, acting)
            for due, acting in items
            if (recipient_id, _notice_key(due.obligation_id, due.kind)) not in sent
        )
        if (recipient_id, digest_key) not in sent:
            digests.append((recipient_id, items))
    needed = {due.obligation_id for _r, due, _a in notices}
    needed.update(due.obligation_id for _r, items in digests for due, _a in items[:DIGEST_ITEMS])
    details = _details(needed, limit)

    texts: dict[tuple[int, str], tuple[str, str]] = {}  # one text per obligation, shared by its recipients
    drafts = []
    for recipient_id, due, acting in notices:
        if due.obligation_id not in details:
            continue  # closed since the first query: nothing to tell
        key = (due.obligation_id, due.kind)
        if key not in texts:
            texts[key] = _notice_text(due, details[due.obligation_id], today, days)
        title, body = texts[key]
        drafts.append(
            _draft(
                recipient_id,
                due.kind,
                title,
                body + ACTING_NOTE if acting else body,
                details[due.obligation_id].url,
                due.obligation_id,
                _notice_key(*key),
            )
        )
    inbox = reverse("notifications:notification_list")
    for recipient_id, items in digests:
        title, body = _digest_text(items, details, today)
        drafts.append(_draft(recipient_id, NotificationKind.DIGEST, title, body, inbox, None, digest_key))

    created = create_notifications(drafts=drafts, existing_keys=sent)
    new_digests = sum(1 for n in created if n.kind == NotificationKind.DIGEST)
    return SweepResult(
        today=today,
        due_soon=plan.due_soon,
        overdue=plan.overdue,
        unassigned=plan.unassigned,
        notices=len(created) - new_digests,
        digests=new_digests,
    )


def _candidates(limit: dt.date):
    return Obligation.objects.filter(status=ObligationStatus.OPEN, due_date__lt=limit)


def _plan(today: dt.date, limit: dt.date) -> _Plan:
    """Who owes what among the candidates: ids, dates and owners only, in one query (plus the holders)."""
    plan = _Plan()
    index = HolderIndex(today)
    holders_of: dict[tuple[str, int | None], dict[int, bool]] = {}
    rows = (
        _candidates(limit)
        .order_by("due_date", "pk")  # overdue first, then due soon: the digest's order
        .values_list("pk", "due_date", "owed_by_role", "owed_by_unit_id", "owed_by_user_id", "owed_by_user__is_active")
    )
    for pk, due, role, unit_id, user_id, user_active in rows:
        if due < today:
            item, plan.overdue = _Due(pk, NotificationKind.OVERDUE, due), plan.overdue + 1
        else:
            item, plan.due_soon = _Due(pk, NotificationKind.DUE_SOON, due), plan.due_soon + 1
        recipients: dict[int, bool] = {}
        if role:
            if (role, unit_id) not in holders_of:
                holders_of[role, unit_id] = dict(index.holders(role, unit_id))
            recipients.update(holders_of[role, unit_id])
        if user_id and user_active:
            recipients[user_id] = False  # owed by name: not as anyone's deputy
        if not recipients:
            plan.unassigned += 1
        for recipient_id, acting in recipients.items():
            plan.owed[recipient_id].append((item, acting))
    return plan


def _details(obligation_ids: set[int], limit: dt.date) -> dict[int, _Details]:
    """Title, clauses and link of the obligations that will be sent: chunked by id, or all candidates at once."""
    fields = ("pk", "title", "clause_ids", "subject_type_id", "subject_id")
    if len(obligation_ids) > 10 * _ID_CHUNK:
        chunks = [_candidates(limit).values_list(*fields)]  # most of them: one pass beats many IN lists
    else:
        ids = sorted(obligation_ids)
        chunks = [
            Obligation.objects.filter(pk__in=ids[i : i + _ID_CHUNK]).values_list(*fields)
            for i in range(0, len(ids), _ID_CHUNK)
        ]
    urls = _SubjectUrls()
    return {
        pk: _Details(title, tuple(clause_ids or ()), urls.get(subject_type_id, subject_id))
        for chunk in chunks
        for pk, title, clause_ids, subject_type_id, subject_id in chunk
        if pk in obligation_ids
    }


_ID_CHUNK = 500


def _sent_keys(today: dt.date, limit: dt.date) -> set[tuple[int, str]]:
    """(recipient, dedupe key) of every notice already sent for today's candidates, in one query."""
    sent = Notification.objects.filter(
        Q(obligation__in=_candidates(limit), kind__in=(NotificationKind.DUE_SOON, NotificationKind.OVERDUE))
        | Q(kind=NotificationKind.DIGEST, dedupe_key=_digest_key(today))
    )
    return set(sent.values_list("recipient_id", "dedupe_key"))


def _notice_key(obligation_id: int, kind: str) -> str:
    return f"obligation:{obligation_id}:{kind}"


def _digest_key(today: dt.date) -> str:
    return f"digest:{today.isoformat()}"


ACTING_NOTE = "\n직무대행(제4조제7항)으로서 받는 알림입니다."


def _draft(recipient_id, kind, title, body, url, obligation_id, dedupe_key) -> Notification:
    # Every field given: Model.__init__ then skips its per-field default lookups (100,000 drafts).
    return Notification(
        recipient_id=recipient_id,
        kind=kind,
        title=title[:300],
        body=body,
        url=url,
        obligation_id=obligation_id,
        dedupe_key=dedupe_key,
        read_at=None,
        emailed_at=None,
        created_at=None,
        updated_at=None,
    )


def _notice_text(item: _Due, details: _Details, today: dt.date, days: int) -> tuple[str, str]:
    due = format_date(item.due)
    if item.kind == NotificationKind.OVERDUE:
        title = f"기한 경과: {details.title}"
        status = f"기한({due})이 {(today - item.due).days}일 지났습니다."
    else:
        title = f"기한 임박: {details.title}"
        left = legal_calendar.working_days_between(today, item.due)
        if left:
            status = f"기한({due})까지 {left}근무일 남았습니다 (알림 기준: {days}근무일 이내)."
        else:
            status = f"오늘({due})이 기한입니다."
    lines = [status, "", f"내용: {details.title}", f"기한: {due}"]
    if details.clause_ids:
        lines.append(f"근거: {_labels(details.clause_ids)}")
    return title, "\n".join(lines)


def _digest_text(items: list[tuple[_Due, bool]], details: dict[int, _Details], today: dt.date) -> tuple[str, str]:
    overdue = sum(1 for due, _acting in items if due.kind == NotificationKind.OVERDUE)
    title = f"일일 기한 요약 {format_date(today)}: 기한 경과 {overdue}건, 기한 임박 {len(items) - overdue}건"
    lines = [f"{format_date(today)} 현재 처리할 법정 기한입니다.", ""]
    for due, acting in items[:DIGEST_ITEMS]:
        item = details.get(due.obligation_id)
        if item is None:
            continue  # closed since the first query
        label = "기한 경과" if due.kind == NotificationKind.OVERDUE else "기한 임박"
        basis = f" ({_labels(item.clause_ids)})" if item.clause_ids else ""
        lines.append(f"- [{label}] {format_date(due.due)} {item.title}{basis}{' [직무대행]' if acting else ''}")
    if len(items) > DIGEST_ITEMS:
        lines.append(f"외 {len(items) - DIGEST_ITEMS:,}건은 내 알림에서 확인하십시오.")
    return title, "\n".join(lines)


@lru_cache(maxsize=1024)
def _labels(clause_ids: tuple[str, ...]) -> str:
    return ", ".join(clauses.label(c) for c in clause_ids)


class _SubjectUrls:
    """The subject's detail page when it is a registered record type (reversed, not queried)."""

    def __init__(self):
        self._names: dict[int, str | None] = {}

    def get(self, subject_type_id: int | None, subject_id: int | None) -> str:
        if not subject_type_id or not subject_id:
            return ""
        if subject_type_id not in self._names:
            model = ContentType.objects.get_for_id(subject_type_id).model_class()  # cached by Django
            object_type = registry.get(model) if model is not None else None
            self._names[subject_type_id] = object_type.url_name("detail") if object_type is not None else None
        url_name = self._names[subject_type_id]
        if url_name is None:
            return ""
        try:
            return reverse(url_name, kwargs={"pk": subject_id})
        except NoReverseMatch:
            return ""

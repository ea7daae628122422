"""Bodies (위원회·협의회) and their members, by position or by person, with terms."""

from __future__ import annotations

import datetime as dt

from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from itms.accounts.models import Position, User
from itms.accounts.roles import Role
from itms.core.errors import Refused
from itms.core.formats import format_date
from itms.core.korean import josa
from itms.core.middleware import forget_per_request, per_request
from itms.core.models import PrimaryModel
from itms.core.querysets import RestrictedQuerySet

from ..choices import BodyKind, MeetingState, MembershipBasis
from ..error_codes import GovernanceErrors as E

# Which rule-pack parameters govern each kind of body (quorum, majority, inclusive "이상" or "초과").
QUORUM_RULES = {
    BodyKind.COMMITTEE: ("committee_quorum", "committee_majority", False),
    BodyKind.COUNCIL: ("council_quorum", "council_majority", False),
    # 소프트웨어 진흥법 시행령 제47조: 재적 과반수 출석, 출석 과반수 찬성 (same as the council's numbers).
    BodyKind.TASK_DELIBERATION: ("council_quorum", "council_majority", False),
    BodyKind.EVALUATION: ("evaluation_quorum", "council_majority", True),
}
QUORUM_CLAUSES = {
    BodyKind.COMMITTEE: ("a4.8",),
    BodyKind.COUNCIL: ("a5.8",),
    BodyKind.TASK_DELIBERATION: ("a13.1",),
    BodyKind.EVALUATION: ("a15.5",),
}


# A meeting in these states is under way: its registered members and cast votes rest on the body's composition.
SITTING_STATES = (MeetingState.IN_SESSION, MeetingState.VOTING)
# A meeting in these states has met (or is meeting): the composition on its date is part of its record.
HELD_STATES = (MeetingState.IN_SESSION, MeetingState.VOTING, MeetingState.CLOSED)

# Which role's position the chair and the secretary of each body must be (a4.1, a4.9, a5.2), with the refusal.
CHAIR_ROLES = {
    BodyKind.COMMITTEE: (Role.CIO, E.COMMITTEE_CHAIR),
    BodyKind.COUNCIL: (Role.IT_PLANNING_OFFICER, E.COUNCIL_CHAIR),
}
SECRETARY_ROLES = {
    BodyKind.COMMITTEE: (Role.COMMITTEE_SECRETARY, E.COMMITTEE_SECRETARY),
    BodyKind.COUNCIL: (Role.COUNCIL_SECRETARY, E.COUNCIL_SECRETARY),
}


def _member_of_body(user, units):
    return Q(pk__in=Membership.objects.filter(user=user).values("body_id"))


def secretariat_positions(user) -> set[int]:
    """The positions whose powers the user exercises today (an acting official's, not the displaced holder's)."""
    from itms.accounts.directory import positions_exercised

    return positions_exercised(user)


def _secretariat_of_body(user, units, prefix: str = ""):
    """Bodies the user chairs or is the secretary of (a4.9, a5.2; a4.3.2: the chair designates members)."""
    positions = secretariat_positions(user)
    chaired_in_person = Membership.objects.active_on().filter(user=user, is_chair=True).values("body_id")
    return (
        Q(**{f"{prefix}chair_position_id__in": positions})
        | Q(**{f"{prefix}secretary_position_id__in": positions})
        | Q(**{f"{prefix}pk__in": chaired_in_person})
    )


def record_composition_event(instance, action: str, summary: str, payload: dict, clause_ids) -> None:
    """A change to who sits on a body, chained with the acting user of the request (a4.1, a4.3, a4.8)."""
    from itms.audit.chain import record_event
    from itms.audit.models import LegalEventKind
    from itms.core.middleware import current_user

    record_event(
        kind=LegalEventKind.COMPOSITION_CHANGED,
        summary=summary,
        actor=current_user(),
        subject=instance,
        payload={"action": action, **payload},
        clause_ids=list(clause_ids),
    )


def sitting_meeting(body_id: int):
    """The meeting of the body that is under way (in session, or written voting running), if any."""
    from .meetings import Meeting

    return Meeting.objects.filter(body_id=body_id, state__in=SITTING_STATES).order_by("scheduled_at").first()


class Body(PrimaryModel):
    restrict_scopes = {
        "member": lambda user, units: _member_of_body(user, units),
        "secretariat": lambda user, units: _secretariat_of_body(user, units),
    }

    kind = models.CharField(_("구분"), max_length=30, choices=BodyKind.choices)
    name = models.CharField(_("명칭"), max_length=100)
    scope = models.TextField(
        _("심의 대상"), blank=True, help_text=_("과업심의위원회를 복수로 둘 때 나눈 심의 대상 (제13조제2항)")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("상위 기구"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("실무협의회는 위원회에 둔다 (제5조제1항)"),
    )
    chair_position = models.ForeignKey(
        Position,
        verbose_name=_("위원장 직위"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="chaired_bodies",
        help_text=_("위원회: 지능정보화책임관 (제4조제1항), 실무협의회: 정보기획담당관 (제5조제2항)"),
    )
    secretary_position = models.ForeignKey(
        Position,
        verbose_name=_("간사 직위"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="secretary_of_bodies",
        help_text=_("제4조제9항, 제5조제2항"),
    )
    formed_on = models.DateField(
        _("구성일"), null=True, blank=True, help_text=_("기술평가위원회는 평가마다 구성 (제15조제4항)")
    )
    is_active = models.BooleanField(_("운영 중"), default=True)

    class Meta:
        verbose_name = _("위원회·협의회")
        verbose_name_plural = _("위원회·협의회")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    # Fields whose change is a change of composition (who chairs, who keeps the secretariat, what the body is).
    COMPOSITION_FIELDS = ("kind", "parent_id", "chair_position_id", "secretary_position_id", "is_active")

    def clean(self) -> None:
        on = timezone.localdate()
        if self.kind in (BodyKind.COMMITTEE, BodyKind.COUNCIL) and not self.chair_position_id:
            raise Refused(E.CHAIR_BY_POSITION, field="chair_position")
        if self.kind in CHAIR_ROLES and self.chair_position_id:
            role, code = CHAIR_ROLES[self.kind]
            bound = _bound_positions(role, on)
            if self.chair_position_id not in bound:
                raise Refused(code, field="chair_position", position=_position_names(bound))
        if self.kind in SECRETARY_ROLES and self.secretary_position_id:
            role, code = SECRETARY_ROLES[self.kind]
            bound = _bound_positions(role, on)
            if self.secretary_position_id not in bound:
                raise Refused(code, field="secretary_position", position=_position_names(bound))
        if self.kind == BodyKind.COUNCIL and self.parent_id and self.parent.kind != BodyKind.COMMITTEE:
            raise Refused(E.COUNCIL_PARENT, field="parent")
        if self.kind in (BodyKind.COMMITTEE, BodyKind.COUNCIL) and self.is_active:
            # One 위원회 (a4.1) and one 실무협의회 (a5.1): a second would split the registered members.
            other = Body.objects.filter(kind=self.kind, is_active=True).exclude(pk=self.pk).first()
            if other is not None:
                raise Refused(
                    E.ONE_BODY_OF_KIND,
                    field="kind",
                    kind=josa(self.get_kind_display(), "은/는"),
                    existing=josa(other.name, "이/가"),
                )
        self.check_composition_change()

    def check_composition_change(self) -> None:
        """The model-level lock, also checked on save: no change of the body while one of its meetings sits."""
        if self.pk is None:
            return
        before = Body.objects.filter(pk=self.pk).values(*self.COMPOSITION_FIELDS).first()
        if before is None or all(before[f] == getattr(self, f) for f in self.COMPOSITION_FIELDS):
            return
        if before["kind"] != self.kind and self.meetings.exists():
            raise Refused(E.KIND_FIXED, field="kind")
        meeting = sitting_meeting(self.pk)
        if meeting is not None:
            raise Refused(E.COMPOSITION_LOCKED, meeting=josa(str(meeting), "이/가"), state=meeting.get_state_display())

    def save(self, *args, **kwargs):
        with transaction.atomic():
            self.check_composition_change()
            before = (
                None if self.pk is None else Body.objects.filter(pk=self.pk).values(*self.COMPOSITION_FIELDS).first()
            )
            super().save(*args, **kwargs)
            after = {f: getattr(self, f) for f in self.COMPOSITION_FIELDS}
            if before is None:
                record_composition_event(self, "created", f"{self.name} 설치", after, ("a4.1", "a5.1"))
            elif before != after:
                changed = {f: {"before": before[f], "after": after[f]} for f in after if before[f] != after[f]}
                record_composition_event(self, "changed", f"{self.name} 구성 변경", changed, ("a4.1", "a4.9", "a5.2"))

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            meeting = sitting_meeting(self.pk)
            if meeting is not None:
                raise Refused(
                    E.COMPOSITION_LOCKED, meeting=josa(str(meeting), "이/가"), state=meeting.get_state_display()
                )
            record_composition_event(self, "deleted", f"{self.name} 폐지", {"name": self.name}, ("a4.1", "a5.1"))
            return super().delete(*args, **kwargs)

    def sitting_seats(self, on: dt.date, among=None) -> list[Membership]:
        """The members actually appointed on ``on`` (재적, a4.8): voting seats somebody holds that day, one per
        person (a person holding two seats, 겸직, is one member: the chair's seat, else the oldest, counts).
        ``among`` narrows to chosen seats (the council's participants, a5.6)."""
        seats = self.memberships.active_on(on).voting()
        if among is not None:
            seats = seats.filter(pk__in=among)
        seats = list(seats.select_related("user").order_by("-is_chair", "pk"))
        holders = seat_holders(seats, on)
        result, seen = [], set()
        for seat in seats:
            person = holders[seat.pk]
            if person is not None and person.pk not in seen:
                seen.add(person.pk)
                result.append(seat)
        return result

    def chair_on(self, on: dt.date | None = None) -> User | None:
        """The person chairing on a date: the holder of the chair position (acting holders first)."""
        on = on or timezone.localdate()
        cache = self.__dict__.setdefault("_chair_cache", {})  # asked many times per page (who may do what)
        if on not in cache:
            cache[on] = self._chair(on)
        return cache[on]

    def _chair(self, on: dt.date) -> User | None:
        if self.chair_position_id is None:
            # The chair seats of every date, once per request and body: every meeting of a work list brings its
            # own copy of the body and asks on its own date.
            seats = per_request(
                ("governance.chair_seats", self.pk),
                lambda: list(self.memberships.filter(is_chair=True).select_related("user").order_by("basis", "pk")),
            )
            chair = next((seat for seat in seats if seat.is_active_on(on)), None)
            return chair.user if chair else None
        return position_holders({self.chair_position_id}, on).get(self.chair_position_id)


def _bound_positions(role: Role, on: dt.date) -> set[int]:
    from itms.accounts.models import RoleBinding

    return set(RoleBinding.objects.active_on(on).filter(role=role).values_list("position_id", flat=True))


def _position_names(position_ids) -> str:
    names = [str(p) for p in Position.objects.filter(pk__in=position_ids).select_related("unit")]
    return ", ".join(names) or "지정된 직위 없음"


class MembershipQuerySet(RestrictedQuerySet):
    def active_on(self, on: dt.date | None = None) -> MembershipQuerySet:
        on = on or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=on), start_date__lte=on)

    def voting(self) -> MembershipQuerySet:
        return self.exclude(basis=MembershipBasis.ADVISER)


def _membership_secretariat(user, units):
    return Q(body_id__in=Body.objects.filter(_secretariat_of_body(user, units)).values("pk"))


class Membership(PrimaryModel):
    """A seat on a body: by position (당연직, the seat follows the position) or by person, with a term.

    Composition is governed data (a4.1–a4.3, a5.2): only the body's chair or its own secretary changes it
    (``restrict_scopes["secretariat"]``); it cannot change while one of the body's meetings sits, nor change
    the composition on the date of a meeting already held (``check_composition_change``); every change is a
    chained COMPOSITION_CHANGED event (recorded here, in the save path, so every surface records it).
    """

    restrict_scopes = {"secretariat": _membership_secretariat}

    body = models.ForeignKey(
        Body, verbose_name=_("위원회·협의회"), on_delete=models.CASCADE, related_name="memberships"
    )
    basis = models.CharField(_("위원 구분"), max_length=20, choices=MembershipBasis.choices)
    position = models.ForeignKey(
        Position,
        verbose_name=_("직위 (당연직)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="body_memberships",
    )
    user = models.ForeignKey(
        User,
        verbose_name=_("위원 (지정·외부)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="body_memberships",
    )
    is_chair = models.BooleanField(_("위원장"), default=False)
    is_external = models.BooleanField(
        _("외부 위원"), default=False, help_text=_("기관 소속이 아닌 위원 (과업심의위원회 과반수)")
    )
    start_date = models.DateField(_("임기 시작"))
    end_date = models.DateField(_("임기 종료"), null=True, blank=True)
    note = models.CharField(_("비고"), max_length=200, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("위원")
        verbose_name_plural = _("위원")
        ordering = ["body", "-is_chair", "basis", "pk"]

    def __str__(self) -> str:
        # The seat, not its holder on a date: no query (pages that show people use seat_holders in bulk).
        return f"{self.body} — {self.position.title if self.position_id else self.user.name}"

    # What a seat is: a change of any of these changes who sits on the body on some date.
    SEAT_FIELDS = ("body_id", "basis", "position_id", "user_id", "is_chair", "start_date", "end_date")

    def clean(self) -> None:
        if self.basis == MembershipBasis.EX_OFFICIO:
            if not self.position_id or self.user_id:
                raise Refused(E.EX_OFFICIO_POSITION, field="position")
        elif self.basis == MembershipBasis.DESIGNATED:
            if bool(self.position_id) == bool(self.user_id):
                raise Refused(E.DESIGNATED_ONE_OF, field="position")
        elif not self.user_id or self.position_id:
            raise Refused(E.PERSON_SEAT, field="user")
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise Refused(E.TERM_ORDER, field="end_date")
        if self.user_id and self.is_external and self.user.kind == "staff" and self.basis == MembershipBasis.EXTERNAL:
            raise Refused(E.STAFF_NOT_EXTERNAL, field="is_external")
        # The chair's seat is the chair position's ex-officio seat (a4.1: the CIO; a5.2: 정보기획담당관).
        chair_position = self.body.chair_position_id if self.body_id else None
        if (
            self.is_chair
            and chair_position
            and (self.position_id != chair_position or self.basis != MembershipBasis.EX_OFFICIO)
        ):
            raise Refused(E.CHAIR_SEAT, field="is_chair", position=str(self.body.chair_position))
        self.check_composition_change()

    def _seat(self) -> dict:
        return {f: getattr(self, f) for f in self.SEAT_FIELDS}

    def check_composition_change(self, *, deleting: bool = False) -> None:
        """Refuses a change while a meeting of the body sits, or one that alters a held meeting's composition.

        Before a meeting opens, its registered members are whoever sits on the body on its date (a4.8), so a
        change then is simply taken into account. From the opening (in session; written voting running) the
        count has been used and votes rest on it: no change until it ends. After it, the composition on its
        date is part of its record: a seat covering that date cannot be removed, moved or narrowed past it.
        """
        before = None
        if self.pk is not None:
            before = Membership.objects.filter(pk=self.pk).values(*self.SEAT_FIELDS, "is_external", "note").first()
        after = None if deleting else self._seat()
        if before is not None and after is not None and all(before[f] == after[f] for f in self.SEAT_FIELDS):
            return  # only a note or the external flag: no one sits differently
        bodies = {b for b in ((before or {}).get("body_id"), (after or {}).get("body_id")) if b}
        for body_id in bodies:
            meeting = sitting_meeting(body_id)
            if meeting is not None:
                raise Refused(
                    E.COMPOSITION_LOCKED, meeting=josa(str(meeting), "이/가"), state=meeting.get_state_display()
                )
        from .meetings import Meeting

        held = Meeting.objects.filter(body_id__in=bodies, state__in=HELD_STATES).only("scheduled_at", "body", "number")
        for meeting in held.select_related("body").order_by("scheduled_at"):
            day = meeting.meeting_date
            was = _sits(before, meeting.body_id, day)
            will = _sits(after, meeting.body_id, day)
            if was != will:
                raise Refused(E.HELD_MEETING_SEAT, meeting=str(meeting), day=format_date(day))

    def held_meeting(self):
        """The first meeting already held (or sitting) on a date this seat covers, if any."""
        from .meetings import Meeting

        seat = self._seat()
        held = Meeting.objects.filter(body_id=self.body_id, state__in=HELD_STATES).order_by("scheduled_at")
        return next((m for m in held if _sits(seat, m.body_id, m.meeting_date) is not None), None)

    def save(self, *args, **kwargs):
        with transaction.atomic():
            self.check_composition_change()
            created = self.pk is None
            before = None if created else Membership.objects.filter(pk=self.pk).values(*self.SEAT_FIELDS).first()
            super().save(*args, **kwargs)
            after = self._seat()
            if created or before != after:
                changed = (
                    after
                    if created
                    else {f: {"before": before[f], "after": after[f]} for f in after if before[f] != after[f]}
                )
                record_composition_event(
                    self,
                    "created" if created else "changed",
                    f"{self.body.name} 위원 {'위촉·지정' if created else '변경'}: {self._label()}",
                    changed,
                    _seat_clauses(self),
                )

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            self.check_composition_change(deleting=True)
            record_composition_event(
                self, "deleted", f"{self.body.name} 위원 해촉: {self._label()}", self._seat(), _seat_clauses(self)
            )
            return super().delete(*args, **kwargs)

    def _label(self) -> str:
        return self.position.title if self.position_id else (self.user.name if self.user_id else "—")

    @property
    def is_voting(self) -> bool:
        return self.basis != MembershipBasis.ADVISER

    def is_active_on(self, on: dt.date) -> bool:
        """The seat's term covers the date (as ``MembershipQuerySet.active_on``)."""
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)

    def member_on(self, on: dt.date | None = None) -> User | None:
        """Who sits in this seat on a date."""
        return seat_holders([self], on)[self.pk]

    def holder_label(self, on: dt.date | None = None) -> str:
        if self.position_id:
            person = self.member_on(on)
            return f"{self.position.title}" + (f" ({person.name})" if person else " (공석)")
        return self.user.name if self.user_id else "—"


def _sits(seat: dict | None, body_id: int, day: dt.date) -> tuple | None:
    """Who a seat (as its field values) puts on the body on ``day``, or None when it covers no such seat."""
    if seat is None or seat["body_id"] != body_id or seat["start_date"] > day:
        return None
    if seat["end_date"] is not None and seat["end_date"] < day:
        return None
    return (seat["basis"], seat["position_id"], seat["user_id"], seat["is_chair"])


def _seat_clauses(seat: Membership) -> tuple[str, ...]:
    if seat.body.kind == BodyKind.COUNCIL:
        return ("a5.2",)
    if seat.body.kind == BodyKind.COMMITTEE:
        return {
            MembershipBasis.EX_OFFICIO: ("a4.3.1",),
            MembershipBasis.DESIGNATED: ("a4.3.2",),
            MembershipBasis.ADVISER: ("a4.4",),
        }.get(seat.basis, ("a4.3",))
    return ()


def position_holders(position_ids, on: dt.date | None = None) -> dict[int, User]:
    """Who exercises each position on a date: the acting holder (a4.7) during an acting period, else the holder.

    The positions' assignments of every date are read once per request (ten at most per position at scale): a
    work list asks about each meeting on its own date, which was a query per meeting.
    """
    on = on or timezone.localdate()
    holders: dict[int, User] = {}
    for position_id, assignments in _assignments_of(set(position_ids)).items():
        for assignment in assignments:
            if assignment.is_active_on(on):
                holders.setdefault(position_id, assignment.user)
                break
    return holders


def _assignments_of(position_ids: set[int]) -> dict[int, list]:
    """{position: its assignments, acting ones first, then the latest start first}, kept for the request."""
    from itms.accounts.models import Assignment, AssignmentKind

    known = per_request(POSITION_ASSIGNMENTS, dict)
    missing = position_ids - known.keys()
    if missing:
        rows = Assignment.objects.filter(position_id__in=missing).select_related("user").order_by("-start_date", "pk")
        for position_id in missing:
            known[position_id] = []
        for assignment in sorted(rows, key=lambda a: a.kind != AssignmentKind.ACTING):
            known[assignment.position_id].append(assignment)
    return {position_id: known[position_id] for position_id in position_ids}


POSITION_ASSIGNMENTS = "governance.position_assignments"


@receiver([post_save, post_delete], sender="accounts.Assignment")
def _forget_position_assignments(**kwargs) -> None:
    """An assignment made, changed or ended in this request (e.g. an acting chair named, a4.7): read them again."""
    forget_per_request(POSITION_ASSIGNMENTS)


def seat_holders(memberships, on: dt.date | None = None) -> dict[int, User | None]:
    """Who sits in each seat on a date, in one query for any number of seats (no N+1)."""
    memberships = list(memberships)
    by_position = position_holders({m.position_id for m in memberships if m.position_id}, on)
    return {m.pk: (m.user if m.user_id else by_position.get(m.position_id)) for m in memberships}

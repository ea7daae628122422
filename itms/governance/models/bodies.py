"""Bodies (위원회·협의회) and their members, by position or by person, with terms."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from itms.accounts.models import Position, User
from itms.core.models import PrimaryModel
from itms.core.querysets import RestrictedQuerySet

from ..choices import BodyKind, MembershipBasis

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


def _member_of_body(user, units):
    return Q(pk__in=Membership.objects.filter(user=user).values("body_id"))


class Body(PrimaryModel):
    restrict_scopes = {"member": lambda user, units: _member_of_body(user, units)}

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

    def clean(self) -> None:
        if self.kind in (BodyKind.COMMITTEE, BodyKind.COUNCIL) and not self.chair_position_id:
            raise ValidationError(
                {"chair_position": _("위원회와 실무협의회의 위원장은 직위로 정합니다 (제4조제1항, 제5조제2항).")}
            )
        if self.kind == BodyKind.COUNCIL and self.parent_id and self.parent.kind != BodyKind.COMMITTEE:
            raise ValidationError({"parent": _("실무협의회는 정보화추진위원회에 둡니다 (제5조제1항).")})

    def chair_on(self, on: dt.date | None = None) -> User | None:
        """The person chairing on a date: the holder of the chair position (acting holders first)."""
        on = on or timezone.localdate()
        cache = self.__dict__.setdefault("_chair_cache", {})  # asked many times per page (who may do what)
        if on not in cache:
            if self.chair_position_id is None:
                chair = self.memberships.active_on(on).filter(is_chair=True).select_related("user").first()
                cache[on] = chair.user if chair else None
            else:
                cache[on] = position_holders({self.chair_position_id}, on).get(self.chair_position_id)
        return cache[on]


class MembershipQuerySet(RestrictedQuerySet):
    def active_on(self, on: dt.date | None = None) -> MembershipQuerySet:
        on = on or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=on), start_date__lte=on)

    def voting(self) -> MembershipQuerySet:
        return self.exclude(basis=MembershipBasis.ADVISER)


class Membership(PrimaryModel):
    """A seat on a body: by position (당연직, the seat follows the position) or by person, with a term."""

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

    def clean(self) -> None:
        errors = {}
        if self.basis == MembershipBasis.EX_OFFICIO:
            if not self.position_id or self.user_id:
                errors["position"] = _("당연직 위원은 직위로만 정합니다 (사람이 바뀌면 위원도 바뀝니다).")
        elif self.basis == MembershipBasis.DESIGNATED:
            if bool(self.position_id) == bool(self.user_id):
                errors["position"] = _("지정 위원은 직위(부서장 등) 또는 사람 중 하나로 정합니다.")
        elif not self.user_id or self.position_id:
            errors["user"] = _("외부 위원과 자문위원은 사람으로 정합니다.")
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("임기 종료일은 시작일보다 빠를 수 없습니다.")
        if self.user_id and self.is_external and self.user.kind == "staff" and self.basis == MembershipBasis.EXTERNAL:
            errors["is_external"] = _("기관 직원은 외부 위원이 될 수 없습니다.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_voting(self) -> bool:
        return self.basis != MembershipBasis.ADVISER

    def member_on(self, on: dt.date | None = None) -> User | None:
        """Who sits in this seat on a date."""
        return seat_holders([self], on)[self.pk]

    def holder_label(self, on: dt.date | None = None) -> str:
        if self.position_id:
            person = self.member_on(on)
            return f"{self.position.title}" + (f" ({person.name})" if person else " (공석)")
        return self.user.name if self.user_id else "—"


def position_holders(position_ids, on: dt.date | None = None) -> dict[int, User]:
    """Who exercises each position on a date: the acting holder (a4.7) during an acting period, else the holder."""
    from itms.accounts.models import Assignment, AssignmentKind

    holders: dict[int, User] = {}
    assignments = (
        Assignment.objects.active_on(on or timezone.localdate())
        .filter(position_id__in=set(position_ids))
        .select_related("user")
    )
    for assignment in sorted(assignments, key=lambda a: a.kind != AssignmentKind.ACTING):
        holders.setdefault(assignment.position_id, assignment.user)
    return holders


def seat_holders(memberships, on: dt.date | None = None) -> dict[int, User | None]:
    """Who sits in each seat on a date, in one query for any number of seats (no N+1)."""
    memberships = list(memberships)
    by_position = position_holders({m.position_id for m in memberships if m.position_id}, on)
    return {m.pk: (m.user if m.user_id else by_position.get(m.position_id)) for m in memberships}

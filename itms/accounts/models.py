"""Who is who, on which date: 기관, 부서, 직위, users, assignments and role bindings."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from itms.core.models import PrimaryModel
from itms.core.querysets import RestrictedQuerySet

from .roles import BOUND_ROLES, Role
from .validators import validate_business_number


class OrganizationKind(models.TextChoices):
    HEADQUARTERS = "headquarters", _("본청")
    AFFILIATE = "affiliate", _("소속기관")
    PUBLIC_INSTITUTION = "public_institution", _("산하기관")


class Organization(PrimaryModel):
    """기관: 관세청 본청, 소속기관, 「관세법」에 설립근거를 둔 산하기관 (a2.0.8)."""

    name = models.CharField(_("기관명"), max_length=100, unique=True)
    short_name = models.CharField(_("약칭"), max_length=50, blank=True)
    kind = models.CharField(_("기관 구분"), max_length=20, choices=OrganizationKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("상위 기관"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    code = models.CharField(_("기관코드"), max_length=20, unique=True)
    sort_order = models.PositiveIntegerField(_("정렬순서"), default=0)
    is_active = models.BooleanField(_("사용"), default=True)

    class Meta:
        verbose_name = _("기관")
        verbose_name_plural = _("기관")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.kind == OrganizationKind.HEADQUARTERS and self.parent_id:
            raise ValidationError({"parent": _("본청은 상위 기관을 가질 수 없습니다.")})
        if self.kind != OrganizationKind.HEADQUARTERS and not self.parent_id:
            raise ValidationError({"parent": _("소속기관과 산하기관은 상위 기관을 지정해야 합니다.")})
        _refuse_cycle(self, "parent", _("상위 기관"))


class OrgUnitKind(models.TextChoices):
    BUREAU = "bureau", _("국")
    OFFICE = "office", _("관·실")
    DIVISION = "division", _("과")
    TEAM = "team", _("팀")
    OFFICER = "officer", _("담당관")


class OrgUnit(PrimaryModel):
    """부서. 정보화부서 (a2.0.9) and 예산부서 (a4.3.2) are flags; any unit can sponsor a project (a2.0.8)."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("기관"), on_delete=models.PROTECT, related_name="units"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("상위 부서"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = models.CharField(_("부서명"), max_length=100)
    kind = models.CharField(_("부서 구분"), max_length=20, choices=OrgUnitKind.choices)
    code = models.CharField(_("부서코드"), max_length=20, unique=True)
    is_it_department = models.BooleanField(
        _("정보화부서"), default=False, help_text=_("제2조제9호의 정보화부서 (관리자가 지정)")
    )
    is_budget_department = models.BooleanField(
        _("예산부서"), default=False, help_text=_("예산업무 소관 부서 (제4조제3항제2호)")
    )
    sort_order = models.PositiveIntegerField(_("정렬순서"), default=0)
    is_active = models.BooleanField(_("사용"), default=True)

    class Meta:
        verbose_name = _("부서")
        verbose_name_plural = _("부서")
        ordering = ["organization__sort_order", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "parent", "name"], name="orgunit_unique_name_in_parent")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def full_name(self) -> str:
        names = [self.name]
        unit = self.parent
        while unit is not None:
            names.append(unit.name)
            unit = unit.parent
        return " ".join([self.organization.name, *reversed(names)])

    def clean(self) -> None:
        if self.parent_id and self.parent.organization_id != self.organization_id:
            raise ValidationError({"parent": _("상위 부서는 같은 기관의 부서여야 합니다.")})
        _refuse_cycle(self, "parent", _("상위 부서"))


class Grade(models.TextChoices):
    SENIOR_EXECUTIVE = "senior_executive", _("고위공무원")
    GRADE_3 = "grade_3", _("3급(부이사관)")
    GRADE_4 = "grade_4", _("4급(서기관)")
    GRADE_5 = "grade_5", _("5급(사무관)")
    GRADE_6 = "grade_6", _("6급(주무관)")
    GRADE_7 = "grade_7", _("7급(주무관)")
    GRADE_8 = "grade_8", _("8급(주무관)")
    GRADE_9 = "grade_9", _("9급(주무관)")
    SPECIALIST = "specialist", _("임기제·전문경력관")
    PUBLIC_INSTITUTION = "public_institution", _("산하기관 직원")


class Position(PrimaryModel):
    """직위: a seat in a unit. Roles bind here, not to people."""

    unit = models.ForeignKey(OrgUnit, verbose_name=_("부서"), on_delete=models.PROTECT, related_name="positions")
    title = models.CharField(_("직위명"), max_length=100)
    grade = models.CharField(_("직급"), max_length=30, choices=Grade.choices)
    is_head = models.BooleanField(_("부서장 직위"), default=False)
    sort_order = models.PositiveIntegerField(_("정렬순서"), default=0)
    is_active = models.BooleanField(_("사용"), default=True)

    class Meta:
        verbose_name = _("직위")
        verbose_name_plural = _("직위")
        ordering = ["unit__sort_order", "sort_order", "title"]
        constraints = [
            models.UniqueConstraint(fields=["unit"], condition=Q(is_head=True), name="position_one_head_per_unit")
        ]

    def __str__(self) -> str:
        # "정보기획담당관", not "정보기획담당관 정보기획담당관": a head's title often is the unit's name.
        return self.title if self.title.startswith(self.unit.name) else f"{self.unit.name} {self.title}"


class Company(PrimaryModel):
    """사업수행업체: vendor staff belong to one (a17.3)."""

    restrict_scopes = {"own_company": lambda user, units: Q(pk=user.company_id)}

    name = models.CharField(_("업체명"), max_length=100)
    business_number = models.CharField(
        _("사업자등록번호"),
        max_length=12,
        unique=True,
        validators=[validate_business_number],
        help_text=_("123-45-67890 형식"),
    )
    representative = models.CharField(_("대표자"), max_length=50, blank=True)
    phone = models.CharField(_("전화번호"), max_length=30, blank=True)
    address = models.CharField(_("주소"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("업체")
        verbose_name_plural = _("업체")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UserKind(models.TextChoices):
    STAFF = "staff", _("직원")
    VENDOR = "vendor", _("업체 직원")
    EXPERT = "expert", _("외부 전문가")


class ItmsUserManager(UserManager.from_queryset(RestrictedQuerySet)):
    pass


def _manageable(actor) -> Q:
    from .privileges import manageable_condition

    return manageable_condition(actor)


class User(AbstractUser):
    """A person who logs in. What they may do follows from their positions, not from this row."""

    first_name = None
    last_name = None
    name = models.CharField(_("성명"), max_length=50)
    kind = models.CharField(_("사용자 구분"), max_length=10, choices=UserKind.choices, default=UserKind.STAFF)
    company = models.ForeignKey(
        Company, verbose_name=_("소속 업체"), null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    employee_number = models.CharField(_("직원번호"), max_length=20, blank=True)
    phone = models.CharField(_("전화번호"), max_length=30, blank=True)
    expertise = models.CharField(_("전문분야"), max_length=200, blank=True)
    affiliation = models.CharField(_("소속(외부)"), max_length=100, blank=True, help_text=_("외부 전문가의 소속"))
    created_at = models.DateTimeField(_("등록일시"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정일시"), auto_now=True)

    objects = ItmsUserManager()

    REQUIRED_FIELDS = ["email", "name"]
    restrict_scopes = {
        "self": lambda user, units: Q(pk=user.pk),
        "own_company": lambda user, units: Q(company_id=user.company_id) if user.company_id else Q(pk=user.pk),
        "manageable": lambda user, units: _manageable(user),
    }

    class Meta:
        verbose_name = _("사용자")
        verbose_name_plural = _("사용자")
        ordering = ["name", "username"]

    def __str__(self) -> str:
        return f"{self.name} ({self.username})" if self.name else self.username

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("accounts:user_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        super().clean()
        if self.kind == UserKind.VENDOR and not self.company_id:
            raise ValidationError({"company": _("업체 직원은 소속 업체를 지정해야 합니다.")})
        if self.kind != UserKind.VENDOR and self.company_id:
            raise ValidationError({"company": _("업체 직원만 소속 업체를 가질 수 있습니다.")})

    @property
    def is_vendor(self) -> bool:
        return self.kind == UserKind.VENDOR

    @property
    def is_expert(self) -> bool:
        return self.kind == UserKind.EXPERT


class AssignmentQuerySet(RestrictedQuerySet):
    def active_on(self, on: dt.date | None = None) -> AssignmentQuerySet:
        on = on or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=on), start_date__lte=on)


class AssignmentKind(models.TextChoices):
    REGULAR = "regular", _("보직")
    CONCURRENT = "concurrent", _("겸직")
    ACTING = "acting", _("직무대행")


class Assignment(PrimaryModel):
    """A user holds a position from a date to a date; 직무대행 (a4.7) is an assignment of kind acting."""

    user = models.ForeignKey(User, verbose_name=_("사용자"), on_delete=models.PROTECT, related_name="assignments")
    position = models.ForeignKey(Position, verbose_name=_("직위"), on_delete=models.PROTECT, related_name="assignments")
    kind = models.CharField(_("구분"), max_length=20, choices=AssignmentKind.choices, default=AssignmentKind.REGULAR)
    start_date = models.DateField(_("시작일"))
    end_date = models.DateField(_("종료일"), null=True, blank=True)
    reason = models.CharField(_("사유"), max_length=200, blank=True, help_text=_("직무대행의 사유 (제4조제7항)"))

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("보직")
        verbose_name_plural = _("보직")
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["start_date"], name="assignment_start_date")]  # the list's order

    def __str__(self) -> str:
        return f"{self.user.name} — {self.position} ({self.get_kind_display()})"

    def clean(self) -> None:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("종료일은 시작일보다 빠를 수 없습니다.")})
        if self.kind == AssignmentKind.ACTING:
            if not self.end_date:
                raise ValidationError({"end_date": _("직무대행은 종료일을 정해야 합니다 (제4조제7항).")})
            if not self.reason:
                raise ValidationError({"reason": _("직무대행의 사유를 입력하십시오 (제4조제7항).")})
        if self.user_id and self.user.kind != UserKind.STAFF:
            raise ValidationError({"user": _("직위는 직원에게만 부여할 수 있습니다.")})
        if self.position_id and self.start_date and self.kind == AssignmentKind.REGULAR:
            overlapping = (
                Assignment.objects.filter(position_id=self.position_id, kind=AssignmentKind.REGULAR)
                .exclude(pk=self.pk)
                .filter(Q(end_date__isnull=True) | Q(end_date__gte=self.start_date))
            )
            if self.end_date:
                overlapping = overlapping.filter(start_date__lte=self.end_date)
            if overlapping.exists():
                raise ValidationError(
                    {"start_date": _("같은 기간에 이 직위에 이미 보직된 사람이 있습니다. 먼저 종료일을 입력하십시오.")}
                )

    def is_active_on(self, on: dt.date) -> bool:
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


class RoleBindingQuerySet(RestrictedQuerySet):
    def active_on(self, on: dt.date | None = None) -> RoleBindingQuerySet:
        on = on or timezone.localdate()
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=on), Q(end_date__isnull=True) | Q(end_date__gte=on)
        )


class RoleBinding(PrimaryModel):
    """Binds a role to a position (a3.2 CIO ← 정보데이터정책관, a2.0.15 정보보안담당관 ← 시스템운영팀장 …).

    Dated, so that "who held role R on date D" stays answerable after a reorganisation moves the role.
    """

    role = models.CharField(_("역할"), max_length=40, choices=[(r.value, r.label) for r in BOUND_ROLES])
    position = models.ForeignKey(
        Position, verbose_name=_("직위"), on_delete=models.PROTECT, related_name="role_bindings"
    )
    scope_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("담당 범위 부서"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("정보자산 담당자처럼 범위가 있는 역할의 담당 부서 (비우면 직위의 부서)"),
    )
    start_date = models.DateField(_("시작일"), null=True, blank=True, help_text=_("비우면 처음부터"))
    end_date = models.DateField(_("종료일"), null=True, blank=True, help_text=_("비우면 계속"))
    note = models.CharField(_("비고"), max_length=200, blank=True)

    objects = RoleBindingQuerySet.as_manager()

    class Meta:
        verbose_name = _("역할 지정")
        verbose_name_plural = _("역할 지정")
        ordering = ["role", "position__unit__sort_order"]
        constraints = [models.UniqueConstraint(fields=["role", "position"], name="rolebinding_unique")]

    def __str__(self) -> str:
        return f"{Role(self.role).label} ← {self.position}"

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("종료일은 시작일보다 빠를 수 없습니다.")})


def _refuse_cycle(instance: models.Model, field: str, label) -> None:
    seen = {instance.pk}
    node = getattr(instance, field)
    while node is not None:
        if node.pk in seen:
            raise ValidationError({field: _("%(label)s 지정이 순환됩니다.") % {"label": label}})
        seen.add(node.pk)
        node = getattr(node, field)

"""정보화사업 (a2.0.12): the spine every chapter attaches to."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from itms.accounts.models import Organization, OrgUnit, User, UserKind
from itms.core.fields import MoneyField
from itms.core.models import PrimaryModel
from itms.core.querysets import RestrictedQuerySet

from .choices import FundingSource, ParticipantRole, ProjectKind, ProjectStage


def _own_unit(user, units):
    co_performed = Project.co_units.through.objects.filter(orgunit_id__in=units).values("project_id")
    return Q(sponsor_unit_id__in=units) | Q(pk__in=co_performed)


def _assigned(user, units):
    return Q(pk__in=ProjectParticipant.objects.active_on().filter(user=user).values("project_id"))


class Project(PrimaryModel):
    name = models.CharField(_("사업명"), max_length=200)
    code = models.CharField(_("사업코드"), max_length=30, unique=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("추진기관"), on_delete=models.PROTECT, related_name="projects"
    )
    sponsor_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("사업추진부서"), on_delete=models.PROTECT, related_name="sponsored_projects"
    )
    co_units = models.ManyToManyField(
        OrgUnit, verbose_name=_("공동수행부서"), blank=True, related_name="co_performed_projects"
    )
    kind = models.CharField(_("사업유형"), max_length=20, choices=ProjectKind.choices)
    start_year = models.PositiveSmallIntegerField(_("사업 시작연도"))
    end_year = models.PositiveSmallIntegerField(_("사업 종료연도"))
    total_budget = MoneyField(_("총사업비"), default=0)
    funding = models.CharField(_("재원"), max_length=20, choices=FundingSource.choices, default=FundingSource.OWN)
    funding_body = models.CharField(_("예산 부담기관"), max_length=100, blank=True)
    is_new_technology = models.BooleanField(
        _("신기술 활용"), default=False, help_text=_("인공지능 등 신기술을 활용하는 사업 (제7조)")
    )
    stage = models.CharField(_("단계"), max_length=20, choices=ProjectStage.choices, default=ProjectStage.IDEA)
    summary = models.TextField(_("사업 개요"), blank=True)
    related_systems = models.ManyToManyField(
        "resources.InformationSystem",
        verbose_name=_("관련 정보시스템"),
        blank=True,
        related_name="projects",
        help_text=_("신규 개발·변경 시 영향도 검토 대상 (제8조제4항)"),
    )
    strategic_tasks = models.ManyToManyField(
        "planning.StrategicTask",
        verbose_name=_("연계 전략과제"),
        blank=True,
        related_name="projects",
    )
    preceded_by = models.ManyToManyField(
        "self",
        verbose_name=_("선행 사업 (연구·ISP·BPR·시범·PoC)"),
        blank=True,
        symmetrical=False,
        related_name="followed_by",
        help_text=_("신기술 사업의 선행 검증 (제7조), 10억원 이상 구축사업의 BPR·ISP (제8조제6항제4호)"),
    )

    restrict_scopes = {"own_unit": _own_unit, "assigned": _assigned}

    class Meta:
        verbose_name = _("정보화사업")
        verbose_name_plural = _("정보화사업")
        ordering = ["-start_year", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors["end_year"] = _("사업 종료연도는 시작연도보다 빠를 수 없습니다.")
        if self.funding == FundingSource.OTHER_BODY and not self.funding_body:
            errors["funding_body"] = _("다른 기관 예산으로 추진하는 사업은 예산 부담기관을 입력하십시오 (제2조제12호).")
        if self.sponsor_unit_id and self.organization_id and self.sponsor_unit.organization_id != self.organization_id:
            errors["sponsor_unit"] = _("사업추진부서는 추진기관의 부서여야 합니다.")
        if errors:
            raise ValidationError(errors)


class ParticipantQuerySet(RestrictedQuerySet):
    def active_on(self, on: dt.date | None = None) -> ParticipantQuerySet:
        on = on or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=on), start_date__lte=on)


class ProjectParticipant(PrimaryModel):
    """A vendor's staff member or an external expert assigned to a project: what they may see (a17.3)."""

    project = models.ForeignKey(
        Project, verbose_name=_("정보화사업"), on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        User, verbose_name=_("참여자"), on_delete=models.PROTECT, related_name="project_participations"
    )
    role = models.CharField(_("참여 역할"), max_length=20, choices=ParticipantRole.choices)
    start_date = models.DateField(_("참여 시작일"))
    end_date = models.DateField(_("참여 종료일"), null=True, blank=True)

    objects = ParticipantQuerySet.as_manager()
    restrict_scopes = {
        "own_unit": lambda user, units: Q(project__in=Project.objects.filter(_own_unit(user, units)).values("pk")),
        "self": lambda user, units: Q(user=user),
    }

    class Meta:
        verbose_name = _("사업 참여자")
        verbose_name_plural = _("사업 참여자")
        ordering = ["project", "role", "user__name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "user", "role", "start_date"], name="participant_unique")
        ]

    def __str__(self) -> str:
        return f"{self.project} — {self.user.name} ({self.get_role_display()})"

    def clean(self) -> None:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("참여 종료일은 시작일보다 빠를 수 없습니다.")})
        vendor_roles = {ParticipantRole.VENDOR_MANAGER, ParticipantRole.VENDOR_STAFF, ParticipantRole.AUDITOR}
        if self.user_id:
            if self.role in vendor_roles and self.user.kind != UserKind.VENDOR:
                raise ValidationError({"user": _("업체 역할에는 업체 직원만 지정할 수 있습니다.")})
            if self.role not in vendor_roles and self.user.kind != UserKind.EXPERT:
                raise ValidationError({"user": _("자문·평가 역할에는 외부 전문가만 지정할 수 있습니다.")})


class BudgetLine(PrimaryModel):
    """One year of a project's budget; the simple HW/SW purchase share is kept apart (감리 대상 산정)."""

    project = models.ForeignKey(
        Project, verbose_name=_("정보화사업"), on_delete=models.CASCADE, related_name="budget_lines"
    )
    year = models.PositiveSmallIntegerField(_("연도"))
    amount = MoneyField(_("예산"))
    hw_sw_purchase = MoneyField(_("단순 HW·SW 구매비"), default=0)

    restrict_scopes = {
        "own_unit": lambda user, units: Q(project__in=Project.objects.filter(_own_unit(user, units)).values("pk")),
    }

    class Meta:
        verbose_name = _("연도별 예산")
        verbose_name_plural = _("연도별 예산")
        ordering = ["project", "year"]
        constraints = [models.UniqueConstraint(fields=["project", "year"], name="budget_line_once_per_year")]

    def __str__(self) -> str:
        return f"{self.project} {self.year}년"

    def clean(self) -> None:
        errors = {}
        if self.project_id and self.year and not self.project.start_year <= self.year <= self.project.end_year:
            errors["year"] = _("사업기간(%(start)s~%(end)s) 안의 연도여야 합니다.") % {
                "start": self.project.start_year,
                "end": self.project.end_year,
            }
        if self.hw_sw_purchase is not None and self.amount is not None and self.hw_sw_purchase > self.amount:
            errors["hw_sw_purchase"] = _("단순 구매비는 그 해 예산보다 클 수 없습니다.")
        if errors:
            raise ValidationError(errors)

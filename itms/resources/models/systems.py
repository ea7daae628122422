"""The register of information systems (a2.0.1, a24) and their functions — what reviews read.

Systems, their operating IT department (a24.1), subsystems developed by 소속·산하기관 with their operation and
security policy (a24.4), interfaces and functions (the material of the duplication review, a8.2, a8.6.2, a9.2).
The hardware and software they are built of are in ``assets.py``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from itms.accounts.models import Organization, OrganizationKind, OrgUnit, User
from itms.core.fields import MoneyField
from itms.core.korean import josa
from itms.core.models import PrimaryModel


class SystemStatus(models.TextChoices):
    PLANNED = "planned", _("구축 예정")
    BUILDING = "building", _("구축 중")
    OPERATING = "operating", _("운영")
    RETIRED = "retired", _("폐기")


class SystemGrade(models.TextChoices):
    GRADE_1 = "1", _("1등급")
    GRADE_2 = "2", _("2등급")
    GRADE_3 = "3", _("3등급")
    GRADE_4 = "4", _("4등급")


class InformationSystem(PrimaryModel):
    restrict_scopes = {"own_unit": lambda user, units: models.Q(operating_unit_id__in=units)}

    name = models.CharField(_("시스템명"), max_length=200)
    code = models.CharField(_("시스템 코드"), max_length=30, unique=True)
    purpose = models.TextField(_("목적·기능 개요"))
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("소유 기관"),
        on_delete=models.PROTECT,
        related_name="systems",
        help_text=_("소속·산하기관의 서브시스템도 등록합니다 (제24조제4항)"),
    )
    operating_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("운영 부서"),
        on_delete=models.PROTECT,
        related_name="operated_systems",
        help_text=_("정보화부서여야 합니다 (제24조제1항)"),
    )
    officer = models.ForeignKey(
        User, verbose_name=_("담당자"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("상위 시스템"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subsystems",
    )
    brm_class = models.CharField(_("업무 분류(BRM)"), max_length=100, blank=True)
    service_start = models.DateField(_("서비스 개시일"), null=True, blank=True)
    status = models.CharField(_("상태"), max_length=20, choices=SystemStatus.choices, default=SystemStatus.OPERATING)
    is_public = models.BooleanField(_("대국민 서비스"), default=False)
    grade = models.CharField(_("등급"), max_length=2, choices=SystemGrade.choices, blank=True)
    has_personal_data = models.BooleanField(_("개인정보 처리"), default=False)
    build_cost = MoneyField(_("구축비"), null=True, blank=True)
    annual_om_cost = MoneyField(_("연간 운영·유지관리비"), null=True, blank=True)
    # a24.4: a subsystem a 소속·산하기관 developed itself; the IT department sets its operation and security policy.
    developed_by_affiliate = models.BooleanField(
        _("소속·산하기관 자체 개발"),
        default=False,
        help_text=_("소속·산하기관이 자체 개발한 서브시스템 (제24조제4항): 운영·보안 정책을 함께 등록합니다"),
    )
    operation_policy = models.TextField(_("운영 정책"), blank=True)
    security_policy = models.TextField(_("보안 정책"), blank=True)
    policy_established_on = models.DateField(_("정책 수립일"), null=True, blank=True)
    related = models.ManyToManyField(
        "self",
        through="SystemInterface",
        symmetrical=False,
        blank=True,
        related_name="+",
        verbose_name=_("연계 시스템"),
    )

    class Meta:
        verbose_name = _("정보시스템")
        verbose_name_plural = _("정보시스템")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.operating_unit_id and not self.operating_unit.is_it_department:
            errors["operating_unit"] = _("정보시스템은 정보화부서가 운영합니다 (제24조제1항, 제2조제9호).")
        if self.parent_id and self.parent_id == self.pk:
            errors["parent"] = _("자기 자신을 상위 시스템으로 정할 수 없습니다.")
        if self.developed_by_affiliate:
            if self.organization_id and self.organization.kind == OrganizationKind.HEADQUARTERS:
                errors["organization"] = _(
                    "소속·산하기관의 서브시스템은 그 기관을 소유 기관으로 등록합니다 (제24조제4항)."
                )
            if not self.parent_id:
                errors["parent"] = _("서브시스템은 상위 시스템을 정해야 합니다 (제24조제4항).")
            for field in ("operation_policy", "security_policy"):
                if not (getattr(self, field) or "").strip():
                    label = self._meta.get_field(field).verbose_name
                    errors[field] = _("소속·산하기관 서브시스템은 %(what)s 등록해야 합니다 (제24조제4항).") % {
                        "what": josa(str(label), "을/를")
                    }
        if errors:
            raise ValidationError(errors)


class SystemFunction(PrimaryModel):
    restrict_scopes = {"own_unit": lambda user, units: models.Q(system__operating_unit_id__in=units)}

    system = models.ForeignKey(
        InformationSystem, verbose_name=_("정보시스템"), on_delete=models.CASCADE, related_name="functions"
    )
    name = models.CharField(_("기능명"), max_length=200)
    description = models.TextField(_("기능 설명"), blank=True)

    class Meta:
        verbose_name = _("시스템 기능")
        verbose_name_plural = _("시스템 기능")
        ordering = ["system", "name"]
        constraints = [models.UniqueConstraint(fields=["system", "name"], name="function_unique_in_system")]

    def __str__(self) -> str:
        return f"{self.system.name} › {self.name}"


class SystemInterface(PrimaryModel):
    restrict_scopes = {"own_unit": lambda user, units: models.Q(source__operating_unit_id__in=units)}

    source = models.ForeignKey(
        InformationSystem, verbose_name=_("보내는 시스템"), on_delete=models.CASCADE, related_name="outgoing"
    )
    target = models.ForeignKey(
        InformationSystem, verbose_name=_("받는 시스템"), on_delete=models.CASCADE, related_name="incoming"
    )
    data = models.CharField(_("연계 정보"), max_length=200)

    class Meta:
        verbose_name = _("시스템 연계")
        verbose_name_plural = _("시스템 연계")
        ordering = ["source", "target"]
        constraints = [models.UniqueConstraint(fields=["source", "target", "data"], name="interface_unique")]

    def __str__(self) -> str:
        return f"{self.source.name} → {self.target.name} ({self.data})"

    def clean(self) -> None:
        if self.source_id and self.source_id == self.target_id:
            raise ValidationError({"target": _("같은 시스템끼리는 연계로 등록하지 않습니다.")})

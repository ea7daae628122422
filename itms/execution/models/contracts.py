"""계약 (a17.1–a17.3): the contract a project is carried out under, and its versions (a13.3, SW진흥법 §50)."""

from __future__ import annotations

import calendar
import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from itms.accounts.models import Company, OrgUnit
from itms.core.fields import MoneyField
from itms.core.models import PrimaryModel
from itms.core.uploads import DOCUMENTS
from itms.projects.models import Project

from ..choices import ContractState
from .scopes import project_scopes

DEFAULT_FILE_TYPES = "pdf,hwpx,hwp,docx,xlsx,pptx"


def rule_value(key: str, on: dt.date | None = None):
    """A parameter's value on ``on`` — or, for a date before the first rule pack in the system, today's."""
    from itms.regulation.rules import RuleNotFound, param

    try:
        return param(key, on).value
    except RuleNotFound:
        return param(key).value


def add_months(day: dt.date, months: int) -> dt.date:
    """The last day of a period of ``months`` starting on ``day`` (민법 제160조: the day before the corresponding date)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last)) - dt.timedelta(days=1)


def months_between(start: dt.date, end: dt.date) -> int:
    """The period's length in months, a started month counted (2026. 1. 1.~12. 31. = 12; 2. 2.~6. 1. = 4)."""
    months = 0
    while add_months(start, months) < end:
        months += 1
    return months


def longer_than(start: dt.date, end: dt.date, months: int) -> bool:
    return end > add_months(start, months)


def shorter_than(start: dt.date, end: dt.date, months: int) -> bool:
    return end < add_months(start, months)


class Contract(PrimaryModel):
    project = models.ForeignKey(
        Project, verbose_name=_("정보화사업"), on_delete=models.PROTECT, related_name="contracts"
    )
    number = models.CharField(_("계약번호"), max_length=40, unique=True)
    title = models.CharField(_("계약명"), max_length=200)
    company = models.ForeignKey(
        Company, verbose_name=_("사업수행업체"), on_delete=models.PROTECT, related_name="execution_contracts"
    )
    amount = MoneyField(_("계약금액"))
    signed_on = models.DateField(_("계약일"))
    start_date = models.DateField(_("계약 시작일"))
    end_date = models.DateField(_("계약 종료일 (완료 예정일)"))
    is_multi_year = models.BooleanField(
        _("장기계속계약"),
        default=False,
        help_text=_("사업기간이 1년을 넘으면 장기계속계약으로 합니다 (소프트웨어 진흥법 제45조제2항)."),
    )
    defect_liability_months = models.PositiveSmallIntegerField(
        _("하자담보 기간(개월)"), default=12, help_text=_("최종 산출물 인도일부터 (소프트웨어 진흥법 제60조: 1년)")
    )
    allowed_file_types = models.CharField(
        _("산출물 파일 형식"),
        max_length=100,
        default=DEFAULT_FILE_TYPES,
        help_text=_("쉼표로 구분 (pdf, hwpx, hwp, docx, xlsx, pptx, png, jpg)"),
    )
    it_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("인수 정보화부서"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("인수테스트를 함께 하고 시스템을 인수하여 운영할 정보화부서 (제20조제3항, 제23조제1항)"),
    )
    operation_plan = models.TextField(
        _("시스템 운영방안"), blank=True, help_text=_("구축용역 완료 전에 수립 (제23조제1항)")
    )
    rollout_plan = models.TextField(_("단계적 적용계획"), blank=True, help_text=_("제23조제3항"))
    rules_to_amend = models.TextField(_("제정·개정할 관련 규정"), blank=True, help_text=_("제23조제3항"))
    version = models.PositiveSmallIntegerField(_("계약 판"), default=1, editable=False)
    state = models.CharField(
        _("상태"), max_length=30, choices=ContractState.choices, default=ContractState.IN_PROGRESS, editable=False
    )
    completion_notified_on = models.DateField(_("완료계 접수일"), null=True, blank=True, editable=False)
    inspected_on = models.DateField(_("검사 완료일"), null=True, blank=True, editable=False)
    handed_over_on = models.DateField(_("인계일"), null=True, blank=True, editable=False)
    warranty_ends_on = models.DateField(_("하자담보 만료일"), null=True, blank=True, editable=False)
    system = models.ForeignKey(
        "resources.InformationSystem",
        verbose_name=_("인계한 정보시스템"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="execution_contracts",
        editable=False,
    )

    restrict_scopes = project_scopes("project", it_unit="it_unit")

    class Meta:
        verbose_name = _("계약")
        verbose_name_plural = _("계약")
        ordering = ["-signed_on", "number"]
        # Every execution list orders by its contract first (deliverables, work packages, reports …): walked in
        # this index, a page reads its contracts' rows instead of sorting all 60,000 deliverables.
        indexes = [models.Index(fields=["-signed_on", "number"], name="contract_list_order")]

    def __str__(self) -> str:
        return f"{self.title} ({self.number})"

    @property
    def file_types(self) -> tuple[str, ...]:
        return tuple(t.strip().lower().lstrip(".") for t in self.allowed_file_types.split(",") if t.strip())

    def contains(self, day: dt.date | None) -> bool:
        return day is None or (self.start_date <= day <= self.end_date)

    def clean(self) -> None:
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("계약 종료일은 시작일보다 빠를 수 없습니다.")
        if self.signed_on and self.start_date and self.start_date < self.signed_on:
            errors["start_date"] = _("계약 시작일은 계약일보다 빠를 수 없습니다.")
        if self.start_date and self.end_date and self.end_date >= self.start_date and not self.is_multi_year:
            limit = int(rule_value("multi_year_contract_months", self.start_date))
            if longer_than(self.start_date, self.end_date, limit):
                errors["is_multi_year"] = _(
                    "사업기간이 %(limit)s개월을 넘는 계약은 장기계속계약이어야 합니다 (소프트웨어 진흥법 제45조제2항)."
                ) % {"limit": limit}
        unknown = [t for t in self.file_types if t not in DOCUMENTS]
        if unknown or not self.file_types:
            errors["allowed_file_types"] = _("올릴 수 있는 형식 가운데서 고르십시오: %(all)s") % {
                "all": ", ".join(DOCUMENTS)
            }
        if self.it_unit_id and not self.it_unit.is_it_department:
            errors["it_unit"] = _("인수 부서는 정보화부서여야 합니다 (제20조제3항, 제24조제1항).")
        if self.project_id and self.start_date and self.start_date.year < self.project.start_year:
            errors["start_date"] = _("사업 시작연도(%(year)s년)보다 앞서 계약을 시작할 수 없습니다.") % {
                "year": self.project.start_year
            }
        if errors:
            raise ValidationError(errors)


class ContractVersion(PrimaryModel):
    """A version of the contract and its requirement table: the first at signature, one per confirmed change."""

    contract = models.ForeignKey(Contract, verbose_name=_("계약"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("판"))
    amount = MoneyField(_("계약금액"))
    start_date = models.DateField(_("계약 시작일"))
    end_date = models.DateField(_("계약 종료일"))
    reason = models.CharField(_("사유"), max_length=300)
    change_request = models.ForeignKey(
        "execution.ChangeRequest", verbose_name=_("과업변경"), null=True, blank=True, on_delete=models.PROTECT
    )
    requirements = models.JSONField(_("요구사항 목록"), default=list, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("기록자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    restrict_scopes = project_scopes("contract__project")

    class Meta:
        verbose_name = _("계약 변경 이력")
        verbose_name_plural = _("계약 변경 이력")
        ordering = ["contract", "-number"]
        constraints = [models.UniqueConstraint(fields=["contract", "number"], name="contract_version_once")]

    def __str__(self) -> str:
        return f"{self.contract.number} 제{self.number}판"

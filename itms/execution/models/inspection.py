"""검사 (a22) and 하자 (a23.1, SW진흥법 제60조): each round of inspection after a completion notice, its items
checked one by one, the 검사조서; defects reported during the defect-liability period."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from itms.core.models import PrimaryModel

from ..choices import DefectKind, InspectionOutcome, ItemKind, ItemVerdict, Severity
from .contracts import Contract
from .scopes import project_scopes


class InspectionRound(PrimaryModel):
    contract = models.ForeignKey(Contract, verbose_name=_("계약"), on_delete=models.CASCADE, related_name="inspections")
    number = models.PositiveSmallIntegerField(_("차수"), editable=False)
    notified_on = models.DateField(_("완료계(보완 완료) 접수일"), editable=False)
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("검사자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    inspected_on = models.DateField(_("검사일"), null=True, blank=True, editable=False)
    outcome = models.CharField(
        _("결과"), max_length=20, choices=InspectionOutcome.choices, default=InspectionOutcome.PENDING, editable=False
    )
    correction_request = models.TextField(_("보완 요구 내용"), blank=True, editable=False)
    remarks = models.TextField(_("검사 의견"), blank=True)

    restrict_scopes = project_scopes("contract__project")

    class Meta:
        verbose_name = _("검사")
        verbose_name_plural = _("검사")
        ordering = ["contract", "-number"]
        constraints = [models.UniqueConstraint(fields=["contract", "number"], name="inspection_round_once")]

    def __str__(self) -> str:
        return f"{self.contract.title} {self.number}차 검사"

    @property
    def document_number(self) -> str:
        return f"검사-{self.contract.number}-{self.number}"


class InspectionItem(PrimaryModel):
    inspection = models.ForeignKey(
        InspectionRound, verbose_name=_("검사"), on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField(_("구분"), max_length=20, choices=ItemKind.choices, editable=False)
    reference = models.CharField(_("검사 항목"), max_length=300, editable=False)
    verdict = models.CharField(_("검사 결과"), max_length=20, choices=ItemVerdict.choices, default=ItemVerdict.PENDING)
    note = models.CharField(_("비고"), max_length=300, blank=True)

    restrict_scopes = project_scopes("inspection__contract__project")

    class Meta:
        verbose_name = _("검사 항목")
        verbose_name_plural = _("검사 항목")
        ordering = ["inspection", "kind", "pk"]

    def __str__(self) -> str:
        return self.reference

    def clean(self) -> None:
        if self.verdict in (ItemVerdict.PARTIAL, ItemVerdict.NOT_DONE) and not self.note.strip():
            raise ValidationError({"note": _("부분 이행·미이행이면 무엇이 모자란지 적어야 합니다 (보완 요구의 근거).")})


class Defect(PrimaryModel):
    """하자 접수: during the defect-liability period; a request for new or changed functions is not a 하자."""

    contract = models.ForeignKey(Contract, verbose_name=_("계약"), on_delete=models.CASCADE, related_name="defects")
    title = models.CharField(_("하자 내용"), max_length=200)
    description = models.TextField(_("현상"), blank=True)
    requirement = models.ForeignKey(
        "execution.Requirement",
        verbose_name=_("충족하지 못한 요구사항"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("구분"), max_length=20, choices=DefectKind.choices, default=DefectKind.DEFECT)
    severity = models.CharField(_("심각도"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM)
    reported_on = models.DateField(_("접수일"))
    fix_due = models.DateField(_("조치 기한"), null=True, blank=True)
    fixed_on = models.DateField(_("조치일"), null=True, blank=True)
    resolution = models.TextField(_("조치 내용"), blank=True)
    maintenance_request = models.ForeignKey(
        "operations.MaintenanceRequest",
        verbose_name=_("이관한 유지관리 요청"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="from_defects",
        editable=False,
        help_text=_("요구변경을 사업추진부서의 유지관리 요청으로 넘긴 것 (제25조제1항)"),
    )

    restrict_scopes = project_scopes("contract__project", it_unit="contract__it_unit")

    class Meta:
        verbose_name = _("하자")
        verbose_name_plural = _("하자")
        ordering = ["contract", "fixed_on", "-reported_on"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        from itms.core.formats import format_date

        errors = {}
        contract = self.contract if self.contract_id else None
        if contract is not None and self.reported_on:
            if not contract.handed_over_on or not contract.warranty_ends_on:
                errors["reported_on"] = _("하자는 인계한 뒤 하자담보 기간에 접수합니다 (소프트웨어 진흥법 제60조).")
            elif not contract.handed_over_on <= self.reported_on <= contract.warranty_ends_on:
                errors["reported_on"] = _("하자담보 기간(%(start)s~%(end)s) 밖입니다 (소프트웨어 진흥법 제60조).") % {
                    "start": format_date(contract.handed_over_on),
                    "end": format_date(contract.warranty_ends_on),
                }
        if self.kind == DefectKind.DEFECT and not self.requirement_id:
            errors["requirement"] = _(
                "하자는 합의된 요구사항을 충족하지 못한 것입니다: 어느 요구사항인지 고르십시오. "
                "새 기능·변경이면 '요구변경'으로 접수하여 과업변경이나 유지관리로 처리합니다."
            )
        if self.requirement_id and contract is not None and self.requirement.contract_id != contract.pk:
            errors["requirement"] = _("이 계약의 요구사항을 고르십시오.")
        if self.fixed_on and not self.resolution.strip():
            errors["resolution"] = _("조치일을 적으려면 조치 내용을 적어야 합니다.")
        if errors:
            raise ValidationError(errors)

"""How each operated system is run (a24): the IT department that operates it (the register's operating unit,
a24.1), in house or outsourced under a maintenance contract of the register (a24.3), and the systems built with
government-wide budgets and taken over from the agency that built them (a24.2)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from itms.accounts.models import OrgUnit
from itms.core.errors import Refused
from itms.core.korean import josa
from itms.core.models import PrimaryModel
from itms.resources.models import InformationSystem, MaintenanceContract

from ..choices import OperationMode, TakeoverBudget
from ..error_codes import OperationsErrors as E
from .scopes import by_system


class OperationArrangement(PrimaryModel):
    """운영·유지관리 방식: a system run by the IT department itself or entrusted to a vendor (a24.3)."""

    system = models.ForeignKey(
        InformationSystem, verbose_name=_("정보시스템"), on_delete=models.CASCADE, related_name="arrangements"
    )
    mode = models.CharField(_("운영 방식"), max_length=20, choices=OperationMode.choices)
    contract = models.ForeignKey(
        MaintenanceContract,
        verbose_name=_("유지관리 계약"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="arrangements",
        help_text=_("위탁 운영이면 업체·기간·금액·범위가 이 계약에 있습니다 (제24조제3항)"),
    )
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("운영 부서"),
        on_delete=models.PROTECT,
        related_name="operation_arrangements",
        help_text=_("자체 운영하는 정보화부서, 위탁이면 계약을 관리하는 부서 (제24조제1항)"),
    )
    starts_on = models.DateField(_("시작일"))
    ends_on = models.DateField(_("종료일"), null=True, blank=True)
    staff_count = models.PositiveSmallIntegerField(_("운영 인력(명)"), null=True, blank=True)
    note = models.TextField(_("비고"), blank=True)

    restrict_scopes = by_system()

    class Meta:
        verbose_name = _("운영·유지관리 방식")
        verbose_name_plural = _("운영·유지관리 방식")
        ordering = ["system__code", "-starts_on"]

    def __str__(self) -> str:
        return f"{self.system} · {self.get_mode_display()}"

    def clean(self) -> None:
        if self.mode == OperationMode.IN_HOUSE and self.unit_id and not self.unit.is_it_department:
            raise Refused(E.IN_HOUSE_UNIT, field="unit")
        if self.mode == OperationMode.OUTSOURCED:
            if not self.contract_id:
                raise Refused(E.OUTSOURCED_CONTRACT, field="contract")
            if self.system_id and not self.contract.systems.filter(pk=self.system_id).exists():
                raise Refused(E.CONTRACT_SYSTEM, field="contract", system=josa(f"'{self.system}'", "이/가"))
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise Refused(E.PERIOD_ORDER, field="ends_on", end=josa("종료일", "은/는"), start="시작일")


class SystemTakeover(PrimaryModel):
    """범정부 예산으로 구축된 관세청 소관 시스템의 인수 (a24.2): who built it, with which budget, when it was taken over."""

    system = models.OneToOneField(
        InformationSystem, verbose_name=_("정보시스템"), on_delete=models.CASCADE, related_name="takeover"
    )
    budget = models.CharField(_("구축 예산"), max_length=20, choices=TakeoverBudget.choices)
    built_by = models.CharField(_("사업추진기관"), max_length=200, help_text=_("시스템을 구축하여 넘겨준 기관"))
    project_name = models.CharField(_("구축 사업명"), max_length=200)
    taken_over_on = models.DateField(_("인수일"))
    receiving_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("인수 부서"), on_delete=models.PROTECT, related_name="takeovers"
    )
    note = models.TextField(_("인수 조건·비고"), blank=True)

    restrict_scopes = by_system()

    class Meta:
        verbose_name = _("범정부 시스템 인수")
        verbose_name_plural = _("범정부 시스템 인수")
        ordering = ["-taken_over_on"]

    def __str__(self) -> str:
        return f"{self.system} ← {self.built_by}"

    def clean(self) -> None:
        if not (self.built_by or "").strip():
            raise Refused(E.TAKEOVER_FROM, field="built_by")
        if self.receiving_unit_id and not self.receiving_unit.is_it_department:
            raise Refused(E.IN_HOUSE_UNIT, field="receiving_unit")

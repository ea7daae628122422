"""정보자산 실사 (a29.3.2): a campaign over a scope, the check of each asset, and what a discrepancy became.

The 정보기획담당관 (or the asset officer) opens a campaign with its scope (units, asset types, systems), the
positions whose holders check and the period. Starting it lists every in-scope asset identified as an O&M target
(a29.3.1) as an item to check. Each item ends found, differs, missing, or is a "new" (unregistered) asset found on
site; every discrepancy is resolved (record updated, written off, registered, confirmed) or explicitly carried over
before the campaign can close. Its result goes to the 정보기획담당관 (a29.3.3).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from itms.accounts.models import Assignment, OrgUnit, Position, User
from itms.core.models import PrimaryModel

from ..choices import DISCREPANT, CheckResult, InventoryAuditState, Resolution
from ..error_codes import ResourcesErrors as E
from .assets import Asset, AssetType
from .systems import InformationSystem


def positions_of(user) -> models.QuerySet:
    """The positions the user holds today (regular, concurrent or acting)."""
    return Assignment.objects.active_on(timezone.localdate()).filter(user=user).values("position_id")


def _audit_own_unit(user, units):
    in_scope = InventoryAudit.scope_units.through.objects.filter(orgunit_id__in=units).values("inventoryaudit_id")
    return Q(unit_id__in=units) | Q(pk__in=in_scope)


def _audit_assigned(user, units):
    officers = InventoryAudit.officers.through.objects.filter(position_id__in=positions_of(user))
    return Q(pk__in=officers.values("inventoryaudit_id"))


class InventoryAudit(PrimaryModel):
    """정보자산 실사 campaign (a29.3.2)."""

    title = models.CharField(_("실사명"), max_length=200)
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("주관 부서"),
        on_delete=models.PROTECT,
        related_name="inventory_audits",
        help_text=_("실사를 주관하고 결과를 통보하는 정보자산 담당자의 부서"),
    )
    scope_units = models.ManyToManyField(
        OrgUnit, verbose_name=_("대상 부서"), blank=True, related_name="+", help_text=_("비우면 모든 부서")
    )
    scope_types = models.ManyToManyField(
        AssetType, verbose_name=_("대상 자산 유형"), blank=True, related_name="+", help_text=_("비우면 모든 유형")
    )
    scope_systems = models.ManyToManyField(
        InformationSystem,
        verbose_name=_("대상 정보시스템"),
        blank=True,
        related_name="+",
        help_text=_("비우면 모든 시스템"),
    )
    officers = models.ManyToManyField(
        Position, verbose_name=_("실사 담당 직위"), blank=True, related_name="+", help_text=_("직위로 정합니다")
    )
    starts_on = models.DateField(_("실사 시작일"))
    ends_on = models.DateField(_("실사 종료일"))
    state = models.CharField(
        _("상태"), max_length=20, choices=InventoryAuditState.choices, default=InventoryAuditState.DRAFT
    )
    note = models.TextField(_("비고"), blank=True)
    started_at = models.DateTimeField(_("실사 개시 일시"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("종료 일시"), null=True, blank=True, editable=False)
    reported_at = models.DateTimeField(_("결과 통보 일시"), null=True, blank=True, editable=False)
    opened_by = models.ForeignKey(
        User,
        verbose_name=_("등록자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    restrict_scopes = {"own_unit": _audit_own_unit, "assigned": _audit_assigned}

    class Meta:
        verbose_name = _("정보자산 실사")
        verbose_name_plural = _("정보자산 실사")
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": E.AUDIT_PERIOD.message})

    def scope_assets(self) -> models.QuerySet:
        """The assets this campaign checks: O&M targets (a29.3.1) in its scope that are not written off."""
        from itms.accounts.directory import unit_with_descendants

        qs = Asset.objects.filter(is_om_target=True).exclude(status="disposed")
        units = set(self.scope_units.values_list("pk", flat=True))
        if units:
            qs = qs.filter(org_unit_id__in=unit_with_descendants(units))
        types = list(self.scope_types.values_list("pk", flat=True))
        if types:
            qs = qs.filter(asset_type_id__in=types)
        systems = list(self.scope_systems.values_list("pk", flat=True))
        if systems:
            qs = qs.filter(system_id__in=systems)
        return qs

    def counts(self) -> dict[str, int]:
        """Items by result, and discrepancies still open."""
        counts = dict.fromkeys(CheckResult.values, 0)
        for result, n in self.items.values_list("result").annotate(n=models.Count("pk")).order_by():
            counts[result] = n
        counts["total"] = sum(counts[v] for v in CheckResult.values)
        counts["checked"] = counts["total"] - counts[CheckResult.PENDING]
        counts["open"] = AuditDiscrepancy.objects.filter(item__audit=self, resolution=Resolution.OPEN).count()
        return counts

    def is_officer(self, user) -> bool:
        """Holds one of the campaign's positions today, or is the asset officer of its unit (a2.0.5)."""
        from itms.accounts.directory import roles_of
        from itms.accounts.roles import Role

        if not getattr(user, "is_authenticated", False):
            return False
        if user.is_superuser:
            return True
        if any(g.role == Role.ASSET_OFFICER and g.unit_id == self.unit_id for g in roles_of(user)):
            return True
        return self.officers.filter(pk__in=positions_of(user)).exists()


def _item_scope(scope):
    def condition(user, units):
        return Q(audit_id__in=InventoryAudit.objects.filter(scope(user, units)).values("pk"))

    return condition


class InventoryAuditItem(PrimaryModel):
    """One asset to check in a campaign (or one unregistered asset found on site: no asset, result "new")."""

    audit = models.ForeignKey(InventoryAudit, verbose_name=_("실사"), on_delete=models.CASCADE, related_name="items")
    asset = models.ForeignKey(
        Asset, verbose_name=_("자산"), null=True, blank=True, on_delete=models.PROTECT, related_name="audit_items"
    )
    result = models.CharField(_("확인 결과"), max_length=20, choices=CheckResult.choices, default=CheckResult.PENDING)
    difference = models.TextField(_("차이 내용"), blank=True)
    observed_tag = models.CharField(_("현장 자산번호"), max_length=40, blank=True)
    observed_name = models.CharField(_("현장 자산명"), max_length=200, blank=True)
    observed_serial = models.CharField(_("현장 일련번호"), max_length=100, blank=True)
    observed_location = models.CharField(_("현장 위치"), max_length=200, blank=True)
    checked_by = models.ForeignKey(
        User, verbose_name=_("확인자"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(_("확인 일시"), null=True, blank=True)
    note = models.CharField(_("비고"), max_length=300, blank=True)

    restrict_scopes = {"own_unit": _item_scope(_audit_own_unit), "assigned": _item_scope(_audit_assigned)}

    class Meta:
        verbose_name = _("실사 확인 항목")
        verbose_name_plural = _("실사 확인 항목")
        ordering = ["audit", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "asset"], condition=Q(asset__isnull=False), name="audit_item_once")
        ]
        indexes = [models.Index(fields=["audit", "result"], name="audit_item_result")]

    def __str__(self) -> str:
        if self.asset_id:
            return f"{self.asset} — {self.get_result_display()}"
        label = self.observed_tag or self.observed_serial or self.observed_name
        return f"미등록 자산 {label} — {self.get_result_display()}"

    @property
    def is_discrepant(self) -> bool:
        return self.result in DISCREPANT


class AuditDiscrepancy(PrimaryModel):
    """불일치: a difference, a missing asset or an unregistered one, and how it was resolved (a29.3.2)."""

    item = models.OneToOneField(
        InventoryAuditItem, verbose_name=_("확인 항목"), on_delete=models.CASCADE, related_name="discrepancy"
    )
    kind = models.CharField(_("불일치 구분"), max_length=20, choices=CheckResult.choices)
    resolution = models.CharField(_("처리"), max_length=20, choices=Resolution.choices, default=Resolution.OPEN)
    resolution_note = models.TextField(_("처리 내용"), blank=True)
    registered_asset = models.ForeignKey(
        Asset, verbose_name=_("등록한 자산"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_by = models.ForeignKey(
        User, verbose_name=_("처리자"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(_("처리 일시"), null=True, blank=True)

    restrict_scopes = {
        "own_unit": lambda user, units: Q(
            item__audit_id__in=InventoryAudit.objects.filter(_audit_own_unit(user, units)).values("pk")
        ),
        "assigned": lambda user, units: Q(
            item__audit_id__in=InventoryAudit.objects.filter(_audit_assigned(user, units)).values("pk")
        ),
    }

    class Meta:
        verbose_name = _("실사 불일치")
        verbose_name_plural = _("실사 불일치")
        ordering = ["item__audit", "pk"]
        indexes = [models.Index(fields=["resolution"], name="discrepancy_resolution")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.item.asset or self.item.observed_tag or self.item.observed_name}"

    @property
    def is_open(self) -> bool:
        return self.resolution == Resolution.OPEN

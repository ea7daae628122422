"""정보자산 (a2.0.4): hardware and software with their type-specific attributes, relations, locations, licences,
O&M coverage (a29.3.1) and assignment to a person or unit (a29.3.4).

One ``Asset`` table holds hardware and software alike (the asset type says which), so that relations, 실사,
assignments, coverage and cost per system treat them the same way; what only software has (licences) is a table of
its own. Operations (Ch.6) and performance management (Ch.7) read: ``Asset.system`` (the system an asset is booked
to: cost per system sums ``acquisition_cost`` over it), ``maintenance_contract``/``maintained_by`` (who maintains
it) and ``MaintenanceContract`` (supplier, period, annual amount, systems covered).
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from itms.accounts.models import Company, Organization, OrgUnit, User
from itms.core.fields import MoneyField
from itms.core.korean import josa
from itms.core.models import PrimaryModel
from itms.projects.models import Project, ProjectParticipant

from .. import attributes
from ..choices import (
    AssetCategory,
    AssetKind,
    AssetStatus,
    AttributeType,
    LicenceKind,
    LicenceMetric,
    LocationKind,
    RelationKind,
    category_of,
)
from ..error_codes import ResourcesErrors as E
from .systems import InformationSystem


def _assigned_projects(user):
    return ProjectParticipant.objects.active_on().filter(user=user).values("project_id")


# --- reference data an administrator keeps ---------------------------------------------------------------------
class AssetType(PrimaryModel):
    """자산 유형: data, not code. Each belongs to one of the fixed kinds (server, DBMS …)."""

    code = models.CharField(_("유형 코드"), max_length=30, unique=True)
    name = models.CharField(_("유형명"), max_length=100, unique=True)
    kind = models.CharField(_("분류"), max_length=20, choices=AssetKind.choices)
    useful_life_years = models.PositiveSmallIntegerField(
        _("내용연수(년)"),
        null=True,
        blank=True,
        help_text=_("비우면 규정 값 '정보자산 내용연수'(조달청 내용연수 고시)의 분류별 연수를 씁니다"),
    )
    licence_required = models.BooleanField(
        _("라이선스 관리"), default=False, help_text=_("설치 수가 보유 라이선스 수량을 넘지 않게 관리합니다")
    )
    description = models.TextField(_("설명"), blank=True)
    is_active = models.BooleanField(_("사용"), default=True)

    class Meta:
        verbose_name = _("자산 유형")
        verbose_name_plural = _("자산 유형")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def category(self) -> str:
        return category_of(self.kind)

    @property
    def is_software(self) -> bool:
        return self.category == AssetCategory.SOFTWARE

    def clean(self) -> None:
        if self.licence_required and self.kind and category_of(self.kind) == AssetCategory.HARDWARE:
            raise ValidationError({"licence_required": _("라이선스 관리는 소프트웨어 유형에만 씁니다.")})

    @cached_property
    def definitions(self) -> list[attributes.Definition]:
        return [attributes.Definition.of(d) for d in self.attribute_definitions.order_by("order", "pk")]

    def useful_life(self, on: dt.date | None = None) -> int | None:
        """This type's service life: its own, else the rule pack's table by kind (조달청 내용연수 고시)."""
        if self.useful_life_years:
            return self.useful_life_years
        return default_useful_life(self.kind, on)


def default_useful_life(kind: str, on: dt.date | None = None) -> int | None:
    from itms.regulation.rules import RuleNotFound, param

    try:
        table = param("asset_useful_life_years", on).value
    except (RuleNotFound, ObjectDoesNotExist, LookupError):
        return None
    for row in table or []:
        if row.get("kind") == kind and str(row.get("years", "")).isdigit():
            return int(row["years"])
    return None


class AttributeDefinition(PrimaryModel):
    """One mandatory (or optional) attribute of an asset type (a29.3.3): name, key, type, unit, allowed values."""

    asset_type = models.ForeignKey(
        AssetType, verbose_name=_("자산 유형"), on_delete=models.CASCADE, related_name="attribute_definitions"
    )
    name = models.CharField(_("속성명"), max_length=100, help_text=_("화면과 가져오기 파일의 열 이름"))
    key = models.CharField(_("속성 키"), max_length=40, help_text=_("API와 파일에서 쓰는 영문 키 (예: cpu_cores)"))
    value_type = models.CharField(
        _("값 형식"), max_length=10, choices=AttributeType.choices, default=AttributeType.TEXT
    )
    unit = models.CharField(_("단위"), max_length=20, blank=True)
    required = models.BooleanField(_("필수"), default=True)
    allowed_values = models.TextField(_("허용 값"), blank=True, help_text=_("선택 형식일 때 한 줄에 하나씩"))
    order = models.PositiveSmallIntegerField(_("순서"), default=0)
    help_text = models.CharField(_("설명"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("필수속성 정의")
        verbose_name_plural = _("필수속성 정의")
        ordering = ["asset_type", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["asset_type", "key"], name="attribute_key_once_per_type"),
            models.UniqueConstraint(fields=["asset_type", "name"], name="attribute_name_once_per_type"),
        ]

    def __str__(self) -> str:
        return f"{self.asset_type} › {self.name}"

    @property
    def choices(self) -> list[str]:
        return [line.strip() for line in (self.allowed_values or "").splitlines() if line.strip()]

    def clean(self) -> None:
        errors = {}
        if self.key and not attributes.KEY_PATTERN.match(self.key):
            errors["key"] = _("영문 소문자로 시작하고 영문 소문자·숫자·밑줄(_)만 쓰십시오 (40자 이내).")
        if self.value_type == AttributeType.CHOICE and not self.choices:
            errors["allowed_values"] = _("선택 형식은 허용 값을 한 줄에 하나씩 적어야 합니다.")
        if self.value_type != AttributeType.CHOICE and self.choices:
            errors["allowed_values"] = _("허용 값은 선택 형식에만 적습니다.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            # A new or changed definition changes what every asset of the type lacks (a29.3.3) and how its values
            # are indexed: both are derived data, recomputed for every asset of the type.
            schedule_refresh(self.asset_type_id)

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            type_id = self.asset_type_id
            result = super().delete(*args, **kwargs)
            schedule_refresh(type_id)
        return result


# Up to this many assets, a type is recomputed in the transaction that changed its definitions; a bigger one (the
# 22,906 servers at S = 1.0 took 6.8 s) in the background once it commits, so the administrator's save answers.
REFRESH_IN_TRANSACTION = 2_000


def schedule_refresh(asset_type_id: int) -> None:
    if Asset.objects.filter(asset_type_id=asset_type_id).count() <= REFRESH_IN_TRANSACTION:
        refresh_type(asset_type_id)
        return
    from itms.core.jobs import after_commit

    from ..tasks import refresh_asset_type_task

    after_commit(refresh_asset_type_task, asset_type_id)


class Location(PrimaryModel):
    """위치: a building, floor and room (전산실, 사무실 …); the rack is on the asset."""

    code = models.CharField(_("위치 코드"), max_length=40, unique=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("기관"), on_delete=models.PROTECT, related_name="asset_locations"
    )
    building = models.CharField(_("건물"), max_length=100)
    floor = models.CharField(_("층"), max_length=20, blank=True)
    room = models.CharField(_("실"), max_length=100, blank=True)
    kind = models.CharField(_("구분"), max_length=20, choices=LocationKind.choices, default=LocationKind.DATA_CENTER)
    address = models.CharField(_("주소"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("설치 위치")
        verbose_name_plural = _("설치 위치")
        ordering = ["organization__sort_order", "building", "floor", "room"]

    def __str__(self) -> str:
        return " ".join(part for part in (self.building, self.floor, self.room) if part)


class MaintenanceContract(PrimaryModel):
    """유지관리 계약: who maintains which assets and systems, for how long, at what cost (a24.3, a29.3.1)."""

    number = models.CharField(_("계약번호"), max_length=40, unique=True)
    name = models.CharField(_("계약명"), max_length=200)
    supplier = models.ForeignKey(
        Company, verbose_name=_("유지관리 업체"), on_delete=models.PROTECT, related_name="maintenance_contracts"
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("유지관리 사업"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="maintenance_contracts",
    )
    managing_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("관리 부서"), on_delete=models.PROTECT, related_name="maintenance_contracts"
    )
    starts_on = models.DateField(_("계약 시작일"))
    ends_on = models.DateField(_("계약 종료일"))
    annual_amount = MoneyField(_("연간 계약금액"), null=True, blank=True)
    systems = models.ManyToManyField(
        InformationSystem, verbose_name=_("대상 정보시스템"), blank=True, related_name="maintenance_contracts"
    )
    scope = models.TextField(_("유지관리 범위"), blank=True)

    restrict_scopes = {
        "own_unit": lambda user, units: Q(managing_unit_id__in=units),
        "assigned": lambda user, units: Q(project_id__in=_assigned_projects(user)),
        "own_company": lambda user, units: Q(supplier_id=user.company_id),
    }

    class Meta:
        verbose_name = _("유지관리 계약")
        verbose_name_plural = _("유지관리 계약")
        ordering = ["-ends_on", "number"]

    def __str__(self) -> str:
        return f"{self.name} ({self.number})"

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": E.CONTRACT_DATES.message})

    def covers(self, on: dt.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.starts_on <= on <= self.ends_on


# --- the asset --------------------------------------------------------------------------------------------------
def _asset_own_unit(user, units):
    # The asset officer of a unit and the IT department that operates the asset's system (a29.2, a29.3).
    # The systems as an array computed once, not a join or a per-row subplan: both sides are then index scans,
    # which the search's count needs (it is planned without sequential scans, itms.core.pagination).
    operated = InformationSystem.objects.filter(operating_unit_id__in=units).values("pk")
    return Q(org_unit_id__in=units) | Q(system__in_array=operated)


def _asset_assigned(user, units):
    # Vendors: the assets of the projects they are assigned to, and of those projects' maintenance contracts (a17.3).
    projects = _assigned_projects(user)
    return Q(project_id__in=projects) | Q(maintenance_contract__project_id__in=projects)


class Asset(PrimaryModel):
    """정보자산 (a2.0.4) — one row per piece of hardware or software the agency holds."""

    tag = models.CharField(_("자산번호"), max_length=40, unique=True, help_text=_("라벨의 QR 코드에 담기는 번호"))
    name = models.CharField(_("자산명"), max_length=200)
    asset_type = models.ForeignKey(
        AssetType, verbose_name=_("자산 유형"), on_delete=models.PROTECT, related_name="assets"
    )
    status = models.CharField(_("상태"), max_length=20, choices=AssetStatus.choices, default=AssetStatus.IN_USE)
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("관리 부서"),
        on_delete=models.PROTECT,
        related_name="managed_assets",
        help_text=_("자산을 관리하는 부서 (정보자산 담당자의 담당 범위)"),
    )
    officer = models.ForeignKey(
        User,
        verbose_name=_("정보자산 담당자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("운영 및 유지관리 담당자 (제2조제5호)"),
        db_index=False,  # never filtered; every index costs each of 100,000 imported rows (bench/import_assets.py)
    )
    system = models.ForeignKey(
        InformationSystem,
        verbose_name=_("정보시스템"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assets",
        help_text=_("이 자산이 구성하는 정보시스템 (시스템별 비용의 기준)"),
    )
    manufacturer = models.CharField(_("제조사"), max_length=100, blank=True)
    model_name = models.CharField(_("모델명"), max_length=100, blank=True)
    serial_number = models.CharField(_("일련번호"), max_length=100, blank=True)
    version = models.CharField(_("버전"), max_length=50, blank=True)
    acquired_on = models.DateField(_("도입일"), null=True, blank=True)
    acquisition_cost = MoneyField(_("취득가액"), null=True, blank=True)
    useful_life_years = models.PositiveSmallIntegerField(
        _("내용연수(년)"), null=True, blank=True, help_text=_("비우면 자산 유형의 내용연수")
    )
    life_ends_on = models.DateField(_("내용연수 만료일"), null=True, blank=True, editable=False)
    support_ends_on = models.DateField(
        _("기술지원 종료일"), null=True, blank=True, help_text=_("제조사 지원 종료(EOS)")
    )
    location = models.ForeignKey(
        Location, verbose_name=_("설치 위치"), null=True, blank=True, on_delete=models.PROTECT, related_name="assets"
    )
    rack = models.CharField(_("랙"), max_length=30, blank=True)
    rack_unit = models.CharField(_("랙 위치(U)"), max_length=20, blank=True)
    supplier = models.ForeignKey(
        Company,
        verbose_name=_("공급업체"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supplied_assets",
        db_index=False,
    )
    project = models.ForeignKey(
        Project, verbose_name=_("도입 사업"), null=True, blank=True, on_delete=models.PROTECT, related_name="assets"
    )
    is_om_target = models.BooleanField(
        _("운영·유지관리 대상"), default=True, help_text=_("제29조제3항제1호에 따라 식별한 운영·유지관리 대상")
    )
    maintenance_contract = models.ForeignKey(
        MaintenanceContract,
        verbose_name=_("유지관리 계약"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assets",
    )
    maintained_by = models.ForeignKey(
        OrgUnit,
        verbose_name=_("자체 유지관리 부서"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("업체 계약 없이 정보화부서가 직접 유지관리하는 경우"),
        db_index=False,
    )
    holder = models.ForeignKey(
        User, verbose_name=_("사용자"), null=True, blank=True, on_delete=models.PROTECT, related_name="held_assets",
        editable=False,
    )  # fmt: skip
    holder_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("사용 부서"), null=True, blank=True, on_delete=models.PROTECT, related_name="used_assets",
        editable=False, db_index=False,
    )  # fmt: skip
    attributes = models.JSONField(_("필수속성"), default=dict, blank=True)
    missing_attributes = models.PositiveSmallIntegerField(_("누락된 필수속성 수"), default=0, editable=False)
    verified_on = models.DateField(_("최종 확인일"), null=True, blank=True, editable=False)
    disposed_on = models.DateField(_("불용 처리일"), null=True, blank=True, editable=False)
    disposal_reason = models.CharField(_("불용 사유"), max_length=300, blank=True, editable=False)
    note = models.TextField(_("비고"), blank=True)

    restrict_scopes = {
        "own_unit": _asset_own_unit,
        "assigned": _asset_assigned,
        "self": lambda user, units: Q(holder=user),
    }

    class Meta:
        verbose_name = _("정보자산")
        verbose_name_plural = _("정보자산")
        ordering = ["tag"]
        constraints = [
            models.UniqueConstraint(fields=["serial_number"], condition=~Q(serial_number=""), name="asset_serial_once"),
        ]
        indexes = [
            models.Index(fields=["org_unit", "asset_type"], name="asset_unit_type"),
            # The list's order with the primary key inside (PostgreSQL): page 1,001 skips 50,000 tags in the index
            # alone (16 ms) instead of sorting the table (180 ms at 60,000 assets, issue 12).
            models.Index(fields=["tag"], include=["id"], name="asset_tag_covering"),
            models.Index(fields=["status"], name="asset_status"),
            models.Index(fields=["verified_on"], name="asset_verified_on"),
            models.Index(fields=["life_ends_on"], name="asset_life_ends_on"),
            models.Index(fields=["support_ends_on"], name="asset_support_ends_on"),
        ]

    def __str__(self) -> str:
        return f"{self.tag} {self.name}"

    # --- questions ---------------------------------------------------------------------------------------------
    @property
    def category(self) -> str:
        return self.asset_type.category

    @property
    def is_software(self) -> bool:
        return self.asset_type.is_software

    def covered_by(self, on: dt.date | None = None) -> str:
        """Who maintains it (a29.3.1): the contract in force, the IT department, or nobody ("")."""
        on = on or timezone.localdate()
        contract = self.maintenance_contract
        if contract is not None and contract.covers(on):
            return str(contract)
        if self.maintained_by_id:
            return str(self.maintained_by)
        return ""

    def attribute_rows(self) -> list[tuple[attributes.Definition, str]]:
        return [
            (d, attributes.display(d, (self.attributes or {}).get(d.key)))
            for d in (self.asset_type.definitions if self.asset_type_id else [])
        ]

    # --- one-row rules (the form, the API and the import all run them) ------------------------------------------
    def clean(self) -> None:
        errors: dict[str, list[str]] = {
            field: [message]
            for field, message in asset_rules(
                status=self.status,
                disposal_reason=self.disposal_reason,
                acquired_on=self.acquired_on,
                maintained_by=self.maintained_by if self.maintained_by_id else None,
            ).items()
        }
        if self.asset_type_id:
            cleaned, problems = attributes.check_attributes(self.asset_type.definitions, self.attributes)
            if problems:
                errors.setdefault("attributes", []).extend(problems.values())
            else:
                self.attributes = cleaned
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"acquired_on", "useful_life_years", "asset_type"} & set(update_fields):
            self.life_ends_on = self.compute_life_end()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "life_ends_on"}
        reindex = update_fields is None or {"attributes", "asset_type"} & set(update_fields)
        if reindex and self.asset_type_id:
            # Stored as checked (16, not "16"; 2026-01-31, not 2026.1.31) whichever way the values came in.
            cleaned, problems = attributes.check_attributes(self.asset_type.definitions, self.attributes)
            if not problems:
                self.attributes = cleaned
            self.missing_attributes = attributes.missing_count(self.asset_type.definitions, self.attributes)
            if update_fields is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "missing_attributes"}
        with transaction.atomic():
            super().save(*args, **kwargs)
            if reindex:
                write_index([self])

    def compute_life_end(self) -> dt.date | None:
        if not self.acquired_on or not self.asset_type_id:
            return None
        # The table in force today (a revised 고시 applies to the assets it finds), not the one of the purchase date.
        years = self.useful_life_years or self.asset_type.useful_life()
        return add_years(self.acquired_on, years) if years else None


def asset_rules(
    *, status: str, disposal_reason: str, acquired_on: dt.date | None, maintained_by, today: dt.date | None = None
) -> dict[str, str]:
    """The one-row rules of an asset besides its attributes: field → Korean refusal (the form, API and import)."""
    errors = {}
    if status == AssetStatus.DISPOSED and not disposal_reason:
        errors["status"] = E.DISPOSE_BY_ACTION.message
    if acquired_on and acquired_on > (today or timezone.localdate()):
        errors["acquired_on"] = E.FUTURE_ACQUISITION.message
    if maintained_by is not None and not maintained_by.is_it_department:
        errors["maintained_by"] = E.MAINTAINED_BY_IT.message
    return errors


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


class AssetAttributeValue(models.Model):
    """The typed index of the attribute values (ADR 0016): derived from ``Asset.attributes``, never edited.

    One row per (asset, definition) with the value in the column of its type, so a filter on any attribute is an
    index range scan on (definition, value) on PostgreSQL and SQLite alike.
    """

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="attribute_values")
    definition = models.ForeignKey(AttributeDefinition, on_delete=models.CASCADE, related_name="values")
    value_text = models.CharField(max_length=attributes.TEXT_LIMIT, null=True, blank=True)
    value_number = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    value_date = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("필수속성 값(색인)")
        verbose_name_plural = _("필수속성 값(색인)")
        constraints = [models.UniqueConstraint(fields=["asset", "definition"], name="attribute_value_once")]
        indexes = [
            models.Index(fields=["definition", "value_text"], name="attribute_value_text"),
            models.Index(fields=["definition", "value_number"], name="attribute_value_number"),
            models.Index(fields=["definition", "value_date"], name="attribute_value_date"),
        ]

    def __str__(self) -> str:
        return f"{self.asset_id}:{self.definition_id}"


def index_rows(asset: Asset, definitions: list[attributes.Definition]) -> list[AssetAttributeValue]:
    rows = []
    for definition in definitions:
        typed = attributes.index_row(definition, (asset.attributes or {}).get(definition.key))
        if typed is not None:
            text, number, day = typed
            rows.append(
                AssetAttributeValue(
                    asset_id=asset.pk, definition_id=definition.pk, value_text=text, value_number=number, value_date=day
                )
            )
    return rows


def write_index(assets: list[Asset]) -> None:
    """Rewrites the typed index rows of these (saved) assets from their JSON values."""
    if not assets:
        return
    AssetAttributeValue.objects.filter(asset_id__in=[a.pk for a in assets]).delete()
    rows = []
    for asset in assets:
        rows.extend(index_rows(asset, asset.asset_type.definitions))
    AssetAttributeValue.objects.bulk_create(rows, batch_size=2000)


def refresh_type(asset_type_id: int) -> int:
    """After its definitions changed: every asset of the type gets its missing count and index rows again.

    Derived data only (the values themselves are unchanged), written in bulk without change-log entries.
    """
    asset_type = AssetType.objects.get(pk=asset_type_id)
    definitions = asset_type.definitions
    AssetAttributeValue.objects.filter(asset__asset_type_id=asset_type_id).delete()
    changed, rows, count = [], [], 0
    for pk, values, missing in (
        Asset.objects.filter(asset_type_id=asset_type_id)
        .values_list("pk", "attributes", "missing_attributes")
        .iterator(chunk_size=5000)
    ):
        count += 1
        asset = Asset(pk=pk, attributes=values or {})
        rows.extend(index_rows(asset, definitions))
        now_missing = attributes.missing_count(definitions, values)
        if now_missing != missing:
            changed.append(Asset(pk=pk, missing_attributes=now_missing))
        if len(rows) >= 5000:
            AssetAttributeValue.objects.bulk_create(rows, batch_size=2000)
            rows = []
    AssetAttributeValue.objects.bulk_create(rows, batch_size=2000)
    Asset.objects.bulk_update(changed, ["missing_attributes"], batch_size=2000)
    return count


# --- relations between assets and to systems ---------------------------------------------------------------------
def _relation_scope(scope):
    def condition(user, units):
        return Q(source__in_array=Asset.objects.filter(scope(user, units)).values("pk"))

    return condition


class AssetRelation(PrimaryModel):
    """runs-on, installed-on, part-of: between assets, or from an asset to an information system."""

    source = models.ForeignKey(Asset, verbose_name=_("자산"), on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(_("관계"), max_length=20, choices=RelationKind.choices)
    target_asset = models.ForeignKey(
        Asset,
        verbose_name=_("대상 자산"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="incoming_relations",
    )
    target_system = models.ForeignKey(
        InformationSystem,
        verbose_name=_("대상 정보시스템"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="asset_relations",
    )
    note = models.CharField(_("비고"), max_length=200, blank=True)

    restrict_scopes = {
        "own_unit": _relation_scope(_asset_own_unit),
        "assigned": _relation_scope(_asset_assigned),
    }

    def get_additional_data(self) -> dict:
        """Both assets' history tabs find this relation's change-log entries, its deletion included."""
        return {"source": self.source_id, "target_asset": self.target_asset_id}

    class Meta:
        verbose_name = _("자산 관계")
        verbose_name_plural = _("자산 관계")
        # Grouped by asset on the relation's own columns (issue 12): an index serves deep pages and cursors, where
        # ordering by the asset itself would sort every row through its join.
        ordering = ["source_id", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_asset__isnull=False, target_system__isnull=True)
                | Q(target_asset__isnull=True, target_system__isnull=False),
                name="relation_one_target",
            ),
            models.UniqueConstraint(fields=["source", "kind", "target_asset"], name="relation_once_to_asset"),
            models.UniqueConstraint(fields=["source", "kind", "target_system"], name="relation_once_to_system"),
        ]
        indexes = [
            models.Index(fields=["kind", "source"], name="relation_kind_source"),
            models.Index(fields=["source", "kind", "id"], name="relation_list_order"),
        ]

    def __str__(self) -> str:
        target = self.target_asset or self.target_system
        return f"{self.source.tag} → {self.get_kind_display()} → {target}"

    def clean(self) -> None:
        if bool(self.target_asset_id) == bool(self.target_system_id):
            raise ValidationError({"target_asset": E.RELATION_TARGET.message})
        if self.target_asset_id and self.target_asset_id == self.source_id:
            raise ValidationError({"target_asset": E.RELATION_SELF.message})
        if not self.source_id:
            return
        source = self.source
        if self.kind == RelationKind.INSTALLED_ON:
            if not source.is_software or not self.target_asset_id or self.target_asset.is_software:
                raise ValidationError({"kind": E.INSTALL_SOFTWARE.message})
            if source.asset_type.licence_required:
                installed = installations(source.pk, exclude=self.pk) + 1
                licensed = licensed_quantity(source.pk)
                if licensed < installed:
                    raise ValidationError({"source": E.LICENCE_SHORT.text(licensed=licensed, installed=installed)})
        elif self.kind == RelationKind.RUNS_ON:
            if not self.target_asset_id or self.target_asset.is_software:
                raise ValidationError({"target_asset": E.RUNS_ON_HARDWARE.message})
        elif (
            self.kind == RelationKind.PART_OF
            and self.target_asset_id
            and self.source_id in part_of_chain(self.target_asset_id)
        ):
            what = josa(f"'{self.target_asset}'", "은/는")
            raise ValidationError({"target_asset": E.PART_OF_CYCLE.text(what=what)})


def part_of_chain(asset_id: int, limit: int = 50) -> set[int]:
    """The assets ``asset_id`` is (transitively) part of."""
    seen: set[int] = set()
    frontier = {asset_id}
    while frontier and len(seen) < limit:
        seen |= frontier
        frontier = (
            set(
                AssetRelation.objects.filter(
                    kind=RelationKind.PART_OF, source_id__in=frontier, target_asset__isnull=False
                ).values_list("target_asset_id", flat=True)
            )
            - seen
        )
    return seen


def installations(software_id: int, exclude: int | None = None) -> int:
    qs = AssetRelation.objects.filter(source_id=software_id, kind=RelationKind.INSTALLED_ON)
    if exclude:
        qs = qs.exclude(pk=exclude)
    return qs.count()


def licensed_quantity(software_id: int, exclude: int | None = None) -> int:
    qs = Licence.objects.filter(software_id=software_id)
    if exclude:
        qs = qs.exclude(pk=exclude)
    return qs.aggregate(total=Sum("quantity"))["total"] or 0


class Licence(PrimaryModel):
    """라이선스: the quantity a software asset may be installed (a licence count below its installations is refused)."""

    software = models.ForeignKey(Asset, verbose_name=_("소프트웨어"), on_delete=models.CASCADE, related_name="licences")
    number = models.CharField(_("라이선스 번호"), max_length=100, blank=True, help_text=_("증서·계약 번호"))
    kind = models.CharField(_("구분"), max_length=20, choices=LicenceKind.choices, default=LicenceKind.PERPETUAL)
    metric = models.CharField(
        _("수량 단위"), max_length=20, choices=LicenceMetric.choices, default=LicenceMetric.INSTALLATION
    )
    quantity = models.PositiveIntegerField(_("수량"))
    starts_on = models.DateField(_("시작일"), null=True, blank=True)
    expires_on = models.DateField(_("만료일"), null=True, blank=True, help_text=_("영구 라이선스는 비웁니다"))
    supplier = models.ForeignKey(
        Company, verbose_name=_("공급업체"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cost = MoneyField(_("금액"), null=True, blank=True)
    note = models.CharField(_("비고"), max_length=200, blank=True)

    restrict_scopes = {
        "own_unit": lambda user, units: Q(
            software__in_array=Asset.objects.filter(_asset_own_unit(user, units)).values("pk")
        ),
        "assigned": lambda user, units: Q(
            software__in_array=Asset.objects.filter(_asset_assigned(user, units)).values("pk")
        ),
    }

    class Meta:
        verbose_name = _("라이선스")
        verbose_name_plural = _("라이선스")
        ordering = ["software", "expires_on", "pk"]
        indexes = [models.Index(fields=["expires_on"], name="licence_expires_on")]

    def __str__(self) -> str:
        return f"{self.software.name} 라이선스 {self.quantity:,}"

    def get_additional_data(self) -> dict:
        """The software's history tab finds this licence's entries, its deletion included."""
        return {"software": self.software_id}

    def clean(self) -> None:
        if self.software_id and not self.software.is_software:
            raise ValidationError({"software": E.LICENCE_SOFTWARE.message})
        if self.starts_on and self.expires_on and self.expires_on < self.starts_on:
            raise ValidationError({"expires_on": E.LICENCE_DATES.message})
        if self.software_id and self.quantity is not None:
            licensed = licensed_quantity(self.software_id, exclude=self.pk) + self.quantity
            installed = installations(self.software_id)
            if licensed < installed:
                raise ValidationError({"quantity": E.LICENCE_SHORT.text(licensed=licensed, installed=installed)})

    def removable(self) -> bool:
        """Deleting it must leave at least as many licences as installations."""
        if not self.software.asset_type.licence_required:
            return True
        return licensed_quantity(self.software_id, exclude=self.pk) >= installations(self.software_id)


# --- assignment to a person or a unit (a29.3.4) ------------------------------------------------------------------
class AssetAssignment(PrimaryModel):
    """지급·배정: who holds an asset from when to when, and when they acknowledged receiving it."""

    asset = models.ForeignKey(Asset, verbose_name=_("자산"), on_delete=models.CASCADE, related_name="assignments")
    holder = models.ForeignKey(
        User,
        verbose_name=_("사용자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="asset_assignments",
    )
    holder_unit = models.ForeignKey(OrgUnit, verbose_name=_("사용 부서"), on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField(_("지급일"))
    ends_on = models.DateField(_("반납일"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("수령 확인 일시"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        User, verbose_name=_("지급 처리자"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("비고"), max_length=200, blank=True)

    restrict_scopes = {
        "own_unit": lambda user, units: Q(
            asset__in_array=Asset.objects.filter(_asset_own_unit(user, units)).values("pk")
        ),
        "self": lambda user, units: Q(holder=user),
    }

    def get_additional_data(self) -> dict:
        """The asset's history tab finds this assignment's entries, its deletion included."""
        return {"asset": self.asset_id}

    class Meta:
        verbose_name = _("자산 지급 이력")
        verbose_name_plural = _("자산 지급 이력")
        ordering = ["-starts_on", "-pk"]
        # The list's order, read backwards: the first page no longer sorts 23,000 rows with their joins (issue 12).
        indexes = [models.Index(fields=["starts_on", "id"], name="asset_assignment_order")]

    def __str__(self) -> str:
        who = self.holder.name if self.holder_id else str(self.holder_unit)
        return f"{self.asset.tag} → {who}"

    @property
    def is_current(self) -> bool:
        return self.ends_on is None

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("반납일은 지급일보다 빠를 수 없습니다.")})

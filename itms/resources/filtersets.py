import re

import django_filters
from django.db.models import Q
from django.utils import timezone

from itms.core.filtersets import ItmsFilterSet

from . import attributes
from .choices import HARDWARE_KINDS, AssetCategory, AssetStatus, AttributeType
from .models import (
    Asset,
    AssetAssignment,
    AssetAttributeValue,
    AssetImportJob,
    AssetRelation,
    AssetType,
    AttributeDefinition,
    AuditDiscrepancy,
    InformationSystem,
    InventoryAudit,
    InventoryAuditItem,
    Licence,
    Location,
    MaintenanceContract,
    SystemFunction,
    SystemInterface,
)


class InformationSystemFilterSet(ItmsFilterSet):
    search_fields = ("name", "code", "purpose", "brm_class")

    class Meta:
        model = InformationSystem
        fields = (
            "q",
            "organization",
            "operating_unit",
            "status",
            "grade",
            "is_public",
            "has_personal_data",
            "parent",
            "developed_by_affiliate",
        )


class SystemFunctionFilterSet(ItmsFilterSet):
    search_fields = ("name", "description", "system__name")

    class Meta:
        model = SystemFunction
        fields = ("q", "system")


class SystemInterfaceFilterSet(ItmsFilterSet):
    search_fields = ("data", "source__name", "target__name")

    class Meta:
        model = SystemInterface
        fields = ("q", "source", "target")


# --- reference data -------------------------------------------------------------------------------------------------
class AssetTypeFilterSet(ItmsFilterSet):
    search_fields = ("code", "name", "description")

    class Meta:
        model = AssetType
        fields = ("q", "kind", "licence_required", "is_active")


class AttributeDefinitionFilterSet(ItmsFilterSet):
    search_fields = ("name", "key", "help_text")

    class Meta:
        model = AttributeDefinition
        fields = ("q", "asset_type", "value_type", "required")


class LocationFilterSet(ItmsFilterSet):
    search_fields = ("code", "building", "floor", "room", "address")

    class Meta:
        model = Location
        fields = ("q", "organization", "kind")


class MaintenanceContractFilterSet(ItmsFilterSet):
    search_fields = ("number", "name", "supplier__name", "scope")
    active = django_filters.BooleanFilter(label="계약 기간 중", method="filter_active")

    class Meta:
        model = MaintenanceContract
        fields = ("q", "supplier", "managing_unit", "project", "active")

    def filter_active(self, queryset, name, value):
        today = timezone.localdate()
        current = Q(starts_on__lte=today, ends_on__gte=today)
        return queryset.filter(current) if value else queryset.exclude(current)


# --- assets --------------------------------------------------------------------------------------------------------
COMPARISON = re.compile(r"^\s*(>=|<=|≥|≤|>|<)?\s*(.+?)\s*$")
RANGE = re.compile(r"^\s*(.+?)\s*~\s*(.+?)\s*$")
LOOKUPS = {">=": "gte", "≥": "gte", "<=": "lte", "≤": "lte", ">": "gt", "<": "lt", None: "exact"}


def attribute_condition(definition: AttributeDefinition, text: str) -> Q | None:
    """``value`` as people write it — "RHEL 9", ">= 256", "2026-01-01~2026-12-31" — as a condition on the typed
    index (ADR 0016): the subquery reads (definition, value) through its index, never the JSON of every asset."""
    column = {AttributeType.NUMBER: "value_number", AttributeType.DATE: "value_date"}.get(
        definition.value_type, "value_text"
    )
    parse = {"value_number": attributes.parse_number, "value_date": attributes.parse_date}.get(column, str.strip)
    conditions = {}
    ranged = RANGE.match(text) if column != "value_text" else None
    if ranged:
        low, high = parse(ranged.group(1)), parse(ranged.group(2))
        if low is None or high is None:
            return None
        conditions = {f"{column}__gte": low, f"{column}__lte": high}
    else:
        match = COMPARISON.match(text)
        operator, raw = (match.group(1), match.group(2)) if match and column != "value_text" else (None, text.strip())
        if definition.value_type == AttributeType.BOOLEAN:
            flag = attributes.parse_boolean(raw)
            raw = "예" if flag else "아니요" if flag is not None else raw
        value = parse(raw)
        if value is None:
            return None
        conditions = {f"{column}__{LOOKUPS[operator]}": value}
    rows = AssetAttributeValue.objects.filter(definition=definition, **conditions).values("asset_id")
    return Q(pk__in=rows)


class AssetFilterSet(ItmsFilterSet):
    search_fields = ("tag", "name", "serial_number", "model_name", "manufacturer")
    category = django_filters.ChoiceFilter(label="구분", choices=AssetCategory.choices, method="filter_category")
    coverage = django_filters.ChoiceFilter(
        label="유지관리",
        choices=[("none", "유지관리 주체 없음"), ("contract", "업체 계약"), ("self", "자체 유지관리")],
        method="filter_coverage",
    )
    life = django_filters.ChoiceFilter(
        label="내용연수", choices=[("past", "지남"), ("within", "남음")], method="filter_life"
    )
    support = django_filters.ChoiceFilter(
        label="기술지원", choices=[("past", "종료"), ("active", "지원 중")], method="filter_support"
    )
    currency = django_filters.ChoiceFilter(
        label="현행화", choices=[("stale", "확인 주기 지남"), ("current", "확인됨")], method="filter_currency"
    )
    incomplete = django_filters.BooleanFilter(label="필수속성 누락", method="filter_incomplete")
    attribute = django_filters.ModelChoiceFilter(
        label="필수속성", queryset=AttributeDefinition.objects.select_related("asset_type"), method="filter_nothing"
    )
    value = django_filters.CharFilter(label="속성 값 (예: >= 256, A~B)", method="filter_nothing")

    class Meta:
        model = Asset
        fields = (
            "q",
            "asset_type",
            "category",
            "status",
            "org_unit",
            "system",
            "location",
            "maintenance_contract",
            "holder",
            "is_om_target",
            "coverage",
            "life",
            "support",
            "currency",
            "incomplete",
            "attribute",
            "value",
        )

    def filter_nothing(self, queryset, name, value):
        return queryset  # read together in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        definition = self.form.cleaned_data.get("attribute")
        text = (self.form.cleaned_data.get("value") or "").strip()
        if definition is not None and text:
            condition = attribute_condition(definition, text)
            queryset = queryset.filter(condition) if condition is not None else queryset.none()
        elif definition is not None:
            queryset = queryset.filter(
                pk__in=AssetAttributeValue.objects.filter(definition=definition).values("asset_id")
            )
        return queryset

    def filter_category(self, queryset, name, value):
        if value == AssetCategory.HARDWARE:
            return queryset.filter(asset_type__kind__in=HARDWARE_KINDS)
        return queryset.exclude(asset_type__kind__in=HARDWARE_KINDS)

    def filter_coverage(self, queryset, name, value):
        today = timezone.localdate()
        contract = Q(maintenance_contract__starts_on__lte=today, maintenance_contract__ends_on__gte=today)
        if value == "contract":
            return queryset.filter(contract)
        if value == "self":
            return queryset.filter(maintained_by__isnull=False)
        return queryset.exclude(contract).filter(maintained_by__isnull=True)

    def filter_life(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.filter(life_ends_on__lt=today) if value == "past" else queryset.filter(life_ends_on__gte=today)

    def filter_support(self, queryset, name, value):
        today = timezone.localdate()
        if value == "past":
            return queryset.filter(support_ends_on__lt=today)
        return queryset.filter(support_ends_on__gte=today)

    def filter_currency(self, queryset, name, value):
        from .actions.assets import stale_before

        limit = stale_before()
        stale = Q(verified_on__isnull=True) | Q(verified_on__lt=limit)
        active = queryset.exclude(status=AssetStatus.DISPOSED)
        return active.filter(stale) if value == "stale" else active.exclude(stale)

    def filter_incomplete(self, queryset, name, value):
        return queryset.filter(missing_attributes__gt=0) if value else queryset.filter(missing_attributes=0)


class AssetRelationFilterSet(ItmsFilterSet):
    search_fields = ("source__tag", "source__name", "target_asset__tag", "target_system__name", "note")

    class Meta:
        model = AssetRelation
        fields = ("q", "kind", "source", "target_asset", "target_system")


class LicenceFilterSet(ItmsFilterSet):
    search_fields = ("software__name", "software__tag", "number", "note")
    expired = django_filters.BooleanFilter(label="만료됨", method="filter_expired")

    class Meta:
        model = Licence
        fields = ("q", "software", "kind", "metric", "expired")

    def filter_expired(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.filter(expires_on__lt=today) if value else queryset.exclude(expires_on__lt=today)


class AssetAssignmentFilterSet(ItmsFilterSet):
    search_fields = ("asset__tag", "asset__name", "holder__name", "holder_unit__name")
    current = django_filters.BooleanFilter(label="지급 중", field_name="ends_on", lookup_expr="isnull")
    acknowledged = django_filters.BooleanFilter(label="수령 확인", field_name="acknowledged_at", method="filter_ack")

    class Meta:
        model = AssetAssignment
        fields = ("q", "asset", "holder", "holder_unit", "current", "acknowledged")

    def filter_ack(self, queryset, name, value):
        return queryset.filter(acknowledged_at__isnull=not value)


# --- 실사 ------------------------------------------------------------------------------------------------------------
class InventoryAuditFilterSet(ItmsFilterSet):
    search_fields = ("title", "note")

    class Meta:
        model = InventoryAudit
        fields = ("q", "state", "unit")


class InventoryAuditItemFilterSet(ItmsFilterSet):
    search_fields = ("asset__tag", "asset__name", "observed_tag", "observed_name", "difference")

    class Meta:
        model = InventoryAuditItem
        fields = ("q", "audit", "result")


class AuditDiscrepancyFilterSet(ItmsFilterSet):
    search_fields = ("item__asset__tag", "item__asset__name", "item__observed_name", "resolution_note")

    class Meta:
        model = AuditDiscrepancy
        fields = ("q", "kind", "resolution")


class AssetImportJobFilterSet(ItmsFilterSet):
    search_fields = ("filename", "message")

    class Meta:
        model = AssetImportJob
        fields = ("q", "status")

from django import forms
from django.urls import reverse_lazy

from itms.core.forms import ItmsForm, ItmsModelForm

from . import attributes
from .choices import HARDWARE_KINDS, LABEL_SIZES, AttributeType, CheckResult, Resolution
from .models import (
    Asset,
    AssetRelation,
    AssetType,
    AttributeDefinition,
    InformationSystem,
    InventoryAudit,
    Licence,
    Location,
    MaintenanceContract,
    SystemFunction,
    SystemInterface,
)


class InformationSystemForm(ItmsModelForm):
    class Meta:
        model = InformationSystem
        fields = (
            "name",
            "code",
            "purpose",
            "organization",
            "operating_unit",
            "officer",
            "parent",
            "brm_class",
            "service_start",
            "status",
            "is_public",
            "grade",
            "has_personal_data",
            "build_cost",
            "annual_om_cost",
            "developed_by_affiliate",
            "operation_policy",
            "security_policy",
            "policy_established_on",
        )


class SystemFunctionForm(ItmsModelForm):
    class Meta:
        model = SystemFunction
        fields = ("system", "name", "description")


class SystemInterfaceForm(ItmsModelForm):
    class Meta:
        model = SystemInterface
        fields = ("source", "target", "data")


# --- reference data -------------------------------------------------------------------------------------------------
class AssetTypeForm(ItmsModelForm):
    class Meta:
        model = AssetType
        fields = ("code", "name", "kind", "useful_life_years", "licence_required", "description", "is_active")


class AttributeDefinitionForm(ItmsModelForm):
    class Meta:
        model = AttributeDefinition
        fields = ("asset_type", "name", "key", "value_type", "unit", "required", "allowed_values", "order", "help_text")
        widgets = {"allowed_values": forms.Textarea(attrs={"rows": 4})}


class LocationForm(ItmsModelForm):
    class Meta:
        model = Location
        fields = ("code", "organization", "building", "floor", "room", "kind", "address")


class MaintenanceContractForm(ItmsModelForm):
    class Meta:
        model = MaintenanceContract
        fields = (
            "number",
            "name",
            "supplier",
            "project",
            "managing_unit",
            "starts_on",
            "ends_on",
            "annual_amount",
            "systems",
            "scope",
        )


# --- the asset and its type-specific attributes ------------------------------------------------------------------------
class AttributesWidget(forms.Widget):
    """One input per attribute the chosen asset type defines (a29.3.3); the values travel as ``attributes__<key>``."""

    template_name = "resources/widgets/attributes.html"
    prefix = "attributes__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.definitions: list[attributes.Definition] = []

    def value_from_datadict(self, data, files, name):
        values = {}
        for definition in self.definitions:
            key = f"{self.prefix}{definition.key}"
            if key in data:
                values[definition.key] = data.get(key)
        return values

    def value_omitted_from_data(self, data, files, name):
        return False

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        value = value if isinstance(value, dict) else {}
        context["widget"]["rows"] = [
            {
                "definition": d,
                "name": f"{self.prefix}{d.key}",
                "id": f"id_{self.prefix}{d.key}",
                "value": _input_value(d, value.get(d.key)),
                "choices": d.choices,
                "input_type": {"number": "number", "date": "date"}.get(d.value_type, "text"),
            }
            for d in self.definitions
        ]
        context["widget"]["url"] = reverse_lazy("resources:asset_attribute_fields")
        return context


def _input_value(definition, value) -> str:
    if value is None:
        return ""
    if definition.value_type == AttributeType.BOOLEAN:
        flag = attributes.parse_boolean(value)
        return "" if flag is None else ("예" if flag else "아니요")
    return str(value)


class AttributesField(forms.Field):
    widget = AttributesWidget

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        kwargs.pop("max_length", None)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return value if isinstance(value, dict) else {}

    def has_changed(self, initial, data):
        return (initial or {}) != (data or {})


class AssetForm(ItmsModelForm):
    """The asset with the attributes its type defines: choosing a type redraws them (htmx), and without
    JavaScript the form comes back with the chosen type's attributes to fill in."""

    class Meta:
        model = Asset
        fields = (
            "tag",
            "name",
            "asset_type",
            "status",
            "org_unit",
            "officer",
            "system",
            "attributes",
            "manufacturer",
            "model_name",
            "serial_number",
            "version",
            "acquired_on",
            "acquisition_cost",
            "useful_life_years",
            "support_ends_on",
            "location",
            "rack",
            "rack_unit",
            "supplier",
            "project",
            "is_om_target",
            "maintenance_contract",
            "maintained_by",
            "note",
        )
        field_classes = {"attributes": AttributesField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("attributes")
        if field is not None:
            field.widget.definitions = self._definitions()
        if "asset_type" in self.fields:
            self.fields["asset_type"].queryset = AssetType.objects.filter(is_active=True)
            self.fields["asset_type"].widget.attrs.update(
                {
                    "hx-get": str(reverse_lazy("resources:asset_attribute_fields")),
                    "hx-target": "#asset-attributes",
                    "hx-swap": "outerHTML",
                    "hx-trigger": "change",
                    "hx-include": "[name^='attributes__']",
                }
            )
        if "status" in self.fields:
            self.fields["status"].choices = [c for c in self.fields["status"].choices if c[0] != "disposed"]

    def _definitions(self) -> list[attributes.Definition]:
        type_id = None
        if self.is_bound:
            type_id = self.data.get(self.add_prefix("asset_type"))
        if not type_id and self.instance.pk:
            type_id = self.instance.asset_type_id
        if not type_id:
            type_id = self.initial.get("asset_type")
        if not type_id or not str(type_id).isdigit():
            return []
        asset_type = AssetType.objects.filter(pk=type_id).first()
        return asset_type.definitions if asset_type else []


class AssetRelationForm(ItmsModelForm):
    class Meta:
        model = AssetRelation
        fields = ("source", "kind", "target_asset", "target_system", "note")


class LicenceForm(ItmsModelForm):
    class Meta:
        model = Licence
        fields = (
            "software",
            "number",
            "kind",
            "metric",
            "quantity",
            "starts_on",
            "expires_on",
            "supplier",
            "cost",
            "note",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "software" in self.fields:
            self.fields["software"].queryset = Asset.objects.exclude(asset_type__kind__in=HARDWARE_KINDS)


# --- 실사 -------------------------------------------------------------------------------------------------------------
class InventoryAuditForm(ItmsModelForm):
    class Meta:
        model = InventoryAudit
        fields = (
            "title",
            "unit",
            "scope_units",
            "scope_types",
            "scope_systems",
            "officers",
            "starts_on",
            "ends_on",
            "note",
        )


class CheckForm(ItmsForm):
    asset = forms.IntegerField(widget=forms.HiddenInput)
    result = forms.ChoiceField(
        label="확인 결과",
        choices=[(v, label) for v, label in CheckResult.choices if v in ("found", "differs", "missing")],
    )
    difference = forms.CharField(
        label="차이 내용", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    observed_location = forms.CharField(label="현장 위치", required=False, max_length=200)
    note = forms.CharField(label="비고", required=False, max_length=300)


class NewAssetFoundForm(ItmsForm):
    observed_tag = forms.CharField(label="현장 자산번호", required=False, max_length=40)
    observed_name = forms.CharField(label="자산명(제품명)", required=False, max_length=200)
    observed_serial = forms.CharField(label="일련번호", required=False, max_length=100)
    observed_location = forms.CharField(label="현장 위치", required=False, max_length=200)
    note = forms.CharField(label="비고", required=False, max_length=300)


class ResolveForm(ItmsForm):
    resolution = forms.ChoiceField(label="처리", choices=[(v, label) for v, label in Resolution.choices if v != "open"])
    note = forms.CharField(
        label="처리 내용(사유)", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    registered_tag = forms.CharField(label="등록한 자산번호", required=False, max_length=40)


# --- assignment, write-off, labels, import ---------------------------------------------------------------------------
class AssignForm(ItmsForm):
    holder = forms.CharField(label="사용자 아이디", required=False, max_length=150)
    holder_unit = forms.CharField(label="사용 부서 코드", required=False, max_length=20)
    starts_on = forms.DateField(label="지급일", required=False, widget=forms.DateInput)
    note = forms.CharField(label="비고", required=False, max_length=200)


class DisposeForm(ItmsForm):
    reason = forms.CharField(label="불용 사유", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))


class LabelForm(ItmsForm):
    size = forms.ChoiceField(label="라벨 용지", choices=[(k, v[0]) for k, v in LABEL_SIZES.items()], initial="l7160")


class ImportUploadForm(ItmsForm):
    file = forms.FileField(
        label="XLSX 또는 CSV 파일",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
        allow_empty_file=False,
    )

"""Serializer base: model validation (Model.clean) in Korean, ids plus readable labels.

In core, not in the API app, so that domain apps define their serializers without importing ``itms.api``
(``itms.api.serializers`` re-exports it).
"""

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from itms.core.errors import CodedError, CoreErrors, Refused


class GatedFields(Refused):
    """Fields the user may not write here (another role's, or only a workflow step's): nothing is saved."""

    def __init__(self, fields: dict):
        names = ", ".join(str(f.label or n) for n, f in fields.items())
        first = next(iter(fields))
        why = (
            "절차(진행 단계)로만 바뀝니다."
            if first in ("state", "stage")
            else "이 단계나 역할에서는 바꿀 수 없는 항목입니다."
        )
        super().__init__(CoreErrors.READ_ONLY_FIELD, label=names, why=why)
        self.fields = list(fields)


class ItmsModelSerializer(serializers.ModelSerializer):
    display = serializers.SerializerMethodField(label="표시명")
    url = serializers.SerializerMethodField(label="화면 주소")

    def get_display(self, obj) -> str:
        return str(obj)

    def get_url(self, obj) -> str:
        return obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""

    def include_extra_kwargs(self, kwargs, extra_kwargs):
        # DRF drops allow_blank from read-only fields, so the schema's enum of a blank-able choice field would
        # lack "" (no BlankEnum) although responses carry it (e.g. Obligation.owed_to_role).
        blank_choice = bool(kwargs.get("allow_blank") and kwargs.get("choices"))
        kwargs = super().include_extra_kwargs(kwargs, extra_kwargs)
        if blank_choice:
            kwargs["allow_blank"] = True
        return kwargs

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        # A non-editable field comes back read-only before DRF reads blank, so its enum would lack "" too
        # (e.g. MeasurementTarget.band before the computation).
        if kwargs.get("read_only") and model_field.choices and model_field.blank and "choices" in kwargs:
            kwargs["allow_blank"] = True
        return field_class, kwargs

    def get_fields(self):
        fields = super().get_fields()
        writable = self.context.get("writable")
        if writable is not None:
            # Only what the form offers this user here (itms.core.gate); workflow state and the project's stage
            # are never among them: the workflow engine writes those.
            model_fields = {f.name for f in self.Meta.model._meta.get_fields()}
            for name, field in fields.items():
                if name in writable:
                    continue
                if not field.read_only:
                    field.read_only, field.required = True, False
                # Sending a read-only field with another value is refused, not silently dropped.
                if name in model_fields and name not in ("id", "created_at", "updated_at"):
                    field.gated = True
        return fields

    def to_internal_value(self, data):
        if self.context.get("writable") is not None and hasattr(data, "keys"):
            refused = {}
            for name in data:
                field = self.fields.get(name)
                if field is not None and getattr(field, "gated", False) and self._would_change(field, data[name]):
                    refused[name] = field
            if refused:
                raise GatedFields(refused)
        return super().to_internal_value(data)

    def _would_change(self, field, value) -> bool:
        """Sending a field back unchanged (a GET body PUT back) is harmless; changing it is refused."""
        if self.instance is None:
            return True
        try:
            current = field.to_representation(field.get_attribute(self.instance))
        except (AttributeError, KeyError, TypeError, ValueError, ObjectDoesNotExist):
            return True  # cannot be read back: treated as a change
        if isinstance(current, list) and isinstance(value, list):
            return sorted(map(str, current)) != sorted(map(str, value))
        return str(current) != str(value)

    def run_validation(self, data=serializers.empty):
        try:
            return super().run_validation(data)
        except serializers.ValidationError as error:
            coded = getattr(self, "_coded_refusal", None)
            if coded is not None:
                raise coded from error
            raise

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        instance = self.instance or model()
        plain = {k: v for k, v in attrs.items() if not model._meta.get_field(k).many_to_many}
        originals = {k: getattr(instance, k) for k in plain} if self.instance else {}
        for key, value in plain.items():
            setattr(instance, key, value)
        try:
            instance.clean()
        except DjangoValidationError as error:
            if isinstance(error, CodedError):
                self._coded_refusal = error  # answered as {code, message, clause} (run_validation)
            raise serializers.ValidationError(
                error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
            ) from error
        finally:
            for key, value in originals.items():
                setattr(instance, key, value)
        return attrs

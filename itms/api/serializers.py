"""Serializer base: model validation (Model.clean) in Korean, ids plus readable labels."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers


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
            raise serializers.ValidationError(
                error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
            ) from error
        finally:
            for key, value in originals.items():
                setattr(instance, key, value)
        return attrs

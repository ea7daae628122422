"""Field types with a meaning the UI knows how to show."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class MoneyField(models.BigIntegerField):
    """An amount in 원 (whole won, never negative); shown as 1,234,000,000원."""

    default_error_messages = {"invalid": _("금액은 원 단위의 정수로 입력하십시오.")}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [MinValueValidator(0, _("금액은 0원 이상이어야 합니다."))])
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("validators", None)
        return name, path, args, kwargs

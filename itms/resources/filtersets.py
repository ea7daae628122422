from itms.core.filtersets import ItmsFilterSet

from .models import InformationSystem, SystemFunction, SystemInterface


class InformationSystemFilterSet(ItmsFilterSet):
    search_fields = ("name", "code", "purpose", "brm_class")

    class Meta:
        model = InformationSystem
        fields = ("q", "organization", "operating_unit", "status", "grade", "is_public", "has_personal_data", "parent")


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

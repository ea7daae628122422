from itms.core.serializers import ItmsModelSerializer

from ..models import InformationSystem, SystemFunction, SystemInterface


class InformationSystemSerializer(ItmsModelSerializer):
    class Meta:
        model = InformationSystem
        fields = (
            "id",
            "display",
            "url",
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
        )


class SystemFunctionSerializer(ItmsModelSerializer):
    class Meta:
        model = SystemFunction
        fields = ("id", "display", "url", "system", "name", "description")


class SystemInterfaceSerializer(ItmsModelSerializer):
    class Meta:
        model = SystemInterface
        fields = ("id", "display", "url", "source", "target", "data")

from itms.core.forms import ItmsModelForm

from .models import InformationSystem, SystemFunction, SystemInterface


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
        )


class SystemFunctionForm(ItmsModelForm):
    class Meta:
        model = SystemFunction
        fields = ("system", "name", "description")


class SystemInterfaceForm(ItmsModelForm):
    class Meta:
        model = SystemInterface
        fields = ("source", "target", "data")

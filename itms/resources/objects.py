from itms.core.registry import register

from . import filtersets, forms, tables
from .api import serializers
from .models import InformationSystem, SystemFunction, SystemInterface

register(
    InformationSystem,
    table=tables.InformationSystemTable,
    filterset=filtersets.InformationSystemFilterSet,
    form=forms.InformationSystemForm,
    serializer=serializers.InformationSystemSerializer,
    menu=("resources", "정보시스템"),
    select_related=("organization", "operating_unit"),
    search_choices=True,
    related=[
        ("기능", "functions", tables.SystemFunctionTable),
        ("하위 시스템", "subsystems", tables.InformationSystemTable),
        ("보내는 연계", "outgoing", tables.SystemInterfaceTable),
        ("받는 연계", "incoming", tables.SystemInterfaceTable),
    ],
    import_fields=(
        "name",
        "code",
        "purpose",
        "organization",
        "operating_unit",
        "parent",
        "brm_class",
        "service_start",
        "status",
        "is_public",
        "grade",
        "has_personal_data",
        "build_cost",
        "annual_om_cost",
    ),
    import_lookups={"organization": "code", "operating_unit": "code", "parent": "code"},
)
register(
    SystemFunction,
    table=tables.SystemFunctionTable,
    filterset=filtersets.SystemFunctionFilterSet,
    form=forms.SystemFunctionForm,
    serializer=serializers.SystemFunctionSerializer,
    menu=("resources", "시스템 기능"),
    select_related=("system",),
    import_fields=("system", "name", "description"),
    import_lookups={"system": "code"},
)
register(
    SystemInterface,
    table=tables.SystemInterfaceTable,
    filterset=filtersets.SystemInterfaceFilterSet,
    form=forms.SystemInterfaceForm,
    serializer=serializers.SystemInterfaceSerializer,
    menu=("resources", "시스템 연계"),
    select_related=("source", "target"),
)

import django_tables2 as tables

from itms.core.tables import BooleanColumn, DateColumn, ItmsTable, MoneyColumn, ObjectColumn

from .models import InformationSystem, SystemFunction, SystemInterface


class InformationSystemTable(ItmsTable):
    code = tables.Column(attrs={"td": {"class": "text-nowrap"}})
    name = tables.Column(linkify=True)
    operating_unit = tables.Column(linkify=True)
    service_start = DateColumn()
    is_public = BooleanColumn(verbose_name="대국민")
    annual_om_cost = MoneyColumn()

    class Meta(ItmsTable.Meta):
        model = InformationSystem
        fields = (
            "code",
            "name",
            "organization",
            "operating_unit",
            "status",
            "grade",
            "is_public",
            "service_start",
            "annual_om_cost",
        )


class SystemFunctionTable(ItmsTable):
    name = tables.Column(linkify=True)
    system = tables.Column(linkify=True)

    class Meta(ItmsTable.Meta):
        model = SystemFunction
        fields = ("name", "system", "description")


class SystemInterfaceTable(ItmsTable):
    interface = ObjectColumn(verbose_name="연계")
    source = tables.Column(linkify=True)
    target = tables.Column(linkify=True)

    class Meta(ItmsTable.Meta):
        model = SystemInterface
        fields = ("interface", "source", "target", "data")

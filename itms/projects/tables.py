import django_tables2 as tables

from itms.core.tables import BooleanColumn, DateColumn, ItmsTable, MoneyColumn, ObjectColumn

from .models import BudgetLine, Project, ProjectParticipant


class ProjectTable(ItmsTable):
    name = tables.Column(linkify=True)
    sponsor_unit = tables.Column(linkify=True)
    total_budget = MoneyColumn()
    is_new_technology = BooleanColumn()

    class Meta(ItmsTable.Meta):
        model = Project
        fields = (
            "code",
            "name",
            "organization",
            "sponsor_unit",
            "kind",
            "start_year",
            "end_year",
            "total_budget",
            "is_new_technology",
            "stage",
        )


class ProjectParticipantTable(ItmsTable):
    project = tables.Column(linkify=True)
    user = tables.Column(linkify=lambda record: record.get_absolute_url(), verbose_name="참여자")
    start_date = DateColumn()
    end_date = DateColumn()

    class Meta(ItmsTable.Meta):
        model = ProjectParticipant
        fields = ("project", "user", "role", "start_date", "end_date")


class BudgetLineTable(ItmsTable):
    line = ObjectColumn(verbose_name="연도별 예산")
    amount = MoneyColumn()
    hw_sw_purchase = MoneyColumn()

    class Meta(ItmsTable.Meta):
        model = BudgetLine
        fields = ("line", "project", "year", "amount", "hw_sw_purchase")

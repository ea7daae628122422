from itms.core.forms import ItmsModelForm

from .models import BudgetLine, Project, ProjectParticipant


class ProjectForm(ItmsModelForm):
    class Meta:
        model = Project
        fields = (
            "name",
            "code",
            "organization",
            "sponsor_unit",
            "co_units",
            "kind",
            "start_year",
            "end_year",
            "total_budget",
            "funding",
            "funding_body",
            "is_new_technology",
            "related_systems",
            "strategic_tasks",
            "preceded_by",
            "summary",
        )


class ProjectParticipantForm(ItmsModelForm):
    class Meta:
        model = ProjectParticipant
        fields = ("project", "user", "role", "start_date", "end_date")


class BudgetLineForm(ItmsModelForm):
    class Meta:
        model = BudgetLine
        fields = ("project", "year", "amount", "hw_sw_purchase")

from itms.core.serializers import ItmsModelSerializer

from ..models import BudgetLine, Project, ProjectParticipant


class ProjectSerializer(ItmsModelSerializer):
    class Meta:
        model = Project
        fields = (
            "id",
            "display",
            "url",
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
            "stage",
            "related_systems",
            "strategic_tasks",
            "preceded_by",
            "summary",
        )


class ProjectParticipantSerializer(ItmsModelSerializer):
    class Meta:
        model = ProjectParticipant
        fields = ("id", "display", "url", "project", "user", "role", "start_date", "end_date")


class BudgetLineSerializer(ItmsModelSerializer):
    class Meta:
        model = BudgetLine
        fields = ("id", "display", "url", "project", "year", "amount", "hw_sw_purchase")

import django_filters

from itms.core.filtersets import ItmsFilterSet

from .models import BudgetLine, Project, ProjectParticipant


class ProjectFilterSet(ItmsFilterSet):
    search_fields = ("name", "code", "summary")
    year = django_filters.NumberFilter(method="filter_year", label="사업연도")
    budget_min = django_filters.NumberFilter(field_name="total_budget", lookup_expr="gte", label="총사업비 이상(원)")
    budget_max = django_filters.NumberFilter(field_name="total_budget", lookup_expr="lte", label="총사업비 이하(원)")

    class Meta:
        model = Project
        fields = (
            "q",
            "year",
            "organization",
            "sponsor_unit",
            "kind",
            "stage",
            "is_new_technology",
            "funding",
            "budget_min",
            "budget_max",
        )

    def filter_year(self, queryset, name, value):
        return queryset.filter(start_year__lte=value, end_year__gte=value)


class ProjectParticipantFilterSet(ItmsFilterSet):
    search_fields = ("project__name", "user__name")

    class Meta:
        model = ProjectParticipant
        fields = ("q", "project", "role")


class BudgetLineFilterSet(ItmsFilterSet):
    search_fields = ("project__name", "project__code")

    class Meta:
        model = BudgetLine
        fields = ("q", "project", "year")

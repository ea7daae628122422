import django_filters

from itms.core.filtersets import ItmsFilterSet

from .models import Assignment, Company, Organization, OrgUnit, Position, RoleBinding, User


class OrganizationFilterSet(ItmsFilterSet):
    search_fields = ("name", "short_name", "code")

    class Meta:
        model = Organization
        fields = ("q", "kind", "parent", "is_active")


class OrgUnitFilterSet(ItmsFilterSet):
    search_fields = ("name", "code")

    class Meta:
        model = OrgUnit
        fields = ("q", "organization", "kind", "is_it_department", "is_budget_department", "is_active")


class PositionFilterSet(ItmsFilterSet):
    search_fields = ("title", "unit__name")

    class Meta:
        model = Position
        fields = ("q", "unit", "grade", "is_head", "is_active")


class CompanyFilterSet(ItmsFilterSet):
    search_fields = ("name", "business_number", "representative")

    class Meta:
        model = Company
        fields = ("q",)


class UserFilterSet(ItmsFilterSet):
    search_fields = ("name", "username", "email")
    unit = django_filters.ModelChoiceFilter(queryset=OrgUnit.objects.all(), method="filter_unit", label="부서")

    class Meta:
        model = User
        fields = ("q", "kind", "company", "is_active", "unit")

    def filter_unit(self, queryset, name, value):
        return queryset.filter(pk__in=Assignment.objects.active_on().filter(position__unit=value).values("user_id"))


class AssignmentFilterSet(ItmsFilterSet):
    search_fields = ("user__name", "position__title", "position__unit__name")

    class Meta:
        model = Assignment
        fields = ("q", "kind", "position__unit", "user")


class RoleBindingFilterSet(ItmsFilterSet):
    search_fields = ("position__title", "position__unit__name", "note")

    class Meta:
        model = RoleBinding
        fields = ("q", "role")

from itms.core.serializers import ItmsModelSerializer

from ..models import Assignment, Company, Organization, OrgUnit, Position, RoleBinding, User


class OrganizationSerializer(ItmsModelSerializer):
    class Meta:
        model = Organization
        fields = ("id", "display", "url", "name", "short_name", "kind", "parent", "code", "sort_order", "is_active")


class OrgUnitSerializer(ItmsModelSerializer):
    class Meta:
        model = OrgUnit
        fields = (
            "id",
            "display",
            "url",
            "organization",
            "parent",
            "name",
            "kind",
            "code",
            "is_it_department",
            "is_budget_department",
            "sort_order",
            "is_active",
        )


class PositionSerializer(ItmsModelSerializer):
    class Meta:
        model = Position
        fields = ("id", "display", "url", "unit", "title", "grade", "is_head", "sort_order", "is_active")


class CompanySerializer(ItmsModelSerializer):
    class Meta:
        model = Company
        fields = ("id", "display", "url", "name", "business_number", "representative", "phone", "address")


class UserSerializer(ItmsModelSerializer):
    class Meta:
        model = User
        fields = (
            "id",
            "display",
            "url",
            "username",
            "name",
            "kind",
            "email",
            "company",
            "employee_number",
            "phone",
            "affiliation",
            "expertise",
            "is_active",
        )


class AssignmentSerializer(ItmsModelSerializer):
    class Meta:
        model = Assignment
        fields = ("id", "display", "url", "user", "position", "kind", "start_date", "end_date", "reason")


class RoleBindingSerializer(ItmsModelSerializer):
    class Meta:
        model = RoleBinding
        fields = ("id", "display", "url", "role", "position", "scope_unit", "start_date", "end_date", "note")

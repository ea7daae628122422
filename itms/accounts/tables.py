import django_tables2 as tables

from itms.core.tables import BooleanColumn, DateColumn, ItmsTable, ObjectColumn

from .models import Assignment, Company, Organization, OrgUnit, Position, RoleBinding, User


class OrganizationTable(ItmsTable):
    name = tables.Column(linkify=True)
    parent = tables.Column(linkify=True)
    is_active = BooleanColumn()

    class Meta(ItmsTable.Meta):
        model = Organization
        fields = ("name", "short_name", "kind", "parent", "code", "is_active")


class OrgUnitTable(ItmsTable):
    name = tables.Column(linkify=True)
    organization = tables.Column(linkify=True)
    parent = tables.Column(linkify=True)
    is_it_department = BooleanColumn()
    is_budget_department = BooleanColumn()

    class Meta(ItmsTable.Meta):
        model = OrgUnit
        fields = ("name", "organization", "parent", "kind", "code", "is_it_department", "is_budget_department")


class PositionTable(ItmsTable):
    title = tables.Column(linkify=True)
    unit = tables.Column(linkify=True)
    is_head = BooleanColumn()

    class Meta(ItmsTable.Meta):
        model = Position
        fields = ("title", "unit", "grade", "is_head", "is_active")


class CompanyTable(ItmsTable):
    name = tables.Column(linkify=True)

    class Meta(ItmsTable.Meta):
        model = Company
        fields = ("name", "business_number", "representative", "phone")


class UserTable(ItmsTable):
    name = tables.Column(linkify=True)
    company = tables.Column(linkify=True)
    last_login = DateColumn()
    is_active = BooleanColumn()

    class Meta(ItmsTable.Meta):
        model = User
        fields = ("name", "username", "kind", "company", "email", "is_active", "last_login")


class AssignmentTable(ItmsTable):
    assignment = ObjectColumn(verbose_name="보직")
    user = tables.Column(linkify=True)
    position = tables.Column(linkify=True)
    start_date = DateColumn()
    end_date = DateColumn()

    class Meta(ItmsTable.Meta):
        model = Assignment
        fields = ("assignment", "user", "position", "kind", "start_date", "end_date", "reason")


class RoleBindingTable(ItmsTable):
    binding = ObjectColumn(verbose_name="역할 지정")
    role = tables.Column()
    position = tables.Column(linkify=True)
    scope_unit = tables.Column(linkify=True)

    class Meta(ItmsTable.Meta):
        model = RoleBinding
        fields = ("binding", "role", "position", "scope_unit", "start_date", "end_date", "note")

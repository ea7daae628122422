"""Record types of this app: pages, menu entries and API by registration."""

from itms.core.registry import register

from . import filtersets, forms, tables
from .api import serializers
from .models import Assignment, Company, Organization, OrgUnit, Position, RoleBinding, User
from .views import user_detail_context

register(
    Organization,
    table=tables.OrganizationTable,
    filterset=filtersets.OrganizationFilterSet,
    form=forms.OrganizationForm,
    serializer=serializers.OrganizationSerializer,
    menu=("admin", "기관"),
    select_related=("parent",),
)
register(
    OrgUnit,
    table=tables.OrgUnitTable,
    filterset=filtersets.OrgUnitFilterSet,
    form=forms.OrgUnitForm,
    serializer=serializers.OrgUnitSerializer,
    menu=("admin", "부서"),
    path="org-units",
    select_related=("organization", "parent"),
    search_choices=True,
)
register(
    Position,
    table=tables.PositionTable,
    filterset=filtersets.PositionFilterSet,
    form=forms.PositionForm,
    serializer=serializers.PositionSerializer,
    menu=("admin", "직위"),
    select_related=("unit",),
    search_choices=True,
    related=[
        ("보직 이력", "assignments", tables.AssignmentTable),
        ("역할 지정", "role_bindings", tables.RoleBindingTable),
    ],
)
register(
    User,
    table=tables.UserTable,
    filterset=filtersets.UserFilterSet,
    form=forms.UserForm,
    serializer=serializers.UserSerializer,
    menu=("admin", "사용자"),
    select_related=("company",),
    search_choices=True,
    detail_fields=[
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
        "last_login",
        "date_joined",
    ],
    related=[("보직", "assignments", tables.AssignmentTable)],
    can_delete=False,  # people leave; accounts are deactivated, never deleted (the audit trail points at them)
    detail_template="accounts/user_detail.html",
    detail_context=lambda user, request: user_detail_context(user, request),
)
register(
    Company,
    table=tables.CompanyTable,
    filterset=filtersets.CompanyFilterSet,
    form=forms.CompanyForm,
    serializer=serializers.CompanySerializer,
    menu=("admin", "업체"),
    path="companies",
    related=[("소속 직원", "staff", tables.UserTable)],
)
register(
    Assignment,
    table=tables.AssignmentTable,
    filterset=filtersets.AssignmentFilterSet,
    form=forms.AssignmentForm,
    serializer=serializers.AssignmentSerializer,
    menu=("admin", "보직·직무대행"),
    select_related=("user", "position__unit"),
)
register(
    RoleBinding,
    table=tables.RoleBindingTable,
    filterset=filtersets.RoleBindingFilterSet,
    form=forms.RoleBindingForm,
    serializer=serializers.RoleBindingSerializer,
    menu=("admin", "역할 지정"),
    select_related=("position__unit", "scope_unit"),
)

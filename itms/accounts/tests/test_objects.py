"""Every organisation record type passes the generic CRUD, export and API suites."""

from itms.accounts.factories import (
    AssignmentFactory,
    CompanyFactory,
    OrganizationFactory,
    OrgUnitFactory,
    PositionFactory,
    RoleBindingFactory,
    UserFactory,
)
from itms.accounts.models import Organization, OrgUnit, Position, User
from itms.testing.suites import ObjectTypeTests


class TestOrganization(ObjectTypeTests):
    label = "accounts.organization"

    def make(self, n):
        return OrganizationFactory.create_batch(n)

    def create_data(self):
        kcs = Organization.objects.get(code="KCS")
        return {
            "name": "목포세관",
            "short_name": "목포",
            "kind": "affiliate",
            "parent": kcs.pk,
            "code": "MOK",
            "sort_order": 50,
            "is_active": "on",
        }

    def update_data(self, obj):
        return {**self.create_data(), "name": obj.name + " (개칭)", "code": obj.code}

    def invalid_data(self):
        # An affiliate must hang under a parent organisation.
        return {"name": "상위없는세관", "kind": "affiliate", "code": "NOPARENT", "sort_order": 1}, "parent"


class TestOrgUnit(ObjectTypeTests):
    label = "accounts.orgunit"

    def make(self, n):
        return OrgUnitFactory.create_batch(n)

    def create_data(self):
        kcs = Organization.objects.get(code="KCS")
        return {
            "organization": kcs.pk,
            "name": "정보보호팀",
            "kind": "team",
            "code": "KCS-SEC",
            "sort_order": 99,
            "is_it_department": "on",
            "is_active": "on",
        }

    def update_data(self, obj):
        return {
            "organization": obj.organization_id,
            "name": obj.name,
            "kind": obj.kind,
            "code": obj.code,
            "sort_order": 7,
            "is_budget_department": "on",
            "is_active": "on",
        }

    def invalid_data(self):
        other = OrgUnit.objects.get(code="ICN-OPS")  # a unit of 인천공항본부세관
        kcs = Organization.objects.get(code="KCS")
        return {
            "organization": kcs.pk,
            "parent": other.pk,
            "name": "엇갈린과",
            "kind": "division",
            "code": "X-1",
            "sort_order": 1,
        }, "parent"


class TestPosition(ObjectTypeTests):
    label = "accounts.position"

    def make(self, n):
        return PositionFactory.create_batch(n)

    def create_data(self):
        unit = OrgUnit.objects.get(code="KCS-DAT")
        return {
            "unit": unit.pk,
            "title": "데이터 표준 담당 사무관",
            "grade": "grade_5",
            "sort_order": 3,
            "is_active": "on",
        }

    def update_data(self, obj):
        return {
            "unit": obj.unit_id,
            "title": obj.title + "(변경)",
            "grade": "grade_5",
            "sort_order": 1,
            "is_active": "on",
        }

    def invalid_data(self):
        unit = OrgUnit.objects.get(code="KCS-DAT")
        return {"unit": unit.pk, "title": "", "grade": "grade_5", "sort_order": 1}, "title"


class TestCompany(ObjectTypeTests):
    label = "accounts.company"

    def make(self, n):
        return CompanyFactory.create_batch(n)

    def create_data(self):
        return {"name": "(주)관세소프트", "business_number": "220-81-62517", "representative": "정대표"}

    def update_data(self, obj):
        return {"name": obj.name, "business_number": obj.business_number, "phone": "042-481-0000"}

    def invalid_data(self):
        return {"name": "(주)엉터리", "business_number": "123-45-67892"}, "business_number"


class TestUser(ObjectTypeTests):
    label = "accounts.user"

    def make(self, n):
        return UserFactory.create_batch(n)

    def create_data(self):
        return {
            "username": "newcomer",
            "name": "신입직원",
            "kind": "staff",
            "email": "newcomer@customs.example",
            "password": "Welcome-2026!",
            "is_active": "on",
        }

    def update_data(self, obj):
        return {
            "username": obj.username,
            "name": obj.name,
            "kind": obj.kind,
            "email": "changed@customs.example",
            "is_active": "on",
        }

    def invalid_data(self):
        # A vendor's staff member must belong to a company.
        return {
            "username": "nocompany",
            "name": "업체직원",
            "kind": "vendor",
            "password": "Welcome-2026!",
            "is_active": "on",
        }, "company"

    def api_data(self, data):
        data = super().api_data(data)
        data.pop("password", None)  # the API never sets passwords
        data["is_active"] = True
        return data


class TestAssignment(ObjectTypeTests):
    label = "accounts.assignment"

    def make(self, n):
        return AssignmentFactory.create_batch(n)

    def create_data(self):
        user = UserFactory()
        position = PositionFactory()
        return {"user": user.pk, "position": position.pk, "kind": "regular", "start_date": "2026-03-02"}

    def update_data(self, obj):
        return {
            "user": obj.user_id,
            "position": obj.position_id,
            "kind": obj.kind,
            "start_date": "2025-01-01",
            "end_date": "2026-12-31",
        }

    def invalid_data(self):
        # 직무대행 needs an end date and a reason (a4.7).
        user = User.objects.get(username="itstaff")
        position = Position.objects.get(unit__code="KCS-DAT", is_head=True)
        return {"user": user.pk, "position": position.pk, "kind": "acting", "start_date": "2026-03-02"}, "end_date"


class TestRoleBinding(ObjectTypeTests):
    label = "accounts.rolebinding"

    def make(self, n):
        return RoleBindingFactory.create_batch(n)

    def create_data(self):
        return {"role": "asset_officer", "position": PositionFactory().pk}

    def update_data(self, obj):
        return {"role": obj.role, "position": obj.position_id, "note": "담당 범위 조정"}

    def invalid_data(self):
        return {"role": "no_such_role", "position": PositionFactory().pk}, "role"

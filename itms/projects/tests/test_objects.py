"""정보화사업 and its participants pass the generic CRUD, export and API suites."""

from itms.accounts.models import Organization, OrgUnit, User
from itms.projects.factories import ProjectFactory, ProjectParticipantFactory
from itms.projects.models import Project
from itms.testing.suites import ObjectTypeTests


class TestProject(ObjectTypeTests):
    label = "projects.project"

    def make(self, n):
        return ProjectFactory.create_batch(n)

    def create_data(self):
        return {
            "name": "통관 빅데이터 연계 시스템 구축",
            "code": "2028-CLP-901",
            "organization": Organization.objects.get(code="KCS").pk,
            "sponsor_unit": OrgUnit.objects.get(code="KCS-CLP").pk,
            "co_units": [OrgUnit.objects.get(code="KCS-IMP").pk],
            "kind": "construction",
            "start_year": 2027,
            "end_year": 2028,
            "total_budget": 1_500_000_000,
            "funding": "own",
        }  # no stage: it follows the chapter records (a8.8), never typed in

    def update_data(self, obj):
        return {**self.create_data(), "name": obj.name, "code": obj.code, "total_budget": 1_100_000_000}

    def invalid_data(self):
        # The project cannot end before it starts.
        return {**self.create_data(), "code": "2027-BAD", "start_year": 2028, "end_year": 2027}, "end_year"


class TestProjectParticipant(ObjectTypeTests):
    label = "projects.projectparticipant"

    def make(self, n):
        return ProjectParticipantFactory.create_batch(n)

    def create_data(self):
        return {
            "project": Project.objects.get(code="2027-DAT-001").pk,
            "user": User.objects.get(username="vendor").pk,
            "role": "vendor_staff",
            "start_date": "2026-12-01",
        }

    def update_data(self, obj):
        return {
            "project": obj.project_id,
            "user": obj.user_id,
            "role": obj.role,
            "start_date": obj.start_date.isoformat(),
            "end_date": "2027-12-31",
        }

    def invalid_data(self):
        # An expert cannot be placed as vendor staff.
        return {**self.create_data(), "user": User.objects.get(username="expert").pk}, "user"


class TestBudgetLine(ObjectTypeTests):
    label = "projects.budgetline"

    def make(self, n):
        from itms.projects.models import BudgetLine

        projects = ProjectFactory.create_batch(n, start_year=2026, end_year=2030)
        return [BudgetLine.objects.create(project=p, year=2027, amount=100_000_000) for p in projects]

    def create_data(self):
        return {
            "project": Project.objects.get(code="2027-CLP-002").pk,
            "year": 2027,
            "amount": 700_000_000,
            "hw_sw_purchase": 50_000_000,
        }

    def update_data(self, obj):
        return {"project": obj.project_id, "year": obj.year, "amount": 120_000_000, "hw_sw_purchase": 0}

    def invalid_data(self):
        return {**self.create_data(), "year": 2031}, "year"

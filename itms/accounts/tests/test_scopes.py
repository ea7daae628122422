"""Object-level scoping through restrict(user, action): vendors and experts see only their assignments."""

import pytest
from django.db.models import Q

from itms.accounts.models import User
from itms.projects.models import Project

pytestmark = pytest.mark.django_db


def _codes(username, action="view"):
    return sorted(Project.objects.restrict(User.objects.get(username=username), action).values_list("code", flat=True))


def test_a17_3_vendor_sees_only_the_project_it_is_assigned_to(client_of):
    # vendor: PM of UNI-PASS and 투입인력 of 2026-CLP-101; vendor2: 2027-CLP-001 and the two projects of its
    # contracts in execution (itms/projects/demo.py, itms/execution/demo.py).
    assert _codes("vendor") == ["2026-CLP-101", "2026-SOT-001"]
    assert _codes("vendor2") == ["2025-CLP-103", "2026-CLP-102", "2027-CLP-001"]
    other = Project.objects.get(code="2027-CLP-002")
    assert client_of("vendor").get(f"/projects/projects/{other.pk}/").status_code == 404
    api = client_of("vendor").get("/api/projects/projects/").json()
    assert sorted(row["code"] for row in api["results"]) == ["2026-CLP-101", "2026-SOT-001"]


def test_external_expert_sees_only_the_project_they_advise():
    assert _codes("expert") == ["2027-CLP-001"]


def test_vendor_sees_only_its_own_company_staff(client_of):
    names = [row["username"] for row in client_of("vendor").get("/api/accounts/users/").json()["results"]]
    assert names == ["vendor"]
    assert client_of("vendor").get("/api/accounts/org-units/").status_code == 403


def test_a2_0_8_sponsoring_department_changes_its_own_projects_only(client_of):
    # 통관기획과 sponsors the CLP projects and co-performs (공동 수행 부서, a2.0.8) 데이터담당관's big-data upgrade.
    own = _codes("sponsor", "change")
    assert {"2027-CLP-001", "2027-CLP-002", "2027-DAT-001"} <= set(own)
    assert not {"2026-SOT-001", "2027-DAT-002", "2027-ICN-001"} & set(own)
    clp = Q(sponsor_unit__code="KCS-CLP") | Q(co_units__code="KCS-CLP")
    assert own == sorted(set(Project.objects.filter(clp).values_list("code", flat=True)))
    assert "2026-SOT-001" not in _codes("sponsor_head", "change")


def test_bureau_head_changes_projects_of_the_divisions_below():
    user = User.objects.create_user(username="bureau", name="통관국장", password="Bureau-2026!x")
    from itms.accounts.models import Assignment, Position

    Assignment.objects.create(
        user=user, position=Position.objects.get(unit__code="KCS-CLR", is_head=True), start_date="2025-01-01"
    )
    assert "2027-CLP-002" in _codes("bureau", "change")


def test_a8_2_it_planning_officer_changes_every_project():
    assert len(_codes("itplan", "change")) == Project.objects.count()


def test_moving_a_project_out_of_ones_scope_is_refused_and_rolled_back(client_of):
    project = Project.objects.get(code="2027-CLP-002")
    response = client_of("sponsor").patch(
        f"/api/projects/projects/{project.pk}/",
        {"sponsor_unit": project.sponsor_unit_id + 1},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "권한" in response.json()["detail"]
    project.refresh_from_db()
    assert project.sponsor_unit.code == "KCS-CLP"

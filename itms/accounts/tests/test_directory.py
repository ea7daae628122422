"""Roles are bound to positions, not people: who holds role R in unit U on date D."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from itms.accounts.directory import holders, holds, roles_of
from itms.accounts.models import Assignment, AssignmentKind, OrgUnit, Position, RoleBinding, User
from itms.accounts.roles import Role

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _names(role, unit=None, on=None):
    return [h.user.name for h in holders(role, unit, on)]


def test_a3_2_the_cio_is_whoever_holds_the_position_of_정보데이터정책관():
    assert _names(Role.CIO) == ["김정민"]


def test_a2_0_15_the_security_officer_is_the_head_of_시스템운영팀():
    assert _names(Role.SECURITY_OFFICER) == ["최민수"]


def test_a4_9_and_a5_2_secretaries_are_bound_to_their_positions():
    assert _names(Role.COMMITTEE_SECRETARY) == ["이서연"]
    assert _names(Role.COUNCIL_SECRETARY) == ["박준호"]


def test_a2_0_9_it_department_heads_are_the_heads_of_the_six_it_departments():
    heads = {h.assignment.position.unit.name for h in holders(Role.IT_DEPARTMENT_HEAD)}
    assert heads == {
        "정보기획담당관",
        "데이터담당관",
        "인공지능혁신팀",
        "연구개발장비팀",
        "시스템운영팀",
        "전산정보관리과",
    }
    assert OrgUnit.objects.filter(is_it_department=True).count() == 6


def test_a4_3_2_the_budget_department_head_is_기획재정담당관():
    assert _names(Role.BUDGET_DEPARTMENT_HEAD) == ["서현우"]


def test_per_unit_roles_are_answered_for_the_unit_asked():
    data_unit = OrgUnit.objects.get(code="KCS-DAT")
    assert _names(Role.IT_DEPARTMENT_HEAD, data_unit) == ["윤서진"]
    assert _names(Role.ASSET_OFFICER, OrgUnit.objects.get(code="KCS-SOT")) == ["강지훈"]
    assert _names(Role.ASSET_OFFICER, data_unit) == []


def test_a4_7_acting_holder_holds_the_role_only_within_the_dates_and_comes_first():
    unit = OrgUnit.objects.get(code="KCS-CLP")
    assert _names(Role.DEPARTMENT_HEAD, unit) == ["노은비"]
    assert holders(Role.DEPARTMENT_HEAD, unit)[0].acting
    assert _names(Role.DEPARTMENT_HEAD, unit, on=TODAY + dt.timedelta(days=30)) == ["한동욱"]
    assert _names(Role.DEPARTMENT_HEAD, unit, on=TODAY - dt.timedelta(days=30)) == ["한동욱"]


def test_a3_2_a4_7_during_an_acting_period_the_acting_official_holds_the_powers_not_both():
    """ "위원장이 … 직무를 수행하지 못 할 때에는 … 그 직무를 대행" (제4조제7항): while 노은비 acts as 통관기획과장,
    the powers of the position are hers alone; 한동욱 still works in the unit (staff), and gets the head's
    powers back the day after the acting period ends."""
    unit = OrgUnit.objects.get(code="KCS-CLP")
    head = User.objects.get(username="sponsor_head")
    acting = User.objects.get(username="acting")
    period = Assignment.objects.get(user=acting, kind=AssignmentKind.ACTING)
    assert not holds(head, Role.DEPARTMENT_HEAD, unit)
    assert holds(acting, Role.DEPARTMENT_HEAD, unit)
    assert holds(head, Role.STAFF, unit)  # he still belongs to his unit
    assert {h.user.username for h in holders(Role.STAFF, unit)} >= {"sponsor_head", "acting"}
    after = period.end_date + dt.timedelta(days=1)
    assert holds(User.objects.get(username="sponsor_head"), Role.DEPARTMENT_HEAD, unit, on=after)
    assert not holds(User.objects.get(username="acting"), Role.DEPARTMENT_HEAD, unit, on=after)


def test_a3_2_the_cios_acting_official_holds_the_cio_role_and_the_cio_does_not():
    """제3조제2항: the CIO is the 정보데이터정책관; during a 직무대행 of that position the acting official is."""
    position = Position.objects.get(unit__code="KCS-IDP", is_head=True)
    deputy = User.objects.get(username="itdept")
    Assignment.objects.create(
        user=deputy,
        position=position,
        kind=AssignmentKind.ACTING,
        start_date=TODAY,
        end_date=TODAY + dt.timedelta(days=5),
        reason="정보데이터정책관 국외출장",
    )
    assert _names(Role.CIO) == ["윤서진"]
    assert not holds(User.objects.get(username="cio"), Role.CIO)
    assert holds(User.objects.get(username="itdept"), Role.CIO)
    assert _names(Role.CIO, on=TODAY + dt.timedelta(days=6)) == ["김정민"]


def test_when_people_move_the_role_moves_with_the_position():
    """A new CIO takes office: rights follow with no edit to any role table."""
    position = Position.objects.get(unit__code="KCS-IDP", is_head=True)
    old = User.objects.get(username="cio")
    new = User.objects.create_user(username="newcio", name="정새롬", password="New-cio-2026!")
    start = TODAY + dt.timedelta(days=10)
    Assignment.objects.filter(user=old, position=position).update(end_date=start - dt.timedelta(days=1))
    Assignment.objects.create(user=new, position=position, kind=AssignmentKind.REGULAR, start_date=start)
    assert _names(Role.CIO, on=TODAY) == ["김정민"]
    assert _names(Role.CIO, on=start) == ["정새롬"]
    assert holds(new, Role.CIO, on=start) and not holds(new, Role.CIO, on=TODAY)
    assert not holds(old, Role.CIO, on=start)


def test_vendors_and_experts_hold_only_their_kind_role():
    assert {g.role for g in roles_of(User.objects.get(username="vendor"))} == {Role.VENDOR}
    assert {g.role for g in roles_of(User.objects.get(username="expert"))} == {Role.EXTERNAL_EXPERT}


def test_inactive_users_hold_nothing():
    user = User.objects.get(username="itplan")
    user.is_active = False
    user.save()
    assert roles_of(User.objects.get(username="itplan")) == frozenset()
    assert _names(Role.IT_PLANNING_OFFICER) == []


def test_a3_2_a_role_moved_to_another_position_is_answered_by_date(demo):
    """Who held the role on a date follows the binding in force that day, not today's (a3.2, a2.0.15)."""
    old = RoleBinding.objects.get(role=Role.SECURITY_OFFICER)
    old_holders = {h.user.username for h in holders(Role.SECURITY_OFFICER)}
    old.end_date = dt.date(2026, 6, 30)
    old.save()
    new_position = Position.objects.get(unit__code="KCS-DAT", is_head=True)
    RoleBinding.objects.create(role=Role.SECURITY_OFFICER, position=new_position, start_date=dt.date(2026, 7, 1))

    before = {h.user.username for h in holders(Role.SECURITY_OFFICER, on=dt.date(2026, 6, 30))}
    after = {h.user.username for h in holders(Role.SECURITY_OFFICER, on=dt.date(2026, 7, 1))}
    assert before == old_holders == {"security"}
    assert after == {"itdept"}


def test_a_binding_ending_before_it_starts_is_refused_in_korean():
    binding = RoleBinding(start_date=dt.date(2026, 7, 1), end_date=dt.date(2026, 6, 1))
    with pytest.raises(ValidationError, match="종료일은 시작일보다 빠를 수 없습니다"):
        binding.clean()

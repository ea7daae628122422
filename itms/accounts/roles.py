"""Roles of the directive, bound to positions (or derived from them), never to people.

A role is held by whoever holds the position it is bound to on a given date,
so when people move, rights and duties move with them (DESIGN.md §6).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CIO = "cio", _("지능정보화책임관")
    IT_PLANNING_OFFICER = "it_planning_officer", _("정보기획담당관")
    SECURITY_OFFICER = "security_officer", _("정보보안담당관")
    COMMITTEE_SECRETARY = "committee_secretary", _("위원회 간사")
    COUNCIL_SECRETARY = "council_secretary", _("실무협의회 간사")
    ASSET_OFFICER = "asset_officer", _("정보자산 담당자")
    SYSTEM_ADMINISTRATOR = "system_administrator", _("시스템 관리자")
    IT_DEPARTMENT_HEAD = "it_department_head", _("정보화부서장")
    IT_DEPARTMENT_STAFF = "it_department_staff", _("정보화부서 직원")
    BUDGET_DEPARTMENT_HEAD = "budget_department_head", _("예산부서장")
    DEPARTMENT_HEAD = "department_head", _("부서장")
    STAFF = "staff", _("직원")
    VENDOR = "vendor", _("사업수행업체 직원")
    EXTERNAL_EXPERT = "external_expert", _("외부 전문가")


class Basis(Enum):
    BOUND = "bound"  # a RoleBinding names the position
    DERIVED = "derived"  # follows from the position and its unit
    KIND = "kind"  # follows from the kind of user (vendor, expert)


@dataclass(frozen=True)
class RoleInfo:
    role: Role
    basis: Basis
    clause_ids: tuple[str, ...]
    description: str
    # Whether the role is held per org unit (e.g. a department head) or agency-wide (the CIO).
    per_unit: bool = False


ROLE_INFO: dict[Role, RoleInfo] = {
    info.role: info
    for info in [
        RoleInfo(Role.CIO, Basis.BOUND, ("a3.1", "a3.2"), "정보데이터정책관이 된다"),
        RoleInfo(Role.IT_PLANNING_OFFICER, Basis.BOUND, ("a8.2", "a5.2"), "정보기획담당관 직위"),
        RoleInfo(Role.SECURITY_OFFICER, Basis.BOUND, ("a2.0.15",), "정보보안업무를 총괄하는 시스템운영팀장"),
        RoleInfo(Role.COMMITTEE_SECRETARY, Basis.BOUND, ("a4.9",), "위원회 간사는 정보기획담당관이 된다"),
        RoleInfo(Role.COUNCIL_SECRETARY, Basis.BOUND, ("a5.2",), "정보기획담당관의 정보화기획 담당 사무관(서기관)"),
        RoleInfo(Role.ASSET_OFFICER, Basis.BOUND, ("a2.0.5", "a29.3"), "정보자산 운영 및 유지관리 담당자", True),
        RoleInfo(Role.SYSTEM_ADMINISTRATOR, Basis.BOUND, ("a2.0.7",), "정보화관리시스템의 사용자·조직 관리"),
        RoleInfo(Role.IT_DEPARTMENT_HEAD, Basis.DERIVED, ("a2.0.9",), "정보화부서의 부서장 직위", True),
        RoleInfo(Role.IT_DEPARTMENT_STAFF, Basis.DERIVED, ("a2.0.9",), "정보화부서 소속 직위", True),
        RoleInfo(Role.BUDGET_DEPARTMENT_HEAD, Basis.DERIVED, ("a4.3.2",), "예산업무 소관 부서장(기획재정담당관)", True),
        RoleInfo(Role.DEPARTMENT_HEAD, Basis.DERIVED, ("a2.0.8",), "부서의 장 — 사업추진부서장이 될 수 있다", True),
        RoleInfo(Role.STAFF, Basis.DERIVED, ("a2.0.8",), "관세청·소속기관·산하기관 직원", True),
        RoleInfo(Role.VENDOR, Basis.KIND, ("a17.3",), "정보화관리시스템에 대한 제한적 접근권한"),
        RoleInfo(Role.EXTERNAL_EXPERT, Basis.KIND, ("a15.3", "a15.7"), "전문가 명부의 외부 평가위원·자문위원"),
    ]
}

BOUND_ROLES = [role for role, info in ROLE_INFO.items() if info.basis is Basis.BOUND]

"""The role a person acts in, as the header shows it: 정보기획담당관, 사업추진부서 담당자, 정보화부서장 …

A person holds several roles at once (the 정보기획담당관 is also a department head and a member of staff); the
header names the most specific one, in the directive's words. "사업추진부서" (a2.0.8) is not a role of its own:
a department becomes one by sponsoring or co-performing a project, so a head or member of such a department is
named 사업추진부서장 or 사업추진부서 담당자.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from itms.accounts.directory import roles_of
from itms.accounts.roles import Role

# Most specific first: the roles the directive names (bound to a position), then those that follow from it.
SPECIFICITY = [
    Role.CIO,
    Role.IT_PLANNING_OFFICER,
    Role.SECURITY_OFFICER,
    Role.COMMITTEE_SECRETARY,
    Role.COUNCIL_SECRETARY,
    Role.SYSTEM_ADMINISTRATOR,
    Role.ASSET_OFFICER,
    Role.IT_DEPARTMENT_HEAD,
    Role.BUDGET_DEPARTMENT_HEAD,
    Role.IT_DEPARTMENT_STAFF,
    Role.DEPARTMENT_HEAD,
    Role.STAFF,
    Role.VENDOR,
    Role.EXTERNAL_EXPERT,
]
SPONSOR_WORDS = {Role.DEPARTMENT_HEAD: "사업추진부서장", Role.STAFF: "사업추진부서 담당자"}
ACTING = "직무대행"  # a4.7


@dataclass(frozen=True)
class HeaderRole:
    label: str  # the one shown: "정보기획담당관", "사업추진부서장 직무대행"
    all_labels: tuple[str, ...]  # every role held, for the tooltip

    def __str__(self) -> str:
        return self.label


def header_role(user) -> HeaderRole | None:
    if not getattr(user, "is_authenticated", False):
        return None
    grants = roles_of(user)
    if not grants:
        return HeaderRole("최고관리자" if user.is_superuser else "역할 없음", ())
    rank = {role: n for n, role in enumerate(SPECIFICITY)}
    best = min(grants, key=lambda g: (rank.get(g.role, len(rank)), g.acting))
    label = str(Role(best.role).label)
    if best.role in SPONSOR_WORDS and _sponsors_a_project(best.unit_id):
        label = SPONSOR_WORDS[best.role]
    if best.acting:
        label = f"{label} {ACTING}"
    names = dict.fromkeys(str(Role(g.role).label) for g in sorted(grants, key=lambda g: rank.get(g.role, len(rank))))
    return HeaderRole(label, tuple(names))


def _sponsors_a_project(unit_id: int | None) -> bool:
    from itms.projects.models import Project

    if unit_id is None:
        return False
    return Project.objects.filter(Q(sponsor_unit_id=unit_id) | Q(co_units__id=unit_id)).exists()

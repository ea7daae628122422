"""Who is who on a project: the sponsoring department, the contractor's staff, the 감리원, the IT department."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from itms.accounts.directory import holds, unit_with_descendants, units_of
from itms.accounts.roles import Role
from itms.projects.choices import ParticipantRole
from itms.projects.models import Project, ProjectParticipant

from ..models.scopes import CONTRACTOR_ROLES


def today() -> dt.date:
    return timezone.localdate()


def is_sponsor(user, project: Project) -> bool:
    """The sponsoring (or a co-performing) department or a unit above it (a2.0.8, a17.1)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if getattr(user, "kind", "staff") != "staff":
        return False
    mine = unit_with_descendants(units_of(user))
    return project.sponsor_unit_id in mine or project.co_units.filter(pk__in=mine).exists()


def is_it_planning(user) -> bool:
    return getattr(user, "is_authenticated", False) and (user.is_superuser or holds(user, Role.IT_PLANNING_OFFICER))


def _participates(user, project: Project, roles) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return ProjectParticipant.objects.active_on().filter(user=user, project=project, role__in=roles).exists()


def is_contractor(user, project: Project) -> bool:
    """The vendor's PM or staff assigned to the project today (a17.3)."""
    return getattr(user, "is_superuser", False) or _participates(user, project, CONTRACTOR_ROLES)


def is_auditor(user, project: Project) -> bool:
    return getattr(user, "is_superuser", False) or _participates(user, project, (ParticipantRole.AUDITOR,))


def is_it_head_of(user, unit) -> bool:
    """The head of the IT department asked (a20.3) — or acting for them."""
    return getattr(user, "is_superuser", False) or (unit is not None and holds(user, Role.IT_DEPARTMENT_HEAD, unit))


def sponsor_head(project: Project):
    """(unit, role) a duty of the sponsoring department is owed by: its head (사업추진부서장)."""
    return project.sponsor_unit

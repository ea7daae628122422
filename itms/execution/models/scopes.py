"""Who sees which execution records: the project's sponsoring units, and the people assigned to the project (a17.3).

Every record of this chapter hangs off a contract, and the contract off its project. ``project_scopes(path)``
gives the ``restrict_scopes`` of a model whose project is reached through ``path`` ("project", "contract__project"
…):

* ``own_unit`` — the sponsoring or a co-performing department (a2.0.8, a17.1);
* ``assigned`` — anyone assigned to the project today (vendor staff, 감리원, experts: a17.3), on their dates;
* ``contractor`` — the vendor's PM and staff (not the 감리원), who write the vendor's records;
* ``auditor`` — the 감리원 assigned to the project, who write the audit's records (a21);
* ``taking_over`` — the IT department named to take the system over (a20.3, a23.1).
"""

from __future__ import annotations

from django.db.models import Q

from itms.projects.choices import ParticipantRole
from itms.projects.models import Project, ProjectParticipant

CONTRACTOR_ROLES = (ParticipantRole.VENDOR_MANAGER, ParticipantRole.VENDOR_STAFF)


def _projects_of_units(units):
    co = Project.co_units.through.objects.filter(orgunit_id__in=units).values("project_id")
    return Project.objects.filter(Q(sponsor_unit_id__in=units) | Q(pk__in=co)).values("pk")


def _participations(user, roles=None):
    qs = ProjectParticipant.objects.active_on().filter(user=user)
    if roles:
        qs = qs.filter(role__in=roles)
    return qs.values("project_id")


def project_scopes(path: str, it_unit: str | None = None) -> dict:
    key = f"{path}__in"
    scopes = {
        "own_unit": lambda user, units: Q(**{key: _projects_of_units(units)}),
        "assigned": lambda user, units: Q(**{key: _participations(user)}),
        "contractor": lambda user, units: Q(**{key: _participations(user, CONTRACTOR_ROLES)}),
        "auditor": lambda user, units: Q(**{key: _participations(user, (ParticipantRole.AUDITOR,))}),
    }
    if it_unit:
        scopes["taking_over"] = lambda user, units: Q(**{f"{it_unit}__in": units})
    return scopes

"""What the records of Chapter 4 share: the project they belong to and who may see them by it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from itms.projects.models import Project


def project_unit(prefix: str = "project"):
    """Scope ``own_unit``: records of projects sponsored or co-performed by the user's units (a2.0.8)."""

    def scope(user, units):
        co_performed = Project.co_units.through.objects.filter(orgunit_id__in=units).values("project_id")
        return Q(**{f"{prefix}__sponsor_unit_id__in": units}) | Q(**{f"{prefix}__in": co_performed})

    return scope


def actor_field(label: str, **kwargs) -> models.ForeignKey:
    """Who did a step (never typed in: the action records it)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        **kwargs,
    )


def stamp_field(label: str) -> models.DateTimeField:
    return models.DateTimeField(label, null=True, blank=True, editable=False)


STATE_LABEL = _("상태")

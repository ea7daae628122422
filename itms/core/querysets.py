"""Object-level scoping: the one place that decides which rows a user may touch.

Every list, detail, edit, delete and API view goes through
``Model.objects.restrict(user, action)``. The decision has two parts:

1. the user's roles (``itms.accounts.policy``) grant ``<app>.<action>_<model>``
   with a named scope (``all``, ``own_unit``, ``assigned``, ``self`` …);
2. the model turns each named scope into a ``Q`` in ``restrict_scopes``. A
   scope that reaches across a to-many relation must use a ``pk__in``
   subquery, so that rows are never duplicated and no DISTINCT is needed.

No grant, no rows: deny by default.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

ACTIONS = ("view", "add", "change", "delete")


def permission_codename(model: type[models.Model], action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


class RestrictedQuerySet(models.QuerySet):
    def restrict(self, user, action: str = "view") -> RestrictedQuerySet:
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        condition = scope_condition(self.model, user, action)
        if condition is None:
            return self.none()
        return self if condition == Q() else self.filter(condition)


def scope_condition(model: type[models.Model], user, action: str) -> Q | None:
    """The OR of the model's scope filters for every grant the user holds; None = no grant."""
    from itms.accounts.policy import grants_for

    grants = grants_for(user, permission_codename(model, action))
    if not grants:
        return None
    resolvers = getattr(model, "restrict_scopes", {})
    condition = None
    for scope, units in grants:
        if scope == "all":
            return Q()
        resolver = resolvers.get(scope)
        if resolver is None:
            continue  # the model does not know this scope: it grants nothing here
        part = resolver(user, units)
        condition = part if condition is None else condition | part
    return condition

"""Rendering a row's fields for people: Korean dates, 원, choice labels, links."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .fields import MoneyField
from .formats import format_date, format_won

HIDDEN_FIELDS = {"id", "password", "created_at", "updated_at"}


def detail_rows(obj: models.Model, fields: list[str] | None, user) -> list[tuple[str, str]]:
    names = fields or [
        f.name for f in obj._meta.get_fields() if f.concrete and not f.auto_created and f.name not in HIDDEN_FIELDS
    ]
    rows = []
    for name in names:
        field = obj._meta.get_field(name)
        rows.append((str(field.verbose_name), display_field(obj, field, user)))
    return rows


def display_field(obj: models.Model, field, user) -> SafeString | str:
    if field.many_to_many:
        related = getattr(obj, field.name).all()
        return format_html_join(", ", "{}", ((link(o, user),) for o in related)) or "—"
    value = getattr(obj, field.name)
    if value is None or value == "":
        return "—"
    if field.name == "clause_ids":  # a record's legal basis (a list of ids): 제8조제5항, linked to the text
        from .templatetags.itms import clauses

        return clauses(list(value)) or "—"
    if field.choices:
        return getattr(obj, f"get_{field.name}_display")()
    if isinstance(field, models.ForeignKey):
        return link(value, user)
    if isinstance(field, models.BooleanField):
        return _("예") if value else _("아니요")
    if isinstance(field, MoneyField):
        return format_won(value)
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(field, models.TextField):
        return linebreaks_filter(value, autoescape=True)  # the template filter: escapes, then adds <p>/<br>
    return str(value)


def link(obj: models.Model, user, text: object = None) -> SafeString | str:
    """The object's name (or ``text``), linked to its page only when the user may open that page (no dead links)."""
    text = obj if text is None else text
    url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
    if url and may_view(user, obj):
        return format_html('<a href="{}">{}</a>', url, text)
    return str(text)


def may_view(user, obj: models.Model) -> bool:
    from . import gate

    if not getattr(user, "is_authenticated", False):
        return False
    if gate.object_type_of(obj) is None:
        meta = obj._meta
        return user.has_perm(f"{meta.app_label}.view_{meta.model_name}")
    return gate.allows(user, "view", obj)


def may_open(user, url: str) -> bool:
    """Whether ``user`` may follow a link to ``url`` that was built elsewhere (a step of the project line …).

    A record's page of a registered type (``<app>:<model>_detail``) opens only inside the user's view scope;
    any other page of the site is left to its own view (its menu entry or button is gated where it is made).
    """
    from urllib.parse import urlsplit

    from django.urls import Resolver404, resolve

    from . import registry

    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return False
    name = match.url_name or ""
    if not name.endswith("_detail") or "pk" not in match.kwargs:
        return True
    object_type = registry.get(f"{match.app_name}.{name.removesuffix('_detail')}")
    if object_type is None:
        return True
    obj = object_type.base_queryset().filter(pk=match.kwargs["pk"]).first()
    return obj is not None and may_view(user, obj)

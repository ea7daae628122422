"""The registry of record types: one registration gives a model its pages, menu entry and API.

    register(
        OrgUnit, table=OrgUnitTable, filterset=OrgUnitFilterSet, form=OrgUnitForm,
        serializer=OrgUnitSerializer, menu=("admin", "부서"), path="org-units",
    )

URL names follow ``<app>:<model>_<action>`` (list, add, detail, edit, delete,
history); API routes are ``/api/<app>/<path>/``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partialmethod
from importlib import import_module
from typing import Any

from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language

from .errors import Code, CoreErrors

ACTIONS_WITH_OBJECT = ("detail", "edit", "delete", "history")


@dataclass(frozen=True)
class Condition:
    """A condition on the record for an action (e.g. "still a draft"): while ``check(obj)`` is false, the
    action is refused with ``code`` on every surface (the pages, the API, the links), through ``itms.core.gate``."""

    check: Callable[[models.Model], bool]
    code: Code = CoreErrors.NOT_EDITABLE


@dataclass
class ObjectType:
    model: type[models.Model]
    table: type
    filterset: type
    form: type | None = None
    serializer: type | None = None
    path: str = ""
    # (chapter key, menu label); None keeps the type out of the menu.
    menu: tuple[str, str] | None = None
    # Fields shown on the detail page; default: every concrete field but timestamps.
    detail_fields: list[str] | None = None
    # Related lists shown on the detail page: (title, attribute returning a queryset, table class).
    related: list[tuple[str, str, type]] = field(default_factory=list)
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    can_add: bool = True
    can_edit: bool = True
    can_delete: bool = True
    detail_template: str = "ui/object_detail.html"
    # Import from CSV/XLSX: the form fields a file may carry, and natural keys for foreign keys.
    import_fields: tuple[str, ...] = ()
    import_lookups: dict[str, str] = field(default_factory=dict)
    # Records whose changes belong to this one's history tab: (model label, its field pointing here), e.g. an
    # asset's licences. For their deletions to show, the model's get_additional_data names that field's value.
    history_include: tuple[tuple[str, str], ...] = ()
    # Whether records of this type carry attached documents (a29.1): the detail page shows the panel.
    documents: bool = False
    # The name of the record's own form for its files, when it checks more than the documents app does (a
    # deliverable: the contract's file types, one hash per project). The generic panel and views then take none.
    own_files: str = ""
    # Conditions on the record per action ("change", "delete"): e.g. only while a submission is a draft.
    conditions: dict[str, Condition] = field(default_factory=dict)
    # Fields a user may write, when narrower than the form's: f(user, obj or None) -> set of field names.
    writable: Callable[[Any, models.Model | None], set[str]] | None = None
    # Fields given when a record is created and fixed afterwards (e.g. the project a plan belongs to).
    fixed_after_create: tuple[str, ...] = ()
    # Extra context for the detail template: f(obj, request) -> dict.
    detail_context: Callable[[models.Model, Any], dict] | None = None
    # A table of thousands of rows (users, positions, units, projects, systems): a choice field pointing at it
    # renders only the chosen option(s) and a search box over this type's API (itms.core.widgets).
    search_choices: bool = False
    # The fields the free-text search (``q``) looks in: the list, the API, the search select and the trigram
    # indexes (itms.core.search) all read this. Default: the FilterSet's ``search_fields``.
    search_fields: tuple[str, ...] = ()

    def __post_init__(self):
        if not self.search_fields:
            self.search_fields = tuple(getattr(self.filterset, "search_fields", ()) or ())

    @property
    def app_label(self) -> str:
        return self.model._meta.app_label

    @property
    def model_name(self) -> str:
        return self.model._meta.model_name

    @property
    def label(self) -> str:
        return f"{self.app_label}.{self.model_name}"

    @property
    def verbose_name(self) -> str:
        return str(self.model._meta.verbose_name)

    def url_name(self, action: str) -> str:
        return f"{self.app_label}:{self.model_name}_{action}"

    def permission(self, action: str) -> str:
        return f"{self.app_label}.{action}_{self.model_name}"

    def actions(self) -> list[str]:
        actions = ["list", "detail", "history"]
        if self.form is not None:
            if self.can_add:
                actions.append("add")
            if self.can_edit:
                actions.append("edit")
        if self.can_delete:
            actions.append("delete")
        if self.import_fields and self.form is not None and self.can_add:
            actions.append("import")
        return actions

    def form_fields(self) -> tuple[str, ...]:
        """The fields the form offers: its model fields and any it declares itself (e.g. an initial password)."""
        return tuple(getattr(self.form, "base_fields", {}) or ())

    def base_queryset(self):
        qs = self.model._default_manager.all()
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return qs


REGISTRY: dict[str, ObjectType] = {}


def register(model: type[models.Model], **options) -> ObjectType:
    options.setdefault("path", _default_path(model))
    object_type = ObjectType(model=model, **options)
    REGISTRY[object_type.label] = object_type
    cache_choice_labels(model)
    return object_type


def cache_choice_labels(model: type[models.Model]) -> None:
    """``get_<field>_display()`` from a label table made once per field and language.

    Django's own builds a dict of every choice, hashing each lazy label (a translation lookup per choice), on
    every call: a list of 50 legal events with 80 kinds spent a fifth of its CPU there (issue 12). The answer is
    the same, including for a value that is not a choice. A model's own ``get_<field>_display`` is left alone.
    """
    for model_field in model._meta.get_fields():
        if not getattr(model_field, "choices", None) or not getattr(model_field, "concrete", False):
            continue
        name = f"get_{model_field.name}_display"
        if isinstance(model.__dict__.get(name), partialmethod):  # Django's, not the model's own
            setattr(model, name, _cached_display(model_field))


def _cached_display(model_field):
    labels: dict[str, dict] = {}
    missing = object()

    def display(self):
        value = getattr(self, model_field.attname)
        language = get_language()
        table = labels.get(language)
        if table is None:
            table = labels[language] = {
                make_hashable(choice): force_str(label, strings_only=True) for choice, label in model_field.flatchoices
            }
        label = table.get(make_hashable(value), missing)
        return force_str(value, strings_only=True) if label is missing else label

    display.__name__ = f"get_{model_field.name}_display"
    return display


def views_context(package: str, name: str) -> Callable:
    """A detail page's extra context from ``<package>.views.<name>(obj, request)``, imported on first use: an app's
    objects.py is loaded before its views, which import it."""

    def build(obj, request):
        return getattr(import_module(f"{package}.views"), name)(obj, request)

    return build


def get(model_or_label) -> ObjectType | None:
    if isinstance(model_or_label, str):
        return REGISTRY.get(model_or_label)
    return REGISTRY.get(f"{model_or_label._meta.app_label}.{model_or_label._meta.model_name}")


def for_app(app_label: str) -> list[ObjectType]:
    return [t for t in REGISTRY.values() if t.app_label == app_label]


def _default_path(model) -> str:
    import re

    words = re.sub(r"(?<!^)(?=[A-Z])", "-", model.__name__).lower()
    if words.endswith("y") and not words.endswith(("ay", "ey", "oy", "uy")):
        return words[:-1] + "ies"
    if words.endswith(("s", "x", "ch", "sh")):
        return words + "es"
    return words + "s"

"""FilterSet base: a free-text ``q`` over the type's search fields, Korean labels, styled widgets.

Filters on a foreign key to a big table (a type registered with ``search_choices=True``: users, positions,
units, projects, systems) get a search box instead of a select of every row (``itms.core.widgets``).

Labels: a filter declared without one is labelled from the model fields' Korean ``verbose_name`` when the class
is made (``get_filters``), never from django-filter's own derivation. That derivation runs only once a model is
attached to a filter (per instance), and anything that reads ``base_filters[...].field`` on the class first (the
API schema generator does, for every FilterSet) builds and caches a form field with no label on the shared
filter, which every later instance copied: the pages then showed Django's fallback from the field name
("Kind", "Stage" …) until a restart. So the labels are explicit, and each instance also builds its own form
fields (``__init__`` drops a field cached on the class's filter).
"""

import copy

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import ForeignObjectRel, IntegerField
from django.utils.functional import lazy
from django.utils.text import capfirst
from django_filters.utils import get_field_parts

from . import registry
from .forms import style_widgets
from .search import text_search
from .widgets import fast_select_renderer, search_large_choices

# A lookup other than equality says so after the field's name: "총사업비 이상".
LOOKUP_WORDS = {
    "gt": "초과",
    "gte": "이상",
    "lt": "미만",
    "lte": "이하",
    "contains": "포함",
    "icontains": "포함",
    "startswith": "시작",
    "istartswith": "시작",
    "endswith": "끝",
    "iendswith": "끝",
    "in": "중 하나",
    "range": "범위",
    "isnull": "없음",
    "year": "연도",
    "month": "월",
    "date": "날짜",
}


def korean_label(model, field_name: str, lookup_expr: str = "exact", exclude: bool = False) -> str | None:
    """The label of a filter on ``field_name`` from the verbose names along its path (e.g. "사업 사업유형"),
    with the lookup in Korean; None when the name is not a model path (a filter with a method)."""
    parts = get_field_parts(model, field_name) if model is not None and field_name else None
    if not parts:
        return None
    words = []
    for part in parts:
        if isinstance(part, ForeignObjectRel):
            words.append(str(part.related_model._meta.verbose_name))
        else:
            words.append(str(part.verbose_name))
    for lookup in str(lookup_expr or "exact").split("__"):
        if lookup in LOOKUP_WORDS:
            words.append(LOOKUP_WORDS[lookup])
    if exclude:
        words.append("제외")
    return capfirst(" ".join(words))


# Evaluated when a form renders, in the language of that request (the verbose names are gettext_lazy).
lazy_korean_label = lazy(korean_label, str)


def restrict_choices(fields, user) -> None:
    """Every model choice offers only the rows ``user`` may view (``restrict(user, "view")`` of its model).

    The label of a chosen option is the row's name: without this, ``?project=N`` on a list a vendor may open
    rendered project N's name whatever the vendor's scope (issue 11, item 6). An id outside the scope is not a
    valid choice, so it neither renders nor filters. No user (a FilterSet made without a request): no rows.
    """
    for field in fields.values():
        if not isinstance(field, forms.ModelChoiceField) or field.queryset is None:
            continue
        queryset = field.queryset
        if hasattr(queryset, "restrict"):
            field.queryset = queryset.restrict(user, "view")


class BoundedModelMultipleChoiceField(django_filters.fields.ModelMultipleChoiceField):
    """Several rows by id, where an id beyond the range of the key's column is an invalid choice like any id that
    names no row. Without this, ``?specialties=-55239858258069135360`` reached the database, which cannot take the
    number (SQLite: OverflowError) and the list answered 500 instead of 400."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        meta = self.queryset.model._meta
        column = meta.pk if key == "pk" else meta.get_field(key)
        if isinstance(column, IntegerField):
            low, high = connections[self.queryset.db].ops.integer_field_range(column.get_internal_type())
            for pk in value:
                try:
                    number = int(pk)
                except (TypeError, ValueError):
                    continue  # not a number: the parent answers it as an invalid id
                if (low is not None and number < low) or (high is not None and number > high):
                    raise ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                    )
        return super()._check_values(value)


class BoundedModelMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = BoundedModelMultipleChoiceField


class ItmsFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="검색")
    search_fields: tuple[str, ...] = ()

    @classmethod
    def filter_for_lookup(cls, field, lookup_type):
        """A filter on a many-to-many or reverse relation takes only ids its key column can hold."""
        filter_class, params = super().filter_for_lookup(field, lookup_type)
        if filter_class is django_filters.ModelMultipleChoiceFilter:
            filter_class = BoundedModelMultipleChoiceFilter
        return filter_class, params

    @classmethod
    def get_filters(cls):
        filters = super().get_filters()
        model = cls._meta.model
        for name, filter_ in filters.items():
            if filter_.label is not None or korean_label(model, filter_.field_name, filter_.lookup_expr) is None:
                continue
            if filter_ is cls.declared_filters.get(name):
                # A declared filter may be shared with a subclass on another model: label a copy.
                filter_ = filters[name] = copy.deepcopy(filter_)
            filter_.label = lazy_korean_label(model, filter_.field_name, filter_.lookup_expr, filter_.exclude)
        return filters

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():
            # A form field cached on the class's shared filter (read there by the schema generator) was built
            # without this instance's model and request: build this instance's own.
            filter_.__dict__.pop("_field", None)
        for name, filter_ in self.filters.items():
            if isinstance(filter_, django_filters.BooleanFilter):
                # "알 수 없음" reads as a value; a filter's empty choice means "all".
                self.form.fields[name].widget.choices = [("", "전체"), ("true", "예"), ("false", "아니오")]
        user = getattr(self.request, "user", None)
        restrict_choices(self.form.fields, user)
        search_large_choices(self.form.fields, user=user)
        style_widgets(self.form.fields, small=True)
        self.form.renderer = fast_select_renderer()  # selects written in Python, the same HTML (itms.core.widgets)

    def search(self, queryset, name, value):
        fields = self.search_fields
        if not fields:
            object_type = registry.get(self._meta.model)
            fields = object_type.search_fields if object_type is not None else ()
        return text_search(queryset, fields, value)

"""Choice fields over big tables: a search box and a select that holds only the chosen option(s).

A ``<select>`` of every user (5,000), project (3,000) or unit (400) costs hundreds of milliseconds to render
and hundreds of kilobytes to send. For a type registered with ``search_choices=True`` the filter forms
(``ItmsFilterSet``, automatically) and any form that calls ``search_large_choices(form.fields)`` render instead:

* a search box (``<name>__search``) and the select with only the empty/"none" choices, the chosen option(s)
  and, after a search, the first matches (``LIMIT`` rows, by the type's ``search_fields``);
* ``data-search-url``: the type's API list (``/api/<app>/<path>/``, ``?q=`` searches the same fields), which
  ``static/js/itms.js`` queries as the user types, filling the select (no page reload, nothing from outside).

Without JavaScript the search box is sent with the form: a term that matches exactly one row chooses it; a
term that matches several (or none) leaves the field invalid and the page lists the matches to choose from.
Validation is the field's own (``queryset.get(pk=…)``): nothing here widens what a form accepts.
"""

from __future__ import annotations

import copy

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.urls import NoReverseMatch, reverse

from . import registry
from .search import text_search

SEARCH_SUFFIX = "__search"
LIMIT = 20  # matches listed after a search (server side and in itms.js)
MAX_TERM = 100


class SearchSelectMixin:
    template_name = "ui/widgets/search_select.html"

    def __init__(self, *args, object_type=None, label="", user=None, suggested=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.object_type = object_type
        self.label = str(label or "")
        self.user = user  # searches show only rows this user may view (as the API does); None: the form's rows
        # Rows offered before any typing (e.g. the projects of the user's own units): at most LIMIT, still searchable.
        self.suggested = suggested
        self.suggested_count = 0
        self.search_term = ""
        self.match_count: int | None = None
        self.has_choice = False

    # --- reading the form data ----------------------------------------------------------------------------------
    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        self.search_term = str(data.get(name + SEARCH_SUFFIX) or "").strip()[:MAX_TERM]
        if self.search_term and not _chosen(value):
            resolved = self._resolve(self.search_term)
            if self.allow_multiple_selected:
                return [resolved]
            return resolved
        return value

    def _resolve(self, term: str) -> str:
        """The one row the term names; else the term itself, which the field refuses (the page lists matches)."""
        iterator = self.choices
        if not isinstance(iterator, ModelChoiceIterator) or not self.search_fields:
            return term
        key = iterator.field.to_field_name or "pk"
        found = list(self._search(iterator.queryset, term).values_list(key, flat=True)[:2])
        return str(found[0]) if len(found) == 1 else term

    def _search(self, queryset, term: str):
        if self.user is not None and hasattr(queryset, "restrict"):
            queryset = queryset.restrict(self.user, "view")
        return text_search(queryset, self.search_fields, term)

    @property
    def search_fields(self) -> tuple[str, ...]:
        return tuple(getattr(self.object_type, "search_fields", ()) or ())

    # --- rendering ------------------------------------------------------------------------------------------------
    def optgroups(self, name, value, attrs=None):
        everything = self.choices
        self.choices = self._narrowed(everything, value)
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = everything

    def _narrowed(self, choices, value):
        """The same choices, but from the chosen rows and the search's matches only (no query if neither)."""
        if not isinstance(choices, ModelChoiceIterator):
            return choices
        queryset = choices.queryset
        key = choices.field.to_field_name or "pk"
        wanted = _valid_keys(queryset.model, key, value)
        self.has_choice = bool(wanted)
        matches = []
        self.match_count = None
        if self.search_term and self.search_fields:
            matches = list(self._search(queryset, self.search_term).values_list(key, flat=True)[:LIMIT])
            self.match_count = len(matches)
        suggested = []
        self.suggested_count = 0
        if not self.search_term and self.suggested is not None:
            # Only rows the field itself accepts: a suggestion can never widen what the form takes.
            suggested = list(
                queryset.filter(**{f"{key}__in": self.suggested.values(key)}).values_list(key, flat=True)[:LIMIT]
            )
            self.suggested_count = len(suggested)
        narrowed = copy.copy(choices)
        keys = [*wanted, *matches, *suggested]
        shown = queryset.filter(**{f"{key}__in": keys}) if keys else queryset.none()
        if keys and self.user is not None and hasattr(shown, "restrict"):
            # A chosen id names its row only to a user who may view that row (issue 11, item 6): ``?project=N``
            # must not print project N's name to a vendor outside it.
            shown = shown.restrict(self.user, "view")
        narrowed.queryset = shown
        return narrowed

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if not isinstance(value, ModelChoiceIteratorValue):
            option["attrs"]["data-keep"] = ""  # 전체 / 없음: the typeahead keeps these when it refills the list
        return option

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        css = context["widget"]["attrs"].get("class", "")
        context["widget"]["search"] = {
            "name": name + SEARCH_SUFFIX,
            "term": self.search_term,
            "url": self.search_url(),
            "label": self.label,
            "small": "-sm" in css,
            "hint": "" if self.has_choice else self._hint(),
        }
        return context

    def _hint(self) -> str:
        if not self.search_term and self.suggested_count:
            more = " 이상" if self.suggested_count >= LIMIT else ""
            return f"담당 부서 항목 {self.suggested_count}건{more}을 보여 줍니다. 다른 항목은 검색하십시오."
        if not self.search_term or self.match_count is None:
            return ""
        if self.match_count == 0:
            return f"'{self.search_term}'에 맞는 항목이 없습니다."
        more = " 이상" if self.match_count >= LIMIT else ""
        return f"'{self.search_term}' 검색 결과 {self.match_count}건{more}: 목록에서 고르십시오."

    def search_url(self) -> str:
        """The type's API list, if the JSON rows name the same key the select sends (their ``id``)."""
        t = self.object_type
        iterator = self.choices
        to_field = getattr(getattr(iterator, "field", None), "to_field_name", None)
        if t is None or t.serializer is None or to_field not in (None, "id", "pk"):
            return ""
        try:
            return reverse(f"api:{t.app_label}-{t.model_name}-list")
        except NoReverseMatch:
            return ""


class SearchSelect(SearchSelectMixin, forms.Select):
    pass


class SearchSelectMultiple(SearchSelectMixin, forms.SelectMultiple):
    pass


def _chosen(value) -> bool:
    if isinstance(value, (list, tuple)):
        return any(v not in (None, "") for v in value)
    return value not in (None, "")


def _valid_keys(model, key: str, value) -> list:
    """The chosen values that can name a row (others, e.g. a filter's "null" choice, are left out)."""
    field = model._meta.pk if key == "pk" else model._meta.get_field(key)
    values = value if isinstance(value, (list, tuple)) else [value]
    keys = []
    for raw in values:
        if raw in (None, ""):
            continue
        try:
            keys.append(field.to_python(raw))
        except (ValidationError, TypeError, ValueError):
            continue
    return keys


def search_large_choices(fields, *, user=None, suggested: dict | None = None) -> None:
    """Gives every select over a ``search_choices`` type the search widget (in place; no query is run).

    With ``user``, the server-side search (the no-JavaScript path) finds only rows that user may view.
    ``suggested`` ({field name: queryset}) lists those rows before any typing (at most ``LIMIT``).
    """
    for name, field in fields.items():
        if not isinstance(field, forms.ModelChoiceField) or field.queryset is None:
            continue
        widget = field.widget
        if isinstance(widget, SearchSelectMixin) or not isinstance(widget, (forms.Select, forms.SelectMultiple)):
            continue
        object_type = registry.get(field.queryset.model)
        if object_type is None or not object_type.search_choices:
            continue
        cls = SearchSelectMultiple if isinstance(widget, forms.SelectMultiple) else SearchSelect
        replacement = cls(
            attrs=dict(widget.attrs),
            object_type=object_type,
            label=field.label,
            user=user,
            suggested=(suggested or {}).get(name),
        )
        replacement.is_required = widget.is_required
        replacement.is_localized = widget.is_localized
        replacement.choices = widget.choices  # the lazy iterator: still no query
        field.widget = replacement


# --- a select rendered in Python --------------------------------------------------------------------------------
SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


class FastSelectRenderer:
    """A form renderer that writes ``<select>`` elements in Python, exactly as Django's templates do.

    A filter form of a list page renders a few selects with tens of options each, and Django's template renderer
    includes a template per option: about a tenth of a list page's CPU (issue 12). Everything else goes to the
    default renderer. ``itms/core/tests/test_table_rendering.py`` checks the output against the templates'.
    """

    def __init__(self, base=None):
        from django.forms.renderers import get_default_renderer

        self.base = base or get_default_renderer()

    def __getattr__(self, name):
        return getattr(self.base, name)

    def render(self, template_name, context, request=None):
        if template_name == SELECT_TEMPLATE:
            widget = context["widget"]
            if all(o["template_name"] == OPTION_TEMPLATE for _, group, _ in widget["optgroups"] for o in group):
                return _select_html(widget)
        return self.base.render(template_name, context, request=request)


def _value(value) -> str:
    from django.template.base import render_value_in_context
    from django.template.context import Context

    return render_value_in_context(value, _PLAIN_CONTEXT or Context())


def _formatted(value) -> str:
    """``{{ value|stringformat:'s' }}``."""
    from django.utils.safestring import SafeData, mark_safe

    text = str(value) if isinstance(value, tuple) else "%s" % (value,)  # noqa: UP031 - the filter's own formatting
    return _value(mark_safe(text) if isinstance(value, SafeData) else text)  # noqa: S308 - safe input stays safe


def _attrs_html(attrs) -> str:
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {_value(name)}" if value is True else f' {_value(name)}="{_formatted(value)}"')
    return "".join(parts)


def _select_html(widget) -> str:
    from django.utils.safestring import mark_safe

    parts = [f'<select name="{_value(widget["name"])}"{_attrs_html(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_value(group_name)}">')
        for option in group_choices:
            parts.append(
                f'\n  <option value="{_formatted(option["value"])}"{_attrs_html(option["attrs"])}>'
                f"{_value(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")  # the renderer strips the template's final newline
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped as the template escapes it


_PLAIN_CONTEXT = None


def fast_select_renderer() -> FastSelectRenderer:
    global _RENDERER, _PLAIN_CONTEXT
    if _RENDERER is None:
        from django.template.context import Context

        _PLAIN_CONTEXT = Context()
        _RENDERER = FastSelectRenderer()
    return _RENDERER


_RENDERER = None

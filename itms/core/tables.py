"""Table base (django-tables2): Korean dates and 원 in every table, and cheap rendering of big pages.

A list page of 50 rows spent most of its CPU in django-tables2's per-cell machinery (issue 12): the
``<tbody>`` is rendered here in Python (``render_tbody``, through ``{% itms_tbody %}`` in ``ui/table.html``) with
each column's ``<td>`` attributes worked out once per page instead of once per cell; the signature of a column's
``render`` is read once per function, not once per cell (``_cached_signature``); and a link to a row's own page is
made from one ``reverse()`` per model and page (``detail_url``), not one per row.
"""

import django_tables2 as tables
from django.db import models
from django.db.models import Q
from django.template.base import render_value_in_context
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils import formats
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django_tables2 import utils as tables_utils
from django_tables2.columns import library
from django_tables2.rows import BoundRows

from .formats import format_date, format_won
from .pagination import CURSOR_PARAM, EstimatedCountPaginator, KeysetPage, is_big, keyset_page


@library.register
class DateColumn(tables.Column):
    """Every date and date-time column, declared or made from a model field: django-tables2's own date columns
    compile a template for every cell (a fifth of an incident page's CPU at scale 1.0); this formats in Python."""

    attrs = {"td": {"class": "text-nowrap"}}

    @classmethod
    def from_field(cls, field, **kwargs):
        if isinstance(field, models.DateField):  # DateTimeField is one too
            return cls(**kwargs)
        return None

    def render(self, value):
        return format_date(value)

    def value(self, value):
        return value.isoformat() if value else ""


class MoneyColumn(tables.Column):
    attrs = {"td": {"class": "text-end text-nowrap"}, "th": {"class": "text-end"}}

    def render(self, value):
        return format_won(value)

    def value(self, value):
        return value  # exports keep the number, spreadsheets do the arithmetic


class BooleanColumn(tables.BooleanColumn):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("yesno", "예,아니요")
        super().__init__(*args, **kwargs)


# --- cheaper cells --------------------------------------------------------------------------------------------
_uncached_signature = tables_utils.signature
_SIGNATURES: dict = {}


def _cached_signature(fn):
    """django-tables2 reads ``inspect.signature`` of a column's ``render`` for every cell: once per function here.

    A bound method's signature (without ``self``) is that of its function; other callables by identity.
    """
    key = getattr(fn, "__func__", None) if getattr(fn, "__self__", None) is not None else fn
    try:
        return _SIGNATURES[key]
    except KeyError:
        pass
    except TypeError:  # unhashable callable
        return _uncached_signature(fn)
    if len(_SIGNATURES) > 4096:
        _SIGNATURES.clear()
    found = _SIGNATURES[key] = _uncached_signature(fn)
    return found


tables_utils.signature = _cached_signature  # call_with_appropriate looks it up in its module on every call

_SENTINEL_PK = 987654321987
_DETAIL_URLS: dict = {}


def detail_url(model, pk) -> str:
    """``PrimaryModel.get_absolute_url`` for ``pk`` from one ``reverse()`` per model (and script prefix)."""
    key = (model, get_script_prefix())
    parts = _DETAIL_URLS.get(key)
    if parts is None:
        name = f"{model._meta.app_label}:{model._meta.model_name}_detail"
        try:
            url = reverse(name, kwargs={"pk": _SENTINEL_PK})
        except NoReverseMatch:
            parts = ("", None)
        else:
            head, _, tail = url.partition(str(_SENTINEL_PK))
            parts = (head, tail)
        _DETAIL_URLS[key] = parts
    head, tail = parts
    return "" if tail is None else f"{head}{pk}{tail}"


def _uses_default_url(target) -> bool:
    from .models import PrimaryModel

    return getattr(type(target), "get_absolute_url", None) is PrimaryModel.get_absolute_url


class GatedLink:
    """A cell link rendered only when the user may open its target (itms.core.gate): no dead links.

    The targets of one column on the page are checked together, in one query per model, and only for users whose
    view scope is narrower than "all" (vendors, experts, per-unit roles).
    """

    def __init__(self, inner, table, column_name: str):
        self.inner, self.table, self.column_name = inner, table, column_name

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def __call__(self, content, **kwargs):
        target = self._target(kwargs["record"])
        if target is not None and not self.table.may_view(target, self):
            return content
        inner = self.inner
        if target is not None and inner.url is None and not inner.attrs and _uses_default_url(target):
            # The row's (or its linked row's) own page: the same <a href="…"> the link would make, without reverse().
            return format_html('<a href="{}">{}</a>', detail_url(type(target), target.pk), content)
        return inner(content, **kwargs)

    def _target(self, record):
        if callable(self.inner.url) or self.inner.reverse_args.get("viewname") is not None:
            return record
        accessor = tables.A(self.inner.accessor if self.inner.accessor is not None else self.column_name)
        try:
            target = accessor.resolve(record)
        except (AttributeError, KeyError, TypeError, ValueError):
            return record
        return target if hasattr(target, "_meta") and hasattr(target, "get_absolute_url") else record

    def targets_on_page(self) -> list:
        rows = self.table.page.object_list if getattr(self.table, "page", None) else self.table.data
        # A page's rows are django-tables2 BoundRows: their records are the rows (else one query per row).
        records = (getattr(row, "record", row) for row in rows)
        return [t for t in (self._target(record) for record in records) if t is not None]


class ItmsTable(tables.Table):
    class Meta:
        template_name = "ui/table.html"
        attrs = {"class": "table table-vcenter card-table table-striped table-hover"}
        per_page = 50
        empty_text = "조건에 맞는 자료가 없습니다."

    keyset = None  # KeysetLinks when the page is a keyset page (big lists, itms.core.pagination)

    def __init__(self, *args, request=None, configure=True, **kwargs):
        # configure=False: the caller sorts and paginates (the list view), so the request is not configured twice
        # (django-tables2 would paginate, and count, once here and again in the view).
        super().__init__(*args, request=request if configure else None, **kwargs)
        if not configure:
            self.request = request
        self.viewer = getattr(request, "user", None)
        self._sort_only_on_indexes()
        self._visible: dict[type, tuple[set, set] | None] = {}
        for bound in self.columns:
            link = getattr(bound.column, "link", None)
            if link is not None and not isinstance(link, GatedLink):
                # The bound column copied the column's link when the table was made: gate both (rows use its copy).
                bound.column.link = bound.link = GatedLink(link, self, bound.name)

    def _sort_only_on_indexes(self) -> None:
        """On a big table (itms.core.pagination.is_big), a column sorts only if an index leads with its field."""
        queryset = getattr(self.data, "data", None)
        if not hasattr(queryset, "query") or not is_big(queryset):
            return
        allowed = sortable_fields(queryset.model)
        for bound in self.columns:
            if bound.orderable and not all(a.bare.replace(".", "__") in allowed for a in bound.order_by):
                bound.column.orderable = False

    def may_view(self, target, link: GatedLink) -> bool:
        from .querysets import scope_condition

        user = self.viewer
        if user is None or not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        model = target._meta.model
        if model not in self._visible:
            manager = model._default_manager
            if not hasattr(manager, "restrict") or scope_condition(model, user, "view") == Q():
                self._visible[model] = None  # not a scoped type, or the user sees every row
            else:
                self._visible[model] = (set(), set())
        known = self._visible[model]
        if known is None:
            return True
        checked, visible = known
        if target.pk not in checked:
            # Every target of this column on the page at once, then (rarely) one more.
            pks = {t.pk for t in link.targets_on_page() if isinstance(t, model)} - checked | {target.pk}
            visible.update(
                model._default_manager.restrict(user, "view").filter(pk__in=pks).values_list("pk", flat=True)
            )
            checked.update(pks)
        return target.pk in visible

    def render_tbody(self, context) -> SafeString:
        """The rows of this page as ``<tr>`` elements: what django-tables2's template makes, cell for cell."""
        columns = list(self.columns)
        static_td = {}
        for bound in columns:
            merged = {**dict(self.attrs), **dict(bound.column.attrs)}
            if not _has_callable(merged.get("td", merged.get("cell", {}))):
                static_td[bound.name] = bound.attrs["td"].as_html()  # the same for every row: worked out once
        rows = []
        for row in self.paginated_rows:
            cells = []
            for bound in columns:
                # row.get_cell(name), without looking the column up by name again (a scan of the columns per cell)
                cell = row._get_and_render_with(bound, render_func=row._call_render, default=bound.default)
                td = static_td.get(bound.name)
                if td is None:
                    bound.current_value, bound.current_record = cell, row.record
                    td = bound.attrs["td"].as_html()
                cells.append(f"<td {td}>{_cell_html(cell, bound.localize, context)}</td>")
            rows.append(f"<tr {row.attrs.as_html()}>{''.join(cells)}</tr>")
        if not rows and self.empty_text:
            rows.append(f'<tr><td colspan="{len(columns)}">{conditional_escape(self.empty_text)}</td></tr>')
        return mark_safe("\n".join(rows))  # noqa: S308 - every part above is escaped or already safe

    def paginate_by_keyset(self, request, per_page: int) -> None:
        """This page by keyset (``?cursor=``, or the first page of a big list): no offset, a bounded count."""
        queryset = self.data.data  # sorted by the request already
        page = keyset_page(queryset, request.GET.get(CURSOR_PARAM), per_page)
        self.paginator = EstimatedCountPaginator(queryset, per_page)  # the count shown, computed only if shown
        self.page = _KeysetTablePage(BoundRows(page.records, self), page)
        self.keyset = KeysetLinks(request, page)

    def paginate(self, paginator_class=EstimatedCountPaginator, per_page=None, page=1, *args, **kwargs):
        # Every pager of every table (lists, related tables; also the one RequestConfig makes when the table is
        # built with request=): no COUNT(*) over a whole big table (itms.core.pagination).
        return super().paginate(paginator_class, per_page, page, *args, **kwargs)


def sortable_fields(model) -> set[str]:
    """The fields of ``model`` an index leads with (the primary key, unique and indexed columns, Meta.indexes)."""
    names = {model._meta.pk.name, "pk"}
    for model_field in model._meta.concrete_fields:
        if (model_field.db_index or model_field.unique) and not model_field.is_relation:
            names.add(model_field.name)
    for index in model._meta.indexes:
        if index.fields:
            names.add(index.fields[0].lstrip("-"))
    return names


def _has_callable(value) -> bool:
    if callable(value):
        return True
    if isinstance(value, dict):
        return any(_has_callable(v) for v in value.values())
    return False


def _cell_html(cell, localize, context) -> str:
    """``{{ cell }}``, ``{{ cell|localize }}`` or ``{{ cell|unlocalize }}`` as the table template writes it."""
    if localize is None:
        return render_value_in_context(cell, context)
    return conditional_escape(str(formats.localize(cell, use_l10n=bool(localize))))


class ObjectColumn(tables.Column):
    """The row itself, shown by its str() and linked to its page (for rows without a name field)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", "항목")
        super().__init__(accessor="pk", linkify=lambda record: record.get_absolute_url(), orderable=False, **kwargs)

    def render(self, record):
        return str(record)

    def value(self, record):
        return str(record)


class _KeysetTablePage:
    """What django-tables2 and the templates read of a page (``object_list``), for a keyset page."""

    def __init__(self, object_list, page: KeysetPage):
        self.object_list = object_list
        self.keyset_page = page

    def __len__(self):
        return len(self.object_list.data)


class KeysetLinks:
    """The links of a keyset page: 처음, 이전 쪽, 다음 쪽 (the other parameters — filters, sort — kept)."""

    def __init__(self, request, page: KeysetPage):
        self.page = page
        self.shown = len(page.records)
        self._params = request.GET.copy()
        for name in (CURSOR_PARAM, "page"):
            self._params.pop(name, None)
        self.first_url = self._url(None) if page.has_previous else ""
        self.previous_url = self._url(page.previous_cursor) if page.has_previous else ""
        self.next_url = self._url(page.next_cursor) if page.has_next else ""

    def _url(self, cursor: str | None) -> str:
        params = self._params.copy()
        if cursor:
            params[CURSOR_PARAM] = cursor
        query = params.urlencode()
        return f"?{query}" if query else "?"

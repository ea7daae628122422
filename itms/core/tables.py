"""Table base (django-tables2): Korean dates and 원 in every table."""

import django_tables2 as tables
from django.db.models import Q

from .formats import format_date, format_won
from .pagination import EstimatedCountPaginator


class DateColumn(tables.Column):
    attrs = {"td": {"class": "text-nowrap"}}

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
        return self.inner(content, **kwargs)

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
        return [t for t in (self._target(row) for row in rows) if t is not None]


class ItmsTable(tables.Table):
    class Meta:
        template_name = "ui/table.html"
        attrs = {"class": "table table-vcenter card-table table-striped table-hover"}
        per_page = 50
        empty_text = "조건에 맞는 자료가 없습니다."

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.viewer = getattr(request, "user", None)
        self._visible: dict[type, tuple[set, set] | None] = {}
        for bound in self.columns:
            link = getattr(bound.column, "link", None)
            if link is not None and not isinstance(link, GatedLink):
                bound.column.link = GatedLink(link, self, bound.name)

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

    def paginate(self, paginator_class=EstimatedCountPaginator, per_page=None, page=1, *args, **kwargs):
        # Every pager of every table (lists, related tables; also the one RequestConfig makes when the table is
        # built with request=): no COUNT(*) over a whole big table (itms.core.pagination).
        return super().paginate(paginator_class, per_page, page, *args, **kwargs)


class ObjectColumn(tables.Column):
    """The row itself, shown by its str() and linked to its page (for rows without a name field)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("verbose_name", "항목")
        super().__init__(accessor="pk", linkify=lambda record: record.get_absolute_url(), orderable=False, **kwargs)

    def render(self, record):
        return str(record)

    def value(self, record):
        return str(record)

"""Table base (django-tables2): Korean dates and 원 in every table."""

import django_tables2 as tables

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
        kwargs.setdefault("yesno", "예,아니오")
        super().__init__(*args, **kwargs)


class ItmsTable(tables.Table):
    class Meta:
        template_name = "ui/table.html"
        attrs = {"class": "table table-vcenter card-table table-striped table-hover"}
        per_page = 50
        empty_text = "조건에 맞는 자료가 없습니다."

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

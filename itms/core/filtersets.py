"""FilterSet base: a free-text ``q`` over the type's search fields, Korean labels, styled widgets.

Filters on a foreign key to a big table (a type registered with ``search_choices=True``: users, positions,
units, projects, systems) get a search box instead of a select of every row (``itms.core.widgets``).
"""

import django_filters

from .forms import style_widgets
from .widgets import search_large_choices, text_search


class ItmsFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="검색")
    search_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, filter_ in self.filters.items():
            if isinstance(filter_, django_filters.BooleanFilter):
                # "알 수 없음" reads as a value; a filter's empty choice means "all".
                self.form.fields[name].widget.choices = [("", "전체"), ("true", "예"), ("false", "아니오")]
        search_large_choices(self.form.fields, user=getattr(self.request, "user", None))
        style_widgets(self.form.fields, small=True)

    def search(self, queryset, name, value):
        return text_search(queryset, self.search_fields, value)

"""FilterSet base: a free-text ``q`` over the type's search fields, Korean labels, styled widgets."""

from functools import reduce
from operator import or_

import django_filters
from django.db.models import Q

from .forms import style_widgets


class ItmsFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="검색")
    search_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, filter_ in self.filters.items():
            if isinstance(filter_, django_filters.BooleanFilter):
                # "알 수 없음" reads as a value; a filter's empty choice means "all".
                self.form.fields[name].widget.choices = [("", "전체"), ("true", "예"), ("false", "아니오")]
        style_widgets(self.form.fields, small=True)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value or not self.search_fields:
            return queryset
        return queryset.filter(reduce(or_, (Q(**{f"{f}__icontains": value}) for f in self.search_fields)))

"""API list pages (issue 12): numbered where counting is cheap, keyset ("cursor") over big tables.

* A type whose table is big (PostgreSQL's estimate at or above ``ITMS_COUNT_ESTIMATE_ABOVE``) answers its list
  by keyset: ``next``/``previous`` carry ``?cursor=`` (the sort values of the last/first row, made for the
  list's order, ``?ordering=`` included), so a deep page costs what the first does. ``count`` is the estimate
  (a whole table) or a count up to ``ITMS_COUNT_CAP`` with ``"count_capped": true`` beyond it.
* Any list also answers ``?cursor=`` (e.g. a client following ``next`` as the table grows past the threshold),
  and a big list still answers ``?page=N`` (read by primary key first: ``itms.core.pagination``).
* Every other list: ``?page=N`` with an exact ``count``, as before.

``page_size`` 50 by default, up to 500.
"""

from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from itms.core.pagination import CURSOR_PARAM, EstimatedCountPaginator, is_big, keyset_page, order_keys


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    # An unfiltered list of a table of over 100,000 rows is counted by PostgreSQL's estimate (itms.core.pagination).
    django_paginator_class = EstimatedCountPaginator
    cursor_query_param = CURSOR_PARAM

    keyset = None

    def paginate_queryset(self, queryset, request, view=None):
        self.keyset = None
        params = request.query_params
        cursor = params.get(self.cursor_query_param)
        by_keyset = bool(cursor) or (
            self.page_query_param not in params and is_big(queryset) and order_keys(queryset) is not None
        )
        if not by_keyset:
            return super().paginate_queryset(queryset, request, view)
        self.request = request
        size = self.get_page_size(request)
        self.keyset = keyset_page(queryset, cursor, size)
        self.counter = EstimatedCountPaginator(queryset, size)
        return self.keyset.records

    def get_paginated_response(self, data):
        if self.keyset is None:
            paginator = self.page.paginator
            body = {
                "count": paginator.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
            if paginator.capped:
                body["count_capped"] = True
            return Response(body)
        count = self.counter.count
        body = {
            "count": count,
            "next": self._cursor_link(self.keyset.next_cursor),
            "previous": self._cursor_link(self.keyset.previous_cursor),
            "results": data,
        }
        if self.counter.capped:
            body["count_capped"] = True
        return Response(body)

    def _cursor_link(self, cursor):
        if not cursor:
            return None
        url = remove_query_param(self.request.build_absolute_uri(), self.page_query_param)
        return replace_query_param(url, self.cursor_query_param, cursor)

    def get_paginated_response_schema(self, schema):
        answer = super().get_paginated_response_schema(schema)
        answer["properties"]["count_capped"] = {
            "type": "boolean",
            "description": "참이면 count는 상한(ITMS_COUNT_CAP)이며 실제로는 더 많습니다.",
        }
        return answer

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        parameters.append(
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "다음/이전 쪽 표시(next, previous 링크에 있는 값). 큰 목록에서 깊은 쪽도 빠르게 읽습니다.",
                "schema": {"type": "string"},
            }
        )
        return parameters

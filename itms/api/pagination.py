from rest_framework.pagination import PageNumberPagination

from itms.core.pagination import EstimatedCountPaginator


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    # An unfiltered list of a table of over 100,000 rows is counted by PostgreSQL's estimate (itms.core.pagination).
    django_paginator_class = EstimatedCountPaginator

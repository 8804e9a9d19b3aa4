"""Cursor pagination for every list: a page costs the same at the first record as at the 50,000th (no OFFSET, no
COUNT), and a record added meanwhile neither repeats nor skips a row. `?page_size=` up to 500 (100 by default)."""

from rest_framework.pagination import CursorPagination


class RecordCursorPagination(CursorPagination):
    page_size = 100
    max_page_size = 500
    page_size_query_param = "page_size"
    # The primary key: unique and never changed, as a cursor's ordering must be.
    ordering = "pk"

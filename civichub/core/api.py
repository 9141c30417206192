"""Conventions shared by every API router: page-number pagination with safe bounds."""

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
# Far beyond the last page of any list, and small enough that the SQL OFFSET
# computed from it never overflows (which would be a 500, not an empty page).
MAX_PAGE = 100_000


class Pagination(PageNumberPagination):
    """``?page=`` validated up front (an out-of-range value gets a 422 with a clear
    message instead of reaching the database); ``?page_size=`` above the router's
    maximum is capped to it."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1)

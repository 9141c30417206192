"""GET /api/v1/search: the site search over public content, as JSON."""

import datetime
from enum import StrEnum
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from civichub.core.api import MAX_PAGE_SIZE, PAGE_SIZE, Pagination

from .models import Visibility
from .registry import source_by_kind, sources
from .selectors import (
    MAX_QUERY_LENGTH,
    MAX_RESULTS,
    Hit,
    Results,
    SearchQuery,
    query_groups,
    search_themes,
)

router = Router(tags=["search"])

# Named for the schema: OpenAPI components are keyed by class name.
SearchKind = StrEnum(  # type: ignore[misc]  # members come from the registered sources
    "SearchKind", {source.kind.upper(): source.kind for source in sources()}
)


class SearchResult(Schema):
    kind: str
    title: str
    title_en: str
    summary: str
    summary_en: str
    url: str
    published_at: datetime.datetime | None
    themes: list[str]

    @staticmethod
    def resolve_kind(hit: Hit) -> str:
        return hit.document.kind

    @staticmethod
    def resolve_title(hit: Hit) -> str:
        return hit.document.title

    @staticmethod
    def resolve_title_en(hit: Hit) -> str:
        return hit.document.title_en

    @staticmethod
    def resolve_summary(hit: Hit) -> str:
        return hit.document.summary

    @staticmethod
    def resolve_summary_en(hit: Hit) -> str:
        return hit.document.summary_en

    @staticmethod
    def resolve_url(hit: Hit) -> str:
        return hit.document.url

    @staticmethod
    def resolve_published_at(hit: Hit) -> datetime.datetime | None:
        return hit.document.published_at

    @staticmethod
    def resolve_themes(hit: Hit) -> list[str]:
        return [theme.slug for theme in hit.themes]


class SearchFilters(Schema):
    q: str = Field(
        "",
        max_length=MAX_QUERY_LENGTH,
        description="Words to find, in any form (Italian stemming); every word must match.",
    )
    kind: SearchKind | None = Field(None, description="Only this kind of content.")
    theme: str | None = Field(None, max_length=80, description="Slug of a theme.")


@router.get(
    "",
    response=list[SearchResult],
    summary="Search public content",
    description=(
        "Experiences, organisations and news matching every word of q, best first; "
        f"at most {MAX_RESULTS} results can be paged through."
    ),
)
# The view learns the page size: the first page comes with the counts, in one statement.
@paginate(
    Pagination,
    page_size=PAGE_SIZE,
    max_page_size=MAX_PAGE_SIZE,
    pass_parameter="page_asked",  # noqa: S106 - a parameter's name, not a password
)
def search(request: HttpRequest, filters: Query[SearchFilters], **kwargs: Any) -> Any:
    groups, _ = query_groups(filters.q)
    theme = None
    if filters.theme:
        theme = next((t for t in search_themes() if t.slug == filters.theme), None)
        if theme is None:
            return []
    if not groups:
        return []
    query = SearchQuery(
        text=filters.q,
        groups=groups,
        visibilities=(Visibility.PUBLIC,),
        source=source_by_kind(filters.kind) if filters.kind else None,
        theme=theme,
    )
    page_asked = kwargs["page_asked"]
    page_size = min(page_asked.page_size or PAGE_SIZE, MAX_PAGE_SIZE)
    return Results(query, first_page=page_size)

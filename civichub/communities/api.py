"""Public read endpoints: /api/v1/areas and /api/v1/areas/{slug}.

Only public, not archived areas: members-only and private areas (the promoters'
workspace among them) never appear, and asking for one by slug gives the same 404 as
a missing area. Never members, requests or invitations.
"""

import datetime

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from civichub.core.api import MAX_PAGE_SIZE, PAGE_SIZE, Pagination
from civichub.taxonomy.models import Theme

from .models import Area
from .selectors.areas import public_areas

router = Router(tags=["areas"])


class AreaTheme(Schema):
    slug: str
    name: str
    name_en: str


class AreaListItem(Schema):
    slug: str
    name: str
    name_en: str
    purpose: str
    purpose_en: str
    themes: list[AreaTheme]
    members_count: int
    threads_count: int
    last_activity_at: datetime.datetime | None
    url: str

    @staticmethod
    def resolve_themes(area: Area) -> list[Theme]:
        return list(area.themes.all())

    @staticmethod
    def resolve_url(area: Area) -> str:
        return area.get_absolute_url()


class AreaDetail(AreaListItem):
    welcome: str
    welcome_en: str
    join_policy: str
    created_at: datetime.datetime


@router.get("", response=list[AreaListItem], summary="Public working areas")
@paginate(Pagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def list_areas(request: HttpRequest) -> QuerySet[Area]:
    return public_areas()


@router.get("/{slug}", response=AreaDetail, summary="One public working area")
def get_area(request: HttpRequest, slug: str) -> Area:
    area = public_areas().defer(None).filter(slug=slug).first()
    if area is None:
        raise Http404
    return area

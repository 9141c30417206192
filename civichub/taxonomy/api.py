"""Public read endpoints for the shared vocabularies: /api/v1/taxonomy/…"""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from civichub.core.api import MAX_PAGE_SIZE, PAGE_SIZE, Pagination

from .models import CtsActivity, IAP2Level, ParticipatoryMethod, TargetGroup, Theme

router = Router(tags=["taxonomy"])


class VocabularyOut(Schema):
    slug: str
    name: str
    name_en: str
    description: str
    description_en: str
    sort_order: int


class IAP2LevelOut(VocabularyOut):
    promise: str
    promise_en: str


class CtsActivityOut(VocabularyOut):
    code: str


@router.get("/themes", response=list[VocabularyOut], summary="Themes")
@paginate(Pagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def themes(request: HttpRequest) -> QuerySet[Theme]:
    return Theme.objects.order_by("sort_order", "name")


@router.get("/methods", response=list[VocabularyOut], summary="Participatory methods")
@paginate(Pagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def methods(request: HttpRequest) -> QuerySet[ParticipatoryMethod]:
    return ParticipatoryMethod.objects.order_by("sort_order", "name")


@router.get("/iap2-levels", response=list[IAP2LevelOut], summary="Levels of the IAP2 spectrum")
@paginate(Pagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def iap2_levels(request: HttpRequest) -> QuerySet[IAP2Level]:
    return IAP2Level.objects.order_by("sort_order", "name")


@router.get("/target-groups", response=list[VocabularyOut], summary="Target groups")
@paginate(Pagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def target_groups(request: HttpRequest) -> QuerySet[TargetGroup]:
    return TargetGroup.objects.order_by("sort_order", "name")


@router.get(
    "/cts-activities",
    response=list[CtsActivityOut],
    summary="Activities of general interest (Art. 5, Legislative Decree 117/2017)",
)
@paginate(Pagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def cts_activities(request: HttpRequest) -> QuerySet[CtsActivity]:
    return CtsActivity.objects.order_by("sort_order", "code")

"""Public read endpoints: /api/v1/territories/{regions,provinces,municipalities}."""

from enum import StrEnum
from typing import Any, Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from civichub.core.api import MAX_PAGE_SIZE, PAGE_SIZE, Pagination

from .models import Municipality, Province, Region
from .selectors import municipality_filter, municipality_queryset

# Named for the schema: OpenAPI components are keyed by class name, and
# organisations has a "Kind" of its own.
ProvinceKind = StrEnum(  # type: ignore[misc]  # members come from the model choices
    "ProvinceKind", {kind.name: kind.value for kind in Province.Kind}
)

router = Router(tags=["territories"])

REGION_CODE = r"^\d{1,2}$"
PROVINCE_CODE_OR_ABBREVIATION = r"^(\d{1,3}|[A-Za-z]{2})$"


class Centroid(Schema):
    lat: float
    lon: float


class TerritoryRef(Schema):
    istat_code: str
    name: str


class ProvinceRef(TerritoryRef):
    abbreviation: str


class _Territory(Schema):
    istat_code: str
    name: str
    slug: str
    centroid: Centroid | None

    @staticmethod
    def resolve_centroid(obj: Region | Province | Municipality) -> dict | None:
        if obj.centroid_lat is None or obj.centroid_lon is None:
            return None
        return {"lat": obj.centroid_lat, "lon": obj.centroid_lon}


class RegionOut(_Territory):
    pass


class ProvinceOut(_Territory):
    abbreviation: str
    kind: ProvinceKind
    region: TerritoryRef


class MunicipalityOut(_Territory):
    cadastral_code: str
    population: int | None
    province: ProvinceRef
    region: TerritoryRef


BOUNDARY = Field(None, description="Simplified GeoJSON geometry (WGS84), with ?include=boundary.")


class RegionDetail(RegionOut):
    boundary: dict[str, Any] | None = BOUNDARY


class ProvinceDetail(ProvinceOut):
    boundary: dict[str, Any] | None = BOUNDARY


class MunicipalityDetail(MunicipalityOut):
    boundary: dict[str, Any] | None = BOUNDARY


class ProvinceFilters(Schema):
    region: str | None = Field(None, pattern=REGION_CODE, description="ISTAT region code")


class MunicipalityFilters(Schema):
    region: str | None = Field(None, pattern=REGION_CODE, description="ISTAT region code")
    province: str | None = Field(
        None,
        pattern=PROVINCE_CODE_OR_ABBREVIATION,
        description="ISTAT province code or abbreviation (BO)",
    )
    q: str | None = Field(None, max_length=100, description="Name search")


Include = Literal["boundary"] | None

NOT_FOUND = {
    Region: _("Nessuna regione ha il codice ISTAT «%(code)s»."),
    Province: _("Nessuna provincia ha il codice ISTAT «%(code)s»."),
    Municipality: _("Nessun comune ha il codice ISTAT «%(code)s»."),
}


def _get(queryset: QuerySet, code: str, width: int, include: Include) -> Any:
    """One territory by ISTAT code (zero-padded here), 404 otherwise."""
    territory = None
    if code.isdigit() and len(code) <= width:
        if include != "boundary":
            queryset = queryset.defer("boundary")
        territory = queryset.filter(istat_code=code.zfill(width)).first()
    if territory is None:
        raise HttpError(404, str(NOT_FOUND[queryset.model] % {"code": code}))
    if include != "boundary":
        territory.boundary = None
    return territory


@router.get("/regions", response=list[RegionOut], summary="Regions")
@paginate(Pagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def regions(request: HttpRequest) -> QuerySet[Region]:
    return Region.objects.defer("boundary").order_by("istat_code")


@router.get("/regions/{istat_code}", response=RegionDetail, summary="Region")
def region(request: HttpRequest, istat_code: str, include: Include = None) -> Region:
    return _get(Region.objects.all(), istat_code, 2, include)


def _provinces() -> QuerySet[Province]:
    return Province.objects.select_related("region").defer("boundary", "region__boundary")


@router.get("/provinces", response=list[ProvinceOut], summary="Provinces")
@paginate(Pagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def provinces(request: HttpRequest, filters: Query[ProvinceFilters]) -> QuerySet[Province]:
    queryset = _provinces().order_by("istat_code")
    if filters.region:
        queryset = queryset.filter(region__istat_code=filters.region.zfill(2))
    return queryset


@router.get("/provinces/{istat_code}", response=ProvinceDetail, summary="Province")
def province(request: HttpRequest, istat_code: str, include: Include = None) -> Province:
    queryset = Province.objects.select_related("region").defer("region__boundary")
    return _get(queryset, istat_code, 3, include)


@router.get("/municipalities", response=list[MunicipalityOut], summary="Municipalities (comuni)")
@paginate(Pagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def municipalities(
    request: HttpRequest, filters: Query[MunicipalityFilters]
) -> QuerySet[Municipality]:
    queryset = municipality_queryset().order_by("istat_code")
    if filters.region:
        queryset = queryset.filter(region__istat_code=filters.region.zfill(2))
    if filters.province:
        if filters.province.isdigit():
            queryset = queryset.filter(province__istat_code=filters.province.zfill(3))
        else:
            queryset = queryset.filter(province__abbreviation=filters.province.upper())
    if filters.q and filters.q.strip():
        queryset = municipality_filter(queryset, filters.q)
    return queryset


@router.get(
    "/municipalities/{istat_code}", response=MunicipalityDetail, summary="Municipality (comune)"
)
def municipality(request: HttpRequest, istat_code: str, include: Include = None) -> Municipality:
    queryset = Municipality.objects.select_related("province", "region").defer(
        "province__boundary", "region__boundary"
    )
    return _get(queryset, istat_code, 6, include)

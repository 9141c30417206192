"""Public read endpoints: /api/v1/experiences and /api/v1/experiences/{slug}.

Only published experiences. The list takes the filters of the catalogue page under
English names; places are ISTAT codes, vocabularies slugs. An unknown code or slug gives
an empty list (the filter was understood, nothing matches), a malformed value a 422.
"""

import datetime
from enum import StrEnum
from typing import TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from civichub.core.api import MAX_PAGE_SIZE, PAGE_SIZE, Pagination
from civichub.organisations.models import Kind
from civichub.taxonomy.models import IAP2Level, ParticipatoryMethod, Theme
from civichub.territories.models import Municipality, Province, Region, Scale

from .filters import FIRST_YEAR, LAST_YEAR, Q_MAX_LENGTH
from .models import (
    BudgetBand,
    Experience,
    ExperienceOrganisation,
    Licence,
    OrganisationRole,
    Recruitment,
    Status,
)
from .selectors import CatalogueFilters, Sort, experience_open_data, published_experience

# Named for the schema: OpenAPI components are keyed by class name, and other
# resources have a "Status" or a "Kind" of their own.
ExperienceStatus = StrEnum(  # type: ignore[misc]  # members come from the model choices
    "ExperienceStatus", {status.name: status.value for status in Status}
)
ExperienceScale = StrEnum(  # type: ignore[misc]
    "ExperienceScale", {scale.name: scale.value for scale in Scale}
)
ExperienceRecruitment = StrEnum(  # type: ignore[misc]
    "ExperienceRecruitment", {item.name: item.value for item in Recruitment}
)
ExperienceBudgetBand = StrEnum(  # type: ignore[misc]
    "ExperienceBudgetBand", {item.name: item.value for item in BudgetBand}
)
ExperienceLicence = StrEnum(  # type: ignore[misc]
    "ExperienceLicence", {item.name: item.value for item in Licence}
)
ExperienceOrganisationRole = StrEnum(  # type: ignore[misc]
    "ExperienceOrganisationRole", {item.name: item.value for item in OrganisationRole}
)
ExperienceOrganisationKind = StrEnum(  # type: ignore[misc]
    "ExperienceOrganisationKind", {kind.name: kind.value for kind in Kind}
)
ExperienceSort = StrEnum(  # type: ignore[misc]
    "ExperienceSort", {sort.name: sort.value for sort in Sort}
)

router = Router(tags=["experiences"])


class ExperienceTerritory(Schema):
    istat_code: str
    name: str


class ExperienceTerm(Schema):
    slug: str
    name: str
    name_en: str


class ExperienceOrganisationRef(Schema):
    name: str
    slug: str
    role: ExperienceOrganisationRole

    @staticmethod
    def resolve_name(link: ExperienceOrganisation) -> str:
        return link.organisation.name

    @staticmethod
    def resolve_slug(link: ExperienceOrganisation) -> str:
        return link.organisation.slug


class Point(Schema):
    latitude: float
    longitude: float


class ExperienceListItem(Schema):
    slug: str
    title: str
    title_en: str
    summary: str
    summary_en: str
    scale: ExperienceScale
    regions: list[ExperienceTerritory]
    provinces: list[ExperienceTerritory]
    municipalities: list[ExperienceTerritory]
    point: Point | None = Field(None, description="Where the map shows it (WGS84).")
    start_date: datetime.date | None
    end_date: datetime.date | None
    status: ExperienceStatus
    themes: list[ExperienceTerm]
    methods: list[ExperienceTerm]
    iap2_level: ExperienceTerm | None
    organisations: list[ExperienceOrganisationRef]
    participants_count: int | None
    recruitment: ExperienceRecruitment | None
    budget_band: ExperienceBudgetBand | None
    has_evaluation: bool
    replication_count: int
    licence: ExperienceLicence
    licence_url: str
    published_at: datetime.datetime | None
    url: str

    @staticmethod
    def resolve_regions(experience: Experience) -> list[Region]:
        return list(experience.regions.all())

    @staticmethod
    def resolve_provinces(experience: Experience) -> list[Province]:
        return list(experience.provinces.all())

    @staticmethod
    def resolve_municipalities(experience: Experience) -> list[Municipality]:
        return list(experience.municipalities.all())

    @staticmethod
    def resolve_point(experience: Experience) -> dict[str, float] | None:
        if experience.marker_latitude is None or experience.marker_longitude is None:
            return None
        return {
            "latitude": round(experience.marker_latitude, 5),
            "longitude": round(experience.marker_longitude, 5),
        }

    @staticmethod
    def resolve_themes(experience: Experience) -> list[Theme]:
        return list(experience.themes.all())

    @staticmethod
    def resolve_methods(experience: Experience) -> list[ParticipatoryMethod]:
        return list(experience.methods.all())

    @staticmethod
    def resolve_organisations(experience: Experience) -> list[ExperienceOrganisation]:
        return list(experience.organisations.all())

    @staticmethod
    def resolve_recruitment(experience: Experience) -> str | None:
        return experience.recruitment or None

    @staticmethod
    def resolve_budget_band(experience: Experience) -> str | None:
        return experience.budget_band or None

    @staticmethod
    def resolve_url(experience: Experience) -> str:
        return experience.get_absolute_url()


class ExperienceMedia(Schema):
    url: str
    title: str


class ExperienceDetail(ExperienceListItem):
    narrative: str
    narrative_en: str
    outcomes: str
    outcomes_en: str
    evidence: str
    lessons: str
    lessons_en: str
    replicability: str
    recruitment_notes: str
    funding_sources: str
    target_groups: list[ExperienceTerm]
    website: str
    images: list[ExperienceMedia]
    documents: list[ExperienceMedia]
    links: list[ExperienceMedia]

    @staticmethod
    def resolve_target_groups(experience: Experience) -> list:
        return list(experience.target_groups.all())

    @staticmethod
    def resolve_images(experience: Experience) -> list[dict[str, str]]:
        return [{"url": i.image.url, "title": i.alt_text} for i in experience.images.all()]

    @staticmethod
    def resolve_documents(experience: Experience) -> list[dict[str, str]]:
        return [{"url": d.file.url, "title": d.title} for d in experience.documents.all()]

    @staticmethod
    def resolve_links(experience: Experience) -> list[dict[str, str]]:
        return [{"url": link.url, "title": link.title} for link in experience.links.all()]


class ExperienceFilters(Schema):
    q: str | None = Field(
        None,
        max_length=Q_MAX_LENGTH,
        description="Words in the title, summary, narrative, outcomes or lessons (all of them).",
    )
    region: str | None = Field(
        None,
        max_length=6,
        description="ISTAT code of a region touched, e.g. 08 (catalogue: regione).",
    )
    province: str | None = Field(
        None, max_length=6, description="ISTAT code of a province touched, e.g. 037 (provincia)."
    )
    municipality: str | None = Field(
        None, max_length=6, description="ISTAT code of a comune, e.g. 037006 (comune)."
    )
    scale: ExperienceScale | None = Field(None, description="Scale (scala).")
    theme: list[str] | None = Field(
        None, description="Slug of a theme; repeat it for any of several themes (tema)."
    )
    method: str | None = Field(
        None, max_length=80, description="Slug of a participatory method (metodo)."
    )
    iap2_level: str | None = Field(
        None, max_length=80, description="Slug of an IAP2 level, e.g. coinvolgere (livello)."
    )
    status: ExperienceStatus | None = Field(None, description="Status (stato).")
    from_year: int | None = Field(
        None,
        ge=FIRST_YEAR,
        le=LAST_YEAR,
        description="Active in or after this year: ended in it or later, or not ended (dal).",
    )
    to_year: int | None = Field(
        None,
        ge=FIRST_YEAR,
        le=LAST_YEAR,
        description="Active in or before this year: started in it or earlier (al).",
    )
    organisation_kind: ExperienceOrganisationKind | None = Field(
        None, description="Kind of an organisation involved (tipo_org)."
    )
    has_evaluation: bool | None = Field(
        None, description="Evaluated experiences only, or the others (valutazione)."
    )
    sort: ExperienceSort = Field(
        ExperienceSort(Sort.RECENT.value),
        description="recent (published last first), relevance (with q), replicated "
        "(most replicated first) (ordina).",
    )


class _Unknown(Exception):
    """A code or slug that names nothing: the answer is an empty list."""


M = TypeVar("M", bound=Model)


def _lookup(queryset: QuerySet[M], value: str | None, field: str) -> M | None:
    if not value:
        return None
    found = queryset.only("pk").filter(**{field: value}).first()
    if found is None:
        raise _Unknown
    return found


def _catalogue_filters(params: ExperienceFilters) -> CatalogueFilters:
    slugs = {slug for slug in params.theme or [] if slug}
    themes = list(Theme.objects.only("pk").filter(slug__in=slugs)) if slugs else []
    if len(themes) < len(slugs):
        raise _Unknown
    return CatalogueFilters(
        q=(params.q or "").strip(),
        region=_lookup(Region.objects.all(), params.region, "istat_code"),
        province=_lookup(Province.objects.all(), params.province, "istat_code"),
        municipality=_lookup(Municipality.objects.all(), params.municipality, "istat_code"),
        scale=params.scale or "",
        themes=tuple(themes),
        method=_lookup(ParticipatoryMethod.objects.all(), params.method, "slug"),
        iap2_level=_lookup(IAP2Level.objects.all(), params.iap2_level, "slug"),
        status=params.status or "",
        year_from=params.from_year,
        year_to=params.to_year,
        organisation_kind=params.organisation_kind or "",
        has_evaluation=params.has_evaluation,
        sort=Sort(params.sort),
    )


@router.get("", response=list[ExperienceListItem], summary="Published experiences")
@paginate(Pagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def list_experiences(
    request: HttpRequest, filters: Query[ExperienceFilters]
) -> QuerySet[Experience]:
    try:
        catalogue_filters = _catalogue_filters(filters)
    except _Unknown:
        return Experience.objects.none()
    return experience_open_data(catalogue_filters)


@router.get("/{slug}", response=ExperienceDetail, summary="One published experience")
def get_experience(request: HttpRequest, slug: str) -> Experience:
    return published_experience(slug)

"""Public read endpoints: /api/v1/organisations and /api/v1/organisations/{slug}."""

from datetime import datetime
from enum import StrEnum

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from civichub.core.api import MAX_PAGE_SIZE, PAGE_SIZE, Pagination
from civichub.taxonomy.models import Theme
from civichub.territories.models import Region

from .models import Kind, Organisation
from .selectors import DirectoryFilters, access_organisation, organisation_directory

# Named for the schema: OpenAPI components are keyed by class name, and
# territories has a "Kind" of its own.
OrganisationKind = StrEnum(  # type: ignore[misc]  # members come from the model choices
    "OrganisationKind", {kind.name: kind.value for kind in Kind}
)

router = Router(tags=["organisations"])


class TerritoryRef(Schema):
    istat_code: str
    name: str


class OrganisationListItem(Schema):
    slug: str
    name: str
    kind: OrganisationKind
    pa_kind: str
    runts_section: str
    summary: str
    website: str
    logo: str | None
    municipality: TerritoryRef | None
    region: TerritoryRef | None
    themes: list[str]
    is_contributor: bool
    is_verified: bool
    url: str

    @staticmethod
    def resolve_logo(organisation: Organisation) -> str | None:
        return organisation.logo.url if organisation.logo else None

    @staticmethod
    def resolve_themes(organisation: Organisation) -> list[str]:
        return [theme.slug for theme in organisation.themes.all()]

    @staticmethod
    def resolve_url(organisation: Organisation) -> str:
        return reverse("organisations:detail", kwargs={"slug": organisation.slug})


class OrganisationDetail(OrganisationListItem):
    description: str
    competences: str
    tax_code: str | None
    ipa_code: str
    runts_number: str
    email: str
    phone: str
    address: str
    operating_regions: list[TerritoryRef]
    operating_municipalities: list[TerritoryRef]
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_operating_regions(organisation: Organisation) -> list[Region]:
        return list(organisation.operating_regions.all())

    @staticmethod
    def resolve_operating_municipalities(organisation: Organisation) -> list:
        return list(organisation.operating_municipalities.all())


class OrganisationFilters(Schema):
    kind: OrganisationKind | None = Field(None, description="Kind of organisation.")
    region: str | None = Field(
        None, max_length=6, description="ISTAT code of the region of the seat, e.g. 08."
    )
    theme: str | None = Field(None, max_length=80, description="Slug of a theme.")
    contributor: bool | None = Field(
        None, description="Contributing organisations only, or the others."
    )
    q: str | None = Field(None, max_length=100, description="Text in the name or the summary.")


@router.get("", response=list[OrganisationListItem], summary="Public organisations")
@paginate(Pagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def list_organisations(
    request: HttpRequest, filters: Query[OrganisationFilters]
) -> QuerySet[Organisation]:
    region = theme = None
    if filters.region:
        region = Region.objects.only("pk").filter(istat_code=filters.region).first()
        if region is None:
            return Organisation.objects.none()
    if filters.theme:
        theme = Theme.objects.only("pk").filter(slug=filters.theme).first()
        if theme is None:
            return Organisation.objects.none()
    return organisation_directory(
        DirectoryFilters(
            q=(filters.q or "").strip(),
            kind=filters.kind or "",
            region=region,
            theme=theme,
            contributor=filters.contributor,
        )
    )


@router.get("/{slug}", response=OrganisationDetail, summary="One organisation")
def get_organisation(request: HttpRequest, slug: str) -> Organisation:
    return access_organisation(request.user, slug, with_relations=True)

"""Public read endpoints: /api/v1/resources and /api/v1/resources/{id}.

Only live resources outside view restrictions. The list takes the filters of the
catalogue page under English names; vocabularies are slugs. An unknown slug gives an
empty list (the filter was understood, nothing matches), a malformed value a 422.
"""

import datetime
from enum import StrEnum
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from civichub.core.api import MAX_PAGE_SIZE, PAGE_SIZE, Pagination
from civichub.core.fulltext import search_words
from civichub.taxonomy.models import ParticipatoryMethod, Theme

from .filters import Q_MAX_LENGTH
from .models import Language, Level, Licence, Phase, ResourceFile, ResourceKind, ResourcePage
from .selectors import ResourceFilters, Sort, default_sort, public_resources, resource_catalogue

# Named for the schema: OpenAPI components are keyed by class name, and other
# resources have a "Kind" or a "Level" of their own.
ResourceKindName = StrEnum(  # type: ignore[misc]  # members come from the model choices
    "ResourceKindName", {kind.name: kind.value for kind in ResourceKind}
)
ResourcePhase = StrEnum(  # type: ignore[misc]
    "ResourcePhase", {phase.name: phase.value for phase in Phase}
)
ResourceLevel = StrEnum(  # type: ignore[misc]
    "ResourceLevel", {level.name: level.value for level in Level}
)
ResourceLanguage = StrEnum(  # type: ignore[misc]
    "ResourceLanguage", {language.name: language.value for language in Language}
)
ResourceLicence = StrEnum(  # type: ignore[misc]
    "ResourceLicence", {licence.name: licence.value for licence in Licence}
)
ResourceSort = StrEnum(  # type: ignore[misc]
    "ResourceSort", {sort.name: sort.value for sort in Sort}
)


class ResourceAudience(StrEnum):
    PUBLIC_BODIES = "pa"
    THIRD_SECTOR = "third_sector"
    CITIZENS = "citizens"
    FACILITATORS = "facilitators"


# API audience → key of taxonomy.models.AUDIENCES (the catalogue's Italian slugs).
AUDIENCE_KEYS = {
    ResourceAudience.PUBLIC_BODIES: "pa",
    ResourceAudience.THIRD_SECTOR: "terzo-settore",
    ResourceAudience.CITIZENS: "cittadini",
    ResourceAudience.FACILITATORS: "facilitatori",
}
AUDIENCE_FIELDS = {
    ResourceAudience.PUBLIC_BODIES: "for_public_bodies",
    ResourceAudience.THIRD_SECTOR: "for_third_sector",
    ResourceAudience.CITIZENS: "for_citizens",
    ResourceAudience.FACILITATORS: "for_facilitators",
}
# Page ids are 32-bit integers on every database; larger ones name nothing.
MAX_ID = 2**31 - 1

router = Router(tags=["resources"])


class ResourceTerm(Schema):
    slug: str
    name: str
    name_en: str


class ResourceOrganisation(Schema):
    name: str
    slug: str


class ResourceFileItem(Schema):
    title: str
    format: str = Field(description="The file's extension in capitals, e.g. PDF.")
    url: str = Field(description="Downloads the file (the download is counted).")

    @staticmethod
    def resolve_title(file: ResourceFile) -> str:
        return file.title or file.document.title

    @staticmethod
    def resolve_format(file: ResourceFile) -> str:
        return file.extension

    @staticmethod
    def resolve_url(file: ResourceFile, context: dict[str, Any]) -> str:
        path = reverse("library:download", kwargs={"pk": file.pk})
        return context["request"].build_absolute_uri(path)


class ResourceItem(Schema):
    id: int
    kind: ResourceKindName
    title: str
    title_en: str
    summary: str
    summary_en: str
    url: str
    themes: list[ResourceTerm]
    methods: list[ResourceTerm]
    phase: ResourcePhase | None = Field(None, description="None: useful in every phase.")
    audiences: list[ResourceAudience]
    level: ResourceLevel
    language: ResourceLanguage
    licence: ResourceLicence
    licence_url: str
    authors: str
    organisation: ResourceOrganisation | None
    publication_date: datetime.date
    useful_yes: int
    useful_no: int
    download_count: int
    files: list[ResourceFileItem]

    @staticmethod
    def resolve_url(resource: ResourcePage, context: dict[str, Any]) -> str:
        request = context["request"]
        return request.build_absolute_uri(resource.get_url(request))

    @staticmethod
    def resolve_themes(resource: ResourcePage) -> list[Theme]:
        return list(resource.themes.all())

    @staticmethod
    def resolve_methods(resource: ResourcePage) -> list[ParticipatoryMethod]:
        return list(resource.methods.all())

    @staticmethod
    def resolve_phase(resource: ResourcePage) -> str | None:
        return resource.phase or None

    @staticmethod
    def resolve_audiences(resource: ResourcePage) -> list[str]:
        return [
            audience.value
            for audience, column in AUDIENCE_FIELDS.items()
            if getattr(resource, column)
        ]

    @staticmethod
    def resolve_files(resource: ResourcePage) -> list[ResourceFile]:
        return list(resource.files.all())


class ResourceQuery(Schema):
    q: str | None = Field(
        None,
        max_length=Q_MAX_LENGTH,
        description="Words in the title, summary or text (all of them).",
    )
    kind: list[ResourceKindName] | None = Field(
        None, description="Kind; repeat it for any of several kinds (catalogue: tipo)."
    )
    theme: list[str] | None = Field(
        None, description="Slug of a theme; repeat it for any of several themes (tema)."
    )
    method: str | None = Field(
        None, max_length=80, description="Slug of a participatory method (metodo)."
    )
    phase: ResourcePhase | None = Field(
        None,
        description="Phase of a co-design process (fase); resources for every phase match too.",
    )
    audience: ResourceAudience | None = Field(None, description="Meant for (pubblico).")
    level: ResourceLevel | None = Field(None, description="Level (livello).")
    language: ResourceLanguage | None = Field(None, description="Language (lingua).")
    sort: ResourceSort | None = Field(
        None,
        description="recent (publication date), relevance (with q; the default then), "
        "useful (most «useful» answers), downloaded (most downloads) (ordina).",
    )


class _Unknown(Exception):
    """A slug that names nothing: the answer is an empty list."""


def _resource_filters(params: ResourceQuery) -> ResourceFilters:
    slugs = {slug for slug in params.theme or [] if slug}
    themes = list(Theme.objects.only("pk", "slug").filter(slug__in=slugs)) if slugs else []
    if len(themes) < len(slugs):
        raise _Unknown
    method = None
    if params.method:
        method = ParticipatoryMethod.objects.only("pk", "slug").filter(slug=params.method).first()
        if method is None:
            raise _Unknown
    q = (params.q or "").strip()
    # Punctuation alone is no search, as on the catalogue page.
    q = q if search_words(q) else ""
    return ResourceFilters(
        q=q,
        kinds=tuple(dict.fromkeys(str(kind) for kind in params.kind or [])),
        themes=tuple(themes),
        method=method,
        phase=params.phase or "",
        audience=AUDIENCE_KEYS[params.audience] if params.audience else "",
        level=params.level or "",
        language=params.language or "",
        sort=Sort(params.sort) if params.sort else default_sort(q),
    )


def _with_relations(queryset: QuerySet[ResourcePage]) -> QuerySet[ResourcePage]:
    return queryset.select_related("organisation").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "name")),
        Prefetch("methods", queryset=ParticipatoryMethod.objects.order_by("sort_order", "name")),
        Prefetch(
            "files",
            queryset=ResourceFile.objects.select_related("document").order_by("sort_order", "pk"),
        ),
    )


@router.get("", response=list[ResourceItem], summary="Published resources of the library")
@paginate(Pagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def list_resources(request: HttpRequest, filters: Query[ResourceQuery]) -> QuerySet[ResourcePage]:
    try:
        resource_filters = _resource_filters(filters)
    except _Unknown:
        return ResourcePage.objects.none()
    return _with_relations(resource_catalogue(resource_filters))


@router.get("/{id}", response=ResourceItem, summary="One published resource")
def get_resource(request: HttpRequest, id: int) -> ResourcePage:
    resource = (
        _with_relations(public_resources()).filter(pk=id).first() if 1 <= id <= MAX_ID else None
    )
    if resource is None:
        raise Http404
    return resource

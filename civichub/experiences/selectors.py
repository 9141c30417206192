"""Reads of experiences; each costs a constant number of queries whatever the data size."""

import datetime
import hashlib
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.core.cache import cache
from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.http import Http404

from civichub.core import fulltext
from civichub.taxonomy.models import IAP2Level, ParticipatoryMethod, Theme
from civichub.territories.models import Municipality, Province, Region

from .completeness import COMPLETENESS_PREFETCH
from .models import (
    Experience,
    ExperienceCoauthor,
    ExperienceImage,
    ExperienceOrganisation,
    ExperienceQuerySet,
    State,
)

# Boundaries are large GeoJSON documents that no experience page or list needs.
NO_BOUNDARIES = ("region__boundary", "province__boundary")


def access_experience(user: Any, slug: str) -> Experience:
    """The experience if ``user`` may see it; the same 404 when it does not exist."""
    experience = (
        Experience.objects.visible_to(user)
        .select_related("region", "province", "iap2_level", "author", "replicated_from")
        .defer(*NO_BOUNDARIES)
        .filter(slug=slug)
        .first()
    )
    if experience is None:
        raise Http404
    return experience


# --- the catalogue --------------------------------------------------------------------------


class Sort(StrEnum):
    RECENT = "recent"
    RELEVANCE = "relevance"
    REPLICATED = "replicated"


@dataclass(frozen=True)
class CatalogueFilters:
    """What the catalogue shows; every value is already validated (filters.py, api.py)."""

    q: str = ""
    region: Region | None = None
    province: Province | None = None
    municipality: Municipality | None = None
    scale: str = ""
    themes: tuple[Theme, ...] = ()
    method: ParticipatoryMethod | None = None
    iap2_level: IAP2Level | None = None
    status: str = ""
    year_from: int | None = None
    year_to: int | None = None
    organisation_kind: str = ""
    has_evaluation: bool | None = None
    sort: Sort = Sort.RECENT

    def cache_key(self) -> str:
        parts = [
            self.q,
            *(str(obj.pk) if obj else "" for obj in (self.region, self.province)),
            str(self.municipality.pk if self.municipality else ""),
            self.scale,
            ",".join(sorted(str(theme.pk) for theme in self.themes)),
            str(self.method.pk if self.method else ""),
            str(self.iap2_level.pk if self.iap2_level else ""),
            self.status,
            str(self.year_from),
            str(self.year_to),
            self.organisation_kind,
            str(self.has_evaluation),
        ]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()


@dataclass(frozen=True)
class Vocabularies:
    """The options of the catalogue's facets that do not depend on other choices."""

    regions: list[Region]
    themes: list[Theme]
    methods: list[ParticipatoryMethod]
    iap2_levels: list[IAP2Level]


VOCABULARIES_CACHE_SECONDS = 300


def catalogue_vocabularies() -> Vocabularies:
    """Regions, themes, methods and IAP2 levels, cached five minutes: every catalogue
    request validates its parameters against them, and they change only in the back office."""
    vocabularies = cache.get("experiences:vocabularies")
    if vocabularies is None:
        vocabularies = Vocabularies(
            regions=list(Region.objects.only("pk", "istat_code", "name", "slug").order_by("name")),
            themes=list(Theme.objects.order_by("sort_order", "name")),
            methods=list(ParticipatoryMethod.objects.order_by("sort_order", "name")),
            iap2_levels=list(IAP2Level.objects.order_by("sort_order", "name")),
        )
        cache.set("experiences:vocabularies", vocabularies, VOCABULARIES_CACHE_SECONDS)
    return vocabularies


def region_provinces(region: Region) -> list[Province]:
    return list(
        Province.objects.filter(region=region).only("pk", "istat_code", "name", "slug", "region")
    )


def province_municipalities(province: Province) -> list[Municipality]:
    return list(
        Municipality.objects.filter(province=province)
        .only("pk", "istat_code", "name", "slug", "province", "region")
        .order_by("name")
    )


# --- full text ------------------------------------------------------------------------------

SEARCH_LIMIT = 1_000
SEARCH_CACHE_SECONDS = 60


def matching_ids(q: str) -> list[int]:
    """Published experiences with every word of ``q`` (title, summary, narrative, outcomes,
    lessons), best first, at most SEARCH_LIMIT; cached a minute."""
    published = Experience.objects.published()
    return fulltext.matching_ids(
        q,
        cache_prefix="experiences",
        models=[Experience],
        candidates=published,
        searchable=published,
        limit=SEARCH_LIMIT,
        cache_seconds=SEARCH_CACHE_SECONDS,
    )


# --- filters and facets -----------------------------------------------------------------------

RegionLink = Experience.regions.through
ProvinceLink = Experience.provinces.through
MunicipalityLink = Experience.municipalities.through
ThemeLink = Experience.themes.through
MethodLink = Experience.methods.through

# Filters that narrow the place: each facet of the place ignores itself and the finer ones.
_PLACE = ("region", "province", "municipality")


def _filtered(filters: CatalogueFilters, *, skip: tuple[str, ...] = ()) -> ExperienceQuerySet:
    """Published experiences matching ``filters`` except those named in ``skip``. Relations
    are matched with ``pk IN (subquery)``: no join, so no duplicate rows."""
    queryset = Experience.objects.published()
    if filters.q and "q" not in skip:
        queryset = queryset.filter(pk__in=matching_ids(filters.q))
    if filters.region is not None and "region" not in skip:
        links = RegionLink.objects.filter(region_id=filters.region.pk)
        queryset = queryset.filter(pk__in=links.values("experience_id"))
    if filters.province is not None and "province" not in skip:
        links = ProvinceLink.objects.filter(province_id=filters.province.pk)
        queryset = queryset.filter(pk__in=links.values("experience_id"))
    if filters.municipality is not None and "municipality" not in skip:
        links = MunicipalityLink.objects.filter(municipality_id=filters.municipality.pk)
        queryset = queryset.filter(pk__in=links.values("experience_id"))
    if filters.scale and "scale" not in skip:
        queryset = queryset.filter(scale=filters.scale)
    if filters.themes and "themes" not in skip:
        # Any of the chosen themes: ticking one more widens the results.
        links = ThemeLink.objects.filter(theme_id__in=[theme.pk for theme in filters.themes])
        queryset = queryset.filter(pk__in=links.values("experience_id"))
    if filters.method is not None and "method" not in skip:
        links = MethodLink.objects.filter(participatorymethod_id=filters.method.pk)
        queryset = queryset.filter(pk__in=links.values("experience_id"))
    if filters.iap2_level is not None and "iap2_level" not in skip:
        queryset = queryset.filter(iap2_level_id=filters.iap2_level.pk)
    if filters.status and "status" not in skip:
        queryset = queryset.filter(status=filters.status)
    if filters.year_to is not None and "period" not in skip:
        queryset = queryset.filter(start_date__lte=datetime.date(filters.year_to, 12, 31))
    if filters.year_from is not None and "period" not in skip:
        queryset = queryset.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=datetime.date(filters.year_from, 1, 1))
        )
    if filters.organisation_kind and "organisation_kind" not in skip:
        links = ExperienceOrganisation.objects.filter(organisation__kind=filters.organisation_kind)
        queryset = queryset.filter(pk__in=links.values("experience_id"))
    if filters.has_evaluation is not None and "has_evaluation" not in skip:
        queryset = queryset.filter(has_evaluation=filters.has_evaluation)
    return queryset


def _ordered(queryset: ExperienceQuerySet, filters: CatalogueFilters) -> ExperienceQuerySet:
    if filters.sort == Sort.RELEVANCE and filters.q:
        ranked = matching_ids(filters.q)
        if ranked:
            rank = Case(
                *[When(pk=pk, then=Value(position)) for position, pk in enumerate(ranked)],
                default=Value(len(ranked)),
                output_field=IntegerField(),
            )
            return queryset.order_by(rank, "-pk")
    if filters.sort == Sort.REPLICATED:
        return queryset.order_by("-replication_count", "-published_at", "-pk")
    return queryset.order_by("-published_at", "-pk")


# Long texts no list shows.
_LONG_TEXTS = (
    "narrative",
    "narrative_en",
    "outcomes",
    "outcomes_en",
    "evidence",
    "lessons",
    "lessons_en",
    "replicability",
    "recruitment_notes",
)


def _municipalities_prefetch() -> Prefetch:
    return Prefetch(
        "municipalities",
        queryset=Municipality.objects.select_related("province", "region")
        .defer("boundary", "province__boundary", "region__boundary")
        .order_by("name"),
    )


def experience_cards(queryset: ExperienceQuerySet) -> ExperienceQuerySet:
    """``queryset`` with what ``includes/card.html`` shows (place, themes, organisations,
    images) fetched in bulk: four queries for any number of cards."""
    return (
        queryset.select_related("region", "province")
        .defer(*NO_BOUNDARIES, *_LONG_TEXTS)
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "name")),
            _municipalities_prefetch(),
            Prefetch(
                "organisations",
                queryset=ExperienceOrganisation.objects.select_related("organisation").only(
                    "experience_id", "role", "sort_order", "organisation__name"
                ),
            ),
            Prefetch(
                "images",
                queryset=ExperienceImage.objects.only(
                    "experience_id", "image", "alt_text", "sort_order"
                ),
            ),
        )
    )


def experience_catalogue(filters: CatalogueFilters) -> ExperienceQuerySet:
    """Published experiences matching ``filters`` in the chosen order, ready for cards."""
    return experience_cards(_ordered(_filtered(filters), filters))


def _territories_prefetch(name: str, model: type[Region] | type[Province]) -> Prefetch:
    return Prefetch(name, queryset=model.objects.only("pk", "istat_code", "name", "slug"))


def _open_data(queryset: ExperienceQuerySet) -> ExperienceQuerySet:
    return (
        queryset.select_related("iap2_level")
        .defer("region__boundary", "province__boundary")
        .prefetch_related(
            _territories_prefetch("regions", Region),
            _territories_prefetch("provinces", Province),
            Prefetch(
                "municipalities",
                queryset=Municipality.objects.only("pk", "istat_code", "name", "slug").order_by(
                    "name"
                ),
            ),
            Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "name")),
            Prefetch(
                "methods", queryset=ParticipatoryMethod.objects.order_by("sort_order", "name")
            ),
            Prefetch(
                "organisations",
                queryset=ExperienceOrganisation.objects.select_related("organisation").only(
                    "experience_id",
                    "role",
                    "sort_order",
                    "organisation__name",
                    "organisation__slug",
                ),
            ),
        )
    )


def experience_open_data(filters: CatalogueFilters) -> ExperienceQuerySet:
    """The published experiences of the catalogue with every relation the open-data
    exports and the API list show, each relation in one query."""
    return _open_data(_ordered(_filtered(filters), filters))


def editable_experiences(user: Any) -> list[Experience]:
    """What ``user`` authors or co-authors, last edited first, ready for the
    completeness indicator."""
    return list(
        Experience.objects.editable_by(user)
        .prefetch_related(*COMPLETENESS_PREFETCH)
        .order_by("-updated_at", "-pk")
    )


def coauthor_invitations(user: Any) -> list[ExperienceCoauthor]:
    """Invitations to co-author that ``user`` has not answered yet, newest first."""
    return list(
        ExperienceCoauthor.objects.filter(user=user, accepted_at__isnull=True)
        .select_related("experience", "invited_by")
        .order_by("-invited_at")
    )


def review_queue() -> ExperienceQuerySet:
    """Submitted experiences, the longest waiting first, ready for the completeness
    indicator."""
    return (
        Experience.objects.filter(state=State.SUBMITTED)
        .select_related("author")
        .prefetch_related(*COMPLETENESS_PREFETCH)
        .order_by("submitted_at", "pk")
    )


def latest_experiences(*, count: int) -> list[Experience]:
    """The most recently published experiences, ready for cards (the home page block)."""
    return list(
        experience_cards(Experience.objects.published().order_by("-published_at", "-pk"))[:count]
    )


def published_experience(slug: str) -> Experience:
    """One published experience with its relations and media, for the API; the same 404
    for missing and not (or no longer) published."""
    experience = (
        _open_data(Experience.objects.published())
        .prefetch_related("target_groups", "images", "documents", "links")
        .filter(slug=slug)
        .first()
    )
    if experience is None:
        raise Http404
    return experience


@dataclass(frozen=True)
class CatalogueFacets:
    """How many experiences each filter value would give, the other filters applied."""

    regions: dict[int, int]
    provinces: dict[int, int]
    municipalities: dict[int, int]
    scales: dict[str, int]
    themes: dict[int, int]
    methods: dict[int, int]
    iap2_levels: dict[int, int]
    statuses: dict[str, int]
    organisation_kinds: dict[str, int]
    evaluation: dict[bool, int]


FACETS_CACHE_SECONDS = 60


def _counts(queryset: QuerySet, field: str, count: str = "pk") -> dict[Any, int]:
    rows = queryset.order_by().values(field).annotate(n=Count(count))
    return {row[field]: row["n"] for row in rows if row[field] is not None}


def _link_counts(
    links: QuerySet, field: str, filters: CatalogueFilters, skip: tuple[str, ...]
) -> dict[Any, int]:
    subset = links.filter(experience_id__in=_filtered(filters, skip=skip).values("pk"))
    return _counts(subset, field, "experience_id")


def experience_facets(filters: CatalogueFilters) -> CatalogueFacets:
    """One grouped query per facet, cached a minute per filter combination: they scan
    the whole catalogue, and counts a minute old mislead nobody. Provinces are counted
    only once a region is chosen, comuni once a province is."""
    key = "experiences:facets:" + filters.cache_key()
    facets = cache.get(key)
    if facets is None:
        facets = _facets(filters)
        cache.set(key, facets, FACETS_CACHE_SECONDS)
    return facets


def _facets(filters: CatalogueFilters) -> CatalogueFacets:
    provinces: dict[int, int] = {}
    if filters.region is not None:
        provinces = _link_counts(
            ProvinceLink.objects.filter(province__region_id=filters.region.pk),
            "province_id",
            filters,
            ("province", "municipality"),
        )
    municipalities: dict[int, int] = {}
    if filters.province is not None:
        municipalities = _link_counts(
            MunicipalityLink.objects.filter(municipality__province_id=filters.province.pk),
            "municipality_id",
            filters,
            ("municipality",),
        )
    kinds = ExperienceOrganisation.objects.filter(
        experience_id__in=_filtered(filters, skip=("organisation_kind",)).values("pk")
    )
    return CatalogueFacets(
        regions=_link_counts(RegionLink.objects.all(), "region_id", filters, _PLACE),
        provinces=provinces,
        municipalities=municipalities,
        scales=_counts(_filtered(filters, skip=("scale",)), "scale"),
        themes=_link_counts(ThemeLink.objects.all(), "theme_id", filters, ("themes",)),
        methods=_link_counts(
            MethodLink.objects.all(), "participatorymethod_id", filters, ("method",)
        ),
        iap2_levels=_counts(_filtered(filters, skip=("iap2_level",)), "iap2_level_id"),
        statuses=_counts(_filtered(filters, skip=("status",)), "status"),
        organisation_kinds={
            row["organisation__kind"]: row["n"]
            for row in kinds.order_by()
            .values("organisation__kind")
            .annotate(n=Count("experience_id", distinct=True))
        },
        evaluation=_counts(_filtered(filters, skip=("has_evaluation",)), "has_evaluation"),
    )


# --- the map ----------------------------------------------------------------------------------

MARKER_LIMIT = 500
# Five decimals: about a metre, more than a comune's centre needs.
COORDINATE_DECIMALS = 5


def experience_count(filters: CatalogueFilters) -> int:
    return _filtered(filters).count()


def region_counts(filters: CatalogueFilters) -> dict[str, int]:
    """``{region ISTAT code: experiences}`` for the filtered catalogue: one grouped query,
    cached a minute like the facets."""
    key = "experiences:region-counts:" + filters.cache_key()
    counts = cache.get(key)
    if counts is None:
        links = RegionLink.objects.filter(experience_id__in=_filtered(filters).values("pk"))
        counts = _counts(links, "region__istat_code", "experience_id")
        cache.set(key, counts, FACETS_CACHE_SECONDS)
    return dict(counts)


def map_markers(filters: CatalogueFilters) -> list[dict[str, Any]] | None:
    """Name, slug and point of each filtered experience that has one, or ``None`` when the
    filtered catalogue has more than MARKER_LIMIT experiences. One query."""
    rows = list(
        _filtered(filters)
        .order_by("-published_at", "-pk")
        .values("slug", "title", "title_en", "marker_latitude", "marker_longitude")[
            : MARKER_LIMIT + 1
        ]
    )
    if len(rows) > MARKER_LIMIT:
        return None
    return [
        {
            **row,
            "marker_latitude": round(row["marker_latitude"], COORDINATE_DECIMALS),
            "marker_longitude": round(row["marker_longitude"], COORDINATE_DECIMALS),
        }
        for row in rows
        if row["marker_latitude"] is not None and row["marker_longitude"] is not None
    ]

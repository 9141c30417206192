"""Reads of the library: the index page, the catalogue, cards, facets, the month's
programme. Only live, public pages are listed, and each read costs a constant number
of queries whatever the data size.

The catalogue reads only ``ResourcePage`` rows (never ``.specific()``): what a card, a
facet or the API shows lives on that one table.
"""

import datetime
import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from wagtail.images import get_image_model

from civichub.core import fulltext
from civichub.taxonomy.models import AUDIENCES, ParticipatoryMethod, Theme

from .models import (
    CollectionItem,
    CollectionPage,
    FeaturedResource,
    LibraryIndexPage,
    Phase,
    PodcastSeriesPage,
    ResourcePage,
)

CARD_RENDITION = "fill-640x360"


def library_index() -> LibraryIndexPage | None:
    """The live library index (there is at most one), or None before it is created."""
    return LibraryIndexPage.objects.live().first()


def public_resources() -> QuerySet[ResourcePage]:
    """Live resources outside any view restriction. ``public()`` reads the restrictions
    once, here: build on this queryset rather than calling it again per filter."""
    return ResourcePage.objects.live().public()


# --- the catalogue ----------------------------------------------------------------------------


class Sort(StrEnum):
    RECENT = "recent"
    RELEVANCE = "relevance"
    USEFUL = "useful"
    DOWNLOADED = "downloaded"


def default_sort(q: str) -> Sort:
    """With words to rank by, the best matches come first; otherwise the newest."""
    return Sort.RELEVANCE if q else Sort.RECENT


@dataclass(frozen=True)
class ResourceFilters:
    """What the catalogue shows; every value is already validated (filters.py, api.py).
    ``kinds`` are ``ResourceKind`` values, ``audience`` a key of ``AUDIENCES``."""

    q: str = ""
    kinds: tuple[str, ...] = ()
    themes: tuple[Theme, ...] = ()
    method: ParticipatoryMethod | None = None
    phase: str = ""
    audience: str = ""
    level: str = ""
    language: str = ""
    sort: Sort = field(default=Sort.RECENT)

    @property
    def is_active(self) -> bool:
        """Whether anything narrows the catalogue (the order does not)."""
        return bool(
            self.q
            or self.kinds
            or self.themes
            or self.method
            or self.phase
            or self.audience
            or self.level
            or self.language
        )

    def cache_key(self) -> str:
        parts = [
            " ".join(fulltext.search_words(self.q)),
            ",".join(sorted(self.kinds)),
            ",".join(sorted(str(theme.pk) for theme in self.themes)),
            str(self.method.pk if self.method else ""),
            self.phase,
            self.audience,
            self.level,
            self.language,
        ]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()


@dataclass(frozen=True)
class Vocabularies:
    themes: list[Theme]
    methods: list[ParticipatoryMethod]


VOCABULARIES_CACHE_SECONDS = 300


def catalogue_vocabularies() -> Vocabularies:
    """Themes and methods, cached five minutes: every catalogue request validates its
    parameters against them, and they change only in the back office."""
    vocabularies = cache.get("library:vocabularies")
    if vocabularies is None:
        vocabularies = Vocabularies(
            themes=list(Theme.objects.order_by("sort_order", "name")),
            methods=list(ParticipatoryMethod.objects.order_by("sort_order", "name")),
        )
        cache.set("library:vocabularies", vocabularies, VOCABULARIES_CACHE_SECONDS)
    return vocabularies


# --- full text --------------------------------------------------------------------------------

SEARCH_LIMIT = 1_000
SEARCH_CACHE_SECONDS = 60


def _resource_models() -> list[type[ResourcePage]]:
    """Every page type of the library: each is indexed under its own content type."""
    return [model for model in apps.get_models() if issubclass(model, ResourcePage)]


def matching_ids(q: str) -> list[int]:
    """Live resources with every word of ``q`` (title, summary and each kind's text),
    best first, at most SEARCH_LIMIT; cached a minute. Only live, public resources are
    ranked on SQLite, so the cap never goes to drafts; other backends filter on indexed
    fields only (live is one) and the catalogue's queryset applies view restrictions."""
    return fulltext.matching_ids(
        q,
        cache_prefix="library",
        models=_resource_models(),
        candidates=public_resources(),
        searchable=ResourcePage.objects.live(),
        limit=SEARCH_LIMIT,
        cache_seconds=SEARCH_CACHE_SECONDS,
    )


# --- filters, order, cards -------------------------------------------------------------------

ThemeLink = ResourcePage.themes.through
MethodLink = ResourcePage.methods.through


def _filtered(
    base: QuerySet[ResourcePage], filters: ResourceFilters, *, skip: tuple[str, ...] = ()
) -> QuerySet[ResourcePage]:
    """``base`` narrowed by ``filters`` except those named in ``skip``. Relations are
    matched with ``pk IN (subquery)``: no join, so no duplicate rows."""
    queryset = base
    if filters.q and "q" not in skip:
        queryset = queryset.filter(pk__in=matching_ids(filters.q))
    if filters.kinds and "kinds" not in skip:
        queryset = queryset.filter(kind__in=filters.kinds)
    if filters.themes and "themes" not in skip:
        # Any of the chosen themes: ticking one more widens the results.
        links = ThemeLink.objects.filter(theme_id__in=[theme.pk for theme in filters.themes])
        queryset = queryset.filter(pk__in=links.values("resourcepage_id"))
    if filters.method is not None and "method" not in skip:
        links = MethodLink.objects.filter(participatorymethod_id=filters.method.pk)
        queryset = queryset.filter(pk__in=links.values("resourcepage_id"))
    if filters.phase and "phase" not in skip:
        # No phase means every phase.
        queryset = queryset.filter(Q(phase=filters.phase) | Q(phase=""))
    if filters.audience and "audience" not in skip:
        queryset = queryset.filter(**{AUDIENCES[filters.audience][0]: True})
    if filters.level and "level" not in skip:
        queryset = queryset.filter(level=filters.level)
    if filters.language and "language" not in skip:
        queryset = queryset.filter(language=filters.language)
    return queryset


def _ordered(queryset: QuerySet[ResourcePage], filters: ResourceFilters) -> QuerySet[ResourcePage]:
    if filters.sort == Sort.RELEVANCE and filters.q:
        ranked = matching_ids(filters.q)
        if ranked:
            rank = Case(
                *[When(pk=pk, then=Value(position)) for position, pk in enumerate(ranked)],
                default=Value(len(ranked)),
                output_field=IntegerField(),
            )
            return queryset.order_by(rank, "-pk")
    if filters.sort == Sort.USEFUL:
        return queryset.order_by("-useful_yes", "-publication_date", "-pk")
    if filters.sort == Sort.DOWNLOADED:
        return queryset.order_by("-download_count", "-publication_date", "-pk")
    return queryset.order_by("-publication_date", "-pk")


def resource_catalogue(filters: ResourceFilters) -> QuerySet[ResourcePage]:
    """Live, public resources matching ``filters`` in the chosen order (base rows: pass
    a page of them through ``resource_cards``)."""
    return _ordered(_filtered(public_resources(), filters), filters)


def resource_cards(queryset: QuerySet[ResourcePage]) -> list[ResourcePage]:
    """The rows of ``queryset`` with what ``library/includes/card.html`` shows: themes
    and the cover's rendition fetched in bulk, a constant number of queries for any
    number of cards. ``queryset`` may be sliced (a page of the catalogue)."""
    images = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
    return list(
        queryset.prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "name")),
            Prefetch("cover", queryset=images),
        )
    )


# --- facets -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResourceFacets:
    """How many resources each filter value would give, the other filters applied."""

    kinds: dict[str, int]
    themes: dict[int, int]
    methods: dict[int, int]
    phases: dict[str, int]
    audiences: dict[str, int]
    levels: dict[str, int]
    languages: dict[str, int]


FACETS_CACHE_SECONDS = 60


def _counts(queryset: QuerySet, name: str, count: str = "pk") -> dict[Any, int]:
    rows = queryset.order_by().values(name).annotate(n=Count(count))
    return {row[name]: row["n"] for row in rows if row[name] is not None}


def resource_facets(filters: ResourceFilters) -> ResourceFacets:
    """One grouped query per facet (one for the four audiences), cached a minute per
    filter combination: they scan the whole catalogue, and counts a minute old mislead
    nobody."""
    key = "library:facets:" + filters.cache_key()
    facets = cache.get(key)
    if facets is None:
        facets = _facets(filters)
        cache.set(key, facets, FACETS_CACHE_SECONDS)
    return facets


def _facets(filters: ResourceFilters) -> ResourceFacets:
    base = public_resources()

    def links(model: Any, column: str, skip: str) -> dict[int, int]:
        subset = model.objects.filter(
            resourcepage_id__in=_filtered(base, filters, skip=(skip,)).values("pk")
        )
        return _counts(subset, column, "resourcepage_id")

    phases = _counts(_filtered(base, filters, skip=("phase",)), "phase")
    every_phase = phases.pop("", 0)
    audiences = _filtered(base, filters, skip=("audience",)).aggregate(
        **{slug: Count("pk", filter=Q(**{column: True})) for slug, (column, _) in AUDIENCES.items()}
    )
    return ResourceFacets(
        kinds=_counts(_filtered(base, filters, skip=("kinds",)), "kind"),
        themes=links(ThemeLink, "theme_id", "themes"),
        methods=links(MethodLink, "participatorymethod_id", "method"),
        # A resource for every phase counts under each of them, as the filter finds it.
        phases={phase: phases.get(phase, 0) + every_phase for phase in Phase.values},
        audiences={slug: count or 0 for slug, count in audiences.items()},
        levels=_counts(_filtered(base, filters, skip=("level",)), "level"),
        languages=_counts(_filtered(base, filters, skip=("language",)), "language"),
    )


# --- editorial blocks -------------------------------------------------------------------------


def _in_order(resources: list[ResourcePage], ids: list[int]) -> list[ResourcePage]:
    by_id = {resource.pk: resource for resource in resources}
    return [by_id[pk] for pk in ids if pk in by_id]


def featured_resources(index: LibraryIndexPage | None) -> list[ResourcePage]:
    """The index's featured resources that are live and public, in the editors' order,
    ready for cards."""
    if index is None:
        return []
    ids = list(
        FeaturedResource.objects.filter(index=index)
        .order_by("sort_order", "pk")
        .values_list("resource_id", flat=True)
    )
    if not ids:
        return []
    return _in_order(resource_cards(public_resources().filter(pk__in=ids)), ids)


MONTH_RESOURCES = 6


@dataclass(frozen=True)
class MonthCollection:
    collection: CollectionPage
    resources: list[ResourcePage]


@dataclass(frozen=True)
class MonthProgramme:
    """The month's editorial calendar: its collections and what was published in it."""

    month: datetime.date
    collections: list[MonthCollection]
    resources: list[ResourcePage]

    def __bool__(self) -> bool:
        return bool(self.collections or self.resources)


def _month_range(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = today.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following


def this_month(today: datetime.date) -> MonthProgramme:
    """The live collections of ``today``'s month with their live, public resources as
    cards, and the resources published in the month (at most MONTH_RESOURCES, newest
    first, leaving out those already in a collection)."""
    first, following = _month_range(today)
    collections = list(
        CollectionPage.objects.live().public().filter(month=first).order_by("title", "pk")
    )
    items = list(
        CollectionItem.objects.filter(collection__in=collections)
        .order_by("sort_order", "pk")
        .values_list("collection_id", "resource_id")
    )
    base = public_resources()
    in_collections = {resource_id for _, resource_id in items}
    published_ids = list(
        base.filter(publication_date__gte=first, publication_date__lt=following)
        .exclude(pk__in=in_collections)
        .order_by("-publication_date", "-pk")
        .values_list("pk", flat=True)[:MONTH_RESOURCES]
    )
    # One batch of cards for both lists.
    wanted = in_collections | set(published_ids)
    cards = {r.pk: r for r in resource_cards(base.filter(pk__in=wanted))} if wanted else {}
    month_collections = [
        MonthCollection(
            collection=collection,
            resources=[
                cards[resource_id]
                for collection_id, resource_id in items
                if collection_id == collection.pk and resource_id in cards
            ],
        )
        for collection in collections
    ]
    published = [cards[pk] for pk in published_ids if pk in cards]
    return MonthProgramme(month=first, collections=month_collections, resources=published)


LATEST_COLLECTIONS = 6


def collections(*, exclude: tuple[int, ...] = ()) -> list[CollectionPage]:
    """The latest live, public collections (at most LATEST_COLLECTIONS), each with
    ``resource_count``; ``exclude`` leaves out those shown elsewhere on the page."""
    return list(
        CollectionPage.objects.live()
        .public()
        .exclude(pk__in=exclude)
        .annotate(resource_count=Count("items"))
        .order_by("-first_published_at", "-pk")[:LATEST_COLLECTIONS]
    )


def podcast_series() -> list[PodcastSeriesPage]:
    """Live, public podcast series (their feeds are announced on the catalogue page)."""
    return list(PodcastSeriesPage.objects.live().public().order_by("title", "pk"))


def my_proposals(user: Any) -> QuerySet[ResourcePage]:
    """What ``user`` proposed from the site, latest first (drafts included)."""
    if not (user and user.is_authenticated):
        return ResourcePage.objects.none()
    return ResourcePage.objects.filter(proposed_by=user).order_by(
        "-latest_revision_created_at", "-pk"
    )

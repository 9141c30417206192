"""Reads of territories: GeoJSON for maps, comune search for the picker and the API."""

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.core.cache import cache
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

from .models import Municipality, Province, Region
from .names import normalise

# The boundaries change once a year (load_territories clears these keys); the
# timeout bounds staleness with a per-process cache (locmem) that the command
# cannot clear in the running app servers.
GEOJSON_TIMEOUT = 6 * 3600
_REGIONS_KEY = "territories:geojson:regions"
_PROVINCES_KEY = "territories:geojson:provinces:{region}"
_MUNICIPALITIES_KEY = "territories:geojson:municipalities:{province}"
MAX_QUERY_WORDS = 5


def _cached(key: str, features: Callable[[], Iterable[dict]]) -> str:
    """The serialised FeatureCollection from the cache, or built by ``features``."""
    text = cache.get(key)
    if text is None:
        collected = list(features())
        text = json.dumps(
            {"type": "FeatureCollection", "features": collected},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        # An empty map (territories not loaded yet) is not worth keeping.
        if collected:
            cache.set(key, text, GEOJSON_TIMEOUT)
    return text


def _feature(territory: Region | Province | Municipality, **properties: Any) -> dict:
    return {
        "type": "Feature",
        "id": territory.istat_code,
        "properties": {"istat_code": territory.istat_code, "name": territory.name, **properties},
        "geometry": territory.boundary,
    }


def regions_geojson() -> str:
    """All regions as a serialised GeoJSON FeatureCollection; cached, else one query."""

    def features() -> Iterator[dict]:
        regions = Region.objects.filter(boundary__isnull=False)
        for r in regions.only("istat_code", "name", "slug", "boundary"):
            yield _feature(r, slug=r.slug)

    return _cached(_REGIONS_KEY, features)


def provinces_geojson(region: str | None = None) -> str:
    """The provinces of a region (ISTAT code), or all, as GeoJSON; cached, else one query."""

    def features() -> Iterator[dict]:
        provinces = Province.objects.filter(boundary__isnull=False)
        if region:
            provinces = provinces.filter(region__istat_code=region)
        provinces = provinces.annotate(region_code=F("region__istat_code")).only(
            "istat_code", "name", "slug", "abbreviation", "kind", "boundary"
        )
        for p in provinces:
            yield _feature(
                p,
                slug=p.slug,
                abbreviation=p.abbreviation,
                kind=p.kind,
                region=p.region_code,
            )

    return _cached(_PROVINCES_KEY.format(region=region or "all"), features)


def municipalities_geojson(province: str) -> str:
    """The comuni of a province (ISTAT code) as GeoJSON; cached, else one query."""

    def features() -> Iterator[dict]:
        municipalities = Municipality.objects.filter(
            boundary__isnull=False, province__istat_code=province
        ).only("istat_code", "name", "slug", "population", "boundary")
        for m in municipalities:
            yield _feature(m, slug=m.slug, population=m.population)

    return _cached(_MUNICIPALITIES_KEY.format(province=province), features)


def geojson_cache_clear() -> None:
    keys = [_REGIONS_KEY, _PROVINCES_KEY.format(region="all")]
    keys += [
        _PROVINCES_KEY.format(region=code)
        for code in Region.objects.values_list("istat_code", flat=True)
    ]
    keys += [
        _MUNICIPALITIES_KEY.format(province=code)
        for code in Province.objects.values_list("istat_code", flat=True)
    ]
    cache.delete_many(keys)


def municipality_queryset() -> QuerySet[Municipality]:
    """Comuni for lists and pickers: parents joined, boundaries left in the database."""
    return Municipality.objects.select_related("province", "region").defer(
        "boundary", "province__boundary", "region__boundary"
    )


def municipality_filter(queryset: QuerySet[Municipality], query: str) -> QuerySet[Municipality]:
    """Comuni whose name contains every word of ``query`` (case and accents ignored),
    exact names first, then names that start with it, then the most populous."""
    words = normalise(query).split()[:MAX_QUERY_WORDS]
    if not words:
        return queryset.none()
    phrase = " ".join(words)
    condition = Q()
    for word in words:
        condition &= Q(search_name__contains=word)
    # Comuni created without the loader (fixtures) have no search name yet.
    condition |= Q(name__icontains=query.strip())
    return (
        queryset.filter(condition)
        .annotate(
            match_rank=Case(
                When(search_name=phrase, then=Value(0)),
                When(search_name__startswith=phrase, then=Value(1)),
                When(search_name__contains=f" {phrase}", then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
            )
        )
        .order_by("match_rank", F("population").desc(nulls_last=True), "name", "istat_code")
    )


def municipality_search(query: str, limit: int = 10) -> list[Municipality]:
    """The best ``limit`` comuni for what someone typed; one query."""
    return list(municipality_filter(municipality_queryset(), query)[:limit])

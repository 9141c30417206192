"""Every list endpoint keeps the same number of queries as the data grows."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from civichub.territories.models import Municipality

from .factories import MunicipalityFactory, ProvinceFactory, RegionFactory

pytestmark = pytest.mark.django_db


def grow(size: int) -> None:
    """``size`` regions with two provinces each and three comuni per province."""
    for _ in range(size):
        region = RegionFactory()
        for _ in range(2):
            MunicipalityFactory.create_batch(3, province=ProvinceFactory(region=region))


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/api/v1/territories/regions", 2),  # count + page
        ("/api/v1/territories/provinces", 2),
        ("/api/v1/territories/municipalities", 2),
        ("/api/v1/territories/municipalities?q=comune", 2),
        ("/api/v1/territories/municipalities/{code}", 1),
        (reverse("territories:municipality_search") + "?q=comune", 1),
        (reverse("territories:regions_geojson"), 1),
        (reverse("territories:provinces_geojson"), 1),
    ],
)
@pytest.mark.parametrize("size", [1, 8])
def test_constant_queries(client, django_assert_num_queries, url, queries, size):
    grow(size)
    url = url.format(code=Municipality.objects.values_list("istat_code", flat=True).first())

    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("name", ["regions_geojson", "provinces_geojson", "municipalities_geojson"])
def test_geojson_is_served_from_the_cache(client, django_assert_num_queries, name):
    grow(2)
    province = ProvinceFactory()
    MunicipalityFactory(province=province)
    url = reverse(f"territories:{name}") + f"?provincia={province.istat_code}"
    cache.clear()
    client.get(url)

    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200

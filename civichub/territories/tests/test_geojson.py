import pytest
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("marche")]


def test_regions(client):
    response = client.get(reverse("territories:regions_geojson"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert "public" in response["Cache-Control"]
    data = response.json()
    assert data["type"] == "FeatureCollection"
    (feature,) = data["features"]
    assert feature["id"] == "11"
    assert feature["properties"] == {"istat_code": "11", "name": "Marche", "slug": "marche"}
    assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")


@pytest.mark.parametrize(("region", "count"), [("11", 5), ("", 5), ("08", 0), ("8", 0)])
def test_provinces(client, region, count):
    response = client.get(reverse("territories:provinces_geojson"), {"regione": region})

    assert response.status_code == 200
    features = response.json()["features"]
    assert len(features) == count
    if features:
        assert {"abbreviation", "kind", "region", "name"} <= set(features[0]["properties"])


def test_comuni_of_a_province(client):
    url = reverse("territories:municipalities_geojson")

    features = client.get(url, {"provincia": "44"}).json()["features"]

    assert len(features) == 33
    assert {f["id"] for f in features} >= {"044007"}


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("provinces_geojson", {"regione": "Marche"}),
        ("provinces_geojson", {"regione": "123"}),
        ("municipalities_geojson", {}),
        ("municipalities_geojson", {"provincia": "AP"}),
    ],
)
def test_bad_parameters_are_a_clear_400(client, name, params):
    response = client.get(reverse(f"territories:{name}"), params)

    assert response.status_code == 400
    assert response.json()["detail"]


def test_only_get(client):
    assert client.post(reverse("territories:regions_geojson")).status_code == 405

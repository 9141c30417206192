import pytest

from civichub.territories.models import Municipality

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("marche")]

API = "/api/v1/territories"


def get(client, path: str, **params):
    return client.get(API + path, params)


def test_regions(client):
    data = get(client, "/regions").json()

    assert data["count"] == 1
    assert data["items"] == [
        {
            "istat_code": "11",
            "name": "Marche",
            "slug": "marche",
            "centroid": data["items"][0]["centroid"],
        }
    ]
    assert set(data["items"][0]["centroid"]) == {"lat", "lon"}


@pytest.mark.parametrize(("region", "count"), [("11", 5), ("8", 0), ("08", 0)])
def test_provinces_by_region(client, region, count):
    data = get(client, "/provinces", region=region).json()

    assert data["count"] == count
    if count:
        item = data["items"][0]
        assert item["region"] == {"istat_code": "11", "name": "Marche"}
        assert {"istat_code", "abbreviation", "kind", "centroid", "slug"} <= set(item)
        assert "boundary" not in item


def test_municipalities_list_has_no_boundaries(client):
    data = get(client, "/municipalities").json()

    assert data["count"] == 225
    assert len(data["items"]) == 50
    assert "boundary" not in data["items"][0]
    assert [i["istat_code"] for i in data["items"]] == sorted(
        i["istat_code"] for i in data["items"]
    )


@pytest.mark.parametrize(
    ("params", "count"),
    [
        ({"province": "AP"}, 33),
        ({"province": "ap"}, 33),
        ({"province": "44"}, 33),
        ({"province": "044"}, 33),
        ({"region": "11", "province": "AP", "q": "ascoli"}, 1),
        ({"region": "12"}, 0),
        ({"province": "ZZ"}, 0),
        ({"q": "sant'elpidio"}, 2),  # Sant'Elpidio a Mare, Porto Sant'Elpidio
        ({"q": "   "}, 225),
    ],
)
def test_municipality_filters(client, params, count):
    assert get(client, "/municipalities", **params).json()["count"] == count


def test_name_search_ranks_the_exact_name_first(client):
    items = get(client, "/municipalities", q="Fermo").json()["items"]

    assert items[0]["name"] == "Fermo"
    assert items[0]["province"] == {"istat_code": "109", "name": "Fermo", "abbreviation": "FM"}


def test_pagination(client):
    first = get(client, "/municipalities", page_size=100).json()
    third = get(client, "/municipalities", page_size=100, page=3).json()
    beyond = get(client, "/municipalities", page=99).json()
    capped = get(client, "/municipalities", page_size=1000).json()

    assert len(first["items"]) == 100
    assert len(third["items"]) == 25
    assert beyond == {"items": [], "count": 225}
    assert len(capped["items"]) == 200


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/municipalities", {"page": "abc"}),
        ("/municipalities", {"page": "-1"}),
        ("/municipalities", {"page": "0"}),
        ("/municipalities", {"page": "9" * 30}),
        ("/municipalities", {"page_size": "0"}),
        ("/municipalities", {"region": "Marche"}),
        ("/municipalities", {"province": "Ascoli"}),
        ("/municipalities", {"q": "x" * 101}),
        ("/provinces", {"region": "1;DROP"}),
        ("/regions/11", {"include": "everything"}),
    ],
)
def test_bad_input_is_a_clear_422(client, path, params):
    response = get(client, path, **params)

    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"][0]["loc"][0] == "query"


def test_municipality_detail(client):
    data = get(client, "/municipalities/044007").json()

    assert data["name"] == "Ascoli Piceno"
    assert data["cadastral_code"] == "A462"
    assert data["province"]["abbreviation"] == "AP"
    assert data["region"]["istat_code"] == "11"
    assert data["boundary"] is None
    assert get(client, "/municipalities/44007").json()["istat_code"] == "044007"


def test_detail_with_boundary(client):
    for path in ("/regions/11", "/provinces/044", "/municipalities/044007"):
        data = get(client, path, include="boundary").json()
        assert data["boundary"]["type"] in ("Polygon", "MultiPolygon"), path


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/regions/08", "Nessuna regione ha il codice ISTAT «08»."),
        ("/regions/abc", "Nessuna regione ha il codice ISTAT «abc»."),
        ("/provinces/1234", "Nessuna provincia ha il codice ISTAT «1234»."),
        ("/municipalities/000000", "Nessun comune ha il codice ISTAT «000000»."),
    ],
)
def test_unknown_code_is_a_404(client, path, message):
    response = get(client, path)

    assert response.status_code == 404
    assert response.json() == {"detail": message}


def test_openapi_documents_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert {
        "/api/v1/territories/regions",
        "/api/v1/territories/provinces",
        "/api/v1/territories/municipalities",
        "/api/v1/territories/municipalities/{istat_code}",
    } <= set(paths)


def test_municipality_without_centroid(client):
    Municipality.objects.filter(istat_code="044007").update(centroid_lat=None)

    assert get(client, "/municipalities/044007").json()["centroid"] is None

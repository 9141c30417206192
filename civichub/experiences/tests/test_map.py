"""The map page and its data: counts by region and points, for the filtered catalogue."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .. import selectors
from .test_catalogue import batch, build_sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(db):
    return build_sample()


URL = "/esperienze/mappa/"
COUNTS = "/esperienze/mappa/regioni.json"
MARKERS = "/esperienze/mappa/punti.geojson"


def test_map_page_uses_the_shared_component_with_the_filters(client, sample):
    response = client.get(URL, {"regione": "emilia-romagna", "tema": "giovani"})

    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["total"] == 2
    assert "data-territory-map" in content
    assert 'data-geojson-url="/territori/regioni.geojson"' in content
    assert (
        'data-counts-url="/esperienze/mappa/regioni.json?regione=emilia-romagna&amp;tema=giovani"'
        in content
    )
    assert (
        'data-markers-url="/esperienze/mappa/punti.geojson?regione=emilia-romagna&amp;tema=giovani"'
        in content
    )
    # The text alternative: the same experiences as a list.
    list_link = '<a href="/esperienze/?regione=emilia-romagna&amp;tema=giovani">'
    assert f"{list_link}Le stesse esperienze in forma di elenco" in content
    assert 'aria-current="page"' in content
    assert "Mappa delle esperienze" in content
    for fmt in ("csv", "json", "geojson"):
        assert f"/esperienze/esporta.{fmt}?regione=emilia-romagna&amp;tema=giovani" in content
    assert "<script>" not in content
    assert "style=" not in content


def test_map_page_htmx_swaps_the_map_with_the_results(client, sample):
    response = client.get(URL, {"regione": "marche"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert "<html" not in content
    assert 'id="catalogue-results"' in content
    assert "data-territory-map" in content
    assert 'hx-history="false"' in content
    assert response["HX-Push-Url"] == "/esperienze/mappa/?regione=marche"


def test_many_experiences_show_no_points_but_a_note(client, sample, monkeypatch):
    monkeypatch.setattr(selectors, "MARKER_LIMIT", 2)
    monkeypatch.setattr("civichub.experiences.views.catalogue.MARKER_LIMIT", 2)

    content = client.get(URL).content.decode()
    assert "Filtra per regione per vedere i singoli punti" in content
    assert "data-markers-url" not in content

    body = client.get(MARKERS).json()
    assert body["features"] == []
    assert body["note"] == "Filtra per regione per vedere i singoli punti."
    assert len(client.get(MARKERS, {"regione": "emilia-romagna"}).json()["features"]) == 1


def test_region_counts_of_the_filtered_published_catalogue(client, sample):
    assert client.get(COUNTS).json() == {"08": 2, "11": 1}
    assert client.get(COUNTS, {"tema": "beni-comuni"}).json() == {"08": 1, "11": 1}
    assert client.get(COUNTS, {"stato": "concluded"}).json() == {"08": 1}
    assert client.get(COUNTS, {"q": "clima"}).json() == {"11": 1}
    # Values not understood are left out, never an error.
    assert client.get(COUNTS, {"regione": "atlantide", "dal": "x"}).json() == {"08": 2, "11": 1}


def test_markers_are_rounded_points_of_published_experiences(client, sample):
    response = client.get(MARKERS)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    body = response.json()
    assert body["type"] == "FeatureCollection"
    # Only the Bologna experience has a point (the test comuni have no centre).
    assert body["features"] == [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [11.33875, 44.49381]},
            "properties": {
                "name": "Bilancio partecipativo dei quartieri",
                "url": "/esperienze/bilancio-bologna/",
            },
        }
    ]
    assert "note" not in body


def test_drafts_never_reach_the_map(client, sample):
    for experience in sample.values():
        experience.state = "draft"
        experience.save(update_fields=["state"])

    assert client.get(COUNTS).json() == {}
    assert client.get(MARKERS).json()["features"] == []
    assert client.get(URL).context["total"] == 0


def _queries(client, url: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", [URL, COUNTS, MARKERS])
@pytest.mark.parametrize("params", [{}, {"regione": "emilia-romagna", "tema": "giovani"}])
def test_map_queries_do_not_grow_with_the_data(client, db, url, params):
    batch(2)
    for _ in range(2):
        client.get(url, params)
    few = _queries(client, url, params)

    batch(10)
    many = _queries(client, url, params)

    assert few == many
    assert many <= 6

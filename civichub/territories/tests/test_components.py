import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from civichub.territories.credits import DATA_CREDIT


def render_map(**context) -> str:
    return render_to_string(
        "territories/components/map.html",
        {"geojson_url": reverse("territories:regions_geojson"), "label": "Mappa", **context},
    )


def test_map_is_configured_by_data_attributes():
    html = render_map(
        counts_url="/esperienze/conteggi.json",
        legend_title="Esperienze",
        description="Numero di esperienze per regione.",
        data_url="/esperienze/",
        size="lg",
    )

    match = re.search(r"<div class=\"territory-map__canvas[^>]*>", html, re.S)
    assert match
    canvas = match.group(0)
    assert 'role="region"' in canvas
    assert 'aria-label="Mappa"' in canvas
    assert 'data-geojson-url="/territori/regioni.geojson"' in canvas
    assert 'data-counts-url="/esperienze/conteggi.json"' in canvas
    assert 'data-legend-title="Esperienze"' in canvas
    assert f'data-credit="{DATA_CREDIT}"' in canvas
    assert "territory-map__canvas--lg" in canvas
    assert "data-tile-url" not in canvas
    assert re.search(r'aria-describedby="(mappa-\w+)-description"', canvas)
    assert 'class="visually-hidden"' in html
    assert '<a href="/esperienze/">Gli stessi dati in forma di elenco</a>' in html


def test_map_has_no_inline_script_or_style():
    html = render_map()

    assert " style=" not in html
    assert "<style" not in html
    assert re.findall(r"<script[^>]*>", html) == [
        '<script src="/static/leaflet/leaflet.js" defer>',
        '<script src="/static/territories/map.js" defer>',
    ]


def test_optional_tile_layer(settings):
    settings.MAP_TILE_URL = "https://tile.example.org/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "© OpenStreetMap"

    html = render_map()

    assert 'data-tile-url="https://tile.example.org/{z}/{x}/{y}.png"' in html
    assert 'data-tile-attribution="© OpenStreetMap"' in html


@pytest.mark.django_db
def test_two_maps_on_a_page_get_distinct_ids():
    ids = set(re.findall(r'id="(mappa-\w+)"', render_map() + render_map()))

    assert len(ids) == 2

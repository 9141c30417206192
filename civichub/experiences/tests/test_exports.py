"""Open data: CSV, JSON and GeoJSON of the public catalogue or of a filtered view."""

import csv
import datetime
import io
import json

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from civichub.core.spreadsheets import safe_cell

from ..exports import COLUMNS
from .test_catalogue import batch, build_sample, make

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(db):
    return build_sample()


def content(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def read_csv(response) -> list[dict[str, str]]:
    text = content(response)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


@time_machine.travel(datetime.datetime(2025, 5, 4, 12, tzinfo=datetime.UTC))
def test_csv_of_the_whole_public_catalogue(client, sample):
    response = client.get("/esperienze/esporta.csv")

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="esperienze-2025-05-04.csv"'
    rows = read_csv(response)
    assert [row["id"] for row in rows] == ["assemblea-ascoli", "bilancio-bologna", "giardini-imola"]
    assert list(rows[0]) == COLUMNS
    bologna = rows[1]
    assert bologna == {
        "id": "bilancio-bologna",
        "url": "http://testserver/esperienze/bilancio-bologna/",
        "title": "Bilancio partecipativo dei quartieri",
        "summary": "I cittadini decidono come spendere una parte del bilancio comunale.",
        "scale": "Comunale",
        "regions": "Emilia-Romagna",
        "provinces": "Provincia 037",
        "comuni": "Bologna",
        "start_date": "2022-03-01",
        "end_date": "2023-06-30",
        "status": "Conclusa",
        "themes": "Giovani | Cultura",
        "methods": "Bilancio partecipativo",
        "iap2_level": "Coinvolgere",
        "organisations": "Comune di Bologna (Promotore)",
        "participants_count": "",
        "recruitment": "",
        "budget_band": "",
        "has_evaluation": "sì",
        "licence": "CC-BY-4.0",
        "published_at": "2025-01-10T00:00:00+00:00",
    }


def test_csv_of_a_filtered_view(client, sample):
    rows = read_csv(client.get("/esperienze/esporta.csv", {"regione": "marche"}))

    assert [row["id"] for row in rows] == ["assemblea-ascoli"]
    assert rows[0]["organisations"] == "Associazione Clima (Promotore)"
    assert rows[0]["end_date"] == ""


def test_csv_cells_cannot_run_as_formulas(client, db):
    make(
        title='=HYPERLINK("http://example.org")',
        slug="formula",
        summary="+39 spese; -10% @tutti",
    )

    row = read_csv(client.get("/esperienze/esporta.csv"))[0]

    assert row["title"] == '\'=HYPERLINK("http://example.org")'
    assert row["summary"] == "'+39 spese; -10% @tutti"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        (None, ""),
        (12, "12"),
        (datetime.date(2024, 1, 2), "2024-01-02"),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_json_has_the_same_fields_with_codes_and_the_licence_url(client, sample):
    response = client.get("/esperienze/esporta.json", {"tema": "giovani"})

    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].endswith('.json"')
    items = json.loads(content(response))
    assert [item["id"] for item in items] == ["bilancio-bologna", "giardini-imola"]
    bologna = items[0]
    assert set(bologna) == {*COLUMNS, "licence_url"}
    assert bologna["scale"] == "municipal"
    assert bologna["status"] == "concluded"
    assert bologna["regions"] == [{"istat_code": "08", "name": "Emilia-Romagna"}]
    assert bologna["comuni"] == [{"istat_code": "037006", "name": "Bologna"}]
    assert bologna["themes"][0] == {"slug": "giovani", "name": "Giovani"}
    assert bologna["iap2_level"] == {"slug": "coinvolgere", "name": "Coinvolgere"}
    assert bologna["organisations"] == [{"name": "Comune di Bologna", "role": "promoter"}]
    assert bologna["has_evaluation"] is True
    assert bologna["licence_url"] == "https://creativecommons.org/licenses/by/4.0/deed.it"
    assert bologna["start_date"] == "2022-03-01"


def test_json_of_nothing_is_an_empty_list(client, db):
    assert json.loads(content(client.get("/esperienze/esporta.json"))) == []


def test_geojson_has_the_experiences_with_a_point(client, sample):
    response = client.get("/esperienze/esporta.geojson")

    assert response["Content-Type"] == "application/geo+json"
    collection = json.loads(content(response))
    assert collection["type"] == "FeatureCollection"
    [feature] = collection["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [11.33875, 44.49381]}
    assert feature["properties"]["id"] == "bilancio-bologna"
    assert feature["properties"]["licence"] == "CC-BY-4.0"


def test_geojson_of_nothing_is_an_empty_collection(client, db):
    assert json.loads(content(client.get("/esperienze/esporta.geojson")))["features"] == []


@pytest.mark.parametrize("fmt", ["csv", "json", "geojson"])
def test_exports_never_contain_unpublished_experiences(client, sample, fmt):
    text = content(client.get(f"/esperienze/esporta.{fmt}", {"q": "bilancio"}))

    assert "bilancio-bologna" in text
    assert "riservat" not in text


@pytest.mark.parametrize("fmt", ["xml", "xlsx", "csv.exe", "CSV"])
def test_unknown_format_is_a_404(client, db, fmt):
    assert client.get(f"/esperienze/esporta.{fmt}").status_code == 404


def test_exports_are_in_italian_whatever_the_language(client, sample):
    client.cookies["civichub_language"] = "en"

    rows = read_csv(client.get("/esperienze/esporta.csv", {"regione": "marche"}))

    assert rows[0]["status"] == "In corso"


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_queries_do_not_grow_with_the_rows(client, db, fmt):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            content(client.get(f"/esperienze/esporta.{fmt}"))
        return len(captured)

    batch(2)
    queries()
    few = queries()
    batch(10)

    assert queries() == few

"""/api/v1/experiences: published experiences only, the catalogue's filters, constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from civichub.accounts.tests.factories import StaffFactory

from .test_catalogue import batch, build_sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(db):
    return build_sample()


URL = "/api/v1/experiences"


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["items"]]


def test_lists_published_experiences_most_recent_first(client, sample):
    response = client.get(URL)

    body = response.json()
    assert body["count"] == 3
    assert slugs(response) == ["assemblea-ascoli", "bilancio-bologna", "giardini-imola"]
    bologna = body["items"][1]
    assert bologna["title"] == "Bilancio partecipativo dei quartieri"
    assert bologna["regions"] == [{"istat_code": "08", "name": "Emilia-Romagna"}]
    assert bologna["municipalities"] == [{"istat_code": "037006", "name": "Bologna"}]
    assert bologna["point"] == {"latitude": 44.49381, "longitude": 11.33875}
    assert bologna["themes"][0] == {"slug": "giovani", "name": "Giovani", "name_en": "Young people"}
    assert bologna["organisations"] == [
        {
            "name": "Comune di Bologna",
            "slug": bologna["organisations"][0]["slug"],
            "role": "promoter",
        }
    ]
    assert bologna["iap2_level"]["slug"] == "coinvolgere"
    assert bologna["status"] == "concluded"
    assert bologna["licence_url"].startswith("https://creativecommons.org/")
    assert bologna["url"] == "/esperienze/bilancio-bologna/"
    assert "narrative" not in bologna  # in the detail


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"region": "08"}, ["bilancio-bologna", "giardini-imola"]),
        ({"region": "99"}, []),
        ({"province": "037"}, ["bilancio-bologna", "giardini-imola"]),
        ({"municipality": "044007"}, ["assemblea-ascoli"]),
        ({"scale": "neighbourhood"}, ["giardini-imola"]),
        ({"theme": "giovani"}, ["bilancio-bologna", "giardini-imola"]),
        (
            {"theme": ["cultura", "beni-comuni"]},
            ["assemblea-ascoli", "bilancio-bologna", "giardini-imola"],
        ),
        ({"theme": "non-esiste"}, []),
        ({"method": "bilancio-partecipativo"}, ["bilancio-bologna"]),
        ({"iap2_level": "coinvolgere"}, ["bilancio-bologna"]),
        ({"status": "ongoing"}, ["assemblea-ascoli"]),
        ({"from_year": 2024}, ["assemblea-ascoli", "giardini-imola"]),
        ({"to_year": 2023}, ["bilancio-bologna"]),
        ({"organisation_kind": "pa"}, ["bilancio-bologna"]),
        ({"has_evaluation": "true"}, ["bilancio-bologna"]),
        ({"q": "clima"}, ["assemblea-ascoli"]),
        ({"q": "riservato"}, []),
        ({"sort": "replicated"}, ["giardini-imola", "bilancio-bologna", "assemblea-ascoli"]),
    ],
)
def test_filters(client, sample, params, expected):
    assert slugs(client.get(URL, params)) == expected


@pytest.mark.parametrize(
    "params",
    [
        {"status": "lost"},
        {"scale": "galactic"},
        {"from_year": "ieri"},
        {"to_year": "99999"},
        {"has_evaluation": "forse"},
        {"sort": "random"},
        {"q": "x" * 201},
        {"region": "1234567"},
    ],
)
def test_malformed_values_are_a_422(client, sample, params):
    response = client.get(URL, params)

    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/json")


def test_staff_get_published_experiences_only_too(client, sample):
    client.force_login(StaffFactory.create())

    assert len(slugs(client.get(URL))) == 3


def test_detail_of_a_published_experience(client, sample):
    response = client.get(f"{URL}/bilancio-bologna")

    assert response.status_code == 200
    body = response.json()
    assert body["slug"] == "bilancio-bologna"
    assert body["narrative"] == "<p>Assemblee in ogni quartiere e un voto online.</p>"
    assert body["methods"][0]["slug"] == "bilancio-partecipativo"
    assert body["images"] == []
    assert body["links"] == []
    assert body["documents"] == []


@pytest.mark.parametrize(
    "slug", ["riservata-draft", "riservata-submitted", "riservata-rejected", "nessuna"]
)
def test_detail_of_an_unpublished_or_missing_experience_is_a_404(client, sample, slug):
    client.force_login(StaffFactory.create())

    assert client.get(f"{URL}/{slug}").status_code == 404


def test_enums_have_names_of_their_own(client, db):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]

    assert "ongoing" in schemas["ExperienceStatus"]["enum"]
    assert "municipal" in schemas["ExperienceScale"]["enum"]
    assert "Status" not in schemas


def _queries(client, params: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize("params", [{}, {"region": "08", "theme": "giovani", "q": "bilancio"}])
def test_list_queries_do_not_grow_with_the_page(client, db, params):
    batch(2)
    client.get(URL, params)
    few = _queries(client, params)

    batch(10)
    many = _queries(client, params)

    assert few == many
    assert many <= 12

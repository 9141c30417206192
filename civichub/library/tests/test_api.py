"""/api/v1/resources: live, public resources only, the catalogue's filters in English,
bad input never a 500, constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from civichub.accounts.tests.factories import StaffFactory

from ..models import ResourceFile
from .factories import collection, resource
from .test_catalogue import batch
from .test_selectors import build_sample, shared_fixture

pytestmark = pytest.mark.django_db

URL = "/api/v1/resources"

sample = shared_fixture(build_sample)
ALL = {"guida-servizi", "analisi-quartiere", "webinar-facilitare", "voci-territori"}


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["url"].rstrip("/").rsplit("/", 1)[-1] for item in response.json()["items"]]


class TestWithSample:
    def test_lists_live_public_resources_newest_first(self, client, sample):
        response = client.get(URL)

        body = response.json()
        assert body["count"] == 4
        assert slugs(response) == [
            "analisi-quartiere",
            "voci-territori",
            "guida-servizi",
            "webinar-facilitare",
        ]

    def test_item_carries_what_a_reuser_needs(self, client, sample):
        guide = sample["guide"]
        file = ResourceFile.objects.get(resource=guide)

        item = client.get(URL, {"kind": "guide"}).json()["items"][0]

        assert item == {
            "id": guide.pk,
            "kind": "guide",
            "title": "Guida alla co-progettazione dei servizi",
            "title_en": "",
            "summary": "Passo per passo, dal primo incontro all'accordo.",
            "summary_en": "",
            "url": "http://testserver/strumenti/guida-servizi/",
            "themes": [
                {
                    "slug": "welfare-e-inclusione",
                    "name": "Welfare e inclusione sociale",
                    "name_en": "Welfare and social inclusion",
                },
                {"slug": "giovani", "name": "Giovani", "name_en": "Young people"},
            ],
            "methods": [{"slug": "world-cafe", "name": "World café", "name_en": "World café"}],
            "phase": "design",
            "audiences": ["pa"],
            "level": "intro",
            "language": "it",
            "licence": "CC-BY-4.0",
            "licence_url": "https://creativecommons.org/licenses/by/4.0/deed.it",
            "authors": "Anna Rossi, Luca Bianchi",
            "organisation": {"name": "Comune di Esempio", "slug": "comune"},
            "publication_date": "2025-01-10",
            "useful_yes": 5,
            "useful_no": 2,
            "download_count": 1,
            "files": [
                {
                    "title": "Modello di accordo",
                    "format": "ODT",
                    "url": f"http://testserver/strumenti/file/{file.pk}/",
                }
            ],
        }

    def test_an_item_without_organisation_phase_or_files(self, client, sample):
        item = client.get(URL, {"kind": "webinar"}).json()["items"][0]

        assert item["organisation"] is None
        assert item["phase"] is None
        assert item["files"] == []
        assert item["audiences"] == ["facilitators"]
        assert item["language"] == "en"

    @pytest.mark.parametrize(
        ("params", "expected"),
        [
            ({"kind": "guide"}, {"guida-servizi"}),
            ({"kind": ["guide", "podcast"]}, {"guida-servizi", "voci-territori"}),
            ({"theme": "giovani"}, {"guida-servizi"}),
            ({"theme": ["abitare", "beni-comuni"]}, {"analisi-quartiere", "voci-territori"}),
            ({"theme": ["giovani", "atlantide"]}, set()),
            ({"method": "world-cafe"}, {"guida-servizi", "webinar-facilitare"}),
            ({"method": "telepatia"}, set()),
            ({"phase": "analysis"}, {"analisi-quartiere", "webinar-facilitare"}),
            ({"audience": "citizens"}, {"analisi-quartiere", "voci-territori"}),
            ({"audience": "third_sector"}, {"analisi-quartiere"}),
            ({"audience": "pa"}, {"guida-servizi"}),
            ({"level": "advanced"}, {"analisi-quartiere"}),
            ({"language": "en"}, {"webinar-facilitare"}),
            ({"q": "interviste"}, {"analisi-quartiere"}),
            ({"q": "servizi"}, {"guida-servizi"}),
            ({"q": "riservata"}, set()),
            ({"q": "  "}, ALL),
            ({"q": "«!?»"}, ALL),
            ({"kind": "guide", "audience": "citizens"}, set()),
            ({"theme": "giovani", "method": "world-cafe", "level": "intro"}, {"guida-servizi"}),
        ],
    )
    def test_filters(self, client, sample, params, expected):
        assert set(slugs(client.get(URL, params))) == expected

    @pytest.mark.parametrize(
        ("sort", "expected"),
        [
            ("useful", ["guida-servizi", "webinar-facilitare"]),
            ("downloaded", ["analisi-quartiere", "guida-servizi"]),
            ("recent", ["analisi-quartiere", "voci-territori"]),
        ],
    )
    def test_sort(self, client, sample, sort, expected):
        assert slugs(client.get(URL, {"sort": sort}))[:2] == expected

    @pytest.mark.parametrize(
        "params",
        [
            {"kind": "novel"},
            {"phase": "always"},
            {"audience": "aliens"},
            {"level": "base"},
            {"language": "xx"},
            {"sort": "random"},
            {"q": "x" * 201},
            {"method": "m" * 81},
            {"page": "0"},
            {"page": "abc"},
            {"page": str(10**30)},
            {"page_size": "0"},
        ],
    )
    def test_malformed_values_are_a_422(self, client, sample, params):
        response = client.get(URL, params)

        assert response.status_code == 422
        assert response["Content-Type"].startswith("application/json")

    @pytest.mark.parametrize(
        "params",
        [
            {"page": "100000"},
            {"page_size": "100000"},
            {"q": "\u202e" + "é" * 199},
            {"q": 'NEAR( "*'},
            {"theme": "x" * 5000},
        ],
    )
    def test_odd_but_valid_input_is_answered(self, client, sample, params):
        assert client.get(URL, params).status_code == 200

    def test_staff_get_live_public_resources_only_too(self, client, sample):
        client.force_login(StaffFactory.create())

        assert len(slugs(client.get(URL))) == 4

    def test_detail_of_a_live_public_resource(self, client, sample):
        response = client.get(f"{URL}/{sample['document'].pk}")

        assert response.status_code == 200
        body = response.json()
        assert body["id"] == sample["document"].pk
        assert body["kind"] == "document"
        assert body["audiences"] == ["third_sector", "citizens"]
        assert body["url"] == "http://testserver/strumenti/analisi-quartiere/"

    @pytest.mark.parametrize("key", ["draft", "restricted", "series", "collection", "missing"])
    def test_detail_of_anything_else_is_a_404(self, client, sample, key):
        client.force_login(StaffFactory.create())
        ids = {
            "draft": sample["draft"].pk,
            "restricted": sample["restricted"].pk,
            "series": sample["podcast"].get_parent().pk,
            "collection": collection([sample["guide"]]).pk,
            "missing": 999_999,
        }

        response = client.get(f"{URL}/{ids[key]}")

        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")

    @pytest.mark.parametrize("value", ["0", "-1", str(2**31), str(10**30)])
    def test_detail_of_an_impossible_id_is_a_404(self, client, sample, value):
        assert client.get(f"{URL}/{value}").status_code == 404

    def test_detail_of_a_malformed_id_is_a_422(self, client, sample):
        assert client.get(f"{URL}/abc").status_code == 422


def test_schema_names_the_enums_and_documents_the_errors(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    schemas = schema["components"]["schemas"]

    assert set(schemas["ResourceKindName"]["enum"]) == {
        "guide",
        "document",
        "webinar",
        "podcast",
        "toolkit",
        "method",
        "case_study",
    }
    assert schemas["ResourceAudience"]["enum"] == ["pa", "third_sector", "citizens", "facilitators"]
    assert "analysis" in schemas["ResourcePhase"]["enum"]
    item = schemas["ResourceItem"]["properties"]
    assert {"id", "kind", "url", "themes", "files", "licence_url", "organisation"} <= set(item)
    operations = schema["paths"]
    assert {"/api/v1/resources", "/api/v1/resources/{id}"} <= set(operations)
    detail = operations["/api/v1/resources/{id}"]["get"]["responses"]
    assert {"200", "404", "422"} <= set(detail)
    parameters = {p["name"] for p in operations["/api/v1/resources"]["get"]["parameters"]}
    assert {"q", "kind", "theme", "method", "phase", "audience", "level", "language"} <= parameters


def _queries(client, url: str, params: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


@pytest.mark.parametrize("params", [{}, {"theme": "giovani", "q": "assemblee", "kind": "toolkit"}])
def test_list_queries_do_not_grow_with_the_page(client, db, params):
    batch(2)
    client.get(URL, params)
    few = _queries(client, URL, params)

    batch(10)
    client.get(URL, params)  # publishing reset the site's cached root paths
    many = _queries(client, URL, params)

    assert few == many
    assert many <= 8


def test_detail_queries_are_few(client, db):
    batch(1)
    last = resource(themes=[], files=[])
    client.get(f"{URL}/{last.pk}")

    assert _queries(client, f"{URL}/{last.pk}") <= 6

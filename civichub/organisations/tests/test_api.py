import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from civichub.organisations.models import Kind
from civichub.taxonomy.models import Theme

from .factories import OrganisationFactory, municipality

pytestmark = pytest.mark.django_db

URL = "/api/v1/organisations"


@pytest.fixture
def sample(db):
    bologna = municipality("037006", "Bologna")
    culture = Theme.objects.get(slug="cultura")
    return {
        "pa": OrganisationFactory.create(
            name="Comune di Bologna",
            slug="comune-di-bologna",
            kind=Kind.PUBLIC_ADMINISTRATION,
            runts_section="",
            pa_kind="comune",
            ipa_code="c_a944",
            municipality=bologna,
            region=bologna.region,
            is_contributor=True,
            themes=[culture],
        ),
        "aps": OrganisationFactory.create(name="Teatro di Quartiere APS", slug="teatro"),
        "hidden": OrganisationFactory.create(
            name="Gruppo riservato", slug="riservato", is_public=False
        ),
    }


def slugs(response) -> list[str]:
    return [item["slug"] for item in response.json()["items"]]


def test_lists_public_organisations_only(client, sample):
    response = client.get(URL)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    first = body["items"][0]
    assert first["slug"] == "comune-di-bologna"
    assert first["municipality"] == {"istat_code": "037006", "name": "Bologna"}
    assert first["region"] == {"istat_code": "08", "name": "Emilia-Romagna"}
    assert first["themes"] == ["cultura"]
    assert first["url"] == "/organizzazioni/comune-di-bologna/"
    assert first["logo"] is None
    assert "tax_code" not in first  # identifiers are in the detail


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "pa"}, ["comune-di-bologna"]),
        ({"region": "08"}, ["comune-di-bologna"]),
        ({"region": "99"}, []),
        ({"theme": "cultura"}, ["comune-di-bologna"]),
        ({"theme": "non-esiste"}, []),
        ({"contributor": "true"}, ["comune-di-bologna"]),
        ({"contributor": "false"}, ["teatro"]),
        ({"q": "teatro"}, ["teatro"]),
        ({"q": "riservato"}, []),
    ],
)
def test_filters(client, sample, params, expected):
    response = client.get(URL, params)

    assert response.status_code == 200
    assert slugs(response) == expected


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "banca"},
        {"contributor": "forse"},
        {"page": "0"},
        {"page": "abc"},
        {"page_size": "0"},
        {"region": "1234567"},
        {"q": "x" * 101},
    ],
)
def test_bad_input_is_a_422_never_a_500(client, sample, params):
    response = client.get(URL, params)

    assert response.status_code == 422
    assert "detail" in response.json()


def test_pagination_50_by_default_at_most_200(client, db):
    OrganisationFactory.create_batch(210)

    assert len(client.get(URL).json()["items"]) == 50
    assert len(client.get(URL, {"page_size": 500}).json()["items"]) == 200
    last = client.get(URL, {"page": 5}).json()
    assert (last["count"], len(last["items"])) == (210, 10)
    assert client.get(URL, {"page": 99}).json()["items"] == []


def test_detail(client, sample):
    response = client.get(f"{URL}/comune-di-bologna")

    assert response.status_code == 200
    body = response.json()
    assert body["ipa_code"] == "c_a944"
    assert body["tax_code"] == sample["pa"].tax_code
    assert body["operating_regions"] == []


@pytest.mark.parametrize("slug", ["riservato", "non-esiste"])
def test_detail_of_hidden_or_missing_is_the_same_404(client, sample, slug):
    response = client.get(f"{URL}/{slug}")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def count_queries(client, params: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize("params", [{}, {"region": "11", "theme": "giovani", "kind": "ets"}])
def test_list_queries_do_not_grow_with_the_data(client, db, params):
    ascoli = municipality("044007", "Ascoli Piceno", region_code="11")
    themes = list(Theme.objects.filter(slug__in=["giovani", "cultura"]))
    make = lambda n: OrganisationFactory.create_batch(  # noqa: E731
        n, municipality=ascoli, region=ascoli.region, themes=themes
    )
    make(5)
    few = count_queries(client, params)

    make(45)
    many = count_queries(client, params)

    assert few == many
    assert many <= 5

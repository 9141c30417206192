"""GET /api/v1/search: public documents only, filters, pagination, bad input, queries."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from civichub.accounts.tests.factories import UserFactory
from civichub.experiences.tests.factories import DraftFactory
from civichub.taxonomy.models import Theme

from .factories import day, experience, index_all, news, organisation, restrict

pytestmark = pytest.mark.django_db

URL = "/api/v1/search"


def test_results_are_public_ranked_and_described(client):
    culture = Theme.objects.get(slug="cultura")
    experience(
        "Teatro di comunità",
        summary="Il teatro come luogo d'incontro.",
        themes=[culture],
        published_at=day(3),
    )
    organisation("Teatro aperto, compagnia")
    DraftFactory.create(title="Teatro in bozza")
    restrict(news("Teatro per gli iscritti", n=1), PageViewRestriction.LOGIN)
    index_all()
    client.force_login(UserFactory.create())

    response = client.get(URL, {"q": "teatri"})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    first = body["items"][0]
    assert first == {
        "kind": "experience",
        "title": "Teatro di comunità",
        "title_en": "",
        "summary": "Il teatro come luogo d'incontro.",
        "summary_en": "",
        "url": first["url"],
        "published_at": "2025-01-03T12:00:00Z",
        "themes": ["cultura"],
    }
    assert first["url"].startswith("/esperienze/")
    assert body["items"][1]["kind"] == "organisation"


def test_filters_by_kind_and_theme(client):
    youth = Theme.objects.get(slug="giovani")
    experience("Radio giovani", themes=[youth])
    experience("Radio di quartiere", slug="radio-quartiere")
    organisation("Radio associazione", themes=[youth])
    index_all()

    by_kind = client.get(URL, {"q": "radio", "kind": "organisation"}).json()
    by_theme = client.get(URL, {"q": "radio", "theme": "giovani"}).json()
    both = client.get(URL, {"q": "radio", "kind": "experience", "theme": "giovani"}).json()

    assert [item["title"] for item in by_kind["items"]] == ["Radio associazione"]
    assert by_theme["count"] == 2
    assert [item["title"] for item in both["items"]] == ["Radio giovani"]


def test_unknown_theme_or_empty_query_give_an_empty_list(client):
    experience("Radio giovani")
    index_all()

    assert client.get(URL, {"q": "radio", "theme": "nessuno"}).json()["count"] == 0
    assert client.get(URL, {"q": "  "}).json()["count"] == 0
    assert client.get(URL).json()["count"] == 0


@pytest.mark.parametrize(
    "params",
    [{"kind": "eventi"}, {"q": "x" * 201}, {"page": "0"}, {"page_size": "0"}],
)
def test_malformed_parameters_are_a_422(client, params):
    response = client.get(URL, params)

    assert response.status_code == 422
    assert "detail" in response.json()


def test_pages(client):
    for n in range(7):
        experience(f"Sentiero {n}", slug=f"sentiero-{n}", published_at=day(n + 1))
    index_all()

    second = client.get(URL, {"q": "sentiero", "page": 2, "page_size": 5}).json()
    beyond = client.get(URL, {"q": "sentiero", "page": 9, "page_size": 5}).json()

    assert second["count"] == 7
    assert [item["title"] for item in second["items"]] == ["Sentiero 1", "Sentiero 0"]
    assert beyond["items"] == []


def test_query_count_is_constant(client):
    def count() -> int:
        cache.clear()  # what a search costs before its counts and page are cached
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, {"q": "sentiero", "page_size": 50}).status_code == 200
        return len(queries)

    for n in range(3):
        experience(f"Sentiero {n}", slug=f"sentiero-{n}")
    index_all()
    client.get(URL, {"q": "sentiero"})
    few = count()
    for n in range(3, 60):
        experience(f"Sentiero {n}", slug=f"sentiero-{n}")
    index_all()
    many = count()

    assert few == many
    assert many <= 5

"""The directory: filters, facets, chips, unknown values, pagination and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from civichub.accounts.tests.factories import UserFactory
from civichub.organisations.models import Kind
from civichub.taxonomy.models import Theme

from .factories import OrganisationFactory, municipality

pytestmark = pytest.mark.django_db

URL = "/organizzazioni/"


@pytest.fixture
def sample(db):
    bologna = municipality("037006", "Bologna")
    ascoli = municipality("044007", "Ascoli Piceno", region_code="11")
    culture = Theme.objects.get(slug="cultura")
    youth = Theme.objects.get(slug="giovani")
    return {
        "pa": OrganisationFactory.create(
            name="Comune di Bologna",
            kind=Kind.PUBLIC_ADMINISTRATION,
            runts_section="",
            pa_kind="comune",
            municipality=bologna,
            region=bologna.region,
            is_contributor=True,
            themes=[culture],
        ),
        "aps": OrganisationFactory.create(
            name="Teatro di Quartiere APS",
            summary="Laboratori teatrali per giovani.",
            municipality=bologna,
            region=bologna.region,
            themes=[culture, youth],
        ),
        "odv": OrganisationFactory.create(
            name="Volontari del Tronto",
            runts_section="odv",
            municipality=ascoli,
            region=ascoli.region,
            themes=[youth],
        ),
        "hidden": OrganisationFactory.create(name="Gruppo riservato", is_public=False),
    }


def names(response) -> list[str]:
    return [o.name for o in response.context["page_obj"].object_list]


def test_lists_public_organisations_by_name(client, sample):
    response = client.get(URL)

    assert names(response) == [
        "Comune di Bologna",
        "Teatro di Quartiere APS",
        "Volontari del Tronto",
    ]
    assert "Gruppo riservato" not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"tipo": "pa"}, ["Comune di Bologna"]),
        ({"regione": "marche"}, ["Volontari del Tronto"]),
        ({"tema": "giovani"}, ["Teatro di Quartiere APS", "Volontari del Tronto"]),
        ({"contributore": "si"}, ["Comune di Bologna"]),
        ({"contributore": "no"}, ["Teatro di Quartiere APS", "Volontari del Tronto"]),
        ({"q": "teatral"}, ["Teatro di Quartiere APS"]),  # in the summary
        ({"q": "TRONTO"}, ["Volontari del Tronto"]),
        (
            {"tipo": "ets", "regione": "emilia-romagna", "tema": "cultura"},
            ["Teatro di Quartiere APS"],
        ),
        ({"tipo": "company"}, []),
    ],
)
def test_filters(client, sample, params, expected):
    response = client.get(URL, params)

    assert response.status_code == 200
    assert names(response) == expected
    assert not response.context["ignored"]


def test_facets_count_with_the_other_filters_applied(client, sample):
    response = client.get(URL, {"tema": "giovani"})
    context = response.context

    kinds = {value: count for value, _, count in context["kind_options"]}
    regions = {region.slug: count for region, count in context["region_options"]}
    themes = {theme.slug: count for theme, count in context["theme_options"]}
    assert kinds["ets"] == 2
    assert kinds["pa"] == 0
    assert regions == {"emilia-romagna": 1, "marche": 1}
    # The theme facet ignores the theme filter itself: it shows where else one could go.
    assert themes["cultura"] == 2
    assert themes["giovani"] == 2
    assert [count for *_, count in context["contributor_options"]] == [0, 2]
    assert "Emilia-Romagna (1)" in response.content.decode()


def test_active_filters_are_chips_with_remove_links(client, sample):
    response = client.get(URL, {"tipo": "ets", "tema": "giovani", "pagina": "1"})
    chips = {chip["label"]: chip["remove_url"] for chip in response.context["chips"]}

    assert chips == {"Ente del Terzo Settore": "?tema=giovani", "Giovani": "?tipo=ets"}
    assert 'href="?tema=giovani"' in response.content.decode()
    assert "Rimuovi il filtro Giovani" in response.content.decode()


def test_removing_the_last_filter_goes_back_to_the_directory(client, sample):
    response = client.get(URL, {"q": "tronto"})

    assert response.context["chips"] == [{"label": "«tronto»", "remove_url": URL}]


@pytest.mark.parametrize(
    ("params", "ignored"),
    [
        ({"tipo": "banca"}, ["Tipo"]),
        ({"regione": "atlantide"}, ["Regione della sede"]),
        ({"tema": "<script>alert(1)</script>"}, ["Tema"]),
        ({"contributore": "forse"}, ["Organizzazione contributrice"]),
        ({"q": "x" * 101}, ["Cerca per nome o descrizione"]),
        ({"tipo": "banca", "regione": "marche"}, ["Tipo"]),
    ],
)
def test_unknown_values_are_ignored_with_a_notice(client, sample, params, ignored):
    response = client.get(URL, params)

    assert response.status_code == 200
    assert response.context["ignored"] == ignored
    assert "sono stati ignorati" in response.content.decode()
    assert "<script>alert(1)</script>" not in response.content.decode()
    if "regione" in params and params["regione"] == "marche":
        assert names(response) == ["Volontari del Tronto"]


def test_empty_state_offers_to_clear_the_filters(client, sample):
    response = client.get(URL, {"q": "nessuna corrispondenza"})

    content = response.content.decode()
    assert "Nessuna organizzazione corrisponde ai filtri scelti." in content
    assert f'href="{URL}"' in content


def test_empty_directory(client, db):
    response = client.get(URL)

    assert "Non ci sono ancora organizzazioni nella rubrica." in response.content.decode()


@pytest.mark.parametrize(("page", "expected"), [("2", 2), ("99", 2), ("abc", 1), ("-1", 2)])
def test_pagination_keeps_filters_and_shows_the_last_page_when_out_of_range(
    client, db, page, expected
):
    OrganisationFactory.create_batch(25)

    response = client.get(URL, {"tipo": "ets", "pagina": page})

    assert response.status_code == 200
    assert response.context["page_obj"].number == expected
    assert "?tipo=ets&amp;pagina=" in response.content.decode()


def test_create_link_only_for_signed_in_people(client, sample):
    assert "Registra un'organizzazione" not in client.get(URL).content.decode()
    client.force_login(UserFactory.create())
    assert "Registra un'organizzazione" in client.get(URL).content.decode()


def queries(client, params: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, params)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("params", [{}, {"tipo": "ets", "tema": "giovani", "regione": "marche"}])
def test_directory_queries_do_not_grow_with_the_data(client, db, params):
    ascoli = municipality("044007", "Ascoli Piceno", region_code="11")
    themes = list(Theme.objects.all()[:3])
    make = lambda n: OrganisationFactory.create_batch(  # noqa: E731
        n, municipality=ascoli, region=ascoli.region, themes=themes
    )
    make(5)
    for _ in range(2):  # warm the shared caches (hub settings, navigation)
        client.get(URL, params)
    few = queries(client, params)

    make(45)
    many = queries(client, params)

    assert few == many
    assert many <= 12

"""The catalogue list: filters, facets, chips, search, sorting, HTMX, pagination, queries."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from civichub.accounts.tests.factories import PromoterFactory
from civichub.organisations.models import Kind
from civichub.organisations.tests.factories import municipality
from civichub.taxonomy.models import IAP2Level, ParticipatoryMethod, Theme

from ..models import Experience, ExperienceImage, State, Status
from .factories import ExperienceFactory, with_organisation

pytestmark = pytest.mark.django_db

URL = "/esperienze/"


def make(**kwargs: Any) -> Experience:
    """A published experience, with ``methods`` too (a parental relation: written by
    the experience's own save)."""
    methods = kwargs.pop("methods", [])
    experience = ExperienceFactory.create(**kwargs)
    experience.methods.set(methods)
    experience.save()
    return experience


def build_sample() -> dict[str, Experience]:
    """Three published experiences in two regions, and one in every other state."""
    bologna = municipality("037006", "Bologna")
    imola = municipality("037032", "Imola")
    ascoli = municipality("044007", "Ascoli Piceno", region_code="11")
    youth, culture, commons = (
        Theme.objects.get(slug=slug) for slug in ("giovani", "cultura", "beni-comuni")
    )
    budgeting = ParticipatoryMethod.objects.get(slug="bilancio-partecipativo")
    assembly = ParticipatoryMethod.objects.get(slug="assemblea-di-cittadini")
    involve = IAP2Level.objects.get(slug="coinvolgere")
    published = lambda day: datetime.datetime(2025, 1, day, tzinfo=datetime.UTC)  # noqa: E731
    experiences = {
        "bologna": make(
            title="Bilancio partecipativo dei quartieri",
            slug="bilancio-bologna",
            summary="I cittadini decidono come spendere una parte del bilancio comunale.",
            narrative="<p>Assemblee in ogni quartiere e un voto online.</p>",
            municipalities=[bologna],
            themes=[youth, culture],
            methods=[budgeting],
            iap2_level=involve,
            status=Status.CONCLUDED,
            start_date=datetime.date(2022, 3, 1),
            end_date=datetime.date(2023, 6, 30),
            has_evaluation=True,
            replication_count=3,
            published_at=published(10),
            latitude=Decimal("44.49381"),
            longitude=Decimal("11.33875"),
        ),
        "ascoli": make(
            title="Assemblea dei cittadini sul clima",
            slug="assemblea-ascoli",
            summary="Cinquanta persone estratte a sorte discutono di energia.",
            narrative="<p>Le proposte sono arrivate anche dalle scuole superiori.</p>",
            municipalities=[ascoli],
            themes=[commons],
            methods=[assembly],
            status=Status.ONGOING,
            start_date=datetime.date(2024, 9, 1),
            end_date=None,
            published_at=published(20),
        ),
        "imola": make(
            title="Patto per i giardini",
            slug="giardini-imola",
            summary="Un patto di collaborazione per la cura del verde.",
            narrative="",
            municipalities=[imola],
            themes=[commons, youth],
            status=Status.PLANNED,
            scale="neighbourhood",
            start_date=datetime.date(2026, 1, 1),
            end_date=datetime.date(2026, 12, 31),
            replication_count=7,
            published_at=published(5),
        ),
    }
    with_organisation(
        experiences["bologna"],
        name="Comune di Bologna",
        kind=Kind.PUBLIC_ADMINISTRATION,
        runts_section="",
    )
    with_organisation(experiences["ascoli"], name="Associazione Clima")
    for state in (State.DRAFT, State.SUBMITTED, State.CHANGES_REQUESTED, State.REJECTED):
        make(
            title=f"Bilancio riservato {state}",
            slug=f"riservata-{state}",
            state=state,
            municipalities=[bologna],
            themes=[youth],
            published_at=None,
        )
    return experiences


@pytest.fixture
def sample(db) -> dict[str, Experience]:
    return build_sample()


def titles(response) -> list[str]:
    return [e.title for e in response.context["page_obj"].object_list]


def test_lists_published_experiences_only_most_recent_first(client, sample):
    response = client.get(URL)

    assert response.status_code == 200
    assert titles(response) == [
        "Assemblea dei cittadini sul clima",
        "Bilancio partecipativo dei quartieri",
        "Patto per i giardini",
    ]
    content = response.content.decode()
    assert "riservat" not in content
    assert "3 esperienze" in content
    assert 'href="/esperienze/bilancio-bologna/"' in content


def test_staff_see_only_published_experiences_too(client, sample):
    client.force_login(PromoterFactory.create())

    assert len(titles(client.get(URL))) == 3


def test_card_shows_place_period_status_themes_promoter_and_image(client, sample):
    ExperienceImage.objects.create(
        experience=sample["bologna"], image="experiences/images/x.jpg", alt_text="Il voto"
    )

    content = client.get(URL).content.decode()

    assert "Bologna (BO), Emilia-Romagna" in content
    assert "marzo 2022 \N{EN DASH} giugno 2023" in content
    assert "da settembre 2024" in content
    assert 'class="experience-status experience-status--concluded">Conclusa' in content
    assert "Promossa da Comune di Bologna" in content
    assert 'alt="Il voto"' in content
    assert '<span class="chip-label">Giovani</span>' in content


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"regione": "emilia-romagna"}, ["bologna", "imola"]),
        ({"regione": "marche"}, ["ascoli"]),
        ({"regione": "emilia-romagna", "provincia": "provincia-037"}, ["bologna", "imola"]),
        (
            {"regione": "emilia-romagna", "provincia": "provincia-037", "comune": "037032"},
            ["imola"],
        ),
        ({"scala": "neighbourhood"}, ["imola"]),
        ({"tema": "giovani"}, ["bologna", "imola"]),
        ({"tema": ["cultura", "beni-comuni"]}, ["ascoli", "bologna", "imola"]),
        ({"tema": "salute"}, []),
        ({"metodo": "bilancio-partecipativo"}, ["bologna"]),
        ({"livello": "coinvolgere"}, ["bologna"]),
        ({"stato": "ongoing"}, ["ascoli"]),
        ({"dal": "2024"}, ["ascoli", "imola"]),
        ({"al": "2023"}, ["bologna"]),
        ({"dal": "2023", "al": "2024"}, ["ascoli", "bologna"]),
        ({"dal": "2025", "al": "2025"}, ["ascoli"]),
        ({"tipo_org": "pa"}, ["bologna"]),
        ({"tipo_org": "ets"}, ["ascoli"]),
        ({"valutazione": "si"}, ["bologna"]),
        ({"valutazione": "no"}, ["ascoli", "imola"]),
        ({"regione": "emilia-romagna", "tema": "giovani", "stato": "planned"}, ["imola"]),
        ({"regione": "marche", "tema": "giovani"}, []),
    ],
)
def test_filters(client, sample, params, expected):
    response = client.get(URL, params)

    assert response.status_code == 200
    slugs = {e.slug for e in response.context["page_obj"].object_list}
    assert slugs == {sample[key].slug for key in expected}
    assert not response.context["ignored"]


def test_facets_count_with_the_other_filters_applied(client, sample):
    context = client.get(URL, {"tema": "giovani"}).context

    regions = {region.slug: count for region, count in context["region_options"]}
    themes = {theme.slug: count for theme, count, _ in context["theme_options"]}
    statuses = {value: count for value, _, count in context["status_options"]}
    kinds = {value: count for value, _, count in context["kind_options"]}
    assert regions == {"emilia-romagna": 2, "marche": 0}
    # The theme facet ignores the themes chosen: it shows where else one could go.
    assert themes["giovani"] == 2
    assert themes["beni-comuni"] == 2
    assert themes["cultura"] == 1
    assert statuses == {"planned": 1, "ongoing": 0, "concluded": 1}
    assert kinds["pa"] == 1
    assert kinds["ets"] == 0
    assert [count for *_, count in context["evaluation_options"]] == [1, 1]
    # Provinces and comuni appear only once their region or province is chosen.
    assert context["province_options"] == []
    assert context["municipality_options"] == []


def test_provinces_then_comuni_appear_once_a_place_is_chosen(client, sample):
    context = client.get(URL, {"regione": "emilia-romagna"}).context
    assert [(p.slug, n) for p, n in context["province_options"]] == [("provincia-037", 2)]

    context = client.get(
        URL, {"regione": "emilia-romagna", "provincia": "provincia-037", "comune": "037032"}
    ).context
    assert [(m.name, n) for m, n in context["municipality_options"]] == [
        ("Bologna", 1),
        ("Imola", 1),
    ]
    content = client.get(URL, {"regione": "emilia-romagna"}).content.decode()
    assert 'name="provincia"' in content
    assert 'name="comune"' not in content


def test_active_filters_are_chips_with_remove_links(client, sample):
    response = client.get(
        URL,
        {
            "regione": "emilia-romagna",
            "provincia": "provincia-037",
            "tema": ["giovani", "cultura"],
            "dal": "2020",
            "al": "2024",
            "pagina": "1",
        },
    )
    chips = {chip["label"]: chip["remove_url"] for chip in response.context["chips"]}

    base = "tema=giovani&tema=cultura&dal=2020&al=2024"
    assert chips == {
        "Emilia-Romagna": f"/esperienze/?{base}",
        "Provincia 037": f"/esperienze/?regione=emilia-romagna&{base}",
        "Giovani": "/esperienze/?regione=emilia-romagna&provincia=provincia-037"
        "&tema=cultura&dal=2020&al=2024",
        "Cultura": "/esperienze/?regione=emilia-romagna&provincia=provincia-037"
        "&tema=giovani&dal=2020&al=2024",
        "Dal 2020 al 2024": "/esperienze/?regione=emilia-romagna&provincia=provincia-037"
        "&tema=giovani&tema=cultura",
    }
    assert "Rimuovi il filtro Giovani" in response.content.decode()


def test_removing_the_last_filter_goes_back_to_the_whole_catalogue(client, sample):
    response = client.get(URL, {"q": "clima"})

    assert response.context["chips"] == [{"label": "«clima»", "remove_url": URL}]


@pytest.mark.parametrize(
    ("params", "ignored", "count"),
    [
        ({"regione": "atlantide"}, ["Regione"], 3),
        ({"provincia": "provincia-037"}, ["Provincia"], 3),
        ({"regione": "marche", "comune": "037006"}, ["Comune"], 1),
        ({"scala": "galattica"}, ["Scala"], 3),
        ({"tema": ["giovani", "<script>alert(1)</script>"]}, ["Tema"], 2),
        ({"metodo": "telepatia"}, ["Metodo partecipativo"], 3),
        ({"livello": "11"}, ["Livello di partecipazione (IAP2)"], 3),
        ({"stato": "perduto"}, ["Stato"], 3),
        ({"dal": "ieri", "al": "99999"}, ["Dall'anno", "All'anno"], 3),
        ({"dal": "2025", "al": "2020"}, ["All'anno"], 2),
        ({"tipo_org": "banca"}, ["Tipo di organizzazione"], 3),
        ({"valutazione": "forse"}, ["Valutata"], 3),
        ({"ordina": "a-caso"}, ["Ordina per"], 3),
        ({"q": "x" * 201}, ["Cerca"], 3),
    ],
)
def test_unknown_values_are_ignored_with_a_notice(client, sample, params, ignored, count):
    response = client.get(URL, params)

    assert response.status_code == 200
    assert response.context["ignored"] == ignored
    assert response.context["paginator"].count == count
    content = response.content.decode()
    assert "Alcuni filtri non sono validi e sono stati ignorati" in content
    assert "<script>alert(1)</script>" not in content


def test_search_finds_words_in_title_summary_and_narrative(client, sample):
    def found(q: str) -> set[str]:
        response = client.get(URL, {"q": q})
        assert response.status_code == 200
        return {e.slug for e in response.context["page_obj"].object_list}

    assert found("clima") == {"assemblea-ascoli"}  # title
    assert found("energia") == {"assemblea-ascoli"}  # summary
    assert found("scuole") == {"assemblea-ascoli"}  # narrative
    assert found("BILANCIO") == {"bilancio-bologna"}
    assert found("bilancio quartieri") == {"bilancio-bologna"}  # every word
    assert found("bilancio clima") == set()
    assert found("nessuna-parola-simile") == set()


def test_search_matches_italian_inflections(client, sample):
    def found(q: str) -> set[str]:
        return {e.slug for e in client.get(URL, {"q": q}).context["page_obj"].object_list}

    assert found("giardino") == {"giardini-imola"}
    assert found("assemblee") == {"bilancio-bologna", "assemblea-ascoli"}
    assert found("scuola") == {"assemblea-ascoli"}
    assert found("partecipativi") == {"bilancio-bologna"}


def test_search_never_finds_unpublished_experiences(client, sample):
    response = client.get(URL, {"q": "riservato"})

    assert response.context["paginator"].count == 0
    assert "Nessuna esperienza corrisponde ai filtri scelti" in response.content.decode()


@pytest.mark.parametrize("q", ['"', "AND OR NOT", "bilancio*", "(", "'; DROP TABLE x", "NEAR("])
def test_search_syntax_is_never_an_error(client, sample, q):
    assert client.get(URL, {"q": q}).status_code == 200


def test_search_filters_and_facets_combine(client, sample):
    context = client.get(URL, {"q": "bilancio", "regione": "emilia-romagna"}).context

    assert [e.slug for e in context["page_obj"].object_list] == ["bilancio-bologna"]
    regions = {region.slug: count for region, count in context["region_options"]}
    assert regions == {"emilia-romagna": 1, "marche": 0}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["assemblea-ascoli", "bilancio-bologna", "giardini-imola"]),
        ({"ordina": "recenti"}, ["assemblea-ascoli", "bilancio-bologna", "giardini-imola"]),
        ({"ordina": "replicate"}, ["giardini-imola", "bilancio-bologna", "assemblea-ascoli"]),
        # Without words to rank by, relevance falls back to the most recent.
        ({"ordina": "rilevanza"}, ["assemblea-ascoli", "bilancio-bologna", "giardini-imola"]),
    ],
)
def test_sort_orders(client, sample, params, expected):
    response = client.get(URL, params)

    assert [e.slug for e in response.context["page_obj"].object_list] == expected


def test_relevance_puts_the_best_match_first(client, sample):
    make(
        title="Scuole aperte",
        slug="scuole-aperte",
        summary="Le scuole diventano spazi civici.",
        narrative="<p>Scuole e quartieri insieme.</p>",
        published_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
    )

    recent = client.get(URL, {"q": "scuole"}).context["page_obj"].object_list
    relevant = client.get(URL, {"q": "scuole", "ordina": "rilevanza"}).context["page_obj"]

    assert [e.slug for e in recent] == ["assemblea-ascoli", "scuole-aperte"]
    assert [e.slug for e in relevant.object_list] == ["scuole-aperte", "assemblea-ascoli"]


def test_htmx_request_gets_the_results_and_the_filters_only(client, sample):
    response = client.get(URL, {"tema": "giovani"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert 'id="catalogue-results"' in content
    assert 'id="catalogue-filters"' in content
    assert 'hx-swap-oob="true"' in content
    assert 'hx-swap-oob="innerHTML:#catalogue-status"' in content
    assert "2 esperienze trovate" in content
    assert response["HX-Push-Url"] == "/esperienze/?tema=giovani"
    assert "HX-Request" in response["Vary"]


def test_htmx_pushes_the_address_of_the_values_understood(client, sample):
    params = {"q": "", "tema": ["giovani", "ignota"], "ordina": "recenti", "regione": ""}

    response = client.get(URL, params, headers={"HX-Request": "true"})

    assert response["HX-Push-Url"] == "/esperienze/?tema=giovani"
    assert "sono stati ignorati: Tema" in response.content.decode()


def test_htmx_history_restore_gets_the_whole_page(client, sample):
    response = client.get(URL, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})

    assert "<html" in response.content.decode()


def test_whole_page_works_without_javascript(client, sample):
    content = client.get(URL).content.decode()

    assert '<form id="catalogue-filters"' in content
    assert 'method="get"' in content
    assert 'hx-swap-oob="true"' not in content
    assert 'id="catalogue-status"' in content
    assert "<script>" not in content
    assert "style=" not in content


def test_links_to_the_map_and_the_exports_keep_the_filters(client, sample):
    content = client.get(URL, {"regione": "marche", "tema": "giovani", "pagina": "1"}).content

    text = content.decode()
    assert 'href="/esperienze/mappa/?regione=marche&amp;tema=giovani"' in text


def test_empty_catalogue(client, db):
    content = client.get(URL).content.decode()

    assert "Non ci sono ancora esperienze pubblicate." in content
    assert "Scarica questi dati" not in content


def test_exports_are_offered_for_the_filtered_view(client, sample):
    content = client.get(URL, {"regione": "marche"}).content.decode()

    for fmt in ("csv", "json", "geojson"):
        assert f'href="/esperienze/esporta.{fmt}?regione=marche"' in content
    assert "CC BY 4.0" in content


@pytest.mark.parametrize(("page", "expected"), [("2", 2), ("99", 2), ("abc", 1), ("-1", 2)])
def test_pagination_keeps_filters_and_shows_the_last_page_when_out_of_range(
    client, db, page, expected
):
    ExperienceFactory.create_batch(25, status=Status.ONGOING)

    response = client.get(URL, {"stato": "ongoing", "pagina": page})

    assert response.status_code == 200
    assert response.context["page_obj"].number == expected
    assert len(response.context["page_obj"].object_list) == (20 if expected == 1 else 5)
    assert "?stato=ongoing&amp;pagina=" in response.content.decode()


def _queries(client, params: dict, headers: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, params, headers=headers or {})
    assert response.status_code == 200
    return len(captured)


def batch(count: int) -> None:
    bologna = municipality("037006", "Bologna")
    themes = list(Theme.objects.all()[:4])
    methods = list(ParticipatoryMethod.objects.all()[:2])
    for _ in range(count):
        experience = make(municipalities=[bologna], themes=themes, methods=methods)
        with_organisation(experience)
        ExperienceImage.objects.create(
            experience=experience, image="experiences/images/x.jpg", alt_text="Foto"
        )


@pytest.mark.parametrize(
    ("params", "headers"),
    [
        ({}, None),
        ({"regione": "emilia-romagna", "provincia": "provincia-037", "tema": "giovani"}, None),
        ({"q": "bilancio", "ordina": "rilevanza", "tipo_org": "ets"}, None),
        ({"stato": "concluded"}, {"HX-Request": "true"}),
    ],
)
def test_list_queries_do_not_grow_with_the_data(client, db, params, headers):
    batch(2)
    for _ in range(2):  # warm the shared caches (hub settings, vocabularies, facets)
        client.get(URL, params, headers=headers or {})
    few = _queries(client, params, headers)
    cache.clear()
    few_cold = _queries(client, params, headers)

    batch(10)
    many = _queries(client, params, headers)
    cache.clear()
    many_cold = _queries(client, params, headers)

    assert few == many
    assert few_cold == many_cold
    assert many <= 12

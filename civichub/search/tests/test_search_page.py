"""/cerca/: stemming, visibility by role, ranking, facets, snippets, suggestions, bad input."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from civichub.accounts.tests.factories import (
    ContributorFactory,
    PromoterFactory,
    StaffFactory,
    UserFactory,
)
from civichub.experiences.models import State
from civichub.experiences.tests.factories import DraftFactory
from civichub.taxonomy.models import Theme

from .factories import day, experience, index_all, news, organisation, restrict, search, titles

pytestmark = pytest.mark.django_db

ROLES = [None, UserFactory, ContributorFactory, PromoterFactory, StaffFactory]


def test_the_header_search_links_here(client):
    response = client.get("/cerca/")

    assert response.status_code == 200
    assert response.context["site_search_url"] == "/cerca/"
    assert 'role="search"' in response.text
    assert 'name="robots" content="noindex, follow"' in response.text
    assert "Consigli per la ricerca" in response.text


def test_italian_stemming_partecipativo_finds_partecipazione(client):
    experience("Laboratorio sulla partecipazione giovanile")
    experience("Orto condiviso")
    index_all()

    response = search(client, "partecipativo")

    assert titles(response) == ["Laboratorio sulla partecipazione giovanile"]
    assert "<mark>partecipazione</mark>" in response.text


def test_accents_and_case_do_not_matter(client):
    experience("La città dei ragazzi")
    index_all()

    assert titles(search(client, "CITTA")) == ["La città dei ragazzi"]


def test_every_word_must_match(client):
    experience("Bilancio partecipativo di quartiere")
    experience("Bilancio sociale")
    index_all()

    assert titles(search(client, "bilancio quartieri")) == ["Bilancio partecipativo di quartiere"]


def test_every_kind_is_found(client):
    experience("Consulta cittadina per l'ambiente")
    organisation("Legambiente circolo ambiente")
    news("Giornata dell'ambiente", n=1)
    index_all()

    response = search(client, "ambiente")

    assert sorted(titles(response)) == [
        "Consulta cittadina per l'ambiente",
        "Giornata dell'ambiente",
        "Legambiente circolo ambiente",
    ]
    assert response.context["total"] == 3


@pytest.mark.parametrize("role", ROLES)
def test_drafts_private_organisations_and_unpublished_news_never_appear(client, role):
    experience("Giardino pubblicato")
    for state in (State.DRAFT, State.SUBMITTED, State.CHANGES_REQUESTED, State.REJECTED):
        DraftFactory.create(title=f"Giardino {state}", state=state)
    organisation("Giardino associazione privata", is_public=False)
    news("Giardino in bozza", n=1, live=False)
    index_all()
    if role:
        client.force_login(role.create())

    assert titles(search(client, "giardino")) == ["Giardino pubblicato"]


def test_news_for_members_only_are_hidden_from_visitors(client):
    page = news("Assemblea degli iscritti", n=1)
    restrict(page, PageViewRestriction.LOGIN)
    index_all()

    visitor = search(client, "assemblea")
    client.force_login(UserFactory.create())
    member = search(client, "assemblea")

    assert titles(visitor) == []
    assert titles(member) == ["Assemblea degli iscritti"]
    assert "Riservato agli iscritti" in member.text


@pytest.mark.parametrize("role", ROLES)
def test_news_behind_a_password_or_groups_are_never_found(client, role):
    restrict(news("Verbale riservato con password", n=1), PageViewRestriction.PASSWORD)
    restrict(news("Verbale riservato ai gruppi", n=2), PageViewRestriction.GROUPS)
    index_all()
    if role:
        client.force_login(role.create())

    assert titles(search(client, "verbale")) == []


def test_a_title_match_beats_a_text_match(client):
    experience(
        "Orto condiviso",
        summary="Un orto. La biblioteca del quartiere ospita gli incontri sulla biblioteca.",
        published_at=day(20),
    )
    experience("Biblioteca di comunità", published_at=day(1))
    index_all()

    assert titles(search(client, "biblioteca")) == ["Biblioteca di comunità", "Orto condiviso"]


def test_recent_beats_old_on_a_tie(client):
    experience("Scuola aperta", published_at=day(1))
    experience("Scuola aperta", published_at=day(9), slug="scuola-aperta-recente")
    experience("Scuola aperta", published_at=day(5), slug="scuola-aperta-media")
    index_all()

    response = search(client, "scuola")

    assert [hit.document.published_at for hit in response.context["page_obj"]] == [
        day(9),
        day(5),
        day(1),
    ]


def test_facets_count_by_kind_and_theme_and_filter(client):
    youth = Theme.objects.get(slug="giovani")
    culture = Theme.objects.get(slug="cultura")
    experience("Musica giovani uno", themes=[youth])
    experience("Musica giovani due", themes=[youth, culture])
    DraftFactory.create(title="Musica in bozza", themes=[youth])
    organisation("Banda musica", themes=[culture])
    news("Festival di musica", n=1, themes=[youth])
    index_all()

    response = search(client, "musica")

    kinds = {option["label"]: option["count"] for option in response.context["kind_options"]}
    themes = {option["label"]: option["count"] for option in response.context["theme_options"]}
    assert kinds == {"Esperienze": 2, "Organizzazioni": 1, "Notizie": 1}
    assert themes == {"Giovani": 3, "Cultura": 2}
    assert response.context["all_kinds"]["count"] == 4

    by_kind = search(client, "musica", tipo="esperienze")
    assert sorted(titles(by_kind)) == ["Musica giovani due", "Musica giovani uno"]
    # The theme facet follows the kind; the kind facet ignores it.
    themes = {option["label"]: option["count"] for option in by_kind.context["theme_options"]}
    assert themes == {"Giovani": 2, "Cultura": 1}
    assert 'href="/cerca/?q=musica&amp;tipo=esperienze&amp;tema=giovani"' in by_kind.text

    both = search(client, "musica", tipo="esperienze", tema="cultura")
    assert titles(both) == ["Musica giovani due"]
    kinds = {option["label"]: option["count"] for option in both.context["kind_options"]}
    assert kinds == {"Esperienze": 1, "Organizzazioni": 1}


def test_unknown_filters_are_ignored_with_a_notice(client):
    experience("Mappa di comunità")
    index_all()

    response = search(client, "mappa", tipo="sconosciuto", tema="inesistente")

    assert titles(response) == ["Mappa di comunità"]
    assert "Il tipo di contenuto scelto non esiste" in response.text
    assert "Il tema scelto non esiste" in response.text


def test_html_in_titles_and_text_is_shown_escaped(client):
    experience(
        "<script>alert('titolo')</script> Piazza",
        summary="<img src=x onerror=alert(1)> la piazza",
    )
    index_all()

    response = search(client, "piazza")

    assert "<script>alert" not in response.text
    assert "&lt;script&gt;alert(&#x27;titolo&#x27;)&lt;/script&gt; <mark>Piazza</mark>" in (
        response.text
    )
    assert "<img src=x" not in response.text
    assert "img src=x onerror=alert(1)&gt; la <mark>piazza</mark>" in response.text


def test_snippet_comes_from_the_text_when_the_summary_does_not_match(client):
    experience(
        "Progetto",
        summary="Un sommario che non dice nulla.",
        narrative="<p>Nel secondo anno il consiglio ha approvato il regolamento dei beni.</p>",
    )
    index_all()

    response = search(client, "regolamenti")

    assert "approvato il <mark>regolamento</mark> dei beni" in response.text


def test_words_that_match_nothing_get_a_suggestion(client):
    experience("Bilancio partecipativo")
    experience("Bilancio sociale")
    index_all()

    response = search(client, "bilnacio partecipativo")

    assert titles(response) == []
    assert response.context["suggestion"] == "bilancio partecipativo"
    assert 'href="/cerca/?q=bilancio+partecipativo"' in response.text
    assert "Forse cercavi:" in response.text


def test_no_suggestion_from_words_only_members_may_see(client):
    page = news("Assemblea riservata", n=1)
    restrict(page, PageViewRestriction.LOGIN)
    index_all()

    response = search(client, "assembela")

    assert response.context["suggestion"] is None


@pytest.mark.parametrize("page", ["0", "-1", "abc", "999", "9" * 30])
def test_out_of_range_pages_show_the_last_page(client, page):
    for n in range(25):
        experience(f"Quartiere {n}", slug=f"quartiere-{n}")
    index_all()

    response = search(client, "quartiere", pagina=page)

    assert response.status_code == 200
    expected = 1 if page == "abc" else 2
    assert response.context["page_obj"].number == expected


@pytest.mark.parametrize(
    "q",
    [
        "",
        "   ",
        '"',
        "*",
        "OR",
        "NEAR(",
        "-",
        ":",
        "a OR b",
        'title:"x" NEAR(a b) -c*',
        "'; DROP TABLE search_searchdocument; --",
        "<script>",
        "é" * 500,
        "parola " * 100,
        "il la di",
        "\u200b",
    ],
)
def test_hostile_or_odd_queries_never_fail(client, q):
    experience("Una esperienza qualsiasi")
    index_all()

    response = search(client, q)

    assert response.status_code == 200


def test_long_queries_are_cut_with_a_notice(client):
    response = search(client, " ".join(f"parola{n}" for n in range(40)))

    assert "sono stati usati i primi 200 caratteri" in response.text
    assert "Sono state cercate solo le prime 10 parole" in response.text


def test_only_common_words_explain_themselves(client):
    response = search(client, "il la di")

    assert "Parole troppo comuni" in response.text


def test_visitors_pages_can_be_cached(client):
    experience("Mercato contadino")
    index_all()

    response = search(client, "mercato")

    assert not response.cookies
    assert "private" not in response.get("Cache-Control", "")


def test_query_count_is_constant(client):
    for n in range(3):
        experience(f"Piano urbano {n}", slug=f"piano-{n}")
    index_all()

    def count() -> int:
        cache.clear()  # what a search costs before its counts and page are cached
        with CaptureQueriesContext(connection) as queries:
            assert search(client, "piano", pagina="1").status_code == 200
        return len(queries)

    search(client, "piano")  # the hub's settings are created by the first page served
    few = count()
    for n in range(3, 45):
        experience(f"Piano urbano {n}", slug=f"piano-{n}")
    index_all()
    many = count()

    assert few == many
    # Counts by kind and by theme, the page, its documents and their themes; the themes
    # (cached), the hub's settings and the navigation's pages.
    assert many <= 9


def test_english_titles_and_summaries_when_english_is_active(client):
    experience(
        "Giardino condiviso",
        title_en="Shared garden",
        summary="Un giardino curato dal quartiere.",
        summary_en="A garden looked after by the neighbourhood.",
    )
    index_all()
    client.cookies["civichub_language"] = "en"

    response = search(client, "garden")

    assert titles(response) == ["Giardino condiviso"]
    assert "<mark>Shared garden</mark>" not in response.text
    assert "Shared <mark>garden</mark>" in response.text
    assert "A <mark>garden</mark> looked after by the neighbourhood" in response.text

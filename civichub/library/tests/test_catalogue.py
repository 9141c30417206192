"""/strumenti/: editorial blocks, facets, chips, search, sorting, HTMX, pagination,
roles and queries."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from civichub.accounts.tests.factories import ContributorFactory, PromoterFactory, UserFactory
from civichub.taxonomy.models import ParticipatoryMethod, Theme

from ..models import FeaturedResource, ResourceKind, ResourcePage
from ..views import catalogue
from .factories import collection, image, library_index, podcast_series, resource
from .test_selectors import LISTED, build_sample, shared_fixture

pytestmark = pytest.mark.django_db

URL = "/strumenti/"


sample = shared_fixture(build_sample)


def listed(response) -> list[str]:
    assert response.status_code == 200
    return [r.slug for r in response.context["page_obj"].object_list]


def test_card_shows_the_english_title_and_summary_in_english(client, db):
    resource(title="Guida", title_en="Guide", summary="Sommario.", summary_en="Summary.")
    client.cookies["civichub_language"] = "en"

    content = client.get(URL).content.decode()

    assert ">Guide</a>" in content
    assert "Summary." in content


@pytest.fixture
def small_pages(monkeypatch):
    """Three cards a page: paging needs a few resources, not dozens."""
    monkeypatch.setattr(catalogue, "PER_PAGE", 3)


@pytest.mark.parametrize(
    ("page", "expected", "rows"),
    [("2", 2, 1), ("99", 2, 1), ("abc", 1, 3), ("-1", 2, 1), ("9" * 30, 2, 1), ("", 1, 3)],
)
def test_pagination_keeps_filters_and_shows_the_last_page_when_out_of_range(
    client, db, small_pages, page, expected, rows
):
    for _ in range(4):
        resource(ResourceKind.METHOD, language="en")
    resource(ResourceKind.METHOD, language="it")

    response = client.get(URL, {"lingua": "en", "pagina": page})

    assert response.status_code == 200
    assert response.context["page_obj"].number == expected
    assert len(response.context["page_obj"].object_list) == rows
    assert "?lingua=en&amp;pagina=" in response.content.decode()


def test_pagination_pushes_the_page_with_htmx(client, db, small_pages):
    for _ in range(4):
        resource()

    response = client.get(URL, {"pagina": "2"}, headers={"HX-Request": "true"})

    assert response["HX-Push-Url"] == "/strumenti/?pagina=2"
    assert len(response.context["page_obj"].object_list) == 1


def test_twelve_resources_a_page(client, db):
    for _ in range(13):
        resource()

    first = client.get(URL).context["page_obj"]
    second = client.get(URL, {"pagina": "2"}).context["page_obj"]

    assert (len(first.object_list), len(second.object_list)) == (12, 1)


def test_empty_catalogue(client, db):
    library_index()

    content = client.get(URL).content.decode()

    assert "Non ci sono ancora strumenti pubblicati." in content
    assert "0 strumenti" in content


def test_without_a_library_index_the_catalogue_still_renders(client, db):
    response = client.get(URL)

    assert response.status_code == 200
    assert response.context["index"] is None
    assert "<h1>Strumenti</h1>" in response.content.decode()


def test_an_index_with_another_slug_serves_the_catalogue_at_its_own_address(client, db):
    index = library_index(title="Risorse", slug="risorse", intro="Tutto per partecipare.")
    resource(title="Kit per assemblee")

    response = client.get("/risorse/", {"q": "assemblee"})

    assert response.status_code == 200
    assert response.context["index"] == index
    content = response.content.decode()
    assert "<h1>Risorse</h1>" in content
    assert 'action="/risorse/"' in content
    assert "Kit per assemblee" in content


def test_post_is_not_allowed(client, db):
    assert client.post(URL).status_code == 405


class TestWithSample:
    """Pages over the shared sample (each test still rolls back what it adds)."""

    def test_lists_live_public_resources_newest_first(self, client, sample):
        response = client.get(URL)

        assert listed(response) == [
            "analisi-quartiere",
            "voci-territori",
            "guida-servizi",
            "webinar-facilitare",
        ]
        content = response.content.decode()
        assert "4 strumenti" in content
        assert "riservat" not in content.lower()
        assert 'href="/strumenti/guida-servizi/"' in content
        assert 'href="/strumenti/guida-riservata/"' not in content

    def test_staff_see_only_live_public_resources_too(self, client, sample):
        client.force_login(PromoterFactory.create(is_staff=True, is_superuser=True))

        assert set(listed(client.get(URL))) == {sample[key].slug for key in LISTED}

    def test_card_shows_kind_title_summary_date_level_and_themes(self, client, sample):
        content = client.get(URL, {"tipo": "guida"}).content.decode()

        assert 'class="resource-kind resource-kind--guide">Guida operativa</span>' in content
        assert "Guida alla co-progettazione dei servizi" in content
        assert "Passo per passo, dal primo incontro all&#x27;accordo." in content
        assert '<time class="data" datetime="2025-01-10">10 gennaio 2025</time>' in content.lower()
        assert "Livello: Introduttivo" in content
        assert '<span class="chip-label">Welfare e inclusione sociale</span>' in content
        assert '<span class="chip-label">Giovani</span>' in content

    @pytest.mark.parametrize(
        ("params", "expected"),
        [
            ({"tipo": ["guida", "podcast"]}, {"guide", "podcast"}),
            ({"tema": ["abitare", "beni-comuni"]}, {"document", "podcast"}),
            ({"metodo": "world-cafe"}, {"guide", "webinar"}),
            ({"fase": "analisi"}, {"document", "webinar"}),
            ({"pubblico": "cittadini"}, {"document", "podcast"}),
            ({"livello": "avanzato"}, {"document"}),
            ({"lingua": "en"}, {"webinar"}),
            ({"tipo": "guida", "metodo": "world-cafe", "pubblico": "pa"}, {"guide"}),
            ({"q": "servizi"}, {"guide"}),
            ({"q": "interviste", "livello": "avanzato"}, {"document"}),
            ({"q": "interviste", "livello": "base"}, set()),
        ],
    )
    def test_filters(self, client, sample, params, expected):
        response = client.get(URL, params)

        assert set(listed(response)) == {sample[key].slug for key in expected}
        assert response.context["ignored"] == []

    def test_facets_are_counted_and_rendered(self, client, sample):
        response = client.get(URL, {"tipo": "guida"})

        context = response.context
        kinds = {slug: (count, checked) for slug, _, count, checked in context["kind_options"]}
        themes = {theme.slug: count for theme, count, _ in context["theme_options"]}
        audiences = {slug: count for slug, _, count, _ in context["audience_options"]}
        phases = {slug: count for slug, _, count, _ in context["phase_options"]}
        assert kinds["guida"] == (1, True)
        assert kinds["documento"] == (1, False)
        assert kinds["kit"] == (0, False)
        assert themes["giovani"] == 1
        assert themes["abitare"] == 0
        assert audiences == {"pa": 1, "terzo-settore": 0, "cittadini": 0, "facilitatori": 0}
        assert phases["progettazione"] == 1
        content = response.content.decode()
        assert 'id="filter-kind-guida" value="guida" checked' in content
        assert "Documento o analisi (1)" in content
        assert "World café (1)" in content

    @pytest.mark.parametrize(
        ("params", "ignored"),
        [
            ({"tipo": ["guida", "<script>alert(1)</script>"]}, ["Tipo"]),
            ({"tema": "atlantide"}, ["Tema"]),
            ({"fase": "sempre", "lingua": "klingon"}, ["Fase", "Lingua"]),
            ({"q": "x" * 201}, ["Cerca"]),
        ],
    )
    def test_unknown_values_are_ignored_with_a_notice(self, client, sample, params, ignored):
        response = client.get(URL, params)

        assert response.status_code == 200
        assert response.context["ignored"] == ignored
        content = response.content.decode()
        assert "Alcuni filtri non sono validi e sono stati ignorati" in content
        assert "<script>alert(1)</script>" not in content

    def test_active_filters_are_chips_with_remove_links(self, client, sample):
        response = client.get(URL, {"tema": ["giovani", "abitare"], "lingua": "it", "pagina": "1"})

        chips = {chip["label"]: chip["remove_url"] for chip in response.context["chips"]}
        assert chips == {
            "Giovani": "/strumenti/?tema=abitare&lingua=it",
            "Abitare": "/strumenti/?tema=giovani&lingua=it",
            "Lingua: Italiano": "/strumenti/?tema=giovani&tema=abitare",
        }
        content = response.content.decode()
        assert "Rimuovi il filtro Giovani" in content
        assert 'href="/strumenti/?tema=abitare&amp;lingua=it"' in content
        assert ">Azzera</a>" in content

    @pytest.mark.parametrize(
        ("params", "expected"),
        [
            ({"ordina": "utili"}, ["guida-servizi", "webinar-facilitare"]),
            ({"ordina": "scaricati"}, ["analisi-quartiere", "guida-servizi"]),
        ],
    )
    def test_sort(self, client, sample, params, expected):
        response = client.get(URL, params)

        assert listed(response)[:2] == expected
        assert f'value="{params["ordina"]}" selected' in response.content.decode()

    def test_the_default_order_follows_the_words(self, client, sample):
        plain = client.get(URL).context["sort_options"]
        searching = client.get(URL, {"q": "servizi"}).context["sort_options"]
        chosen = client.get(URL, {"q": "servizi", "ordina": "recenti"})

        assert [value for value, _ in plain] == ["", "utili", "scaricati"]
        assert plain[0][1] == "Più recenti"
        assert [value for value, _ in searching] == ["", "recenti", "utili", "scaricati"]
        assert searching[0][1] == "Pertinenza"
        assert '<option value="recenti" selected>' in chosen.content.decode()
        # The select of a page without words still says "" once words are typed in.
        assert (
            client.get(URL, {"q": "quartiere", "ordina": ""}).context["filters"].sort == "relevance"
        )

    def test_htmx_request_gets_the_results_and_the_filters_only(self, client, sample):
        response = client.get(
            URL, {"tipo": "guida", "tema": ["ignota"]}, headers={"HX-Request": "true"}
        )

        content = response.content.decode()
        assert response.status_code == 200
        assert "<html" not in content
        assert 'id="catalogue-results"' in content
        assert '<form id="catalogue-filters"' in content
        assert 'hx-swap-oob="true"' in content
        assert 'hx-swap-oob="innerHTML:#catalogue-status"' in content
        assert "1 strumento trovato" in content
        assert "sono stati ignorati: Tema" in content
        assert "In evidenza" not in content
        assert response["HX-Push-Url"] == "/strumenti/?tipo=guida"
        assert "HX-Request" in response["Vary"]

    def test_htmx_fragment_never_lists_drafts_or_restricted_pages(self, client, sample):
        response = client.get(URL, {"q": "riservata"}, headers={"HX-Request": "true"})

        assert response.context["total"] == 0
        content = response.content.decode()
        assert "Guida riservata" not in content
        assert "Bozza riservata" not in content
        assert "(0)" in content  # the facets do not count them either
        assert "(1)" not in content

    def test_htmx_history_restore_gets_the_whole_page(self, client, sample):
        response = client.get(
            URL, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
        )

        assert "<html" in response.content.decode()

    def test_whole_page_works_without_javascript(self, client, sample):
        content = client.get(URL).content.decode()

        assert '<form id="catalogue-filters"' in content
        assert 'method="get" action="/strumenti/"' in content
        assert 'hx-swap-oob="true"' not in content
        assert 'id="catalogue-status"' in content
        assert "<script>" not in content
        assert "style=" not in content
        assert "experiences/catalogue.js" in content

    def test_title_description_and_podcast_feeds(self, client, sample):
        content = client.get(URL).content.decode()

        series = sample["podcast"].get_parent()
        assert "<title>Strumenti · " in content
        assert '<meta name="description" content="Guide e strumenti per co-progettare.">' in content
        assert (
            f'<link rel="alternate" type="application/rss+xml" title="{series.title} (podcast)" '
            f'href="/strumenti/{series.slug}/feed/">'
        ) in content

    def test_no_match_offers_to_reset_the_filters(self, client, sample):
        content = client.get(URL, {"tipo": "kit"}).content.decode()

        assert "Nessuno strumento corrisponde ai filtri scelti" in content
        assert '<a href="/strumenti/">Mostra tutti gli strumenti</a>' in content

    # The index's featured resources, the month's programme and the collections.

    @pytest.fixture
    def editorial(self, sample):
        index = library_index()
        FeaturedResource.objects.create(index=index, resource=sample["webinar"], sort_order=0)
        FeaturedResource.objects.create(index=index, resource=sample["draft"], sort_order=1)
        month = collection(
            [sample["document"]], title="Il programma del mese", month=datetime.date.today()
        )
        other = collection([sample["guide"]], title="Per cominciare", intro="I primi passi.")
        fresh = resource(ResourceKind.TOOLKIT, title="Modelli appena usciti", slug="modelli")
        return {"month": month, "other": other, "fresh": fresh}

    def test_editorial_blocks_come_before_the_catalogue(self, client, editorial):
        response = client.get(URL)

        content = response.content.decode()
        assert [r.slug for r in response.context["featured"]] == ["webinar-facilitare"]
        assert "In evidenza" in content
        assert "Questo mese" in content
        assert "Il programma del mese" in content
        assert "Pubblicati questo mese" in content
        assert "Modelli appena usciti" in content
        assert "Raccolte" in content
        assert "Per cominciare" in content
        assert "1 strumento" in content
        # The month's collection is not listed twice.
        assert [c.pk for c in response.context["collections"]] == [editorial["other"].pk]
        assert content.index("In evidenza") < content.index('id="catalogue-filters"')

    @pytest.mark.parametrize(
        "params", [{"q": "servizi"}, {"tema": "giovani"}, {"lingua": "it"}, {"pagina": "2"}]
    )
    def test_editorial_blocks_give_way_to_results_when_filtering_or_paging(
        self, client, editorial, small_pages, params
    ):
        response = client.get(URL, params)

        content = response.content.decode()
        assert response.status_code == 200
        assert "In evidenza" not in content
        assert "Questo mese" not in content
        assert "Per cominciare" not in content

    def test_changing_only_the_order_keeps_the_editorial_blocks(self, client, editorial):
        assert "In evidenza" in client.get(URL, {"ordina": "utili"}).content.decode()


# --- roles --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("factory", "shown"),
    [
        (None, False),
        (UserFactory, False),
        (ContributorFactory, True),
        (PromoterFactory, True),
    ],
)
def test_propose_button_for_contributors_and_above(client, db, factory, shown):
    library_index()
    if factory is not None:
        client.force_login(factory.create())

    content = client.get(URL).content.decode()

    assert ("Proponi uno strumento" in content) is shown
    assert ('href="/strumenti/proponi/"' in content) is shown


# --- queries ------------------------------------------------------------------------------------


def _queries(client, params: dict, headers: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, params, headers=headers or {})
    assert response.status_code == 200
    return len(captured)


def batch(count: int) -> None:
    """Resources with everything a card and the API show: themes, methods, a cover, a file."""
    cover = _cover()
    themes = list(Theme.objects.order_by("pk")[:3])
    methods = list(ParticipatoryMethod.objects.order_by("pk")[:2])
    for n in range(count):
        resource(
            ResourceKind.TOOLKIT,
            title=f"Kit per assemblee {n}",
            themes=themes,
            methods=methods,
            cover=cover,
            for_citizens=True,
        )


def _cover():
    from wagtail.images.models import Image

    return Image.objects.filter(title="Copertina del kit").first() or image(
        (640, 360), title="Copertina del kit"
    )


@pytest.mark.parametrize(
    ("params", "headers"),
    [
        ({}, None),
        ({"tema": "welfare-e-inclusione", "tipo": ["kit", "guida"], "pubblico": "cittadini"}, None),
        ({"q": "assemblee", "ordina": "scaricati"}, None),
        ({"metodo": "world-cafe"}, {"HX-Request": "true"}),
    ],
)
def test_catalogue_queries_do_not_grow_with_the_data(client, db, params, headers):
    index = library_index()
    series = podcast_series()
    batch(2)
    for item in ResourcePage.objects.all()[:2]:
        FeaturedResource.objects.create(index=index, resource=item)
    # One in the month's collection, one only "published this month": both blocks show.
    collection(list(ResourcePage.objects.all()[:1]), month=datetime.date.today())
    assert series.live
    for _ in range(2):  # warm the shared caches (hub settings, vocabularies, renditions)
        client.get(URL, params, headers=headers or {})
    few = _queries(client, params, headers)
    cache.clear()
    few_cold = _queries(client, params, headers)

    batch(12)
    for item in ResourcePage.objects.order_by("-pk")[:4]:
        FeaturedResource.objects.create(index=index, resource=item)
    collection(list(ResourcePage.objects.order_by("-pk")[:6]), month=datetime.date.today())
    # Publishing pages resets caches of other apps (site root paths, navigation).
    client.get(URL, params, headers=headers or {})
    many = _queries(client, params, headers)
    cache.clear()
    many_cold = _queries(client, params, headers)

    assert few == many
    assert few_cold == many_cold
    assert many <= 30
    assert many_cold <= 42

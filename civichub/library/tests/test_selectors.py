"""Selectors and the query string of the catalogue: filters, search, facets, cards and the
editorial blocks; drafts and view-restricted pages are never listed."""

import datetime
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection, transaction
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from civichub.organisations.tests.factories import OrganisationFactory
from civichub.taxonomy.models import ParticipatoryMethod, Theme

from .. import selectors
from ..filters import ResourceFilterForm, filter_chips, filter_params
from ..models import FeaturedResource, Level, Phase, ResourceKind, ResourcePage
from ..selectors import ResourceFilters, Sort
from .factories import collection, document, image, library_index, resource

pytestmark = pytest.mark.django_db


def build_sample() -> dict[str, ResourcePage]:
    """Four live, public resources of different kinds, a draft and a restricted one."""
    library_index(intro="Guide e strumenti per co-progettare.")
    theme = {
        slug: Theme.objects.get(slug=slug)
        for slug in ("welfare-e-inclusione", "giovani", "abitare", "beni-comuni")
    }
    cafe = ParticipatoryMethod.objects.get(slug="world-cafe")
    resources = {
        "guide": resource(
            ResourceKind.GUIDE,
            title="Guida alla co-progettazione dei servizi",
            slug="guida-servizi",
            summary="Passo per passo, dal primo incontro all'accordo.",
            themes=[theme["welfare-e-inclusione"], theme["giovani"]],
            methods=[cafe],
            phase=Phase.DESIGN,
            for_public_bodies=True,
            publication_date=datetime.date(2025, 1, 10),
            useful_yes=5,
            useful_no=2,
            download_count=1,
            authors="Anna Rossi, Luca Bianchi",
            organisation=OrganisationFactory.create(name="Comune di Esempio", slug="comune"),
            files=[document("modello-accordo.odt", b"PK\x03\x04", title="Modello di accordo")],
        ),
        "document": resource(
            ResourceKind.DOCUMENT,
            title="Analisi dei bisogni del quartiere",
            slug="analisi-quartiere",
            summary="Questionari e interviste agli abitanti.",
            themes=[theme["abitare"]],
            phase=Phase.ANALYSIS,
            for_third_sector=True,
            for_citizens=True,
            level=Level.ADVANCED,
            publication_date=datetime.date(2025, 1, 20),
            useful_yes=1,
            download_count=9,
        ),
        "webinar": resource(
            ResourceKind.WEBINAR,
            title="Facilitare un world café",
            slug="webinar-facilitare",
            summary="La registrazione del seminario sulla facilitazione.",
            methods=[cafe],
            for_facilitators=True,
            language="en",
            publication_date=datetime.date(2025, 1, 5),
            useful_yes=3,
        ),
        "podcast": resource(
            ResourceKind.PODCAST,
            title="Voci dai territori",
            slug="voci-territori",
            summary="Storie di giardini condivisi.",
            themes=[theme["beni-comuni"]],
            phase=Phase.IMPLEMENTATION,
            for_citizens=True,
            publication_date=datetime.date(2025, 1, 15),
        ),
        "draft": resource(
            ResourceKind.DOCUMENT,
            live=False,
            title="Bozza riservata sui servizi",
            slug="bozza-riservata",
            summary="Non ancora pubblicata.",
            themes=[theme["welfare-e-inclusione"]],
        ),
        "restricted": resource(
            ResourceKind.GUIDE,
            title="Guida riservata sui servizi",
            slug="guida-riservata",
            summary="Solo per chi ha accesso.",
            themes=[theme["welfare-e-inclusione"]],
            methods=[cafe],
            phase=Phase.DESIGN,
            for_public_bodies=True,
        ),
    }
    PageViewRestriction.objects.create(
        page=resources["restricted"], restriction_type=PageViewRestriction.LOGIN
    )
    return resources


def shared_fixture(build: Callable[[], Any]) -> Any:
    """A class-scoped fixture of ``build()``'s data: created once for the tests of a
    class inside a transaction that is rolled back after the last of them (each test
    still runs in its own savepoint, so what a test adds goes away with it)."""

    @pytest.fixture(scope="class")
    def fixture(django_db_setup: None, django_db_blocker: Any) -> Iterator[Any]:
        with django_db_blocker.unblock():
            outer = transaction.atomic()
            outer.__enter__()
            try:
                data = build()
            except BaseException:
                outer.__exit__(*sys.exc_info())
                raise
        yield data
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)

    return fixture


sample = shared_fixture(build_sample)


LISTED = {"guide", "document", "webinar", "podcast"}


def parse(query: str) -> tuple[ResourceFilters, ResourceFilterForm]:
    form = ResourceFilterForm(QueryDict(query))
    return form.filters(), form


def slugs(filters: ResourceFilters) -> list[str]:
    return [r.slug for r in selectors.resource_catalogue(filters)]


def keys(sample: dict[str, ResourcePage], filters: ResourceFilters) -> set[str]:
    by_slug = {page.slug: key for key, page in sample.items()}
    return {by_slug[slug] for slug in slugs(filters)}


# --- the query string -------------------------------------------------------------------------


def test_query_string_is_parsed_into_filters(db):
    filters, form = parse(
        "q=+servizi+&tipo=guida&tipo=documento&tema=giovani&metodo=world-cafe&fase=analisi"
        "&pubblico=terzo-settore&livello=avanzato&lingua=en&ordina=utili"
    )

    assert filters.q == "servizi"
    assert filters.kinds == ("guide", "document")
    assert [t.slug for t in filters.themes] == ["giovani"]
    assert filters.method is not None
    assert filters.method.slug == "world-cafe"
    assert filters.phase == "analysis"
    assert filters.audience == "terzo-settore"
    assert filters.level == "advanced"
    assert filters.language == "en"
    assert filters.sort == Sort.USEFUL
    assert filters.is_active
    assert form.ignored() == []


def test_nothing_chosen_is_the_whole_catalogue_newest_first(db):
    filters, form = parse("")

    assert filters == ResourceFilters()
    assert not filters.is_active
    assert form.ignored() == []


@pytest.mark.parametrize(
    ("query", "ignored"),
    [
        ("tipo=guida&tipo=romanzo", ["Tipo"]),
        ("tema=giovani&tema=<script>", ["Tema"]),
        ("metodo=telepatia", ["Metodo partecipativo"]),
        ("fase=design", ["Fase"]),
        ("pubblico=marziani", ["Destinatari"]),
        ("livello=intro", ["Livello"]),
        ("lingua=xx", ["Lingua"]),
        ("ordina=a-caso", ["Ordina per"]),
        ("q=" + "x" * 201, ["Cerca"]),
        ("tipo=x&lingua=y&ordina=z", ["Tipo", "Lingua", "Ordina per"]),
    ],
)
def test_unknown_values_are_dropped_and_named(db, query, ignored):
    filters, form = parse(query)

    assert form.ignored() == ignored
    assert filters.kinds in ((), ("guide",))
    assert [t.slug for t in filters.themes] in ([], ["giovani"])
    assert filters.method is None
    assert (filters.phase, filters.audience, filters.level, filters.language) == ("", "", "", "")
    assert filters.sort == Sort.RECENT


def test_words_make_relevance_the_default_order(db):
    assert parse("q=servizi")[0].sort == Sort.RELEVANCE
    assert parse("q=servizi&ordina=recenti")[0].sort == Sort.RECENT
    # Punctuation alone is no search, and relevance without words is the newest.
    assert parse("q=%22%28*")[0] == ResourceFilters()
    assert parse("ordina=rilevanza")[0].sort == Sort.RECENT


def test_the_address_keeps_only_what_was_understood(db):
    filters, _ = parse("tema=ignota&tema=giovani&tipo=kit&fase=&ordina=recenti&q=")

    assert filter_params(filters) == [("tipo", "kit"), ("tema", "giovani")]
    assert filter_params(parse("q=servizi&ordina=recenti")[0]) == [
        ("q", "servizi"),
        ("ordina", "recenti"),
    ]


def test_chips_remove_one_filter_each(db):
    filters, _ = parse(
        "q=servizi&ordina=recenti&tipo=guida&tipo=kit&tema=giovani&pubblico=pa&livello=base"
    )

    chips = {chip["label"]: chip["remove_url"] for chip in filter_chips(filters, "/strumenti/")}

    rest = "tipo=guida&tipo=kit&tema=giovani&pubblico=pa&livello=base"
    assert chips == {
        # Without words, "recenti" is the default again and leaves the address.
        "«servizi»": f"/strumenti/?{rest}",
        "Guida operativa": "/strumenti/?q=servizi&tipo=kit&tema=giovani&pubblico=pa"
        "&livello=base&ordina=recenti",
        "Kit e modelli": "/strumenti/?q=servizi&tipo=guida&tema=giovani&pubblico=pa"
        "&livello=base&ordina=recenti",
        "Giovani": "/strumenti/?q=servizi&tipo=guida&tipo=kit&pubblico=pa&livello=base"
        "&ordina=recenti",
        "Per: Pubbliche amministrazioni": "/strumenti/?q=servizi&tipo=guida&tipo=kit"
        "&tema=giovani&livello=base&ordina=recenti",
        "Livello: Introduttivo": "/strumenti/?q=servizi&tipo=guida&tipo=kit&tema=giovani"
        "&pubblico=pa&ordina=recenti",
    }


def found(sample: dict[str, ResourcePage], q: str) -> set[str]:
    return keys(sample, parse(f"q={q}")[0])


# --- cards and editorial blocks ---------------------------------------------------------------


def test_cards_cost_the_same_queries_for_any_number(db):
    cover = image((640, 360))
    themes = list(Theme.objects.all()[:3])

    def count(n: int) -> int:
        queryset = selectors.public_resources().order_by("-pk")[:n]
        with CaptureQueriesContext(connection) as captured:
            cards = selectors.resource_cards(queryset)
            for card in cards:
                assert len(card.themes.all()) == 3
                assert card.cover is not None
        return len(captured)

    for _ in range(2):
        resource(themes=themes, cover=cover)
    few = count(2)
    for _ in range(6):
        resource(themes=themes, cover=cover)
    assert count(8) == few
    assert few <= 5


def test_this_month_shows_at_most_six_resources(db):
    for day in range(1, 9):
        resource(publication_date=datetime.date(2025, 3, day))

    month = selectors.this_month(datetime.date(2025, 3, 31))

    assert [r.publication_date.day for r in month.resources] == [8, 7, 6, 5, 4, 3]


def test_library_index_is_the_live_one(db):
    assert selectors.library_index() is None
    index = library_index()
    assert selectors.library_index() == index


class TestWithSample:
    """Reads over the shared sample."""

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("", LISTED),
            ("tipo=guida", {"guide"}),
            ("tipo=guida&tipo=documento", {"guide", "document"}),
            ("tipo=kit", set()),
            ("tema=giovani", {"guide"}),
            ("tema=abitare&tema=beni-comuni", {"document", "podcast"}),
            ("tema=welfare-e-inclusione", {"guide"}),
            ("metodo=world-cafe", {"guide", "webinar"}),
            ("metodo=focus-group", set()),
            # A resource without a phase serves in every phase.
            ("fase=progettazione", {"guide", "webinar"}),
            ("fase=analisi", {"document", "webinar"}),
            ("fase=valutazione", {"webinar"}),
            ("pubblico=pa", {"guide"}),
            ("pubblico=terzo-settore", {"document"}),
            ("pubblico=cittadini", {"document", "podcast"}),
            ("pubblico=facilitatori", {"webinar"}),
            ("livello=avanzato", {"document"}),
            ("livello=base", {"guide", "webinar", "podcast"}),
            ("lingua=en", {"webinar"}),
            ("lingua=it", {"guide", "document", "podcast"}),
            ("tipo=guida&metodo=world-cafe", {"guide"}),
            ("pubblico=cittadini&livello=avanzato", {"document"}),
            ("tema=giovani&tema=abitare&fase=analisi", {"document"}),
            ("tipo=webinar&lingua=it", set()),
        ],
    )
    def test_each_filter_and_their_combinations(self, sample, query, expected):
        assert keys(sample, parse(query)[0]) == expected

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("", ["document", "podcast", "guide", "webinar"]),
            ("ordina=recenti", ["document", "podcast", "guide", "webinar"]),
            ("ordina=utili", ["guide", "webinar", "document", "podcast"]),
            ("ordina=scaricati", ["document", "guide", "podcast", "webinar"]),
        ],
    )
    def test_sort_orders(self, sample, query, expected):
        by_slug = {page.slug: key for key, page in sample.items()}
        assert [by_slug[s] for s in slugs(parse(query)[0])] == expected

    def test_search_finds_words_in_title_and_summary(self, sample):
        assert found(sample, "servizi") == {"guide"}  # title; the draft and restricted ones too
        assert found(sample, "interviste") == {"document"}  # summary
        assert found(sample, "FACILITAZIONE") == {"webinar"}
        assert found(sample, "bisogni+quartiere") == {"document"}  # every word
        assert found(sample, "bisogni+giardini") == set()
        assert found(sample, "giardino") == {"podcast"}  # Italian inflection
        assert found(sample, "riservata") == set()

    @pytest.mark.parametrize("q", ['"', "AND OR NOT", "servizi*", "(", "'; DROP TABLE x", "NEAR("])
    def test_search_syntax_is_never_an_error(self, sample, q):
        query = QueryDict(mutable=True)
        query["q"] = q
        assert isinstance(slugs(parse(query.urlencode())[0]), list)

    def test_relevance_puts_the_best_match_first(self, sample):
        resource(
            ResourceKind.GUIDE,
            title="Quartiere, quartiere, quartiere",
            slug="quartiere",
            summary="Tutto sul quartiere.",
            publication_date=datetime.date(2024, 1, 1),
        )

        assert slugs(parse("q=quartiere")[0]) == ["quartiere", "analisi-quartiere"]
        assert slugs(parse("q=quartiere&ordina=recenti")[0]) == ["analisi-quartiere", "quartiere"]

    def test_matching_ids_are_capped_and_skip_drafts(self, sample, monkeypatch):
        monkeypatch.setattr(selectors, "SEARCH_LIMIT", 1)

        ids = selectors.matching_ids("servizi")  # three titles: live, draft, restricted

        assert len(ids) == 1
        assert sample["draft"].pk not in ids
        if connection.vendor == "sqlite":
            # The FTS query ranks only what the catalogue may show.
            assert ids == [sample["guide"].pk]

    def test_facets_count_each_value_with_the_other_filters_applied(self, sample):
        facets = selectors.resource_facets(parse("tipo=guida&pubblico=cittadini")[0])

        # Kinds ignore the chosen kinds: they show where else one could go.
        assert facets.kinds == {"document": 1, "podcast": 1}
        # Audiences ignore the chosen audience.
        assert facets.audiences == {"pa": 1, "terzo-settore": 0, "cittadini": 0, "facilitatori": 0}
        assert facets.themes == {}
        assert facets.levels == {}

        facets = selectors.resource_facets(ResourceFilters())
        giovani = Theme.objects.get(slug="giovani")
        cafe = ParticipatoryMethod.objects.get(slug="world-cafe")
        assert facets.kinds == {"guide": 1, "document": 1, "webinar": 1, "podcast": 1}
        welfare = Theme.objects.get(slug="welfare-e-inclusione")
        assert facets.themes[giovani.pk] == 1
        assert facets.themes[welfare.pk] == 1  # not the draft nor the restricted guide
        assert sum(facets.themes.values()) == 4
        assert facets.methods == {cafe.pk: 2}
        # The webinar, for every phase, counts in each phase.
        assert facets.phases == {"analysis": 2, "design": 2, "implementation": 2, "evaluation": 1}
        assert facets.audiences == {"pa": 1, "terzo-settore": 1, "cittadini": 2, "facilitatori": 1}
        assert facets.levels == {"intro": 3, "advanced": 1}
        assert facets.languages == {"it": 3, "en": 1}

    def test_facets_follow_the_search_and_are_cached(self, sample, django_assert_num_queries):
        filters = parse("q=quartiere")[0]
        facets = selectors.resource_facets(filters)

        assert facets.kinds == {"document": 1}
        with django_assert_num_queries(0):
            assert selectors.resource_facets(filters) == facets

    def test_featured_resources_in_the_editors_order_live_and_public_only(self, sample):
        index = library_index()
        for order, key in enumerate(("webinar", "draft", "guide", "restricted")):
            FeaturedResource.objects.create(index=index, resource=sample[key], sort_order=order)

        featured = selectors.featured_resources(index)

        assert [r.slug for r in featured] == ["webinar-facilitare", "guida-servizi"]
        assert selectors.featured_resources(None) == []

    def test_this_month_lists_the_months_collections_and_new_resources(self, sample):
        today = datetime.date(2025, 1, 28)
        programme = collection(
            [sample["podcast"], sample["draft"], sample["guide"]],
            title="Gennaio: ascoltare",
            month=datetime.date(2025, 1, 17),
        )
        collection([sample["webinar"]], title="Febbraio", month=datetime.date(2025, 2, 1))
        collection([sample["webinar"]], title="Senza mese")

        month = selectors.this_month(today)

        assert month.month == datetime.date(2025, 1, 1)
        assert [item.collection.pk for item in month.collections] == [programme.pk]
        assert [r.slug for r in month.collections[0].resources] == [
            "voci-territori",
            "guida-servizi",
        ]
        # Published in January and not already in a collection of the month, newest first.
        assert [r.slug for r in month.resources] == ["analisi-quartiere", "webinar-facilitare"]
        assert month

    def test_this_month_is_empty_without_a_programme(self, sample):
        month = selectors.this_month(datetime.date(2030, 5, 1))

        assert not month
        assert month.collections == []
        assert month.resources == []

    def test_collections_are_the_latest_live_ones(self, sample):
        first = collection([sample["guide"], sample["document"]], title="Prima")
        second = collection([sample["webinar"]], title="Seconda")
        hidden = collection([sample["guide"]], title="Nascosta")
        hidden.unpublish()

        latest = selectors.collections()

        assert [(c.title, c.resource_count) for c in latest] == [("Seconda", 1), ("Prima", 2)]
        assert [c.pk for c in selectors.collections(exclude=(second.pk,))] == [first.pk]

    def test_podcast_series_are_the_live_ones(self, sample):
        assert [s.pk for s in selectors.podcast_series()] == [sample["podcast"].get_parent().pk]

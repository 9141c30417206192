"""The list: upcoming and past, filters, facets, chips, HTMX, pagination, queries; and the
selectors other pages build on (home block, my registrations, attendees, feedback)."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from civichub.accounts.tests.factories import (
    ContributorFactory,
    PromoterFactory,
    UserFactory,
)
from civichub.organisations.tests.factories import OrganisationFactory, municipality
from civichub.taxonomy.models import Theme

from .. import selectors
from ..models import Event, EventFeedback, EventKind, EventState, Format, RegistrationStatus
from .factories import (
    DraftEventFactory,
    EventFactory,
    OnlineEventFactory,
    RegistrationFactory,
    in_days,
)

pytestmark = pytest.mark.django_db

URL = "/eventi/"


def theme(slug: str) -> Theme:
    return Theme.objects.get(slug=slug)


def build_sample() -> dict[str, Event]:
    """Four upcoming public events (one cancelled, one full), two past ones and a draft.
    The draft would match every filter of the Bologna workshop."""
    bologna = municipality("037006", "Bologna")
    ascoli = municipality("044007", "Ascoli Piceno", region_code="11")
    organisation = OrganisationFactory.create(name="Rete dei laboratori", slug="rete-laboratori")
    events = {
        "workshop": EventFactory.create(
            slug="laboratorio-bologna",
            title="Laboratorio sui giardini condivisi",
            summary="Progettiamo insieme la cura del verde di quartiere.",
            municipality=bologna,
            starts_at=in_days(10, 10),
            ends_at=in_days(10, 13),
            for_public_bodies=True,
            capacity=20,
            confirmed_count=5,
            organisation=organisation,
            themes=[theme("giovani"), theme("cultura")],
        ),
        "webinar": OnlineEventFactory.create(
            slug="webinar-clima",
            title="Webinar sull'assemblea per il clima",
            summary="Come funziona un'assemblea di cittadini estratti a sorte.",
            starts_at=in_days(3, 17),
            ends_at=in_days(3, 18),
            for_citizens=True,
            capacity=100,
            confirmed_count=100,
            themes=[theme("beni-comuni")],
        ),
        "conference": EventFactory.create(
            slug="convegno-ascoli",
            title="Convegno sull'amministrazione condivisa",
            kind=EventKind.CONFERENCE,
            format=Format.HYBRID,
            municipality=ascoli,
            starts_at=in_days(20, 9),
            ends_at=in_days(21, 18),
            for_third_sector=True,
            capacity=None,
            themes=[theme("cultura")],
        ),
        "cancelled": EventFactory.create(
            slug="laboratorio-annullato",
            title="Laboratorio annullato",
            municipality=bologna,
            starts_at=in_days(5, 15),
            ends_at=in_days(5, 18),
            state=EventState.CANCELLED,
            cancelled_at=timezone.now(),
            cancellation_reason="La sala non è più disponibile.",
        ),
        "past": EventFactory.create(
            slug="incontro-passato",
            title="Incontro di quartiere",
            kind=EventKind.MEETING,
            municipality=bologna,
            starts_at=in_days(-10, 18),
            ends_at=in_days(-10, 20),
            themes=[theme("giovani")],
        ),
        "older": EventFactory.create(
            slug="tavolo-passato",
            title="Tavolo di facilitazione",
            kind=EventKind.TABLE,
            municipality=bologna,
            starts_at=in_days(-40, 9),
            ends_at=in_days(-40, 12),
        ),
        "draft": DraftEventFactory.create(
            slug="bozza-riservata",
            title="Laboratorio riservato sui giardini",
            summary="Progettiamo insieme la cura del verde.",
            municipality=bologna,
            starts_at=in_days(2, 10),
            ends_at=in_days(2, 12),
            for_public_bodies=True,
            organisation=organisation,
            themes=[theme("giovani"), theme("cultura")],
        ),
    }
    return events


@pytest.fixture
def sample(db) -> dict[str, Event]:
    return build_sample()


def slugs(response) -> list[str]:
    assert response.status_code == 200
    return [event.slug for event in response.context["page_obj"].object_list]


def test_upcoming_events_soonest_first_with_cancelled_ones_marked(client, sample):
    response = client.get(URL)

    assert slugs(response) == [
        "webinar-clima",
        "laboratorio-annullato",
        "laboratorio-bologna",
        "convegno-ascoli",
    ]
    content = response.content.decode()
    assert "4 eventi in programma" in content
    assert "riservat" not in content
    assert 'href="/eventi/laboratorio-bologna/"' in content
    assert 'class="event-state event-state--cancelled">Annullato' in content


def test_card_shows_date_place_organisation_seats_and_themes(client, sample):
    content = client.get(URL).content.decode()

    day = timezone.localdate() + datetime.timedelta(days=10)
    assert f"{day.day} " in content
    assert "10:00\N{EN DASH}13:00" in content
    assert "Bologna (BO), Emilia-Romagna" in content
    assert "Organizzato da Rete dei laboratori" in content
    assert "15 posti liberi" in content
    assert "Posti esauriti" in content  # the webinar
    assert '<span class="chip-label">Giovani</span>' in content
    assert "Online" in content


def test_past_events_newest_first(client, sample):
    response = client.get(URL, {"quando": "passati"})

    assert slugs(response) == ["incontro-passato", "tavolo-passato"]
    content = response.content.decode()
    assert "2 eventi passati" in content
    assert 'aria-current="page">Eventi passati' in content
    assert "event-card__seats" not in content
    assert response.context["free_seats_count"] == 0


def test_an_event_under_way_is_still_upcoming(client, db):
    now = timezone.now()
    EventFactory.create(
        slug="in-corso",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=1),
    )

    assert slugs(client.get(URL)) == ["in-corso"]
    assert slugs(client.get(URL, {"quando": "passati"})) == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"tipo": "webinar"}, ["webinar-clima"]),
        ({"tipo": "convegno"}, ["convegno-ascoli"]),
        ({"tema": "giovani"}, ["laboratorio-bologna"]),
        ({"tema": ["giovani", "beni-comuni"]}, ["webinar-clima", "laboratorio-bologna"]),
        ({"regione": "marche"}, ["convegno-ascoli"]),
        ({"regione": "emilia-romagna"}, ["laboratorio-annullato", "laboratorio-bologna"]),
        ({"modalita": "online"}, ["webinar-clima"]),
        ({"modalita": "presenza"}, ["laboratorio-annullato", "laboratorio-bologna"]),
        ({"modalita": "ibrido"}, ["convegno-ascoli"]),
        ({"pubblico": "pa"}, ["laboratorio-bologna"]),
        ({"pubblico": "cittadini"}, ["webinar-clima"]),
        ({"pubblico": "terzo-settore"}, ["convegno-ascoli"]),
        # Full and cancelled events have no free seat; no capacity means unlimited.
        ({"posti": "liberi"}, ["laboratorio-bologna", "convegno-ascoli"]),
        ({"organizzazione": "rete-laboratori"}, ["laboratorio-bologna"]),
        ({"q": "giardini"}, ["laboratorio-bologna"]),
        ({"q": "ASSEMBLEA cittadini"}, ["webinar-clima"]),
        ({"q": "giardini clima"}, []),
        (
            {"tipo": "workshop", "regione": "emilia-romagna", "posti": "liberi"},
            ["laboratorio-bologna"],
        ),
        ({"quando": "passati", "tema": "giovani"}, ["incontro-passato"]),
        ({"quando": "passati", "tipo": "tavolo"}, ["tavolo-passato"]),
    ],
)
def test_filters(client, sample, params, expected):
    response = client.get(URL, params)

    assert slugs(response) == expected
    assert not response.context["ignored"]


def test_facets_count_with_the_other_filters_applied(client, sample):
    context = client.get(URL, {"regione": "emilia-romagna"}).context

    kinds = {slug: count for slug, _label, count, _selected in context["kind_options"]}
    themes = {t.slug: count for t, count, _checked in context["theme_options"]}
    regions = {region.slug: count for region, count in context["region_options"]}
    formats = {slug: count for slug, _label, count, _selected in context["format_options"]}
    audiences = {slug: count for slug, _label, count, _selected in context["audience_options"]}
    assert kinds["workshop"] == 2
    assert kinds["webinar"] == 0
    assert themes["giovani"] == 1
    assert themes["cultura"] == 1
    assert themes["beni-comuni"] == 0
    # The region facet ignores the region chosen: it shows where else one could go.
    assert regions == {"emilia-romagna": 2, "marche": 1}
    assert formats == {"online": 0, "presenza": 2, "ibrido": 0}
    assert audiences == {"pa": 1, "terzo-settore": 0, "cittadini": 0, "facilitatori": 0}
    assert context["free_seats_count"] == 1


def test_facets_of_past_events_count_past_events(client, sample):
    context = client.get(URL, {"quando": "passati"}).context

    kinds = {slug: count for slug, _label, count, _selected in context["kind_options"]}
    assert kinds["incontro"] == 1
    assert kinds["tavolo"] == 1
    assert kinds["workshop"] == 0


def test_active_filters_are_chips_with_remove_links(client, sample):
    response = client.get(
        URL,
        {
            "quando": "passati",
            "tipo": "workshop",
            "tema": ["giovani", "cultura"],
            "posti": "liberi",
            "organizzazione": "rete-laboratori",
        },
    )
    chips = {chip["label"]: chip["remove_url"] for chip in response.context["chips"]}

    base = "quando=passati&tipo=workshop"
    assert chips == {
        "Workshop": "/eventi/?quando=passati&tema=giovani&tema=cultura&posti=liberi"
        "&organizzazione=rete-laboratori",
        "Giovani": f"/eventi/?{base}&tema=cultura&posti=liberi&organizzazione=rete-laboratori",
        "Cultura": f"/eventi/?{base}&tema=giovani&posti=liberi&organizzazione=rete-laboratori",
        "Con posti liberi": f"/eventi/?{base}&tema=giovani&tema=cultura"
        "&organizzazione=rete-laboratori",
        "Organizzato da Rete dei laboratori": f"/eventi/?{base}&tema=giovani&tema=cultura"
        "&posti=liberi",
    }
    assert "Rimuovi il filtro Giovani" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "ignored", "count"),
    [
        ({"quando": "domani"}, ["Quando"], 4),
        ({"tipo": "festa"}, ["Tipo"], 4),
        ({"tema": ["giovani", "<script>alert(1)</script>"]}, ["Tema"], 1),
        ({"regione": "atlantide"}, ["Regione"], 4),
        ({"modalita": "telepatia"}, ["Modalità"], 4),
        ({"pubblico": "marziani"}, ["Destinatari"], 4),
        ({"posti": "tutti"}, ["Posti"], 4),
        ({"organizzazione": "nessuna"}, ["Organizzazione"], 4),
        ({"organizzazione": "non è uno slug"}, ["Organizzazione"], 4),
        ({"q": "x" * 201}, ["Cerca"], 4),
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


@pytest.mark.parametrize("q", ['"', "%", "_", "AND OR", "(", "'; DROP TABLE x", "..."])
def test_search_syntax_is_never_an_error(client, sample, q):
    assert client.get(URL, {"q": q}).status_code == 200


def test_search_never_finds_drafts(client, sample):
    response = client.get(URL, {"q": "riservato"})

    assert response.context["paginator"].count == 0
    assert "Nessun evento corrisponde ai filtri scelti" in response.content.decode()


ROLES: dict[str, Callable[[], Any] | None] = {
    "visitor": None,
    "participant": UserFactory.create,
    "contributor": ContributorFactory.create,
    "promoter": PromoterFactory.create,
}


@pytest.mark.parametrize("role", [*ROLES, "organiser"])
def test_drafts_are_never_listed_whoever_looks(client, sample, role):
    if role == "organiser":
        client.force_login(sample["draft"].organiser)
    elif (make_user := ROLES[role]) is not None:
        client.force_login(make_user())

    for params in ({}, {"tema": "giovani"}, {"q": "giardini"}):
        assert "bozza-riservata" not in slugs(client.get(URL, params))
        fragment = client.get(URL, params, headers={"HX-Request": "true"}).content.decode()
        assert 'href="/eventi/laboratorio-bologna/"' in fragment
        assert "riservat" not in fragment


def test_htmx_request_gets_the_results_and_the_filters_only(client, sample):
    response = client.get(URL, {"tema": "cultura"}, headers={"HX-Request": "true"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert 'id="catalogue-results"' in content
    assert 'id="catalogue-filters"' in content
    assert 'hx-swap-oob="true"' in content
    assert 'hx-swap-oob="innerHTML:#catalogue-status"' in content
    assert "2 eventi trovati" in content
    assert response["HX-Push-Url"] == "/eventi/?tema=cultura"
    assert "HX-Request" in response["Vary"]


def test_htmx_pushes_the_address_of_the_values_understood(client, sample):
    params = {"q": "", "tema": ["giovani", "ignota"], "quando": "passati", "regione": ""}

    response = client.get(URL, params, headers={"HX-Request": "true"})

    assert response["HX-Push-Url"] == "/eventi/?quando=passati&tema=giovani"
    assert "sono stati ignorati: Tema" in response.content.decode()


def test_htmx_history_restore_gets_the_whole_page(client, sample):
    response = client.get(URL, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})

    assert "<html" in response.content.decode()


def test_whole_page_works_without_javascript(client, sample):
    content = client.get(URL, {"quando": "passati"}).content.decode()

    assert '<form id="catalogue-filters"' in content
    assert 'method="get"' in content
    # The tab chosen travels with the filters.
    assert '<input type="hidden" name="quando" value="passati">' in content
    assert 'hx-swap-oob="true"' not in content
    assert 'id="catalogue-status"' in content
    assert "<script>" not in content
    assert "style=" not in content


def test_tabs_and_links_to_the_calendar_and_the_feed_keep_the_filters(client, sample):
    content = client.get(URL, {"tipo": "workshop", "tema": "giovani", "pagina": "1"}).content

    text = content.decode()
    assert 'href="/eventi/?quando=passati&amp;tipo=workshop&amp;tema=giovani"' in text
    assert 'href="/eventi/?tipo=workshop&amp;tema=giovani" aria-current="page"' in text
    assert 'href="/eventi/calendario/?tipo=workshop&amp;tema=giovani"' in text
    assert 'href="/eventi/calendario.ics?tipo=workshop&amp;tema=giovani"' in text
    assert 'type="text/calendar"' in text


@pytest.mark.parametrize(
    ("user_factory", "shown"),
    [(None, False), (UserFactory, False), (ContributorFactory, True), (PromoterFactory, True)],
)
def test_create_button_only_for_those_who_may_create(client, db, user_factory, shown):
    if user_factory is not None:
        client.force_login(user_factory.create())

    content = client.get(URL).content.decode()

    assert ('href="/eventi/nuovo/"' in content) is shown
    assert ("Crea un evento" in content) is shown


def test_empty_list(client, db):
    content = client.get(URL).content.decode()

    assert "Non ci sono eventi in programma al momento." in content
    assert 'href="/eventi/?quando=passati"' in content
    assert (
        "Non ci sono ancora eventi passati."
        in client.get(URL, {"quando": "passati"}).content.decode()
    )


@pytest.mark.parametrize(("page", "expected"), [("2", 2), ("99", 2), ("abc", 1), ("-1", 2)])
def test_pagination_keeps_filters_and_shows_the_last_page_when_out_of_range(
    client, db, page, expected
):
    EventFactory.create_batch(15, kind=EventKind.WEBINAR)

    response = client.get(URL, {"tipo": "webinar", "pagina": page})

    assert response.status_code == 200
    assert response.context["page_obj"].number == expected
    assert len(response.context["page_obj"].object_list) == (12 if expected == 1 else 3)
    assert "?tipo=webinar&amp;pagina=" in response.content.decode()


def batch(count: int, **fields: Any) -> list[Event]:
    organisation = OrganisationFactory.create()
    themes = [theme(slug) for slug in ("giovani", "cultura", "beni-comuni")]
    return [
        EventFactory.create(organisation=organisation, themes=themes, **fields)
        for _ in range(count)
    ]


def _queries(client, params: dict, headers: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, params, headers=headers or {})
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("params", "headers", "fields"),
    [
        ({}, None, {}),
        (
            {"tipo": "workshop", "tema": "giovani", "regione": "emilia-romagna", "q": "labor"},
            None,
            {},
        ),
        ({"quando": "passati"}, None, {"starts_at": in_days(-5)}),
        (
            {"posti": "liberi", "pubblico": "pa"},
            {"HX-Request": "true"},
            {"for_public_bodies": True},
        ),
    ],
)
def test_list_queries_do_not_grow_with_the_data(client, db, params, headers, fields):
    batch(2, **fields)
    for _ in range(2):  # warm the shared caches (hub settings, vocabularies, facets)
        client.get(URL, params, headers=headers or {})
    few = _queries(client, params, headers)
    cache.clear()
    few_cold = _queries(client, params, headers)

    batch(10, **fields)
    many = _queries(client, params, headers)
    cache.clear()
    many_cold = _queries(client, params, headers)

    assert few == many
    assert few_cold == many_cold
    assert many <= 8
    assert client.get(URL, params).context["paginator"].count == 12


# --- selectors for the home page and for people's and organisers' pages ----------------------


def test_upcoming_events_are_published_soonest_first(sample):
    events = selectors.upcoming_events(2)

    assert [event.slug for event in events] == ["webinar-clima", "laboratorio-bologna"]


def test_my_registrations_split_upcoming_and_past(db, django_assert_num_queries):
    person = UserFactory.create()
    soon = RegistrationFactory.create(user=person, event=EventFactory.create(starts_at=in_days(2)))
    later = RegistrationFactory.create(
        user=person,
        event=EventFactory.create(starts_at=in_days(9)),
        status=RegistrationStatus.WAITLISTED,
    )
    old = RegistrationFactory.create(
        user=person, event=EventFactory.create(starts_at=in_days(-30), ends_at=in_days(-30, 12))
    )
    older = RegistrationFactory.create(
        user=person, event=EventFactory.create(starts_at=in_days(-60), ends_at=in_days(-60, 12))
    )
    hidden = DraftEventFactory.create()
    RegistrationFactory.create(user=person, event=hidden)
    RegistrationFactory.create(event=soon.event)  # someone else's

    with django_assert_num_queries(2):  # no event has a cover: no image query
        mine = selectors.my_registrations(person)
        for registration in mine.upcoming + mine.past:
            assert registration.event.municipality is not None
            str(registration.event.municipality.label)
            list(registration.event.themes.all())
            registration.event.cover  # noqa: B018

    assert mine.upcoming == [soon, later]
    assert mine.past == [old, older]
    assert selectors.my_registrations(None).upcoming == []


def test_attendees_by_status_then_name(db, django_assert_num_queries):
    event = EventFactory.create()

    def person(first: str, last: str, status: str) -> Any:
        user = UserFactory.create(first_name=first, last_name=last)
        return RegistrationFactory.create(event=event, user=user, status=status)

    waiting = person("Anna", "Bianchi", RegistrationStatus.WAITLISTED)
    cancelled = person("Bruno", "Abate", RegistrationStatus.CANCELLED)
    rossi = person("Carla", "Rossi", RegistrationStatus.CONFIRMED)
    abate = person("Dario", "Abate", RegistrationStatus.CONFIRMED)
    offered = person("Elena", "Zeta", RegistrationStatus.OFFERED)
    RegistrationFactory.create()  # another event

    with django_assert_num_queries(1):
        rows = selectors.attendees(event)
        for row in rows:
            str(row.user.profile.bio)

    assert rows == [abate, rossi, offered, waiting, cancelled]


def test_feedback_summary(db):
    event = EventFactory.create()
    for rating, comment in [(5, "Utilissimo"), (4, ""), (5, ""), (2, "Troppo breve")]:
        EventFeedback.objects.create(
            registration=RegistrationFactory.create(event=event), rating=rating, comment=comment
        )
    EventFeedback.objects.create(registration=RegistrationFactory.create(), rating=1)

    summary = selectors.feedback_summary(event)

    assert summary.count == 4
    assert summary.average == 4.0
    assert summary.distribution == [(5, 2, 50), (4, 1, 25), (3, 0, 0), (2, 1, 25), (1, 0, 0)]
    assert {answer.comment for answer in summary.comments} == {"Utilissimo", "Troppo breve"}
    empty = selectors.feedback_summary(EventFactory.create())
    assert (empty.count, empty.average, empty.comments) == (0, None, [])

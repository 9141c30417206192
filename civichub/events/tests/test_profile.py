"""Events elsewhere on the site: the "Eventi" section of people's profiles, the next
events on organisation pages and the home page block, each at a constant cost."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from civichub.accounts.tests.factories import ContributorFactory, UserFactory, public_profile
from civichub.cms.blocks import HomeBlock, UpcomingEventsBlock
from civichub.cms.tests.factories import home_page
from civichub.organisations.tests.factories import OrganisationFactory

from ..models import EventState
from .factories import DraftEventFactory, EventFactory, OnlineEventFactory, in_days

pytestmark = pytest.mark.django_db


def count_queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def same_cost(client: Client, path: str, add_more) -> tuple[int, int]:
    for _ in range(2):  # warm the shared caches (hub settings, navigation)
        client.get(path)
    few = count_queries(client, path)
    add_more()
    return few, count_queries(client, path)


# --- profiles -------------------------------------------------------------------------------


def profile_url(user) -> str:
    return f"/persone/{user.public_id}/"


def test_a_profile_lists_the_public_events_its_person_organises_next_first():
    organiser = public_profile(ContributorFactory.create())
    EventFactory.create(organiser=organiser, title="Tavolo passato", starts_at=in_days(-20))
    EventFactory.create(organiser=organiser, title="Laboratorio tra un mese", starts_at=in_days(30))
    OnlineEventFactory.create(organiser=organiser, title="Webinar domani", starts_at=in_days(1))
    EventFactory.create(organiser=organiser, title="Convegno annullato", state=EventState.CANCELLED)
    DraftEventFactory.create(organiser=organiser, title="Bozza riservata")
    EventFactory.create(title="Di qualcun altro")

    content = Client().get(profile_url(organiser)).content.decode()

    assert "Eventi" in content
    for title in ("Webinar domani", "Laboratorio tra un mese", "Tavolo passato"):
        assert title in content
    assert content.index("Webinar domani") < content.index("Laboratorio tra un mese")
    assert content.index("Laboratorio tra un mese") < content.index("Tavolo passato")
    assert "concluso" in content
    assert "Convegno annullato" in content
    assert "annullato</strong>" in content
    assert "Bozza riservata" not in content
    assert "Di qualcun altro" not in content


def test_a_profile_without_events_says_so():
    person = public_profile(UserFactory.create())

    content = Client().get(profile_url(person)).content.decode()

    assert "Nessun evento organizzato finora." in content


def test_a_profile_shows_twelve_events_and_the_total():
    organiser = public_profile(ContributorFactory.create())
    for day in range(14):
        EventFactory.create(organiser=organiser, starts_at=in_days(day + 1))

    content = Client().get(profile_url(organiser)).content.decode()

    assert "14 eventi in tutto; qui i 12 più vicini o più recenti." in content


def test_the_profile_costs_the_same_queries_with_more_events():
    organiser = public_profile(ContributorFactory.create())
    for day in (1, -1):
        EventFactory.create(organiser=organiser, starts_at=in_days(day))

    def more() -> None:
        for day in range(12):
            EventFactory.create(organiser=organiser, starts_at=in_days(day - 6))

    few, many = same_cost(Client(), profile_url(organiser), more)

    assert few == many


# --- organisations ----------------------------------------------------------------------------


def test_an_organisation_page_lists_its_next_public_events():
    organisation = OrganisationFactory.create(slug="comune-di-modena")
    EventFactory.create(organisation=organisation, title="Tavolo sul welfare", starts_at=in_days(3))
    EventFactory.create(
        organisation=organisation,
        title="Assemblea annullata",
        starts_at=in_days(5),
        state=EventState.CANCELLED,
    )
    EventFactory.create(organisation=organisation, title="Incontro passato", starts_at=in_days(-3))
    DraftEventFactory.create(organisation=organisation, title="Bozza del comune")
    EventFactory.create(title="Senza il comune")

    content = Client().get("/organizzazioni/comune-di-modena/").content.decode()

    assert 'id="organisation-events-title"' in content
    assert "Tavolo sul welfare" in content
    assert "Assemblea annullata" in content
    assert "Incontro passato" not in content
    assert "Bozza del comune" not in content
    assert "Senza il comune" not in content
    assert "/eventi/?organizzazione=comune-di-modena" in content


def test_an_organisation_without_upcoming_events_has_no_such_section():
    organisation = OrganisationFactory.create(slug="nuova-associazione")
    EventFactory.create(organisation=organisation, starts_at=in_days(-3))

    content = Client().get("/organizzazioni/nuova-associazione/").content.decode()

    assert 'id="organisation-events-title"' not in content


def test_an_organisation_page_shows_six_events_and_links_to_all():
    organisation = OrganisationFactory.create(slug="fondazione")
    for day in range(8):
        EventFactory.create(organisation=organisation, starts_at=in_days(day + 1))

    content = Client().get("/organizzazioni/fondazione/").content.decode()

    assert content.count("Laboratorio di co-progettazione") == 6
    assert "Tutti gli eventi in programma (8)" in content


def test_the_organisation_page_costs_the_same_queries_with_more_events():
    organisation = OrganisationFactory.create(slug="cooperativa")
    for day in (1, 2):
        EventFactory.create(organisation=organisation, starts_at=in_days(day))

    def more() -> None:
        for day in range(12):
            EventFactory.create(organisation=organisation, starts_at=in_days(day + 3))

    few, many = same_cost(Client(), "/organizzazioni/cooperativa/", more)

    assert few == many


# --- the home page block ------------------------------------------------------------------------


def with_block(title: str, count: int) -> None:
    home = home_page()
    home.body = json.dumps([{"type": "upcoming_events", "value": {"title": title, "count": count}}])
    home.save_revision().publish()


def test_the_home_block_shows_the_next_published_events():
    with_block("Prossimi eventi", 2)
    EventFactory.create(title="Domani in piazza", starts_at=in_days(1))
    OnlineEventFactory.create(title="Webinar tra tre giorni", starts_at=in_days(3))
    EventFactory.create(title="Tra una settimana", starts_at=in_days(7))
    EventFactory.create(title="Già concluso", starts_at=in_days(-2))
    EventFactory.create(title="Annullato domani", starts_at=in_days(1), state=EventState.CANCELLED)
    DraftEventFactory.create(title="Bozza di domani", starts_at=in_days(1))

    content = Client().get("/").content.decode()

    assert "Prossimi eventi" in content
    assert "Domani in piazza" in content
    assert "Webinar tra tre giorni" in content
    for hidden in ("Tra una settimana", "Già concluso", "Annullato domani", "Bozza di domani"):
        assert hidden not in content
    assert 'href="/eventi/"' in content


def test_the_home_block_without_events_says_so():
    with_block("In agenda", 3)

    content = Client().get("/").content.decode()

    assert "In agenda" in content
    assert "Nessun evento in programma al momento" in content


def test_the_home_block_costs_the_same_queries_with_more_events():
    with_block("Prossimi eventi", 12)
    for day in (1, 2):
        EventFactory.create(starts_at=in_days(day))

    def more() -> None:
        for day in range(12):
            EventFactory.create(starts_at=in_days(day + 3) + datetime.timedelta(minutes=day))

    few, many = same_cost(Client(), "/", more)

    assert few == many


@pytest.mark.parametrize("count", [0, 13])
def test_the_block_takes_one_to_twelve_events(count: int):
    block = UpcomingEventsBlock()

    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "Eventi", "count": count}))
    assert "upcoming_events" in HomeBlock.base_blocks

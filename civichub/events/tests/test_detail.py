"""The event page: facts, agenda, speakers, place and map, materials, state banners, who
sees a draft and the online link, manager links, "add to calendar"."""

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from civichub.accounts.tests.factories import ContributorFactory, PromoterFactory, UserFactory
from civichub.library.models import ResourceKind
from civichub.library.tests.factories import resource
from civichub.organisations.tests.factories import OrganisationFactory, admin_of, member
from civichub.taxonomy.models import Theme

from ..models import (
    EventKind,
    EventSession,
    EventSpeaker,
    EventState,
    Format,
    RegistrationStatus,
)
from .factories import DraftEventFactory, EventFactory, OnlineEventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def url(event) -> str:
    return f"/eventi/{event.slug}/"


ROME = datetime.timezone(datetime.timedelta(hours=1))


@pytest.fixture
def workshop(db):
    organisation = OrganisationFactory.create(name="Rete dei laboratori", slug="rete-laboratori")
    event = EventFactory.create(
        slug="laboratorio-giardini",
        title="Laboratorio sui giardini condivisi",
        summary="Progettiamo insieme la cura del verde di quartiere.",
        description="Primo paragrafo.\n\nSecondo paragrafo.",
        # A Tuesday in winter: Rome is an hour ahead of UTC.
        starts_at=datetime.datetime(2031, 1, 14, 9, 30, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2031, 1, 14, 12, 0, tzinfo=datetime.UTC),
        organisation=organisation,
        venue_name="Sala Borsa",
        address="Piazza del Nettuno 3",
        accessibility_notes="Ingresso senza gradini, ascensore al primo piano.",
        latitude=Decimal("44.494190"),
        longitude=Decimal("11.342620"),
        for_public_bodies=True,
        for_citizens=True,
        capacity=30,
        confirmed_count=12,
        themes=[Theme.objects.get(slug="giovani")],
    )
    EventSession.objects.create(
        event=event,
        sort_order=0,
        starts_at=event.starts_at,
        ends_at=event.starts_at + datetime.timedelta(hours=1),
        title="Accoglienza e presentazioni",
        speakers="Giulia Verdi",
    )
    EventSpeaker.objects.create(
        event=event, sort_order=0, name="Giulia Verdi", role="Facilitatrice, Rete dei laboratori"
    )
    return event


def test_page_shows_the_facts_in_rome_time(client, workshop):
    response = client.get(url(workshop))

    assert response.status_code == 200
    content = response.content.decode()
    assert '<h1 id="event-title">Laboratorio sui giardini condivisi</h1>' in content
    assert "Martedì 14 gennaio 2031" in content
    assert "dalle 10:30 alle 13:00" in content
    assert "Ora italiana" in content
    assert "Workshop" in content
    assert "In presenza" in content
    assert "Sala Borsa, Piazza del Nettuno 3, Bologna (BO)" in content
    assert 'href="/organizzazioni/rete-laboratori/">Rete dei laboratori</a>' in content
    assert 'href="/eventi/?tema=giovani">Giovani</a>' in content
    assert "Pubbliche amministrazioni, Cittadini" in content
    assert "Italiano" in content
    assert "18 posti liberi su 30" in content
    assert "<p>Primo paragrafo.</p>\n\n<p>Secondo paragrafo.</p>" in content
    assert 'rel="canonical" href="http://testserver/eventi/laboratorio-giardini/"' in content
    assert "noindex" not in content


def test_description_html_is_sanitised(client, workshop):
    workshop.description = '<p>Con <b>grassetto</b>.</p><script>alert("x")</script>'
    workshop.save()

    content = client.get(url(workshop)).content.decode()

    assert "<p>Con <b>grassetto</b>.</p>" in content
    assert 'alert("x")' not in content


def test_agenda_speakers_place_and_map(client, workshop):
    content = client.get(url(workshop)).content.decode()

    assert "Programma" in content
    assert "10:30</time>\N{EN DASH}<time" in content
    assert "Accoglienza e presentazioni" in content
    assert "Con Giulia Verdi" in content
    assert "Facilitatrice, Rete dei laboratori" in content
    assert "Ingresso senza gradini, ascensore al primo piano." in content
    assert "data-event-map" in content
    assert 'data-latitude="44.494190"' in content
    assert 'data-geojson-url="/territori/comuni.geojson?provincia=037"' in content
    assert "/static/events/detail.js" in content
    assert "/static/leaflet/leaflet.js" in content
    assert "<script>" not in content
    assert "style=" not in content


def test_no_map_without_a_point(client, workshop):
    workshop.latitude = workshop.longitude = None
    workshop.save()

    content = client.get(url(workshop)).content.decode()

    assert "data-event-map" not in content
    assert "events/detail.js" not in content


def test_add_to_calendar_links(client, workshop):
    content = client.get(url(workshop)).content.decode()

    assert 'href="/eventi/laboratorio-giardini/evento.ics"' in content
    assert 'href="https://calendar.google.com/calendar/render?' in content
    assert 'href="https://outlook.live.com/calendar/' in content


def test_materials_and_recording_show_only_live_resources(client, workshop):
    guide = resource(ResourceKind.GUIDE, title="Guida ai patti di collaborazione")
    hidden = resource(ResourceKind.GUIDE, title="Guida in bozza", live=False)
    recording = resource(ResourceKind.WEBINAR, title="Registrazione del laboratorio")
    workshop.materials.set([guide, hidden])
    workshop.recording = recording.specific
    workshop.save()

    content = client.get(url(workshop)).content.decode()

    assert "Materiali" in content
    assert "Guida ai patti di collaborazione" in content
    assert "Guida in bozza" not in content
    assert "Guarda la registrazione: Registrazione del laboratorio" in content


def test_cancelled_event_has_a_banner_with_the_reason(client, workshop):
    workshop.state = EventState.CANCELLED
    workshop.cancelled_at = timezone.now()
    workshop.cancellation_reason = "La sala non è più disponibile."
    workshop.save()

    response = client.get(url(workshop))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Evento annullato" in content
    assert "La sala non è più disponibile." in content
    assert "posti liberi" not in content


def test_missing_event_is_a_404(client, db):
    assert client.get("/eventi/nessuno/").status_code == 404
    assert client.get("/eventi/nessuno/evento.ics").status_code == 404


@pytest.fixture
def draft(db):
    organisation = OrganisationFactory.create()
    return DraftEventFactory.create(
        slug="bozza", title="Bozza riservata", organisation=organisation
    )


def _contributor_member_of(organisation):
    user = ContributorFactory.create()
    member(organisation, user)
    return user


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("visitor", 404),
        ("participant", 404),
        ("contributor", 404),
        ("organisation member", 404),
        ("organiser", 200),
        ("organisation admin", 200),
        ("promoter", 200),
    ],
)
def test_a_draft_is_seen_only_by_its_managers(client, draft, who, status):
    users: dict[str, Callable[[], Any]] = {
        "visitor": lambda: None,
        "participant": UserFactory.create,
        "contributor": ContributorFactory.create,
        "organisation member": lambda: _contributor_member_of(draft.organisation),
        "organiser": lambda: draft.organiser,
        "organisation admin": lambda: admin_of(draft.organisation).user,
        "promoter": PromoterFactory.create,
    }
    user = users[who]()
    if user is not None:
        client.force_login(user)

    response = client.get(url(draft))

    assert response.status_code == status
    assert client.get(f"{url(draft)}evento.ics").status_code == status
    if status == 200:
        content = response.content.decode()
        assert '<meta name="robots" content="noindex, nofollow">' in content
        assert "non è ancora pubblicato" in content
        assert "Gestisci l'evento" in content


@pytest.fixture
def webinar(db):
    return OnlineEventFactory.create(
        slug="webinar-clima",
        title="Webinar sul clima",
        online_url="https://meet.example.org/stanza-riservata",
        online_instructions="Entra cinque minuti prima.",
    )


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("visitor", False),
        ("participant", False),
        ("confirmed", True),
        ("waitlisted", False),
        ("offered", False),
        ("cancelled", False),
        ("organiser", True),
        ("promoter", True),
    ],
)
def test_the_online_link_is_only_for_confirmed_attendees_and_managers(client, webinar, who, sees):
    statuses = {
        "confirmed": RegistrationStatus.CONFIRMED,
        "waitlisted": RegistrationStatus.WAITLISTED,
        "offered": RegistrationStatus.OFFERED,
        "cancelled": RegistrationStatus.CANCELLED,
    }
    if who in statuses:
        client.force_login(RegistrationFactory.create(event=webinar, status=statuses[who]).user)
    elif who == "participant":
        client.force_login(UserFactory.create())
    elif who == "organiser":
        client.force_login(webinar.organiser)
    elif who == "promoter":
        client.force_login(PromoterFactory.create())

    content = client.get(url(webinar)).content.decode()

    assert ("meet.example.org/stanza-riservata" in content) is sees
    assert ("Entra cinque minuti prima." in content) is sees
    assert "Partecipare online" in content
    # Never in the public calendar files.
    ics = client.get(f"{url(webinar)}evento.ics").content.decode()
    assert "meet.example.org" not in ics


@pytest.mark.parametrize(
    ("who", "manages"),
    [("participant", False), ("contributor", False), ("organiser", True), ("promoter", True)],
)
def test_manager_links(client, workshop, who, manages):
    user = {
        "participant": UserFactory.create,
        "contributor": ContributorFactory.create,
        "organiser": lambda: workshop.organiser,
        "promoter": PromoterFactory.create,
    }[who]()
    client.force_login(user)

    content = client.get(url(workshop)).content.decode()

    for path in ("modifica/", "iscritti/", "presenze/", "risultati/"):
        assert (f'href="{url(workshop)}{path}"' in content) is manages


def test_registration_box_is_on_the_page(client, workshop):
    person = UserFactory.create()
    client.force_login(person)

    content = client.get(url(workshop)).content.decode()

    assert 'id="iscrizione-titolo"' in content
    assert f'action="{url(workshop)}iscrizione/"' in content

    RegistrationFactory.create(event=workshop, user=person)
    content = client.get(url(workshop)).content.decode()
    assert "il tuo posto è confermato" in content


def test_a_multi_day_event_shows_both_dates(client, db):
    event = EventFactory.create(
        kind=EventKind.CONFERENCE,
        format=Format.HYBRID,
        starts_at=datetime.datetime(2031, 3, 28, 8, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2031, 3, 31, 15, 0, tzinfo=datetime.UTC),
    )

    content = client.get(url(event)).content.decode()

    # 28 March is before the change to summer time, 31 March after it.
    assert "dal 28 marzo 2031, 09:00 al 31 marzo 2031, 17:00" in content
    assert "Convegno" in content
    assert "Ibrido" in content


def test_ics_of_one_event(client, workshop):
    response = client.get(f"{url(workshop)}evento.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="laboratorio-giardini.ics"' in response["Content-Disposition"]
    assert "SUMMARY:Laboratorio sui giardini condivisi" in response.content.decode()

"""iCalendar output parsed back with icalendar: identity, time zone, status, place,
organiser, and the online link only where it belongs; "add to calendar" links."""

import datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest

from civichub.cms.models import HubSettings
from civichub.organisations.tests.factories import OrganisationFactory

from .. import ical
from ..models import Event, EventState
from .factories import EventFactory, OnlineEventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://hub.example.org"


def parse(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def only_event(calendar: icalendar.Calendar) -> Any:
    """The calendar's one VEVENT (typed loosely: its values are a union of types)."""
    [event] = calendar.walk("VEVENT")
    return event


def test_one_event_as_a_calendar():
    organisation = OrganisationFactory.create(name="Labsus", email="privato@example.org")
    event = EventFactory.create(organisation=organisation)
    calendar = parse(ical.event_calendar(event))

    assert calendar["PRODID"] == ical.PRODID
    assert calendar["VERSION"] == "2.0"
    assert calendar["X-WR-CALNAME"] == event.title
    [timezone] = calendar.walk("VTIMEZONE")
    assert timezone["TZID"] == "Europe/Rome"

    vevent = only_event(calendar)
    assert vevent["UID"] == f"event-{event.pk}@hub.example.org"
    assert vevent["DTSTART"].params["TZID"] == "Europe/Rome"
    assert vevent["DTEND"].params["TZID"] == "Europe/Rome"
    assert vevent.decoded("DTSTART") == event.starts_at
    assert vevent.decoded("DTSTART").hour == 10  # 10:00 in Rome, as the factory says
    assert vevent.decoded("DTEND") == event.ends_at
    assert "DTSTAMP" in vevent
    assert vevent["SUMMARY"] == event.title
    assert vevent["STATUS"] == "CONFIRMED"
    assert vevent["LOCATION"] == "Sala civica, Via Roma 1, Bologna"
    assert vevent["URL"] == f"https://hub.example.org/eventi/{event.slug}/"
    assert event.summary in vevent["DESCRIPTION"]
    assert f"https://hub.example.org/eventi/{event.slug}/" in vevent["DESCRIPTION"]
    assert vevent["ORGANIZER"].params["CN"] == "Labsus"
    assert vevent["CATEGORIES"].cats == ["Workshop"]
    # Neither the organiser's nor the organisation's own e-mail is published.
    text = ical.event_calendar(event).decode()
    assert event.organiser.email not in text
    assert "privato@example.org" not in text


def test_a_cancelled_event_says_so():
    event = EventFactory.create(state=EventState.CANCELLED)
    assert only_event(parse(ical.event_calendar(event)))["STATUS"] == "CANCELLED"


def test_the_online_link_only_in_the_attendees_file():
    event = OnlineEventFactory.create(online_instructions="Codice stanza 1234")
    public = ical.event_calendar(event).decode()
    assert event.online_url not in public.replace("\r\n ", "")
    assert only_event(parse(public.encode()))["LOCATION"] == "Online"

    private = only_event(parse(ical.event_calendar(event, include_online_link=True)))
    assert event.online_url in private["DESCRIPTION"]
    assert "Codice stanza 1234" in private["DESCRIPTION"]
    assert private["LOCATION"] == event.online_url


def test_a_feed_of_events_with_constant_queries(django_assert_num_queries):
    HubSettings.load()  # created on first use: not part of what is measured
    for _ in range(2):
        EventFactory.create()

    def render() -> bytes:
        return ical.calendar_for(Event.objects.order_by("pk"), name="Eventi dell'hub")

    with django_assert_num_queries(2) as few:
        data = render()
    for _ in range(10):
        EventFactory.create(organisation=OrganisationFactory.create())
    with django_assert_num_queries(len(few.captured_queries)):
        many = render()
    calendar = parse(many)
    assert calendar["X-WR-CALNAME"] == "Eventi dell'hub"
    assert len(calendar.walk("VEVENT")) == 12
    assert len(calendar.walk("VTIMEZONE")) == 1
    assert len({vevent["UID"] for vevent in calendar.walk("VEVENT")}) == 12
    assert len(parse(data).walk("VEVENT")) == 2


def test_an_empty_feed_is_still_a_calendar():
    calendar = parse(ical.calendar_for([], name="Nessun evento"))
    assert calendar.walk("VEVENT") == []


def test_add_to_calendar_links():
    event = OnlineEventFactory.create()
    links = ical.add_to_calendar_links(event)

    google = parse_qs(urlsplit(links["google"]).query)
    assert links["google"].startswith("https://calendar.google.com/calendar/render?")
    start = event.starts_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    end = event.ends_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert google["dates"] == [f"{start}/{end}"]
    assert google["text"] == [event.title]
    assert google["ctz"] == ["Europe/Rome"]

    outlook = parse_qs(urlsplit(links["outlook"]).query)
    assert links["outlook"].startswith("https://outlook.live.com/calendar/0/deeplink/compose?")
    assert outlook["subject"] == [event.title]
    assert outlook["startdt"] == [
        event.starts_at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    ]
    assert all(event.online_url not in link for link in links.values())

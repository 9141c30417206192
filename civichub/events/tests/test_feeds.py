"""iCalendar: the feed of the filtered view and one event's file, read back with icalendar."""

import datetime

import icalendar
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .. import selectors
from ..models import EventState
from .factories import in_days
from .test_catalogue import batch, build_sample

pytestmark = pytest.mark.django_db

URL = "/eventi/calendario.ics"


@pytest.fixture
def sample(db):
    return build_sample()


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def summaries(calendar: icalendar.Calendar) -> list[str]:
    return [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]


def test_feed_has_public_events_upcoming_and_of_the_last_month(client, sample):
    calendar = parse(client.get(URL))

    # Soonest first; the meeting of ten days ago is in, the table of forty days ago not.
    assert summaries(calendar) == [
        "Incontro di quartiere",
        "Webinar sull'assemblea per il clima",
        "Laboratorio annullato",
        "Laboratorio sui giardini condivisi",
        "Convegno sull'amministrazione condivisa",
    ]
    assert str(calendar["X-WR-CALNAME"]).startswith("Eventi · ")
    statuses = {str(e["SUMMARY"]): str(e["STATUS"]) for e in calendar.walk("VEVENT")}
    assert statuses["Laboratorio annullato"] == "CANCELLED"
    assert statuses["Laboratorio sui giardini condivisi"] == "CONFIRMED"
    text = client.get(URL).content.decode()
    assert "riservat" not in text
    assert "meet.example.org" not in text  # the webinar's online link
    assert calendar.walk("VTIMEZONE")


def test_feed_times_are_in_rome(client, sample):
    calendar = parse(client.get(URL, {"tipo": "workshop", "regione": "emilia-romagna"}))

    event = next(e for e in calendar.walk("VEVENT") if "giardini" in str(e["SUMMARY"]))
    start = event.decoded("DTSTART")
    assert str(start.tzinfo) == "Europe/Rome"
    assert start == sample["workshop"].starts_at
    assert event["DTSTART"].params["TZID"] == "Europe/Rome"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"modalita": "online"}, ["Webinar sull'assemblea per il clima"]),
        ({"regione": "marche"}, ["Convegno sull'amministrazione condivisa"]),
        ({"tema": "giovani"}, ["Incontro di quartiere", "Laboratorio sui giardini condivisi"]),
        ({"organizzazione": "rete-laboratori"}, ["Laboratorio sui giardini condivisi"]),
        # Upcoming/past does not narrow a feed; unknown values are left out.
        ({"quando": "passati", "tipo": "incontro"}, ["Incontro di quartiere"]),
        ({"tipo": "festa", "regione": "marche"}, ["Convegno sull'amministrazione condivisa"]),
    ],
)
def test_feed_of_the_filtered_view(client, sample, params, expected):
    assert summaries(parse(client.get(URL, params))) == expected


def test_feed_has_at_most_the_limit(client, db, monkeypatch):
    batch(4)
    monkeypatch.setattr(selectors, "FEED_LIMIT", 3)

    assert len(summaries(parse(client.get(URL)))) == 3


def test_empty_feed_is_a_valid_calendar(client, db):
    calendar = parse(client.get(URL))

    assert summaries(calendar) == []


def test_one_cancelled_event(client, sample):
    response = client.get("/eventi/laboratorio-annullato/evento.ics")

    calendar = parse(response)
    (event,) = calendar.walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["URL"]).endswith("/eventi/laboratorio-annullato/")
    assert sample["cancelled"].state == EventState.CANCELLED


def test_one_online_event_has_no_online_link(client, sample):
    response = client.get("/eventi/webinar-clima/evento.ics")

    (event,) = parse(response).walk("VEVENT")
    assert "meet.example.org" not in response.content.decode()
    assert str(event["LOCATION"]) == "Online"


def test_a_draft_is_not_in_any_calendar_file(client, sample):
    assert client.get("/eventi/bozza-riservata/evento.ics").status_code == 404
    assert "riservat" not in client.get(URL, {"q": "giardini"}).content.decode()


def _queries(client, params: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize("params", [{}, {"tema": "giovani", "regione": "emilia-romagna"}])
def test_feed_queries_do_not_grow_with_the_data(client, db, params):
    batch(2, starts_at=in_days(-3))
    for _ in range(2):
        client.get(URL, params)
    few = _queries(client, params)
    cache.clear()
    few_cold = _queries(client, params)

    batch(10)
    many = _queries(client, params)
    cache.clear()
    many_cold = _queries(client, params)

    assert few == many
    assert few_cold == many_cold
    assert many <= 4
    assert len(summaries(parse(client.get(URL, params)))) == 12


def test_feed_window_starts_thirty_days_ago(db):
    recent = batch(1, starts_at=in_days(-29))[0]
    batch(1, starts_at=in_days(-31))

    assert selectors.event_feed_events(selectors.EventFilters()) == [recent]
    later = recent.ends_at + datetime.timedelta(days=31)
    assert selectors.event_feed_events(selectors.EventFilters(), now=later) == []

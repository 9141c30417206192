"""/api/v1/events: public events only, the list's filters in English, constant queries,
no 500 on odd input, never the online link."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from civichub.accounts.tests.factories import StaffFactory

from ..api import registration_open
from ..selectors import ROME
from .factories import EventFactory, in_days
from .test_catalogue import batch, build_sample

pytestmark = pytest.mark.django_db

URL = "/api/v1/events"


@pytest.fixture
def sample(db):
    return build_sample()


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["items"]]


def test_lists_upcoming_public_events_soonest_first(client, sample):
    response = client.get(URL)

    body = response.json()
    assert body["count"] == 4
    assert slugs(response) == [
        "webinar-clima",
        "laboratorio-annullato",
        "laboratorio-bologna",
        "convegno-ascoli",
    ]
    workshop = body["items"][2]
    starts = sample["workshop"].starts_at
    assert workshop["title"] == "Laboratorio sui giardini condivisi"
    assert workshop["kind"] == "workshop"
    assert workshop["format"] == "in_person"
    assert workshop["state"] == "published"
    assert workshop["timezone"] == "Europe/Rome"
    assert workshop["starts_at"].endswith(("+01:00", "+02:00"))
    assert workshop["starts_at"][:16] == f"{starts.astimezone(ROME):%Y-%m-%dT%H:%M}"
    assert workshop["place"] == {
        "venue": "Sala civica",
        "address": "Via Roma 1",
        "municipality": {"istat_code": "037006", "name": "Bologna"},
        "region": {"istat_code": "08", "name": "Emilia-Romagna"},
    }
    assert workshop["organisation"] == {"slug": "rete-laboratori", "name": "Rete dei laboratori"}
    assert {t["slug"] for t in workshop["themes"]} == {"cultura", "giovani"}
    assert {"slug", "name", "name_en"} == set(workshop["themes"][0])
    assert workshop["audiences"] == ["pa"]
    assert workshop["language"] == "it"
    assert (workshop["capacity"], workshop["seats_left"]) == (20, 15)
    assert workshop["registration_required"] is True
    assert workshop["registration_open"] is True
    assert workshop["url"] == "/eventi/laboratorio-bologna/"
    assert workshop["ics_url"] == "/eventi/laboratorio-bologna/evento.ics"
    assert "description" not in workshop  # in the detail
    webinar, cancelled = body["items"][0], body["items"][1]
    assert webinar["place"] is None
    assert webinar["audiences"] == ["citizens"]
    # Full, but with a waitlist: one can still register (and wait).
    assert (webinar["seats_left"], webinar["registration_open"]) == (0, True)
    assert cancelled["state"] == "cancelled"
    assert cancelled["registration_open"] is False
    conference = body["items"][3]
    assert conference["capacity"] is None
    assert conference["seats_left"] is None


def test_nothing_secret_is_ever_exposed(client, sample):
    text = client.get(URL).content.decode() + client.get(f"{URL}/webinar-clima").content.decode()

    assert "meet.example.org" not in text
    for key in ("online_url", "online_instructions", "answers", "registrations", "attendees"):
        assert f'"{key}"' not in text


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"when": "past"}, ["incontro-passato", "tavolo-passato"]),
        ({"kind": "webinar"}, ["webinar-clima"]),
        ({"kind": "conference"}, ["convegno-ascoli"]),
        ({"theme": "giovani"}, ["laboratorio-bologna"]),
        ({"theme": ["giovani", "beni-comuni"]}, ["webinar-clima", "laboratorio-bologna"]),
        ({"theme": "non-esiste"}, []),
        ({"region": "11"}, ["convegno-ascoli"]),
        ({"region": "99"}, []),
        ({"format": "online"}, ["webinar-clima"]),
        ({"format": "hybrid"}, ["convegno-ascoli"]),
        ({"audience": "third_sector"}, ["convegno-ascoli"]),
        ({"audience": "pa"}, ["laboratorio-bologna"]),
        ({"free_seats": "true"}, ["laboratorio-bologna", "convegno-ascoli"]),
        (
            {"free_seats": "false"},
            ["webinar-clima", "laboratorio-annullato", "laboratorio-bologna", "convegno-ascoli"],
        ),
        ({"organisation": "rete-laboratori"}, ["laboratorio-bologna"]),
        ({"organisation": "nessuna"}, []),
        ({"q": "giardini"}, ["laboratorio-bologna"]),
        ({"q": "riservato"}, []),
        ({"when": "past", "kind": "meeting", "region": "08"}, ["incontro-passato"]),
    ],
)
def test_filters(client, sample, params, expected):
    assert slugs(client.get(URL, params)) == expected


@pytest.mark.parametrize(
    "params",
    [
        {"when": "tomorrow"},
        {"kind": "party"},
        {"format": "telepathy"},
        {"audience": "martians"},
        {"free_seats": "maybe"},
        {"q": "x" * 201},
        {"region": "1234567"},
        {"organisation": "x" * 221},
        {"theme": [f"t{n}" for n in range(21)]},
        {"page": "0"},
        {"page": "99999999999999999999"},
        {"page_size": "-5"},
    ],
)
def test_malformed_values_are_a_422(client, sample, params):
    response = client.get(URL, params)

    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    "params",
    [
        {"q": "%_\\'\""},
        {"theme": ["", "é", "../../etc"]},
        {"region": "é"},
        {"organisation": "ü"},
        {"page": "100000"},
        {"page_size": "100000"},
    ],
)
def test_odd_but_valid_values_never_fail(client, sample, params):
    response = client.get(URL, params)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")


def test_staff_get_public_events_only_too(client, sample):
    client.force_login(StaffFactory.create())

    assert "bozza-riservata" not in slugs(client.get(URL))
    assert client.get(f"{URL}/bozza-riservata").status_code == 404


def test_detail_of_a_public_event(client, sample):
    response = client.get(f"{URL}/convegno-ascoli")

    assert response.status_code == 200
    body = response.json()
    assert body["slug"] == "convegno-ascoli"
    assert body["kind"] == "conference"
    assert body["description"] == "Il laboratorio alterna brevi interventi e lavoro ai tavoli."
    assert body["place"]["municipality"] == {"istat_code": "044007", "name": "Ascoli Piceno"}
    assert body["agenda"] == []
    assert body["speakers"] == []
    assert body["point"] is None
    cancelled = client.get(f"{URL}/laboratorio-annullato").json()
    assert cancelled["state"] == "cancelled"
    assert cancelled["cancellation_reason"] == "La sala non è più disponibile."


@pytest.mark.parametrize("slug", ["bozza-riservata", "nessuno", "é", "a" * 300])
def test_detail_of_a_draft_or_missing_event_is_a_404(client, sample, slug):
    response = client.get(f"{URL}/{slug}")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_enums_have_names_of_their_own(client, db):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]

    assert "webinar" in schemas["EventKindValue"]["enum"]
    assert "hybrid" in schemas["EventFormat"]["enum"]
    assert "third_sector" in schemas["EventAudience"]["enum"]
    assert "/api/v1/events" in client.get("/api/v1/openapi.json").json()["paths"]


def _queries(client, params: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("params", "fields"),
    [
        ({}, {}),
        ({"region": "08", "theme": "giovani", "kind": "workshop"}, {}),
        ({"when": "past"}, {"starts_at": in_days(-4)}),
    ],
)
def test_list_queries_do_not_grow_with_the_page(client, db, params, fields):
    batch(2, **fields)
    client.get(URL, params)
    few = _queries(client, params)

    batch(10, **fields)
    many = _queries(client, params)

    assert few == many
    assert many <= 6
    assert client.get(URL, params).json()["count"] == 12


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, True),
        ({"registration_required": False, "capacity": None}, False),
        ({"state": "draft"}, False),
        ({"registration_opens_at": in_days(1)}, False),
        ({"registration_opens_at": in_days(-1), "registration_closes_at": in_days(2)}, True),
        ({"registration_closes_at": in_days(-1)}, False),
        ({"starts_at": in_days(-1)}, False),  # under way: closes at the start
        ({"confirmed_count": 20, "waitlist_enabled": False}, False),
        ({"confirmed_count": 20, "waitlist_enabled": True}, True),
    ],
)
def test_registration_open(db, fields, expected):
    assert registration_open(EventFactory.create(**fields)) is expected

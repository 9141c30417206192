"""The newsletter digest lists the published events of the month after the issue's
month, soonest first, with absolute links."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from civichub.accounts.tests.factories import PromoterFactory
from civichub.newsletter.digest import MAX_ITEMS, digest_sources
from civichub.newsletter.services import issue_compose
from civichub.newsletter.sources import upcoming_events

from ..models import EventState
from .factories import DraftEventFactory, EventFactory, OnlineEventFactory

pytestmark = pytest.mark.django_db

ROME = ZoneInfo("Europe/Rome")
OCTOBER = (datetime.date(2025, 10, 1), datetime.date(2025, 10, 31))
# The monthly command composes last month's issue at the start of the next one.
COMPOSED_AT = datetime.datetime(2025, 11, 1, 7, 0, tzinfo=datetime.UTC)


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2025, month, day, hour, minute, tzinfo=ROME)


@pytest.fixture(autouse=True)
def _hub(settings) -> None:
    settings.WAGTAILADMIN_BASE_URL = "https://hub.example.it"


def test_the_events_source_is_registered_after_the_news() -> None:
    keys = [source.key for source in digest_sources()]
    events = next(source for source in digest_sources() if source.key == "events")

    assert str(events.label) == "Prossimi eventi"
    assert events.order == 30
    assert keys.index("events") > keys.index("news")


@time_machine.travel(COMPOSED_AT, tick=False)
def test_the_digest_lists_next_months_published_events_soonest_first() -> None:
    for title, starts in [
        ("Ultima sera di novembre", at(11, 30, 23, 30)),
        ("Primo minuto di novembre", at(11, 1, 0, 30)),
        ("Metà novembre", at(11, 15, 17)),
        ("Fine ottobre", at(10, 31, 23, 50)),
        ("Inizio dicembre", at(12, 1, 0, 10)),
    ]:
        EventFactory.create(title=title, starts_at=starts)
    OnlineEventFactory.create(
        title="Webinar di novembre", title_en="November webinar", starts_at=at(11, 20, 18)
    )
    DraftEventFactory.create(title="Bozza di novembre", starts_at=at(11, 10, 10))
    EventFactory.create(
        title="Annullato a novembre", starts_at=at(11, 12, 10), state=EventState.CANCELLED
    )

    items = upcoming_events(*OCTOBER)

    assert [item.title for item in items] == [
        "Primo minuto di novembre",
        "Metà novembre",
        "Webinar di novembre",
        "Ultima sera di novembre",
    ]
    first = items[0]
    assert first.url.startswith("https://hub.example.it/eventi/evento-")
    assert first.date == datetime.date(2025, 11, 1)
    assert first.summary
    assert items[2].title_en == "November webinar"


@time_machine.travel(COMPOSED_AT, tick=False)
def test_the_issue_has_a_section_of_upcoming_events_and_at_most_the_limit() -> None:
    for n in range(MAX_ITEMS + 2):
        EventFactory.create(
            title=f"Evento {n:02d}", starts_at=at(11, 3, 9) + datetime.timedelta(hours=n)
        )

    issue, created = issue_compose(period=OCTOBER[0], actor=PromoterFactory.create())

    assert created
    sections = {block.value["heading"]: block.value["items"] for block in issue.sections}
    titles = [item["title"] for item in sections["Prossimi eventi"]]
    assert titles == [f"Evento {n:02d}" for n in range(MAX_ITEMS)]


@time_machine.travel(COMPOSED_AT, tick=False)
def test_december_issue_looks_at_january_of_the_next_year() -> None:
    EventFactory.create(title="Gennaio", starts_at=datetime.datetime(2026, 1, 31, 21, tzinfo=ROME))
    EventFactory.create(title="Febbraio", starts_at=datetime.datetime(2026, 2, 1, 9, tzinfo=ROME))

    items = upcoming_events(datetime.date(2025, 12, 1), datetime.date(2025, 12, 31))

    assert [item.title for item in items] == ["Gennaio"]

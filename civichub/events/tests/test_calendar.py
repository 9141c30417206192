"""The month calendar: weeks from Monday, events on every day they take place on (in
Rome, across the changes of daylight saving time), the month list, filters, queries."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from civichub.accounts.tests.factories import PromoterFactory

from .. import selectors
from ..selectors import ROME, EventFilters
from .factories import DraftEventFactory, EventFactory, OnlineEventFactory, in_days
from .test_catalogue import batch

pytestmark = pytest.mark.django_db

URL = "/eventi/calendario/"


def rome(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ROME)


def day_slugs(calendar: selectors.MonthCalendar) -> dict[datetime.date, list[str]]:
    return {
        day.date: [entry.event.slug for entry in day.entries]
        for week in calendar.weeks
        for day in week
        if day.entries
    }


def test_a_month_starting_on_sunday_begins_with_the_monday_before(db):
    # 1 June 2025 is a Sunday: the first week runs 26 May to 1 June, the last ends 6 July.
    calendar = selectors.month_calendar(EventFilters(), datetime.date(2025, 6, 1))

    assert len(calendar.weeks) == 6
    assert all(len(week) == 7 for week in calendar.weeks)
    assert calendar.weeks[0][0].date == datetime.date(2025, 5, 26)
    assert calendar.weeks[0][6].date == datetime.date(2025, 6, 1)
    assert calendar.weeks[-1][-1].date == datetime.date(2025, 7, 6)
    assert [day.in_month for day in calendar.weeks[0]] == [False] * 6 + [True]
    assert all(day.date.weekday() == 0 for day in (week[0] for week in calendar.weeks))
    assert (calendar.previous, calendar.next) == (
        datetime.date(2025, 5, 1),
        datetime.date(2025, 7, 1),
    )


def test_a_february_of_four_whole_weeks(db):
    calendar = selectors.month_calendar(EventFilters(), datetime.date(2027, 2, 1))

    assert len(calendar.weeks) == 4
    assert calendar.weeks[0][0].date == datetime.date(2027, 2, 1)
    assert calendar.previous == datetime.date(2027, 1, 1)
    assert selectors.month_calendar(EventFilters(), datetime.date(2027, 12, 1)).next == (
        datetime.date(2028, 1, 1)
    )


def test_an_event_of_several_days_is_on_each_of_them(db):
    EventFactory.create(
        slug="tre-giorni", starts_at=rome(2025, 6, 30, 9), ends_at=rome(2025, 7, 2, 17)
    )

    june = selectors.month_calendar(EventFilters(), datetime.date(2025, 6, 1))
    july = selectors.month_calendar(EventFilters(), datetime.date(2025, 7, 1))

    # June's last week runs into July.
    assert day_slugs(june) == {
        datetime.date(2025, 6, 30): ["tre-giorni"],
        datetime.date(2025, 7, 1): ["tre-giorni"],
        datetime.date(2025, 7, 2): ["tre-giorni"],
    }
    assert june.total == 1
    assert [day.date for day in june.days_with_events] == [datetime.date(2025, 6, 30)]
    entries = [day.entries[0] for day in july.weeks[0] if day.entries]
    assert [(e.first_day, e.last_day) for e in entries] == [
        (True, False),
        (False, False),
        (False, True),
    ]
    assert entries[0].starts == rome(2025, 6, 30, 9)
    assert entries[1].starts is None
    assert entries[1].ends is None
    assert entries[2].ends == rome(2025, 7, 2, 17)


def test_an_event_ending_at_midnight_is_not_on_the_next_day(db):
    EventFactory.create(
        slug="serata", starts_at=rome(2025, 6, 10, 20), ends_at=rome(2025, 6, 11, 0)
    )

    calendar = selectors.month_calendar(EventFilters(), datetime.date(2025, 6, 1))

    assert day_slugs(calendar) == {datetime.date(2025, 6, 10): ["serata"]}


@pytest.mark.parametrize(
    ("month", "starts", "expected_day"),
    [
        # The last Sunday of October 2025 (26th) has 25 hours: late evening in Rome is
        # still the same day, though UTC is an hour behind instead of two.
        (datetime.date(2025, 10, 1), rome(2025, 10, 26, 23, 30), datetime.date(2025, 10, 26)),
        (datetime.date(2025, 10, 1), rome(2025, 10, 27, 0, 30), datetime.date(2025, 10, 27)),
        (datetime.date(2025, 10, 1), rome(2025, 10, 25, 23, 30), datetime.date(2025, 10, 25)),
        # The last Sunday of March 2026 (29th) has 23 hours.
        (datetime.date(2026, 3, 1), rome(2026, 3, 29, 0, 30), datetime.date(2026, 3, 29)),
        (datetime.date(2026, 3, 1), rome(2026, 3, 29, 23, 30), datetime.date(2026, 3, 29)),
        (datetime.date(2026, 3, 1), rome(2026, 3, 30, 0, 15), datetime.date(2026, 3, 30)),
    ],
)
def test_days_follow_rome_across_daylight_saving_changes(db, month, starts, expected_day):
    EventFactory.create(
        slug="notturno", starts_at=starts, ends_at=starts + datetime.timedelta(minutes=20)
    )

    calendar = selectors.month_calendar(EventFilters(), month)

    assert day_slugs(calendar) == {expected_day: ["notturno"]}
    assert calendar.weeks[-1][-1].date.weekday() == 6


def test_the_night_of_the_october_change_spans_two_days(db):
    EventFactory.create(
        slug="notte-bianca", starts_at=rome(2025, 10, 25, 22), ends_at=rome(2025, 10, 26, 4)
    )

    calendar = selectors.month_calendar(EventFilters(), datetime.date(2025, 10, 1))

    assert day_slugs(calendar) == {
        datetime.date(2025, 10, 25): ["notte-bianca"],
        datetime.date(2025, 10, 26): ["notte-bianca"],
    }
    sunday = next(
        day for week in calendar.weeks for day in week if day.date.day == 26 and day.in_month
    )
    # Six hours of local time, seven of real time: the end is shown as the clock says.
    assert sunday.entries[0].ends is not None
    assert sunday.entries[0].ends.hour == 4


@pytest.fixture
def month_sample(db):
    """Events in a month two months ahead, so that none of them has ended."""
    today = timezone.localdate()
    month = (today.replace(day=1) + datetime.timedelta(days=62)).replace(day=1)

    def at(day: int, hour: int) -> datetime.datetime:
        return rome(month.year, month.month, day, hour)

    EventFactory.create(
        slug="laboratorio", title="Laboratorio", starts_at=at(3, 10), ends_at=at(3, 13)
    )
    OnlineEventFactory.create(
        slug="webinar", title="Webinar", starts_at=at(3, 17), ends_at=at(3, 18)
    )
    EventFactory.create(
        slug="annullato",
        title="Incontro annullato",
        state="cancelled",
        starts_at=at(12, 9),
        ends_at=at(12, 11),
    )
    DraftEventFactory.create(
        slug="bozza", title="Bozza riservata", starts_at=at(3, 9), ends_at=at(3, 12)
    )
    return month


def test_calendar_page_is_an_accessible_table_with_a_list(client, month_sample):
    month = month_sample
    response = client.get(URL, {"mese": f"{month:%Y-%m}"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "<caption>Calendario degli eventi di" in content
    assert '<th scope="col"><abbr title="lunedì">Lun</abbr></th>' in content
    assert 'href="/eventi/laboratorio/"><time' in content
    assert ">10:00</time> Laboratorio</a>" in content
    assert ">17:00</time> Webinar</a>" in content
    assert (
        'Incontro annullato <span class="event-state event-state--cancelled">Annullato</span>'
        in content
    )
    assert "3 eventi" in content
    # The month list, for small screens and screen readers.
    assert "in elenco</h3>" in content
    assert "Laboratorio</a> — 10:00\N{EN DASH}13:00, Bologna (BO)" in content
    assert "Webinar</a> — 17:00\N{EN DASH}18:00, online" in content
    assert "Bozza" not in content
    assert "/eventi/bozza/" not in content
    previous = month - datetime.timedelta(days=1)
    following = (month + datetime.timedelta(days=32)).replace(day=1)
    assert f'href="/eventi/calendario/?mese={previous:%Y-%m}" rel="prev"' in content
    assert f'href="/eventi/calendario/?mese={following:%Y-%m}" rel="next"' in content
    assert 'href="/eventi/calendario/">Questo mese</a>' in content
    assert "<script>" not in content
    assert "style=" not in content


def test_drafts_are_not_on_the_calendar_even_for_promoters(client, month_sample):
    client.force_login(PromoterFactory.create())

    content = client.get(URL, {"mese": f"{month_sample:%Y-%m}"}).content.decode()

    assert "/eventi/bozza/" not in content


def test_today_is_marked(client, db):
    content = client.get(URL).content.decode()

    assert 'aria-current="date"' in content
    assert "Questo mese" not in content


def test_filters_apply_to_the_calendar_and_its_links(client, month_sample):
    params = {"mese": f"{month_sample:%Y-%m}", "modalita": "online", "quando": "passati"}

    response = client.get(URL, params)

    content = response.content.decode()
    assert ">17:00</time> Webinar</a>" in content
    assert "Laboratorio</a>" not in content
    formats = {slug: n for slug, _label, n, _selected in response.context["format_options"]}
    assert formats == {"online": 1, "presenza": 2, "ibrido": 0}
    # The calendar has no upcoming/past: the filters' links leave it out.
    assert 'href="/eventi/calendario.ics?modalita=online"' in content
    assert 'href="/eventi/?modalita=online"' in content
    assert f'<input type="hidden" name="mese" value="{month_sample:%Y-%m}">' in content
    chips = {chip["label"]: chip["remove_url"] for chip in response.context["chips"]}
    assert chips == {"Modalità: Online": f"/eventi/calendario/?mese={month_sample:%Y-%m}"}


@pytest.mark.parametrize(
    "value", ["2025-13", "ieri", "0000-01", "2025-1", "99999-01", "2025-06-01"]
)
def test_an_invalid_month_shows_this_month_with_a_notice(client, db, value):
    response = client.get(URL, {"mese": value})

    assert response.status_code == 200
    assert response.context["month"] == timezone.localdate().replace(day=1)
    assert response.context["ignored"] == ["Mese"]
    assert "sono stati ignorati: Mese" in response.content.decode()


def test_htmx_gets_the_month_and_pushes_its_address(client, month_sample):
    response = client.get(
        URL, {"mese": f"{month_sample:%Y-%m}", "tipo": "webinar"}, headers={"HX-Request": "true"}
    )

    content = response.content.decode()
    assert "<html" not in content
    assert 'id="catalogue-results"' in content
    assert 'hx-swap-oob="true"' in content
    assert response["HX-Push-Url"] == f"/eventi/calendario/?tipo=webinar&mese={month_sample:%Y-%m}"


def _queries(client, params: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, params).status_code == 200
    return len(captured)


def test_calendar_queries_do_not_grow_with_the_data(client, db):
    params = {"tema": "giovani", "mese": f"{in_days(10):%Y-%m}"}
    batch(2)
    for _ in range(2):  # warm the shared caches (hub settings, vocabularies, facets)
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
    assert client.get(URL, params).context["calendar"].total == 12

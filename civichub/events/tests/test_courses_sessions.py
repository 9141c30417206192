"""Per-area calendars (``?area=`` on the list, the calendar, the feed and the API) and
course sessions in the public catalogue: the "Percorso" label, the registration box
for people not enrolled, sessions of a draft course kept out of sight."""

import datetime

import icalendar
import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from civichub.accounts.tests.factories import UserFactory
from civichub.communities.tests.factories import (
    AreaFactory,
    MembersAreaFactory,
    PrivateAreaFactory,
    member,
)

from ..models import CourseState, EnrolmentState, EventState
from ..selectors import area_upcoming_events
from .course_factories import CohortFactory, CourseFactory, EnrolmentFactory
from .factories import EventFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()  # the facets are cached a minute per combination of filters
    yield
    cache.clear()


# --- per-area calendars ---------------------------------------------------------------------


def test_the_list_calendar_and_feed_of_a_public_area(client: Client) -> None:
    area = AreaFactory.create(name="Beni comuni in Emilia")
    EventFactory.create(area=area, title="Tavolo dei patti di collaborazione")
    EventFactory.create(title="Webinar qualsiasi")

    listing = client.get(reverse("events:list"), {"area": area.slug}).content.decode()
    month = in_days(10).strftime("%Y-%m")
    calendar = client.get(
        reverse("events:calendar"), {"area": area.slug, "mese": month}
    ).content.decode()
    feed = icalendar.Calendar.from_ical(
        client.get(reverse("events:feed"), {"area": area.slug}).content
    )

    for page in (listing, calendar):
        assert "Tavolo dei patti di collaborazione" in page
        assert "Webinar qualsiasi" not in page
        assert "Area: Beni comuni in Emilia" in page  # the chip
        assert f'name="area" value="{area.slug}"' in page  # kept by the filter form
    summaries = [str(entry["SUMMARY"]) for entry in feed.walk("VEVENT")]
    assert summaries == ["Tavolo dei patti di collaborazione"]


@pytest.mark.parametrize("factory", [PrivateAreaFactory, MembersAreaFactory], ids=str)
def test_an_area_the_visitor_may_not_see_is_ignored_without_naming_it(
    client: Client, factory
) -> None:
    area = factory.create(name="Coordinamento riservato dei tutor")
    EventFactory.create(area=area, title="Riunione dei tutor")
    EventFactory.create(title="Laboratorio aperto a tutti")

    for path in (reverse("events:list"), reverse("events:calendar")):
        page = client.get(path, {"area": area.slug}).content.decode()
        unknown = client.get(path, {"area": "nessuna-area"}).content.decode()
        assert "Coordinamento riservato dei tutor" not in page
        assert "Alcuni filtri non sono validi" in page
        assert "Area di lavoro" in page  # the notice names the parameter, not the area
        # The same answer as for an area that does not exist.
        assert page.count("Area di lavoro") == unknown.count("Area di lavoro")
    # The events themselves are public: published events are for everyone; the area
    # only groups them.
    assert "Riunione dei tutor" in client.get(reverse("events:list")).content.decode()


def test_a_member_of_a_private_area_gets_its_calendar(client: Client) -> None:
    area = PrivateAreaFactory.create(name="Edizione 2025 della Scuola")
    person = member(area)
    EventFactory.create(area=area, title="Incontro tra pari")
    EventFactory.create(title="Laboratorio aperto a tutti")
    client.force_login(person)

    page = client.get(reverse("events:list"), {"area": area.slug}).content.decode()

    assert "Incontro tra pari" in page
    assert "Laboratorio aperto a tutti" not in page
    assert "Area: Edizione 2025 della Scuola" in page
    outsider = Client()
    outsider.force_login(UserFactory.create())
    other = outsider.get(reverse("events:list"), {"area": area.slug}).content.decode()
    assert "Edizione 2025 della Scuola" not in other


def test_the_api_filters_by_public_areas_only(client: Client) -> None:
    public = AreaFactory.create()
    private = PrivateAreaFactory.create()
    EventFactory.create(area=public, title="Evento dell'area pubblica")
    EventFactory.create(area=private, title="Evento dell'area privata")

    def titles(slug: str) -> list[str]:
        response = client.get("/api/v1/events", {"area": slug})
        assert response.status_code == 200
        return [item["title"] for item in response.json()["items"]]

    assert titles(public.slug) == ["Evento dell'area pubblica"]
    assert titles(private.slug) == []
    assert titles("non-esiste") == []


def test_area_upcoming_events_next_published_ones_in_order(django_assert_num_queries) -> None:
    area = AreaFactory.create()
    later = EventFactory.create(area=area, starts_at=in_days(20))
    sooner = EventFactory.create(area=area, starts_at=in_days(3))
    EventFactory.create(area=area, starts_at=in_days(-5))  # ended
    EventFactory.create(area=area, state=EventState.DRAFT)
    EventFactory.create(starts_at=in_days(1))  # another area's
    draft_course = CohortFactory.create(course__state=CourseState.DRAFT)
    EventFactory.create(area=area, cohort=draft_course, starts_at=in_days(2))

    with django_assert_num_queries(2):  # the events, their themes (no covers)
        events = area_upcoming_events(area, limit=5)

    assert events == [sooner, later]
    assert area_upcoming_events(area, limit=1) == [sooner]


# --- sessions in the catalogue -----------------------------------------------------------------


def test_a_session_is_labelled_with_its_course(client: Client) -> None:
    cohort = CohortFactory.create(course__title="Scuola di Alta Formazione")
    session = EventFactory.create(cohort=cohort, title="Primo incontro: il quadro normativo")

    listing = client.get(reverse("events:list")).content.decode()
    detail = client.get(session.get_absolute_url()).content.decode()

    assert "Percorso: Scuola di Alta Formazione" in listing
    assert "Scuola di Alta Formazione" in detail
    assert cohort.course.get_absolute_url() in detail


def test_the_registration_box_explains_sessions_are_for_the_enrolled(client: Client) -> None:
    cohort = CohortFactory.create(course__title="Scuola di Alta Formazione")
    session = EventFactory.create(cohort=cohort)
    enrolled = EnrolmentFactory.create(cohort=cohort, state=EnrolmentState.ACTIVE).user

    visitor = client.get(session.get_absolute_url()).content.decode()
    client.force_login(UserFactory.create())
    outsider = client.get(session.get_absolute_url()).content.decode()
    client.force_login(enrolled)
    insider = client.get(session.get_absolute_url()).content.decode()

    assert "Riservato agli iscritti al percorso" in visitor
    assert "Riservato agli iscritti al percorso" in outsider
    assert "Iscriviti" not in outsider.split("iscrizione-titolo")[1].split("</section>")[0]
    assert "Riservato agli iscritti al percorso" not in insider


def test_sessions_of_a_draft_course_stay_out_of_sight(client: Client) -> None:
    course = CourseFactory.create(state=CourseState.DRAFT)
    session = EventFactory.create(
        cohort=CohortFactory.create(course=course), title="Incontro di un percorso in bozza"
    )

    listing = client.get(reverse("events:list")).content.decode()
    feed = client.get(reverse("events:feed")).content.decode()
    detail = client.get(session.get_absolute_url())
    api = client.get("/api/v1/events").json()

    assert "Incontro di un percorso in bozza" not in listing
    assert "Incontro di un percorso in bozza" not in feed
    assert detail.status_code == 404
    assert session.slug not in {item["slug"] for item in api["items"]}

    course.state = CourseState.PUBLISHED
    course.save(update_fields=["state"])
    assert "Incontro di un percorso in bozza" in client.get(reverse("events:list")).content.decode()
    assert client.get(session.get_absolute_url()).status_code == 200


def test_cards_of_sessions_cost_no_query_per_card(client: Client, django_assert_max_num_queries):
    def add(count: int) -> None:
        for n in range(count):
            cohort = CohortFactory.create(course__title=f"Percorso {n}")
            EventFactory.create(cohort=cohort, starts_at=in_days(5 + n))

    add(2)
    cache.clear()
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("events:list"))
    add(6)
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("events:list"))


def test_a_session_moved_to_the_past_keeps_its_label(client: Client) -> None:
    cohort = CohortFactory.create(course__title="Facilitare un tavolo")
    EventFactory.create(
        cohort=cohort, starts_at=in_days(-3), ends_at=in_days(-3) + datetime.timedelta(hours=2)
    )

    page = client.get(reverse("events:list"), {"quando": "passati"}).content.decode()

    assert "Percorso: Facilitare un tavolo" in page

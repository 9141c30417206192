"""Every page of views/registration.py and views/manage.py, role by role: who gets the
page, who is sent to the login, who gets a 403 and who the 404 of a missing event; and
for the actions, that a refused POST changes nothing."""

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from civichub.accounts.models import User
from civichub.accounts.tests.factories import ContributorFactory, PromoterFactory, UserFactory
from civichub.organisations.tests.factories import OrganisationFactory, admin_of

from ..models import Event, EventState, Registration, RegistrationStatus
from .factories import DraftEventFactory, EventFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db

ROLES = ("visitor", "participant", "contributor", "organiser", "org_admin", "promoter")
MANAGERS = {"organiser", "org_admin", "promoter"}
LOGIN = "login"


@pytest.fixture
def people() -> dict[str, User | None]:
    return {
        "visitor": None,
        "participant": UserFactory.create(),
        "contributor": ContributorFactory.create(),  # a contributor who does not run it
        "organiser": ContributorFactory.create(),
        "org_admin": UserFactory.create(),  # admin of the organising organisation
        "promoter": PromoterFactory.create(),
    }


@pytest.fixture
def make_event(people) -> Callable[..., Event]:
    organisation = OrganisationFactory.create()
    admin_of(organisation, people["org_admin"])

    def make(factory=EventFactory, **fields) -> Event:
        return factory.create(organiser=people["organiser"], organisation=organisation, **fields)

    return make


@pytest.fixture
def client_as(people) -> Callable[[str], Client]:
    def make(role: str) -> Client:
        client = Client()
        if people[role] is not None:
            client.force_login(people[role])
        return client

    return make


def outcome(response) -> int | str:
    if response.status_code == 302 and response["Location"].startswith(reverse("account_login")):
        return LOGIN
    return response.status_code


def check(client_as, address: str, expected: dict[str, int | str], method: str = "get") -> None:
    got = {role: outcome(getattr(client_as(role), method)(address)) for role in ROLES}
    assert got == expected


def managers_only(ok: int = 200, others: int = 403) -> dict[str, int | str]:
    return {
        role: LOGIN if role == "visitor" else ok if role in MANAGERS else others for role in ROLES
    }


def event_url(name: str, event: Event) -> str:
    return reverse(f"events:{name}", kwargs={"slug": event.slug})


# --- organisers' pages --------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["edit", "cancel", "attendees", "attendees_csv", "check_in", "feedback_results"]
)
def test_manage_pages_of_a_published_event(client_as, make_event, name):
    check(client_as, event_url(name, make_event()), managers_only())


@pytest.mark.parametrize("name", ["edit", "publish", "cancel", "attendees", "attendees_csv"])
def test_manage_pages_of_a_draft_are_a_404_for_others(client_as, make_event, name):
    check(client_as, event_url(name, make_event(DraftEventFactory)), managers_only(others=404))


def test_create_is_for_contributors_and_promoters(client_as):
    check(
        client_as,
        reverse("events:create"),
        {
            "visitor": LOGIN,
            "participant": 403,
            "contributor": 200,
            "organiser": 200,
            "org_admin": 403,  # an admin of a non-contributor organisation
            "promoter": 200,
        },
    )


def test_refused_actions_change_nothing(client_as, make_event, people):
    draft = make_event(DraftEventFactory)
    published = make_event(title="Laboratorio")
    registration = RegistrationFactory.create(event=published)
    for role in ("visitor", "participant", "contributor"):
        client = client_as(role)
        client.post(event_url("publish", draft))
        client.post(event_url("cancel", published), {"reason": "Scherzo"})
        client.post(event_url("edit", published), {"title": "Rubato"})
        client.post(event_url("check_in", published), {"iscrizione": str(registration.pk)})
        client.post(reverse("events:create"), {"title": "Nuovo"})
    draft.refresh_from_db()
    published.refresh_from_db()
    registration.refresh_from_db()
    assert draft.state == EventState.DRAFT
    assert (published.state, published.title) == (EventState.PUBLISHED, "Laboratorio")
    assert registration.checked_in_at is None
    assert Event.objects.count() == 2


def test_check_in_by_code_is_for_the_managers_of_that_event(client_as, make_event, people):
    start = timezone.now()
    event = make_event(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    registration = RegistrationFactory.create(event=event, user=people["participant"])
    address = reverse("events:check_in_code", kwargs={"code": registration.ticket_code})
    # Even the ticket's owner gets the 404 of an unknown code.
    check(client_as, address, managers_only(others=404))
    check(client_as, address, {**managers_only(ok=302, others=404)}, method="post")


def test_a_manager_of_another_event_cannot_check_in_this_one(client_as, people):
    registration = RegistrationFactory.create(event=EventFactory.create())
    address = reverse("events:check_in_code", kwargs={"code": registration.ticket_code})
    assert client_as("organiser").get(address).status_code == 404
    assert client_as("organiser").post(address).status_code == 404
    registration.refresh_from_db()
    assert registration.checked_in_at is None


# --- people's pages -----------------------------------------------------------------------


def test_register_and_my_events_are_for_members(client_as, make_event):
    event = make_event()
    members = {role: LOGIN if role == "visitor" else 200 for role in ROLES}
    check(client_as, event_url("register", event), members)
    check(client_as, reverse("events:mine"), members)


def owner_only(ok: int = 200) -> dict[str, int | str]:
    return {
        role: LOGIN if role == "visitor" else ok if role == "participant" else 404 for role in ROLES
    }


@pytest.mark.parametrize("name", ["ticket", "cancel_registration"])
def test_own_confirmed_registration_pages(client_as, make_event, people, name):
    event = make_event()
    RegistrationFactory.create(event=event, user=people["participant"])
    # Somebody else's registration gives nothing to the managers either.
    check(client_as, event_url(name, event), owner_only())


def test_confirm_offer_is_for_the_person_offered(client_as, make_event, people):
    event = make_event()
    RegistrationFactory.create(
        event=event,
        user=people["participant"],
        status=RegistrationStatus.OFFERED,
        offer_expires_at=timezone.now() + datetime.timedelta(hours=5),
    )
    check(client_as, event_url("confirm_offer", event), owner_only())
    assert Registration.objects.get(user=people["participant"]).status == RegistrationStatus.OFFERED


@pytest.mark.parametrize("name", ["certificate", "feedback"])
def test_certificate_and_survey_are_for_who_attended(client_as, make_event, people, name):
    event = make_event(starts_at=in_days(-2, 10), ends_at=in_days(-2, 12))
    RegistrationFactory.create(
        event=event, user=people["participant"], checked_in_at=event.starts_at
    )
    check(client_as, event_url(name, event), owner_only())


def test_draft_events_have_no_people_pages(client_as, make_event, people):
    draft = make_event(DraftEventFactory)
    RegistrationFactory.create(event=draft, user=people["participant"])
    for name in ("register", "ticket", "cancel_registration", "confirm_offer"):
        assert client_as("participant").get(event_url(name, draft)).status_code == 404

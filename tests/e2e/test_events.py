"""Events in a real browser on the demo hub: find an event, register, get the
confirmation, cancel, and the person on the waitlist is offered the seat and takes it;
axe on every page on the way."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from civichub.accounts.demo import DEMO_PASSWORD
from civichub.accounts.models import Role, User
from civichub.events.models import Event, Registration, RegistrationStatus

from .axe import assert_no_axe_violations
from .conftest import BrowserProblems

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("demo_hub")]

SLUG = "incontro-abitare-tra-generazioni-reggio-emilia"
FIRST = "partecipante@civichub.example"
TITLE = re.compile("abitare insieme tra generazioni", re.IGNORECASE)


def _check(page: Page, browser_problems: BrowserProblems) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "it")
    assert_no_axe_violations(page)
    browser_problems.assert_none(page)


def _sign_in(page: Page, email: str, then: str) -> None:
    page.context.clear_cookies()
    page.goto(f"/accounts/login/?next={then}")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Accedi", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(then) + "$"))


def _registration_box(page: Page):
    return page.locator("section.event-registration")


def test_register_cancel_and_the_waitlisted_person_takes_the_seat(
    page: Page, browser_problems: BrowserProblems
) -> None:
    event = Event.objects.get(slug=SLUG)
    # One seat left, so that the second person goes on the waitlist.
    Event.objects.filter(pk=event.pk).update(capacity=event.confirmed_count + 1)
    second = (
        User.objects.filter(role=Role.PARTICIPANT, joined_at__isnull=False, is_active=True)
        .exclude(email=FIRST)
        .exclude(event_registrations__event=event)
        .order_by("email")
        .first()
    )
    assert second is not None
    event_path = f"/eventi/{SLUG}/"

    # A visitor finds the event in the list by its kind and opens it.
    page.goto("/eventi/")
    _check(page, browser_problems)
    page.goto("/eventi/?tipo=incontro")
    page.get_by_role("link", name=TITLE).first.click()
    expect(page).to_have_url(re.compile(re.escape(event_path) + "$"))
    expect(_registration_box(page)).to_contain_text("Accedi e iscriviti")
    _check(page, browser_problems)

    # The first person registers and takes the last seat; the confirmation comes with
    # the event as an .ics attachment.
    _sign_in(page, FIRST, event_path)
    _registration_box(page).get_by_role("button", name="Iscriviti").click()
    expect(_registration_box(page)).to_contain_text("il tuo posto è confermato")
    _check(page, browser_problems)
    confirmation = [m for m in mail.outbox if FIRST in m.to][-1]
    assert any(name.endswith(".ics") for name, *_ in confirmation.attachments)

    page.get_by_role("link", name="Il tuo biglietto").click()
    expect(page.locator("svg").first).to_be_visible()
    _check(page, browser_problems)

    # The second person finds it full and joins the waitlist.
    _sign_in(page, second.email, event_path)
    _registration_box(page).get_by_role("button", name="Mettiti in lista d'attesa").click()
    expect(_registration_box(page)).to_contain_text("lista d'attesa")
    _check(page, browser_problems)

    # The first person cancels.
    _sign_in(page, FIRST, event_path)
    _registration_box(page).get_by_role("link", name="Disdici l'iscrizione").click()
    _check(page, browser_problems)
    page.get_by_role("button", name="Sì, disdici").click()
    expect(page).to_have_url(re.compile(re.escape(event_path)))
    assert Registration.objects.get(event=event, user__email=FIRST).status == (
        RegistrationStatus.CANCELLED
    )

    # The seat is offered to the second person, who is told by e-mail and confirms it.
    assert any(second.email in m.to for m in mail.outbox)
    _sign_in(page, second.email, event_path)
    expect(_registration_box(page)).to_contain_text("Si è liberato un posto per te")
    _check(page, browser_problems)
    _registration_box(page).get_by_role("button", name="Conferma il posto").click()
    expect(_registration_box(page)).to_contain_text("il tuo posto è confermato")
    assert Registration.objects.get(event=event, user=second).status == (
        RegistrationStatus.CONFIRMED
    )

    page.goto("/eventi/miei/")
    expect(page.get_by_role("link", name=TITLE).first).to_be_visible()
    _check(page, browser_problems)


# One test for these pages: each browser test seeds the demo hub again.
OTHER_PAGES = [
    "/eventi/?quando=passati",
    "/eventi/calendario/",
    "/eventi/webinar-consultazioni-online-accessibili/",  # online, full, with a waitlist
    "/eventi/laboratorio-orti-condivisi-reggio-emilia/",  # cancelled
    "/eventi/webinar-valutare-processi-partecipativi/",  # past
]


def test_other_event_pages_pass_axe(page: Page, browser_problems: BrowserProblems) -> None:
    for path in OTHER_PAGES:
        response = page.goto(path)
        assert response is not None
        assert response.status == 200, path
        _check(page, browser_problems)

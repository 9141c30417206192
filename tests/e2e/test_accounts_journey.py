"""Sign up → verify the address (e-mail from the locmem outbox) → membership form →
profile, in Chromium, with axe clean and no browser errors on every page."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from civichub.accounts.demo import DEMO_PASSWORD

from .axe import assert_no_axe_violations
from .conftest import BrowserProblems

pytestmark = pytest.mark.e2e

EMAIL = "giovanna.ricci@example.org"
PASSWORD = "laboratori-di-quartiere-2026"


def _check(page: Page, browser_problems: BrowserProblems) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "it")
    assert_no_axe_violations(page)
    browser_problems.assert_none(page)


def test_sign_up_verify_join_and_see_the_profile(
    page: Page, browser_problems: BrowserProblems
) -> None:
    mail.outbox.clear()
    page.goto("/")
    page.locator(".it-access-top-wrapper").get_by_role("link", name="Iscriviti").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Iscriviti")
    _check(page, browser_problems)

    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Iscriviti").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Controlla la tua e-mail")
    _check(page, browser_problems)

    assert len(mail.outbox) == 1
    found = re.search(r"https?://\S+(/accounts/confirm-email/\S+/)", str(mail.outbox[0].body))
    assert found, mail.outbox[0].body
    page.goto(found.group(1))
    expect(page.get_by_role("heading", level=1)).to_have_text("Conferma l'indirizzo e-mail")
    _check(page, browser_problems)

    page.get_by_role("button", name="Confermo").click()
    expect(page).to_have_url(re.compile(r"/accounts/adesione/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Modulo di adesione")
    _check(page, browser_problems)

    page.locator("#id_first_name").fill("Giovanna")
    page.locator("#id_last_name").fill("Ricci")
    page.get_by_text("Terzo Settore", exact=True).click()
    page.locator("#id_municipality").fill("Bologna")
    page.get_by_text("Rigenerazione urbana", exact=True).click()
    page.get_by_text("Co-progettare con altri enti", exact=True).click()
    page.locator("fieldset", has_text="Chi può vedere il tuo profilo").get_by_text(
        "Tutti", exact=True
    ).click()
    page.get_by_text("Accetto le condizioni d'uso dell'hub").click()
    page.get_by_text("Ho letto l'informativa sul trattamento dei dati personali").click()
    page.get_by_role("button", name="Completa l'adesione").click()

    expect(page).to_have_url(re.compile(r"/persone/[a-z0-9]{12}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Giovanna Ricci")
    expect(page.get_by_text("Rigenerazione urbana")).to_be_visible()
    _check(page, browser_problems)

    # The profile is public: a visitor sees it too.
    profile_url = page.url
    page.context.clear_cookies()
    page.goto(profile_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Giovanna Ricci")
    _check(page, browser_problems)


ACCOUNT_PAGES = [
    "/accounts/impostazioni/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    "/accounts/impostazioni/lingua/",
    "/accounts/impostazioni/notifiche/",
    "/accounts/impostazioni/token/",
    "/accounts/impostazioni/privacy/",
    "/accounts/impostazioni/privacy/elimina/",
    "/accounts/contributori/richiesta/",
    "/accounts/contributori/richieste/",
]


def test_login_and_every_account_page_pass_axe(
    page: Page, browser_problems: BrowserProblems
) -> None:
    page.goto("/accounts/login/")
    _check(page, browser_problems)
    page.get_by_label("Email").fill("promotore@civichub.example")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Accedi", exact=True).click()
    expect(page).to_have_url(re.compile(r"/$"))

    # The header menu opens with the keyboard and leads to the profile.
    toggle = page.locator("#user-menu-toggle")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.get_by_role("link", name="Il mio profilo").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Marco Rinaldi")
    _check(page, browser_problems)

    for path in ACCOUNT_PAGES:
        response = page.goto(path)
        assert response is not None
        assert response.status == 200, path
        _check(page, browser_problems)

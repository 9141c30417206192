"""Every public page type: WCAG 2.1 AA with axe, no console errors, no CSP violations,
usable with the keyboard and on a phone."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from .axe import assert_no_axe_violations
from .conftest import BrowserProblems

pytestmark = pytest.mark.e2e

PUBLIC_PAGES = [
    pytest.param("/", 200, id="home"),
    pytest.param("/notizie/", 200, id="news-index"),
    pytest.param("/notizie/al-via-la-comunita-di-pratiche/", 200, id="news-page"),
    pytest.param("/chi-siamo/", 200, id="content-page"),
    pytest.param("/organizzazioni/", 200, id="organisations-directory"),
    pytest.param("/organizzazioni/?tipo=pa&regione=emilia-romagna", 200, id="directory-filtered"),
    pytest.param("/organizzazioni/comune-di-bologna/", 200, id="organisation-page"),
    pytest.param("/esperienze/", 200, id="experiences-list"),
    pytest.param(
        "/esperienze/?regione=emilia-romagna&tema=beni-comuni", 200, id="experiences-filtered"
    ),
    # No published experience in Emilia-Romagna has this theme.
    pytest.param("/esperienze/?regione=emilia-romagna&tema=legalita", 200, id="experiences-none"),
    pytest.param("/esperienze/mappa/", 200, id="experiences-map"),
    pytest.param("/esperienze/bilancio-partecipativo-quartiere-navile/", 200, id="experience-page"),
    # Every library and events page type is checked in test_library.py and test_events.py.
    pytest.param("/strumenti/", 200, id="library-home"),
    pytest.param("/eventi/", 200, id="events-list"),
    pytest.param("/newsletter/", 200, id="newsletter-subscribe"),
    pytest.param("/cerca/?q=partecipazione", 200, id="search-results"),
    pytest.param("/newsletter/numeri/", 200, id="newsletter-archive"),
    pytest.param("/accounts/signup/", 200, id="sign-up"),
    pytest.param("/pagina-che-non-esiste/", 404, id="not-found"),
]


@pytest.mark.parametrize(("path", "status"), PUBLIC_PAGES)
def test_public_page_passes_axe_without_browser_errors(
    page: Page, browser_problems: BrowserProblems, path: str, status: int
) -> None:
    response = page.goto(path)
    assert response is not None
    assert response.status == status
    expect(page.locator("html")).to_have_attribute("lang", "it")
    assert_no_axe_violations(page)
    browser_problems.assert_none(page)


def test_language_link_switches_home_to_english_on_same_path(
    page: Page, browser_problems: BrowserProblems
) -> None:
    page.goto("/")
    with page.expect_navigation():
        page.locator(".language-switcher a[hreflang='en']").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert urlsplit(page.url).path == "/"
    expect(page.locator(".language-switcher .language-current")).to_have_attribute("lang", "en")
    assert_no_axe_violations(page)
    browser_problems.assert_none(page)


def test_first_tab_reaches_skip_link_that_moves_focus_to_main_content(
    page: Page, browser_problems: BrowserProblems
) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    skip_link = page.locator(":focus")
    expect(skip_link).to_have_text("Vai al contenuto principale")
    expect(skip_link).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()
    browser_problems.assert_none(page)


def test_burger_button_opens_mobile_menu(page: Page, browser_problems: BrowserProblems) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    burger = page.get_by_role("button", name="Mostra o nascondi la navigazione")
    news_link = page.locator("#main-menu").get_by_role("link", name="Notizie")
    expect(news_link).to_be_hidden()
    burger.click()
    expect(burger).to_have_attribute("aria-expanded", "true")
    expect(news_link).to_be_visible()
    assert_no_axe_violations(page)
    news_link.click()
    expect(page).to_have_url(re.compile(r"/notizie/$"))
    browser_problems.assert_none(page)

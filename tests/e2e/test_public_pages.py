"""Every public page type: WCAG 2.1 AA with axe, no console errors, no CSP violations,
usable with the keyboard and on a phone."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from .axe import assert_no_axe_violations, axe_violations, format_violations
from .conftest import BrowserProblems

pytestmark = pytest.mark.e2e

# Each entry is checked by test_every_public_page_passes_axe_without_browser_errors,
# with the community and course pages that community_pages() finds in the demo.
PUBLIC_PAGES = [
    ("home", "/", 200),
    ("news-index", "/notizie/", 200),
    ("news-page", "/notizie/al-via-la-comunita-di-pratiche/", 200),
    ("content-page", "/chi-siamo/", 200),
    ("organisations-directory", "/organizzazioni/", 200),
    ("directory-filtered", "/organizzazioni/?tipo=pa&regione=emilia-romagna", 200),
    ("organisation-page", "/organizzazioni/comune-di-bologna/", 200),
    ("experiences-list", "/esperienze/", 200),
    ("experiences-filtered", "/esperienze/?regione=emilia-romagna&tema=beni-comuni", 200),
    # No published experience in Emilia-Romagna has this theme.
    ("experiences-none", "/esperienze/?regione=emilia-romagna&tema=legalita", 200),
    ("experiences-map", "/esperienze/mappa/", 200),
    ("experience-page", "/esperienze/bilancio-partecipativo-quartiere-navile/", 200),
    # Every library and events page type is checked in test_library.py and test_events.py.
    ("library-home", "/strumenti/", 200),
    ("events-list", "/eventi/", 200),
    ("newsletter-subscribe", "/newsletter/", 200),
    ("search-results", "/cerca/?q=partecipazione", 200),
    ("newsletter-archive", "/newsletter/numeri/", 200),
    ("sign-up", "/accounts/signup/", 200),
    ("not-found", "/pagina-che-non-esiste/", 404),
]


def community_pages() -> list[tuple[str, str, int]]:
    """Pages of the demo's communities and courses, found in the database: a public
    area, one of its discussions, its files and projects, a course."""
    from civichub.communities.models import Area, ProjectSpace, Thread, Visibility
    from civichub.events.models import Course

    area = Area.objects.filter(visibility=Visibility.PUBLIC, projects__isnull=False).first()
    assert area is not None, "the demo has no public area with a project"
    thread = Thread.objects.filter(area=area, moderation_state="visible").first()
    assert thread is not None
    project = ProjectSpace.objects.filter(area=area).first()
    course = Course.objects.filter(state="published").first()
    assert project is not None
    assert course is not None
    return [
        ("communities", "/comunita/", 200),
        ("area", area.get_absolute_url(), 200),
        ("area-members", f"{area.get_absolute_url()}membri/", 200),
        ("thread", thread.get_absolute_url(), 200),
        ("area-files", f"{area.get_absolute_url()}file/", 200),
        ("area-projects", f"{area.get_absolute_url()}progetti/", 200),
        ("project", project.get_absolute_url(), 200),
        ("courses", "/eventi/percorsi/", 200),
        ("course", course.get_absolute_url(), 200),
    ]


def test_every_public_page_passes_axe_without_browser_errors(
    page: Page, browser_problems: BrowserProblems
) -> None:
    """One browser on one seeded hub visits every page type (seeding the demo is the
    slow part, so it is done once); every failure is reported with its page."""
    pages = PUBLIC_PAGES + community_pages()
    failures = []
    for name, path, status in pages:
        response = page.goto(path)
        if response is None or response.status != status:
            failures.append(f"{name} {path}: status {response and response.status}")
            continue
        if page.locator("html").get_attribute("lang") != "it":
            failures.append(f"{name} {path}: the page is not in Italian")
        violations = axe_violations(page)
        if violations:
            failures.append(f"{name}: {format_violations(page.url, violations)}")
        try:
            browser_problems.assert_none(page)
        except AssertionError as problem:
            failures.append(f"{name} {path}: {problem}")
        browser_problems.reset()
    assert not failures, "\n".join(failures)


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

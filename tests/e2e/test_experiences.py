"""The experiences catalogue in Chromium: contribution through the multi-step form,
review, the list and the map with their facets (with and without JavaScript), the
experience page; axe clean and no browser errors on every page."""

import re

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from civichub.accounts.demo import DEMO_PASSWORD
from civichub.experiences.models import ExperienceFeedback

from .axe import assert_no_axe_violations
from .conftest import BrowserProblems, open_page

pytestmark = pytest.mark.e2e

CONTRIBUTOR = "contributore@civichub.example"
PROMOTER = "promotore@civichub.example"
PARTICIPANT = "partecipante@civichub.example"

TITLE = "Tavolo di quartiere per il parco della Montagnola"
# No demo experience in Emilia-Romagna has this theme: with the region, it finds only ours.
THEME = "Lavoro e sviluppo locale"
THEME_SLUG = "lavoro"
SLUG = "bilancio-partecipativo-quartiere-navile"
TITLE_NAVILE = "Bilancio partecipativo nel quartiere Navile"


def _check(page: Page, browser_problems: BrowserProblems) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "it")
    assert_no_axe_violations(page)
    browser_problems.assert_none(page)


def _sign_in(page: Page, email: str) -> None:
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Accedi", exact=True).click()
    expect(page).to_have_url(re.compile(r"/$"))


def _tick(page: Page, label: str) -> None:
    """Check a box or radio as people do: Bootstrap Italia draws it over its label."""
    page.locator("label", has_text=label).click()


def _settled(page: Page, selector: str = "#catalogue-results") -> None:
    """Wait for the end of an HTMX swap, seen done: HTMX wires up the new content (the
    filters' form, for instance) only when the swap settles, a moment later."""
    expect(page.locator(selector)).not_to_have_class(re.compile(r"\bhtmx-settling\b"))


def _results_heading(page: Page) -> str:
    return page.locator("#results-title").inner_text()


def _step_heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=2, name=re.compile(text))).to_be_visible()


def test_contributor_creates_promoter_approves_visitor_finds_it_on_the_map(
    page: Page, browser_problems: BrowserProblems
) -> None:
    _sign_in(page, CONTRIBUTOR)
    page.goto("/esperienze/nuova/")
    _step_heading(page, "Passo 1 di 8: L'essenziale")
    _check(page, browser_problems)

    page.get_by_label("Titolo").fill(TITLE)
    page.get_by_label("In breve").fill(
        "Abitanti, associazioni e quartiere hanno scritto insieme le regole d'uso del parco."
    )
    expect(page.get_by_text(re.compile(r"Ancora \d+ caratteri"))).to_be_visible()
    page.get_by_label("Scala").select_option(label="Comunale")
    _tick(page, "Conclusa")
    page.get_by_label("Inizio").fill("2024-03-01")
    page.get_by_label("Fine").fill("2024-11-30")
    page.get_by_role("button", name="Salva e continua").click()

    # The comune picker, with the keyboard only: type, arrow down, Enter, then Tab to
    # the button that adds the comune and Enter.
    _step_heading(page, "Passo 2 di 8: Territorio")
    _check(page, browser_problems)
    picker = page.get_by_role("combobox", name="Aggiungi un comune")
    picker.focus()
    page.keyboard.type("Bolo")
    suggestions = page.get_by_role("listbox", name="Comuni suggeriti").get_by_role("option")
    option = page.locator("[role=option][data-label='Bologna (BO)']")
    expect(option).to_be_visible()
    expect(picker).to_have_attribute("aria-expanded", "true")
    for _ in range(suggestions.count()):
        if option.get_attribute("aria-selected") == "true":
            break
        page.keyboard.press("ArrowDown")
    expect(picker).to_have_attribute("aria-activedescendant", option.get_attribute("id") or "")
    page.keyboard.press("Enter")
    expect(picker).to_have_value(re.compile(r"^Bologna"))
    expect(picker).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Aggiungi il comune")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("checkbox", name=re.compile(r"^Bologna"))).to_be_checked()
    _check(page, browser_problems)
    page.get_by_role("button", name="Salva e continua").click()

    _step_heading(page, "Passo 3 di 8: Metodo e partecipanti")
    _tick(page, THEME)
    _tick(page, "Beni comuni")
    page.get_by_role("button", name="Salva e continua").click()

    _step_heading(page, "Passo 4 di 8: Racconto e risultati")
    page.get_by_label("Racconto").fill(
        "Il parco era chiuso la sera e poco frequentato.\n\n"
        "Sei incontri aperti hanno scritto un regolamento d'uso condiviso."
    )
    page.get_by_role("button", name="Salva e continua").click()

    _step_heading(page, "Passo 5 di 8: Organizzazioni e testimonianze")
    _tick(page, "Quartieri in Rete APS")
    expect(page.get_by_label("con il ruolo di")).to_have_value("promoter")
    page.get_by_label("Testimonianza").fill("Finalmente il parco è di nuovo nostro.")
    page.get_by_role("textbox", name="Nome", exact=True).fill("Anna Bassi")
    _check(page, browser_problems)
    page.get_by_role("button", name="Salva e continua").click()

    _step_heading(page, "Passo 6 di 8")
    page.get_by_role("navigation", name="Passi del modulo").get_by_role(
        "link", name=re.compile("Verifica e invio")
    ).click()
    _step_heading(page, "Passo 8 di 8: Verifica e invio")
    expect(page.get_by_role("progressbar")).to_have_attribute("value", re.compile(r"\d+"))
    expect(page.get_by_text(re.compile(r"Compilata al \d+%"))).to_be_visible()
    expect(page.get_by_role("heading", name="Obbligatori per l'invio")).to_have_count(0)
    _check(page, browser_problems)
    page.get_by_role("button", name="Invia in revisione").click()
    expect(page).to_have_url(re.compile(r"/esperienze/mie/$"))
    expect(page.get_by_text("Esperienza inviata in revisione")).to_be_visible()
    browser_problems.assert_none(page)

    _sign_in(page, PROMOTER)
    page.goto("/esperienze/revisione/")
    _check(page, browser_problems)
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    _check(page, browser_problems)
    _tick(page, "Approva e pubblica")
    page.get_by_role("button", name="Registra la decisione").click()
    expect(page).to_have_url(re.compile(r"/esperienze/revisione/$"))
    expect(page.get_by_text(f"«{TITLE}» è pubblicata.")).to_be_visible()
    browser_problems.assert_none(page)

    page.context.clear_cookies()
    page.goto("/esperienze/mappa/")
    _check(page, browser_problems)
    page.get_by_label("Regione", exact=True).select_option("emilia-romagna")
    expect(page.get_by_label("Provincia", exact=True)).to_be_visible()
    _settled(page)
    expect(page).to_have_url(re.compile(r"\?regione=emilia-romagna$"))
    _tick(page, THEME)
    expect(page).to_have_url(re.compile(f"tema={THEME_SLUG}"))
    expect(page.get_by_role("heading", name="1 esperienza")).to_be_visible()
    # The text alternative of the map: the same experiences as a list.
    expect(
        page.get_by_role("link", name="Le stesse esperienze in forma di elenco")
    ).to_have_attribute("href", f"/esperienze/?regione=emilia-romagna&tema={THEME_SLUG}")
    marker = page.locator(".territory-map__marker")
    expect(marker).to_have_count(1)
    marker.click()
    page.locator(".leaflet-popup").get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    _check(page, browser_problems)


def test_list_filters_with_htmx_and_the_keyboard_and_without_javascript(
    demo_hub: None, live_server: LiveServer, browser_problems: BrowserProblems
) -> None:
    with open_page(live_server.url, browser_problems) as page:
        page.goto("/esperienze/")
        _check(page, browser_problems)
        everything = _results_heading(page)
        # Set on this document: a full page load would lose it.
        page.evaluate("window.sameDocument = true")

        search = page.get_by_role("searchbox", name="Cerca nelle esperienze")
        search.click()
        page.keyboard.type("bilancio")
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(r"/esperienze/\?q=bilancio$"))
        expect(page.locator("#results-title")).not_to_have_text(everything)
        found = _results_heading(page)
        expect(page.locator("#catalogue-status")).to_have_text(
            re.compile(r"^\d+ esperienz[ae] trovat[ae]$")
        )
        expect(search).to_be_focused()
        _settled(page)

        page.keyboard.press("Tab")
        region = page.get_by_role("combobox", name="Regione", exact=True)
        expect(region).to_be_focused()
        page.keyboard.press("ArrowDown")
        expect(page).to_have_url(re.compile(r"\?q=bilancio&regione=emilia-romagna$"))
        expect(region).to_be_focused()
        expect(page.get_by_role("combobox", name="Provincia")).to_be_visible()
        _settled(page)
        expect(
            page.get_by_role("list", name="Filtri attivi").get_by_text("Emilia-Romagna", exact=True)
        ).to_be_visible()
        assert page.evaluate("window.sameDocument") is True
        _check(page, browser_problems)

        page.go_back()
        expect(page).to_have_url(re.compile(r"/esperienze/\?q=bilancio$"))
        expect(page.locator("#results-title")).to_have_text(found)
        page.go_forward()
        expect(page).to_have_url(re.compile(r"regione=emilia-romagna$"))
        expect(page.get_by_role("combobox", name="Provincia")).to_be_visible()
        browser_problems.assert_none(page)

    with open_page(live_server.url, browser_problems, java_script_enabled=False) as page:
        page.goto("/esperienze/")
        page.get_by_role("combobox", name="Regione", exact=True).select_option("marche")
        _tick(page, "Beni comuni")
        page.get_by_role("button", name="Applica i filtri").click()
        expect(page).to_have_url(re.compile(r"regione=marche"))
        expect(page).to_have_url(re.compile(r"tema=beni-comuni"))
        chips = page.get_by_role("list", name="Filtri attivi")
        expect(chips.get_by_text("Marche", exact=True)).to_be_visible()
        expect(chips.get_by_text("Beni comuni", exact=True)).to_be_visible()
        expect(page.locator(".experience-card").first).to_be_visible()
        for place in page.locator(".experience-card__place").all():
            expect(place).to_contain_text("Marche")
        browser_problems.assert_none(page)


def test_experience_page_feedback_follow_print_and_map(
    page: Page, browser_problems: BrowserProblems
) -> None:
    # Without transitions: axe would otherwise see the follow button halfway through
    # its change of colour.
    page.emulate_media(reduced_motion="reduce")
    path = f"/esperienze/{SLUG}/"
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE_NAVILE)
    # The map is drawn by Leaflet, with the experience's point.
    map_section = page.locator("#mappa")
    expect(map_section.locator(".leaflet-container")).to_be_visible()
    expect(map_section.locator(".territory-map__marker")).to_have_count(1)
    _check(page, browser_problems)

    # «Stampa» is revealed by the script and opens the print dialogue.
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="Stampa").click()
    assert page.evaluate("window.printed") is True

    # «È stata utile?» as a visitor: HTMX swaps in the thanks, in the same document.
    # Visitors' pages are cached whole, so a reload shows the question again; a second
    # answer from the same browser replaces the first (signed visitor cookie).
    page.evaluate("window.sameDocument = true")
    feedback = page.locator("#riscontro")
    feedback.get_by_label("Vuoi dirci perché? (facoltativo)").fill("Utile per il nostro comune.")
    feedback.get_by_role("button", name="Sì", exact=True).click()
    expect(feedback.get_by_text("Grazie per il riscontro.")).to_be_visible()
    assert page.evaluate("window.sameDocument") is True
    page.reload()
    feedback.get_by_label("Vuoi dirci perché? (facoltativo)").fill("Ci ho ripensato.")
    feedback.get_by_role("button", name="No", exact=True).click()
    expect(feedback.get_by_text("Grazie per il riscontro.")).to_be_visible()
    answers = ExperienceFeedback.objects.filter(
        experience__slug=SLUG, comment__in=["Utile per il nostro comune.", "Ci ho ripensato."]
    )
    assert [(a.useful, a.comment) for a in answers] == [(False, "Ci ho ripensato.")]
    _check(page, browser_problems)

    # A participant's answer is shown back to them; following works with the keyboard
    # and keeps the focus on the toggle.
    _sign_in(page, PARTICIPANT)
    page.goto(path)
    feedback.get_by_role("button", name="Sì", exact=True).click()
    expect(feedback.get_by_text("Grazie per il riscontro.")).to_be_visible()
    page.reload()
    expect(
        feedback.get_by_text("Hai risposto che ti è stata utile: puoi cambiare la risposta.")
    ).to_be_visible()
    # The demo participant already follows it: stop and follow again, with the keyboard.
    page.get_by_role("button", name="Non seguire più").focus()
    page.keyboard.press("Enter")
    follow = page.get_by_role("button", name="Segui", exact=True)
    expect(follow).to_be_focused()
    expect(page.locator("#segui-stato")).to_have_text("Non segui più questa esperienza.")
    _settled(page, "#segui")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Non seguire più")).to_be_focused()
    expect(page.locator("#segui-stato")).to_have_text("Ora segui questa esperienza.")
    _check(page, browser_problems)
    page.goto("/esperienze/seguite/")
    expect(page.get_by_role("link", name=TITLE_NAVILE)).to_be_visible()
    _check(page, browser_problems)

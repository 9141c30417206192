"""In Chromium on the demo hub: search from the header, narrow by kind, follow a "did you
mean"; axe finds nothing on each page, with no console errors or CSP violations."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.conftest import BrowserProblems, browser_problems, demo_hub, page  # noqa: F401

pytestmark = pytest.mark.e2e


def test_search_from_the_header_and_narrow_by_kind(
    page: Page,  # noqa: F811
    browser_problems: BrowserProblems,  # noqa: F811
) -> None:
    page.goto("/")
    page.get_by_role("link", name="Cerca nel sito").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cerca nel sito")
    assert_no_axe_violations(page)

    search_box = page.get_by_role("search").get_by_label("Che cosa cerchi?")
    search_box.fill("partecipativo")
    search_box.press("Enter")

    results = page.get_by_role("status").get_by_role("heading", level=2)
    expect(results).to_contain_text("per «partecipativo»")
    expect(page.locator(".search-result mark").first).to_be_visible()
    assert_no_axe_violations(page)

    facets = page.get_by_role("navigation", name="Tipo di contenuto")
    facets.get_by_role("link", name=re.compile(r"^Esperienze \(\d+\)$")).click()
    expect(page).to_have_url(re.compile(r"tipo=esperienze"))
    badges = page.locator(".search-result .badge")
    expect(badges.first).to_have_text("Esperienza")
    assert set(badges.all_inner_texts()) == {"Esperienza"}
    assert_no_axe_violations(page)
    browser_problems.assert_none(page)


def test_a_misspelt_search_proposes_a_spelling(
    page: Page,  # noqa: F811
    browser_problems: BrowserProblems,  # noqa: F811
) -> None:
    page.goto("/cerca/?q=assemlbea")

    expect(page.get_by_text("Nessun risultato")).to_be_visible()
    page.get_by_role("link", name="assemblea").click()

    expect(page.get_by_role("status").get_by_role("heading", level=2)).to_contain_text(
        "per «assemblea»"
    )
    expect(page.locator(".search-result").first).to_be_visible()
    assert_no_axe_violations(page)
    browser_problems.assert_none(page)

"""The library in a real browser on the demo hub: a visitor narrows the catalogue with
the facets, opens a method sheet, says it was useful and downloads a file; axe on the
library home, a page of every kind, a collection, the podcast and the proposal form."""

import re

import pytest
from playwright.sync_api import Page, expect

from civichub.accounts.demo import DEMO_PASSWORD
from civichub.library.models import (
    CollectionPage,
    PodcastSeriesPage,
    ResourceKind,
    ResourcePage,
)

from .axe import assert_no_axe_violations
from .conftest import BrowserProblems

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("demo_hub")]


def _check(page: Page, browser_problems: BrowserProblems) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "it")
    assert_no_axe_violations(page)
    browser_problems.assert_none(page)


def _settled(page: Page) -> None:
    expect(page.locator("#catalogue-results")).not_to_have_class(re.compile(r"\bhtmx-settling\b"))


def test_visitor_filters_opens_a_method_sheet_answers_and_downloads(
    page: Page, browser_problems: BrowserProblems
) -> None:
    page.goto("/strumenti/")
    _check(page, browser_problems)
    total = page.locator("#results-title").inner_text()

    # HTMX swaps the results and pushes the address.
    page.locator("label[for='filter-kind-metodo']").click()
    expect(page).to_have_url(re.compile(r"tipo=metodo"))
    _settled(page)
    expect(page.locator("#results-title")).not_to_have_text(total)
    sheets = ResourcePage.objects.live().filter(kind=ResourceKind.METHOD).count()
    expect(page.locator("#results-title")).to_have_text(f"{sheets} strumenti")
    _check(page, browser_problems)

    sheet = ResourcePage.objects.live().filter(kind=ResourceKind.METHOD, files__isnull=False)
    sheet = sheet.order_by("title").first() or (
        ResourcePage.objects.live().filter(kind=ResourceKind.METHOD).order_by("title").first()
    )
    assert sheet is not None
    page.goto(sheet.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(sheet.title)
    _check(page, browser_problems)

    before = sheet.useful_yes
    page.locator("#riscontro").get_by_role("button", name="Sì").click()
    expect(page.locator("#riscontro")).to_contain_text("Grazie")
    sheet.refresh_from_db()
    assert sheet.useful_yes == before + 1
    _check(page, browser_problems)

    toolkit = (
        ResourcePage.objects.live().filter(kind=ResourceKind.TOOLKIT).order_by("title").first()
    )
    assert toolkit is not None
    page.goto(toolkit.url)
    file = toolkit.files.order_by("sort_order").first()
    assert file is not None
    # The counting link redirects to the document (a PDF opens, other files download).
    with page.expect_response(lambda response: "/documenti/" in response.url) as served:
        page.locator(f"a[href='/strumenti/file/{file.pk}/']").first.click()
    assert served.value.status == 200
    file.refresh_from_db()
    assert file.download_count >= 1


def test_every_kind_of_page_and_the_contributor_pages_pass_axe(
    page: Page, browser_problems: BrowserProblems
) -> None:
    paths = [
        ResourcePage.objects.live().filter(kind=kind).order_by("title").first().url
        for kind in ResourceKind.values
    ]
    paths += [
        CollectionPage.objects.live().filter(month__isnull=False).order_by("-month").first().url,
        PodcastSeriesPage.objects.live().first().url,
        "/strumenti/?tipo=podcast&livello=avanzato&lingua=de",  # nothing: the empty state
    ]
    for path in paths:
        response = page.goto(path)
        assert response is not None
        assert response.status == 200, path
        _check(page, browser_problems)

    page.context.clear_cookies()
    page.goto("/accounts/login/?next=/strumenti/proponi/")
    page.get_by_label("Email").fill("contributore@civichub.example")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Accedi", exact=True).click()
    expect(page).to_have_url(re.compile(r"/strumenti/proponi/$"))
    _check(page, browser_problems)
    page.goto("/strumenti/mie/")
    _check(page, browser_problems)

"""The axe helper itself: a page with a known violation must fail, readably."""

import pytest
from playwright.sync_api import Browser

from .axe import axe_violations, format_violations

pytestmark = pytest.mark.e2e


def test_axe_helper_reports_violations_with_their_targets(browser: Browser) -> None:
    page = browser.new_page()
    try:
        page.set_content(
            '<!doctype html><html lang="it"><head><title>Prova</title></head>'
            '<body><main><h1>Prova</h1><img id="senza-alt" src="data:,"></main></body></html>'
        )
        violations = axe_violations(page)
    finally:
        page.close()
    assert [v["id"] for v in violations] == ["image-alt"]
    report = format_violations("about:blank", violations)
    assert "image-alt" in report
    assert "#senza-alt" in report

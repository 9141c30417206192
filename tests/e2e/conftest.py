"""Browser tests: Playwright's sync API drives Debian's Chromium against live_server.

``playwright install`` cannot download browsers here, so the system Chromium is used
(``CHROMIUM`` overrides its path). Every test gets its own Chromium on a freshly
seeded demo hub.
"""

import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag

import pytest
from django.core.management import call_command
from django.db import connections
from playwright.sync_api import Browser, ConsoleMessage, Error, Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
# Fail fast: a local page that takes longer than this is a bug in itself.
TIMEOUT_MS = 10_000

# Reports CSP violations to Python as they happen; added through the DevTools
# protocol, so the page's own CSP does not apply to it.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(
    `${event.effectiveDirective} refused ${event.blockedURI || "inline code"}`
    + ` (${event.sourceFile || document.URL}:${event.lineNumber})`
  );
});
"""


@dataclass
class BrowserProblems:
    """Console errors, uncaught exceptions and CSP violations seen by a page."""

    console_errors: list[tuple[str, str]] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append((message.text, message.location.get("url", "")))

    def on_page_error(self, error: Error) -> None:
        self.page_errors.append(f"{error.name}: {error.message}")

    def on_csp_violation(self, description: str) -> None:
        self.csp_violations.append(description)

    def reset(self) -> None:
        """Forget what was seen, before the next page of the same browser."""
        self.console_errors.clear()
        self.page_errors.clear()
        self.csp_violations.clear()

    def assert_none(self, page: Page) -> None:
        # The error status of the document itself (the 404 page) is logged by
        # Chromium as a failed resource; tests assert that status explicitly.
        document = urldefrag(page.url).url
        console = [
            text
            for text, url in self.console_errors
            if not (text.startswith("Failed to load resource") and url == document)
        ]
        assert not self.csp_violations, f"CSP violations: {self.csp_violations}"
        assert not console, f"console errors: {console}"
        assert not self.page_errors, f"uncaught exceptions: {self.page_errors}"


@contextmanager
def launch_chromium() -> Iterator[Browser]:
    """Playwright and Chromium, for the duration of the block.

    While Playwright's sync API is started it keeps an event loop running in the
    test thread. Django then refuses database access unless DJANGO_ALLOW_ASYNC_UNSAFE
    is set, and hands out other connection objects than the test database's own
    (asgiref's Local follows the event loop). So the fixtures start Chromium after
    the database fixtures and stop it before them, once per test, and the variable
    never leaks to other tests or to the subprocesses that they start.
    """
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found: run `make install-system` (as root) or set CHROMIUM"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()
            # Connections that the test body opened inside the event loop.
            connections.close_all()


@pytest.fixture
def browser() -> Iterator[Browser]:
    """Chromium for tests that need no server (use ``page`` for the site)."""
    with launch_chromium() as browser:
        yield browser


@pytest.fixture
def demo_hub(transactional_db: None, django_db_serialized_rollback: None) -> None:
    """The demo hub, committed so that the live server's thread sees it.

    Serialized rollback brings back the rows created by migrations (root page,
    site) that the flush at the end of each transactional test removes.
    """
    call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture
def browser_problems() -> BrowserProblems:
    return BrowserProblems()


@contextmanager
def open_page(base_url: str, problems: BrowserProblems, **context_options: Any) -> Iterator[Page]:
    """A page of a fresh Chromium that records its problems in ``problems``.

    ``context_options`` go to ``Browser.new_context`` (``viewport``,
    ``java_script_enabled``...). Use it inside a fixture that first sets up the
    database, as ``page`` does (see ``launch_chromium``).
    """
    with launch_chromium() as browser:
        context = browser.new_context(base_url=base_url, locale="it-IT", **context_options)
        context.set_default_timeout(TIMEOUT_MS)
        context.expose_function("reportCspViolation", problems.on_csp_violation)
        context.add_init_script(CSP_LISTENER)
        page = context.new_page()
        page.on("console", problems.on_console)
        page.on("pageerror", problems.on_page_error)
        yield page


@pytest.fixture
def page(
    demo_hub: None, live_server: LiveServer, browser_problems: BrowserProblems
) -> Iterator[Page]:
    """A page on the demo hub; relative URLs resolve against the live server."""
    with open_page(live_server.url, browser_problems) as page:
        yield page

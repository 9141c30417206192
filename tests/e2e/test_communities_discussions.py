"""Discussions in a real browser on the demo hub: a member starts a discussion, another
replies mentioning her through the keyboard autocomplete, and she finds the mention in
her notifications; axe on the new discussion form and on the thread page."""

import re

import pytest
from playwright.sync_api import Page, expect

from civichub.accounts.models import User
from civichub.communities.models import Area, AreaMembership, MemberRole, MemberState

from .conftest import BrowserProblems
from .test_communities import _check, _sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("demo_hub")]

OPENER = "contributore@civichub.example"  # Chiara Esposito
REPLIER = "partecipante@civichub.example"  # Luca Colombo


def _area_with(*emails: str) -> Area:
    area, _created = Area.objects.get_or_create(
        slug="prova-discussioni",
        defaults={
            "name": "Patti di collaborazione (prova)",
            "purpose": "Scambiarsi modelli e pratiche sui patti di collaborazione.",
        },
    )
    for email in emails:
        AreaMembership.objects.update_or_create(
            area=area,
            user=User.objects.get(email=email),
            defaults={"state": MemberState.ACTIVE, "role": MemberRole.MEMBER},
        )
    return area


def test_start_a_discussion_reply_with_a_mention_and_see_the_notification(
    page: Page, browser_problems: BrowserProblems
) -> None:
    area = _area_with(OPENER, REPLIER)
    new_path = f"/comunita/{area.slug}/nuova/"

    # Chiara opens a discussion.
    _sign_in(page, OPENER, new_path)
    _check(page, browser_problems)
    page.get_by_label("Titolo").fill("Un modello di patto per i giardini condivisi?")
    page.get_by_label("Categoria").select_option("question")
    page.get_by_label("Etichette").fill("patti, giardini")
    page.get_by_label("Testo").fill("<p>Qualcuno ha un modello di patto da condividere?</p>")
    page.get_by_role("button", name="Pubblica la discussione").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Un modello di patto per i giardini condivisi?"
    )
    thread_url = page.url
    _check(page, browser_problems)

    # Luca replies and mentions her with the keyboard: "@Chi", arrow, Enter.
    _sign_in(page, REPLIER, _path(thread_url))
    box = page.get_by_label("La tua risposta")
    box.click()
    box.press_sequentially("Ecco il nostro, @Chi")
    option = page.get_by_role("option", name="Chiara Esposito")
    expect(option).to_be_visible()
    box.press("ArrowDown")
    box.press("ArrowUp")
    box.press("Enter")
    expect(box).to_have_value(re.compile("@Chiara Esposito "))
    box.press_sequentially("guarda qui.")
    _check(page, browser_problems)
    page.get_by_role("button", name="Pubblica la risposta").click()
    expect(page.locator(".discussion-reply").first).to_contain_text("@Chiara Esposito")

    # Chiara sees the mention in her notifications.
    _sign_in(page, OPENER, "/notifiche/")
    expect(page.locator("main")).to_contain_text("Luca Colombo ti ha menzionato")
    _check(page, browser_problems)


def _path(url: str) -> str:
    return "/" + url.split("://", 1)[-1].split("/", 1)[-1]

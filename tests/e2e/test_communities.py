"""Working areas in a real browser on the demo hub: a visitor opens /comunita/, a
participant signs in and joins an open area, and finds it among «Le mie aree»; axe on
the list, an area's page and its members page. (The discussions' journey is in
test_communities_discussions.py.)"""

import re

import pytest
from playwright.sync_api import Page, expect

from civichub.accounts.demo import DEMO_PASSWORD
from civichub.accounts.models import User
from civichub.communities.models import Area, AreaMembership, JoinPolicy, Visibility

from .axe import assert_no_axe_violations
from .conftest import BrowserProblems

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("demo_hub")]

PARTICIPANT = "partecipante@civichub.example"


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


def _open_area() -> Area:
    area = (
        Area.objects.filter(
            visibility=Visibility.PUBLIC, join_policy=JoinPolicy.OPEN, archived_at__isnull=True
        )
        .order_by("-members_count")
        .first()
    )
    assert area is not None, "the demo hub has an open public area"
    # The participant starts outside it (the services keep the counter: leave first).
    person = User.objects.get(email=PARTICIPANT)
    from civichub.communities.services.areas import area_leave

    if AreaMembership.objects.filter(area=area, user=person).exists():
        area_leave(area=area, user=person)
    return area


def test_a_participant_joins_an_open_area(page: Page, browser_problems: BrowserProblems) -> None:
    area = _open_area()
    area_path = f"/comunita/{area.slug}/"

    # A visitor sees the list and the area, and is asked to sign in to take part.
    page.goto("/comunita/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Comunità di pratiche")
    _check(page, browser_problems)
    page.get_by_role("link", name=area.name, exact=True).first.click()
    expect(page).to_have_url(re.compile(re.escape(area_path) + "$"))
    expect(page.locator("#join-box-title")).to_be_visible()
    expect(page.get_by_role("link", name="Accedi per partecipare")).to_be_visible()
    _check(page, browser_problems)

    # The participant signs in and joins with one button.
    _sign_in(page, PARTICIPANT, area_path)
    before = Area.objects.get(pk=area.pk).members_count
    page.get_by_role("button", name="Entra nell'area").click()
    expect(page.get_by_text("Fai parte di quest'area.")).to_be_visible()
    assert Area.objects.get(pk=area.pk).members_count == before + 1
    _check(page, browser_problems)

    # The members page lists them; the list shows the area among «Le mie aree».
    page.get_by_role("link", name="vedi i membri").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Membri di")
    _check(page, browser_problems)
    page.goto("/comunita/")
    mine = page.locator("section", has=page.get_by_role("heading", name="Le mie aree"))
    expect(mine.get_by_role("link", name=area.name, exact=True)).to_be_visible()
    _check(page, browser_problems)

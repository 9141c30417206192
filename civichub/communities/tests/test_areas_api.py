"""/api/v1/areas and the areas' RSS feed: public areas only (members-only, private and
the promoters' workspace never appear, whoever asks), constant queries; the profile
section; the GDPR eraser; the back office."""

import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.urls import reverse

from civichub.accounts.registry import DATA_EXPORTERS, ERASERS
from civichub.accounts.tests.factories import PromoterFactory, StaffFactory, UserFactory
from civichub.moderation.models import ContentState
from civichub.taxonomy.models import Theme

from ..models import Area, AreaMembership, MemberState, Thread
from ..setup_areas import facilitated_scopes
from .factories import AreaFactory, MembersAreaFactory, PrivateAreaFactory, facilitator, member

pytestmark = pytest.mark.django_db

URL = "/api/v1/areas"


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["items"]]


def areas_of_every_kind() -> dict[str, Area]:
    return {
        "public": AreaFactory.create(slug="pubblica"),
        "members": MembersAreaFactory.create(slug="iscritti"),
        "private": PrivateAreaFactory.create(slug="privata"),
        "workspace": PrivateAreaFactory.create(slug="promotori", is_promoters_workspace=True),
        "archived": AreaFactory.create(slug="archiviata", archived_at="2026-01-01T00:00:00Z"),
    }


def thread(area: Area, title: str, state: str = ContentState.VISIBLE) -> Thread:
    return Thread.objects.create(
        area=area,
        author=UserFactory.create(first_name="Paolo", last_name="Neri"),
        title=title,
        slug="discussione",
        body="<p>Come avete coinvolto le scuole?</p>",
        moderation_state=state,
    )


# --- API ----------------------------------------------------------------------------------


def test_api_lists_only_public_areas_whoever_asks():
    areas = areas_of_every_kind()
    keeper = facilitator(areas["private"])
    assert slugs(Client().get(URL)) == ["pubblica"]
    staff = Client()
    staff.force_login(StaffFactory.create())
    assert slugs(staff.get(URL)) == ["pubblica"]
    member_client = Client()
    member_client.force_login(keeper)
    assert slugs(member_client.get(URL)) == ["pubblica"]


def test_api_item_fields():
    theme = Theme.objects.order_by("pk").first()
    assert theme is not None
    area = AreaFactory.create(slug="beni-comuni", name="Beni comuni", themes=[theme])
    member(area)
    item = Client().get(URL).json()["items"][0]
    assert item["slug"] == "beni-comuni"
    assert item["name"] == "Beni comuni"
    assert item["members_count"] == 1
    assert item["threads_count"] == 0
    assert item["url"] == "/comunita/beni-comuni/"
    assert item["themes"] == [{"slug": theme.slug, "name": theme.name, "name_en": theme.name_en}]
    assert item["last_activity_at"]
    assert "welcome" not in item


@pytest.mark.parametrize(
    ("kind", "status"),
    [("public", 200), ("members", 404), ("private", 404), ("workspace", 404), ("archived", 404)],
)
def test_api_detail(kind, status):
    areas = areas_of_every_kind()
    response = Client().get(f"{URL}/{areas[kind].slug}")
    assert response.status_code == status
    if status == 200:
        assert response.json()["join_policy"] == "open"
    assert Client().get(f"{URL}/non-esiste").status_code == 404


def test_api_queries_stay_constant(django_assert_num_queries):
    themes = list(Theme.objects.order_by("pk")[:3])
    for _ in range(5):
        AreaFactory.create(themes=themes)
    with django_assert_num_queries(3):  # count, page, themes
        Client().get(URL)
    for _ in range(60):
        AreaFactory.create(themes=themes)
    with django_assert_num_queries(3):
        body = Client().get(URL).json()
    assert body["count"] == 65
    assert len(body["items"]) == 50


# --- feed ---------------------------------------------------------------------------------


def test_feed_of_a_public_area_lists_visible_discussions():
    area = AreaFactory.create(name="Scuole aperte")
    thread(area, "Patti educativi di comunità")
    thread(area, "In attesa di revisione", ContentState.HELD)
    response = Client().get(reverse("communities:feed", kwargs={"area": area.slug}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 (our own output)
    assert channel is not None
    assert channel.findtext("title") == "Scuole aperte: discussioni"
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == ["Patti educativi di comunità"]


@pytest.mark.parametrize("kind", ["members", "private", "workspace"])
def test_no_feed_for_areas_that_are_not_public(kind):
    areas = areas_of_every_kind()
    thread(areas[kind], "Riservata")
    for user in (None, StaffFactory.create(), PromoterFactory.create()):
        client = Client()
        if user is not None:
            client.force_login(user)
        url = reverse("communities:feed", kwargs={"area": areas[kind].slug})
        assert client.get(url).status_code == 404


# --- profile, GDPR, moderation scope --------------------------------------------------------


def test_profile_section_shows_only_areas_the_viewer_may_see():
    person = UserFactory.create()
    member(AreaFactory.create(name="Area aperta a tutti"), person)
    member(PrivateAreaFactory.create(name="Tavolo riservato"), person)
    from civichub.accounts.registry import PROFILE_SECTIONS

    section = PROFILE_SECTIONS["communities"]
    seen = section.context(person, UserFactory.create())
    assert [area.name for area in seen["areas"]] == ["Area aperta a tutti"]
    assert seen["total"] == 1
    assert section.context(person, person)["total"] == 2


def test_eraser_deletes_memberships_and_fixes_counters():
    area = AreaFactory.create()
    person = member(area)
    member(area)
    assert [row["state"] for row in DATA_EXPORTERS["communities_areas"](person).data] == ["active"]
    ERASERS["communities_areas"](person)
    area.refresh_from_db()
    assert area.members_count == 1
    assert not AreaMembership.objects.filter(user=person).exists()
    assert AreaMembership.objects.filter(area=area, state=MemberState.ACTIVE).count() == 1


def test_scope_resolver_returns_facilitated_areas():
    area = AreaFactory.create()
    keeper = facilitator(area)
    assert facilitated_scopes(keeper) == {f"area:{area.pk}"}
    assert facilitated_scopes(member(area)) == set()


# --- back office ------------------------------------------------------------------------------


def test_staff_create_an_area_in_the_back_office():
    staff = StaffFactory.create()
    tutor = UserFactory.create(email="tutor@example.org")
    client = Client()
    client.force_login(staff)
    add = reverse("wagtailsnippets_communities_area:add")
    assert client.get(add).status_code == 200
    response = client.post(
        add,
        {
            "name": "Mie",
            "name_en": "",
            "slug": "",
            "purpose": "Coordinare i tavoli.",
            "purpose_en": "",
            "welcome": "",
            "visibility": "private",
            "join_policy": "open",
            "facilitators": "tutor@example.org",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    area = Area.objects.get()
    assert area.slug == "mie-2"  # reserved path avoided by the service
    assert area.join_policy == "invitation"
    assert AreaMembership.objects.get(area=area).user == tutor
    assert client.get(reverse("wagtailsnippets_communities_areamembership:list")).status_code == 200


def test_participants_do_not_reach_the_back_office_areas():
    client = Client()
    client.force_login(UserFactory.create())
    response = client.get(reverse("wagtailsnippets_communities_area:add"))
    assert response.status_code in (302, 403)

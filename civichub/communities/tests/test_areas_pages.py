"""The areas' pages over HTTP: the visibility matrix (public / members / private ×
visitor, participant outside, member, facilitator, promoter, staff), the membership
flows through the forms, the facilitators' page, and constant query counts."""

import pytest
from django.test import Client
from django.urls import reverse

from civichub.accounts.tests.factories import (
    NewUserFactory,
    PromoterFactory,
    StaffFactory,
    UserFactory,
    public_profile,
)
from civichub.notifications.models import Notification
from civichub.taxonomy.models import Theme

from ..models import Area, AreaMembership, JoinPolicy, MemberRole, MemberState, Visibility
from ..services import areas as services
from .factories import AreaFactory, MembersAreaFactory, PrivateAreaFactory, facilitator, member

pytestmark = pytest.mark.django_db

ROLES = ("visitor", "participant", "member", "facilitator", "promoter", "staff")
# Who reads an area of each visibility (permissions.can_view_area).
READERS = {
    Visibility.PUBLIC: set(ROLES),
    Visibility.MEMBERS: set(ROLES) - {"visitor"},
    Visibility.PRIVATE: {"member", "facilitator", "staff"},
}
FACTORIES: dict[str, type[AreaFactory]] = {
    Visibility.PUBLIC: AreaFactory,
    Visibility.MEMBERS: MembersAreaFactory,
    Visibility.PRIVATE: PrivateAreaFactory,
}


def setup_area(visibility: str) -> tuple[Area, dict]:
    area = FACTORIES[visibility].create(name=f"Area {visibility}", slug=f"area-{visibility}")
    people = {
        "visitor": None,
        "participant": UserFactory.create(),
        "member": member(area),
        "facilitator": facilitator(area),
        "promoter": PromoterFactory.create(),
        "staff": StaffFactory.create(),
    }
    return area, people


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


# --- the visibility matrix ----------------------------------------------------------------


@pytest.mark.parametrize("visibility", list(Visibility))
def test_area_pages_by_role(visibility):
    area, people = setup_area(visibility)
    for role, user in people.items():
        client = client_for(user)
        for name in ("communities:area", "communities:members"):
            response = client.get(reverse(name, kwargs={"area": area.slug}))
            expected = 200 if role in READERS[visibility] else 404
            assert response.status_code == expected, (role, name, response.status_code)
        listed = area.name in client.get(reverse("communities:index")).content.decode()
        assert listed == (role in READERS[visibility]), (role, "list")


@pytest.mark.parametrize("visibility", list(Visibility))
def test_manage_page_by_role(visibility):
    area, people = setup_area(visibility)
    managers = {"facilitator", "staff"} | ({"promoter"} if visibility != "private" else set())
    url = reverse("communities:manage", kwargs={"area": area.slug})
    for role, user in people.items():
        response = client_for(user).get(url)
        if role == "visitor":
            assert response.status_code == 302
            assert "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == (200 if role in managers else 404), role


@pytest.mark.parametrize("visibility", list(Visibility))
def test_refused_manage_posts_change_nothing(visibility):
    area, people = setup_area(visibility)
    target = AreaMembership.objects.get(user=people["member"])
    for role in ("participant", "member"):
        client = client_for(people[role])
        remove = reverse("communities:remove", kwargs={"area": area.slug, "pk": target.pk})
        assert client.post(remove, {"reason": "no"}).status_code == 404
        promote = reverse("communities:facilitator", kwargs={"area": area.slug, "pk": target.pk})
        assert client.post(promote, {"facilitatore": "1"}).status_code == 404
    target.refresh_from_db()
    assert (target.state, target.role) == (MemberState.ACTIVE, MemberRole.MEMBER)


def test_promoters_read_and_post_in_the_workspace():
    workspace = PrivateAreaFactory.create(is_promoters_workspace=True, name="Spazio dei promotori")
    promoter = PromoterFactory.create()
    client = client_for(promoter)
    response = client.get(workspace.get_absolute_url())
    assert response.status_code == 200
    assert "Lo spazio riservato ai promotori" in response.content.decode()
    assert "Spazio dei promotori" in client.get(reverse("communities:index")).content.decode()
    assert client_for(UserFactory.create()).get(workspace.get_absolute_url()).status_code == 404


def test_missing_area_is_404():
    assert Client().get("/comunita/non-esiste/").status_code == 404


# --- list ---------------------------------------------------------------------------------


def test_list_puts_my_areas_first_and_filters_by_theme():
    themes = list(Theme.objects.order_by("pk")[:2])
    mine = AreaFactory.create(name="Aree interne", themes=[themes[0]])
    AreaFactory.create(name="Economia sociale", themes=[themes[1]])
    person = UserFactory.create()
    services.area_join(area=mine, user=person)
    client = client_for(person)

    page = client.get(reverse("communities:index")).content.decode()
    assert "Le mie aree" in page
    assert page.index("Aree interne") < page.index("Economia sociale")
    assert "Ne fai parte" in page

    filtered = client.get(reverse("communities:index"), {"tema": themes[1].slug}).content.decode()
    assert "Economia sociale" in filtered
    assert "Aree interne" not in filtered


def test_empty_list():
    response = Client().get(reverse("communities:index"))
    assert response.status_code == 200
    assert "Non ci sono ancora aree di lavoro." in response.content.decode()


def test_list_queries_stay_constant(django_assert_max_num_queries):
    themes = list(Theme.objects.order_by("pk")[:3])
    person = UserFactory.create()
    for n in range(30):
        area = AreaFactory.create(themes=themes)
        facilitator(area)
        if n % 3 == 0:
            member(area, person)
    client = client_for(person)
    client.get(reverse("communities:index"))  # warm the session and caches
    # 8 for the page's shell (session, user, header, hub settings…), 9 for the areas.
    with django_assert_max_num_queries(17) as captured:
        assert client.get(reverse("communities:index")).status_code == 200
    few = len(captured.captured_queries)
    for _ in range(30):
        facilitator(AreaFactory.create(themes=themes))
    with django_assert_max_num_queries(few):
        client.get(reverse("communities:index"))


# --- members page -------------------------------------------------------------------------


def test_members_page_facilitators_first_and_profile_links_by_visibility():
    area = AreaFactory.create()
    hidden = member(area, UserFactory.create(first_name="Anna", last_name="Riservata"))
    bruno = UserFactory.create(first_name="Bruno", last_name="Pubblico")
    shown = member(area, public_profile(bruno))
    lead = facilitator(area, UserFactory.create(first_name="Carla", last_name="Facilitatrice"))
    page = Client().get(reverse("communities:members", kwargs={"area": area.slug}))
    html = page.content.decode()
    assert html.index("Carla Facilitatrice") < html.index("Anna Riservata")
    assert f"/persone/{shown.public_id}/" in html
    assert f"/persone/{hidden.public_id}/" not in html  # members-only profile, visitor
    assert f"/persone/{lead.public_id}/" not in html
    signed = client_for(UserFactory.create()).get(
        reverse("communities:members", kwargs={"area": area.slug})
    )
    assert f"/persone/{hidden.public_id}/" in signed.content.decode()


def test_members_page_queries_stay_constant(django_assert_max_num_queries):
    area = AreaFactory.create()
    for _ in range(5):
        member(area)
    client = client_for(UserFactory.create())
    url = reverse("communities:members", kwargs={"area": area.slug})
    client.get(url)
    with django_assert_max_num_queries(14) as captured:
        client.get(url)
    few = len(captured.captured_queries)
    for _ in range(40):
        member(area)
    with django_assert_max_num_queries(few):
        response = client.get(url)
    assert response.context["page_obj"].paginator.count == 45


# --- membership flows over HTTP -------------------------------------------------------------


def test_join_an_open_area_with_a_post_twice():
    area = AreaFactory.create()
    person = UserFactory.create()
    client = client_for(person)
    url = reverse("communities:join", kwargs={"area": area.slug})
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302
    area.refresh_from_db()
    assert area.members_count == 1
    page = client.get(area.get_absolute_url()).content.decode()
    assert "Fai parte di quest&#x27;area." in page or "Fai parte di quest'area." in page


def test_visitor_is_sent_to_login_and_new_people_to_the_membership_form():
    area = AreaFactory.create()
    url = reverse("communities:join", kwargs={"area": area.slug})
    response = Client().post(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    response = client_for(NewUserFactory.create()).get(url)
    assert response.status_code == 302
    assert not AreaMembership.objects.exists()


def test_request_with_message_then_facilitator_approves_on_the_manage_page():
    area = MembersAreaFactory.create()
    keeper = facilitator(area)
    person = UserFactory.create(first_name="Marta", last_name="Conti")
    client = client_for(person)
    join = reverse("communities:join", kwargs={"area": area.slug})
    assert client.get(join).status_code == 200
    client.post(join, {"message": "Coordino un centro per le famiglie."})
    row = AreaMembership.objects.get(user=person)
    assert row.state == MemberState.REQUESTED

    manager = client_for(keeper)
    page = manager.get(reverse("communities:manage", kwargs={"area": area.slug}))
    assert "Coordino un centro per le famiglie." in page.content.decode()
    decide = reverse("communities:request_decide", kwargs={"area": area.slug, "pk": row.pk})
    assert manager.post(decide, {"decisione": "approva"}).status_code == 302
    assert manager.post(decide, {"decisione": "approva"}).status_code == 404  # decided
    row.refresh_from_db()
    area.refresh_from_db()
    assert row.state == MemberState.ACTIVE
    assert area.members_count == 2


def test_too_long_message_is_refused_and_nothing_saved():
    area = MembersAreaFactory.create()
    client = client_for(UserFactory.create())
    response = client.post(
        reverse("communities:join", kwargs={"area": area.slug}), {"message": "x" * 1001}
    )
    assert response.status_code == 200
    assert "1000" in response.content.decode()
    assert not AreaMembership.objects.exists()


def test_invitation_by_email_then_accepted_from_the_invitation_page():
    area = PrivateAreaFactory.create()
    keeper = facilitator(area)
    person = UserFactory.create(email="lucia.ferri@example.org")
    manager = client_for(keeper)
    invite = reverse("communities:invite", kwargs={"area": area.slug})
    assert manager.post(invite, {"person": "Lucia.Ferri@example.org"}).status_code == 302
    assert manager.post(invite, {"person": "nessuno@example.org"}).status_code == 400

    guest = client_for(person)
    assert guest.get(area.get_absolute_url()).status_code == 404  # private until accepted
    invitation = reverse("communities:invitation", kwargs={"area": area.slug})
    assert guest.get(invitation).status_code == 200
    assert client_for(UserFactory.create()).get(invitation).status_code == 404
    assert guest.post(invitation, {"risposta": "accetta"}).status_code == 302
    assert guest.get(area.get_absolute_url()).status_code == 200
    area.refresh_from_db()
    assert area.members_count == 2


def test_invite_by_public_id():
    area = PrivateAreaFactory.create()
    keeper = facilitator(area)
    person = UserFactory.create()
    client_for(keeper).post(
        reverse("communities:invite", kwargs={"area": area.slug}), {"person": person.public_id}
    )
    assert AreaMembership.objects.get(user=person).state == MemberState.INVITED


def test_remove_with_confirmation_and_reason():
    area = AreaFactory.create()
    keeper = facilitator(area)
    person = member(area)
    row = AreaMembership.objects.get(user=person)
    manager = client_for(keeper)
    url = reverse("communities:remove", kwargs={"area": area.slug, "pk": row.pk})
    assert manager.get(url).status_code == 200
    assert manager.post(url, {"reason": ""}).status_code == 200  # reason required
    row.refresh_from_db()
    assert row.state == MemberState.ACTIVE
    assert manager.post(url, {"reason": "Messaggi fuori tema ripetuti."}).status_code == 302
    row.refresh_from_db()
    assert row.state == MemberState.REMOVED
    assert Notification.objects.filter(recipient=person, kind="areas").exists()


def test_set_facilitator_and_welcome_from_the_manage_page():
    area = AreaFactory.create()
    keeper = facilitator(area)
    person = member(area)
    row = AreaMembership.objects.get(user=person)
    manager = client_for(keeper)
    manager.post(
        reverse("communities:facilitator", kwargs={"area": area.slug, "pk": row.pk}),
        {"facilitatore": "1"},
    )
    row.refresh_from_db()
    assert row.role == MemberRole.FACILITATOR
    response = manager.post(
        reverse("communities:welcome", kwargs={"area": area.slug}),
        {"welcome": "Benvenuti! Presentatevi nella discussione fissata."},
    )
    assert response.status_code == 302
    page = Client().get(area.get_absolute_url()).content.decode()
    assert "Presentatevi nella discussione fissata." in page


def test_leave_with_confirmation():
    area = AreaFactory.create()
    person = member(area)
    client = client_for(person)
    url = reverse("communities:leave", kwargs={"area": area.slug})
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    area.refresh_from_db()
    assert area.members_count == 0
    assert AreaMembership.objects.get(user=person).state == MemberState.LEFT


def test_get_never_changes_anything():
    area = AreaFactory.create(join_policy=JoinPolicy.OPEN)
    client = client_for(UserFactory.create())
    client.get(reverse("communities:join", kwargs={"area": area.slug}))
    client.get(reverse("communities:leave", kwargs={"area": area.slug}))
    assert not AreaMembership.objects.exists()


def test_header_link_to_the_promoters_workspace():
    workspace = PrivateAreaFactory.create(is_promoters_workspace=True)
    promoter = client_for(PromoterFactory.create())
    assert "/comunita/promotori/" in promoter.get(reverse("communities:index")).content.decode()
    response = promoter.get(reverse("communities:promoters_workspace"))
    assert response["Location"] == workspace.get_absolute_url()
    participant = client_for(UserFactory.create())
    assert "/comunita/promotori/" not in participant.get("/comunita/").content.decode()
    assert participant.get(reverse("communities:promoters_workspace")).status_code == 404


def test_area_page_shows_follow_button_and_join_box_by_state():
    area = MembersAreaFactory.create(name="Welfare generativo")
    person = UserFactory.create()
    client = client_for(person)
    page = client.get(area.get_absolute_url()).content.decode()
    assert "Chiedi di entrare" in page
    assert "Non ci sono ancora discussioni" in page or "Nuova discussione" not in page
    assert "notifications-follow" in page  # a reader may follow the area
    services.area_join(area=area, user=person)
    page = client.get(area.get_absolute_url()).content.decode()
    assert "Ritira la richiesta" in page
    anonymous = Client().get(AreaFactory.create().get_absolute_url()).content.decode()
    assert "Accedi per partecipare" in anonymous
    assert "notifications-follow" not in anonymous

"""Pages: the list, mark read, what I follow, follow / stop following, unsubscribe, bell."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from civichub.accounts.models import NotificationPreference
from civichub.accounts.notifications import unsubscribe_token
from civichub.accounts.tests.factories import PromoterFactory, UserFactory, public_profile
from civichub.experiences.tests.factories import DraftFactory, ExperienceFactory
from civichub.organisations.tests.factories import OrganisationFactory

from ..models import Follow, Notification
from ..selectors import unread_count
from .factories import NotificationFactory, follow_row

pytestmark = pytest.mark.django_db

LIST = reverse("notifications:list")
MARK = reverse("notifications:mark_read")
FOLLOWED = reverse("notifications:followed")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def follow_url(target) -> str:
    content_type = ContentType.objects.get_for_model(target)
    return reverse("notifications:follow", args=[content_type.pk, target.pk])


# --- list ------------------------------------------------------------------------------------


def test_list_needs_sign_in():
    response = Client().get(LIST)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_list_empty_state():
    page = signed_in(UserFactory.create()).get(LIST).content.decode()
    assert "Non hai ancora notifiche" in page


def test_list_shows_own_unread_first():
    person = UserFactory.create()
    read = NotificationFactory.create(recipient=person, text="Già letta")
    Notification.objects.filter(pk=read.pk).update(read_at=read.created_at)
    NotificationFactory.create(recipient=person, text="Da leggere")
    NotificationFactory.create(text="Di qualcun altro")
    page = signed_in(person).get(LIST).content.decode()
    assert page.index("Da leggere") < page.index("Già letta")
    assert "Di qualcun altro" not in page
    assert "Segna tutte come lette" in page


def test_list_queries_stay_constant(django_assert_num_queries):
    person = UserFactory.create()
    client = signed_in(person)
    NotificationFactory.create_batch(2, recipient=person, actor=UserFactory.create())
    for _ in range(2):  # warm the shared caches
        client.get(LIST)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    NotificationFactory.create_batch(30, recipient=person, actor=UserFactory.create())
    with django_assert_num_queries(len(few)):
        response = client.get(LIST)
    assert response.status_code == 200
    with django_assert_num_queries(len(few)):
        client.get(LIST + "?pagina=2")


def test_mark_one_read_and_all():
    person = UserFactory.create()
    first, second, _third = NotificationFactory.create_batch(3, recipient=person)
    other = NotificationFactory.create()
    client = signed_in(person)
    response = client.post(MARK, {"id": first.pk})
    assert response.status_code == 302
    assert response["Location"] == LIST
    assert unread_count(person) == 2
    # Someone else's notification: nothing changes, no error that tells it exists.
    client.post(MARK, {"id": other.pk})
    assert unread_count(other.recipient) == 1
    assert client.post(MARK, {"id": "x"}).status_code == 404
    client.post(MARK)
    client.post(MARK)  # double submit
    assert unread_count(person) == 0
    assert not Notification.objects.filter(recipient=person, read_at__isnull=True).exists()
    assert second.pk


def test_mark_read_needs_post_and_sign_in():
    assert signed_in(UserFactory.create()).get(MARK).status_code == 405
    assert Client().post(MARK).status_code == 302


def test_mark_read_htmx_gets_the_list_back():
    person = UserFactory.create()
    NotificationFactory.create(recipient=person)
    response = signed_in(person).post(MARK, HTTP_HX_REQUEST="true", follow=True)
    assert response.status_code == 200
    assert 'id="notifiche"' in response.content.decode()


# --- bell ------------------------------------------------------------------------------------


def test_bell_for_members_only_with_count():
    person = UserFactory.create()
    NotificationFactory.create_batch(3, recipient=person)
    page = signed_in(person).get(FOLLOWED).content.decode()
    assert "notifications-bell" in page
    assert "3 non lette" in page
    anonymous = Client().get(reverse("experiences:list")).content.decode()
    assert "notifications-bell" not in anonymous


def test_bell_says_99_plus():
    from ..models import UnreadCounter

    person = UserFactory.create()
    UnreadCounter.objects.create(user=person, unread=120)
    page = signed_in(person).get(FOLLOWED).content.decode()
    assert "99+" in page
    assert "120 non lette" in page


def test_bell_costs_one_query(django_assert_num_queries):
    from django.template import Context, Template
    from django.test import RequestFactory

    person = UserFactory.create()
    NotificationFactory.create(recipient=person)
    request = RequestFactory().get("/")
    request.user = person
    template = Template(
        "{% load notifications_tags %}{% unread_notifications as a %}"
        "{% unread_notifications as b %}{{ a }}{{ b }}"
    )
    with django_assert_num_queries(1):
        assert template.render(Context({"request": request, "user": person})) == "11"


# --- follow ----------------------------------------------------------------------------------


def test_follow_toggle_experience():
    person, experience = UserFactory.create(), ExperienceFactory.create()
    client = signed_in(person)
    response = client.post(follow_url(experience))
    assert response.status_code == 302
    assert response["Location"] == experience.get_absolute_url()
    client.post(follow_url(experience))  # double submit
    assert Follow.objects.filter(user=person).count() == 1
    client.post(follow_url(experience), {"segui": "0"})
    assert not Follow.objects.exists()


def test_follow_htmx_returns_the_button():
    person, organisation = UserFactory.create(), OrganisationFactory.create(is_public=True)
    response = signed_in(person).post(follow_url(organisation), HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Non seguire più" in page
    assert "Ora segui." in page


def test_follow_a_public_person_but_not_oneself_nor_a_hidden_profile():
    person = UserFactory.create()
    visible = public_profile(UserFactory.create())
    hidden = UserFactory.create()  # profile visible to members by default
    from civichub.accounts.models import Profile, Visibility

    Profile.objects.filter(user=hidden).update(visibility=Visibility.PRIVATE)
    client = signed_in(person)
    assert client.post(follow_url(visible)).status_code == 302
    assert client.post(follow_url(person)).status_code == 404
    assert client.post(follow_url(hidden)).status_code == 404
    assert list(Follow.objects.values_list("object_id", flat=True)) == [visible.pk]


@pytest.mark.parametrize("role", ["participant", "promoter"])
def test_cannot_follow_a_hidden_or_unknown_object(role):
    person = UserFactory.create() if role == "participant" else PromoterFactory.create()
    client = signed_in(person)
    assert client.post(follow_url(DraftFactory.create())).status_code == 404
    assert client.post(follow_url(OrganisationFactory.create(is_public=False))).status_code == (
        404 if role == "participant" else 302
    )
    preference = NotificationPreference.objects.create(
        user=person, kind="follows", frequency="daily"
    )
    assert client.post(follow_url(preference)).status_code == 404  # not followable
    assert client.post(reverse("notifications:follow", args=[999999, 1])).status_code == 404
    assert client.post(reverse("notifications:follow", args=[1, 999999])).status_code == 404


def test_visitor_is_sent_to_login_and_nothing_saved():
    experience = ExperienceFactory.create()
    response = Client().post(follow_url(experience))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Follow.objects.exists()


def test_follow_needs_post():
    client = signed_in(UserFactory.create())
    assert client.get(follow_url(ExperienceFactory.create())).status_code == 405


def test_next_must_be_on_this_site():
    person, experience = UserFactory.create(), ExperienceFactory.create()
    response = signed_in(person).post(follow_url(experience), {"next": "https://evil.example/"})
    assert response["Location"] == experience.get_absolute_url()


def test_followed_page_groups_by_kind_and_hides_what_is_no_longer_visible():
    person = UserFactory.create()
    experience = ExperienceFactory.create(title="Orti condivisi a Pesaro")
    gone = ExperienceFactory.create(title="Esperienza ritirata")
    organisation = OrganisationFactory.create(name="Associazione Lame", is_public=True)
    friend = public_profile(UserFactory.create(first_name="Giulia", last_name="Neri"))
    for target in (experience, gone, organisation, friend):
        follow_row(person, target)
    gone.state = "draft"
    gone.save(update_fields=["state"])
    page = signed_in(person).get(FOLLOWED).content.decode()
    assert "Orti condivisi a Pesaro" in page
    assert "Esperienza ritirata" not in page
    assert "Associazione Lame" in page
    assert "Giulia Neri" in page
    assert page.index("Esperienze") < page.index("Organizzazioni") < page.index("Persone")


def test_followed_page_empty_state():
    page = signed_in(UserFactory.create()).get(FOLLOWED).content.decode()
    assert "Non segui ancora nulla" in page


def test_follow_button_on_organisation_and_profile_pages():
    person = UserFactory.create()
    organisation = OrganisationFactory.create(is_public=True)
    page = signed_in(person).get(organisation.get_absolute_url()).content.decode()
    assert follow_url(organisation) in page
    friend = public_profile(UserFactory.create())
    page = (
        signed_in(person).get(reverse("accounts:profile", args=[friend.public_id])).content.decode()
    )
    assert follow_url(friend) in page
    own = (
        signed_in(person).get(reverse("accounts:profile", args=[person.public_id])).content.decode()
    )
    assert follow_url(person) not in own


# --- unsubscribe -----------------------------------------------------------------------------


def unsubscribe_url(user, kind="mentions") -> str:
    return reverse("notifications:unsubscribe", args=[unsubscribe_token(user=user, kind=kind)])


def frequency(user, kind):
    return (
        NotificationPreference.objects.filter(user=user, kind=kind)
        .values_list("frequency", flat=True)
        .first()
    )


def test_unsubscribe_get_asks_to_confirm_and_changes_nothing():
    person = UserFactory.create()
    response = Client().get(unsubscribe_url(person))
    assert response.status_code == 200
    assert "Sì, non inviarmele più" in response.content.decode()
    assert frequency(person, "mentions") is None


def test_unsubscribe_form_post_signed_out_with_csrf():
    person = UserFactory.create()
    client = Client(enforce_csrf_checks=True)
    url = unsubscribe_url(person)
    client.get(url)
    token = client.cookies["csrftoken"].value
    response = client.post(url, {"csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert "Fatto" in response.content.decode()
    assert frequency(person, "mentions") == "never"


def test_unsubscribe_form_post_without_csrf_is_refused():
    person = UserFactory.create()
    response = Client(enforce_csrf_checks=True).post(unsubscribe_url(person))
    assert response.status_code == 403
    assert frequency(person, "mentions") is None


def test_one_click_post_needs_no_csrf():
    person = UserFactory.create()
    response = Client(enforce_csrf_checks=True).post(
        unsubscribe_url(person, "follows"), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert frequency(person, "follows") == "never"
    assert frequency(person, "mentions") is None


def test_digest_unsubscribe_turns_off_every_daily_kind():
    person = UserFactory.create()
    NotificationPreference.objects.create(user=person, kind="mentions", frequency="daily")
    Client().post(unsubscribe_url(person, "digest:daily"), {"List-Unsubscribe": "One-Click"})
    assert frequency(person, "mentions") == "never"
    assert frequency(person, "follows") == "never"  # daily by default
    assert frequency(person, "replies") is None  # immediate: untouched


@pytest.mark.parametrize(
    "token",
    ["non-valido", "abc:def:ghi"],
)
def test_bad_token_gets_a_400_page(token):
    url = reverse("notifications:unsubscribe", args=[token])
    for response in (Client().get(url), Client().post(url, {"List-Unsubscribe": "One-Click"})):
        assert response.status_code == 400
        assert "Collegamento non valido" in response.content.decode()


def test_token_of_an_unknown_kind_or_erased_person_is_refused():
    person = UserFactory.create()
    assert Client().get(unsubscribe_url(person, "nessuno")).status_code == 400
    assert Client().get(unsubscribe_url(person, "digest:mensile")).status_code == 400
    url = unsubscribe_url(person)
    person.is_active = False
    person.save(update_fields=["is_active"])
    assert Client().get(url).status_code == 400


def test_tampered_token_is_refused():
    person, other = UserFactory.create(), UserFactory.create()
    token = unsubscribe_token(user=person, kind="mentions")
    forged = (
        unsubscribe_token(user=other, kind="mentions").split(":")[0] + ":" + token.split(":", 1)[1]
    )
    assert Client().get(reverse("notifications:unsubscribe", args=[forged])).status_code == 400

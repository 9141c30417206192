"""«È stata utile?» and follows: one answer per person or browser, counters, CSRF on a
cached page, follow toggling and the list of followed experiences."""

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from civichub.accounts.models import User
from civichub.accounts.tests.factories import (
    ContributorFactory,
    PromoterFactory,
    UserFactory,
)
from civichub.core.feedback import LATEST_COMMENTS
from civichub.core.visitors import VISITOR_COOKIE
from civichub.experiences.models import (
    Experience,
    ExperienceFeedback,
    State,
)
from civichub.notifications.models import Follow
from civichub.notifications.tests.factories import follow_row

from .factories import DraftFactory, ExperienceFactory

pytestmark = pytest.mark.django_db


def url(name: str, experience: Experience) -> str:
    return reverse(f"experiences:{name}", kwargs={"slug": experience.slug})


def signed_in(user: User, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def counters(experience: Experience) -> tuple[int, int]:
    experience.refresh_from_db(fields=["useful_yes", "useful_no"])
    return experience.useful_yes, experience.useful_no


# --- feedback: visitors ---------------------------------------------------------------------


def test_a_visitor_answers_once_per_browser_and_may_change_the_answer():
    experience = ExperienceFactory.create()
    browser = Client()

    first = browser.post(url("feedback", experience), {"useful": "si", "comment": "Molto chiara"})

    assert first.status_code == 302
    assert first["Location"] == url("detail", experience) + "?riscontro=grazie#riscontro"
    cookie = first.cookies[VISITOR_COOKIE]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert counters(experience) == (1, 0)

    second = browser.post(url("feedback", experience), {"useful": "no"})

    assert second.status_code == 302
    assert VISITOR_COOKIE not in second.cookies  # the same key is kept
    assert counters(experience) == (0, 1)
    feedback = ExperienceFeedback.objects.get()
    assert (feedback.user, feedback.useful, feedback.comment) == (None, False, "")
    assert len(feedback.visitor_key) > 20

    Client().post(url("feedback", experience), {"useful": "si"})  # another browser

    assert counters(experience) == (1, 1)
    assert ExperienceFeedback.objects.count() == 2


def test_a_tampered_visitor_cookie_gets_a_new_key():
    experience = ExperienceFactory.create()
    browser = Client()
    browser.post(url("feedback", experience), {"useful": "si"})
    browser.cookies[VISITOR_COOKIE] = "falso:firma"

    response = browser.post(url("feedback", experience), {"useful": "si"})

    assert VISITOR_COOKIE in response.cookies
    assert ExperienceFeedback.objects.count() == 2


def test_after_answering_the_page_says_thanks():
    experience = ExperienceFactory.create()

    response = Client().get(url("detail", experience) + "?riscontro=grazie")

    assert "Grazie per il riscontro." in response.content.decode()


def test_visitors_post_without_a_csrf_token_but_not_from_another_site():
    experience = ExperienceFactory.create()
    browser = Client(enforce_csrf_checks=True)

    assert browser.post(url("feedback", experience), {"useful": "si"}).status_code == 302
    foreign = browser.post(
        url("feedback", experience), {"useful": "no"}, headers={"Origin": "https://altro.example"}
    )
    cross_site = browser.post(
        url("feedback", experience), {"useful": "no"}, headers={"Sec-Fetch-Site": "cross-site"}
    )
    same_site = browser.post(
        url("feedback", experience), {"useful": "no"}, headers={"Origin": "http://testserver"}
    )

    assert foreign.status_code == cross_site.status_code == 403
    assert same_site.status_code == 302
    assert counters(experience) == (0, 1)


# --- feedback: members ----------------------------------------------------------------------


def test_a_member_answers_once_and_updates_the_answer():
    experience = ExperienceFactory.create()
    member = UserFactory.create()
    client = signed_in(member)

    client.post(url("feedback", experience), {"useful": "no", "comment": "Mancano i costi"})
    response = client.post(url("feedback", experience), {"useful": "si", "comment": "Ora è chiaro"})

    assert response.status_code == 302
    assert VISITOR_COOKIE not in response.cookies
    feedback = ExperienceFeedback.objects.get()
    assert (feedback.user, feedback.visitor_key, feedback.useful, feedback.comment) == (
        member,
        "",
        True,
        "Ora è chiaro",
    )
    assert counters(experience) == (1, 0)
    page = client.get(url("detail", experience)).content.decode()
    assert "Hai risposto che ti è stata utile" in page


def test_members_need_a_csrf_token():
    experience = ExperienceFactory.create()
    client = signed_in(UserFactory.create(), enforce_csrf_checks=True)

    refused = client.post(url("feedback", experience), {"useful": "si"})
    token = client.get(url("detail", experience)).context["csrf_token"]
    accepted = client.post(
        url("feedback", experience), {"useful": "si", "csrfmiddlewaretoken": token}
    )

    assert refused.status_code == 403
    assert accepted.status_code == 302
    assert counters(experience) == (1, 0)


def test_a_too_long_comment_is_refused_and_nothing_is_saved():
    experience = ExperienceFactory.create()

    response = Client().post(url("feedback", experience), {"useful": "si", "comment": "x" * 1001})

    assert response.status_code == 400
    assert "più di 1000 caratteri" in response.content.decode()
    assert not ExperienceFeedback.objects.exists()
    assert counters(experience) == (0, 0)
    assert VISITOR_COOKIE not in response.cookies


def test_an_answer_is_required():
    experience = ExperienceFactory.create()

    response = Client().post(url("feedback", experience), {"useful": "forse"})

    assert response.status_code == 400
    assert "Scegli «Sì» oppure «No»." in response.content.decode()
    assert not ExperienceFeedback.objects.exists()


def test_with_htmx_only_the_feedback_box_is_returned():
    experience = ExperienceFactory.create()
    htmx = {"HX-Request": "true"}

    done = Client().post(url("feedback", experience), {"useful": "si"}, headers=htmx)
    error = Client().post(url("feedback", experience), {"comment": "x"}, headers=htmx)

    assert done.status_code == 200
    assert "Grazie per il riscontro." in done.content.decode()
    assert "<html" not in done.content.decode()
    assert VISITOR_COOKIE in done.cookies
    assert error.status_code == 200
    assert 'role="alert"' in error.content.decode()


def test_get_is_not_allowed():
    experience = ExperienceFactory.create()

    assert Client().get(url("feedback", experience)).status_code == 405


@pytest.mark.parametrize("state", [State.DRAFT, State.SUBMITTED])
def test_no_feedback_on_an_unpublished_experience(state):
    author = ContributorFactory.create()
    experience = DraftFactory.create(author=author, state=state)

    assert Client().post(url("feedback", experience), {"useful": "si"}).status_code == 404
    assert signed_in(author).post(url("feedback", experience), {"useful": "si"}).status_code == 403
    assert not ExperienceFeedback.objects.exists()


@pytest.mark.parametrize(
    ("role", "sees"),
    [("visitor", False), ("participant", False), ("author", True), ("promoter", True)],
)
def test_counts_and_latest_comments_for_promoters_and_authors(role, sees):
    author = ContributorFactory.create()
    experience = ExperienceFactory.create(author=author)
    for n in range(LATEST_COMMENTS + 2):
        Client().post(
            url("feedback", experience),
            {"useful": "si" if n % 3 else "no", "comment": f"Commento numero {n:02d}"},
        )
    users: dict[str, Any] = {
        "visitor": None,
        "participant": UserFactory.create(),
        "author": author,
        "promoter": PromoterFactory.create(),
    }
    client = signed_in(users[role]) if users[role] else Client()

    content = client.get(url("detail", experience)).content.decode()

    assert ("Utile: 14 · Non utile: 8" in content) is sees
    assert ("Commento numero 21" in content) is sees
    assert "Commento numero 01" not in content  # only the latest 20


# --- follows --------------------------------------------------------------------------------


def test_visitors_are_sent_to_the_login_to_follow():
    experience = ExperienceFactory.create()

    response = Client().post(url("follow", experience))
    page = Client().get(url("detail", experience)).content.decode()

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert url("detail", experience) in response["Location"]
    assert "Accedi per seguirla" in page
    assert not Follow.objects.exists()


def test_members_follow_and_stop_following():
    experience = ExperienceFactory.create()
    member = UserFactory.create()
    client = signed_in(member)

    followed = client.post(url("follow", experience), {"segui": "1"})
    again = client.post(url("follow", experience), {"segui": "1"})

    assert followed.status_code == again.status_code == 302
    assert Follow.objects.filter(user=member, object_id=experience.pk).count() == 1
    page = client.get(url("detail", experience)).content.decode()
    assert "Non seguire più" in page
    assert "1 persona la segue" in page
    assert "Ora segui questa esperienza" in page  # the flash message

    client.post(url("follow", experience), {"segui": "0"})

    assert not Follow.objects.exists()
    page = client.get(url("detail", experience)).content.decode()
    assert "Non seguire più" not in page
    assert '<input type="hidden" name="segui" value="1">' in page


def test_follow_with_htmx_swaps_the_box_and_announces_it():
    experience = ExperienceFactory.create()
    client = signed_in(UserFactory.create())

    response = client.post(
        url("follow", experience), {"segui": "1"}, headers={"HX-Request": "true"}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Non seguire più" in content
    assert 'hx-swap-oob="innerHTML">Ora segui questa esperienza.' in content


@pytest.mark.parametrize("state", [State.DRAFT, State.SUBMITTED, State.REJECTED])
def test_unpublished_experiences_cannot_be_followed(state):
    author = ContributorFactory.create()
    experience = DraftFactory.create(author=author, state=state)

    assert signed_in(author).post(url("follow", experience)).status_code == 403
    assert signed_in(UserFactory.create()).post(url("follow", experience)).status_code == 404
    assert not Follow.objects.exists()


def test_follow_needs_post():
    experience = ExperienceFactory.create()

    assert signed_in(UserFactory.create()).get(url("follow", experience)).status_code == 405


# --- "Esperienze seguite" -------------------------------------------------------------------


FOLLOWED = reverse("experiences:followed")


def test_the_followed_list_needs_a_login():
    response = Client().get(FOLLOWED)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_followed_list_shows_published_experiences_latest_first():
    member = UserFactory.create()
    first = ExperienceFactory.create(title="Prima seguita")
    second = ExperienceFactory.create(title="Seconda seguita")
    unpublished = ExperienceFactory.create(title="Poi ritirata")
    ExperienceFactory.create(title="Non seguita")
    for experience in (first, second, unpublished):
        follow_row(member, experience)
    Experience.objects.filter(pk=unpublished.pk).update(state=State.DRAFT)

    content = signed_in(member).get(FOLLOWED).content.decode()

    assert content.index("Seconda seguita") < content.index("Prima seguita")
    assert "Poi ritirata" not in content
    assert "Non seguita" not in content
    assert "Segui 2 esperienze." in content


def test_the_followed_list_is_empty_at_first():
    content = signed_in(UserFactory.create()).get(FOLLOWED).content.decode()

    assert "Non segui ancora nessuna esperienza." in content


def count_queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_followed_list_costs_the_same_queries_with_more_experiences():
    member = UserFactory.create()
    client = signed_in(member)
    for experience in ExperienceFactory.create_batch(2):
        follow_row(member, experience)
    for _ in range(2):  # warm the shared caches (hub settings, navigation)
        client.get(FOLLOWED)
    few = count_queries(client, FOLLOWED)

    for experience in ExperienceFactory.create_batch(25):
        follow_row(member, experience)
    many = count_queries(client, FOLLOWED)
    last_page = count_queries(client, FOLLOWED + "?pagina=2")

    assert few == many == last_page

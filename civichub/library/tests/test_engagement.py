"""«È stato utile?» (one answer per person or browser, counters, CSRF on cached pages,
who sees the answers) and counted downloads."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from civichub.accounts.models import User
from civichub.accounts.tests.factories import ContributorFactory, PromoterFactory, UserFactory
from civichub.core.feedback import LATEST_COMMENTS
from civichub.core.visitors import VISITOR_COOKIE

from ..engagement import file_download_count, resource_feedback_record
from ..models import ResourceFeedback, ResourceFile, ResourceKind, ResourcePage
from .factories import document, resource

pytestmark = pytest.mark.django_db


def feedback_url(page: ResourcePage) -> str:
    return reverse("library:feedback", args=[page.pk])


def download_url(file: ResourceFile) -> str:
    return reverse("library:download", args=[file.pk])


def signed_in(user: User, **kwargs: Any) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def counters(page: ResourcePage) -> tuple[int, int]:
    page.refresh_from_db(fields=["useful_yes", "useful_no"])
    return page.useful_yes, page.useful_no


@pytest.fixture
def guide() -> ResourcePage:
    return resource(ResourceKind.GUIDE, slug="guida-utile")


# --- visitors -------------------------------------------------------------------------------


def test_a_visitor_answers_once_per_browser_and_may_change_the_answer(guide):
    browser = Client()

    first = browser.post(feedback_url(guide), {"useful": "si", "comment": "Molto chiara"})

    assert first.status_code == 302
    assert first["Location"] == f"{guide.url}?riscontro=grazie#riscontro"
    cookie = first.cookies[VISITOR_COOKIE]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert counters(guide) == (1, 0)

    second = browser.post(feedback_url(guide), {"useful": "no"})

    assert second.status_code == 302
    assert VISITOR_COOKIE not in second.cookies  # the same key is kept
    assert counters(guide) == (0, 1)
    feedback = ResourceFeedback.objects.get()
    assert (feedback.user, feedback.useful, feedback.comment) == (None, False, "")
    assert len(feedback.visitor_key) > 20

    Client().post(feedback_url(guide), {"useful": "si"})  # another browser

    assert counters(guide) == (1, 1)
    assert ResourceFeedback.objects.count() == 2


def test_the_page_says_thanks_after_an_answer(guide):
    content = Client().get(guide.url + "?riscontro=grazie").content.decode()

    assert "Grazie per il riscontro." in content


def test_visitors_post_without_a_token_but_not_from_another_site(guide):
    browser = Client(enforce_csrf_checks=True)

    assert browser.post(feedback_url(guide), {"useful": "si"}).status_code == 302
    foreign = browser.post(
        feedback_url(guide), {"useful": "no"}, headers={"Origin": "https://altro.example"}
    )
    cross_site = browser.post(
        feedback_url(guide), {"useful": "no"}, headers={"Sec-Fetch-Site": "cross-site"}
    )
    same_site = browser.post(
        feedback_url(guide), {"useful": "no"}, headers={"Origin": "http://testserver"}
    )

    assert foreign.status_code == cross_site.status_code == 403
    assert same_site.status_code == 302
    assert counters(guide) == (0, 1)


# --- members --------------------------------------------------------------------------------


def test_a_member_answers_once_and_updates_the_answer(guide):
    member = UserFactory.create()
    client = signed_in(member)

    client.post(feedback_url(guide), {"useful": "no", "comment": "Mancano esempi"})
    response = client.post(feedback_url(guide), {"useful": "si", "comment": "Ora è chiara"})

    assert response.status_code == 302
    assert VISITOR_COOKIE not in response.cookies
    feedback = ResourceFeedback.objects.get()
    assert (feedback.user, feedback.visitor_key, feedback.useful, feedback.comment) == (
        member,
        "",
        True,
        "Ora è chiara",
    )
    assert counters(guide) == (1, 0)
    assert "Hai risposto che ti è stato utile" in client.get(guide.url).content.decode()


def test_members_need_a_csrf_token(guide):
    client = signed_in(UserFactory.create(), enforce_csrf_checks=True)

    refused = client.post(feedback_url(guide), {"useful": "si"})
    token = client.get(guide.url).context["csrf_token"]
    accepted = client.post(feedback_url(guide), {"useful": "si", "csrfmiddlewaretoken": token})

    assert refused.status_code == 403
    assert accepted.status_code == 302
    assert counters(guide) == (1, 0)


# --- bad input ------------------------------------------------------------------------------


def test_a_too_long_comment_is_refused_and_nothing_is_saved(guide):
    response = Client().post(feedback_url(guide), {"useful": "si", "comment": "x" * 1001})

    assert response.status_code == 400
    content = response.content.decode()
    assert "più di 1000 caratteri" in content
    assert 'id="resource-title"' in content  # the whole page again, with the error
    assert "x" * 1001 in content  # what was typed is kept
    assert not ResourceFeedback.objects.exists()
    assert counters(guide) == (0, 0)
    assert VISITOR_COOKIE not in response.cookies


def test_an_answer_is_required(guide):
    response = Client().post(feedback_url(guide), {"useful": "forse"})

    assert response.status_code == 400
    assert "Scegli «Sì» oppure «No»." in response.content.decode()
    assert not ResourceFeedback.objects.exists()


def test_with_htmx_only_the_feedback_box_is_returned(guide):
    htmx = {"HX-Request": "true"}

    done = Client().post(feedback_url(guide), {"useful": "si"}, headers=htmx)
    error = Client().post(feedback_url(guide), {"comment": "x"}, headers=htmx)

    assert done.status_code == 200
    assert "Grazie per il riscontro." in done.content.decode()
    assert "<html" not in done.content.decode()
    assert VISITOR_COOKIE in done.cookies
    assert error.status_code == 200
    assert 'role="alert"' in error.content.decode()


def test_get_is_not_allowed(guide):
    assert Client().get(feedback_url(guide)).status_code == 405


def test_no_feedback_on_a_draft_or_restricted_or_missing_resource():
    proposer = ContributorFactory.create()
    draft = resource(ResourceKind.GUIDE, live=False, proposed_by=proposer)
    restricted = resource(ResourceKind.GUIDE)
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")

    assert Client().post(feedback_url(draft), {"useful": "si"}).status_code == 404
    assert signed_in(proposer).post(feedback_url(draft), {"useful": "si"}).status_code == 404
    assert Client().post(feedback_url(restricted), {"useful": "si"}).status_code == 404
    assert Client().post("/strumenti/utile/999999/", {"useful": "si"}).status_code == 404
    assert not ResourceFeedback.objects.exists()
    with pytest.raises(PermissionDenied):
        resource_feedback_record(resource=draft, user=proposer, useful=True)


def test_the_service_checks_who_answers_and_the_comment(guide):
    with pytest.raises(ValidationError):
        resource_feedback_record(resource=guide, useful=True)  # neither person nor browser
    with pytest.raises(ValidationError):
        resource_feedback_record(resource=guide, visitor_key="k" * 65, useful=True)
    with pytest.raises(ValidationError):
        resource_feedback_record(resource=guide, visitor_key="k", useful=True, comment="x" * 1001)

    resource_feedback_record(resource=guide, visitor_key="k", useful=True, comment="  ok  ")

    assert ResourceFeedback.objects.get().comment == "ok"
    assert guide.useful_yes == 1  # refreshed on the instance


@pytest.mark.parametrize(
    ("role", "sees"),
    [("visitor", False), ("participant", False), ("proposer", True), ("promoter", True)],
)
def test_answers_and_latest_comments_for_promoters_and_the_proposer(role, sees):
    proposer = ContributorFactory.create()
    guide = resource(ResourceKind.GUIDE, proposed_by=proposer)
    for n in range(LATEST_COMMENTS + 2):
        resource_feedback_record(
            resource=guide,
            visitor_key=f"browser-{n}",
            useful=bool(n % 3),
            comment=f"Commento numero {n:02d}",
        )
    users: dict[str, Any] = {
        "visitor": None,
        "participant": UserFactory.create(),
        "proposer": proposer,
        "promoter": PromoterFactory.create(),
    }
    client = signed_in(users[role]) if users[role] else Client()

    content = client.get(guide.url).content.decode()

    assert ("Utile: 14 · Non utile: 8 · Download: 0" in content) is sees
    assert ("Commento numero 21" in content) is sees
    assert "Commento numero 01" not in content  # only the latest 20


# --- downloads ------------------------------------------------------------------------------


def test_a_download_is_counted_and_redirected():
    attachment = document("scheda.pdf")
    page = resource(ResourceKind.TOOLKIT, files=[attachment])
    file = page.files.get()

    response = Client().get(download_url(file))
    Client().get(download_url(file))

    assert response.status_code == 302
    assert response["Location"] == attachment.url
    assert response["Cache-Control"] == "no-store"
    file.refresh_from_db()
    page.refresh_from_db()
    assert (file.download_count, page.download_count) == (2, 2)
    assert Client().get(response["Location"]).status_code == 200


def test_only_get_counts_a_download():
    page = resource(ResourceKind.TOOLKIT)
    file = page.files.get()

    assert Client().post(download_url(file)).status_code == 405
    assert Client().head(download_url(file)).status_code == 405
    file.refresh_from_db()
    assert file.download_count == 0


def test_files_of_drafts_and_restricted_resources_are_not_served():
    draft = resource(ResourceKind.TOOLKIT, live=False)
    restricted = resource(ResourceKind.TOOLKIT)
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")

    for page in (draft, restricted):
        file = ResourceFile.objects.get(resource=page)
        assert Client().get(download_url(file)).status_code == 404
        assert signed_in(PromoterFactory.create()).get(download_url(file)).status_code == 404
        file.refresh_from_db()
        assert file.download_count == 0
    assert Client().get("/strumenti/file/999999/").status_code == 404


def test_the_document_of_a_document_page_is_counted_too():
    page = resource(ResourceKind.DOCUMENT)

    response = Client().get(page.url + "scarica/")

    assert response.status_code == 302
    assert response["Location"] == page.document.url
    page.refresh_from_db()
    assert page.download_count == 1


def test_the_counting_service_moves_both_counters():
    page = resource(ResourceKind.TOOLKIT)
    file = page.files.get()

    file_download_count(file=file)

    assert ResourceFile.objects.get(pk=file.pk).download_count == 1
    assert ResourcePage.objects.get(pk=page.pk).download_count == 1

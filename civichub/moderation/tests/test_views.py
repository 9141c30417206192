"""HTTP-level tests of the moderation pages."""

import pytest
from django.urls import reverse

from civichub.accounts.tests.factories import PromoterFactory, UserFactory
from civichub.communities.tests.factories import facilitator
from civichub.experiences.tests.factories import ExperienceFactory

from ..models import ContentState, Report, ReportStatus, Suspension
from ..services import user_suspend
from .factories import ReportFactory, ThreadFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("moderation:queue")


def target_url(thread, action=None):
    kwargs = {"label": "communities.thread", "object_id": thread.pk}
    if action:
        return reverse("moderation:act", kwargs={**kwargs, "action": action})
    return reverse("moderation:target", kwargs=kwargs)


def report_url(obj, label="communities.thread"):
    return reverse("moderation:report", kwargs={"label": label, "object_id": obj.pk})


# --- queue ---------------------------------------------------------------------------------


def test_queue_needs_a_moderator(client):
    assert client.get(QUEUE).status_code == 302  # to the login
    client.force_login(UserFactory.create())
    assert client.get(QUEUE).status_code == 403


def test_facilitators_see_their_area_and_promoters_everything(client):
    mine, other = ThreadFactory.create(), ThreadFactory.create()
    ReportFactory.create(target=mine)
    ReportFactory.create(target=other)
    client.force_login(facilitator(mine.area))
    page = client.get(QUEUE).content.decode()
    assert mine.title in page
    assert other.title not in page
    client.force_login(PromoterFactory.create())
    page = client.get(QUEUE).content.decode()
    assert mine.title in page
    assert other.title in page


def test_queue_groups_reports_and_filters(client):
    thread = ThreadFactory.create()
    ReportFactory.create_batch(3, target=thread)
    ReportFactory.create(target=thread, reason="offensive")
    dismissed = ReportFactory.create(status=ReportStatus.DISMISSED)
    client.force_login(PromoterFactory.create())
    response = client.get(QUEUE)
    assert response.context["page_obj"].object_list[0].reports == 4
    page = response.content.decode()
    assert "Spam o pubblicità (3)" in page
    assert dismissed.target.title not in page
    filtered = client.get(QUEUE, {"motivo": "offensive"}).context["page_obj"].object_list
    assert [item.reports for item in filtered] == [1]
    archived = client.get(QUEUE, {"stato": "dismissed"}).content.decode()
    assert dismissed.target.title in archived
    assert client.get(QUEUE, {"stato": "nonsense", "motivo": "x"}).status_code == 200


def test_queue_query_count_is_constant(client, django_assert_max_num_queries):
    promoter = PromoterFactory.create()
    client.force_login(promoter)
    ReportFactory.create_batch(2)
    ReportFactory.create(target=ExperienceFactory.create())
    ThreadFactory.create(moderation_state=ContentState.HELD)
    client.get(QUEUE)  # warm the content-type cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(QUEUE).status_code == 200
    ReportFactory.create_batch(25)
    ReportFactory.create_batch(3, target=ExperienceFactory.create())
    ThreadFactory.create_batch(5, moderation_state=ContentState.HELD)
    with django_assert_max_num_queries(len(few)):
        response = client.get(QUEUE)
    assert len(response.context["page_obj"].object_list) == 20


# --- a target's page and its actions -------------------------------------------------------


def test_target_page_is_404_for_non_moderators(client):
    thread = ThreadFactory.create()
    client.force_login(UserFactory.create())
    assert client.get(target_url(thread)).status_code == 404
    client.force_login(facilitator(ThreadFactory.create().area))
    assert client.get(target_url(thread)).status_code == 404
    missing = reverse(
        "moderation:target", kwargs={"label": "communities.thread", "object_id": 999999}
    )
    client.force_login(PromoterFactory.create())
    assert client.get(missing).status_code == 404
    unknown = reverse("moderation:target", kwargs={"label": "accounts.user", "object_id": 1})
    assert client.get(unknown).status_code == 404


def test_hide_from_the_page_needs_a_reason(client):
    thread = ThreadFactory.create()
    report = ReportFactory.create(target=thread, note="Insulti")
    client.force_login(PromoterFactory.create())
    page = client.get(target_url(thread))
    assert page.status_code == 200
    assert "Insulti" in page.content.decode()
    response = client.post(target_url(thread, "nascondi"), {"reason": ""})
    assert response.status_code == 400
    assert "Scrivi il motivo" in response.content.decode()
    thread.refresh_from_db()
    assert thread.moderation_state == ContentState.VISIBLE
    response = client.post(target_url(thread, "nascondi"), {"reason": "Insulti a un membro."})
    assert response.status_code == 302
    thread.refresh_from_db()
    report.refresh_from_db()
    assert thread.moderation_state == ContentState.HIDDEN
    assert report.status == ReportStatus.ACTIONED
    # A double click finds it hidden already: a message, no change.
    again = client.post(target_url(thread, "nascondi"), {"reason": "Insulti"}, follow=True)
    assert "Non è più possibile" in again.content.decode()
    assert client.post(target_url(thread, "ripristina")).status_code == 302
    thread.refresh_from_db()
    assert thread.moderation_state == ContentState.VISIBLE
    assert client.post(target_url(thread, "boh")).status_code == 404
    assert client.get(target_url(thread, "nascondi")).status_code == 405


def test_approve_a_held_post(client):
    thread = ThreadFactory.create(moderation_state=ContentState.HELD)
    client.force_login(facilitator(thread.area))
    assert thread.title in client.get(QUEUE).content.decode()
    assert client.post(target_url(thread, "approva")).status_code == 302
    thread.refresh_from_db()
    assert thread.moderation_state == ContentState.VISIBLE


def test_dismiss_a_report(client):
    report = ReportFactory.create()
    url = reverse("moderation:dismiss", kwargs={"pk": report.pk})
    client.force_login(UserFactory.create())
    assert client.post(url).status_code == 404
    client.force_login(PromoterFactory.create())
    assert client.post(url).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.DISMISSED


# --- reporting -----------------------------------------------------------------------------


def test_report_form_plain_page_and_double_submit(client):
    thread = ThreadFactory.create()
    client.force_login(UserFactory.create())
    page = client.get(report_url(thread))
    assert page.status_code == 200
    assert "<h1>" in page.content.decode()
    response = client.post(report_url(thread), {"reason": "other", "note": ""})
    assert response.status_code == 400
    assert "Spiega in una nota" in response.content.decode()
    assert Report.objects.count() == 0
    for _ in range(2):
        response = client.post(report_url(thread), {"reason": "spam", "note": "Pubblicità"})
        assert response.status_code == 302
    assert Report.objects.count() == 1


def test_report_form_as_htmx_panel(client):
    thread = ThreadFactory.create()
    client.force_login(UserFactory.create())
    fragment = client.get(report_url(thread), headers={"HX-Request": "true"}).content.decode()
    assert "<h1>" not in fragment
    assert "hx-post" in fragment
    done = client.post(
        report_url(thread), {"reason": "spam"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert 'role="status"' in done
    assert Report.objects.count() == 1


def test_report_refused_to_visitors_authors_suspended_and_for_hidden_content(client):
    thread = ThreadFactory.create()
    assert client.get(report_url(thread)).status_code == 302
    client.force_login(thread.author)
    assert client.get(report_url(thread)).status_code == 403
    suspended = UserFactory.create()
    user_suspend(user=suspended, actor=PromoterFactory.create(), reason="Spam")
    client.force_login(suspended)
    assert client.post(report_url(thread), {"reason": "spam"}).status_code == 403
    client.force_login(UserFactory.create())
    hidden = ThreadFactory.create(moderation_state=ContentState.HIDDEN)
    assert client.get(report_url(hidden)).status_code == 404
    assert Report.objects.count() == 0


def test_report_link_on_the_experience_page(client):
    experience = ExperienceFactory.create()
    link = report_url(experience, "experiences.experience")
    assert link not in client.get(experience.get_absolute_url()).content.decode()
    client.force_login(UserFactory.create())
    assert link in client.get(experience.get_absolute_url()).content.decode()
    client.force_login(experience.author)
    assert link not in client.get(experience.get_absolute_url()).content.decode()


# --- suspensions, header, notice -----------------------------------------------------------


def test_suspend_unsuspend_pages(client):
    person, promoter = UserFactory.create(), PromoterFactory.create()
    suspend_url = reverse("moderation:suspend", kwargs={"public_id": person.public_id})
    client.force_login(UserFactory.create())
    assert client.get(suspend_url).status_code == 404
    assert client.get(reverse("moderation:suspensions")).status_code == 403
    client.force_login(promoter)
    assert client.get(suspend_url).status_code == 200
    response = client.post(suspend_url, {"reason": "", "until": ""})
    assert response.status_code == 400
    assert Suspension.objects.count() == 0
    response = client.post(suspend_url, {"reason": "Spam ripetuto", "until": "2000-01-01"})
    assert response.status_code == 400
    assert client.post(suspend_url, {"reason": "Spam ripetuto", "until": ""}).status_code == 302
    assert client.post(suspend_url, {"reason": "Di nuovo", "until": ""}).status_code == 400
    assert Suspension.objects.live().count() == 1
    listing = client.get(reverse("moderation:suspensions")).content.decode()
    assert "Spam ripetuto" in listing
    unsuspend_url = reverse("moderation:unsuspend", kwargs={"public_id": person.public_id})
    assert client.post(unsuspend_url).status_code == 302
    assert Suspension.objects.live().count() == 0


def test_suspended_person_sees_a_notice_once(client, committed):
    person = UserFactory.create()
    with committed():
        user_suspend(user=person, actor=PromoterFactory.create(), reason="Spam")
    client.force_login(person)
    first = client.get(reverse("accounts:settings")).content.decode()
    assert "Il tuo account è sospeso" in first
    second = client.get(reverse("accounts:settings")).content.decode()
    assert "Il tuo account è sospeso" not in second


def test_header_menu_and_badge(client):
    ReportFactory.create_batch(2)
    client.force_login(UserFactory.create())
    assert QUEUE not in client.get(reverse("accounts:settings")).content.decode()
    assert client.get(reverse("moderation:badge")).content == b""
    client.force_login(PromoterFactory.create())
    assert QUEUE in client.get(reverse("accounts:settings")).content.decode()
    badge = client.get(reverse("moderation:badge")).content.decode()
    assert ">2<" in badge

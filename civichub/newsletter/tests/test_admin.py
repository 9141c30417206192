"""The back office: who reaches it, composing, previewing, editing drafts only, sending
once, the subscribers' list with its counts and the unsubscribe action."""

from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from civichub.accounts.tests.factories import (
    ContributorFactory,
    PromoterFactory,
    StaffFactory,
    UserFactory,
)

from ..models import Issue, IssueStatus, Subscriber, SubscriberStatus
from .factories import IssueFactory, PendingFactory, SentIssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

ISSUES = "wagtailsnippets_newsletter_issue"
SUBSCRIBERS = "wagtailsnippets_newsletter_subscriber"


def url(name: str, *args: Any) -> str:
    return reverse(name, args=args)


def with_back_office_access(user: Any) -> Any:
    """What a hub grants today in Wagtail's Groups: entry to the back office only."""
    group, _ = Group.objects.get_or_create(name="Accesso al back office")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    user.groups.add(group)
    return user


@pytest.fixture
def staff_client(client: Client) -> Client:
    client.force_login(StaffFactory.create())
    return client


@pytest.fixture
def promoter_client(client: Client) -> Client:
    client.force_login(with_back_office_access(PromoterFactory.create()))
    return client


def edit_data(**fields: Any) -> dict[str, Any]:
    values = {
        "subject": "Le novità di ottobre",
        "subject_en": "",
        "intro": rich_text("<p>Ciao a tutti</p>"),
        "intro_en": rich_text(""),
        "sections": streamfield(
            [
                (
                    "section",
                    {
                        "heading": "Eventi",
                        "heading_en": "",
                        "items": {
                            "count": "1",
                            "0": {
                                "deleted": "",
                                "order": "0",
                                "id": "",
                                "value": {
                                    "title": "Laboratorio di quartiere",
                                    "title_en": "",
                                    "url": "https://hub.example.it/eventi/lab/",
                                    "summary": "Sabato mattina",
                                    "summary_en": "",
                                    "date": "2025-10-11",
                                },
                            },
                        },
                    },
                )
            ]
        ),
    }
    values.update(fields)
    return nested_form_data(values)


@pytest.mark.parametrize(
    "factory", [None, UserFactory, ContributorFactory, PromoterFactory], ids=str
)
def test_people_without_back_office_access_do_not_reach_it(client: Client, factory: Any) -> None:
    if factory is not None:
        client.force_login(factory.create())

    for target in (url(f"{ISSUES}:list"), url(f"{SUBSCRIBERS}:list"), url(f"{ISSUES}:compose")):
        response = client.get(target)
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert "/admin/" not in response["Location"].split("?")[0]


@pytest.mark.parametrize("factory", [UserFactory, ContributorFactory], ids=str)
def test_back_office_access_alone_does_not_give_the_newsletter(
    client: Client, factory: Any
) -> None:
    issue = IssueFactory.create()
    SubscriberFactory.create()
    client.force_login(with_back_office_access(factory.create()))

    listing = client.get(url(f"{ISSUES}:list"))
    send = client.post(url(f"{ISSUES}:send", issue.pk))
    compose = client.post(url(f"{ISSUES}:compose"), {"month": "2025-10"})
    unsubscribe = client.post(url(f"{SUBSCRIBERS}:unsubscribe", SubscriberFactory.create().pk))

    # Wagtail turns a refusal into a redirect to the back office's home with a message.
    for response in (listing, send, compose, unsubscribe):
        assert response.status_code in (302, 403)
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT
    assert not mail.outbox
    assert Issue.objects.count() == 1
    assert not Subscriber.objects.filter(status=SubscriberStatus.UNSUBSCRIBED).exists()


def test_staff_see_the_issues(staff_client: Client) -> None:
    IssueFactory.create(subject="Bozza di novembre")
    SentIssueFactory.create(subject="Numero di ottobre")

    response = staff_client.get(url(f"{ISSUES}:list"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Bozza di novembre" in content
    assert "Numero di ottobre" in content
    assert url(f"{ISSUES}:compose") in content


def test_a_promoter_composes_previews_and_sends_once(
    promoter_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    SubscriberFactory.create_batch(2, language="it")
    SubscriberFactory.create(language="en")

    composed = promoter_client.post(url(f"{ISSUES}:compose"), {"month": "2025-10"})
    issue = Issue.objects.get()
    assert composed.status_code == 302
    assert composed["Location"] == url(f"{ISSUES}:edit", issue.pk)

    edit = promoter_client.get(url(f"{ISSUES}:edit", issue.pk))
    preview_url = url(f"{ISSUES}:preview_on_edit", issue.pk)
    checked = promoter_client.post(preview_url, edit_data())
    preview = promoter_client.get(preview_url, {"mode": "it"})
    text = promoter_client.get(preview_url, {"mode": "text"})
    confirm = promoter_client.get(url(f"{ISSUES}:send", issue.pk))
    with django_capture_on_commit_callbacks(execute=True):
        sent = promoter_client.post(url(f"{ISSUES}:send", issue.pk))
    again = promoter_client.post(url(f"{ISSUES}:send", issue.pk), follow=True)

    assert edit.status_code == 200
    assert url(f"{ISSUES}:send", issue.pk) in edit.content.decode()
    assert checked.json()["is_valid"]
    assert preview.status_code == 200
    assert "Laboratorio di quartiere" in preview.content.decode()
    assert "/newsletter/disiscrizione/anteprima/" in preview.content.decode()
    assert "'unsafe-inline'" in preview["Content-Security-Policy"]
    assert text["Content-Type"].startswith("text/plain")
    assert "Laboratorio di quartiere" in text.content.decode()
    assert "IT: 2 iscritti" in confirm.content.decode()
    assert "EN: 1 iscritti" in confirm.content.decode()
    assert sent.status_code == 302
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    assert issue.sent_by is not None
    assert len(mail.outbox) == 3
    assert "già stato inviato" in again.content.decode()
    assert len(mail.outbox) == 3
    assert ModelLogEntry.objects.filter(action="civichub.newsletter.send").count() == 1


def test_a_stalled_send_is_resumed_from_the_back_office(
    staff_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    SubscriberFactory.create_batch(2)
    issue = IssueFactory.create(status=IssueStatus.SENDING, sending_started_at=timezone.now())

    listing = staff_client.get(url(f"{ISSUES}:list")).content.decode()
    page = staff_client.get(url(f"{ISSUES}:send", issue.pk)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url(f"{ISSUES}:send", issue.pk))

    assert "Riprendi l&#x27;invio" in listing or "Riprendi l'invio" in listing
    assert "chi ha già ricevuto il numero non lo riceverà di nuovo" in page
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    assert len(mail.outbox) == 2


def test_a_draft_is_edited_and_its_intro_sanitised_on_output(staff_client: Client) -> None:
    issue = IssueFactory.create()

    response = staff_client.post(
        url(f"{ISSUES}:edit", issue.pk),
        edit_data(intro=rich_text('<p>Ciao <a href="https://example.org/">link</a></p>')),
    )

    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.subject == "Le novità di ottobre"
    assert issue.sections[0].value["items"][0]["title"] == "Laboratorio di quartiere"
    Issue.objects.filter(pk=issue.pk).update(
        intro='<p onclick="x()">Ciao<script>alert(1)</script></p>'
    )
    issue.refresh_from_db()
    preview = issue.serve_preview(None, "it").content.decode()  # type: ignore[arg-type]
    assert "<script" not in preview
    assert "onclick" not in preview


def test_a_sent_issue_can_be_neither_edited_nor_deleted(staff_client: Client) -> None:
    issue = SentIssueFactory.create(subject="Già inviato")

    edit = staff_client.post(url(f"{ISSUES}:edit", issue.pk), edit_data(subject="Cambiato"))
    delete = staff_client.post(url(f"{ISSUES}:delete", issue.pk))
    inspect = staff_client.get(url(f"{ISSUES}:inspect", issue.pk))

    assert edit.status_code in (302, 403)
    assert delete.status_code in (302, 403)
    issue.refresh_from_db()
    assert issue.subject == "Già inviato"
    assert Issue.objects.filter(pk=issue.pk).exists()
    assert inspect.status_code == 200


def test_a_draft_can_be_deleted(staff_client: Client) -> None:
    issue = IssueFactory.create()

    staff_client.post(url(f"{ISSUES}:delete", issue.pk))

    assert not Issue.objects.filter(pk=issue.pk).exists()


def test_saving_a_draft_that_was_sent_meanwhile_is_refused(staff_client: Client) -> None:
    issue = IssueFactory.create(subject="Prima")
    staff_client.get(url(f"{ISSUES}:edit", issue.pk))
    Issue.objects.filter(pk=issue.pk).update(status=IssueStatus.SENDING)

    staff_client.post(url(f"{ISSUES}:edit", issue.pk), edit_data(subject="Dopo"))

    issue.refresh_from_db()
    assert issue.subject == "Prima"


def test_the_subscribers_list_counts_by_state_and_unsubscribes(promoter_client: Client) -> None:
    subscriber = SubscriberFactory.create(email="lettore@example.org")
    SubscriberFactory.create()
    PendingFactory.create()
    SubscriberFactory.create(status=SubscriberStatus.UNSUBSCRIBED)

    listing = promoter_client.get(url(f"{SUBSCRIBERS}:list"))
    confirm = promoter_client.get(url(f"{SUBSCRIBERS}:unsubscribe", subscriber.pk))
    done = promoter_client.post(url(f"{SUBSCRIBERS}:unsubscribe", subscriber.pk))

    content = listing.content.decode()
    assert listing.status_code == 200
    assert "Confermati: 2 · in attesa di conferma: 1 · disiscritti: 1" in content
    assert "lettore@example.org" in content
    assert confirm.status_code == 200
    assert done.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert ModelLogEntry.objects.filter(action="civichub.newsletter.unsubscribe").exists()
    # Subscribers are never edited or added by hand.
    assert promoter_client.get(url(f"{SUBSCRIBERS}:edit", subscriber.pk)).status_code in (302, 403)
    assert promoter_client.get(url(f"{SUBSCRIBERS}:add")).status_code in (302, 403)

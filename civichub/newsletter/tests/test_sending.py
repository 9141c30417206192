"""Sending an issue: one message per subscriber in their language, HTML and text,
one-click unsubscribe headers, batches that never send twice, and the end state."""

from smtplib import SMTPRecipientsRefused
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from civichub.accounts.tests.factories import ContributorFactory, PromoterFactory, UserFactory

from .. import tasks
from ..models import Delivery, Issue, IssueStatus, SubscriberStatus
from ..services import issue_enqueue_batches, issue_resume, issue_send, issue_send_batch
from .factories import IssueFactory, PendingFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


class FlakyBackend(EmailBackend):
    """The SMTP server refuses any address with «guasto» in it."""

    def send_messages(self, messages: Any) -> int:
        for message in messages:
            if "guasto" in message.to[0]:
                raise SMTPRecipientsRefused({message.to[0]: (550, b"no such user")})
        return super().send_messages(messages)


@pytest.fixture
def promoter() -> Any:
    return PromoterFactory.create()


@pytest.fixture
def batches(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Every batch enqueued (the immediate backend runs it at once)."""
    calls: list[dict[str, Any]] = []
    real = tasks.send_issue_batch

    class Spy:
        def enqueue(self, **kwargs: Any) -> Any:
            calls.append(kwargs)
            return real.enqueue(**kwargs)

    monkeypatch.setattr(tasks, "send_issue_batch", Spy())
    return calls


def html_part(message: Any) -> str:
    assert isinstance(message, EmailMultiAlternatives)
    [(content, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert isinstance(content, str)
    return content


def send(issue: Issue, actor: Any, capture: Any) -> Issue:
    with capture(execute=True):
        issue_send(issue=issue, actor=actor)
    issue.refresh_from_db()
    return issue


def test_each_message_has_both_parts_and_one_click_unsubscribe_headers(
    promoter: Any, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.NEWSLETTER_UNSUBSCRIBE_EMAIL = "newsletter@hub.example.it"
    italian = SubscriberFactory.create(email="lettrice@example.org", language="it")
    issue = IssueFactory.create(
        intro='<p>Vedi <a href="/esperienze/">il catalogo</a><script>x()</script></p>'
    )

    send(issue, promoter, django_capture_on_commit_callbacks)

    [message] = mail.outbox
    unsubscribe = f"https://hub.example.it/newsletter/disiscrizione/{italian.token}/"
    assert message.to == ["lettrice@example.org"]
    assert message.subject == issue.subject
    assert message.extra_headers["List-Unsubscribe"] == (
        f"<{unsubscribe}>, <mailto:newsletter@hub.example.it?subject=unsubscribe%20{italian.token}>"
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    raw = message.message().as_string()
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in raw
    html = html_part(message)
    for body in (html, message.body):
        assert unsubscribe in body
        assert "https://hub.example.it/esperienze/orti/" in body
        assert "https://hub.example.it/newsletter/numeri/" in body
        assert "Orti condivisi" in body
    assert 'href="https://hub.example.it/esperienze/"' in html
    assert "<script" not in html
    assert "il catalogo (https://hub.example.it/esperienze/)" in message.body
    assert "<" not in message.body.replace("<" + unsubscribe, "")


def test_each_person_gets_the_issue_in_their_language(
    promoter: Any, django_capture_on_commit_callbacks: Any
) -> None:
    SubscriberFactory.create(email="english@example.org", language="en")
    SubscriberFactory.create(email="italiano@example.org", language="it")
    issue = IssueFactory.create(subject="Le novità", subject_en="What's new")

    send(issue, promoter, django_capture_on_commit_callbacks)

    by_address = {message.to[0]: message for message in mail.outbox}
    english, italian = by_address["english@example.org"], by_address["italiano@example.org"]
    assert english.subject == "What's new"
    assert "Orti condivisi (EN)" in english.body
    assert "Happy reading" in english.body
    assert "New experiences" in html_part(english)
    assert italian.subject == "Le novità"
    assert "Buona lettura" in italian.body


def test_english_readers_get_the_italian_subject_when_there_is_no_translation(
    promoter: Any, django_capture_on_commit_callbacks: Any
) -> None:
    SubscriberFactory.create(language="en")
    issue = IssueFactory.create(subject="Solo italiano", subject_en="", intro_en="")

    send(issue, promoter, django_capture_on_commit_callbacks)

    assert mail.outbox[0].subject == "Solo italiano"
    assert "Buona lettura" in mail.outbox[0].body


def test_250_subscribers_go_out_in_three_batches_and_the_issue_ends_sent(
    promoter: Any, django_capture_on_commit_callbacks: Any, batches: Any, settings: Any
) -> None:
    settings.NEWSLETTER_BATCH_SIZE = 100
    SubscriberFactory.create_batch(250)
    PendingFactory.create_batch(3)
    SubscriberFactory.create_batch(2, status=SubscriberStatus.UNSUBSCRIBED)

    issue = send(IssueFactory.create(), promoter, django_capture_on_commit_callbacks)

    assert [len(batch["subscriber_ids"]) for batch in batches] == [100, 100, 50]
    assert len(mail.outbox) == 250
    assert len({message.to[0] for message in mail.outbox}) == 250
    assert Delivery.objects.filter(issue=issue, sent_at__isnull=False).count() == 250
    assert issue.status == IssueStatus.SENT
    assert issue.sent_at is not None
    assert (issue.recipients_count, issue.delivered_count, issue.failed_count) == (250, 250, 0)
    assert issue.sent_by == promoter

    for batch in batches:  # a retried task after the end
        assert issue_send_batch(**batch) == 0
    assert len(mail.outbox) == 250


def test_a_batch_that_runs_twice_sends_nothing_twice(promoter: Any, settings: Any) -> None:
    settings.NEWSLETTER_BATCH_SIZE = 2
    subscribers = SubscriberFactory.create_batch(4)
    issue = IssueFactory.create()
    issue_send(issue=issue, actor=promoter)  # batches queued on commit, which never comes
    first = [subscribers[0].pk, subscribers[1].pk]

    assert issue_send_batch(issue_id=issue.pk, subscriber_ids=first) == 2
    assert issue_send_batch(issue_id=issue.pk, subscriber_ids=first) == 0
    # Another worker claimed this one and died before sending: it is not sent again.
    Delivery.objects.create(issue=issue, subscriber=subscribers[2])
    assert issue_send_batch(issue_id=issue.pk, subscriber_ids=[subscribers[2].pk]) == 0

    issue.refresh_from_db()
    assert len(mail.outbox) == 2
    assert issue.status == IssueStatus.SENDING  # the last subscriber is still waiting
    assert issue_send_batch(issue_id=issue.pk, subscriber_ids=[subscribers[3].pk]) == 1
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    assert (issue.delivered_count, issue.failed_count) == (3, 0)


def test_resuming_sends_only_to_those_not_reached(
    promoter: Any, django_capture_on_commit_callbacks: Any, batches: Any
) -> None:
    subscribers = SubscriberFactory.create_batch(5)
    issue = IssueFactory.create()
    issue_send(issue=issue, actor=promoter)
    issue_send_batch(issue_id=issue.pk, subscriber_ids=[s.pk for s in subscribers[:2]])

    with django_capture_on_commit_callbacks(execute=True):
        remaining = issue_resume(issue=issue, actor=promoter)

    issue.refresh_from_db()
    assert remaining == 3
    assert [len(batch["subscriber_ids"]) for batch in batches] == [3]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.email for s in subscribers)
    assert issue.status == IssueStatus.SENT


def test_a_refused_address_is_counted_and_the_others_still_get_it(
    promoter: Any, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    SubscriberFactory.create(email="guasto@example.org")
    SubscriberFactory.create_batch(2)

    issue = send(IssueFactory.create(), promoter, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 2
    assert issue.status == IssueStatus.SENT
    assert (issue.recipients_count, issue.delivered_count, issue.failed_count) == (3, 2, 1)
    failed = Delivery.objects.get(subscriber__email="guasto@example.org")
    assert failed.sent_at is None
    assert "no such user" in failed.error


def test_who_receives_is_fixed_when_sending_starts(
    promoter: Any, django_capture_on_commit_callbacks: Any
) -> None:
    staying = SubscriberFactory.create(email="resta@example.org")
    leaving = SubscriberFactory.create(email="esce@example.org")
    late = PendingFactory.create(email="tardi@example.org")
    issue = IssueFactory.create()
    issue_send(issue=issue, actor=promoter)
    issue.refresh_from_db()
    # Meanwhile: one unsubscribes, one confirms after the start.
    leaving.status = SubscriberStatus.UNSUBSCRIBED
    leaving.save()
    late.status, late.confirmed_at = SubscriberStatus.CONFIRMED, timezone.now()
    late.save()

    with django_capture_on_commit_callbacks(execute=True):
        issue_enqueue_batches(issue_id=issue.pk)

    issue.refresh_from_db()
    assert [m.to[0] for m in mail.outbox] == [staying.email]
    assert issue.status == IssueStatus.SENT
    assert issue.recipients_count == 2


def test_an_issue_is_sent_only_once(promoter: Any, django_capture_on_commit_callbacks: Any) -> None:
    SubscriberFactory.create()
    issue = send(IssueFactory.create(), promoter, django_capture_on_commit_callbacks)

    with pytest.raises(ValidationError) as error:
        issue_send(issue=issue, actor=PromoterFactory.create())

    assert error.value.code == "already_sent"
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"subject": "  "}, "subject_required"),
        ({"intro": "", "sections": "[]"}, "empty"),
    ],
)
def test_an_incomplete_issue_is_not_sent(promoter: Any, fields: dict, code: str) -> None:
    SubscriberFactory.create()
    issue = IssueFactory.create(**fields)

    with pytest.raises(ValidationError) as error:
        issue_send(issue=issue, actor=promoter)

    assert error.value.code == code
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT


def test_nothing_is_sent_without_confirmed_subscribers(promoter: Any) -> None:
    PendingFactory.create()

    with pytest.raises(ValidationError) as error:
        issue_send(issue=IssueFactory.create(), actor=promoter)

    assert error.value.code == "no_recipients"


@pytest.mark.parametrize("factory", [UserFactory, ContributorFactory])
def test_only_promoters_send(factory: Any) -> None:
    SubscriberFactory.create()
    issue = IssueFactory.create()

    with pytest.raises(PermissionDenied):
        issue_send(issue=issue, actor=factory.create())

    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT

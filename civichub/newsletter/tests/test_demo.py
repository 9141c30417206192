"""The demo newsletter: subscribers in every state, last month sent, this month's draft,
and a second run that adds nothing."""

import pytest

from civichub.accounts import demo as accounts_demo

from .. import demo
from ..models import Delivery, Issue, IssueStatus, Subscriber, SubscriberStatus

pytestmark = pytest.mark.django_db


def run() -> list[str]:
    lines: list[str] = []
    demo.seed(lines.append)
    return lines


def test_the_demo_newsletter_is_complete_and_idempotent() -> None:
    accounts_demo.seed(log=lambda message: None)

    first = run()
    counts = {
        status: Subscriber.objects.filter(status=status).count() for status in SubscriberStatus
    }
    second = run()

    assert Subscriber.objects.count() == len(demo.SUBSCRIBERS) == 25
    assert all(counts.values())
    assert Subscriber.objects.filter(language="en").count() >= 3
    assert Subscriber.objects.filter(user__isnull=False).count() == 7
    sent, draft = Issue.objects.order_by("period")
    assert sent.status == IssueStatus.SENT
    assert 0 < sent.recipients_count == Delivery.objects.filter(issue=sent).count()
    assert draft.status == IssueStatus.DRAFT
    assert "25 iscritti creati" in first[0]
    assert "0 iscritti creati" in second[0]
    assert Issue.objects.count() == 2
    assert Delivery.objects.count() == sent.recipients_count

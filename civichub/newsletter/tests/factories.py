"""Subscribers and issues for tests."""

import datetime
import json
from typing import Any

import factory
from django.utils import timezone

from ..models import Issue, IssueStatus, Subscriber, SubscriberStatus


class SubscriberFactory(factory.django.DjangoModelFactory[Subscriber]):
    """A confirmed subscriber by default."""

    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"lettore{n}@example.org")
    language = "it"
    status = SubscriberStatus.CONFIRMED
    consent_version = "2026-11"
    consent_at: Any = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))
    confirmation_sent_at: Any = factory.LazyAttribute(lambda s: s.consent_at)
    confirmed_at: Any = factory.LazyAttribute(
        lambda s: (
            s.consent_at + datetime.timedelta(minutes=5)
            if s.status == SubscriberStatus.CONFIRMED
            else None
        )
    )


class PendingFactory(SubscriberFactory):
    status = SubscriberStatus.PENDING
    consent_at: Any = factory.LazyFunction(timezone.now)


def sections(*items: tuple[str, str]) -> str:
    """A StreamField value with one section holding ``(title, url)`` items."""
    return json.dumps(
        [
            {
                "type": "section",
                "value": {
                    "heading": "Nuove esperienze",
                    "heading_en": "New experiences",
                    "items": [
                        {
                            "title": title,
                            "title_en": f"{title} (EN)",
                            "url": url,
                            "summary": f"In breve: {title}",
                            "summary_en": "",
                            "date": "2026-10-05",
                        }
                        for title, url in items
                    ],
                },
            }
        ]
    )


class IssueFactory(factory.django.DjangoModelFactory[Issue]):
    """A draft ready to send."""

    class Meta:
        model = Issue

    period = factory.Sequence(lambda n: datetime.date(2020 + n // 12, n % 12 + 1, 1))
    subject = factory.LazyAttribute(lambda issue: f"Le novità di {issue.period:%m/%Y}")
    subject_en = factory.LazyAttribute(lambda issue: f"News of {issue.period:%m/%Y}")
    intro = '<p>Buona <b>lettura</b>: <a href="/esperienze/">il catalogo</a>.</p>'
    intro_en = "<p>Happy reading.</p>"
    sections = factory.LazyFunction(
        lambda: sections(("Orti condivisi", "https://hub.example.it/esperienze/orti/"))
    )
    status = IssueStatus.DRAFT


class SentIssueFactory(IssueFactory):
    status = IssueStatus.SENT
    sent_at: Any = factory.LazyFunction(timezone.now)
    recipients_count = 10
    delivered_count = 10

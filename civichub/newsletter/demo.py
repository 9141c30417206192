"""Demo newsletter: 25 subscribers in every state (some of them demo people), last
month's issue already sent (with its deliveries) and this month's draft, so that the
back office shows both. No e-mail is sent. Idempotent: existing rows are kept."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from civichub.accounts.models import User

from .models import Delivery, Issue, IssueStatus, Subscriber, SubscriberStatus
from .services import consent_version, issue_compose, month_start

C, P, U = SubscriberStatus.CONFIRMED, SubscriberStatus.PENDING, SubscriberStatus.UNSUBSCRIBED


@dataclass(frozen=True)
class DemoSubscriber:
    email: str
    language: str
    status: str
    days_ago: int  # when they subscribed
    member: bool = False  # the address of a demo person: linked to the account
    unsubscribed_days_ago: int = 0


SUBSCRIBERS = [
    DemoSubscriber("staff@civichub.example", "it", C, 400, member=True),
    DemoSubscriber("promotore@civichub.example", "it", C, 380, member=True),
    DemoSubscriber("partecipante@civichub.example", "it", C, 200, member=True),
    DemoSubscriber("elisa.marchetti@civichub.example", "it", C, 320, member=True),
    DemoSubscriber("thomas.weber@civichub.example", "en", C, 150, member=True),
    DemoSubscriber("hannah.clarke@civichub.example", "en", C, 90, member=True),
    DemoSubscriber(
        "federica.sala@civichub.example", "it", U, 300, member=True, unsubscribed_days_ago=12
    ),
    DemoSubscriber("m.bernardi@example.org", "it", C, 365),
    DemoSubscriber("ufficio.partecipazione@example.org", "it", C, 340),
    DemoSubscriber("segreteria@aps-quartieri.example.org", "it", C, 300),
    DemoSubscriber("laura.pini@example.net", "it", C, 260),
    DemoSubscriber("coop.ilponte@example.org", "it", C, 240),
    DemoSubscriber("g.desimone@example.com", "it", C, 210),
    DemoSubscriber("forum.giovani@example.org", "it", C, 180),
    DemoSubscriber("a.ferraro@example.net", "it", C, 120),
    DemoSubscriber("biblioteca.civica@example.org", "it", C, 75),
    DemoSubscriber("s.lanza@example.com", "it", C, 40),
    DemoSubscriber("j.murphy@example.com", "en", C, 60),
    DemoSubscriber("research.lab@example.ac.uk", "en", C, 20),
    DemoSubscriber("r.galante@example.org", "it", P, 1),
    DemoSubscriber("info@festival-partecipazione.example.org", "it", P, 3),
    DemoSubscriber("c.morandi@example.net", "it", P, 9),  # link expired
    DemoSubscriber("p.schmidt@example.com", "en", P, 2),
    DemoSubscriber("v.colella@example.org", "it", U, 280, unsubscribed_days_ago=45),
    DemoSubscriber("redazione@giornale-locale.example.org", "it", U, 160, unsubscribed_days_ago=5),
]


def _subscribers(now: datetime.datetime) -> int:
    members = {
        user.email.lower(): user
        for user in User.objects.filter(email__in=[s.email for s in SUBSCRIBERS if s.member])
    }
    known = set(
        Subscriber.objects.annotate(email_ci=Lower("email"))
        .filter(email_ci__in=[s.email.lower() for s in SUBSCRIBERS])
        .values_list("email_ci", flat=True)
    )
    created = []
    for demo in SUBSCRIBERS:
        if demo.email.lower() in known:
            continue
        subscribed = now - datetime.timedelta(days=demo.days_ago)
        confirmed = subscribed + datetime.timedelta(minutes=7) if demo.status != P else None
        created.append(
            Subscriber(
                email=demo.email,
                language=demo.language,
                user=members.get(demo.email.lower()),
                status=demo.status,
                consent_version=consent_version(),
                consent_at=subscribed,
                confirmation_sent_at=None if demo.member else subscribed,
                confirmed_at=confirmed,
                unsubscribed_at=(
                    now - datetime.timedelta(days=demo.unsubscribed_days_ago)
                    if demo.status == U
                    else None
                ),
                created_at=subscribed,
            )
        )
    Subscriber.objects.bulk_create(created)
    return len(created)


def _mark_sent(issue: Issue, sent_at: datetime.datetime) -> int:
    """Last month's issue as if the batches had run: one delivery per person who was
    subscribed at the time (some have unsubscribed since)."""
    recipients = Subscriber.objects.filter(confirmed_at__lte=sent_at).filter(
        Q(unsubscribed_at__isnull=True) | Q(unsubscribed_at__gt=sent_at)
    )
    Delivery.objects.bulk_create(
        [
            Delivery(issue=issue, subscriber=subscriber, created_at=sent_at, sent_at=sent_at)
            for subscriber in recipients
        ],
        ignore_conflicts=True,
    )
    count = Delivery.objects.filter(issue=issue).count()
    issue.status = IssueStatus.SENT
    issue.sending_started_at = sent_at
    issue.sent_at = sent_at + datetime.timedelta(minutes=3)
    issue.sent_by = User.objects.filter(email="promotore@civichub.example").first()
    issue.recipients_count = issue.delivered_count = count
    issue.save(
        update_fields=[
            "status", "sending_started_at", "sent_at", "sent_by", "recipients_count",
            "delivered_count",
        ]
    )  # fmt: skip
    return count


def seed(log: Callable[[str], None]) -> None:
    now = timezone.now()
    created = _subscribers(now)
    this_month = month_start(timezone.localdate())
    last_month = month_start(this_month - datetime.timedelta(days=1))
    previous, _ = issue_compose(period=last_month)
    delivered = 0
    if previous.status == IssueStatus.DRAFT:
        nine = timezone.make_aware(datetime.datetime.combine(this_month, datetime.time(9)))
        delivered = _mark_sent(previous, min(nine, now - datetime.timedelta(minutes=5)))
    _current, drafted = issue_compose(period=this_month)
    log(
        f"newsletter: {created} iscritti creati ({len(SUBSCRIBERS) - created} già presenti); "
        + (f"numero di {last_month:%m/%Y} inviato a {delivered}; " if delivered else "")
        + ("bozza del mese composta" if drafted else "bozza del mese già presente")
    )

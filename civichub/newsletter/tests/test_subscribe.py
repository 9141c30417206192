"""Subscribing: double opt-in, the same answer whatever the address's state, at most
one e-mail an hour, consent, disposable domains, members, rate limit."""

import datetime
import re
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.utils import timezone

from civichub.accounts.models import Consent
from civichub.accounts.tests.factories import UserFactory

from ..models import Subscriber, SubscriberStatus
from .factories import PendingFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

URL = "/newsletter/"


def form(email: str = "Nuova.Lettrice@Example.ORG", **extra: Any) -> dict[str, Any]:
    return {"email": email, "language": "it", "consent": "on", **extra}


def link(message: Any, kind: str) -> str:
    found = re.search(rf"https://hub\.example\.it(/newsletter/{kind}/[^/\s]+/)", message.body)
    assert found, message.body
    return found.group(1)


def test_the_page_has_the_form_and_is_never_cached(client: Client) -> None:
    response = client.get(URL)

    assert response.status_code == 200
    assert 'name="consent"' in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_a_new_address_waits_for_its_confirmation(post: Any) -> None:
    response = post(URL, form(language="en"))

    assert response.status_code == 302
    assert response["Location"] == "/newsletter/controlla-la-posta/"
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "Nuova.Lettrice@example.org"  # domain in lower case
    assert subscriber.status == SubscriberStatus.PENDING
    assert subscriber.language == "en"
    assert subscriber.consent_version == "2026-11"
    assert subscriber.consent_at is not None
    assert subscriber.confirmed_at is None
    assert len(subscriber.token) >= 40
    [message] = mail.outbox
    assert message.to == ["Nuova.Lettrice@example.org"]
    assert link(message, "conferma") == f"/newsletter/conferma/{subscriber.token}/"
    assert "newsletter" in message.subject


def test_new_pending_and_confirmed_addresses_get_the_same_answer(post: Any) -> None:
    PendingFactory.create(email="attesa@example.org")
    SubscriberFactory.create(email="iscritta@example.org")

    answers = [post(URL, form(email)) for email in ("nuova@example.org", "attesa@example.org",
                                                     "iscritta@example.org")]  # fmt: skip

    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, "/newsletter/controlla-la-posta/")
    }
    # The pending address got its confirmation less than an hour ago: nothing new.
    assert sorted(m.to[0] for m in mail.outbox) == ["iscritta@example.org", "nuova@example.org"]
    reminder = next(m for m in mail.outbox if m.to == ["iscritta@example.org"])
    assert "/newsletter/disiscrizione/" in reminder.body
    assert Subscriber.objects.get(email="iscritta@example.org").status == "confirmed"


def test_at_most_one_email_an_hour_per_address(post: Any) -> None:
    for _ in range(3):
        post(URL, form("Ripetuta@example.org"))
        post(URL, form("ripetuta@EXAMPLE.org"))

    assert len(mail.outbox) == 1
    assert Subscriber.objects.count() == 1

    Subscriber.objects.update(confirmation_sent_at=timezone.now() - datetime.timedelta(hours=2))
    post(URL, form("ripetuta@example.org"))

    assert len(mail.outbox) == 2
    assert link(mail.outbox[0], "conferma") == link(mail.outbox[1], "conferma")


def test_a_confirmed_address_is_not_changed_by_someone_else(post: Any) -> None:
    subscriber = SubscriberFactory.create(email="iscritta@example.org", language="it")

    post(URL, form("iscritta@example.org", language="en"))

    subscriber.refresh_from_db()
    assert subscriber.language == "it"
    assert subscriber.status == SubscriberStatus.CONFIRMED


def test_an_unsubscribed_address_starts_again_with_a_new_token(post: Any) -> None:
    old = SubscriberFactory.create(
        email="tornata@example.org", status=SubscriberStatus.UNSUBSCRIBED
    )

    post(URL, form("tornata@example.org"))

    subscriber = Subscriber.objects.get()
    assert subscriber.status == SubscriberStatus.PENDING
    assert subscriber.token != old.token
    assert link(mail.outbox[0], "conferma") == f"/newsletter/conferma/{subscriber.token}/"


def test_consent_is_required(post: Any) -> None:
    data = form()
    del data["consent"]

    response = post(URL, data)

    assert response.status_code == 200
    assert "devi acconsentire" in response.content.decode()
    assert not Subscriber.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize("email", ["qualcuno@mailinator.com", "x@sub.yopmail.com"])
def test_disposable_domains_are_refused_with_a_clear_message(post: Any, email: str) -> None:
    response = post(URL, form(email))

    assert response.status_code == 200
    assert "temporanei non sono accettati" in response.content.decode()
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize(
    "email",
    [
        "non-un-indirizzo",
        "<script>alert(1)</script>@example.org",
        "a" * 300 + "@example.org",
        "'; DROP TABLE newsletter_subscriber; --@example.org",
        "",
    ],
)
def test_bad_addresses_get_a_message_never_an_error(post: Any, email: str) -> None:
    response = post(URL, form(email, language="xx"))

    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert "<script>alert(1)" not in response.content.decode()
    assert not Subscriber.objects.exists()


def test_a_member_finds_the_form_filled_in_and_subscribes_at_once(
    client: Client, post: Any
) -> None:
    user = UserFactory.create(email="socia@example.org", language="en")
    client.force_login(user)

    page = client.get(URL)
    response = post(URL, form("socia@example.org", language="en"))

    assert 'value="socia@example.org"' in page.content.decode()
    assert response.status_code == 302
    assert response["Location"] == URL
    subscriber = Subscriber.objects.get()
    assert (subscriber.user, subscriber.status, subscriber.language) == (
        user,
        SubscriberStatus.CONFIRMED,
        "en",
    )
    assert not mail.outbox  # the address was verified at sign-up
    consent = Consent.objects.filter(user=user, kind="newsletter").latest("created_at")
    assert consent.given
    assert "socia@example.org" in client.get(URL).content.decode()


def test_a_member_subscribing_another_address_confirms_it_by_email(
    client: Client, post: Any
) -> None:
    user = UserFactory.create(email="socio@example.org")
    EmailAddress.objects.create(user=user, email="altro@example.org", verified=False)
    client.force_login(user)

    post(URL, form("altro@example.org"))

    subscriber = Subscriber.objects.get()
    assert subscriber.status == SubscriberStatus.PENDING
    assert subscriber.user is None
    assert len(mail.outbox) == 1


def test_subscribe_requests_are_rate_limited_per_address(post: Any, settings: Any) -> None:
    settings.NEWSLETTER_SUBSCRIBE_RATE = 3
    for n in range(3):
        assert post(URL, form(f"persona{n}@example.org")).status_code == 302

    refused = post(URL, form("altra@example.org"))
    other_ip = post(URL, form("altra@example.org"), REMOTE_ADDR="10.1.2.3")

    assert refused.status_code == 429
    assert "Troppe richieste" in refused.content.decode()
    assert other_ip.status_code == 302
    assert Subscriber.objects.count() == 4

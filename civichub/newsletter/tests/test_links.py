"""The links in the e-mails: confirmation and unsubscription, with a button on GET
(scanners open links) and the action on POST, including mail clients' one-click POST."""

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from civichub.accounts.models import Consent
from civichub.accounts.tests.factories import UserFactory

from ..models import SubscriberStatus
from .factories import PendingFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def confirm_url(token: str) -> str:
    return f"/newsletter/conferma/{token}/"


def unsubscribe_url(token: str) -> str:
    return f"/newsletter/disiscrizione/{token}/"


def test_confirm_shows_a_button_and_confirms_on_post(client: Client) -> None:
    subscriber = PendingFactory.create()

    page = client.get(confirm_url(subscriber.token))
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING

    response = client.post(confirm_url(subscriber.token))

    assert page.status_code == 200
    assert "Sì, confermo l'iscrizione" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert response.status_code == 200
    assert "Iscrizione confermata" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert subscriber.confirmed_at is not None
    # Confirming again changes nothing and still says so.
    again = client.post(confirm_url(subscriber.token))
    assert again.status_code == 200
    assert client.get(confirm_url(subscriber.token)).status_code == 200


def test_an_expired_confirmation_link_says_so(client: Client) -> None:
    subscriber = PendingFactory.create(
        confirmation_sent_at=timezone.now() - datetime.timedelta(days=8)
    )

    page = client.get(confirm_url(subscriber.token))
    posted = client.post(confirm_url(subscriber.token))

    for response in (page, posted):
        assert response.status_code == 410
        assert "Link scaduto" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING


def test_a_confirmation_link_after_unsubscribing_does_not_resubscribe(client: Client) -> None:
    subscriber = SubscriberFactory.create(status=SubscriberStatus.UNSUBSCRIBED)

    response = client.post(confirm_url(subscriber.token))

    assert response.status_code == 410
    assert "Iscrizione non attiva" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED


@pytest.mark.parametrize(
    "token", ["sconosciuto", "x" * 500, "%3Cscript%3E", "a%27%20OR%201=1", "nul%00", "%C3%A8"]
)
@pytest.mark.parametrize("make_url", [confirm_url, unsubscribe_url])
def test_unknown_tokens_get_a_clear_page(client: Client, token: str, make_url: Any) -> None:
    PendingFactory.create()

    for response in (client.get(make_url(token)), client.post(make_url(token))):
        assert response.status_code == 404
        assert "Link non valido" in response.content.decode()


def test_unsubscribe_shows_a_button_and_unsubscribes_on_post(client: Client) -> None:
    subscriber = SubscriberFactory.create()

    page = client.get(unsubscribe_url(subscriber.token))
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED

    response = client.post(unsubscribe_url(subscriber.token))

    assert page.status_code == 200
    assert "Sì, disiscrivimi" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert response.status_code == 200
    assert "Non sei più iscritto" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None
    # A second click, or the page opened again, only confirms it.
    assert client.post(unsubscribe_url(subscriber.token)).status_code == 200
    assert "Non sei più iscritto" in client.get(unsubscribe_url(subscriber.token)).content.decode()


def test_one_click_unsubscribe_from_a_mail_client_needs_no_csrf_token() -> None:
    """RFC 8058: the client POSTs ``List-Unsubscribe=One-Click``, no cookie, no token."""
    subscriber = SubscriberFactory.create()
    mail_client = Client(enforce_csrf_checks=True)

    response = mail_client.post(
        unsubscribe_url(subscriber.token),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not response.cookies
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED


def test_the_confirmation_still_needs_csrf() -> None:
    subscriber = PendingFactory.create()

    response = Client(enforce_csrf_checks=True).post(confirm_url(subscriber.token))

    assert response.status_code == 403
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING


def test_a_member_who_unsubscribes_by_link_withdraws_the_consent_on_the_account(
    client: Client,
) -> None:
    user = UserFactory.create()
    Consent.objects.create(user=user, kind="newsletter", version="2026-11", given=True)
    subscriber = SubscriberFactory.create(user=user, email=user.email)

    client.post(unsubscribe_url(subscriber.token))

    latest = Consent.objects.filter(user=user, kind="newsletter").latest("created_at", "pk")
    assert latest.given is False

"""The account's data export includes the subscription; erasure deletes it."""

import io
import json
import zipfile

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from civichub.accounts.services import user_erase, user_export_data
from civichub.accounts.tests.factories import StaffFactory, UserFactory

from ..models import Delivery, Subscriber
from .factories import SentIssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def test_the_export_includes_subscriptions_and_issues_received() -> None:
    user = UserFactory.create(email="lettrice@example.org")
    subscriber = SubscriberFactory.create(user=user, email="lettrice@example.org", language="en")
    issue = SentIssueFactory.create(subject="Numero di ottobre")
    Delivery.objects.create(issue=issue, subscriber=subscriber, sent_at=issue.sent_at)
    SubscriberFactory.create(email="altra@example.org")

    archive = zipfile.ZipFile(io.BytesIO(user_export_data(user=user)))
    data = json.loads(archive.read("dati.json"))["newsletter"]

    assert len(data) == 1
    assert data[0]["email"] == "lettrice@example.org"
    assert data[0]["language"] == "en"
    assert data[0]["status"] == "confirmed"
    assert data[0]["consent_version"] == "2026-11"
    assert data[0]["issues_received"][0]["issue"] == "Numero di ottobre"


def test_erasure_deletes_linked_and_same_address_subscriptions(client: Client) -> None:
    user = UserFactory.create(email="persona@example.org")
    linked = SubscriberFactory.create(user=user, email="vecchio@example.org")
    same_address = SubscriberFactory.create(email="Persona@example.org")
    other = SubscriberFactory.create(email="altra@example.org")
    Delivery.objects.create(issue=SentIssueFactory.create(), subscriber=linked)
    client.force_login(StaffFactory.create())
    client.post(reverse("wagtailsnippets_newsletter_subscriber:unsubscribe", args=[linked.pk]))
    assert ModelLogEntry.objects.filter(label="vecchio@example.org").exists()

    user_erase(user=user)

    assert list(Subscriber.objects.all()) == [other]
    assert not Delivery.objects.exists()
    assert not Subscriber.objects.filter(pk=same_address.pk).exists()
    assert not ModelLogEntry.objects.filter(label="vecchio@example.org").exists()

"""Follows and notifications for tests."""

from typing import Any

import factory
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from civichub.accounts.tests.factories import UserFactory

from ..models import Follow, Notification, UnreadCounter


def follow_row(user: Any, target: Any) -> Follow:
    return Follow.objects.create(
        user=user, content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    )


class NotificationFactory(factory.django.DjangoModelFactory[Notification]):
    """An unread notification; the recipient's counter is kept right."""

    class Meta:
        model = Notification
        skip_postgeneration_save = True

    recipient = factory.SubFactory(UserFactory)
    kind = "follows"
    text = factory.Sequence(lambda n: f"«Bilancio partecipativo {n}» è stata aggiornata.")
    url = "/esperienze/"
    created_at = factory.LazyFunction(timezone.now)
    updated_at = factory.LazyAttribute(lambda row: row.created_at)

    @factory.post_generation
    def counter(row: Notification, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and row.read_at is None:
            counter, _created = UnreadCounter.objects.get_or_create(user=row.recipient)
            counter.unread += 1
            counter.save(update_fields=["unread"])

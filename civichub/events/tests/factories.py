"""Events for tests: published, upcoming (in ten days, 10:00–13:00 in Rome), in person
in a comune, with 20 seats and an organiser who is a contributor."""

import datetime
from typing import Any

import factory
from django.utils import timezone

from civichub.accounts.tests.factories import ContributorFactory, UserFactory
from civichub.organisations.tests.factories import municipality

from ..models import Event, EventKind, EventState, Format, Registration, RegistrationStatus


def in_days(days: int, hour: int = 10) -> datetime.datetime:
    """An aware datetime ``days`` from today at ``hour`` in the hub's time zone."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Laboratorio di co-progettazione {n}")
    slug = factory.Sequence(lambda n: f"evento-{n}")
    summary = "Un pomeriggio di lavoro per progettare insieme i servizi del quartiere."
    description = "Il laboratorio alterna brevi interventi e lavoro ai tavoli."
    kind = EventKind.WORKSHOP
    format = Format.IN_PERSON
    starts_at = factory.LazyFunction(lambda: in_days(10, 10))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=3))
    municipality = factory.LazyFunction(municipality)
    region = factory.LazyAttribute(
        lambda event: event.municipality.province.region if event.municipality else None
    )
    venue_name = "Sala civica"
    address = "Via Roma 1"
    organiser = factory.SubFactory(ContributorFactory)
    state = EventState.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    capacity = 20

    @factory.post_generation
    def themes(event: Event, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            event.themes.set(extracted)
            event.save()


class OnlineEventFactory(EventFactory):
    kind = EventKind.WEBINAR
    format = Format.ONLINE
    municipality: Any = None
    region: Any = None
    venue_name = ""
    address = ""
    online_url = "https://meet.example.org/stanza-riservata"


class DraftEventFactory(EventFactory):
    state = EventState.DRAFT
    published_at: Any = None


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration. It does not move the event's counters: tests of
    counters go through ``services.registration_create``."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    status = RegistrationStatus.CONFIRMED

"""The waitlist: order, offers of freed seats and their deadline, confirmation, expiry,
direct confirmation just before the start, and counters that match the rows."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from civichub.accounts.tests.factories import UserFactory

from .. import services
from ..models import Event, Registration, RegistrationStatus
from .factories import EventFactory

pytestmark = pytest.mark.django_db

CONFIRMED = RegistrationStatus.CONFIRMED
WAITLISTED = RegistrationStatus.WAITLISTED
OFFERED = RegistrationStatus.OFFERED
CANCELLED = RegistrationStatus.CANCELLED


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def now(time_machine):
    """Time stands still unless a test moves it."""
    moment = timezone.now().replace(microsecond=0)
    time_machine.move_to(moment, tick=False)
    return moment


def register(event, user=None):
    return services.registration_create(event=event, user=user or UserFactory.create(), answers={})


def status(registration) -> str:
    return Registration.objects.get(pk=registration.pk).status


def assert_counters_match(event: Event) -> None:
    event.refresh_from_db()
    rows = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert event.confirmed_count == rows.count(CONFIRMED)
    assert event.waitlist_count == rows.count(WAITLISTED) + rows.count(OFFERED)


def test_the_waitlist_is_served_in_order(time_machine, now):
    event = EventFactory.create(capacity=2)
    seated = [register(event), register(event)]
    waiting = []
    for minute in range(3):
        time_machine.move_to(now + datetime.timedelta(minutes=minute + 1), tick=False)
        waiting.append(register(event))
    assert [status(r) for r in waiting] == [WAITLISTED] * 3

    for person in seated:
        services.registration_cancel(registration=person, actor=person.user)
    assert [status(r) for r in waiting] == [OFFERED, OFFERED, WAITLISTED]
    assert_counters_match(event)
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (0, 3)


def test_registering_again_goes_to_the_end_of_the_queue(time_machine, now):
    event = EventFactory.create(capacity=1)
    seated = register(event)
    first, second = register(event), register(event)
    services.registration_cancel(registration=first, actor=first.user)
    time_machine.move_to(now + datetime.timedelta(minutes=5), tick=False)
    register(event, first.user)
    services.registration_cancel(registration=seated, actor=seated.user)
    assert (status(second), status(first)) == (OFFERED, WAITLISTED)


def test_an_offer_has_a_deadline_never_after_the_start(now, committed):
    event = EventFactory.create(capacity=1, offer_hours=48)
    seated, waiting = register(event), register(event)
    mail.outbox.clear()
    with committed():
        services.registration_cancel(registration=seated, actor=seated.user)
    waiting.refresh_from_db()
    assert waiting.offer_expires_at == now + datetime.timedelta(hours=48)
    offer = next(m for m in mail.outbox if m.to == [waiting.user.email])
    assert "conferma-posto" in offer.body
    assert "Confermalo entro" in offer.body

    soon = EventFactory.create(
        capacity=1,
        offer_hours=48,
        starts_at=now + datetime.timedelta(hours=5),
        ends_at=now + datetime.timedelta(hours=7),
        cancellation_deadline_hours=0,
    )
    seated, waiting = register(soon), register(soon)
    services.registration_cancel(registration=seated, actor=seated.user)
    waiting.refresh_from_db()
    assert waiting.offer_expires_at == soon.starts_at


def test_confirming_an_offer(now, committed):
    event = EventFactory.create(capacity=1)
    seated, waiting = register(event), register(event)
    services.registration_cancel(registration=seated, actor=seated.user)
    waiting.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.offer_confirm(registration=waiting, user=UserFactory.create())
    mail.outbox.clear()
    with committed():
        confirmed = services.offer_confirm(registration=waiting, user=waiting.user)
    assert confirmed.status == CONFIRMED
    assert confirmed.offer_expires_at is None
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (1, 0)
    [message] = mail.outbox
    assert "Hai un posto" in message.subject
    assert message.attachments
    # Confirming again is harmless.
    assert services.offer_confirm(registration=waiting, user=waiting.user).status == CONFIRMED


def test_an_offer_cannot_be_confirmed_after_its_deadline(time_machine, now):
    event = EventFactory.create(capacity=1, offer_hours=2)
    seated, waiting = register(event), register(event)
    services.registration_cancel(registration=seated, actor=seated.user)
    time_machine.move_to(now + datetime.timedelta(hours=2), tick=False)
    with pytest.raises(ValidationError, match="scaduto"):
        services.offer_confirm(registration=waiting, user=waiting.user)
    assert status(waiting) == OFFERED


def test_a_waitlisted_person_has_nothing_to_confirm(now):
    event = EventFactory.create(capacity=1)
    register(event)
    waiting = register(event)
    with pytest.raises(ValidationError):
        services.offer_confirm(registration=waiting, user=waiting.user)


def test_expired_offers_are_cancelled_and_the_next_in_line_is_offered(time_machine, now, committed):
    event = EventFactory.create(capacity=1, offer_hours=2)
    seated = register(event)
    late, next_one = register(event), register(event)
    services.registration_cancel(registration=seated, actor=seated.user)
    assert (status(late), status(next_one)) == (OFFERED, WAITLISTED)

    time_machine.move_to(now + datetime.timedelta(hours=1), tick=False)
    assert services.offers_expire(event=event) == 0
    assert status(late) == OFFERED

    time_machine.move_to(now + datetime.timedelta(hours=2), tick=False)
    mail.outbox.clear()
    with committed():
        assert services.offers_expire(event=event) == 1
    assert (status(late), status(next_one)) == (CANCELLED, OFFERED)
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "non è più disponibile" in subjects[late.user.email]
    assert "Si è liberato un posto" in subjects[next_one.user.email]
    assert_counters_match(event)


def test_less_than_an_hour_before_the_start_the_seat_is_confirmed_directly(
    time_machine, now, committed
):
    event = EventFactory.create(capacity=1, cancellation_deadline_hours=0)
    seated, waiting = register(event), register(event)
    time_machine.move_to(event.starts_at - datetime.timedelta(minutes=40), tick=False)
    mail.outbox.clear()
    with committed():
        services.registration_cancel(registration=seated, actor=seated.user)
    waiting.refresh_from_db()
    assert waiting.status == CONFIRMED
    # The confirmation is the reminder: nothing else goes a few minutes later.
    assert waiting.reminded_hour_at is not None
    message = next(m for m in mail.outbox if m.to == [waiting.user.email])
    assert "Hai un posto" in message.subject
    assert message.attachments
    assert_counters_match(event)


def test_nobody_is_promoted_once_the_event_started(time_machine, now):
    event = EventFactory.create(capacity=1)
    seated, waiting = register(event), register(event)
    time_machine.move_to(event.starts_at + datetime.timedelta(minutes=10), tick=False)
    services.registration_cancel(registration=seated, actor=event.organiser)
    assert status(waiting) == WAITLISTED
    assert services.waitlist_promote(event=event) == 0


def test_waitlist_promote_fills_free_seats_only(now):
    event = EventFactory.create(capacity=1)
    register(event)
    waiting = [register(event) for _ in range(2)]
    assert services.waitlist_promote(event=event) == 0
    Event.objects.filter(pk=event.pk).update(capacity=2)
    assert services.waitlist_promote(event=event) == 1
    assert services.waitlist_promote(event=event) == 0  # the offer holds the seat
    assert [status(r) for r in waiting] == [OFFERED, WAITLISTED]
    assert_counters_match(event)


def test_a_newcomer_never_jumps_the_queue(now):
    event = EventFactory.create(capacity=1)
    register(event)
    waiting = register(event)
    # A seat appears without the service noticing (e.g. edited in the database).
    Event.objects.filter(pk=event.pk).update(capacity=2)
    newcomer = register(event)
    assert (status(waiting), newcomer.status) == (OFFERED, WAITLISTED)
    assert_counters_match(event)


def test_declining_an_offer_passes_the_seat_on(now):
    event = EventFactory.create(capacity=1)
    seated = register(event)
    offered, next_one = register(event), register(event)
    services.registration_cancel(registration=seated, actor=seated.user)
    services.registration_cancel(
        registration=Registration.objects.get(pk=offered.pk), actor=offered.user
    )
    assert (status(offered), status(next_one)) == (CANCELLED, OFFERED)
    assert_counters_match(event)

"""Deferred work: what publishing and editing schedule (with a backend that defers),
what each task does when it runs at the right time, too early, late, or for an event
moved or cancelled since, and the housekeeping command that does it all from cron."""

import datetime
from typing import cast

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks import task_backends
from django_tasks.backends.dummy import DummyBackend

from civichub.accounts.tests.factories import UserFactory

from .. import services, tasks
from ..models import EventState, Registration, RegistrationStatus
from .factories import DraftEventFactory, EventFactory, OnlineEventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def deferring(settings):
    """A backend that keeps the tasks instead of running them, and can defer."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = cast(DummyBackend, task_backends["default"])
    yield backend
    backend.clear()


def scheduled(backend, name=None):
    """The events' tasks queued (not Wagtail's own, such as its reference index)."""
    return [
        (result.task.name, result.task.run_after, result.kwargs)
        for result in backend.results
        if result.task.module_path.startswith("civichub.events.tasks.")
        and (name is None or result.task.name == name)
    ]


def register(event, user=None):
    return services.registration_create(event=event, user=user or UserFactory.create(), answers={})


# --- scheduling ----------------------------------------------------------------------------


def test_publishing_schedules_reminders_and_the_survey(deferring, committed):
    event = DraftEventFactory.create()
    with committed():
        services.event_publish(event=event, actor=event.organiser)
    event.refresh_from_db()
    iso = event.starts_at.isoformat()
    assert sorted(scheduled(deferring), key=lambda job: job[1]) == [
        (
            "send_reminders",
            event.starts_at - 24 * HOUR,
            {"event_id": event.pk, "which": "day", "starts_at": iso},
        ),
        (
            "send_reminders",
            event.starts_at - HOUR,
            {"event_id": event.pk, "which": "hour", "starts_at": iso},
        ),
        ("request_feedback", event.ends_at + HOUR, {"event_id": event.pk}),
    ]


def test_only_what_is_enabled_and_still_ahead_is_scheduled(deferring, committed):
    starts = timezone.now() + 10 * HOUR
    event = DraftEventFactory.create(
        starts_at=starts, ends_at=starts + 2 * HOUR, feedback_enabled=False
    )
    with committed():
        services.event_publish(event=event, actor=event.organiser)
    assert [(name, kwargs.get("which")) for name, _, kwargs in scheduled(deferring)] == [
        ("send_reminders", "hour")
    ]


def test_without_a_deferring_backend_nothing_is_scheduled(committed):
    event = DraftEventFactory.create()
    with committed():
        services.event_publish(event=event, actor=event.organiser)
    event.refresh_from_db()
    assert event.state == EventState.PUBLISHED
    assert mail.outbox == []


def test_moving_an_event_reschedules(deferring, committed):
    event = EventFactory.create()
    new_start = event.starts_at + 48 * HOUR
    with committed():
        services.event_update(
            event=event,
            actor=event.organiser,
            data={"starts_at": new_start, "ends_at": new_start + 2 * HOUR},
        )
    reminders = scheduled(deferring, "send_reminders")
    assert {kwargs["starts_at"] for _, _, kwargs in reminders} == {new_start.isoformat()}
    assert {run_after for _, run_after, _ in reminders} == {new_start - 24 * HOUR, new_start - HOUR}
    assert scheduled(deferring, "request_feedback") == [
        ("request_feedback", new_start + 3 * HOUR, {"event_id": event.pk})
    ]


def test_an_offer_schedules_its_expiry(deferring, committed):
    event = EventFactory.create(capacity=1, offer_hours=6)
    seated = register(event)
    waiting = register(event)
    with committed():
        services.registration_cancel(registration=seated, actor=seated.user)
    waiting.refresh_from_db()
    assert scheduled(deferring, "expire_offers") == [
        ("expire_offers", waiting.offer_expires_at, {"event_id": event.pk})
    ]


# --- reminders -----------------------------------------------------------------------------


@pytest.fixture
def online_event():
    """An online event with one confirmed and one waitlisted person."""
    event = OnlineEventFactory.create(capacity=1)
    confirmed = register(event)
    register(event)
    mail.outbox.clear()
    return event, confirmed


def send(event, which, starts_at=None):
    starts = (starts_at or event.starts_at).isoformat()
    return tasks.send_reminders.call(event_id=event.pk, which=which, starts_at=starts)


def test_the_day_reminder_goes_once_to_confirmed_people(online_event, time_machine, committed):
    event, confirmed = online_event
    time_machine.move_to(event.starts_at - 24 * HOUR, tick=False)
    with committed():
        assert send(event, "day") == 1
    [message] = mail.outbox
    assert message.to == [confirmed.user.email]
    assert "domani" in message.subject
    assert event.online_url in message.body
    confirmed.refresh_from_db()
    assert confirmed.reminded_day_at == timezone.now()
    # Twice (the task and cron, or a retry): nobody gets it twice.
    assert send(event, "day") == 0
    assert services.reminders_send(event=event, which="day") == 0


@pytest.mark.parametrize(
    ("which", "before"),
    [
        ("day", 26 * HOUR),  # too early
        ("day", 30 * datetime.timedelta(minutes=1)),  # the hour reminder's turn
        ("hour", 2 * HOUR),
        ("hour", -datetime.timedelta(minutes=5)),  # started
    ],
)
def test_reminders_outside_their_window_send_nothing(online_event, time_machine, which, before):
    event, _ = online_event
    time_machine.move_to(event.starts_at - before, tick=False)
    assert send(event, which) == 0


def test_a_late_task_still_sends_within_the_slack(online_event, time_machine):
    event, _ = online_event
    time_machine.move_to(event.starts_at - 50 * datetime.timedelta(minutes=1), tick=False)
    assert send(event, "hour") == 1


def test_a_moved_event_ignores_the_old_reminder(online_event, time_machine):
    event, _ = online_event
    time_machine.move_to(event.starts_at - 24 * HOUR, tick=False)
    assert send(event, "day", starts_at=event.starts_at + HOUR) == 0
    assert send(event, "day") == 1


def test_a_cancelled_event_or_a_disabled_reminder_sends_nothing(online_event, time_machine):
    event, _ = online_event
    time_machine.move_to(event.starts_at - HOUR, tick=False)
    event.remind_hour_before = False
    event.save(update_fields=["remind_hour_before"])
    assert send(event, "hour") == 0
    services.event_cancel(event=event, actor=event.organiser, reason="Maltempo")
    assert send(event, "day") == 0
    assert not Registration.objects.filter(reminded_hour_at__isnull=False).exists()


def test_an_unknown_reminder_is_a_programming_error(online_event):
    with pytest.raises(ValueError, match="day"):
        tasks.send_reminders.call(event_id=online_event[0].pk, which="week")


def test_in_person_reminder_has_the_ticket_and_no_online_link(time_machine, committed):
    event = EventFactory.create()
    registration = register(event)
    mail.outbox.clear()
    time_machine.move_to(event.starts_at - HOUR, tick=False)
    with committed():
        assert send(event, "hour") == 1
    [message] = mail.outbox
    assert "biglietto" in message.body
    assert "Sala civica, Via Roma 1, Bologna" in message.body
    assert registration.user.email in message.to


# --- survey --------------------------------------------------------------------------------


@pytest.fixture
def past_event():
    event = EventFactory.create()
    attended = RegistrationFactory.create(event=event, checked_in_at=event.starts_at)
    absent = RegistrationFactory.create(event=event)
    RegistrationFactory.create(event=event, status=RegistrationStatus.CANCELLED)
    return event, attended, absent


def test_the_survey_goes_to_who_attended_an_hour_after_the_end(past_event, time_machine, committed):
    event, attended, _ = past_event
    time_machine.move_to(event.ends_at + 30 * datetime.timedelta(minutes=1), tick=False)
    assert tasks.request_feedback.call(event_id=event.pk) == 0
    time_machine.move_to(event.ends_at + HOUR, tick=False)
    with committed():
        assert tasks.request_feedback.call(event_id=event.pk) == 1
    [message] = mail.outbox
    assert message.to == [attended.user.email]
    assert "valutazione" in message.body
    assert "attestato" in message.body
    assert tasks.request_feedback.call(event_id=event.pk) == 0
    event.refresh_from_db()
    assert event.feedback_requested_at == timezone.now()


def test_without_check_in_the_survey_goes_to_every_confirmed_person(past_event, time_machine):
    event, attended, _ = past_event
    Registration.objects.filter(pk=attended.pk).update(checked_in_at=None)
    time_machine.move_to(event.ends_at + 2 * HOUR, tick=False)
    assert tasks.request_feedback.call(event_id=event.pk) == 2


def test_no_survey_when_disabled_or_too_late(past_event, time_machine):
    event, _, _ = past_event
    time_machine.move_to(event.ends_at + 15 * 24 * HOUR, tick=False)
    assert tasks.request_feedback.call(event_id=event.pk) == 0
    time_machine.move_to(event.ends_at + 2 * HOUR, tick=False)
    event.feedback_enabled = False
    event.save(update_fields=["feedback_enabled"])
    assert tasks.request_feedback.call(event_id=event.pk) == 0


# --- offers and housekeeping ---------------------------------------------------------------


def test_the_expiry_task_expires_offers(time_machine):
    event = EventFactory.create(capacity=1, offer_hours=2)
    seated, waiting = register(event), register(event)
    services.registration_cancel(registration=seated, actor=seated.user)
    assert tasks.expire_offers.call(event_id=event.pk) == 0
    time_machine.move_to(timezone.now() + 3 * HOUR, tick=False)
    assert tasks.expire_offers.call(event_id=event.pk) == 1
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CANCELLED
    assert tasks.expire_offers.call(event_id=0) == 0


def test_housekeeping_does_all_due_work_once(time_machine, capsys, committed):
    time_machine.move_to(timezone.now().replace(microsecond=0), tick=False)
    now = timezone.now()
    offers = EventFactory.create(capacity=1, offer_hours=1)
    seated, late = register(offers), register(offers)
    services.registration_cancel(registration=seated, actor=seated.user)
    tomorrow = EventFactory.create(starts_at=now + 26 * HOUR, ends_at=now + 28 * HOUR)
    register(tomorrow)
    ended = EventFactory.create(starts_at=now - 5 * HOUR, ends_at=now - 3 * HOUR)
    RegistrationFactory.create(event=ended)
    time_machine.move_to(now + 2 * HOUR, tick=False)
    mail.outbox.clear()

    with committed():
        call_command("events_housekeeping")
    assert "Offerte scadute: 1; promemoria inviati: 1; questionari inviati: 1" in (
        capsys.readouterr().out
    )
    assert len(mail.outbox) == 3
    late.refresh_from_db()
    assert late.status == RegistrationStatus.CANCELLED

    call_command("events_housekeeping")
    assert "Offerte scadute: 0; promemoria inviati: 0; questionari inviati: 0" in (
        capsys.readouterr().out
    )

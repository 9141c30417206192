"""Deferred work of events, queued by ``services`` with ``run_after`` when the task
backend can defer (``manage.py events_housekeeping`` does the same from cron otherwise).

Each task re-reads the event and re-checks the time and the state when it runs: a task
queued for an event that was since moved or cancelled does nothing.
"""

import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django_tasks import task

from . import services
from .models import Event, EventState

# A task may run a little late (a busy worker): it still counts within this margin.
REMINDER_SLACK = {"day": datetime.timedelta(hours=1), "hour": datetime.timedelta(minutes=15)}


def _published(event_id: int) -> Event | None:
    return Event.objects.filter(pk=event_id, state=EventState.PUBLISHED).first()


@task()
def send_reminders(event_id: int, which: str, starts_at: str = "") -> int:
    """The ``day`` / ``hour`` reminder, if the event still starts at ``starts_at`` (ISO
    format, given when the task was queued) within the reminder's window."""
    if which not in services.REMINDER_LEADS:
        raise ValueError(f"reminders are 'day' or 'hour', not {which!r}")
    event = _published(event_id)
    if event is None:
        return 0
    if starts_at and parse_datetime(starts_at) != event.starts_at:
        return 0  # moved: the reminders queued for the new time will go
    if not services.reminder_due(event, which, timezone.now(), slack=REMINDER_SLACK[which]):
        return 0
    return services.reminders_send(event=event, which=which)


@task()
def expire_offers(event_id: int) -> int:
    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        return 0
    return services.offers_expire(event=event)


@task()
def request_feedback(event_id: int) -> int:
    event = _published(event_id)
    if event is None or not services.feedback_due(event, timezone.now()):
        return 0
    return services.feedback_request(event=event)

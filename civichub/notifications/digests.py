"""Daily and weekly digests as a self-scheduling chain of background tasks.

``digests_schedule()`` queues the next ``notification_digests`` run for each frequency
unless one is already pending (at most one per frequency); it runs after every
``migrate`` (``apps.py``: ``make run`` migrates before starting the worker) and after
each run. Backends that cannot defer (the immediate backend of the tests) skip it:
``manage.py send_notification_digests`` from cron is the fallback.
"""

import datetime
import zoneinfo

from django.db import DatabaseError, connection
from django.utils import timezone

from civichub.accounts.models import Frequency
from civichub.accounts.notifications import notification_digests_send

ROME = zoneinfo.ZoneInfo("Europe/Rome")
SEND_AT = datetime.time(7, 0)
FREQUENCIES = (Frequency.DAILY, Frequency.WEEKLY)


def next_run(frequency: str, now: datetime.datetime | None = None) -> datetime.datetime:
    """The next 07:00 in Rome (daily) or the next Monday at 07:00 (weekly), after ``now``."""
    local = (now or timezone.now()).astimezone(ROME)
    day = local.date()
    while True:
        candidate = datetime.datetime.combine(day, SEND_AT, tzinfo=ROME)
        if candidate > local and (frequency == Frequency.DAILY or day.weekday() == 0):
            return candidate
        day += datetime.timedelta(days=1)


def _pending(frequency: str) -> bool:
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from .tasks import notification_digests

    return DBTaskResult.objects.filter(
        task_path=notification_digests.module_path,
        status=TaskResultStatus.READY,
        args_kwargs__kwargs__frequency=frequency,
    ).exists()


def digests_schedule(now: datetime.datetime | None = None) -> list[str]:
    """Queue the next run of each frequency that has none pending; returns those queued."""
    from .tasks import notification_digests

    backend = notification_digests.get_backend()
    if not backend.supports_defer:
        return []
    uses_database = backend.__class__.__module__.startswith("django_tasks_db")
    if uses_database:
        try:
            from django_tasks_db.models import DBTaskResult

            if DBTaskResult._meta.db_table not in connection.introspection.table_names():
                return []
        except DatabaseError:
            return []
    queued = []
    for frequency in FREQUENCIES:
        if uses_database and _pending(frequency):
            continue
        notification_digests.using(run_after=next_run(frequency, now)).enqueue(frequency=frequency)
        queued.append(str(frequency))
    return queued


def digests_run(*, frequency: str) -> int:
    """Send the digests of ``frequency`` and queue the next run."""
    sent = notification_digests_send(frequency=frequency)
    digests_schedule()
    return sent

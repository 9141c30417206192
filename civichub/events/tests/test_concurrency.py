"""Real concurrency on PostgreSQL: many people registering at the same instant for the
last seats, and one person submitting twice at once. Each thread has its own database
connection; the event's row lock must make the outcome exact.

SQLite serialises writers anyway (and cannot run these threads in the test
transaction), so these tests run only on PostgreSQL, as in CI.
"""

import fcntl
import tempfile
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from civichub.accounts.models import User

from .. import services
from ..models import Registration, RegistrationStatus
from .factories import EventFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL's row locks and threads"
    ),
    # Serialized rollback, like the browser tests: a plain transactional test ends with a
    # flush that recreates content types under new ids, and the browser tests that run
    # later would then fail to restore theirs.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def one_race_at_a_time() -> Iterator[None]:
    """Each race opens as many connections as the server allows: with the suite on
    several cores (pytest-xdist), two races at once would exhaust them, so workers take
    turns through a lock file shared by the machine's processes."""
    with (Path(tempfile.gettempdir()) / "civichub-concurrency-tests.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def members(count: int, prefix: str = "corsa") -> list[User]:
    """People who joined the hub (all that registering needs), in one insert."""
    now = timezone.now()
    return User.objects.bulk_create(
        User(email=f"{prefix}{n}@example.org", first_name=f"Persona {n}", joined_at=now)
        for n in range(count)
    )


def _connection_budget() -> int:
    """How many threads may hold a connection at once: the server's limit less a margin
    for this test's own connection and the superuser's reserved slots."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_connections")
        allowed = int(cursor.fetchone()[0])
    return max(allowed - 20, 2)


def all_at_once(calls: list[Callable[[], Any]]) -> tuple[list[Any], list[BaseException]]:
    """Run the calls from as many threads as the server accepts connections (all of them
    on CI, whose cluster allows 250), released together by a barrier; a thread with more
    than one call runs the rest right after, still racing the others."""
    workers = min(len(calls), _connection_budget())
    barrier = threading.Barrier(workers)
    results: list[Any] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(chunk: list[Callable[[], Any]]) -> None:
        try:
            barrier.wait(timeout=60)
            for call in chunk:
                try:
                    result = call()
                except BaseException as error:  # reported by the test
                    with lock:
                        errors.append(error)
                else:
                    with lock:
                        results.append(result)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(run, [calls[start::workers] for start in range(workers)]))
    return results, errors


def test_200_people_for_50_seats():
    event = EventFactory.create(capacity=50)
    people = members(200)

    results, errors = all_at_once(
        [
            partial(services.registration_create, event=event, user=person, answers={})
            for person in people
        ]
    )

    assert errors == []
    statuses = [registration.status for registration in results]
    assert statuses.count(RegistrationStatus.CONFIRMED) == 50
    assert statuses.count(RegistrationStatus.WAITLISTED) == 150
    rows = Registration.objects.filter(event=event)
    assert rows.count() == 200
    assert rows.values("user").distinct().count() == 200
    assert rows.filter(status=RegistrationStatus.CONFIRMED).count() == 50
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (50, 150)


def test_one_person_submitting_twice_at_once():
    event = EventFactory.create(capacity=5)
    [person] = members(1)

    results, errors = all_at_once(
        [
            partial(services.registration_create, event=event, user=person, answers={})
            for _ in range(10)
        ]
    )

    assert errors == []
    assert {registration.pk for registration in results} == {
        Registration.objects.get(event=event, user=person).pk
    }
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (1, 0)


def test_cancellations_and_registrations_at_once_keep_the_counters_right():
    event = EventFactory.create(capacity=10)
    seated = [
        services.registration_create(event=event, user=person, answers={}) for person in members(10)
    ]
    newcomers = members(20, prefix="nuova")

    calls: list[Callable[[], Any]] = [
        partial(services.registration_cancel, registration=registration, actor=registration.user)
        for registration in seated[:5]
    ]
    calls += [
        partial(services.registration_create, event=event, user=person, answers={})
        for person in newcomers
    ]
    _, errors = all_at_once(calls)

    assert errors == []
    event.refresh_from_db()
    rows = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    confirmed = rows.count(RegistrationStatus.CONFIRMED)
    offered = rows.count(RegistrationStatus.OFFERED)
    assert confirmed + offered == 10  # every freed seat taken or offered, never more
    assert event.confirmed_count == confirmed
    assert event.waitlist_count == offered + rows.count(RegistrationStatus.WAITLISTED)


def test_200_people_enrolling_at_once_for_50_seats_of_a_cohort():
    from .. import course_services
    from ..models import Enrolment, EnrolmentState
    from .course_factories import CohortFactory, OpenCourseFactory

    cohort = CohortFactory.create(course=OpenCourseFactory.create(), capacity=50, tutors=[])
    people = members(200, prefix="corsista")

    def enrol(person: User) -> Any:
        try:
            return course_services.enrolment_create(cohort=cohort, user=person)
        except ValidationError as error:
            return error.code

    results, errors = all_at_once([partial(enrol, person) for person in people])

    assert errors == []
    assert sum(isinstance(result, Enrolment) for result in results) == 50
    assert results.count("full") == 150
    rows = Enrolment.objects.filter(cohort=cohort)
    assert rows.count() == 50
    assert rows.filter(state=EnrolmentState.ACTIVE).values("user").distinct().count() == 50
    cohort.refresh_from_db()
    assert cohort.enrolled_count == rows.count() == 50

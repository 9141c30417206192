"""Benchmark events: topped up to the target once, with registrations and counters as
the services would leave them."""

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from civichub.accounts import bench as accounts_bench
from civichub.organisations.tests.factories import OrganisationFactory, municipality
from civichub.search.bench import seed as search_seed
from civichub.search.models import SearchDocument

from .. import bench
from ..models import Event, EventState, Format, Registration, RegistrationStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub() -> None:
    municipality("037006", "Bologna")
    municipality("044007", "Ascoli Piceno", region_code="11")
    OrganisationFactory.create()
    accounts_bench.seed(scale=0.003, log=lambda message: None)  # 60 people


def test_bench_tops_up_to_the_target_once(hub) -> None:
    lines: list[str] = []

    bench.seed(scale=0.02, log=lines.append)
    rows = Registration.objects.count()
    bench.seed(scale=0.02, log=lines.append)

    events = Event.objects.filter(slug__startswith=bench.SLUG_PREFIX)
    assert events.count() == 20
    assert lines[-1] == "eventi: 20 già presenti (obiettivo 20)"
    assert Registration.objects.count() == rows
    assert 20 * 5 < rows < 20 * 40
    assert not events.filter(themes=None).exists()
    bench.seed(scale=0.03, log=lines.append)
    assert events.count() == 30
    assert lines[-1].startswith("eventi: 10 creati")


def test_bench_events_hold_together(hub) -> None:
    bench.seed(scale=0.05, log=lambda message: None)
    now = timezone.now()

    events = Event.objects.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
        waiting=Count("registrations", filter=Q(registrations__status="waitlisted")),
    ).select_related("municipality")
    assert {event.state for event in events} >= {EventState.PUBLISHED, EventState.DRAFT}
    assert events.filter(ends_at__lt=now).exists()
    assert events.filter(starts_at__gt=now).exists()
    for event in events:
        assert (event.confirmed_count, event.waitlist_count) == (event.confirmed, event.waiting)
        assert event.capacity is None or event.confirmed_count <= event.capacity
        if event.format == Format.ONLINE:
            assert event.municipality is None
            assert event.online_url
        else:
            assert event.region_id == event.municipality.region_id
        if event.state == EventState.DRAFT:
            assert not event.registrations.exists()
            assert event.published_at is None
        if event.state == EventState.CANCELLED:
            assert not event.registrations.exclude(status=RegistrationStatus.CANCELLED).exists()
        if event.ends_at < now:
            assert not event.registrations.filter(status=RegistrationStatus.WAITLISTED).exists()
        else:
            assert not event.registrations.filter(checked_in_at__isnull=False).exists()
    assert Registration.objects.filter(checked_in_at__isnull=False).exists()


def test_bench_events_are_indexed_by_the_search_seeder(hub, client) -> None:
    bench.seed(scale=0.01, log=lambda message: None)

    search_seed(scale=0.01, log=lambda message: None)

    public = Event.objects.public().count()
    assert public
    assert SearchDocument.objects.filter(kind="event").count() == public

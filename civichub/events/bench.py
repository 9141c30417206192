"""Benchmark events: 1,000 per unit of scale, from a year ago to six months ahead, with
about twenty registrations each (10,000 events and 200,000 registrations at
``--scale 10``).

Inserted in bulk with their themes and registrations; the region is the comune's, as
``services`` would derive it, and the counters match the rows (confirmed, waitlisted)
as the services keep them. A second run adds nothing: registrations are created only
with their event. The search documents are built by the search app's seeder, which
runs later.
"""

import datetime
import random
from collections.abc import Callable

from django.utils import timezone

from civichub.accounts.bench import EMAIL_DOMAIN
from civichub.accounts.models import User
from civichub.organisations.models import Organisation
from civichub.taxonomy.models import AUDIENCES, Theme
from civichub.territories.models import Municipality

from .models import (
    Event,
    EventKind,
    EventState,
    Format,
    Registration,
    RegistrationStatus,
)

EVENTS_PER_SCALE = 1_000
SLUG_PREFIX = "bench-evt-"
BATCH_SIZE = 1_000

STATES = [EventState.PUBLISHED] * 90 + [EventState.DRAFT] * 6 + [EventState.CANCELLED] * 4
FORMATS = [Format.IN_PERSON] * 5 + [Format.ONLINE] * 3 + [Format.HYBRID] * 2
CAPACITIES = [None, 20, 25, 30, 40, 50, 80, 100, 200]
KIND_TITLES: dict[str, str] = {
    EventKind.WEBINAR: "Webinar",
    EventKind.WORKSHOP: "Laboratorio",
    EventKind.TRAINING_DAY: "Giornata formativa",
    EventKind.CONFERENCE: "Convegno",
    EventKind.TABLE: "Tavolo di co-progettazione",
    EventKind.MEETING: "Incontro di comunità",
}
SUBJECTS = [
    "sul bilancio partecipativo", "sui patti di collaborazione", "sul welfare di comunità",
    "sulla co-programmazione", "sulle comunità energetiche", "sulla mobilità scolastica",
    "sui beni confiscati", "sulle aree interne", "sulle case di comunità",
    "sulla rigenerazione urbana", "sui patti educativi", "sull'amministrazione condivisa",
]  # fmt: skip
SENTENCES = [
    "Un incontro per condividere esperienze e strumenti tra enti pubblici e Terzo Settore.",
    "Interventi brevi e lavoro a gruppi, con una restituzione finale in plenaria.",
    "Porta le tue domande: metà del tempo è dedicato al confronto.",
    "I materiali e la registrazione resteranno disponibili nella biblioteca dell'hub.",
    "Partecipano amministratori, funzionari, associazioni e cittadini attivi.",
    "Si parte dai casi concreti portati dai partecipanti.",
]


def bench_slug(number: int) -> str:
    return f"{SLUG_PREFIX}{number:06d}"


def seed(*, scale: float, log: Callable[[str], None]) -> None:
    target = round(EVENTS_PER_SCALE * scale)
    existing = set(
        Event.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True)
    )
    missing = [n for n in range(target) if bench_slug(n) not in existing]
    if not missing:
        log(f"eventi: {len(existing)} già presenti (obiettivo {target})")
        return
    comuni = list(Municipality.objects.values_list("pk", "region_id", "name"))
    theme_ids = list(Theme.objects.values_list("pk", flat=True))
    organisation_ids = list(
        Organisation.objects.order_by("pk").values_list("pk", flat=True)[:20_000]
    )
    people = list(
        User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
        .order_by("pk")
        .values_list("pk", flat=True)[:20_000]
    )
    now = timezone.now()
    registrations = 0
    for start in range(0, len(missing), BATCH_SIZE):
        planned = []
        for number in missing[start : start + BATCH_SIZE]:
            event = _event(number, comuni, organisation_ids, people, now)
            planned.append((event, _plan(event, people, now)))
        created = Event.objects.bulk_create([event for event, _rows in planned])
        links, rows = [], []
        for event, plan in zip(created, (rows for _event, rows in planned), strict=True):
            rng = random.Random(f"{event.slug}:themes")
            links += [
                Event.themes.through(event_id=event.pk, theme_id=theme)
                for theme in rng.sample(theme_ids, k=min(len(theme_ids), rng.randint(1, 3)))
            ]
            for row in plan:
                row.event_id = event.pk
            rows += plan
        Event.themes.through.objects.bulk_create(links, batch_size=BATCH_SIZE)
        Registration.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        registrations += len(rows)
    log(
        f"eventi: {len(missing)} creati ({registrations} iscrizioni), "
        f"{len(existing)} già presenti (obiettivo {target})"
    )


def _event(
    number: int,
    comuni: list[tuple[int, int, str]],
    organisation_ids: list[int],
    people: list[int],
    now: datetime.datetime,
) -> Event:
    rng = random.Random(f"{SLUG_PREFIX}{number}")
    kind = rng.choice(EventKind.values)
    event_format = rng.choice(FORMATS) if comuni else Format.ONLINE
    place = rng.choice(comuni) if event_format != Format.ONLINE else None
    starts = now.replace(minute=0, second=0, microsecond=0) + datetime.timedelta(
        hours=rng.randint(-365 * 24, 180 * 24)
    )
    state = rng.choice(STATES)
    created = starts - datetime.timedelta(days=rng.randint(10, 60))
    published = created + datetime.timedelta(days=1) if state != EventState.DRAFT else None
    audiences = {field: rng.random() < 0.4 for field, _label in AUDIENCES.values()}
    title = f"{KIND_TITLES[kind]} {rng.choice(SUBJECTS)}"
    return Event(
        slug=bench_slug(number),
        title=f"{title} a {place[2]} {number}" if place else f"{title} {number}",
        summary=" ".join(rng.sample(SENTENCES, k=2))[:300],
        description="\n\n".join(rng.sample(SENTENCES, k=3)),
        kind=kind,
        format=event_format,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=rng.choice([1, 2, 3, 4, 8])),
        municipality_id=place[0] if place else None,
        region_id=place[1] if place else None,
        venue_name="Sala civica" if place else "",
        address="Piazza del Municipio 1" if place else "",
        online_url=(
            f"https://videoconferenza.example.org/{bench_slug(number)}"
            if event_format != Format.IN_PERSON
            else ""
        ),
        organisation_id=(
            rng.choice(organisation_ids) if organisation_ids and rng.random() < 0.7 else None
        ),
        organiser_id=rng.choice(people) if people else None,
        state=state,
        published_at=min(published, now) if published else None,
        cancelled_at=now if state == EventState.CANCELLED else None,
        cancellation_reason="Evento annullato per motivi organizzativi."
        if state == EventState.CANCELLED
        else "",
        capacity=rng.choice(CAPACITIES),
        feedback_requested_at=starts + datetime.timedelta(days=1) if starts < now else None,
        created_at=min(created, now),
        **audiences,
    )


def _plan(event: Event, people: list[int], now: datetime.datetime) -> list[Registration]:
    """About twenty registrations for a published or cancelled event, and its counters
    to match: beyond the capacity people wait (in the future) or were never there (in the
    past)."""
    if event.state == EventState.DRAFT or not people:
        return []
    rng = random.Random(f"{event.slug}:registrations")
    past = event.ends_at < now
    rows = []
    for n, user in enumerate(rng.sample(people, k=min(len(people), rng.randint(0, 40)))):
        queued = (event.published_at or now) + datetime.timedelta(minutes=n)
        row = Registration(user_id=user, queued_at=queued, created_at=queued)
        if event.state == EventState.CANCELLED:
            row.status = RegistrationStatus.CANCELLED
            row.cancelled_at = event.cancelled_at
            row.cancelled_by_organiser = True
        elif event.capacity is None or event.confirmed_count < event.capacity:
            row.status = RegistrationStatus.CONFIRMED
            event.confirmed_count += 1
            if past and rng.random() < 0.75:
                row.checked_in_at = event.starts_at
        elif not past:
            row.status = RegistrationStatus.WAITLISTED
            event.waitlist_count += 1
        else:
            continue
        rows.append(row)
    return rows

"""Benchmark experiences: 10,000 per unit of scale (100,000 at ``--scale 10``).

Inserted in bulk with their relations: comuni (with the derived regions, provinces and
map point that services.experience_refresh_derived would compute), themes, methods and
organisations; most are published, the rest spread over the workflow states. The search
index is filled with the backends' bulk insert, since ``bulk_create`` sends no signal.
"""

import datetime
import random
from collections.abc import Callable
from typing import Any

from django.utils import timezone
from wagtail.search.backends import get_search_backends

from civichub.accounts.bench import EMAIL_DOMAIN
from civichub.accounts.models import User
from civichub.organisations.models import Organisation
from civichub.taxonomy.models import IAP2Level, ParticipatoryMethod, Theme
from civichub.territories.models import Municipality, Province, Region, Scale

from .models import (
    BudgetBand,
    Experience,
    ExperienceOrganisation,
    OrganisationRole,
    Recruitment,
    State,
    Status,
)

EXPERIENCES_PER_SCALE = 10_000
SLUG_PREFIX = "bench-esp-"
BATCH_SIZE = 1_000

# Roughly a real catalogue: mostly published, a few in every other state.
STATES = [State.PUBLISHED] * 88 + [State.DRAFT] * 5 + [State.SUBMITTED] * 3
STATES += [State.CHANGES_REQUESTED] * 2 + [State.REJECTED] * 2
SCALES = [Scale.MUNICIPAL] * 10 + [Scale.NEIGHBOURHOOD] * 4 + [Scale.INTER_MUNICIPAL] * 2
SCALES += [Scale.PROVINCIAL, Scale.REGIONAL, Scale.NATIONAL]
SUBJECTS = [
    "Bilancio partecipativo", "Patto di collaborazione", "Laboratorio di quartiere",
    "Tavolo di co-progettazione", "Consulta dei giovani", "Assemblea cittadina",
    "Percorso partecipativo", "Comunità energetica", "Orto condiviso", "Scuola aperta",
    "Giuria di cittadini", "Mappatura dei beni comuni",
]  # fmt: skip
PURPOSES = [
    "per la piazza", "per il parco", "sul clima", "per la biblioteca", "per la mobilità",
    "sulla casa", "per le scuole", "per il centro storico", "sulle aree interne",
    "per lo sport", "sul welfare di comunità", "per il lungofiume",
]  # fmt: skip
SENTENCES = [
    "Il percorso ha coinvolto associazioni, scuole e uffici comunali in sei incontri pubblici.",
    "Le proposte raccolte sono state discusse in un tavolo aperto a tutta la cittadinanza.",
    "L'amministrazione ha pubblicato le risposte ufficiali a ciascuna proposta.",
    "Gli enti del Terzo Settore hanno co-progettato il servizio con gli uffici.",
    "Il gruppo di facilitazione ha curato la restituzione dei risultati nei quartieri.",
    "Il monitoraggio prosegue con indicatori condivisi e un incontro ogni tre mesi.",
    "Un sorteggio stratificato ha composto un gruppo rappresentativo della popolazione.",
    "Il budget è stato assegnato ai progetti più votati dai residenti.",
]


def bench_slug(number: int) -> str:
    return f"{SLUG_PREFIX}{number:06d}"


class _Places:
    """The loaded territories, as tuples, for drawing places without queries."""

    def __init__(self) -> None:
        self.municipalities = list(
            Municipality.objects.values_list(
                "pk", "province_id", "region_id", "centroid_lat", "centroid_lon", "name"
            )
        )
        self.by_province: dict[int, list[tuple]] = {}
        for row in self.municipalities:
            self.by_province.setdefault(row[1], []).append(row)
        self.provinces = list(
            Province.objects.values_list("pk", "region_id", "centroid_lat", "centroid_lon", "name")
        )
        self.regions = list(
            Region.objects.values_list("pk", "centroid_lat", "centroid_lon", "name")
        )


def _place(rng: random.Random, scale: str, places: _Places) -> dict[str, Any]:
    """Comuni, province, region, derived regions/provinces and point for one experience."""
    empty: dict[str, Any] = {
        "comuni": [], "province": None, "region": None,
        "provinces": set(), "regions": set(), "point": None, "name": "Italia",
    }  # fmt: skip
    if scale == Scale.NATIONAL or not places.municipalities:
        return empty
    if scale == Scale.REGIONAL and places.regions:
        pk, lat, lon, name = rng.choice(places.regions)
        point = (lat, lon) if lat is not None else None
        return {**empty, "region": pk, "regions": {pk}, "point": point, "name": name}
    if scale == Scale.PROVINCIAL and places.provinces:
        pk, region, lat, lon, name = rng.choice(places.provinces)
        point = (lat, lon) if lat is not None else None
        return {
            **empty, "province": pk, "provinces": {pk}, "regions": {region},
            "point": point, "name": name,
        }  # fmt: skip
    first = rng.choice(places.municipalities)
    comuni = [first]
    if scale == Scale.INTER_MUNICIPAL:
        neighbours = places.by_province[first[1]]
        comuni += rng.sample(neighbours, k=min(len(neighbours), rng.randint(1, 3)))
        comuni = list({row[0]: row for row in comuni}.values())
    return {
        **empty,
        "comuni": [row[0] for row in comuni],
        "provinces": {row[1] for row in comuni},
        "regions": {row[2] for row in comuni},
        "point": (first[3], first[4]) if first[3] is not None else None,
        "name": first[5],
    }


def _dates(rng: random.Random, status: str, today: datetime.date) -> dict[str, Any]:
    if status == Status.PLANNED:
        start = today + datetime.timedelta(days=rng.randint(30, 400))
        return {"start_date": start, "end_date": None}
    start = today - datetime.timedelta(days=rng.randint(60, 8 * 365))
    if status == Status.ONGOING:
        return {"start_date": start, "end_date": None}
    end = start + datetime.timedelta(days=rng.randint(30, 3 * 365))
    return {"start_date": start, "end_date": min(end, today - datetime.timedelta(days=1))}


def seed(*, scale: float, log: Callable[[str], None]) -> None:
    target = round(EXPERIENCES_PER_SCALE * scale)
    existing = set(
        Experience.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True)
    )
    missing = [n for n in range(target) if bench_slug(n) not in existing]
    if not missing:
        log(f"esperienze: {len(existing)} già presenti (obiettivo {target})")
        return
    places = _Places()
    theme_ids = list(Theme.objects.values_list("pk", flat=True))
    method_ids = list(ParticipatoryMethod.objects.values_list("pk", flat=True))
    level_ids = list(IAP2Level.objects.values_list("pk", flat=True))
    organisation_ids = list(
        Organisation.objects.order_by("pk").values_list("pk", flat=True)[:20_000]
    )
    author_ids = list(
        User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
        .order_by("pk")
        .values_list("pk", flat=True)[:5_000]
    )
    now = timezone.now()
    for start in range(0, len(missing), BATCH_SIZE):
        drafts = [
            _experience(n, places, level_ids, author_ids, now)
            for n in missing[start : start + BATCH_SIZE]
        ]
        created = Experience.objects.bulk_create([e for e, _ in drafts], batch_size=BATCH_SIZE)
        _relations(
            [(experience, place) for experience, (_, place) in zip(created, drafts, strict=True)],
            theme_ids,
            method_ids,
            organisation_ids,
        )
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(Experience, created)
    log(f"esperienze: {len(missing)} create, {len(existing)} già presenti (obiettivo {target})")


def _experience(
    number: int,
    places: _Places,
    level_ids: list[int],
    author_ids: list[int],
    now: datetime.datetime,
) -> tuple[Experience, dict[str, Any]]:
    rng = random.Random(f"{SLUG_PREFIX}{number}")
    scale = rng.choice(SCALES)
    place = _place(rng, scale, places)
    status = rng.choice(Status.values)
    state = rng.choice(STATES)
    published = state == State.PUBLISHED
    created = now - datetime.timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
    point = place["point"]
    experience = Experience(
        slug=bench_slug(number),
        title=f"{rng.choice(SUBJECTS)} {rng.choice(PURPOSES)} a {place['name']} {number}",
        summary=" ".join(rng.sample(SENTENCES, k=2))[:280],
        narrative="\n\n".join(f"<p>{s}</p>" for s in rng.sample(SENTENCES, k=4)),
        scale=scale,
        province_id=place["province"],
        region_id=place["region"],
        marker_latitude=point[0] if point else None,
        marker_longitude=point[1] if point else None,
        status=status,
        **_dates(rng, status, now.date()),
        iap2_level_id=rng.choice(level_ids) if level_ids and rng.random() < 0.8 else None,
        participants_count=rng.randint(10, 2_000) if rng.random() < 0.7 else None,
        recruitment=rng.choice(Recruitment.values),
        budget_band=rng.choice(BudgetBand.values),
        has_evaluation=rng.random() < 0.3,
        state=state,
        author_id=rng.choice(author_ids) if author_ids else None,
        created_at=created,
        updated_at=created,
        submitted_at=created if state != State.DRAFT else None,
        published_at=created + datetime.timedelta(days=rng.randint(1, 20)) if published else None,
        replication_count=rng.choice([0] * 8 + [1, 2, 3, 5, 8]),
    )
    return experience, place


def _relations(
    rows: list[tuple[Experience, dict[str, Any]]],
    theme_ids: list[int],
    method_ids: list[int],
    organisation_ids: list[int],
) -> None:
    links: dict[Any, list] = {
        through: []
        for through in (
            Experience.municipalities.through,
            Experience.provinces.through,
            Experience.regions.through,
            Experience.themes.through,
            Experience.methods.through,
        )
    }
    roles = []
    for experience, place in rows:
        rng = random.Random(experience.slug)
        pk = experience.pk
        links[Experience.municipalities.through] += [
            Experience.municipalities.through(experience_id=pk, municipality_id=m)
            for m in place["comuni"]
        ]
        links[Experience.provinces.through] += [
            Experience.provinces.through(experience_id=pk, province_id=p)
            for p in place["provinces"]
        ]
        links[Experience.regions.through] += [
            Experience.regions.through(experience_id=pk, region_id=r) for r in place["regions"]
        ]
        links[Experience.themes.through] += [
            Experience.themes.through(experience_id=pk, theme_id=t)
            for t in rng.sample(theme_ids, k=min(len(theme_ids), rng.randint(1, 3)))
        ]
        links[Experience.methods.through] += [
            Experience.methods.through(experience_id=pk, participatorymethod_id=m)
            for m in rng.sample(method_ids, k=min(len(method_ids), rng.randint(1, 2)))
        ]
        chosen = rng.sample(organisation_ids, k=min(len(organisation_ids), rng.randint(1, 3)))
        roles += [
            ExperienceOrganisation(
                experience_id=pk,
                organisation_id=organisation,
                role=OrganisationRole.PROMOTER
                if order == 0
                else rng.choice(OrganisationRole.values[1:]),
                sort_order=order,
            )
            for order, organisation in enumerate(chosen)
        ]
    for through, objects in links.items():
        through.objects.bulk_create(objects, batch_size=BATCH_SIZE)
    ExperienceOrganisation.objects.bulk_create(roles, batch_size=BATCH_SIZE)

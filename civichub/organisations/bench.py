"""Benchmark organisations: 2,000 per unit of scale (about 20,000 at ``--scale 10``),
inserted in bulk with themes, seats in the loaded comuni and one admin each."""

import random
from collections.abc import Callable

from django.utils import timezone

from civichub.accounts.bench import EMAIL_DOMAIN
from civichub.accounts.models import User
from civichub.taxonomy.models import Theme
from civichub.territories.models import Municipality

from .models import Kind, Membership, Organisation, PublicAdministrationKind, RuntsSection

ORGANISATIONS_PER_SCALE = 2_000
SLUG_PREFIX = "bench-org-"
BATCH_SIZE = 1_000

# Roughly the mix of a real directory: mostly third-sector bodies, then public bodies.
KINDS = (
    [Kind.THIRD_SECTOR] * 6
    + [Kind.PUBLIC_ADMINISTRATION] * 2
    + [
        Kind.UNIVERSITY,
        Kind.COMPANY,
        Kind.FOUNDATION,
        Kind.INFORMAL_GROUP,
    ]
)
FORMS = {
    Kind.THIRD_SECTOR: ["Associazione", "Cooperativa sociale", "Circolo", "Rete"],
    Kind.PUBLIC_ADMINISTRATION: ["Comune di", "Unione dei comuni di", "Istituto comprensivo di"],
    Kind.UNIVERSITY: ["Laboratorio universitario di"],
    Kind.COMPANY: ["Studio", "Officina"],
    Kind.FOUNDATION: ["Fondazione"],
    Kind.INFORMAL_GROUP: ["Comitato", "Gruppo"],
}
WORDS = [
    "Aurora", "Ponte", "Girasole", "Orizzonte", "Quercia", "Agorà", "Bussola", "Radici",
    "Faro", "Mosaico", "Officina", "Sentiero", "Alveare", "Piazza", "Costellazione", "Vela",
]  # fmt: skip


def seed(*, scale: float, log: Callable[[str], None]) -> None:
    target = round(ORGANISATIONS_PER_SCALE * scale)
    existing = set(
        Organisation.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True)
    )
    missing = [n for n in range(target) if f"{SLUG_PREFIX}{n:06d}" not in existing]
    if not missing:
        log(f"organizzazioni: {len(existing)} già presenti (obiettivo {target})")
        return
    seats = list(Municipality.objects.values_list("pk", "region_id", "name"))
    theme_ids = list(Theme.objects.values_list("pk", flat=True))
    admins = list(
        User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    now = timezone.now()
    for start in range(0, len(missing), BATCH_SIZE):
        organisations = []
        for number in missing[start : start + BATCH_SIZE]:
            rng = random.Random(number)
            kind = rng.choice(KINDS)
            seat = rng.choice(seats) if seats else None
            place = seat[2] if seat else rng.choice(WORDS)
            organisations.append(
                Organisation(
                    slug=f"{SLUG_PREFIX}{number:06d}",
                    name=f"{rng.choice(FORMS[kind])} {rng.choice(WORDS)} {place} {number}",
                    kind=kind,
                    pa_kind=PublicAdministrationKind.MUNICIPALITY
                    if kind == Kind.PUBLIC_ADMINISTRATION
                    else "",
                    runts_section=rng.choice(RuntsSection.values)
                    if kind == Kind.THIRD_SECTOR
                    else "",
                    summary="Organizzazione sintetica per i benchmark.",
                    municipality_id=seat[0] if seat else None,
                    region_id=seat[1] if seat else None,
                    is_contributor=rng.random() < 0.2,
                    is_verified=rng.random() < 0.3,
                    created_at=now,
                )
            )
        created = Organisation.objects.bulk_create(organisations, batch_size=BATCH_SIZE)
        Through = Organisation.themes.through
        links = []
        memberships = []
        for organisation in created:
            rng = random.Random(organisation.slug)
            for theme_id in rng.sample(theme_ids, k=min(len(theme_ids), rng.randint(1, 3))):
                links.append(Through(organisation_id=organisation.pk, theme_id=theme_id))
            if admins:
                memberships.append(
                    Membership(
                        organisation_id=organisation.pk,
                        user_id=rng.choice(admins),
                        role=Membership.Role.ADMIN,
                        status=Membership.Status.ACTIVE,
                        decided_at=now,
                    )
                )
        Through.objects.bulk_create(links, batch_size=BATCH_SIZE)
        Membership.objects.bulk_create(memberships, batch_size=BATCH_SIZE, ignore_conflicts=True)
    log(f"organizzazioni: {len(missing)} create, {len(existing)} già presenti (obiettivo {target})")

"""Benchmark people: 20,000 synthetic members per unit of scale, inserted in bulk."""

import datetime
import random
from collections.abc import Callable

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from .models import ActorKind, Profile, Role, User

PEOPLE_PER_SCALE = 20_000
EMAIL_DOMAIN = "bench.civichub.example"
BATCH_SIZE = 2_000

FIRST_NAMES = [
    "Alessandro", "Alice", "Andrea", "Anna", "Beatrice", "Chiara", "Davide", "Elena",
    "Federico", "Francesca", "Giorgia", "Giovanni", "Giulia", "Lorenzo", "Luca", "Marco",
    "Maria", "Martina", "Matteo", "Paola", "Riccardo", "Sara", "Simone", "Valentina",
]  # fmt: skip
LAST_NAMES = [
    "Barbieri", "Bianchi", "Bruno", "Colombo", "Conti", "Costa", "De Luca", "Esposito",
    "Ferrari", "Fontana", "Gallo", "Greco", "Lombardi", "Mancini", "Marino", "Moretti",
    "Ricci", "Rinaldi", "Romano", "Russo", "Santoro", "Rizzo", "Villa", "Galli",
]  # fmt: skip


def bench_email(number: int) -> str:
    return f"bench-{number:06d}@{EMAIL_DOMAIN}"


def _role(rng: random.Random) -> str:
    # Roughly the shape of a real hub: mostly participants, few promoters.
    draw = rng.random()
    if draw < 0.01:
        return Role.PROMOTER
    if draw < 0.15:
        return Role.CONTRIBUTOR
    return Role.PARTICIPANT


def seed(*, scale: float, log: Callable[[str], None]) -> None:
    target = round(PEOPLE_PER_SCALE * scale)
    existing = set(
        User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").values_list("email", flat=True)
    )
    missing = [n for n in range(target) if bench_email(n) not in existing]
    if not missing:
        log(f"persone: {len(existing)} già presenti (obiettivo {target})")
        return
    # Hashing once: an unusable password hash is all bench people need.
    password = make_password(None)
    now = timezone.now()
    for start in range(0, len(missing), BATCH_SIZE):
        users = []
        for number in missing[start : start + BATCH_SIZE]:
            rng = random.Random(number)
            joined = now - datetime.timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
            users.append(
                User(
                    email=bench_email(number),
                    password=password,
                    first_name=rng.choice(FIRST_NAMES),
                    last_name=rng.choice(LAST_NAMES),
                    role=_role(rng),
                    language="en" if rng.random() < 0.05 else "it",
                    date_joined=joined,
                    # Members who completed the membership form, as most real people are.
                    joined_at=joined,
                )
            )
        User.objects.bulk_create(users, batch_size=BATCH_SIZE)
        # Joining creates the profile (accounts.services); bench members need one too.
        Profile.objects.bulk_create(
            [
                Profile(user=user, actor_kind=random.Random(user.email).choice(ActorKind.values))
                for user in users
            ],
            batch_size=BATCH_SIZE,
        )
    log(f"persone: {len(missing)} create, {len(existing)} già presenti (obiettivo {target})")

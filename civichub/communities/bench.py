"""Benchmark communities: per unit of scale 20 areas, 10,000 discussions and 100,000
replies (``--scale 10`` ≈ 1M replies), with one discussion of 2,000 replies for the long
thread page, and 50 members per area.

Rows are inserted in bulk and each carries a natural key (the area's slug, the
``request_key`` of threads and replies, ``bench-t-<n>`` / ``bench-r-<n>``), so a second
run adds nothing and a larger scale only tops up. Counters (``members_count``,
``threads_count``, ``replies_count``, ``last_reply_at``/``_by``, ``last_activity_at``)
are then computed in SQL for the bench areas, as the services would have kept them.
"""

import datetime
import random
from collections.abc import Callable

from django.db import transaction
from django.db.models import Count, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from civichub.accounts.bench import EMAIL_DOMAIN
from civichub.accounts.models import User

from .models import (
    Area,
    AreaMembership,
    Category,
    JoinPolicy,
    MemberRole,
    MemberState,
    Reply,
    Thread,
    Visibility,
)

AREAS_PER_SCALE = 20
THREADS_PER_SCALE = 10_000
REPLIES_PER_SCALE = 100_000
LONG_THREAD_REPLIES = 2_000
MEMBERS_PER_AREA = 50
AREA_PREFIX = "bench-area-"
THREAD_KEY = "bench-t-"
REPLY_KEY = "bench-r-"
BATCH_SIZE = 2_000

VISIBILITIES = [Visibility.PUBLIC] * 7 + [Visibility.MEMBERS] * 2 + [Visibility.PRIVATE]
SUBJECTS = [
    "i patti di collaborazione", "il bilancio partecipativo", "la co-progettazione",
    "i tavoli di quartiere", "la valutazione dei percorsi", "le giurie di cittadini",
    "la facilitazione online", "i regolamenti dei beni comuni", "le case di comunità",
    "la comunicazione dei percorsi",
]  # fmt: skip
OPENINGS = [
    "Come avete organizzato {subject} nel vostro comune?",
    "Condivido la nostra esperienza con {subject}.",
    "Propongo di lavorare insieme su {subject}.",
    "Cerco materiali su {subject}.",
]
REPLY_TEXTS = [
    "<p>Da noi ha funzionato coinvolgere subito gli uffici tecnici.</p>",
    "<p>Grazie, molto utile: lo propongo ai colleghi.</p>",
    "<p>Abbiamo avuto lo stesso problema, ne parliamo al prossimo incontro?</p>",
    "<p>Aggiungo un riferimento dalla sezione Strumenti dell'hub.</p>",
    "<p>Concordo, con una verifica a metà percorso.</p>",
]
CATEGORIES = list(Category.values)


def area_slug(number: int) -> str:
    return f"{AREA_PREFIX}{number:04d}"


def _reply_thread(number: int, threads: int, long_replies: int) -> int:
    """The thread (by its number) of reply ``number``: the first ``long_replies`` go to
    thread 0, the rest round-robin over the others."""
    if number < long_replies or threads == 1:
        return 0
    return 1 + (number - long_replies) % (threads - 1)


def seed(*, scale: float, log: Callable[[str], None]) -> None:
    area_target = max(1, round(AREAS_PER_SCALE * scale))
    thread_target = max(1, round(THREADS_PER_SCALE * scale))
    reply_target = round(REPLIES_PER_SCALE * scale)
    long_replies = min(LONG_THREAD_REPLIES, reply_target)
    authors = list(
        User.objects.filter(email__endswith=EMAIL_DOMAIN)
        .order_by("pk")
        .values_list("pk", flat=True)[:2_000]
    ) or list(User.objects.order_by("pk").values_list("pk", flat=True)[:2_000])
    if not authors:
        log("comunità: nessuna persona nel database, salto")
        return
    bench_areas = Area.objects.filter(slug__startswith=AREA_PREFIX)
    threads_done = Thread.objects.filter(area__in=bench_areas, request_key__startswith=THREAD_KEY)
    replies_done = Reply.objects.filter(
        thread__area__in=bench_areas, request_key__startswith=REPLY_KEY
    )
    if (
        bench_areas.count() >= area_target
        and threads_done.count() >= thread_target
        and replies_done.count() >= reply_target
    ):
        log(f"comunità: dati di prova già presenti (scala {scale})")
        return
    rng = random.Random(6)
    now = timezone.now()
    with transaction.atomic():
        areas = _areas(area_target, authors, now, rng)
        threads = _threads(areas, thread_target, authors, now)
        added = _replies(threads, reply_target, long_replies, authors, now)
        _counters()
    log(
        f"comunità: {len(areas)} aree, {len(threads)} discussioni, "
        f"{added} risposte aggiunte (obiettivo {reply_target})"
    )


def _areas(
    target: int, authors: list[int], now: datetime.datetime, rng: random.Random
) -> list[int]:
    existing = set(Area.objects.filter(slug__startswith=AREA_PREFIX).values_list("slug", flat=True))
    new = [
        Area(
            slug=area_slug(n),
            name=f"Area di lavoro {n + 1}: {SUBJECTS[n % len(SUBJECTS)]}",
            purpose=f"Scambio di pratiche e strumenti su {SUBJECTS[n % len(SUBJECTS)]}.",
            visibility=VISIBILITIES[n % len(VISIBILITIES)],
            join_policy=JoinPolicy.INVITATION
            if VISIBILITIES[n % len(VISIBILITIES)] == Visibility.PRIVATE
            else JoinPolicy.OPEN,
            created_at=now - datetime.timedelta(days=730),
        )
        for n in range(target)
        if area_slug(n) not in existing
    ]
    Area.objects.bulk_create(new, batch_size=BATCH_SIZE)
    areas = list(
        Area.objects.filter(slug__startswith=AREA_PREFIX)
        .order_by("slug")
        .values_list("pk", flat=True)
    )
    rows = []
    for index, area_id in enumerate(areas):
        for k, user_id in enumerate(rng.sample(authors, min(MEMBERS_PER_AREA, len(authors)))):
            rows.append(
                AreaMembership(
                    area_id=area_id,
                    user_id=user_id,
                    role=MemberRole.FACILITATOR if k < 2 else MemberRole.MEMBER,
                    state=MemberState.ACTIVE,
                    created_at=now - datetime.timedelta(days=700 - index % 100),
                )
            )
    AreaMembership.objects.bulk_create(rows, batch_size=BATCH_SIZE, ignore_conflicts=True)
    return areas


def _threads(
    areas: list[int], target: int, authors: list[int], now: datetime.datetime
) -> list[int]:
    """Thread pks by number (``bench-t-<n>``), creating the missing ones."""
    done = dict(
        Thread.objects.filter(area_id__in=areas, request_key__startswith=THREAD_KEY).values_list(
            "request_key", "pk"
        )
    )
    start = now - datetime.timedelta(days=720)
    batch: list[Thread] = []
    for n in range(target):
        key = f"{THREAD_KEY}{n}"
        if key in done:
            continue
        subject = SUBJECTS[n % len(SUBJECTS)]
        title = f"{OPENINGS[n % len(OPENINGS)].format(subject=subject)} (#{n})"
        batch.append(
            Thread(
                area_id=areas[n % len(areas)],
                author_id=authors[n % len(authors)],
                title=title[:160],
                slug=f"discussione-{n}",
                category=CATEGORIES[n % len(CATEGORIES)],
                body=f"<p>{title}</p><p>Raccontate casi, strumenti e difficoltà.</p>",
                created_at=start + datetime.timedelta(seconds=n),
                request_key=key,
            )
        )
        if len(batch) >= BATCH_SIZE:
            Thread.objects.bulk_create(batch)
            batch = []
    Thread.objects.bulk_create(batch)
    keys = dict(
        Thread.objects.filter(area_id__in=areas, request_key__startswith=THREAD_KEY).values_list(
            "request_key", "pk"
        )
    )
    return [keys[f"{THREAD_KEY}{n}"] for n in range(target)]


def _replies(
    threads: list[int],
    target: int,
    long_replies: int,
    authors: list[int],
    now: datetime.datetime,
) -> int:
    """Create replies ``bench-r-<n>`` up to ``target``; the numbers present are those
    below the current count (they are always created in order)."""
    existing = Reply.objects.filter(
        thread_id__in=Subquery(
            Thread.objects.filter(request_key__startswith=THREAD_KEY).values("pk")
        ),
        request_key__startswith=REPLY_KEY,
    ).count()
    start = now - datetime.timedelta(days=700)
    added = 0
    batch: list[Reply] = []
    for n in range(existing, target):
        batch.append(
            Reply(
                thread_id=threads[_reply_thread(n, len(threads), long_replies)],
                author_id=authors[(n * 7) % len(authors)],
                body=REPLY_TEXTS[n % len(REPLY_TEXTS)],
                created_at=start + datetime.timedelta(seconds=n * 30),
                request_key=f"{REPLY_KEY}{n}",
            )
        )
        if len(batch) >= BATCH_SIZE:
            Reply.objects.bulk_create(batch)
            added += len(batch)
            batch = []
    Reply.objects.bulk_create(batch)
    return added + len(batch)


def _counters() -> None:
    """The services' counters of the bench areas and threads, computed in SQL."""
    bench_areas = Area.objects.filter(slug__startswith=AREA_PREFIX)
    threads = Thread.objects.filter(area__in=bench_areas)
    replies = Reply.objects.filter(thread=OuterRef("pk"), moderation_state="visible")
    latest = replies.order_by("-created_at", "-pk")
    threads.update(
        replies_count=Coalesce(
            Subquery(replies.values("thread").annotate(n=Count("pk")).values("n")[:1]), 0
        ),
        last_reply_at=Coalesce(Subquery(latest.values("created_at")[:1]), "created_at"),
        last_reply_by=Subquery(latest.values("author")[:1]),
    )
    area_threads = Thread.objects.filter(area=OuterRef("pk"), moderation_state="visible")
    members = AreaMembership.objects.filter(area=OuterRef("pk"), state=MemberState.ACTIVE)
    bench_areas.update(
        threads_count=Coalesce(
            Subquery(area_threads.values("area").annotate(n=Count("pk")).values("n")[:1]), 0
        ),
        members_count=Coalesce(
            Subquery(members.values("area").annotate(n=Count("pk")).values("n")[:1]), 0
        ),
        last_activity_at=Subquery(
            area_threads.values("area").annotate(last=Max("last_reply_at")).values("last")[:1]
        ),
    )

"""Benchmark news: 1,000 NewsPage rows per unit of scale under the news archive.

Wagtail pages are multi-table treebeard nodes, so ``add_child`` costs several queries
per page; ``bulk_add_children`` computes the materialised paths itself and inserts
the rows in batches. Later apps with page types of their own can reuse it.
"""

import datetime
import random
import uuid
from collections.abc import Callable, Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backends

from civichub.taxonomy.models import Theme

from .models import HomePage, NewsIndexPage, NewsPage

NEWS_PER_SCALE = 1_000
SLUG_PREFIX = "bench-"
BATCH_SIZE = 500

SUBJECTS = [
    "Bilancio partecipativo", "Patto di collaborazione", "Laboratorio di quartiere",
    "Tavolo di co-progettazione", "Consulta dei giovani", "Assemblea cittadina",
    "Percorso partecipativo", "Avviso di co-programmazione", "Comunità energetica",
    "Orto condiviso", "Scuola aperta", "Emporio solidale",
]  # fmt: skip
PLACES = [
    "Bologna", "Ascoli Piceno", "Modena", "Reggio Emilia", "Parma", "Ferrara", "Ravenna",
    "Rimini", "Fermo", "San Benedetto del Tronto", "Piacenza", "Forlì", "Macerata",
    "Ancona", "Pesaro", "Lecce", "Matera", "Trento", "Torino", "Cosenza",
]  # fmt: skip
OUTCOMES = [
    "i risultati del primo anno", "al via le iscrizioni", "le proposte dei cittadini",
    "cosa abbiamo imparato", "aperta la consultazione", "firmato l'accordo",
    "online il rapporto finale", "nuovi incontri in calendario",
]  # fmt: skip
SENTENCES = [
    "Il percorso ha coinvolto associazioni, scuole e uffici comunali in sei incontri pubblici.",
    "Le proposte raccolte sono state discusse in un tavolo aperto a tutta la cittadinanza.",
    "L'amministrazione ha pubblicato le risposte ufficiali a ciascuna proposta.",
    "Gli enti del Terzo Settore hanno presentato manifestazioni di interesse entro il termine.",
    "Il gruppo di facilitazione ha curato la restituzione dei risultati nei quartieri.",
    "Il monitoraggio prosegue con indicatori condivisi e un incontro ogni tre mesi.",
    "Materiali, verbali e registrazioni sono disponibili nella sezione Strumenti.",
    "La partecipazione è gratuita; è richiesta l'iscrizione per motivi organizzativi.",
]


def _step(number: int) -> str:
    """One treebeard path step: ``Page.steplen`` digits of ``Page.alphabet``."""
    digits = []
    for _ in range(Page.steplen):
        number, remainder = divmod(number, len(Page.alphabet))
        digits.append(Page.alphabet[remainder])
    if number:
        raise ValueError("too many children for one treebeard node")
    return "".join(reversed(digits))


def _table_chain(model: type[Page]) -> list[type[Page]]:
    """The concrete models between ``Page`` (excluded) and ``model`` (included), from
    the top: each has a table of its own whose key points to the one above."""
    parents = [m for m in model._meta.get_parent_list() if issubclass(m, Page) and m is not Page]
    return [*sorted(parents, key=lambda m: len(m._meta.get_parent_list())), model]


def bulk_add_children(parent: Page, pages: Sequence[Page]) -> None:
    """Insert live pages as the last children of ``parent`` with a few bulk queries.

    Pages must be of one specific type inheriting from ``Page``, directly or through
    other concrete page models (``GuidePage`` → ``ResourcePage`` → ``Page``): the row of
    every table of the chain is inserted. No revisions and no signals: this is for
    synthetic data only.
    """
    if not pages:
        return
    model = type(pages[0])
    # Not parent.get_children(): it trusts the in-memory numchild, stale after a batch.
    last_path = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    next_step = int(last_path[-Page.steplen :], len(Page.alphabet)) + 1 if last_path else 1
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    for offset, page in enumerate(pages):
        page.path = parent.path + _step(next_step + offset)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.locale_id = parent.locale_id
        page.content_type = content_type
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.first_published_at or now
        page.last_published_at = page.last_published_at or page.first_published_at

    # bulk_create refuses multi-table children: the ORM inserts the Page rows (and
    # returns their ids), plain SQL the rows of each table below Page.
    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    bases = Page.objects.bulk_create(
        [Page(**{f.attname: getattr(p, f.attname) for f in base_fields}) for p in pages],
        batch_size=BATCH_SIZE,
    )
    chain = _table_chain(model)
    for page, base in zip(pages, bases, strict=True):
        # Every table of the chain shares the id (page_ptr_id, resourcepage_ptr_id…).
        page.id = base.pk
        for table_model in chain:
            setattr(page, table_model._meta.pk.attname, base.pk)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table_model in chain:
            own_fields = table_model._meta.local_concrete_fields
            sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names from model meta
                quote(table_model._meta.db_table),
                ", ".join(quote(f.column) for f in own_fields),
                ", ".join(["%s"] * len(own_fields)),
            )
            rows = [
                [f.get_db_prep_save(getattr(p, f.attname), connection) for f in own_fields]
                for p in pages
            ]
            for start in range(0, len(rows), BATCH_SIZE):
                cursor.executemany(sql, rows[start : start + BATCH_SIZE])
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    # Indexed in bulk so that search benchmarks find the synthetic pages too.
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, list(pages))


def _news_index(log: Callable[[str], None]) -> NewsIndexPage | None:
    index = NewsIndexPage.objects.first()
    if index is not None:
        return index
    home = HomePage.objects.first()
    if home is None:
        log("home page assente: esegui prima le migrazioni")
        return None
    index = NewsIndexPage(slug="notizie", title="Notizie", title_en="News")
    home.add_child(instance=index)
    index.save_revision().publish()
    log("archivio notizie creato")
    return index


def _paragraph(rng: random.Random) -> dict:
    text = " ".join(rng.sample(SENTENCES, k=3))
    return {"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())}


def _news(number: int, today: datetime.date, theme_ids: list[int]) -> tuple[NewsPage, list[int]]:
    rng = random.Random(number)
    subject, place = rng.choice(SUBJECTS), rng.choice(PLACES)
    date = today - datetime.timedelta(days=rng.randrange(5 * 365))
    published = timezone.make_aware(datetime.datetime.combine(date, datetime.time(9, 0)))
    page = NewsPage(
        slug=f"{SLUG_PREFIX}{number:06d}",
        title=f"{subject} a {place}: {rng.choice(OUTCOMES)}",
        date=date,
        summary=f"{subject} a {place}. {rng.choice(SENTENCES)} {rng.choice(SENTENCES)}",
        body=[_paragraph(rng) for _ in range(rng.randint(2, 5))],
        body_en=[],
        first_published_at=published,
        last_published_at=published,
    )
    return page, rng.sample(theme_ids, k=min(len(theme_ids), rng.randint(1, 3)))


def seed(*, scale: float, log: Callable[[str], None]) -> None:
    index = _news_index(log)
    if index is None:
        return
    target = round(NEWS_PER_SCALE * scale)
    existing = set(
        NewsPage.objects.child_of(index)
        .filter(slug__startswith=SLUG_PREFIX)
        .values_list("slug", flat=True)
    )
    missing = [n for n in range(target) if f"{SLUG_PREFIX}{n:06d}" not in existing]
    if not missing:
        log(f"notizie: {len(existing)} già presenti (obiettivo {target})")
        return
    theme_ids = list(Theme.objects.values_list("pk", flat=True))
    today = timezone.localdate()
    Through = NewsPage.themes.through
    for start in range(0, len(missing), BATCH_SIZE):
        news = [_news(n, today, theme_ids) for n in missing[start : start + BATCH_SIZE]]
        bulk_add_children(index, [page for page, _ in news])
        Through.objects.bulk_create(
            [Through(newspage_id=page.pk, theme_id=t) for page, themes in news for t in themes],
            batch_size=BATCH_SIZE,
        )
    log(f"notizie: {len(missing)} create, {len(existing)} già presenti (obiettivo {target})")

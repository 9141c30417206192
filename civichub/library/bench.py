"""Benchmark resources: 5,000 per unit of scale (50,000 at ``--scale 10``), of every kind.

Inserted with ``cms.bench.bulk_add_children``, which writes the row of each table of
the page's inheritance chain (``Page`` → ``ResourcePage`` → ``GuidePage``…), then their
themes, methods and files in bulk. Documents and podcast episodes need a file: they all
share one small PDF and one short WAV, made once. The site search documents are built
by ``search.bench`` (after this app), like those of the other apps' bulk data.
"""

import datetime
import io
import random
import uuid
import wave
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone
from fpdf import FPDF
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page

from civichub.cms.bench import bulk_add_children
from civichub.cms.models import HomePage
from civichub.core.images import illustration
from civichub.experiences.models import Experience
from civichub.organisations.models import Organisation
from civichub.taxonomy.models import ParticipatoryMethod, Theme

from .models import (
    CaseStudyPage,
    CostBand,
    DocumentPage,
    GuidePage,
    Language,
    Level,
    LibraryIndexPage,
    MethodSheetPage,
    Phase,
    PodcastEpisodePage,
    PodcastSeriesPage,
    ResourceFile,
    ResourceKind,
    ResourcePage,
    ToolkitPage,
    WebinarPage,
)

RESOURCES_PER_SCALE = 5_000
SLUG_PREFIX = "bench-str-"
SERIES_SLUG = "bench-podcast"
BATCH_SIZE = 1_000
# Pages of one kind per bulk_add_children call: the PostgreSQL search backend recomputes
# its title norms over the whole index after each call, so fewer, larger calls.
CHUNK_SIZE = 5_000
PDF_TITLE = "Documento sintetico (benchmark)"
AUDIO_TITLE = "Audio sintetico (benchmark)"

MODELS: dict[str, type[ResourcePage]] = {
    ResourceKind.GUIDE: GuidePage,
    ResourceKind.DOCUMENT: DocumentPage,
    ResourceKind.WEBINAR: WebinarPage,
    ResourceKind.PODCAST: PodcastEpisodePage,
    ResourceKind.TOOLKIT: ToolkitPage,
    ResourceKind.METHOD: MethodSheetPage,
    ResourceKind.CASE_STUDY: CaseStudyPage,
}
# Roughly a real library: mostly guides, sheets and webinars.
KINDS = (
    [ResourceKind.GUIDE] * 25
    + [ResourceKind.METHOD] * 15
    + [ResourceKind.WEBINAR] * 15
    + [ResourceKind.TOOLKIT] * 15
    + [ResourceKind.DOCUMENT] * 12
    + [ResourceKind.CASE_STUDY] * 10
    + [ResourceKind.PODCAST] * 8
)
PREFIXES: dict[str, str] = {
    ResourceKind.GUIDE: "Guida",
    ResourceKind.DOCUMENT: "Rapporto",
    ResourceKind.WEBINAR: "Webinar",
    ResourceKind.PODCAST: "Puntata",
    ResourceKind.TOOLKIT: "Kit",
    ResourceKind.METHOD: "Scheda",
    ResourceKind.CASE_STUDY: "Caso",
}
TOPICS = [
    "alla co-programmazione", "alla co-progettazione art. 55", "ai patti di collaborazione",
    "al bilancio partecipativo", "alla facilitazione dei tavoli", "alla valutazione partecipata",
    "all'amministrazione condivisa", "al world café", "all'open space technology",
    "alle assemblee di cittadini", "alla mappatura dei beni comuni", "al dibattito pubblico",
    "alla consultazione online", "ai laboratori di quartiere", "al welfare di comunità",
]  # fmt: skip
AUDIENCES = [
    "per i Comuni", "per gli enti del Terzo Settore", "per i facilitatori", "per le scuole",
    "per i piccoli Comuni", "per le reti civiche", "per i funzionari pubblici",
]  # fmt: skip
AUTHORS = [
    "Giulia Ferraresi", "Marco Santini", "Elena Bortolotti", "Luca Marchetti",
    "Sara Pellegrini", "Paolo Venturi", "Anna Rinaldi", "Davide Colombo",
]  # fmt: skip
SENTENCES = [
    "Il percorso si apre con una mappatura degli attori e delle risorse del territorio.",
    "L'avviso pubblico indica tempi, criteri e modalità di partecipazione al tavolo.",
    "Il gruppo di facilitazione prepara le domande e cura la restituzione degli esiti.",
    "Gli enti del Terzo Settore portano competenze, dati e relazioni con le comunità.",
    "Gli indicatori di valutazione si scelgono insieme prima di cominciare.",
    "Ogni incontro si chiude con un verbale condiviso e i prossimi passi.",
    "La convenzione regola ruoli, risorse e impegni di ciascun partner.",
    "I cittadini estratti a sorte ricevono materiali informativi bilanciati.",
    "Il monitoraggio prosegue con un incontro pubblico ogni tre mesi.",
    "Le proposte raccolte ricevono una risposta motivata dall'amministrazione.",
]


def bench_slug(number: int) -> str:
    return f"{SLUG_PREFIX}{number:06d}"


def _index(log: Callable[[str], None]) -> LibraryIndexPage | None:
    index = LibraryIndexPage.objects.first()
    if index is not None:
        return index
    home = HomePage.objects.first()
    if home is None:
        log("home page assente: esegui prima le migrazioni")
        return None
    index = LibraryIndexPage(slug="strumenti", title="Strumenti", title_en="Tools")
    home.add_child(instance=index)
    index.save_revision().publish()
    log("pagina Strumenti creata")
    return index


def _series(index: LibraryIndexPage) -> PodcastSeriesPage:
    series = PodcastSeriesPage.objects.filter(slug=SERIES_SLUG).first()
    if series is not None:
        return series
    cover = Image.objects.create(
        title="Copertina del podcast di prova",
        file=illustration(SERIES_SLUG, width=1400, height=1400),
    )
    series = PodcastSeriesPage(
        slug=SERIES_SLUG,
        title="Podcast di prova",
        summary="Puntate sintetiche per misurare le prestazioni.",
        description="Una serie generata per i benchmark.",
        cover=cover,
        author_name="Civic Hub",
        owner_email="podcast@civichub.example",
    )
    index.add_child(instance=series)
    series.save_revision().publish()
    return series


def _pdf() -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for number in range(2):
        pdf.add_page()
        pdf.multi_cell(0, 8, f"Pagina {number + 1}. " + " ".join(SENTENCES))
    return bytes(pdf.output())


def _wav(seconds: int = 2, rate: int = 8000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(rate)
        out.writeframes(b"\x80" * seconds * rate)
    return buffer.getvalue()


def _shared_document(title: str, name: str, content: Callable[[], bytes]) -> Document:
    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        return existing
    return Document.objects.create(title=title, file=ContentFile(content(), name=name))


def _stream(rng: random.Random) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    for number in range(rng.randint(2, 4)):
        blocks.append(
            {
                "type": "heading",
                "value": {"text": f"Capitolo {number + 1}", "level": "h2"},
                "id": str(uuid.UUID(int=rng.getrandbits(128))),
            }
        )
        text = " ".join(rng.sample(SENTENCES, k=3))
        blocks.append(
            {
                "type": "paragraph",
                "value": f"<p>{text}</p>",
                "id": str(uuid.UUID(int=rng.getrandbits(128))),
            }
        )
    return blocks


def _html(rng: random.Random, k: int = 2) -> str:
    return "".join(f"<p>{sentence}</p>" for sentence in rng.sample(SENTENCES, k=k))


class _Context:
    """What the resources point to, loaded once."""

    def __init__(self, index: LibraryIndexPage) -> None:
        self.index = index
        self.series = _series(index)
        self.pdf = _shared_document(PDF_TITLE, "bench-documento.pdf", _pdf)
        self.audio = _shared_document(AUDIO_TITLE, "bench-audio.wav", _wav)
        self.theme_ids = list(Theme.objects.values_list("pk", flat=True))
        self.method_ids = list(ParticipatoryMethod.objects.values_list("pk", flat=True))
        self.organisation_ids = list(
            Organisation.objects.order_by("pk").values_list("pk", flat=True)[:5_000]
        )
        self.experience_ids = list(
            Experience.objects.published().order_by("pk").values_list("pk", flat=True)[:5_000]
        )
        self.today = timezone.localdate()


def _specific(kind: str, rng: random.Random, context: _Context) -> dict[str, Any]:
    """The fields of the kind's own table."""
    if kind == ResourceKind.GUIDE:
        return {"body": _stream(rng), "body_en": []}
    if kind == ResourceKind.DOCUMENT:
        return {
            "document_id": context.pdf.pk,
            "description": _html(rng),
            "page_count": 2,
            "extracted_text": " ".join(rng.sample(SENTENCES, k=6)),
            "derived_from_id": context.pdf.pk,
        }
    if kind == ResourceKind.WEBINAR:
        return {
            "video_url": f"https://www.youtube.com/watch?v=bench{rng.randrange(10**6):06d}",
            "duration_minutes": rng.choice([45, 60, 90, 120]),
            "description": _html(rng),
            "transcript": " ".join(rng.sample(SENTENCES, k=8)),
        }
    if kind == ResourceKind.PODCAST:
        return {
            "audio_id": context.audio.pk,
            "duration_seconds": rng.randint(900, 3600),
            "season": rng.randint(1, 3),
            "episode_number": rng.randint(1, 40),
            "show_notes": _html(rng),
            "show_notes_en": "",
            "transcript": " ".join(rng.sample(SENTENCES, k=8)),
        }
    if kind == ResourceKind.TOOLKIT:
        return {"instructions": _html(rng), "instructions_en": ""}
    if kind == ResourceKind.METHOD:
        return {
            "method_id": rng.choice(context.method_ids),
            "when_to_use": rng.choice(SENTENCES),
            "when_not_to_use": rng.choice(SENTENCES),
            "steps": [
                {
                    "type": "step",
                    "value": {"title": f"Passo {n + 1}", "text": rng.choice(SENTENCES)},
                    "id": str(uuid.UUID(int=rng.getrandbits(128))),
                }
                for n in range(rng.randint(3, 6))
            ],
            "duration": rng.choice(["Mezza giornata", "3 incontri da 2 ore", "Due giornate"]),
            "group_size": rng.choice(["da 15 a 40", "da 8 a 12", "fino a 200"]),
            "cost_band": rng.choice(CostBand.values),
            "roles": "Un facilitatore ogni dieci persone e un referente dell'ente.",
            "materials": "Cartelloni, pennarelli, post-it.",
            "risks": rng.choice(SENTENCES),
        }
    experience_id = (
        rng.choice(context.experience_ids)
        if context.experience_ids and rng.random() < 0.7
        else None
    )
    return {
        "experience_id": experience_id,
        "context": _html(rng),
        "approach": _html(rng),
        "results": _html(rng),
        "lessons": _html(rng),
    }


def _kind(rng: random.Random, context: _Context) -> str:
    """The first draw of a resource's generator."""
    kind = rng.choice(KINDS)
    if kind == ResourceKind.METHOD and not context.method_ids:
        return ResourceKind.GUIDE
    return kind


def _resource(number: int, context: _Context) -> tuple[ResourcePage, list[int], list[int]]:
    rng = random.Random(bench_slug(number))
    kind = _kind(rng, context)
    date = context.today - datetime.timedelta(days=rng.randrange(3 * 365))
    published = timezone.make_aware(datetime.datetime.combine(date, datetime.time(9, 0)))
    audiences = [rng.random() < 0.4 for _ in range(4)]
    if not any(audiences):
        audiences[rng.randrange(4)] = True
    title = f"{PREFIXES[kind]} {rng.choice(TOPICS)} {rng.choice(AUDIENCES)} n. {number}"
    page = MODELS[kind](
        slug=bench_slug(number),
        title=title,
        title_en=f"Tool number {number}" if rng.random() < 0.2 else "",
        kind=kind,
        summary=" ".join(rng.sample(SENTENCES, k=2))[:300],
        phase=rng.choice(["", *Phase.values]),
        for_public_bodies=audiences[0],
        for_third_sector=audiences[1],
        for_citizens=audiences[2],
        for_facilitators=audiences[3],
        level=rng.choice(Level.values),
        language=Language.ENGLISH if rng.random() < 0.1 else Language.ITALIAN,
        authors=", ".join(rng.sample(AUTHORS, k=rng.randint(1, 2))),
        organisation_id=(
            rng.choice(context.organisation_ids)
            if context.organisation_ids and rng.random() < 0.6
            else None
        ),
        publication_date=date,
        first_published_at=published,
        last_published_at=published,
        useful_yes=rng.randint(0, 40),
        useful_no=rng.randint(0, 8),
        download_count=rng.randint(0, 500),
        **_specific(kind, rng, context),
    )
    themes = rng.sample(context.theme_ids, k=min(len(context.theme_ids), rng.randint(1, 3)))
    methods = rng.sample(context.method_ids, k=min(len(context.method_ids), rng.randint(0, 2)))
    if kind == ResourceKind.METHOD:
        methods = list(dict.fromkeys([page.method_id, *methods]))
    return page, themes, methods


def _insert(rows: list[tuple[ResourcePage, list[int], list[int]]], context: _Context) -> None:
    """Resources of one kind, with their themes, methods and (toolkits) files."""
    pages = [page for page, _, _ in rows]
    kind = pages[0].kind
    parent: Page = context.series if kind == ResourceKind.PODCAST else context.index
    bulk_add_children(parent, pages)
    Themes, Methods = ResourcePage.themes.through, ResourcePage.methods.through
    Themes.objects.bulk_create(
        [Themes(resourcepage_id=p.pk, theme_id=t) for p, themes, _ in rows for t in themes],
        batch_size=BATCH_SIZE,
    )
    Methods.objects.bulk_create(
        [
            Methods(resourcepage_id=p.pk, participatorymethod_id=m)
            for p, _, methods in rows
            for m in methods
        ],
        batch_size=BATCH_SIZE,
    )
    if kind == ResourceKind.TOOLKIT:
        ResourceFile.objects.bulk_create(
            [
                ResourceFile(
                    resource_id=page.pk,
                    document_id=context.pdf.pk,
                    title="Modello da compilare",
                    sort_order=0,
                    download_count=page.download_count,
                )
                for page in pages
            ],
            batch_size=BATCH_SIZE,
        )


def seed(*, scale: float, log: Callable[[str], None]) -> None:
    index = _index(log)
    if index is None:
        return
    target = round(RESOURCES_PER_SCALE * scale)
    existing = set(
        ResourcePage.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True)
    )
    missing = [n for n in range(target) if bench_slug(n) not in existing]
    if not missing:
        log(f"strumenti: {len(existing)} già presenti (obiettivo {target})")
        return
    context = _Context(index)
    by_kind: dict[str, list[int]] = defaultdict(list)
    for number in missing:
        by_kind[_kind(random.Random(bench_slug(number)), context)].append(number)
    for numbers in by_kind.values():
        for start in range(0, len(numbers), CHUNK_SIZE):
            chunk = numbers[start : start + CHUNK_SIZE]
            _insert([_resource(n, context) for n in chunk], context)
    log(f"strumenti: {len(missing)} creati, {len(existing)} già presenti (obiettivo {target})")

"""Test data for the library: the index page, published resources of every kind, and
small real files (a PDF, a WAV) made on the spot."""

import io
import wave
from typing import Any

from django.core.files.base import ContentFile
from fpdf import FPDF
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page

from civichub.cms.models import HomePage
from civichub.taxonomy.models import ParticipatoryMethod

from ..models import (
    CaseStudyPage,
    CollectionItem,
    CollectionPage,
    DocumentPage,
    GuidePage,
    LibraryIndexPage,
    MethodSheetPage,
    PodcastEpisodePage,
    PodcastSeriesPage,
    ResourceFile,
    ResourceKind,
    ResourcePage,
    ToolkitPage,
    WebinarPage,
)


def pdf_bytes(*pages: str) -> bytes:
    """A real PDF with one page of text per argument."""
    pdf = FPDF()
    pdf.set_font("helvetica", size=14)
    for text in pages or ("Documento di prova",):
        pdf.add_page()
        pdf.multi_cell(0, 10, text)
    return bytes(pdf.output())


def wav_bytes(seconds: float = 2.0, rate: int = 8000) -> bytes:
    """A silent mono WAV of the given length."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(rate)
        out.writeframes(b"\x80" * int(seconds * rate))
    return buffer.getvalue()


def document(name: str = "documento.pdf", content: bytes | None = None, **fields: Any) -> Document:
    return Document.objects.create(
        title=fields.pop("title", name),
        file=ContentFile(content if content is not None else pdf_bytes(), name=name),
        **fields,
    )


def image(size: tuple[int, int] = (1400, 1400), title: str = "Copertina") -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (0, 102, 204)).save(buffer, "PNG")
    return Image.objects.create(title=title, file=ContentFile(buffer.getvalue(), name="cover.png"))


def library_index(**fields: Any) -> LibraryIndexPage:
    existing = LibraryIndexPage.objects.first()
    if existing is not None:
        return existing
    home = HomePage.objects.first()
    parent: Page = home if home is not None else Page.get_first_root_node()
    index = LibraryIndexPage(
        title=fields.pop("title", "Strumenti"), slug=fields.pop("slug", "strumenti"), **fields
    )
    parent.add_child(instance=index)
    index.save_revision().publish()
    return index


def _method() -> ParticipatoryMethod:
    method = ParticipatoryMethod.objects.order_by("pk").first()
    if method is None:
        method = ParticipatoryMethod.objects.create(name="World café", slug="world-cafe")
    return method


_counter = {"n": 0}


def _defaults(kind: str) -> dict[str, Any]:
    paragraph = {"type": "paragraph", "value": "<p>Un testo di prova.</p>"}
    if kind == ResourceKind.GUIDE:
        return {
            "body": [
                {"type": "heading", "value": {"text": "Perché", "level": "h2"}},
                paragraph,
                {"type": "heading", "value": {"text": "Come", "level": "h2"}},
                paragraph,
            ]
        }
    if kind == ResourceKind.DOCUMENT:
        return {"document": document("analisi.pdf", pdf_bytes("Analisi dei bisogni", "Esiti"))}
    if kind == ResourceKind.WEBINAR:
        return {"video_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "duration_minutes": 60}
    if kind == ResourceKind.PODCAST:
        return {"audio": document("episodio.wav", wav_bytes()), "show_notes": "<p>Note.</p>"}
    if kind == ResourceKind.TOOLKIT:
        return {"instructions": "<p>Scarica e compila.</p>"}
    if kind == ResourceKind.METHOD:
        return {
            "method": _method(),
            "when_to_use": "Quando serve ascoltare molte persone.",
            "steps": [{"type": "step", "value": {"title": "Accoglienza", "text": "Si parte."}}],
            "duration": "Mezza giornata",
            "roles": "Un facilitatore per tavolo.",
            "risks": "Tavoli troppo affollati.",
        }
    if kind == ResourceKind.CASE_STUDY:
        return {
            "context": "<p>Contesto.</p>",
            "approach": "<p>Approccio.</p>",
            "results": "<p>Risultati.</p>",
            "lessons": "<p>Lezioni.</p>",
        }
    return {}


MODELS: dict[str, type[ResourcePage]] = {
    ResourceKind.GUIDE: GuidePage,
    ResourceKind.DOCUMENT: DocumentPage,
    ResourceKind.WEBINAR: WebinarPage,
    ResourceKind.PODCAST: PodcastEpisodePage,
    ResourceKind.TOOLKIT: ToolkitPage,
    ResourceKind.METHOD: MethodSheetPage,
    ResourceKind.CASE_STUDY: CaseStudyPage,
}


def podcast_series(**fields: Any) -> PodcastSeriesPage:
    index = library_index()
    _counter["n"] += 1
    series = PodcastSeriesPage(
        title=fields.pop("title", "Voci della partecipazione"),
        slug=fields.pop("slug", f"podcast-{_counter['n']}"),
        summary=fields.pop("summary", "Storie di co-progettazione."),
        description=fields.pop("description", "Un podcast sulla partecipazione."),
        cover=fields.pop("cover", None) or image(),
        author_name=fields.pop("author_name", "Hub Partecipazione"),
        owner_email=fields.pop("owner_email", "podcast@example.org"),
        **fields,
    )
    index.add_child(instance=series)
    series.save_revision().publish()
    return series


def resource(
    kind: str = ResourceKind.GUIDE,
    *,
    live: bool = True,
    themes: list | None = None,
    methods: list | None = None,
    files: list[Document] | None = None,
    parent: Page | None = None,
    **fields: Any,
) -> ResourcePage:
    """A resource of ``kind`` with every required field filled, published unless
    ``live=False`` (then a draft with one revision)."""
    _counter["n"] += 1
    model = MODELS[kind]
    if parent is None:
        parent = podcast_series() if kind == ResourceKind.PODCAST else library_index()
    values = {
        "title": f"Strumento {_counter['n']}",
        "slug": f"strumento-{_counter['n']}",
        "summary": "Un sommario di prova.",
        **_defaults(kind),
        **fields,
    }
    page = model(**values)
    if themes is not None:
        page.themes = themes
    if methods is not None:
        page.methods = methods
    if kind == ResourceKind.TOOLKIT and files is None:
        files = [document("modello.pdf")]
    if files:
        page.files = [ResourceFile(document=doc, title=doc.title) for doc in files]
    if not live:
        page.live = False
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return model.objects.get(pk=page.pk)


def collection(resources: list[ResourcePage], **fields: Any) -> CollectionPage:
    index = library_index()
    _counter["n"] += 1
    page = CollectionPage(
        title=fields.pop("title", f"Raccolta {_counter['n']}"),
        slug=fields.pop("slug", f"raccolta-{_counter['n']}"),
        **fields,
    )
    page.items = [CollectionItem(resource=r, sort_order=i) for i, r in enumerate(resources)]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page

# ruff: noqa: RUF001 - the PDF must draw the typography of Italian texts
"""Files made from resources: the guide as PDF, a document's preview, page count and
text, an episode's duration, and the task that stores them."""

import io

import pypdfium2 as pdfium
import pytest
from django.test import Client
from django.utils import translation
from PIL import Image as PILImage
from wagtail.images.models import Image

from ..media import audio_duration, guide_pdf, pdf_derivatives, pdf_text, rich_text_lines
from ..models import DocumentPage, PodcastEpisodePage, ResourceKind
from ..tasks import refresh_derivatives
from .factories import document, pdf_bytes, resource, wav_bytes

pytestmark = pytest.mark.django_db


def pdf_pages_text(content: bytes) -> list[str]:
    pdf = pdfium.PdfDocument(content)
    try:
        return [pdf[i].get_textpage().get_text_bounded() for i in range(len(pdf))]
    finally:
        pdf.close()


def outline_titles(content: bytes) -> list[tuple[int, str]]:
    pdf = pdfium.PdfDocument(content)
    try:
        return [(item.level, item.get_title()) for item in pdf.get_toc()]
    finally:
        pdf.close()


GUIDE_BODY = [
    {"type": "heading", "value": {"text": "L’avvio del percorso", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Un budget di 1.000 € – «minimo» — per “cominciare”… ✓ ≤ 5 persone</p>"
            '<ul><li>Primo punto</li><li>Secondo <a href="https://example.org/x">link</a></li></ul>'
            "<ol><li>Uno</li><li>Due</li></ol><h4>Dettaglio</h4>"
        ),
    },
    {"type": "heading", "value": {"text": "Dettagli operativi", "level": "h3"}},
    {"type": "callout", "value": {"kind": "warning", "title": "Occhio", "text": "Non saltare."}},
    {"type": "checklist", "value": {"title": "Prima di partire", "items": ["Sala", "Inviti"]}},
    {
        "type": "quote",
        "value": {"text": "Partecipare è un diritto", "author": "Ada", "role": "sindaca"},
    },
    {"type": "heading", "value": {"text": "Valutare", "level": "h2"}},
]


# --- the guide as PDF -------------------------------------------------------------------------


def test_the_guide_pdf_has_title_metadata_body_outline_and_page_numbers():
    guide = resource(
        ResourceKind.GUIDE,
        title="Guida “operativa” – co-progettare",
        summary="Dal bisogno all’accordo, in 5 passi.",
        authors="Maria Rossi, Luca Bianchi",
        body=GUIDE_BODY,
    )

    content = guide_pdf(guide, "it")

    assert content.startswith(b"%PDF-")
    text = "\n".join(pdf_pages_text(content))
    assert "Guida “operativa” – co-progettare" in text
    assert "Dal bisogno all’accordo" in text
    assert "Maria Rossi, Luca Bianchi" in text
    assert "CC BY 4.0" in text
    assert guide.full_url in text
    assert "1.000 € – «minimo» — per “cominciare”…" in text
    assert "v <= 5 persone" in text  # outside Windows-1252: mapped, not an error
    assert "• Primo punto" in text.replace("\r", "")
    assert "link (https://example.org/x)" in text
    assert "2. Due" in text.replace("\r", "")
    assert "Attenzione: Occhio" in text
    assert "Prima di partire" in text
    assert "Inviti" in text
    assert "— Ada, sindaca" in text
    assert "Pagina 1 di " in text
    assert outline_titles(content) == [
        (0, "L’avvio del percorso"),
        (1, "Dettagli operativi"),
        (0, "Valutare"),
    ]


def test_the_pdf_route_serves_the_guide_inline_and_caches_it(django_assert_max_num_queries):
    guide = resource(ResourceKind.GUIDE, slug="guida-pdf", title="Guida da stampare")
    url = guide.url + "pdf/"

    response = Client().get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="guida-pdf.pdf"'
    assert "Guida da stampare" in pdf_pages_text(response.content)[0]
    with django_assert_max_num_queries(12):  # page routing only: the PDF is cached
        again = Client().get(url)
    assert again.content == response.content


def test_the_pdf_follows_the_interface_language():
    guide = resource(
        ResourceKind.GUIDE,
        title="Guida",
        title_en="Guide in English",
        body_en=[{"type": "heading", "value": {"text": "Why", "level": "h2"}}],
    )

    english = guide_pdf(guide, "en")

    text = pdf_pages_text(english)[0]
    assert "Guide in English" in text
    assert "Licence" in text or "Licenza" in text
    assert outline_titles(english) == [(0, "Why")]
    with translation.override("en"):
        response = Client(headers={"cookie": "civichub_language=en"}).get(guide.url + "pdf/")
    assert response.status_code == 200


def test_a_draft_guide_has_no_pdf():
    guide = resource(ResourceKind.GUIDE, live=False)

    assert Client().get(f"/strumenti/{guide.slug}/pdf/").status_code == 404


@pytest.mark.parametrize(
    "text",
    ["’“”–—…•€", "emoji 🎉 e cinese 中文", "a\u0301ccento", "\x00\x07 controlli\u200b", "→ ≥ ☐"],
)
def test_any_text_becomes_drawable(text):
    safe = pdf_text(text)

    safe.encode("windows-1252")  # never raises


def test_a_body_starting_with_a_sub_section_still_has_a_valid_outline():
    guide = resource(
        ResourceKind.GUIDE,
        body=[
            {"type": "heading", "value": {"text": "Sotto", "level": "h3"}},
            {"type": "paragraph", "value": "<p>" + "parola " * 3000 + "</p>"},
        ],
    )

    content = guide_pdf(guide, "it")

    assert outline_titles(content) == [(0, "Sotto")]
    assert len(pdf_pages_text(content)) > 2


def test_rich_text_lines_keep_lists_and_external_links():
    lines = rich_text_lines(
        '<p>Vedi <a href="/strumenti/">il catalogo</a> e <a href="mailto:a@b.it">scrivi</a></p>'
        "<ul><li>uno<ul><li>annidato</li></ul></li></ul>",
        "https://hub.example/",
    )

    assert lines == [
        ("p", "Vedi il catalogo (https://hub.example/strumenti/) e scrivi", "", 0),
        ("li", "uno", "\u2022", 1),
        ("li", "annidato", "\u2022", 2),
    ]


# --- documents and audio ----------------------------------------------------------------------


def test_pdf_derivatives_of_a_real_pdf():
    png, pages, text = pdf_derivatives(pdf_bytes("Analisi dei bisogni", "Esiti del percorso"))

    assert pages == 2
    assert png is not None
    assert "Analisi dei bisogni" in text
    assert "Esiti del percorso" in text
    preview = PILImage.open(io.BytesIO(png))
    assert preview.format == "PNG"
    assert 790 <= preview.width <= 810


def test_pdf_derivatives_read_a_wagtail_document():
    png, pages, text = pdf_derivatives(document("a.pdf", pdf_bytes("Dal documento")))

    assert (png is not None, pages) == (True, 1)
    assert "Dal documento" in text


@pytest.mark.parametrize("content", [b"", b"garbage" * 100, pdf_bytes()[:200]])
def test_pdf_derivatives_of_a_broken_file_return_nothing(content):
    assert pdf_derivatives(content) == (None, None, "")


def test_pdf_derivatives_of_an_encrypted_pdf_return_nothing():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="padrone", user_password="segreto")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "Riservato")

    assert pdf_derivatives(bytes(pdf.output())) == (None, None, "")


def test_pdf_derivatives_cap_the_text(monkeypatch):
    monkeypatch.setattr("civichub.library.media.MAX_TEXT_CHARS", 50)

    _png, pages, text = pdf_derivatives(pdf_bytes("a" * 40, "b" * 40, "c" * 40))

    assert pages == 3
    assert len(text) == 50
    assert "c" not in text


def test_audio_duration():
    assert audio_duration(wav_bytes(2.0)) == 2
    assert audio_duration(document("episodio.wav", wav_bytes(3.4))) == 3
    assert audio_duration(b"not audio") is None
    assert audio_duration(b"") is None


# --- the task ---------------------------------------------------------------------------------


def test_refresh_derivatives_stores_the_preview_once():
    page = resource(ResourceKind.DOCUMENT)
    DocumentPage.objects.filter(pk=page.pk).update(
        preview=None, page_count=None, extracted_text="", derived_from=None
    )

    assert refresh_derivatives.call(page.pk) is True

    page.refresh_from_db()
    assert page.page_count == 2
    assert "Analisi dei bisogni" in page.extracted_text
    assert page.derived_from_id == page.document_id
    assert page.preview.title == f"Anteprima: {page.title}"
    assert page.preview.width == 800
    revisions = page.revisions.count()
    images = Image.objects.count()

    assert refresh_derivatives.call(page.pk) is False  # nothing changed: nothing done

    assert (page.revisions.count(), Image.objects.count()) == (revisions, images)


def test_a_new_file_gets_new_derivatives_and_the_old_preview_goes():
    page = resource(ResourceKind.DOCUMENT)
    refresh_derivatives.call(page.pk)
    page.refresh_from_db()
    old_preview = page.preview_id
    page.document = document("nuovo.pdf", pdf_bytes("Uno", "Due", "Tre"))
    page.save_revision().publish()

    refresh_derivatives.call(page.pk)

    page.refresh_from_db()
    assert page.page_count == 3
    assert page.preview_id != old_preview
    assert not Image.objects.filter(pk=old_preview).exists()


def test_a_broken_document_is_marked_derived_without_preview():
    page = resource(ResourceKind.DOCUMENT, document=document("rotto.pdf", b"non un pdf"))

    refresh_derivatives.call(page.pk)

    page.refresh_from_db()
    assert (page.preview, page.page_count, page.extracted_text) == (None, None, "")
    assert page.derived_from_id == page.document_id


def test_refresh_derivatives_reads_an_episode_duration_once():
    episode = resource(ResourceKind.PODCAST, audio=document("ep.wav", wav_bytes(2.0)))
    PodcastEpisodePage.objects.filter(pk=episode.pk).update(duration_seconds=None)

    assert refresh_derivatives.call(episode.pk) is True
    episode.refresh_from_db()
    assert episode.duration_seconds == 2
    assert refresh_derivatives.call(episode.pk) is False


def test_a_new_audio_file_gets_a_new_duration():
    episode = resource(ResourceKind.PODCAST, audio=document("ep.wav", wav_bytes(2.0)))
    refresh_derivatives.call(episode.pk)
    episode.refresh_from_db()
    assert episode.duration_seconds == 2
    episode.title = "Titolo corretto"
    episode.save_revision().publish()
    episode.refresh_from_db()
    assert episode.duration_seconds == 2  # same file: the duration stays

    episode.audio = document("lungo.wav", wav_bytes(5.0))
    episode.save_revision().publish()
    refresh_derivatives.call(episode.pk)  # what publishing queues (signals.py)

    episode.refresh_from_db()
    assert episode.duration_seconds == 5


def test_refresh_derivatives_ignores_other_pages():
    guide = resource(ResourceKind.GUIDE)

    assert refresh_derivatives.call(guide.pk) is False
    assert refresh_derivatives.call(10**9) is False


def test_publishing_keeps_derivatives_and_counters():
    page = resource(ResourceKind.DOCUMENT, files=[document("allegato.pdf")])
    editing = DocumentPage.objects.get(pk=page.pk)  # an editor opens the page…
    refresh_derivatives.call(page.pk)  # …meanwhile the task and the visitors write
    DocumentPage.objects.filter(pk=page.pk).update(useful_yes=4, download_count=7)
    file = page.files.get()
    type(file).objects.filter(pk=file.pk).update(download_count=3)

    editing.title = "Titolo corretto"
    revision = editing.save_revision()
    revision.publish()

    page.refresh_from_db()
    assert page.title == "Titolo corretto"
    assert (page.useful_yes, page.download_count, page.page_count) == (4, 7, 2)
    assert page.preview_id is not None
    assert "Analisi dei bisogni" in page.extracted_text
    assert page.files.get().download_count == 3
    assert "extracted_text" not in revision.content

"""Files made from resources: a guide as PDF (fpdf2), the preview, page count and
text of a PDF document (pypdfium2), the duration of an episode's audio (mutagen).

All of it handles untrusted files and text: it returns what it can and never raises
to the caller because of a broken, encrypted or unexpected input.
"""

import io
import logging
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from typing import IO, Any
from urllib.parse import urljoin, urlsplit

import mutagen
import pypdfium2 as pdfium
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from PIL import Image as PILImage
from wagtail.rich_text import expand_db_html

logger = logging.getLogger(__name__)

PREVIEW_WIDTH = 800
PREVIEW_MAX_HEIGHT = 2400
MAX_TEXT_CHARS = 200_000
MAX_TEXT_PAGES = 200
GUIDE_PDF_CACHE_SECONDS = 24 * 3600

# --- text for the PDF's built-in fonts ------------------------------------------------------

# Helvetica speaks Windows-1252 (WinAnsiEncoding), which already has the curly quotes and
# apostrophe, en and em dashes, ellipsis, bullet and euro sign of Italian texts; other
# characters become their nearest equivalent, or "?".
_PDF_ENCODING = "windows-1252"
_REPLACEMENTS = {
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2015": "-", "\u2212": "-",
    "\u2190": "<-", "\u2192": "->", "\u2194": "<->", "\u21d2": "=>",
    "\u2264": "<=", "\u2265": ">=", "\u2260": "!=", "\u2248": "~",
    "\u2610": "[ ]", "\u2611": "[x]", "\u2612": "[x]", "\u2713": "v", "\u2714": "v",
    "\u25cf": "\u2022", "\u25e6": "\u2022", "\u2023": "\u2022", "\u2043": "-",
    "\u2032": "'", "\u2033": '"', "\u201b": "'", "\u201f": '"', "\u2039": "<", "\u203a": ">",
}  # fmt: skip


def pdf_text(text: str) -> str:
    """``text`` reduced to what the PDF's built-in fonts can draw; never raises."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char == "\n":
            out.append(char)
            continue
        if char == "\t" or unicodedata.category(char) == "Zs":
            out.append(" ")
            continue
        if unicodedata.category(char)[0] == "C":  # controls, format marks, unassigned
            continue
        try:
            char.encode(_PDF_ENCODING)
        except UnicodeEncodeError:
            pass
        else:
            out.append(char)
            continue
        if char in _REPLACEMENTS:
            out.append(_REPLACEMENTS[char])
            continue
        plain = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        try:
            plain.encode(_PDF_ENCODING)
        except UnicodeEncodeError:
            plain = ""
        out.append(plain or "?")
    return "".join(out)


class _RichTextLines(HTMLParser):
    """Rich text as printable lines: ``(kind, text, marker, depth)`` where kind is
    "p", "h" (a sub-heading) or "li"; links to other sites keep their address."""

    BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div"})

    def __init__(self, base_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base_url = base_url
        self.lines: list[tuple[str, str, str, int]] = []
        self._buffer: list[str] = []
        self._kind = "p"
        self._lists: list[list[int]] = []  # [ordered, counter] per open list
        self._link: tuple[str, int] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS or tag in ("ul", "ol"):
            self._flush()
        if tag in ("ul", "ol"):
            self._lists.append([tag == "ol", 0])
        elif tag == "li":
            self._kind = "li"
            if self._lists:
                self._lists[-1][1] += 1
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._kind = "h"
        elif tag == "br":
            self._buffer.append("\n")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            url = urljoin(self.base_url, href) if href else ""
            self._link = (url, len(self._buffer)) if url.startswith(("http:", "https:")) else None

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            url, start = self._link
            label = "".join(self._buffer[start:]).strip()
            if label and url.rstrip("/") != label.rstrip("/"):
                self._buffer.append(f" ({url})")
            self._link = None
        elif tag in self.BLOCKS:
            self._flush()
        elif tag in ("ul", "ol"):
            self._flush()
            if self._lists:
                self._lists.pop()

    def handle_data(self, data: str) -> None:
        self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        text = "\n".join(
            " ".join(line.split()) for line in "".join(self._buffer).split("\n")
        ).strip()
        self._buffer = []
        if text:
            marker, depth = "", 0
            if self._kind == "li" and self._lists:
                ordered, counter = self._lists[-1]
                marker = f"{counter}." if ordered else "\u2022"
                depth = len(self._lists)
            self.lines.append((self._kind, text, marker, depth))
        self._kind = "p"


def rich_text_lines(html: str, base_url: str = "") -> list[tuple[str, str, str, int]]:
    parser = _RichTextLines(base_url)
    parser.feed(html)
    parser.close()
    return parser.lines


# --- the guide as PDF -----------------------------------------------------------------------


class _GuidePDF(FPDF):
    footer_label = ""

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("helvetica", size=8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 8, self.footer_label % {"page": self.page_no()}, align="C")
        self.set_text_color(0, 0, 0)


class _GuideWriter:
    BODY = 10.5
    LINE = 5.4

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.pdf = _GuidePDF(format="A4")
        self.pdf.core_fonts_encoding = _PDF_ENCODING
        self.pdf.set_margins(20, 18, 20)
        self.pdf.set_auto_page_break(True, margin=20)
        self.pdf.footer_label = pdf_text(
            _("Pagina %(page)s di %(total)s") % {"page": "%(page)s", "total": "{nb}"}
        )
        self.outline_level = -1

    def text(
        self, text: str, *, size: float = BODY, style: str = "", indent: float = 0,
        height: float = LINE, fill: bool = False, after: float = 1.5,
    ) -> None:  # fmt: skip
        pdf = self.pdf
        pdf.set_font("helvetica", style=style, size=size)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(
            pdf.epw - indent, height, pdf_text(text), fill=fill,
            new_x=XPos.LMARGIN, new_y=YPos.NEXT,
        )  # fmt: skip
        pdf.ln(after)

    def heading(self, text: str, level: str) -> None:
        pdf = self.pdf
        size = 15.0 if level == "h2" else 12.5
        if pdf.will_page_break(size + 12):
            pdf.add_page()
        pdf.ln(3 if level == "h2" else 1.5)
        # The outline needs a coherent hierarchy: a sub-section before any chapter
        # becomes a chapter.
        depth = min(0 if level == "h2" else 1, self.outline_level + 1)
        self.outline_level = depth
        pdf.start_section(pdf_text(text), level=depth, strict=False)
        self.text(text, size=size, style="B", height=size * 0.5, after=1.5)

    def rich_text(self, html: str) -> None:
        for kind, line, marker, depth in rich_text_lines(expand_db_html(html), self.base_url):
            if kind == "h":
                self.text(line, style="B", after=1)
            elif kind == "li":
                indent = 6.0 * depth
                self.pdf.set_font("helvetica", size=self.BODY)
                self.pdf.set_x(self.pdf.l_margin + indent - 5)
                self.pdf.cell(5, self.LINE, pdf_text(marker))
                self.text(line, indent=indent, after=0.8)
            else:
                self.text(line, after=2.5)

    def image(self, image: Any) -> None:
        alt = str(getattr(image, "default_alt_text", "") or getattr(image, "title", ""))
        try:
            with image.open_file() as source:
                original = PILImage.open(io.BytesIO(source.read()))
                original.thumbnail((1600, 1600))
                picture = original.convert("RGB")
        except Exception:
            logger.warning("Guide PDF: image %s could not be read", getattr(image, "pk", None))
            if alt:
                self.text(f"[{alt}]", style="I", after=2)
            return
        width_px, height_px = picture.size
        width = min(self.pdf.epw, width_px * 25.4 / 150)  # 150 dpi at most
        height = width * height_px / width_px
        if height > 150:
            height, width = 150, 150 * width_px / height_px
        if self.pdf.will_page_break(height + 4):
            self.pdf.add_page()
        self.pdf.image(picture, x=self.pdf.l_margin, w=width, h=height, alt_text=pdf_text(alt))
        self.pdf.ln(3)

    def callout(self, value: Any, label: str) -> None:
        self.pdf.set_fill_color(235, 241, 248)
        title = f"{label}: {value['title']}" if value.get("title") else label
        self.text(title, style="B", indent=2, fill=True, after=0)
        self.text(value["text"], indent=2, fill=True, after=3)
        self.pdf.set_fill_color(255, 255, 255)

    def checklist(self, value: Any) -> None:
        if value.get("title"):
            self.text(value["title"], style="B", after=1)
        for item in value["items"]:
            self.text(f"[   ]  {item}", indent=4, after=0.8)
        self.pdf.ln(2)

    def quote(self, value: Any) -> None:
        self.text(f"\u201c{value.get('text', '')}\u201d", style="I", indent=8, after=0.5)
        who = ", ".join(str(v) for v in (value.get("author"), value.get("role")) if v)
        if who:
            self.text(f"\u2014 {who}", size=9, indent=8)
        self.pdf.ln(2)


def guide_pdf(page: Any, language: str) -> bytes:
    """The guide ``page`` as a PDF in ``language`` (English text where it exists):
    title, summary, metadata, the body with its headings as the PDF's outline, and
    page numbers."""
    from civichub.cms.models import HubSettings

    from .blocks import CalloutBlock

    with translation.override(language):
        url = page.full_url or ""
        parts = urlsplit(url)
        base_url = f"{parts.scheme}://{parts.netloc}/" if parts.netloc else ""
        hub_name = HubSettings.load().name or settings.WAGTAIL_SITE_NAME
        writer = _GuideWriter(base_url)
        pdf = writer.pdf
        title = str(page.tr_title)
        pdf.set_title(pdf_text(title))
        pdf.set_author(pdf_text(page.authors or hub_name))
        pdf.set_subject(pdf_text(str(page.tr_summary)))
        pdf.set_creator(pdf_text(hub_name))
        pdf.set_lang(language)
        pdf.add_page()

        writer.text(title, size=20, style="B", height=9, after=3)
        writer.text(str(page.tr_summary), size=12, style="I", height=6, after=4)
        facts = [
            (_("Autori"), page.authors),
            (_("Organizzazione"), page.organisation.name if page.organisation_id else ""),
            (_("Data di pubblicazione"), date_format(page.publication_date, "DATE_FORMAT")),
            (
                _("Licenza"),
                f"{page.get_licence_display()} ({page.licence_url})"
                if page.licence_url
                else page.get_licence_display(),
            ),
            (_("Indirizzo"), url),
            (_("Come citare"), page.citation(hub_name)),
        ]
        for label, value in facts:
            if value:
                writer.text(f"{label}: {value}", size=9, height=4.5, after=0.5)
        pdf.ln(3)
        pdf.set_draw_color(160, 160, 160)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(5)

        kinds = dict(CalloutBlock.base_blocks["kind"].field.choices)
        for block, _anchor in page.outline():
            value = block.value
            if block.block_type == "heading":
                writer.heading(value["text"], value["level"])
            elif block.block_type == "paragraph":
                writer.rich_text(value.source)
            elif block.block_type == "image":
                writer.image(value)
            elif block.block_type == "callout":
                writer.callout(value, str(kinds.get(value["kind"], "")))
            elif block.block_type == "checklist":
                writer.checklist(value)
            elif block.block_type == "quote":
                writer.quote(value)
        return bytes(pdf.output())


def guide_pdf_response(page: Any, request: HttpRequest) -> HttpResponse:
    """The guide's PDF in the interface language, cached until the next publish."""
    language = "en" if (translation.get_language() or "it").startswith("en") else "it"
    key = f"library:guide-pdf:{page.pk}:{page.live_revision_id}:{language}"
    content = cache.get(key)
    if content is None:
        content = guide_pdf(page, language)
        cache.set(key, content, GUIDE_PDF_CACHE_SECONDS)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        content_disposition_header(as_attachment=False, filename=f"{page.slug}.pdf") or "inline"
    )
    return response


# --- derivatives of uploaded files --------------------------------------------------------


@contextmanager
def _opened(file: Any) -> Iterator[IO[bytes]]:
    """A readable binary stream over bytes, a Wagtail document or a Django file."""
    if isinstance(file, bytes | bytearray):
        yield io.BytesIO(file)
        return
    if hasattr(file, "open_file"):  # a Wagtail document
        with file.open_file() as stream:
            yield stream
        return
    file.open("rb")
    try:
        file.seek(0)
        yield file
    finally:
        file.close()


def document_size(document: Any) -> int | None:
    """A Wagtail document's size: the stored value, else read from storage without
    writing it back (None when the file is missing)."""
    if document is None:
        return None
    if document.file_size is not None:
        return int(document.file_size)
    try:
        return int(document.file.size)
    except (OSError, ValueError):
        return None


def pdf_derivatives(file: Any) -> tuple[bytes | None, int | None, str]:
    """``(PNG of page 1 about 800 px wide, page count, text)`` of a PDF; whatever
    could not be read is None (or "" for the text). Never raises."""
    try:
        with _opened(file) as stream:
            data = stream.read()
        document = pdfium.PdfDocument(data)
    except Exception:
        logger.info("PDF derivatives: the file cannot be opened (broken or encrypted)")
        return None, None, ""
    preview: bytes | None = None
    chunks: list[str] = []
    try:
        page_count = len(document)
        try:
            if page_count:
                first = document[0]
                width, height = first.get_size()
                scale = min(PREVIEW_WIDTH / width, PREVIEW_MAX_HEIGHT / height)
                bitmap = first.render(scale=scale)
                buffer = io.BytesIO()
                bitmap.to_pil().convert("RGB").save(buffer, "PNG", optimize=True)
                preview = buffer.getvalue()
        except Exception:
            logger.info("PDF derivatives: the first page cannot be rendered")
        length = 0
        for index in range(min(page_count, MAX_TEXT_PAGES)):
            try:
                text = document[index].get_textpage().get_text_bounded()
            except Exception:
                logger.info("PDF derivatives: page %d has no readable text", index + 1)
                continue
            # PostgreSQL cannot store NUL characters.
            text = text.replace("\x00", "").replace("\r\n", "\n").strip()
            if text:
                chunks.append(text)
                length += len(text) + 2
                if length >= MAX_TEXT_CHARS:
                    break
    finally:
        document.close()
    return preview, page_count, "\n\n".join(chunks)[:MAX_TEXT_CHARS]


def audio_duration(file: Any) -> int | None:
    """The length in whole seconds of an MP3, M4A, OGG or WAV file, or None."""
    try:
        with _opened(file) as stream:
            audio = mutagen.File(stream)
            length = audio.info.length if audio is not None else None
    except Exception:
        logger.info("Audio duration: the file cannot be read")
        return None
    if not length or length < 0:
        return None
    return round(length)

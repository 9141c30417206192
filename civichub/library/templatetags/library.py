"""Template helpers of the library pages: durations, file sizes and formats, editors'
rich text sanitised on output."""

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe
from wagtail.rich_text import expand_db_html

from civichub.core.html import sanitise_html

from ..media import document_size

register = template.Library()


@register.filter
def duration(seconds: int | None) -> str:
    """Seconds as mm:ss, or h:mm:ss from one hour up."""
    if seconds is None or seconds < 0:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


@register.filter
def iso_duration(seconds: int | None) -> str:
    """Seconds as an ISO 8601 duration, for ``<time datetime>``."""
    if seconds is None or seconds < 0:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"PT{hours}H{minutes}M{secs}S"


register.filter("document_size", document_size)


@register.filter
def document_format(document: Any) -> str:
    """The file's format as people name it: PDF, DOCX, MP3…"""
    if document is None:
        return ""
    return str(document.file_extension).upper()


@register.filter
def editor_html(value: Any) -> SafeString:
    """Rich text of a Wagtail field with internal links expanded, sanitised on output
    (pages proposed from the site and imports write these fields too)."""
    if not value:
        return SafeString("")
    return mark_safe(sanitise_html(expand_db_html(str(value))))  # noqa: S308 - sanitised


@register.filter
def heading_anchor(value: Any) -> str:
    """The id of a guide heading rendered on its own (the guide page passes unique
    anchors to its headings)."""
    from ..blocks import HeadingBlock

    return HeadingBlock.anchor(value)

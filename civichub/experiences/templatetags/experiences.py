"""Template helpers of the experiences app: user HTML on output, file sizes, the list
of an organisation's experiences for its page and the latest ones for the home."""

import re
from typing import Any

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.utils.safestring import SafeString, mark_safe

from civichub.core.html import sanitise_html

from ..related import organisation_experiences as select_organisation_experiences
from ..selectors import latest_experiences as select_latest_experiences

register = template.Library()

_TAG = re.compile(r"<[a-zA-Z/!]")


@register.filter
def rich_text(value: str | None) -> SafeString:
    """User text as HTML, sanitised again on output.

    Services sanitise on write, but the back office and imports also write these
    fields, and nh3 costs microseconds per kilobyte: cheaper than a cache lookup, and
    anonymous pages are cached whole anyway. Plain text (no tag at all) keeps its line
    breaks as paragraphs.
    """
    if not value:
        return SafeString("")
    if not _TAG.search(value):
        return linebreaks_filter(value, autoescape=True)
    return mark_safe(sanitise_html(value))  # noqa: S308 - sanitised just above


@register.filter
def file_size(field_file: Any) -> int | None:
    """The size of a stored file, or None when the file is missing from storage (a
    broken upload must not break the page)."""
    try:
        return int(field_file.size)
    except (OSError, ValueError):
        return None


@register.inclusion_tag("experiences/includes/organisation_experiences.html")
def organisation_experiences(organisation: Any) -> dict[str, Any]:
    """The published experiences an organisation took part in, with its role: three
    queries whatever their number."""
    experiences, total = select_organisation_experiences(organisation)
    return {"organisation": organisation, "experiences": experiences, "total": total}


@register.simple_tag
def latest_experiences(count: int) -> list:
    """For the home page block: the most recently published experiences."""
    return select_latest_experiences(count=count)

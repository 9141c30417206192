"""Template helpers of the events app: the next events of an organisation for its page
and the next events of the hub for the home page block."""

from typing import Any

from django import template
from django.utils import timezone

from ..profile import organisation_events as select_organisation_events
from ..selectors import upcoming_events as select_upcoming_events

register = template.Library()


@register.inclusion_tag("events/includes/organisation_events.html")
def organisation_events(organisation: Any) -> dict[str, Any]:
    """The organisation's next public events: at most two queries whatever their number."""
    events, total = select_organisation_events(organisation)
    return {"organisation": organisation, "events": events, "total": total}


@register.simple_tag
def upcoming_events(count: int) -> list:
    """For the home page block: the next published events, ready for cards."""
    return select_upcoming_events(count, now=timezone.now())

"""Events on people's profiles (the "Eventi" section, accounts.registry) and on
organisation pages: public events only, each list in two queries whatever its length."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civichub.accounts.registry import ProfileSection, register_profile_section

from .models import Event

LIST_LIMIT = 12
ORGANISATION_LIMIT = 6
LIST_FIELDS = ("pk", "slug", "title", "title_en", "kind", "state", "starts_at", "ends_at")


def organiser_events(user: Any, *, limit: int = LIST_LIMIT) -> tuple[list[Event], int]:
    """The public events ``user`` organises, the next ones first (soonest first), then
    the past ones (latest first), at most ``limit``, and their total."""
    public = Event.objects.public().filter(organiser=user)
    latest = list(public.only(*LIST_FIELDS).order_by("-starts_at", "-pk")[:limit])
    now = timezone.now()
    upcoming = sorted((e for e in latest if e.ends_at >= now), key=lambda e: (e.starts_at, e.pk))
    past = [event for event in latest if event.ends_at < now]
    return upcoming + past, public.count()


def organisation_events(
    organisation: Any, *, limit: int = ORGANISATION_LIMIT
) -> tuple[list[Event], int]:
    """The next public events of ``organisation`` (cancelled ones shown as such),
    soonest first, at most ``limit``, and how many there are."""
    upcoming = Event.objects.public().upcoming().filter(organisation=organisation)
    events = list(upcoming.only(*LIST_FIELDS).order_by("starts_at", "pk")[:limit])
    return events, upcoming.count()


def _context(owner: Any, viewer: Any) -> dict[str, Any]:
    events, total = organiser_events(owner)
    return {"events": events, "total": total, "now": timezone.now()}


register_profile_section(
    ProfileSection(
        key="events",
        title=_("Eventi"),
        template="events/includes/profile_events.html",
        context=_context,
        order=30,
    )
)

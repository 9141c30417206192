"""iCalendar (RFC 5545) for events: the public feeds, one event, and the file attached
to a confirmation e-mail, plus "add to calendar" links for Google and Outlook.

Public calendars never carry the online link: only the file sent to a confirmed
person (``include_online_link=True``) does.
"""

import datetime
from collections.abc import Iterable
from email.utils import parseaddr
from urllib.parse import urlencode, urlsplit
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from civichub.accounts.mail import absolute_url, hub_name

from .models import Event, EventState, Format

ROME = ZoneInfo("Europe/Rome")
MIME_TYPE = "text/calendar; method=PUBLISH"
PRODID = "-//Civic Hub//Eventi//IT"


def _host() -> str:
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"


def event_uid(event: Event) -> str:
    """Stable across edits, so that a calendar updates the event instead of adding it."""
    return f"event-{event.pk}@{_host()}"


def location(event: Event) -> str:
    """The place as one line: venue, address and comune, or "Online"."""
    if not event.is_in_person:
        return str(_("Online"))
    parts = [event.venue_name, event.address]
    if event.municipality is not None:
        parts.append(event.municipality.name)
    return ", ".join(part for part in parts if part) or str(_("Luogo da definire"))


def _description(event: Event, *, include_online_link: bool) -> str:
    lines = [str(event.tr_summary), "", absolute_url(event.get_absolute_url())]
    if event.format == Format.HYBRID:
        lines += ["", str(_("Si può partecipare anche online."))]
    if include_online_link and event.is_online and event.online_url:
        lines += ["", f"{_('Collegamento')}: {event.online_url}"]
        if event.online_instructions:
            lines.append(event.online_instructions)
    return "\n".join(lines).strip()


def _organiser_address() -> str:
    """The hub's sender address: the organiser's own e-mail is never published."""
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or f"noreply@{_host()}"
    return f"mailto:{address}"


def _vevent(
    event: Event, *, stamp: datetime.datetime, hub: str, include_online_link: bool
) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", timezone.localtime(event.starts_at, ROME))
    vevent.add("dtend", timezone.localtime(event.ends_at, ROME))
    vevent.add("last-modified", event.updated_at.astimezone(datetime.UTC))
    vevent.add("summary", str(event.tr_title))
    vevent.add("description", _description(event, include_online_link=include_online_link))
    place = location(event)
    if include_online_link and event.format == Format.ONLINE and event.online_url:
        place = event.online_url
    vevent.add("location", place)
    vevent.add("url", absolute_url(event.get_absolute_url()))
    vevent.add("status", "CANCELLED" if event.state == EventState.CANCELLED else "CONFIRMED")
    organiser = icalendar.vCalAddress(_organiser_address())
    organisation = event.organisation
    organiser.params["CN"] = icalendar.vText(organisation.name if organisation else hub)
    vevent.add("organizer", organiser)
    vevent.add("categories", [str(event.get_kind_display())])
    if event.latitude is not None and event.longitude is not None:
        vevent.add("geo", (float(event.latitude), float(event.longitude)))
    return vevent


def _calendar(events: Iterable[Event], *, name: str, include_online_link: bool = False) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Rome")
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    hub = hub_name()
    first = last = None
    for event in events:
        calendar.add_component(
            _vevent(event, stamp=stamp, hub=hub, include_online_link=include_online_link)
        )
        first = min(first, event.starts_at) if first else event.starts_at
        last = max(last, event.ends_at) if last else event.ends_at
    if first is not None and last is not None:
        # The rules of the years the events span, not 1970-2038: a short file.
        calendar.add_missing_timezones(
            first_date=datetime.date(timezone.localtime(first, ROME).year - 1, 1, 1),
            last_date=datetime.date(timezone.localtime(last, ROME).year + 2, 1, 1),
        )
    return calendar.to_ical()


def calendar_for(events: Iterable[Event], *, name: str) -> bytes:
    """A public feed of ``events`` (already filtered by the caller to public ones)."""
    if isinstance(events, QuerySet):
        events = events.select_related("municipality", "organisation")
    return _calendar(events, name=name)


def event_calendar(event: Event, *, include_online_link: bool = False) -> bytes:
    """One event as a calendar. ``include_online_link`` only for a confirmed attendee or
    an organiser (the file attached to their e-mail)."""
    return _calendar([event], name=str(event.tr_title), include_online_link=include_online_link)


def _utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def add_to_calendar_links(event: Event) -> dict[str, str]:
    """Links that open the event in Google Calendar and Outlook, without the online
    link (they are shown on the public page)."""
    details = _description(event, include_online_link=False)
    place = location(event)
    google = "https://calendar.google.com/calendar/render?" + urlencode(
        {
            "action": "TEMPLATE",
            "text": str(event.tr_title),
            "dates": f"{_utc(event.starts_at)}/{_utc(event.ends_at)}",
            "details": details,
            "location": place,
            "ctz": "Europe/Rome",
        }
    )
    outlook = "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": str(event.tr_title),
            "startdt": event.starts_at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "enddt": event.ends_at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "body": details,
            "location": place,
        }
    )
    return {"google": google, "outlook": outlook}

"""Reads of events; each costs a constant number of queries whatever the data size.

Visitors see ``Event.objects.public()`` (published and cancelled events) and nothing
else: drafts reach only their managers, through ``access_event``.
"""

import calendar
import datetime
import hashlib
import zoneinfo
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.core.cache import cache
from django.db.models import Avg, Case, Count, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone
from wagtail.images import get_image_model

from civichub.core.fulltext import search_words
from civichub.organisations.models import Organisation
from civichub.taxonomy.models import AUDIENCES, Theme
from civichub.territories.models import Region

from .models import (
    Event,
    EventFeedback,
    EventQuerySet,
    EventState,
    Registration,
    RegistrationStatus,
)
from .permissions import can

ROME = zoneinfo.ZoneInfo("Europe/Rome")
CARD_RENDITION = "fill-640x360"
# Boundaries are large GeoJSON documents that no event page or list needs.
NO_BOUNDARIES = ("municipality__boundary", "municipality__province__boundary", "region__boundary")
# Long texts no list shows (nor any visitor, for the online ones).
LONG_TEXTS = ("description", "description_en", "online_instructions", "accessibility_notes")


def access_event(user: Any, slug: str) -> Event:
    """The event if ``user`` may see it (``view_event``); the same 404 when it does not
    exist, so that drafts cannot be probed."""
    event = (
        Event.objects.select_related(
            "municipality__province",
            "region",
            "organisation",
            "organiser",
            "recording",
            "cohort__course",
        )
        .defer(*NO_BOUNDARIES)
        .filter(slug=slug)
        .first()
    )
    if event is None or not can(user, "view_event", event):
        raise Http404
    return event


# --- the catalogue ----------------------------------------------------------------------------


class Period(StrEnum):
    UPCOMING = "upcoming"
    PAST = "past"


@dataclass(frozen=True)
class EventFilters:
    """What the catalogue shows; every value is already validated (filters.py, api.py).
    ``kind`` and ``format`` are model values, ``audience`` a key of ``AUDIENCES``."""

    q: str = ""
    when: Period = Period.UPCOMING
    kind: str = ""
    themes: tuple[Theme, ...] = ()
    region: Region | None = None
    format: str = ""
    audience: str = ""
    free_seats: bool = False
    organisation: Organisation | None = None
    # A working area (per-area calendars): filters.py and api.py accept only areas the
    # person may see, so its name in a chip never reveals a private area.
    area: Any = None

    @property
    def is_narrowed(self) -> bool:
        """Whether anything beyond upcoming/past narrows the catalogue."""
        return bool(
            self.q
            or self.kind
            or self.themes
            or self.region
            or self.format
            or self.audience
            or self.free_seats
            or self.organisation
            or self.area
        )

    def cache_key(self) -> str:
        parts = [
            " ".join(search_words(self.q)),
            self.when,
            self.kind,
            ",".join(sorted(str(theme.pk) for theme in self.themes)),
            str(self.region.pk if self.region else ""),
            self.format,
            self.audience,
            str(self.free_seats),
            str(self.organisation.pk if self.organisation else ""),
            str(self.area.pk if self.area else ""),
        ]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()


@dataclass(frozen=True)
class Vocabularies:
    regions: list[Region]
    themes: list[Theme]


VOCABULARIES_CACHE_SECONDS = 300


def catalogue_vocabularies() -> Vocabularies:
    """Regions and themes, cached five minutes: every request validates its parameters
    against them, and they change only in the back office."""
    vocabularies = cache.get("events:vocabularies")
    if vocabularies is None:
        vocabularies = Vocabularies(
            regions=list(Region.objects.only("pk", "istat_code", "name", "slug").order_by("name")),
            themes=list(Theme.objects.order_by("sort_order", "name")),
        )
        cache.set("events:vocabularies", vocabularies, VOCABULARIES_CACHE_SECONDS)
    return vocabularies


ThemeLink = Event.themes.through


def _free_seats(now: datetime.datetime | None = None) -> Q:
    """Published events, not ended yet, where one more person can still get a seat."""
    return Q(state=EventState.PUBLISHED, ends_at__gte=now or timezone.now()) & (
        Q(capacity__isnull=True) | Q(capacity__gt=F("confirmed_count"))
    )


def _matching(words: list[str]) -> Q:
    """Every word in the title or the summary (either language). A plain ``icontains``:
    events are few next to experiences, and the site search covers full text."""
    condition = Q()
    for word in words:
        condition &= (
            Q(title__icontains=word)
            | Q(title_en__icontains=word)
            | Q(summary__icontains=word)
            | Q(summary_en__icontains=word)
        )
    return condition


def _filtered(
    filters: EventFilters,
    *,
    skip: tuple[str, ...] = (),
    now: datetime.datetime | None = None,
    between: tuple[datetime.datetime, datetime.datetime | None] | None = None,
) -> EventQuerySet:
    """Public events matching ``filters`` except those named in ``skip``. ``between``
    (a half-open interval, open-ended without an end) replaces upcoming/past: the events
    overlapping it. Themes are
    matched with ``pk IN (subquery)``: no join, so no duplicate rows."""
    queryset = Event.objects.public()
    if between is not None:
        start, end = between
        queryset = queryset.filter(ends_at__gte=start)
        if end is not None:
            queryset = queryset.filter(starts_at__lt=end)
    elif filters.when == Period.PAST:
        queryset = queryset.past(now)
    else:
        queryset = queryset.upcoming(now)
    words = search_words(filters.q)
    if words and "q" not in skip:
        queryset = queryset.filter(_matching(words))
    if filters.kind and "kind" not in skip:
        queryset = queryset.filter(kind=filters.kind)
    if filters.themes and "themes" not in skip:
        # Any of the chosen themes: ticking one more widens the results.
        links = ThemeLink.objects.filter(theme_id__in=[theme.pk for theme in filters.themes])
        queryset = queryset.filter(pk__in=links.values("event_id"))
    if filters.region is not None and "region" not in skip:
        queryset = queryset.filter(region_id=filters.region.pk)
    if filters.format and "format" not in skip:
        queryset = queryset.filter(format=filters.format)
    if filters.audience and "audience" not in skip:
        queryset = queryset.filter(**{AUDIENCES[filters.audience][0]: True})
    if filters.free_seats and "free_seats" not in skip:
        queryset = queryset.filter(_free_seats(now))
    if filters.organisation is not None and "organisation" not in skip:
        queryset = queryset.filter(organisation_id=filters.organisation.pk)
    if filters.area is not None and "area" not in skip:
        queryset = queryset.filter(area_id=filters.area.pk)
    return queryset


def _ordered(queryset: EventQuerySet, when: Period) -> EventQuerySet:
    if when == Period.PAST:
        return queryset.order_by("-starts_at", "-pk")
    return queryset.order_by("starts_at", "pk")


def event_cards(queryset: QuerySet[Event]) -> QuerySet[Event]:
    """``queryset`` with what ``includes/card.html`` shows (place, organisation, themes,
    the cover's rendition) fetched in bulk: three queries for any number of cards, two
    when no card has a cover."""
    images = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
    return (
        queryset.select_related(
            "municipality__province", "region", "organisation", "cohort__course"
        )
        .defer(*NO_BOUNDARIES, *LONG_TEXTS)
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "name")),
            Prefetch("cover", queryset=images),
        )
    )


def event_catalogue(
    filters: EventFilters, *, now: datetime.datetime | None = None
) -> EventQuerySet:
    """Public events matching ``filters``: upcoming (not ended yet) soonest first, or past
    ones newest first. Base rows: pass a page of them through ``event_cards``."""
    return _ordered(_filtered(filters, now=now), filters.when)


FEED_LIMIT = 500
FEED_PAST_DAYS = 30


def event_feed_events(
    filters: EventFilters, *, now: datetime.datetime | None = None
) -> list[Event]:
    """The events of the iCalendar feed: the filtered view's public events, upcoming and
    ended in the last 30 days (whatever ``when`` says), soonest first, at most 500. One
    query; only what a calendar entry shows."""
    now = now or timezone.now()
    start = now - datetime.timedelta(days=FEED_PAST_DAYS)
    queryset = _filtered(filters, between=(start, None))
    return list(
        queryset.select_related("municipality__province", "region", "organisation", "organiser")
        .defer(*NO_BOUNDARIES, "online_instructions")
        .order_by("starts_at", "pk")[:FEED_LIMIT]
    )


def upcoming_events(count: int, *, now: datetime.datetime | None = None) -> list[Event]:
    """The next published events, soonest first, ready for cards (the home page block)."""
    queryset = Event.objects.filter(state=EventState.PUBLISHED).upcoming(now)
    return list(event_cards(queryset.order_by("starts_at", "pk"))[:count])


# --- facets -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventFacets:
    """How many events each filter value would give, the other filters applied."""

    kinds: dict[str, int]
    themes: dict[int, int]
    regions: dict[int, int]
    formats: dict[str, int]
    audiences: dict[str, int]
    free_seats: int


FACETS_CACHE_SECONDS = 60


def _counts(queryset: QuerySet, column: str, count: str = "pk") -> dict[Any, int]:
    rows = queryset.order_by().values(column).annotate(n=Count(count))
    return {row[column]: row["n"] for row in rows if row[column] is not None}


def event_facets(filters: EventFilters, *, month: datetime.date | None = None) -> EventFacets:
    """One grouped query per facet, each with the other filters applied; within
    ``month`` (the calendar) instead of upcoming/past when given. Cached a minute per
    combination: counts a minute old mislead nobody."""
    key = f"events:facets:{filters.cache_key()}:{month or ''}"
    facets = cache.get(key)
    if facets is None:
        between = month_bounds(month) if month is not None else None
        facets = _facets(filters, between)
        cache.set(key, facets, FACETS_CACHE_SECONDS)
    return facets


def _facets(
    filters: EventFilters, between: tuple[datetime.datetime, datetime.datetime] | None
) -> EventFacets:
    def base(skip: str) -> EventQuerySet:
        return _filtered(filters, skip=(skip,), between=between)

    theme_links = ThemeLink.objects.filter(event_id__in=base("themes").values("pk"))
    audiences = (
        base("audience")
        .order_by()
        .aggregate(
            **{
                slug: Count("pk", filter=Q(**{column: True}))
                for slug, (column, _) in AUDIENCES.items()
            }
        )
    )
    return EventFacets(
        kinds=_counts(base("kind"), "kind"),
        themes=_counts(theme_links, "theme_id", "event_id"),
        regions=_counts(base("region"), "region_id"),
        formats=_counts(base("format"), "format"),
        audiences={slug: audiences[slug] or 0 for slug in AUDIENCES},
        free_seats=base("free_seats").filter(_free_seats()).count(),
    )


# --- the month calendar -----------------------------------------------------------------------


def month_bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The first instant of ``month`` and of the next one, in Rome."""
    first = month.replace(day=1)
    following = _add_months(first, 1)
    return _midnight(first), _midnight(following)


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=ROME)


def _add_months(month: datetime.date, months: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def event_days(event: Event) -> tuple[datetime.date, datetime.date]:
    """The first and last day (in Rome) an event takes place on. An event ending at
    midnight does not take place on the day that begins then."""
    starts = event.starts_at.astimezone(ROME)
    ends = event.ends_at.astimezone(ROME)
    last = ends.date()
    if ends.time() == datetime.time.min and ends > starts:
        last -= datetime.timedelta(days=1)
    return starts.date(), max(last, starts.date())


@dataclass
class CalendarEntry:
    """An event on one day of the calendar: ``starts`` is the local start time on its
    first day, None on the days it continues."""

    event: Event
    starts: datetime.datetime | None
    ends: datetime.datetime | None
    first_day: bool
    last_day: bool


@dataclass
class CalendarDay:
    date: datetime.date
    in_month: bool
    is_today: bool
    entries: list[CalendarEntry] = field(default_factory=list)


@dataclass
class MonthCalendar:
    month: datetime.date
    weeks: list[list[CalendarDay]]
    previous: datetime.date
    next: datetime.date
    total: int

    @property
    def days_with_events(self) -> list[CalendarDay]:
        """The month's days with at least one event, for the list view."""
        return [day for week in self.weeks for day in week if day.in_month and day.entries]


# A month has rarely more than a few dozen events; the cap keeps a runaway import cheap.
CALENDAR_LIMIT = 1_000


def month_calendar(
    filters: EventFilters, month: datetime.date, *, today: datetime.date | None = None
) -> MonthCalendar:
    """The weeks (Monday first) covering ``month``, each day with the public events
    taking place on it in Rome (an event of several days is on each of them). Days of
    the neighbouring months that complete the first and last week carry their events
    too. One query."""
    first = month.replace(day=1)
    today = today or timezone.localdate(timezone=ROME)
    days_in_month = calendar.monthrange(first.year, first.month)[1]
    grid_start = first - datetime.timedelta(days=first.weekday())
    last = first.replace(day=days_in_month)
    grid_end = last + datetime.timedelta(days=6 - last.weekday())
    between = (_midnight(grid_start), _midnight(grid_end + datetime.timedelta(days=1)))
    events = list(
        _filtered(filters, between=between)
        .select_related("municipality__province")
        .only(
            "pk",
            "slug",
            "title",
            "title_en",
            "kind",
            "format",
            "state",
            "starts_at",
            "ends_at",
            "venue_name",
            "municipality__name",
            "municipality__province__abbreviation",
        )
        .order_by("starts_at", "pk")[:CALENDAR_LIMIT]
    )
    days: dict[datetime.date, CalendarDay] = {}
    weeks = []
    day = grid_start
    while day <= grid_end:
        week = []
        for _ in range(7):
            days[day] = CalendarDay(
                date=day, in_month=day.month == first.month, is_today=day == today
            )
            week.append(days[day])
            day += datetime.timedelta(days=1)
        weeks.append(week)
    in_month = set()
    for event in events:
        start_day, end_day = event_days(event)
        current = max(start_day, grid_start)
        while current <= min(end_day, grid_end):
            days[current].entries.append(
                CalendarEntry(
                    event=event,
                    starts=event.starts_at.astimezone(ROME) if current == start_day else None,
                    ends=event.ends_at.astimezone(ROME) if current == end_day else None,
                    first_day=current == start_day,
                    last_day=current == end_day,
                )
            )
            if current.month == first.month:
                in_month.add(event.pk)
            current += datetime.timedelta(days=1)
    return MonthCalendar(
        month=first,
        weeks=weeks,
        previous=_add_months(first, -1),
        next=_add_months(first, 1),
        total=len(in_month),
    )


# --- people's and organisers' pages (views/registration.py, views/manage.py) ------------------


@dataclass(frozen=True)
class MyRegistrations:
    """One person's registrations, every status: ``upcoming`` (not ended yet, soonest
    first) and ``past`` (newest first)."""

    upcoming: list[Registration]
    past: list[Registration]


def my_registrations(user: Any, *, now: datetime.datetime | None = None) -> MyRegistrations:
    """``user``'s registrations with their events (place, organisation, themes, cover
    rendition, feedback given): four queries at most, whatever their number. Events that
    went back to draft are left out: their page would be a 404."""
    if not getattr(user, "is_authenticated", False):
        return MyRegistrations(upcoming=[], past=[])
    now = now or timezone.now()
    images = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
    rows = list(
        Registration.objects.filter(user=user, event__state__in=_PUBLIC_STATES)
        .select_related(
            "event__municipality__province", "event__region", "event__organisation", "feedback"
        )
        .defer(*(f"event__{name}" for name in (*NO_BOUNDARIES, *LONG_TEXTS)))
        .prefetch_related(
            Prefetch("event__themes", queryset=Theme.objects.order_by("sort_order", "name")),
            Prefetch("event__cover", queryset=images),
        )
        .order_by("event__starts_at", "pk")
    )
    upcoming = [row for row in rows if row.event.ends_at >= now]
    past = [row for row in rows if row.event.ends_at < now]
    past.reverse()
    return MyRegistrations(upcoming=upcoming, past=past)


_PUBLIC_STATES = (EventState.PUBLISHED, EventState.CANCELLED)

STATUS_ORDER = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.OFFERED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.CANCELLED,
)


def attendees(event: Event) -> list[Registration]:
    """Every registration to ``event`` with its person and profile (and the check-in
    operator, and the feedback given): confirmed first, then offered seats, the waitlist
    and cancellations, each by surname and name. One query."""
    rank = Case(
        *[When(status=status, then=Value(index)) for index, status in enumerate(STATUS_ORDER)],
        default=Value(len(STATUS_ORDER)),
        output_field=IntegerField(),
    )
    return list(
        Registration.objects.filter(event=event)
        .select_related("user__profile", "checked_in_by", "feedback")
        .annotate(status_rank=rank)
        .order_by("status_rank", "user__last_name", "user__first_name", "pk")
    )


@dataclass(frozen=True)
class FeedbackSummary:
    count: int
    average: float | None
    # (rating, answers, percentage of the answers), from 5 down to 1.
    distribution: list[tuple[int, int, int]]
    # Answers with a comment, newest first.
    comments: list[EventFeedback]


def feedback_summary(event: Event) -> FeedbackSummary:
    """The satisfaction survey of ``event``: how many answered, the average rating, how
    many gave each rating and the comments. Two queries."""
    answers = EventFeedback.objects.filter(registration__event=event)
    totals = answers.aggregate(
        count=Count("pk"),
        average=Avg("rating"),
        **{f"r{n}": Count("pk", filter=Q(rating=n)) for n in range(1, 6)},
    )
    count = totals["count"] or 0
    distribution = [
        (n, totals[f"r{n}"], round(100 * totals[f"r{n}"] / count) if count else 0)
        for n in range(5, 0, -1)
    ]
    comments = list(answers.exclude(comment="").order_by("-created_at", "-pk"))
    average = totals["average"]
    return FeedbackSummary(
        count=count,
        average=round(float(average), 1) if average is not None else None,
        distribution=distribution,
        comments=comments,
    )


# --- the API ----------------------------------------------------------------------------------


def _open_data(queryset: QuerySet[Event]) -> QuerySet[Event]:
    return (
        queryset.select_related("municipality", "region", "organisation")
        .defer(*NO_BOUNDARIES, "online_instructions", "online_url")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "name")))
    )


def event_open_data(
    filters: EventFilters, *, now: datetime.datetime | None = None
) -> QuerySet[Event]:
    """The catalogue's public events with what the API lists: two queries a page."""
    return _open_data(event_catalogue(filters, now=now))


def public_event(slug: str) -> Event:
    """One public event with its agenda and speakers, for the API; the same 404 for
    missing and not public (drafts)."""
    event = (
        _open_data(Event.objects.public())
        .prefetch_related("sessions", "speakers")
        .filter(slug=slug)
        .first()
    )
    if event is None:
        raise Http404
    return event


def area_upcoming_events(area: Any, limit: int = 5) -> list[Event]:
    """The next published events organised by a working area, ready for cards."""
    queryset = Event.objects.public().filter(state=EventState.PUBLISHED, area_id=area.pk).upcoming()
    return list(event_cards(queryset.order_by("starts_at", "pk"))[:limit])

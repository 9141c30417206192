"""Public read endpoints: /api/v1/events and /api/v1/events/{slug}.

Only public events (published and cancelled). The list takes the filters of the list page
under English names; the region is an ISTAT code, themes and organisations slugs. An
unknown code or slug gives an empty list (the filter was understood, nothing matches), a
malformed value a 422. Never the online link, the registration answers or the attendees.
"""

import datetime
from enum import StrEnum

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from civichub.core.api import MAX_PAGE_SIZE, PAGE_SIZE, Pagination
from civichub.organisations.models import Organisation
from civichub.taxonomy.models import Theme
from civichub.territories.models import Region

from .filters import Q_MAX_LENGTH
from .models import Event, EventKind, EventSession, EventSpeaker, EventState, Format
from .models import Language as EventLanguageChoices
from .selectors import ROME, EventFilters, Period, event_open_data, public_event

# Named for the schema: OpenAPI components are keyed by class name, and other
# resources have a "Kind" or a "State" of their own.
EventKindValue = StrEnum(  # type: ignore[misc]  # members come from the model choices
    "EventKindValue", {kind.name: kind.value for kind in EventKind}
)
EventFormat = StrEnum(  # type: ignore[misc]
    "EventFormat", {item.name: item.value for item in Format}
)
EventStateValue = StrEnum(  # type: ignore[misc]
    "EventStateValue", {state.name: state.value for state in EventState}
)
EventLanguage = StrEnum(  # type: ignore[misc]
    "EventLanguage", {item.name: item.value for item in EventLanguageChoices}
)


class EventWhen(StrEnum):
    UPCOMING = "upcoming"
    PAST = "past"


class EventAudience(StrEnum):
    PUBLIC_BODIES = "pa"
    THIRD_SECTOR = "third_sector"
    CITIZENS = "citizens"
    FACILITATORS = "facilitators"


# API audience → key of taxonomy.models.AUDIENCES (the list page's Italian slugs).
AUDIENCE_KEYS = {
    EventAudience.PUBLIC_BODIES: "pa",
    EventAudience.THIRD_SECTOR: "terzo-settore",
    EventAudience.CITIZENS: "cittadini",
    EventAudience.FACILITATORS: "facilitatori",
}
AUDIENCE_VALUES = {key: audience for audience, key in AUDIENCE_KEYS.items()}
TIME_ZONE = "Europe/Rome"
MAX_THEMES = 20

router = Router(tags=["events"])


class EventTerritory(Schema):
    istat_code: str
    name: str


class EventPlace(Schema):
    venue: str
    address: str
    municipality: EventTerritory | None
    region: EventTerritory | None


class EventTerm(Schema):
    slug: str
    name: str
    name_en: str


class EventOrganisation(Schema):
    slug: str
    name: str


def _local(moment: datetime.datetime | None) -> datetime.datetime | None:
    return moment.astimezone(ROME) if moment is not None else None


def registration_open(event: Event, now: datetime.datetime | None = None) -> bool:
    """Whether someone could register now: a published event that takes registrations,
    within its window, with a seat or a waitlist. The registration service has the last
    word (it also checks the person)."""
    now = now or timezone.now()
    if event.state != EventState.PUBLISHED or not event.registration_required:
        return False
    if event.registration_opens_at is not None and now < event.registration_opens_at:
        return False
    if now >= (event.registration_closes_at or event.starts_at):
        return False
    return event.seats_left != 0 or event.waitlist_enabled


class EventListItem(Schema):
    slug: str
    title: str
    title_en: str
    summary: str
    summary_en: str
    kind: EventKindValue
    format: EventFormat
    starts_at: datetime.datetime = Field(description="With the offset of Rome's time zone.")
    ends_at: datetime.datetime
    timezone: str = Field(TIME_ZONE, description="Where the event takes place: Europe/Rome.")
    state: EventStateValue = Field(description="published or cancelled.")
    place: EventPlace | None = Field(None, description="For events in person or hybrid.")
    organisation: EventOrganisation | None
    themes: list[EventTerm]
    audiences: list[EventAudience]
    language: EventLanguage
    capacity: int | None = Field(description="Seats; null: unlimited.")
    seats_left: int | None = Field(description="null: unlimited.")
    registration_required: bool
    registration_open: bool
    url: str
    ics_url: str

    @staticmethod
    def resolve_starts_at(event: Event) -> datetime.datetime | None:
        return _local(event.starts_at)

    @staticmethod
    def resolve_ends_at(event: Event) -> datetime.datetime | None:
        return _local(event.ends_at)

    @staticmethod
    def resolve_timezone(event: Event) -> str:
        return TIME_ZONE

    @staticmethod
    def resolve_place(event: Event) -> dict | None:
        if not event.is_in_person:
            return None
        return {
            "venue": event.venue_name,
            "address": event.address,
            "municipality": event.municipality,
            "region": event.region,
        }

    @staticmethod
    def resolve_themes(event: Event) -> list[Theme]:
        return list(event.themes.all())

    @staticmethod
    def resolve_audiences(event: Event) -> list[str]:
        return [AUDIENCE_VALUES[slug].value for slug, _label in event.audiences]

    @staticmethod
    def resolve_seats_left(event: Event) -> int | None:
        return event.seats_left

    @staticmethod
    def resolve_registration_open(event: Event) -> bool:
        return registration_open(event)

    @staticmethod
    def resolve_url(event: Event) -> str:
        return event.get_absolute_url()

    @staticmethod
    def resolve_ics_url(event: Event) -> str:
        return reverse("events:ics", args=[event.slug])


class EventPoint(Schema):
    latitude: float
    longitude: float


class EventAgendaItem(Schema):
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None
    title: str
    description: str
    speakers: str

    @staticmethod
    def resolve_starts_at(session: EventSession) -> datetime.datetime | None:
        return _local(session.starts_at)

    @staticmethod
    def resolve_ends_at(session: EventSession) -> datetime.datetime | None:
        return _local(session.ends_at)


class EventSpeakerItem(Schema):
    name: str
    role: str
    bio: str


class EventDetail(EventListItem):
    description: str
    description_en: str
    accessibility_notes: str
    point: EventPoint | None = Field(None, description="Where it takes place (WGS84).")
    agenda: list[EventAgendaItem]
    speakers: list[EventSpeakerItem]
    cancellation_reason: str

    @staticmethod
    def resolve_point(event: Event) -> dict[str, float] | None:
        if event.latitude is None or event.longitude is None or not event.is_in_person:
            return None
        return {"latitude": float(event.latitude), "longitude": float(event.longitude)}

    @staticmethod
    def resolve_agenda(event: Event) -> list[EventSession]:
        return list(event.sessions.all())

    @staticmethod
    def resolve_speakers(event: Event) -> list[EventSpeaker]:
        return list(event.speakers.all())


class EventApiFilters(Schema):
    q: str | None = Field(
        None, max_length=Q_MAX_LENGTH, description="Words in the title or summary (all of them)."
    )
    when: EventWhen = Field(
        EventWhen.UPCOMING,
        description="upcoming (not ended yet, soonest first) or past (newest first) (quando).",
    )
    kind: EventKindValue | None = Field(None, description="Kind of event (tipo).")
    theme: list[str] | None = Field(
        None,
        max_length=MAX_THEMES,
        description="Slug of a theme; repeat it for any of several themes (tema).",
    )
    region: str | None = Field(
        None, max_length=6, description="ISTAT code of the region, e.g. 08 (regione)."
    )
    format: EventFormat | None = Field(None, description="online, in_person or hybrid (modalita).")
    audience: EventAudience | None = Field(None, description="Meant for (pubblico).")
    free_seats: bool | None = Field(
        None, description="Only published events with a seat still free (posti=liberi)."
    )
    organisation: str | None = Field(
        None, max_length=220, description="Slug of the organising organisation (organizzazione)."
    )
    area: str | None = Field(
        None,
        max_length=80,
        description="Slug of the organising working area (area); public areas only.",
    )


class _Unknown(Exception):
    """A code or slug that names nothing: the answer is an empty list."""


def _event_filters(params: EventApiFilters) -> EventFilters:
    slugs = {slug for slug in params.theme or [] if slug}
    themes = list(Theme.objects.only("pk", "slug").filter(slug__in=slugs)) if slugs else []
    if len(themes) < len(slugs):
        raise _Unknown
    region = None
    if params.region:
        region = Region.objects.only("pk", "slug", "name").filter(istat_code=params.region).first()
        if region is None:
            raise _Unknown
    organisation = None
    if params.organisation:
        organisation = (
            Organisation.objects.only("pk", "slug", "name").filter(slug=params.organisation).first()
        )
        if organisation is None:
            raise _Unknown
    area = None
    if params.area:
        from civichub.communities.models import Area, Visibility

        area = (
            Area.objects.filter(visibility=Visibility.PUBLIC, slug=params.area)
            .only("pk", "slug", "name")
            .first()
        )
        if area is None:
            raise _Unknown
    return EventFilters(
        q=(params.q or "").strip(),
        when=Period(params.when.value),
        kind=params.kind.value if params.kind else "",
        themes=tuple(themes),
        region=region,
        format=params.format.value if params.format else "",
        audience=AUDIENCE_KEYS[params.audience] if params.audience else "",
        free_seats=bool(params.free_seats),
        organisation=organisation,
        area=area,
    )


@router.get("", response=list[EventListItem], summary="Public events")
@paginate(Pagination, page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
def list_events(request: HttpRequest, filters: Query[EventApiFilters]) -> QuerySet[Event]:
    try:
        event_filters = _event_filters(filters)
    except _Unknown:
        return Event.objects.none()
    return event_open_data(event_filters)


@router.get("/{slug}", response=EventDetail, summary="One public event")
def get_event(request: HttpRequest, slug: str) -> Event:
    return public_event(slug)

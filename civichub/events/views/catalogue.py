"""The public side of events: the list (upcoming or past), the month calendar, the
iCalendar feed of either, the event page and one event as ``.ics``.

List and calendar read the same GET filters (filters.py). With HTMX, a filter change asks
for the same address and gets only the results and the updated facets, and the address
is pushed. Anonymous visitors get these pages from the whole-page cache (core.cache);
signed-in people always get a fresh page (their session bypasses it).
"""

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from civichub.taxonomy.models import AUDIENCES

from .. import selectors
from ..filters import (
    FORMAT_PARAMETERS,
    FREE_SEATS,
    KIND_PARAMETERS,
    PAST,
    UPCOMING,
    EventFilterForm,
    filter_chips,
    filter_params,
    month_parameter,
    with_query,
)
from ..models import (
    Event,
    EventKind,
    EventState,
    Format,
    Registration,
    RegistrationStatus,
)
from ..permissions import can
from ..selectors import EventFilters, Period

PER_PAGE = 12
PAGE_PARAMETER = "pagina"
MONTH_PARAMETER = "mese"


def _wants_fragment(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    if not htmx:
        return False
    return not htmx.history_restore_request


def _facet_options(
    form: EventFilterForm, filters: EventFilters, facets: selectors.EventFacets
) -> dict[str, Any]:
    chosen_themes = {theme.pk for theme in filters.themes}
    return {
        "kind_options": [
            (KIND_PARAMETERS[kind], label, facets.kinds.get(kind, 0), kind == filters.kind)
            for kind, label in EventKind.choices
        ],
        "theme_options": [
            (theme, facets.themes.get(theme.pk, 0), theme.pk in chosen_themes)
            for theme in form.themes.values()
        ],
        "region_options": [
            (region, facets.regions.get(region.pk, 0)) for region in form.regions.values()
        ],
        "format_options": [
            (FORMAT_PARAMETERS[value], label, facets.formats.get(value, 0), value == filters.format)
            for value, label in Format.choices
        ],
        "audience_options": [
            (slug, label, facets.audiences.get(slug, 0), slug == filters.audience)
            for slug, (_column, label) in AUDIENCES.items()
        ],
        "free_seats_count": facets.free_seats,
        "free_seats_value": FREE_SEATS,
    }


def _common_context(
    request: HttpRequest, form: EventFilterForm, filters: EventFilters, view: str
) -> dict[str, Any]:
    """What the list and the calendar share: the filters, the chips and the links to the
    other view and to the feed, each keeping the filters."""
    params = filter_params(filters, with_period=False)
    return {
        "view": view,
        "filters": filters,
        "form_action": request.path,
        "ignored": form.ignored(),
        "partial": _wants_fragment(request),
        "list_url": with_query(reverse("events:list"), params),
        "calendar_url": with_query(reverse("events:calendar"), params),
        "feed_url": with_query(reverse("events:feed"), params),
        "can_create": can(request.user, "create_event"),
    }


def _render(
    request: HttpRequest, template: str, context: dict[str, Any], *, fragment: str
) -> HttpResponse:
    if context["partial"]:
        response = render(request, fragment, context)
        # The address of what is shown, only with the values understood, so that it can
        # be shared or bookmarked.
        response["HX-Push-Url"] = context["address"]
    else:
        response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_safe
def event_list(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET, user=request.user)
    filters = form.filters()
    paginator = Paginator(selectors.event_cards(selectors.event_catalogue(filters)), PER_PAGE)
    page_obj = paginator.get_page(request.GET.get(PAGE_PARAMETER))
    params = filter_params(filters)
    page = [(PAGE_PARAMETER, str(page_obj.number))] if page_obj.number > 1 else []
    path = request.path
    others = filter_params(filters, with_period=False)
    context = {
        **_common_context(request, form, filters, "list"),
        **_facet_options(form, filters, selectors.event_facets(filters)),
        "chips": filter_chips(filters, path),
        "clear_url": with_query(path, [("quando", PAST)] if filters.when == Period.PAST else []),
        "address": with_query(path, [*params, *page]),
        "period": PAST if filters.when == Period.PAST else UPCOMING,
        "is_past": filters.when == Period.PAST,
        "upcoming_url": with_query(path, others),
        "past_url": with_query(path, [("quando", PAST), *others]),
        "page_obj": page_obj,
        "paginator": paginator,
        "total": paginator.count,
    }
    return _render(request, "events/list.html", context, fragment="events/includes/results.html")


@require_safe
def event_calendar(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET, user=request.user)
    filters = form.filters()
    today = timezone.localdate(timezone=selectors.ROME)
    month = form.month(today)
    calendar = selectors.month_calendar(filters, month, today=today)
    params = filter_params(filters, with_period=False)
    path = request.path
    shown = [(MONTH_PARAMETER, month_parameter(month))]

    def month_url(other: Any) -> str:
        return with_query(path, [*params, (MONTH_PARAMETER, month_parameter(other))])

    context = {
        **_common_context(request, form, filters, "calendar"),
        **_facet_options(form, filters, selectors.event_facets(filters, month=month)),
        "chips": filter_chips(filters, path, with_period=False, extra=shown),
        "clear_url": with_query(path, shown),
        "address": with_query(path, [*params, *shown]),
        "calendar": calendar,
        "month": month,
        "month_value": month_parameter(month),
        "previous_url": month_url(calendar.previous),
        "next_url": month_url(calendar.next),
        "this_month_url": with_query(path, params) if month != today.replace(day=1) else "",
        "total": calendar.total,
    }
    return _render(
        request, "events/calendar.html", context, fragment="events/includes/results.html"
    )


def _ical() -> Any:
    # E1's module, imported when needed: the catalogue pages do not depend on it.
    from .. import ical

    return ical


@require_safe
def event_feed(request: HttpRequest) -> HttpResponse:
    """The filtered view as an iCalendar feed to subscribe to: upcoming events and those
    of the last 30 days, at most 500. Values not understood are simply left out."""
    filters = EventFilterForm(request.GET, user=request.user).filters()
    events = selectors.event_feed_events(filters)
    name = _("Eventi · %(hub)s") % {"hub": settings.HUB_NAME}
    body = _ical().calendar_for(events, name=name)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="calendario.ics"'
    return response


# --- the event page ---------------------------------------------------------------------------


def _materials(event: Event) -> list[Any]:
    """The live, public library resources attached to the event, as cards."""
    from civichub.library.selectors import public_resources, resource_cards

    ids = list(event.materials.values_list("pk", flat=True))
    if not ids:
        return []
    return resource_cards(public_resources().filter(pk__in=ids).order_by("title"))


def _recording(event: Event) -> Any:
    """The recording's library page, when it is live and public."""
    if event.recording_id is None:
        return None
    from civichub.library.selectors import public_resources

    return public_resources().filter(pk=event.recording_id).first()


def _map(event: Event) -> dict[str, Any] | None:
    """A small map around the event's point, over the comuni of its province (the
    regions of Italy when it has no comune)."""
    if event.latitude is None or event.longitude is None or not event.is_in_person:
        return None
    if event.municipality is not None:
        geojson_url = (
            reverse("territories:municipalities_geojson")
            + "?"
            + urlencode({"provincia": event.municipality.province.istat_code})
        )
    else:
        geojson_url = reverse("territories:regions_geojson")
    return {"geojson_url": geojson_url, "latitude": event.latitude, "longitude": event.longitude}


def _registration_box(user: Any, event: Event) -> dict[str, Any]:
    """What ``includes/registration_box.html`` (views/registration.py's side) needs: the
    viewer's registration, whether they may register, the form with the event's
    questions and why registering is closed now; the place in the waitlist."""
    from .. import services
    from ..forms import RegistrationForm
    from .registration import waitlist_position

    registration = (
        Registration.objects.filter(event=event, user=user).first()
        if user.is_authenticated
        else None
    )
    can_register = can(user, "register", event)
    waiting = registration is not None and registration.status == RegistrationStatus.WAITLISTED
    return {
        "registration": registration,
        "can_register": can_register,
        "registration_form": RegistrationForm(event=event) if can_register else None,
        "registration_problem": services.registration_window_problem(event)
        if can_register
        else None,
        "waitlist_position": waitlist_position(registration) if registration and waiting else None,
    }


@require_safe
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    event = selectors.access_event(user, slug)
    manager = can(user, "manage_event", event)
    first_day, last_day = selectors.event_days(event)
    links = _ical().add_to_calendar_links(event)
    context = {
        "event": event,
        "published": event.state == EventState.PUBLISHED,
        "cancelled": event.state == EventState.CANCELLED,
        "draft": event.state == EventState.DRAFT,
        "ended": event.ends_at < timezone.now(),
        "is_manager": manager,
        "sessions": list(event.sessions.all()),
        "multi_day": first_day != last_day,
        "speakers": list(event.speakers.all()),
        "themes": list(event.themes.order_by("sort_order", "name")),
        "materials": _materials(event),
        "recording": _recording(event),
        "map": _map(event),
        "sees_online_link": event.is_online and can(user, "see_online_link", event),
        "calendar_links": {
            "ics": reverse("events:ics", args=[event.slug]),
            "google": links.get("google", ""),
            "outlook": links.get("outlook", ""),
        },
        **_registration_box(user, event),
        "absolute_url": request.build_absolute_uri(event.get_absolute_url()),
    }
    return render(request, "events/detail.html", context)


@require_safe
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """One event as iCalendar, with public information only (never the online link)."""
    event = selectors.access_event(request.user, slug)
    response = HttpResponse(
        _ical().event_calendar(event), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    if event.state == EventState.DRAFT:
        response["Cache-Control"] = "private, no-store"
    return response

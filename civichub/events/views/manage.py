"""The organisers' pages: the event form, publish and cancel, attendees (and their CSV),
check-in (from a list or by the QR code of a ticket) and the survey results.

Each page checks its permission with ``can`` after ``selectors.access_event``: an event
the person may not see is the same 404 as a missing one, a visible event they may not
manage is a 403; visitors are sent to the login. Changes go through ``services``.
"""

from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from civichub.accounts.models import User
from civichub.core.spreadsheets import csv_lines

from .. import selectors, services
from ..forms import CancelEventForm, EventForm
from ..models import Event, EventState, QuestionKind, Registration, RegistrationStatus
from ..permissions import can
from .registration import first_message

PER_PAGE = 50
PAGE_PARAMETER = "pagina"
STATUS_PARAMETER = "stato"
SEARCH_PARAMETER = "q"
# The ?stato= values of the attendees page, in Italian like every query string.
STATUS_FILTERS = {
    "confermate": (RegistrationStatus.CONFIRMED, gettext_lazy("Confermate")),
    "da-confermare": (RegistrationStatus.OFFERED, gettext_lazy("Posti offerti")),
    "in-attesa": (RegistrationStatus.WAITLISTED, gettext_lazy("In lista d'attesa")),
    "annullate": (RegistrationStatus.CANCELLED, gettext_lazy("Annullate")),
}


class AuthenticatedHttpRequest(HttpRequest):
    user: User


def _managed(request: AuthenticatedHttpRequest, slug: str, permission: str) -> Event:
    event = selectors.access_event(request.user, slug)
    if not can(request.user, permission, event):
        raise PermissionDenied
    return event


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


# --- the form ---------------------------------------------------------------------------------


def _render_form(
    request: HttpRequest, form: EventForm, event: Event | None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "events/form.html",
        {"form": form, "event": event, "formsets": form.formsets},
        status=status,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def event_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can(request.user, "create_event"):
        raise PermissionDenied
    form = EventForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(actor=request.user, data=form.to_data())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _(
                    "Bozza salvata: la vedi solo tu e chi gestisce l'evento. Controllala e "
                    "pubblicala quando è pronta."
                ),
            )
            return redirect(event.get_absolute_url())
    return _render_form(request, form, None)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def event_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Drafts and published events. People registered are told by the service when
    the dates or the place of a published event change."""
    event = _managed(request, slug, "manage_event")
    if event.state == EventState.CANCELLED:
        messages.error(request, _("L'evento è annullato: non si può più modificare."))
        return redirect(event.get_absolute_url())
    form = EventForm(
        request.POST if request.method == "POST" else None, user=request.user, event=event
    )
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_update(event=event, actor=request.user, data=form.to_data())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Modifiche salvate."))
            return redirect(event.get_absolute_url())
    return _render_form(request, form, event)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def event_publish(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    event = _managed(request, slug, "manage_event")
    if event.state != EventState.DRAFT:
        messages.info(
            request,
            _("L'evento è già pubblicato.")
            if event.state == EventState.PUBLISHED
            else _("Un evento annullato non si può pubblicare di nuovo."),
        )
        return redirect(event.get_absolute_url())
    problems: list[str] = []
    if request.method == "POST":
        try:
            services.event_publish(event=event, actor=request.user)
        except ValidationError as error:
            problems = list(error.messages)
        else:
            messages.success(
                request, _("Evento pubblicato: ora chiunque può vederlo e iscriversi.")
            )
            return redirect(event.get_absolute_url())
    return render(request, "events/confirm_publish.html", {"event": event, "problems": problems})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def event_cancel(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    event = _managed(request, slug, "manage_event")
    if event.state == EventState.CANCELLED:
        messages.info(request, _("L'evento è già annullato."))
        return redirect(event.get_absolute_url())
    form = CancelEventForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_cancel(
                event=event, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                _(
                    "Evento annullato: le persone iscritte e in lista d'attesa riceveranno "
                    "il motivo."
                ),
            )
            return redirect(event.get_absolute_url())
    active = event.confirmed_count + event.waitlist_count
    return render(
        request, "events/confirm_cancel.html", {"event": event, "form": form, "active": active}
    )


# --- attendees --------------------------------------------------------------------------------


def _answer_columns(event: Event) -> list[Any]:
    return list(event.questions.all())


def _answers_of(registration: Registration, questions: list[Any]) -> list[str]:
    answers = registration.answers or {}
    return [str(answers.get(str(question.pk), "")) for question in questions]


@login_required
@require_safe
def attendees(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Everyone registered, by status, with their answers and check-in; 50 a page.
    Three queries for the list whatever its length (registrations, questions, and the
    memberships behind the permission)."""
    event = _managed(request, slug, "view_attendees")
    everyone = selectors.attendees(event)
    counts = dict.fromkeys(RegistrationStatus.values, 0)
    for registration in everyone:
        counts[registration.status] += 1
    status_slug = request.GET.get(STATUS_PARAMETER, "")
    status = STATUS_FILTERS[status_slug][0] if status_slug in STATUS_FILTERS else None
    if status is None:
        status_slug = ""
    shown = [r for r in everyone if status is None or r.status == status]
    paginator = Paginator(shown, PER_PAGE)
    page_obj = paginator.get_page(request.GET.get(PAGE_PARAMETER))
    questions = _answer_columns(event)
    rows = [
        {"registration": registration, "answers": _answers_of(registration, questions)}
        for registration in _with_organisations(list(page_obj.object_list))
    ]
    filters = [
        {
            "slug": "",
            "label": _("Tutte"),
            "count": len(everyone),
            "current": status_slug == "",
        },
        *[
            {
                "slug": slug,
                "label": label,
                "count": counts[value],
                "current": status_slug == slug,
            }
            for slug, (value, label) in STATUS_FILTERS.items()
        ],
    ]
    return render(
        request,
        "events/attendees.html",
        {
            "event": event,
            "rows": rows,
            "questions": questions,
            "page_obj": page_obj,
            "paginator": paginator,
            "filters": filters,
            "counts": counts,
            "checked_in": sum(1 for r in everyone if r.checked_in_at is not None),
            "status_slug": status_slug,
            "needs": any(q.kind == QuestionKind.NEEDS for q in questions),
        },
    )


CSV_COLUMNS = (
    gettext_lazy("Cognome"),
    gettext_lazy("Nome"),
    gettext_lazy("E-mail"),
    gettext_lazy("Organizzazioni"),
    gettext_lazy("Stato"),
    gettext_lazy("Iscritto il"),
    gettext_lazy("Presenza registrata il"),
)


def _csv_rows(
    event: Event, registrations: list[Registration], questions: list[Any]
) -> Iterator[str]:
    with translation.override("it"):
        header = [str(column) for column in CSV_COLUMNS] + [q.label for q in questions]
        rows = (
            [
                registration.user.last_name,
                registration.user.first_name,
                registration.user.email,
                getattr(registration, "organisation_names", ""),
                registration.get_status_display(),
                timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
                timezone.localtime(registration.checked_in_at).strftime("%Y-%m-%d %H:%M")
                if registration.checked_in_at
                else "",
                *_answers_of(registration, questions),
            ]
            for registration in registrations
        )
        yield from csv_lines(header, rows)


def _with_organisations(registrations: list[Registration]) -> list[Registration]:
    """Each person's active organisations, as text, in one query for all of them."""
    from civichub.organisations.models import Membership

    names: dict[int, list[str]] = {}
    memberships = (
        Membership.objects.filter(
            user_id__in={r.user_id for r in registrations}, status=Membership.Status.ACTIVE
        )
        .select_related("organisation")
        .only("user_id", "organisation__name")
        .order_by("organisation__name")
    )
    for membership in memberships:
        names.setdefault(membership.user_id, []).append(membership.organisation.name)
    for registration in registrations:
        registration.organisation_names = ", ".join(names.get(registration.user_id, []))  # type: ignore[attr-defined]
    return registrations


@login_required
@require_safe
def attendees_csv(request: AuthenticatedHttpRequest, slug: str) -> StreamingHttpResponse:
    event = _managed(request, slug, "view_attendees")
    registrations = _with_organisations(selectors.attendees(event))
    questions = _answer_columns(event)
    response = StreamingHttpResponse(
        _csv_rows(event, registrations, questions), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="iscritti-{event.slug}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- check-in ---------------------------------------------------------------------------------


def _matches(registration: Registration, words: list[str]) -> bool:
    user = registration.user
    text = f"{user.first_name} {user.last_name} {user.email}".casefold()
    return all(word in text for word in words)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def check_in(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Confirmed attendees with a «Registra presenza» button each; HTMX swaps the row,
    without JavaScript the page reloads at the same search."""
    event = _managed(request, slug, "check_in")
    query = request.GET.get(SEARCH_PARAMETER, "").strip()[:100]
    if request.method == "POST":
        return _check_in_post(request, event, query)
    confirmed = [r for r in selectors.attendees(event) if r.status == RegistrationStatus.CONFIRMED]
    words = query.casefold().split()
    shown = [r for r in confirmed if _matches(r, words)] if words else confirmed
    return render(
        request,
        "events/check_in.html",
        {
            "event": event,
            "registrations": shown,
            "query": query,
            "total": len(confirmed),
            "present": sum(1 for r in confirmed if r.checked_in_at is not None),
        },
    )


def _check_in_post(request: AuthenticatedHttpRequest, event: Event, query: str) -> HttpResponse:
    pk = request.POST.get("iscrizione", "")
    registration = (
        Registration.objects.select_related("user", "checked_in_by")
        .filter(event=event, pk=int(pk))
        .first()
        if pk.isdigit() and len(pk) < 12
        else None
    )
    if registration is None:
        raise Http404
    registration.event = event
    error = ""
    try:
        registration = services.registration_check_in(registration=registration, actor=request.user)
    except ValidationError as problem:
        error = first_message(problem)
    if _is_htmx(request):
        return render(
            request,
            "events/includes/check_in_row.html",
            {"event": event, "registration": registration, "error": error, "query": query},
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request,
            _("Presenza registrata: %(name)s.") % {"name": registration.user.display_name},
        )
    url = reverse("events:check_in", kwargs={"slug": event.slug})
    return redirect(f"{url}?{urlencode({SEARCH_PARAMETER: query})}" if query else url)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def check_in_by_code(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The address in a ticket's QR code: the person and a confirm button, for the
    managers of that event only (everyone else gets the 404 of an unknown code)."""
    registration = (
        Registration.objects.select_related("user", "checked_in_by", "event")
        .filter(ticket_code=code[:64])
        .first()
    )
    if registration is None or not can(request.user, "check_in", registration.event):
        raise Http404
    event = registration.event
    error = ""
    if request.method == "POST":
        try:
            registration = services.registration_check_in_by_code(
                event=event, code=registration.ticket_code, actor=request.user
            )
        except ValidationError as problem:
            error = first_message(problem)
        else:
            messages.success(
                request,
                _("Presenza registrata: %(name)s.") % {"name": registration.user.display_name},
            )
            return redirect("events:check_in_code", code=registration.ticket_code)
    return render(
        request,
        "events/check_in_code.html",
        {
            "event": event,
            "registration": registration,
            "error": error,
            "confirmed": registration.status == RegistrationStatus.CONFIRMED,
        },
    )


# --- survey results ---------------------------------------------------------------------------


@login_required
@require_safe
def feedback_results(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    event = _managed(request, slug, "view_feedback")
    summary = selectors.feedback_summary(event)
    return render(request, "events/results.html", {"event": event, "summary": summary})

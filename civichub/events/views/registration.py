"""The people's pages: register, cancel, confirm an offered seat, the ticket with its QR
code, the certificate, the survey and «I miei eventi».

Thin views: the event comes from ``selectors.access_event`` (the same 404 for missing
and hidden), the person's own registration is looked up by event and user (never by an
id from the request), and every change goes through ``services``, whose refusals are
shown as they are. Everything works without JavaScript.
"""

import datetime

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from civichub.accounts.models import User
from civichub.accounts.permissions import has_joined

from .. import certificates, ical, selectors, services
from ..forms import FeedbackForm, RegistrationForm
from ..models import Event, EventState, Registration, RegistrationStatus
from ..permissions import can


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind ``login_required``."""

    user: User


def first_message(error: ValidationError) -> str:
    return next(iter(error.messages), _("L'operazione non è riuscita."))


def own_registration(user: User, event: Event) -> Registration | None:
    registration = Registration.objects.filter(event=event, user=user).first()
    if registration is not None:
        registration.event, registration.user = event, user
    return registration


def waitlist_position(registration: Registration) -> int:
    """1 for the first in line: the waitlist is ordered by ``queued_at``, then pk."""
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=RegistrationStatus.WAITLISTED
    ).filter(
        Q(queued_at__lt=registration.queued_at)
        | Q(queued_at=registration.queued_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def cancellation_deadline(event: Event) -> datetime.datetime:
    return event.starts_at - datetime.timedelta(hours=event.cancellation_deadline_hours)


def _membership_redirect(request: HttpRequest, next_url: str) -> HttpResponseRedirect:
    url = reverse("accounts:membership")
    return HttpResponseRedirect(f"{url}?{urlencode({'next': next_url})}")


def _outcome_message(request: HttpRequest, registration: Registration) -> None:
    if registration.status == RegistrationStatus.CONFIRMED:
        messages.success(
            request,
            _(
                "Iscrizione confermata: ti abbiamo scritto un'e-mail con i dettagli e "
                "l'evento da aggiungere al calendario. Il biglietto è nella pagina "
                "«I miei eventi»."
            ),
        )
    elif registration.status == RegistrationStatus.WAITLISTED:
        messages.info(
            request,
            _(
                "I posti sono esauriti: sei in lista d'attesa, in posizione %(position)d. "
                "Se si libera un posto ti scriveremo e avrai il tempo di confermarlo."
            )
            % {"position": waitlist_position(registration)},
        )
    elif registration.status == RegistrationStatus.OFFERED:
        messages.info(
            request, _("Si è liberato un posto per te: confermalo prima che scada il tempo.")
        )


# --- register, cancel, confirm ----------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def register(request: HttpRequest, slug: str) -> HttpResponse:
    """The registration form on its own page (the event page carries the same form):
    where the login leads back to, and where refusals are explained."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    assert isinstance(user, User)
    event = selectors.access_event(user, slug)
    if not has_joined(user):
        return _membership_redirect(request, request.get_full_path())
    registration = own_registration(user, event)
    if registration is not None and registration.is_active:
        _outcome_message(request, registration)
        return redirect(event.get_absolute_url())
    posted = request.method == "POST"
    form = RegistrationForm(
        event=event,
        data=request.POST if posted else None,
        initial_answers=registration.answers if registration is not None else None,
    )
    if posted and form.is_valid():
        try:
            registration = services.registration_create(
                event=event, user=user, answers=form.answers()
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        except PermissionDenied:
            form.add_error(None, _("Non puoi iscriverti a questo evento."))
        else:
            _outcome_message(request, registration)
            return redirect(event.get_absolute_url())
    full = event.seats_left == 0
    problem = services.registration_window_problem(event)
    if problem is None and full and not event.waitlist_enabled:
        problem = _("I posti sono esauriti.")
    return render(
        request,
        "events/register.html",
        {"event": event, "form": form, "problem": problem, "full": full},
    )


def _active_registration(user: User, event: Event) -> Registration:
    registration = own_registration(user, event)
    if registration is None or not registration.is_active:
        raise Http404
    return registration


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cancel_registration(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    event = selectors.access_event(request.user, slug)
    registration = _active_registration(request.user, event)
    deadline = cancellation_deadline(event)
    if request.method == "POST":
        try:
            services.registration_cancel(registration=registration, actor=request.user)
        except ValidationError as error:
            messages.error(request, first_message(error))
        else:
            if registration.status == RegistrationStatus.CONFIRMED:
                text = _("Iscrizione annullata: il tuo posto passa a chi è in lista d'attesa.")
            else:
                text = _("Iscrizione annullata.")
            messages.success(request, text)
        return redirect(event.get_absolute_url())
    now = timezone.now()
    return render(
        request,
        "events/cancel_registration.html",
        {
            "event": event,
            "registration": registration,
            "deadline": deadline,
            "too_late": registration.status == RegistrationStatus.CONFIRMED and now >= deadline,
            "started": event.starts_at <= now,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_offer(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The link of the «si è liberato un posto» e-mail: the deadline and a button."""
    event = selectors.access_event(request.user, slug)
    registration = own_registration(request.user, event)
    if registration is None:
        raise Http404
    if registration.status == RegistrationStatus.CONFIRMED:
        messages.info(request, _("Il tuo posto è già confermato."))
        return redirect("events:ticket", slug=event.slug)
    expired = (
        registration.status != RegistrationStatus.OFFERED
        or registration.offer_expires_at is None
        or registration.offer_expires_at <= timezone.now()
    )
    if request.method == "POST" and not expired:
        try:
            services.offer_confirm(registration=registration, user=request.user)
        except ValidationError as error:
            messages.error(request, first_message(error))
            return redirect(event.get_absolute_url())
        messages.success(
            request,
            _("Posto confermato: ti abbiamo scritto un'e-mail con i dettagli. Ti aspettiamo!"),
        )
        return redirect(event.get_absolute_url())
    return render(
        request,
        "events/confirm_offer.html",
        {"event": event, "registration": registration, "expired": expired},
        status=200,
    )


# --- ticket, certificate, survey --------------------------------------------------------------


def _confirmed(user: User, event: Event) -> Registration:
    registration = own_registration(user, event)
    if registration is None or registration.status != RegistrationStatus.CONFIRMED:
        raise Http404
    return registration


def ticket_qr_svg(request: HttpRequest, registration: Registration) -> str:
    """The QR code of the check-in address of the ticket, as inline SVG (no style
    attribute: the CSP allows it)."""
    url = request.build_absolute_uri(
        reverse("events:check_in_code", kwargs={"code": registration.ticket_code})
    )
    code = segno.make(url, error="m")
    return str(
        code.svg_inline(
            scale=5,
            border=4,
            title=_("Codice QR del biglietto"),
            svgclass="event-ticket__qr",
            lineclass=None,
        )
    ).replace("<svg ", '<svg role="img" ', 1)


@login_required
@require_safe
def ticket(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The printable ticket of a confirmed registration: its QR code opens the check-in
    page of the ticket for the organisers."""
    event = selectors.access_event(request.user, slug)
    registration = _confirmed(request.user, event)
    links = ical.add_to_calendar_links(event)
    return render(
        request,
        "events/ticket.html",
        {
            "event": event,
            "registration": registration,
            "qr_svg": ticket_qr_svg(request, registration),
            "sees_online_link": event.is_online and can(request.user, "see_online_link", event),
            "calendar_links": {"ics": reverse("events:ics", args=[event.slug]), **links},
        },
    )


@login_required
@require_safe
def certificate(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The certificate of attendance: only one's own, checked in, once the event ended
    (``certificates.certificate_refusal``); otherwise the same 404."""
    event = selectors.access_event(request.user, slug)
    registration = own_registration(request.user, event)
    if registration is None or certificates.certificate_refusal(registration) is not None:
        raise Http404
    response = HttpResponse(
        certificates.certificate_pdf(registration), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="attestato-{event.slug}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def feedback(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The satisfaction survey: once per registration, for confirmed attendees once the
    event is over (``services.may_give_feedback``)."""
    event = selectors.access_event(request.user, slug)
    registration = _confirmed(request.user, event)
    given = getattr(registration, "feedback", None)
    if given is None and not services.may_give_feedback(registration):
        raise Http404
    form = FeedbackForm(request.POST if request.method == "POST" and given is None else None)
    if form.is_bound and form.is_valid():
        try:
            services.feedback_record(
                registration=registration,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request, _("Grazie: la tua valutazione aiuta a migliorare i prossimi eventi.")
            )
            return redirect("events:feedback", slug=event.slug)
    elif request.method == "POST" and given is not None:
        messages.info(request, _("Hai già risposto al questionario: grazie!"))
        return redirect("events:feedback", slug=event.slug)
    return render(
        request,
        "events/feedback.html",
        {"event": event, "registration": registration, "form": form, "given": given},
    )


# --- «I miei eventi» ----------------------------------------------------------------------------


@login_required
@require_safe
def my_events(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Upcoming seats, the waitlist and offers, past events with certificate and survey
    links, and the events the person organises. A constant number of queries."""
    user = request.user
    mine = selectors.my_registrations(user)
    now = timezone.now()
    upcoming = [r for r in mine.upcoming if r.status == RegistrationStatus.CONFIRMED]
    waiting = [
        r
        for r in mine.upcoming
        if r.status in (RegistrationStatus.WAITLISTED, RegistrationStatus.OFFERED)
    ]
    cancelled = [r for r in mine.upcoming if r.status == RegistrationStatus.CANCELLED]
    past = [
        {
            "registration": r,
            "certificate": r.checked_in_at is not None and r.event.state == EventState.PUBLISHED,
            "survey": _survey_open(r, now),
        }
        for r in mine.past
        if r.status == RegistrationStatus.CONFIRMED
    ]
    organised = list(
        Event.objects.filter(organiser=user)
        .exclude(ends_at__lt=now - datetime.timedelta(days=90))
        .only(
            "pk",
            "slug",
            "title",
            "title_en",
            "state",
            "starts_at",
            "ends_at",
            "confirmed_count",
            "capacity",
            "waitlist_count",
        )
        .order_by("starts_at", "pk")
    )
    return render(
        request,
        "events/mine.html",
        {
            "upcoming": upcoming,
            "waiting": waiting,
            "cancelled": cancelled,
            "past": past,
            "organised": organised,
            "can_create": can(user, "create_event"),
            "now": now,
        },
    )


def _survey_open(registration: Registration, now: datetime.datetime) -> bool:
    """The survey link on «I miei eventi»: confirmed, event over, survey on, not answered.
    (The page itself also checks attendance, with one more query.)"""
    event = registration.event
    return (
        event.feedback_enabled
        and event.state == EventState.PUBLISHED
        and event.ends_at <= now
        # A missing reverse one-to-one raises an AttributeError: getattr's default.
        and getattr(registration, "feedback", None) is None
    )

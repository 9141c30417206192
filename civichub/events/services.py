"""Writes of events and registrations. Every change goes through a function here.

Registration-changing services run in one transaction that first locks the event row
(``select_for_update``), then re-reads the registrations and recounts them: every
writer of a registration takes the same lock, so 200 people registering at once for
50 seats give exactly 50 confirmations, and ``confirmed_count`` / ``waitlist_count``
(waitlisted + offered) always match the rows. E-mails are queued when the transaction
commits, in each recipient's language.

Rules worth knowing:

- a person has one registration row per event; registering again returns the active
  row, or reuses a cancelled one (back in the queue at the end, with new answers);
- a freed seat is *offered* to the first person waiting, who confirms it before
  ``offer_expires_at`` (now + ``offer_hours``, never after the start); when the event
  starts in less than ``DIRECT_CONFIRMATION_WINDOW`` there is no time to answer, so the
  seat is confirmed directly;
- lowering the capacity never takes a confirmed seat away: nobody new is confirmed
  until there is room again, and offers that no longer fit go back to the waitlist at
  their place;
- reminders and the survey are claimed row by row with a conditional ``UPDATE … WHERE
  <timestamp> IS NULL`` before the e-mail is queued, so two runs never send twice.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Count, Model, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.images.models import Image

from civichub.accounts.mail import absolute_url, hub_name
from civichub.accounts.models import User
from civichub.accounts.permissions import is_promoter
from civichub.communities.models import Area
from civichub.core.audit import log_action
from civichub.core.mail import send_templated_mail
from civichub.library.models import ResourcePage, WebinarPage
from civichub.organisations.models import Membership, Organisation
from civichub.taxonomy.models import Theme
from civichub.territories.models import Municipality

from . import ical
from .models import (
    ACTIVE_STATUSES,
    Cohort,
    CourseModule,
    Event,
    EventFeedback,
    EventKind,
    EventSession,
    EventSpeaker,
    EventState,
    Format,
    Language,
    QuestionKind,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
)
from .permissions import can

# Fixed paths of urls.py that a slug must never take.
RESERVED_SLUGS = frozenset({"calendario", "nuovo", "miei", "biglietto", "percorsi"})
LOG_PREFIX = "civichub.events."
# Audit actions (label, message), registered for the back office by wagtail_hooks.py.
LOG_ACTIONS = {
    "create": (gettext_lazy("Creazione"), gettext_lazy("Evento creato")),
    "update": (gettext_lazy("Modifica"), gettext_lazy("Evento modificato")),
    "publish": (gettext_lazy("Pubblicazione"), gettext_lazy("Evento pubblicato")),
    "cancel": (gettext_lazy("Annullamento"), gettext_lazy("Evento annullato")),
    "register": (gettext_lazy("Iscrizione"), gettext_lazy("Nuova iscrizione")),
    "registration_cancel": (
        gettext_lazy("Disdetta"),
        gettext_lazy("Iscrizione annullata"),
    ),
    "offer": (
        gettext_lazy("Posto offerto"),
        gettext_lazy("Posto offerto a chi era in lista d'attesa"),
    ),
    "confirm_waitlisted": (
        gettext_lazy("Conferma dalla lista d'attesa"),
        gettext_lazy("Posto confermato direttamente a chi era in lista d'attesa"),
    ),
    "offer_confirm": (gettext_lazy("Posto confermato"), gettext_lazy("Posto offerto confermato")),
    "offer_expire": (gettext_lazy("Offerta scaduta"), gettext_lazy("Posti offerti non confermati")),
    "check_in": (gettext_lazy("Presenza"), gettext_lazy("Presenza registrata")),
    "remind": (gettext_lazy("Promemoria"), gettext_lazy("Promemoria inviati")),
    "request_feedback": (
        gettext_lazy("Questionario"),
        gettext_lazy("Questionario di gradimento inviato"),
    ),
    "feedback": (gettext_lazy("Valutazione"), gettext_lazy("Valutazione ricevuta")),
}

ANSWER_MAX_LENGTH = 1000
COMMENT_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 2000
DESCRIPTION_MAX_LENGTH = 20_000
MAX_ROWS = 50
CAPACITY_MAX = 100_000

# A seat freed this close to the start is confirmed at once: no time to answer an offer.
DIRECT_CONFIRMATION_WINDOW = datetime.timedelta(hours=1)
# How long before the start each reminder goes.
REMINDER_LEADS = {"day": datetime.timedelta(hours=24), "hour": datetime.timedelta(hours=1)}
REMINDER_FIELDS = {"day": "reminded_day_at", "hour": "reminded_hour_at"}
REMINDER_FLAGS = {"day": "remind_day_before", "hour": "remind_hour_before"}
# The survey goes an hour after the end, and not at all once this much time has passed.
FEEDBACK_DELAY = datetime.timedelta(hours=1)
FEEDBACK_WINDOW = datetime.timedelta(days=14)

CHILD_FIELDS: dict[str, tuple[str, ...]] = {
    "sessions": ("starts_at", "ends_at", "title", "description", "speakers"),
    "speakers": ("user", "name", "role", "bio"),
    "questions": ("label", "kind", "choices", "required"),
}
# The child models' managers typed loosely: modelcluster's are untyped.
CHILD_MODELS: dict[str, Any] = {
    "sessions": EventSession,
    "speakers": EventSpeaker,
    "questions": RegistrationQuestion,
}
M2M_FIELDS = ("themes", "materials")
TEXT_FIELDS: dict[str, int] = {
    "title": 160,
    "title_en": 160,
    "summary": 300,
    "summary_en": 300,
    "description": DESCRIPTION_MAX_LENGTH,
    "description_en": DESCRIPTION_MAX_LENGTH,
    "venue_name": 160,
    "address": 200,
    "accessibility_notes": 5000,
    "online_instructions": 5000,
}
# Single-line texts: runs of white space become one space.
ONE_LINE_FIELDS = frozenset({"title", "title_en", "summary", "summary_en", "venue_name", "address"})
BOOLEAN_FIELDS = (
    "for_public_bodies",
    "for_third_sector",
    "for_citizens",
    "for_facilitators",
    "registration_required",
    "waitlist_enabled",
    "remind_day_before",
    "remind_hour_before",
    "feedback_enabled",
)
DATETIME_FIELDS = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")
FOREIGN_KEYS: dict[str, type[Model]] = {
    "municipality": Municipality,
    "organisation": Organisation,
    "cover": Image,
    "recording": WebinarPage,
    # A working area that organises the event; a course's edition and module (a session).
    "area": Area,
    "cohort": Cohort,
    "module": CourseModule,
}
# Everything event_create / event_update accept; a key left out of ``data`` is unchanged.
EDITABLE_FIELDS = frozenset(
    {
        *TEXT_FIELDS,
        "kind",
        "format",
        "language",
        *DATETIME_FIELDS,
        *FOREIGN_KEYS,
        "latitude",
        "longitude",
        "online_url",
        *BOOLEAN_FIELDS,
        "capacity",
        "cancellation_deadline_hours",
        "offer_hours",
        *M2M_FIELDS,
        *CHILD_FIELDS,
    }
)
REQUIRED_ON_CREATE = ("title", "summary", "kind", "starts_at", "ends_at")
# Changes that people already registered are told about.
NOTIFIED_CHANGES = frozenset(
    {"starts_at", "ends_at", "format", "municipality", "venue_name", "address", "online_url"}
)


# --- helpers ------------------------------------------------------------------------------


def _require(actor: Any, permission: str, event: Event | None = None) -> None:
    if not can(actor, permission, event):
        raise PermissionDenied


def _log(event: Event, action: str, actor: Any = None, **data: Any) -> None:
    """Registrations are logged on their event (the entry's label is the event, not a
    person's name)."""
    log_action(
        instance=event,
        action=LOG_PREFIX + action,
        user=actor if getattr(actor, "is_authenticated", False) else None,
        data=data,
    )


def _locked(event: Event | int) -> Event:
    pk = event if isinstance(event, int) else event.pk
    return Event.objects.select_for_update().get(pk=pk)


def _when(value: datetime.datetime) -> str:
    return date_format(timezone.localtime(value), "DATETIME_FORMAT")


def _supports_defer() -> bool:
    from . import tasks

    return bool(tasks.send_reminders.get_backend().supports_defer)


@dataclass(frozen=True)
class Counts:
    confirmed: int
    waitlisted: int
    offered: int


def _counts(event: Event) -> Counts:
    by_status = Registration.objects.filter(event_id=event.pk).aggregate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
        offered=Count("pk", filter=Q(status=RegistrationStatus.OFFERED)),
    )
    return Counts(by_status["confirmed"], by_status["waitlisted"], by_status["offered"])


def _store_counts(event: Event) -> Counts:
    """Recount the rows (under the event's lock) and write the counters if they moved."""
    counts = _counts(event)
    waiting = counts.waitlisted + counts.offered
    if (event.confirmed_count, event.waitlist_count) != (counts.confirmed, waiting):
        event.confirmed_count, event.waitlist_count = counts.confirmed, waiting
        event.save(update_fields=["confirmed_count", "waitlist_count"])
    return counts


# --- e-mail -------------------------------------------------------------------------------


def _urls(event: Event) -> dict[str, str]:
    slug = {"slug": event.slug}
    return {
        "event_url": absolute_url(reverse("events:detail", kwargs=slug)),
        "ticket_url": absolute_url(reverse("events:ticket", kwargs=slug)),
        "confirm_url": absolute_url(reverse("events:confirm_offer", kwargs=slug)),
        "feedback_url": absolute_url(reverse("events:feedback", kwargs=slug)),
        "certificate_url": absolute_url(reverse("events:certificate", kwargs=slug)),
        "list_url": absolute_url(reverse("events:list")),
    }


def _calendar_attachment(event: Event, language: str) -> list[tuple[str, str, str]]:
    with translation.override(language):
        content = ical.event_calendar(event, include_online_link=True).decode()
    return [(f"{event.slug}.ics", content, ical.MIME_TYPE)]


def _mail(
    registration: Registration,
    template: str,
    *,
    event: Event,
    with_calendar: bool = False,
    **extra: Any,
) -> bool:
    """One message to the registered person, in their language. The online link is in
    the context only for confirmed attendees."""
    user = registration.user
    if not user.email or not user.is_active or user.erased_at:
        return False
    confirmed = registration.status == RegistrationStatus.CONFIRMED
    deadline = _cancellation_deadline(event)
    context = {
        "event": event,
        "registration": registration,
        "recipient": user,
        "hub_name": hub_name(),
        "show_online_link": confirmed and event.is_online and bool(event.online_url),
        "cancel_until": deadline if deadline > timezone.now() else None,
        **_urls(event),
        **extra,
    }
    send_templated_mail(
        to=[user.email],
        template=f"events/email/{template}",
        context=context,
        language=user.language,
        attachments=_calendar_attachment(event, user.language) if with_calendar else None,
    )
    return True


# --- scheduling ---------------------------------------------------------------------------


def _schedule(jobs: list[tuple[Any, datetime.datetime, dict[str, Any]]]) -> None:
    """Queue deferred tasks once the transaction commits, when the backend can defer;
    otherwise ``manage.py events_housekeeping`` (cron) does the same work."""
    if not jobs or not _supports_defer():
        return

    def enqueue() -> None:
        for task, run_after, kwargs in jobs:
            task.using(run_after=run_after).enqueue(**kwargs)

    transaction.on_commit(enqueue)


def _schedule_event_tasks(event: Event, *, reminders: bool = True, feedback: bool = True) -> None:
    """Reminders at start - 24 h and - 1 h, the survey at end + 1 h: each only if it is
    enabled and still in the future. The tasks re-check everything when they run."""
    from . import tasks

    if event.state != EventState.PUBLISHED:
        return
    now = timezone.now()
    jobs: list[tuple[Any, datetime.datetime, dict[str, Any]]] = []
    if reminders:
        for which, lead in REMINDER_LEADS.items():
            run_after = event.starts_at - lead
            if getattr(event, REMINDER_FLAGS[which]) and run_after > now:
                kwargs = {
                    "event_id": event.pk,
                    "which": which,
                    "starts_at": event.starts_at.isoformat(),
                }
                jobs.append((tasks.send_reminders, run_after, kwargs))
    if feedback and event.feedback_enabled and event.ends_at + FEEDBACK_DELAY > now:
        jobs.append(
            (tasks.request_feedback, event.ends_at + FEEDBACK_DELAY, {"event_id": event.pk})
        )
    _schedule(jobs)


def _schedule_expiry(event: Event, when: datetime.datetime) -> None:
    from . import tasks

    _schedule([(tasks.expire_offers, when, {"event_id": event.pk})])


# --- validation of an event ---------------------------------------------------------------


class _Errors:
    """Every problem by field, so that the organiser sees them all at once."""

    def __init__(self) -> None:
        self.by_field: dict[str, list[ValidationError]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(ValidationError(message))

    def row(self, field: str, number: int, message: str) -> None:
        self.add(field, _("Riga %(number)d: %(message)s") % {"number": number, "message": message})

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)


def _clean_text(value: Any, *, one_line: bool) -> str:
    text = str(value or "").replace("\r\n", "\n").strip()
    return " ".join(text.split()) if one_line else text


def _check_length(errors: _Errors, field: str, value: str, limit: int) -> None:
    if len(value) > limit:
        errors.add(
            field,
            _("Al massimo %(limit)d caratteri (ne hai scritti %(count)d).")
            % {"limit": limit, "count": len(value)},
        )


def _aware(value: Any, name: str) -> datetime.datetime | None:
    if value is None or value == "":
        return None
    if not isinstance(value, datetime.datetime):
        raise TypeError(f"{name} must be a datetime")
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _instances(items: Any, model: type[Model]) -> list[Any]:
    """A list of ``model`` instances without duplicates, in the given order."""
    seen: dict[Any, Any] = {}
    for item in items or ():
        if not isinstance(item, model):
            raise TypeError(f"expected {model.__name__}, got {type(item).__name__}")
        seen.setdefault(item.pk, item)
    return list(seen.values())


def _coordinate(errors: _Errors, field: str, value: Any, limit: int) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except InvalidOperation:
        errors.add(field, _("Scrivi un numero, ad esempio 44.49381."))
        return None
    if not -limit <= number <= limit:
        errors.add(field, _("Il valore deve essere tra -%(limit)d e %(limit)d.") % {"limit": limit})
        return None
    return number


def _integer(
    errors: _Errors, field: str, value: Any, low: int, high: int, *, blank: bool = False
) -> int | None:
    if value in (None, "") and blank:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        errors.add(
            field,
            _("Scrivi un numero intero tra %(low)d e %(high)d.") % {"low": low, "high": high},
        )
        return None
    return value


def _is_url(value: str) -> bool:
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return False
    return True


def event_validate(data: Mapping[str, Any], *, event: Event | None, actor: Any) -> dict[str, Any]:
    """The cleaned values of the fields present in ``data``, or a ``ValidationError``
    with every problem keyed by field. Nothing is written.

    Children (``sessions``, ``speakers``, ``questions``) are lists of dicts of the
    child's fields; a dict with the ``pk`` of an existing row updates that row (so a
    question keeps the answers given to it), the rows left out are deleted."""
    unknown = set(data) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not editable fields: {sorted(unknown)}")
    errors = _Errors()
    values: dict[str, Any] = {}

    for name, limit in TEXT_FIELDS.items():
        if name in data:
            values[name] = _clean_text(data[name], one_line=name in ONE_LINE_FIELDS)
            _check_length(errors, name, values[name], limit)
    for name, message in (
        ("title", _("Scrivi il titolo dell'evento.")),
        ("summary", _("Scrivi il sommario: una o due frasi.")),
    ):
        if name in values and not values[name]:
            errors.add(name, message)
    for name, choices, message in (
        ("kind", EventKind.values, _("Scegli il tipo di evento.")),
        ("format", Format.values, _("Scegli la modalità: online, in presenza o ibrida.")),
        ("language", Language.values, _("Scegli la lingua dell'evento.")),
    ):
        if name in data:
            values[name] = str(data[name] or "")
            if values[name] not in choices:
                errors.add(name, message)
    for name in BOOLEAN_FIELDS:
        if name in data:
            values[name] = bool(data[name])

    _validate_dates(data, values, errors, event=event)
    _validate_place(data, values, errors)
    _validate_relations(data, values, errors, event=event, actor=actor)
    _validate_registration(data, values, errors)
    _validate_children(data, values, errors, event=event)
    errors.raise_if_any()
    return values


def _validate_dates(
    data: Mapping[str, Any], values: dict[str, Any], errors: _Errors, *, event: Event | None
) -> None:
    for name in DATETIME_FIELDS:
        if name in data:
            values[name] = _aware(data[name], name)
    for name in ("starts_at", "ends_at"):
        if name in data and values[name] is None:
            errors.add(name, _("Indica data e ora."))

    def current(name: str) -> Any:
        return values[name] if name in values else getattr(event, name, None)

    starts, ends = current("starts_at"), current("ends_at")
    if starts and ends and ends <= starts and {"starts_at", "ends_at"} & set(data):
        errors.add("ends_at", _("La fine deve essere dopo l'inizio."))
    if (
        event is not None
        and event.state == EventState.PUBLISHED
        and "starts_at" in values
        and values["starts_at"]
        and values["starts_at"] != event.starts_at
        and values["starts_at"] <= timezone.now()
    ):
        errors.add("starts_at", _("Un evento pubblicato si può spostare solo nel futuro."))
    opens, closes = current("registration_opens_at"), current("registration_closes_at")
    touched = {"registration_opens_at", "registration_closes_at", "starts_at"} & set(data)
    if touched:
        if opens and closes and closes <= opens:
            errors.add(
                "registration_closes_at",
                _("La chiusura delle iscrizioni deve essere dopo l'apertura."),
            )
        if closes and starts and closes > starts:
            errors.add(
                "registration_closes_at",
                _("Le iscrizioni non possono chiudere dopo l'inizio dell'evento."),
            )
        if opens and starts and opens >= starts:
            errors.add(
                "registration_opens_at",
                _("Le iscrizioni devono aprire prima dell'inizio dell'evento."),
            )


def _validate_place(data: Mapping[str, Any], values: dict[str, Any], errors: _Errors) -> None:
    if "latitude" in data or "longitude" in data:
        latitude = _coordinate(errors, "latitude", data.get("latitude"), 90)
        longitude = _coordinate(errors, "longitude", data.get("longitude"), 180)
        if (latitude is None) != (longitude is None) and not errors.by_field.keys() & {
            "latitude",
            "longitude",
        }:
            missing = "longitude" if longitude is None else "latitude"
            errors.add(missing, _("Indica sia la latitudine sia la longitudine, o nessuna."))
        values["latitude"], values["longitude"] = latitude, longitude
    if "online_url" in data:
        values["online_url"] = _clean_text(data["online_url"], one_line=True)
        if values["online_url"] and not _is_url(values["online_url"]):
            errors.add("online_url", _("Scrivi un indirizzo web completo, che inizi con https://."))
        _check_length(errors, "online_url", values["online_url"], 200)


def _validate_relations(
    data: Mapping[str, Any],
    values: dict[str, Any],
    errors: _Errors,
    *,
    event: Event | None,
    actor: Any,
) -> None:
    for name, model in FOREIGN_KEYS.items():
        if name in data:
            if data[name] is not None and not isinstance(data[name], model):
                raise TypeError(f"{name} must be a {model.__name__}")
            values[name] = data[name]
    organisation = values.get("organisation")
    if (
        organisation is not None
        and (event is None or event.organisation_id != organisation.pk)
        and not is_promoter(actor)
        and not Membership.objects.filter(
            organisation=organisation, user=actor, status=Membership.Status.ACTIVE
        ).exists()
    ):
        errors.add(
            "organisation",
            _("Puoi organizzare eventi solo a nome delle organizzazioni di cui fai parte."),
        )
    area = values.get("area")
    if (
        area is not None
        and (event is None or event.area_id != area.pk)
        and not is_promoter(actor)
        and not rules.has_perm("communities.facilitate_area", actor, area)
    ):
        errors.add("area", _("Puoi collegare un evento solo alle aree che faciliti."))
    cohort = values["cohort"] if "cohort" in values else getattr(event, "cohort", None)
    module = values["module"] if "module" in values else getattr(event, "module", None)
    if module is not None and (cohort is None or module.course_id != cohort.course_id):
        errors.add("module", _("Il modulo deve appartenere al percorso dell'edizione scelta."))
    if (
        "cohort" in values
        and cohort is not None
        and (event is None or event.cohort_id != cohort.pk)
        and not can(actor, "manage_course", cohort)
    ):
        errors.add("cohort", _("Puoi aggiungere incontri solo ai percorsi che gestisci."))
    if "themes" in data:
        values["themes"] = _instances(data["themes"], Theme)
    if "materials" in data:
        values["materials"] = _instances(data["materials"], ResourcePage)
        if len(values["materials"]) > MAX_ROWS:
            errors.add("materials", _("Al massimo %(count)d materiali.") % {"count": MAX_ROWS})


def _validate_registration(
    data: Mapping[str, Any], values: dict[str, Any], errors: _Errors
) -> None:
    if "capacity" in data:
        values["capacity"] = _integer(
            errors, "capacity", data["capacity"], 1, CAPACITY_MAX, blank=True
        )
    if "cancellation_deadline_hours" in data:
        values["cancellation_deadline_hours"] = _integer(
            errors, "cancellation_deadline_hours", data["cancellation_deadline_hours"], 0, 720
        )
    if "offer_hours" in data:
        values["offer_hours"] = _integer(errors, "offer_hours", data["offer_hours"], 1, 336)


def _row_pk(
    row: Mapping[str, Any], existing: set[int], errors: _Errors, field: str, number: int
) -> int | None:
    pk = row.get("pk")
    if pk is not None and pk not in existing:
        errors.row(field, number, _("riga sconosciuta."))
    return pk


def _validate_children(
    data: Mapping[str, Any], values: dict[str, Any], errors: _Errors, *, event: Event | None
) -> None:
    for field, model in CHILD_MODELS.items():
        if field not in data:
            continue
        rows = list(data[field] or ())
        existing = (
            set(model.objects.filter(event_id=event.pk).values_list("pk", flat=True))
            if event is not None
            else set()
        )
        cleaned: list[dict[str, Any]] = []
        for number, row in enumerate(rows, start=1):
            unknown = set(row) - set(CHILD_FIELDS[field]) - {"pk"}
            if unknown:
                raise ValueError(f"unknown {field} fields: {sorted(unknown)}")
            item = {"pk": _row_pk(row, existing, errors, field, number)}
            item.update(_CHILD_CLEANERS[field](row, errors, number))
            cleaned.append(item)
        if len(cleaned) > MAX_ROWS:
            errors.add(field, _("Al massimo %(count)d righe.") % {"count": MAX_ROWS})
        values[field] = cleaned


def _clean_session(row: Mapping[str, Any], errors: _Errors, number: int) -> dict[str, Any]:
    item: dict[str, Any] = {
        "starts_at": _aware(row.get("starts_at"), "starts_at"),
        "ends_at": _aware(row.get("ends_at"), "ends_at"),
        "title": _clean_text(row.get("title"), one_line=True),
        "description": _clean_text(row.get("description"), one_line=False),
        "speakers": _clean_text(row.get("speakers"), one_line=True),
    }
    if not item["title"] or len(item["title"]) > 200:
        errors.row("sessions", number, _("scrivi un titolo (al massimo 200 caratteri)."))
    if item["starts_at"] is None:
        errors.row("sessions", number, _("indica l'ora di inizio."))
    elif item["ends_at"] is not None and item["ends_at"] <= item["starts_at"]:
        errors.row("sessions", number, _("la fine deve essere dopo l'inizio."))
    if len(item["description"]) > 5000 or len(item["speakers"]) > 255:
        errors.row("sessions", number, _("un testo è troppo lungo."))
    return item


def _clean_speaker(row: Mapping[str, Any], errors: _Errors, number: int) -> dict[str, Any]:
    user = row.get("user")
    if user is not None and not isinstance(user, User):
        raise TypeError("speaker user must be a User")
    name = _clean_text(row.get("name"), one_line=True) or (user.display_name if user else "")
    item: dict[str, Any] = {
        "user": user,
        "name": name,
        "role": _clean_text(row.get("role"), one_line=True),
        "bio": _clean_text(row.get("bio"), one_line=False),
    }
    if not name or len(name) > 120:
        errors.row("speakers", number, _("scrivi il nome (al massimo 120 caratteri)."))
    if len(item["role"]) > 200:
        errors.row("speakers", number, _("il ruolo supera i 200 caratteri."))
    if len(item["bio"]) > 800:
        errors.row("speakers", number, _("la biografia supera gli 800 caratteri."))
    return item


def _clean_question(row: Mapping[str, Any], errors: _Errors, number: int) -> dict[str, Any]:
    item: dict[str, Any] = {
        "label": _clean_text(row.get("label"), one_line=True),
        "kind": str(row.get("kind") or QuestionKind.TEXT),
        "choices": "\n".join(
            line.strip() for line in str(row.get("choices") or "").splitlines() if line.strip()
        ),
        "required": bool(row.get("required")),
    }
    if not item["label"] or len(item["label"]) > 200:
        errors.row("questions", number, _("scrivi la domanda (al massimo 200 caratteri)."))
    if item["kind"] not in QuestionKind.values:
        errors.row("questions", number, _("tipo di domanda non valido."))
    if item["kind"] == QuestionKind.CHOICE and len(item["choices"].splitlines()) < 2:
        errors.row("questions", number, _("scrivi almeno due opzioni, una per riga."))
    if item["kind"] != QuestionKind.CHOICE:
        item["choices"] = ""
    if len(item["choices"]) > 2000:
        errors.row("questions", number, _("le opzioni superano i 2000 caratteri."))
    return item


_CHILD_CLEANERS = {
    "sessions": _clean_session,
    "speakers": _clean_speaker,
    "questions": _clean_question,
}


# --- events -------------------------------------------------------------------------------


def _unique_slug(title: str) -> str:
    base = slugify(title)[:100].strip("-") or "evento"
    # Slugs hold only letters, digits, "-" and "_": no regex character to escape.
    siblings = Event.objects.filter(Q(slug=base) | Q(slug__regex=rf"^{base}-[0-9]+$"))
    taken = set(siblings.values_list("slug", flat=True)) | RESERVED_SLUGS
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _apply_children(event: Event, field: str, rows: list[dict[str, Any]]) -> bool:
    model = CHILD_MODELS[field]
    current = {row.pk: row for row in model.objects.filter(event_id=event.pk)}
    kept = {row["pk"] for row in rows if row["pk"] is not None}
    modified = False
    for pk, instance in current.items():
        if pk not in kept:
            instance.delete()
            modified = True
    for index, row in enumerate(rows):
        values = {key: value for key, value in row.items() if key != "pk"}
        values["sort_order"] = index
        if row["pk"] is None:
            model.objects.create(event_id=event.pk, **values)
            modified = True
            continue
        instance = current.get(row["pk"])
        if instance is None:  # deleted meanwhile by another editor
            continue
        if any(getattr(instance, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(instance, key, value)
            instance.save()
            modified = True
    return modified


def _apply(event: Event, values: dict[str, Any]) -> list[str]:
    """Write ``values`` on the (locked or new) saved event; return the changed names."""
    changed: list[str] = []
    for name, value in values.items():
        if name in M2M_FIELDS or name in CHILD_FIELDS:
            continue
        if getattr(event, name) != value:
            setattr(event, name, value)
            changed.append(name)
    if "municipality" in changed:
        municipality = values["municipality"]
        event.region_id = municipality.province.region_id if municipality else None
        changed.append("region")
    m2m_changed = []
    for name in M2M_FIELDS:
        if name in values:
            wanted = [item.pk for item in values[name]]
            if sorted(getattr(event, name).values_list("pk", flat=True)) != sorted(wanted):
                getattr(event, name).set(values[name])
                m2m_changed.append(name)
    if changed or m2m_changed:
        event.save(update_fields=[*changed, *m2m_changed, "updated_at"])
    for name in CHILD_FIELDS:
        if name in values and _apply_children(event, name, values[name]):
            changed.append(name)
    return changed + m2m_changed


def event_create(*, actor: User, data: Mapping[str, Any]) -> Event:
    """A new draft run by ``actor``. Needs at least title, summary, kind and dates."""
    _require(actor, "create_event")
    data = dict(data)
    for name in REQUIRED_ON_CREATE:
        data.setdefault(name, None)
    values = event_validate(data, event=None, actor=actor)
    with transaction.atomic():
        scalars = {
            name: value
            for name, value in values.items()
            if name not in M2M_FIELDS and name not in CHILD_FIELDS
        }
        event = Event(organiser=actor, state=EventState.DRAFT, **scalars)
        municipality = values.get("municipality")
        event.region_id = municipality.province.region_id if municipality else None
        for attempt in range(3):
            event.slug = _unique_slug(values["title"])
            try:
                with transaction.atomic():
                    event.save()
                break
            except IntegrityError:
                # Someone took the same slug a moment ago: pick the next one.
                if attempt == 2:
                    raise
        _apply(
            event, {name: values[name] for name in (*M2M_FIELDS, *CHILD_FIELDS) if name in values}
        )
        _log(event, "create", actor)
    return event


def event_update(*, event: Event, actor: User, data: Mapping[str, Any]) -> Event:
    """Save the keys present in ``data``. On a published event: more seats are offered
    to the waitlist; fewer seats never cancel a confirmed one (nobody else is confirmed
    until there is room, and offers that no longer fit go back to the waitlist);
    moved dates reschedule reminders and the survey; people registered are told about
    new dates or a new place."""
    _require(actor, "manage_event", event)
    with transaction.atomic():
        locked = _locked(event)
        _require(actor, "manage_event", locked)
        values = event_validate(data, event=locked, actor=actor)
        before = {name: getattr(locked, name) for name in ("capacity", "starts_at", "ends_at")}
        changed = _apply(locked, values)
        if not changed:
            return locked
        _log(locked, "update", actor, fields=changed)
        if locked.state == EventState.PUBLISHED:
            _after_published_update(locked, before, set(changed))
    return locked


def _after_published_update(event: Event, before: dict[str, Any], changed: set[str]) -> None:
    now = timezone.now()
    if "starts_at" in changed:
        # New date, new reminders; offers never outlive the start.
        Registration.objects.filter(event_id=event.pk).update(
            reminded_day_at=None, reminded_hour_at=None
        )
        Registration.objects.filter(
            event_id=event.pk,
            status=RegistrationStatus.OFFERED,
            offer_expires_at__gt=event.starts_at,
        ).update(offer_expires_at=event.starts_at)
    reminders = bool({"starts_at", "remind_day_before", "remind_hour_before"} & changed)
    feedback = bool({"ends_at", "feedback_enabled"} & changed)
    if reminders or feedback:
        # Tasks already queued for the old times find a different start and do nothing.
        _schedule_event_tasks(event, reminders=reminders, feedback=feedback)
    if "capacity" in changed:
        old, new = before["capacity"], event.capacity
        if new is None or (old is not None and new > old):
            _promote(event, now)
        else:
            _withdraw_offers(event)
    notified = NOTIFIED_CHANGES & changed
    if notified:
        registrations = Registration.objects.filter(
            event_id=event.pk, status__in=ACTIVE_STATUSES
        ).select_related("user")
        moved = bool({"starts_at", "ends_at"} & changed)
        for registration in registrations:
            confirmed = registration.status == RegistrationStatus.CONFIRMED
            if notified == {"online_url"} and not confirmed:
                continue
            _mail(registration, "event_changed", event=event, moved=moved, with_calendar=confirmed)


def _withdraw_offers(event: Event) -> None:
    """After the capacity went down: offers beyond the seats left go back to the
    waitlist at their place (their ``queued_at``)."""
    if event.capacity is None:
        return
    counts = _counts(event)
    room = max(event.capacity - counts.confirmed, 0)
    offers = list(
        Registration.objects.filter(event_id=event.pk, status=RegistrationStatus.OFFERED)
        .select_related("user")
        .order_by("queued_at", "pk")
    )
    for registration in offers[room:]:
        registration.status = RegistrationStatus.WAITLISTED
        registration.offer_expires_at = None
        registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
        _mail(registration, "offer_withdrawn", event=event)
    _store_counts(event)


def _publish_problems(event: Event) -> list[str]:
    problems = []
    now = timezone.now()
    if not event.title or not event.summary:
        problems.append(_("Mancano il titolo o il sommario."))
    if event.starts_at <= now:
        problems.append(_("L'inizio deve essere nel futuro."))
    if event.ends_at <= event.starts_at:
        problems.append(_("La fine deve essere dopo l'inizio."))
    if event.is_in_person and (event.municipality_id is None or not event.venue_name):
        problems.append(_("Per un evento in presenza indica il comune e il luogo."))
    if event.is_online and not event.online_url:
        problems.append(_("Per un evento online indica il collegamento."))
    if (
        event.registration_required
        and event.registration_closes_at is not None
        and event.registration_closes_at <= now
    ):
        problems.append(_("La chiusura delle iscrizioni è già passata."))
    return problems


def event_publish(*, event: Event, actor: User) -> Event:
    """Draft → published, once the essentials are there; schedules the reminders and
    the survey."""
    _require(actor, "manage_event", event)
    with transaction.atomic():
        locked = _locked(event)
        _require(actor, "manage_event", locked)
        if locked.state == EventState.PUBLISHED:
            raise ValidationError(_("L'evento è già pubblicato."), code="state")
        if locked.state == EventState.CANCELLED:
            raise ValidationError(
                _("Un evento annullato non si può pubblicare di nuovo."), code="state"
            )
        problems = _publish_problems(locked)
        if problems:
            raise ValidationError(problems, code="incomplete")
        locked.state = EventState.PUBLISHED
        locked.published_at = locked.published_at or timezone.now()
        locked.save(update_fields=["state", "published_at", "updated_at"])
        _log(locked, "publish", actor)
        _schedule_event_tasks(locked)
    if locked.cohort_id is not None:
        # A course session: everyone enrolled in the cohort is registered.
        from .course_services import sessions_register_enrolled

        sessions_register_enrolled(event=locked)
    return locked


def event_cancel(*, event: Event, actor: User, reason: str) -> Event:
    """Cancel the event: every active registration is cancelled by the organiser and
    each person gets the reason."""
    _require(actor, "manage_event", event)
    reason = (reason or "").replace("\r\n", "\n").strip()
    if not reason:
        raise ValidationError(_("Spiega perché l'evento è annullato: lo leggeranno gli iscritti."))
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(_("Al massimo %(limit)d caratteri.") % {"limit": REASON_MAX_LENGTH})
    with transaction.atomic():
        locked = _locked(event)
        _require(actor, "manage_event", locked)
        now = timezone.now()
        if locked.state == EventState.CANCELLED:
            raise ValidationError(_("L'evento è già annullato."), code="state")
        if locked.ends_at < now:
            raise ValidationError(_("L'evento è già concluso: non si può annullare."), code="state")
        locked.state = EventState.CANCELLED
        locked.cancelled_at = now
        locked.cancellation_reason = reason
        locked.save(update_fields=["state", "cancelled_at", "cancellation_reason", "updated_at"])
        registrations = list(
            Registration.objects.filter(event_id=locked.pk, status__in=ACTIVE_STATUSES)
            .select_related("user")
            .order_by("queued_at", "pk")
        )
        Registration.objects.filter(pk__in=[r.pk for r in registrations]).update(
            status=RegistrationStatus.CANCELLED,
            cancelled_at=now,
            cancelled_by_organiser=True,
            offer_expires_at=None,
            updated_at=now,
        )
        _store_counts(locked)
        for registration in registrations:
            was_confirmed = registration.status == RegistrationStatus.CONFIRMED
            registration.status = RegistrationStatus.CANCELLED
            # Confirmed people get the updated calendar entry (STATUS:CANCELLED).
            _mail(
                registration,
                "event_cancelled",
                event=locked,
                reason=reason,
                with_calendar=was_confirmed,
            )
        _log(locked, "cancel", actor, reason=reason, registrations=len(registrations))
    return locked


# --- registrations ------------------------------------------------------------------------


def _cancellation_deadline(event: Event) -> datetime.datetime:
    return event.starts_at - datetime.timedelta(hours=event.cancellation_deadline_hours)


def registration_window_problem(event: Event, now: datetime.datetime | None = None) -> str | None:
    """Why nobody can register now, or ``None``. Pages use it to explain a closed form."""
    now = now or timezone.now()
    if event.state == EventState.CANCELLED:
        return _("L'evento è stato annullato.")
    if event.state != EventState.PUBLISHED:
        return _("L'evento non è ancora pubblicato.")
    if not event.registration_required:
        return _("Per questo evento non serve iscriversi.")
    if event.starts_at <= now:
        return _("L'evento è già iniziato: le iscrizioni sono chiuse.")
    if event.registration_opens_at is not None and now < event.registration_opens_at:
        return _("Le iscrizioni apriranno il %(date)s.") % {
            "date": _when(event.registration_opens_at)
        }
    if event.registration_closes_at is not None and now >= event.registration_closes_at:
        return _("Le iscrizioni sono chiuse.")
    return None


def _clean_answers(event: Event, answers: Mapping[Any, Any] | None) -> dict[str, str]:
    """The answers keyed by question pk (as strings). Unknown keys are dropped."""
    given = {str(key): value for key, value in (answers or {}).items()}
    cleaned: dict[str, str] = {}
    problems: list[str] = []
    for question in event.questions.all():
        value = given.get(str(question.pk))
        text = "" if value is None else str(value).replace("\r\n", "\n").strip()
        label = {"question": question.label}
        if not text:
            if question.required:
                problems.append(_("Rispondi alla domanda «%(question)s».") % label)
            continue
        if len(text) > ANSWER_MAX_LENGTH:
            problems.append(
                _("La risposta a «%(question)s» supera i %(limit)d caratteri.")
                % {**label, "limit": ANSWER_MAX_LENGTH}
            )
        elif question.kind == QuestionKind.CHOICE and text not in question.options:
            problems.append(_("Per «%(question)s» scegli una delle opzioni proposte.") % label)
        cleaned[str(question.pk)] = text
    if problems:
        raise ValidationError(problems, code="answers")
    return cleaned


def _mark_passed_reminders(
    registration: Registration, event: Event, now: datetime.datetime
) -> list[str]:
    """A person confirmed after a reminder's time has the confirmation instead: no
    reminder a few minutes later."""
    fields = []
    for which, lead in REMINDER_LEADS.items():
        if event.starts_at - now <= lead:
            setattr(registration, REMINDER_FIELDS[which], now)
            fields.append(REMINDER_FIELDS[which])
    return fields


def registration_create(
    *, event: Event, user: User, answers: Mapping[Any, Any] | None = None
) -> Registration:
    """Register ``user``: confirmed if a seat is free, else on the waitlist (or refused
    when full without a waitlist). A second call returns the active registration."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    with transaction.atomic():
        locked = _locked(event)
        existing = (
            Registration.objects.select_for_update().filter(event_id=locked.pk, user=user).first()
        )
        if existing is not None and existing.is_active:
            return existing
        now = timezone.now()
        problem = registration_window_problem(locked, now)
        if problem:
            raise ValidationError(problem, code="closed")
        _require(user, "register", locked)
        cleaned = _clean_answers(locked, answers)

        counts = _counts(locked)
        if (
            locked.capacity is not None
            and counts.waitlisted
            and counts.confirmed + counts.offered < locked.capacity
        ):
            # Seats free while people wait (e.g. just before a housekeeping run): they
            # come first.
            _promote(locked, now)
            counts = _counts(locked)
        if (
            locked.capacity is None
            or counts.confirmed + counts.offered + counts.waitlisted < locked.capacity
        ):
            status = RegistrationStatus.CONFIRMED
        elif locked.waitlist_enabled:
            status = RegistrationStatus.WAITLISTED
        else:
            raise ValidationError(_("I posti sono esauriti."), code="full")

        registration = existing or Registration(event=locked, user=user)
        registration.status = status
        registration.answers = cleaned
        registration.queued_at = now
        registration.offer_expires_at = None
        registration.cancelled_at = None
        registration.cancelled_by_organiser = False
        registration.reminded_day_at = registration.reminded_hour_at = None
        registration.feedback_requested_at = None
        if status == RegistrationStatus.CONFIRMED:
            _mark_passed_reminders(registration, locked, now)
        registration.save()
        _store_counts(locked)
        _log(locked, "register", user, registration=registration.pk, status=status)
        if status == RegistrationStatus.CONFIRMED:
            _mail(registration, "registration_confirmed", event=locked, with_calendar=True)
        else:
            _mail(registration, "registration_waitlisted", event=locked)
    return registration


def _lock_registration(registration: Registration) -> tuple[Event, Registration]:
    event = _locked(registration.event_id)
    locked = Registration.objects.select_for_update().select_related("user").get(pk=registration.pk)
    return event, locked


def registration_cancel(*, registration: Registration, actor: User) -> Registration:
    """The person cancels (a confirmed seat until the cancellation deadline; leaving the
    waitlist or declining an offer until the start), or a manager does at any time. A
    freed seat goes to the next in line."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    with transaction.atomic():
        event, locked = _lock_registration(registration)
        is_self = locked.user_id == actor.pk
        manager = can(actor, "manage_event", event)
        if not is_self and not manager:
            raise PermissionDenied
        if locked.status == RegistrationStatus.CANCELLED:
            return locked
        now = timezone.now()
        if not manager:
            if event.starts_at <= now:
                raise ValidationError(_("L'evento è già iniziato."), code="started")
            deadline = _cancellation_deadline(event)
            if locked.status == RegistrationStatus.CONFIRMED and now >= deadline:
                raise ValidationError(
                    _(
                        "Non puoi più disdire online: era possibile fino al %(date)s. "
                        "Se non puoi venire, scrivi agli organizzatori."
                    )
                    % {"date": _when(deadline)},
                    code="deadline",
                )
        held_seat = locked.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)
        locked.status = RegistrationStatus.CANCELLED
        locked.cancelled_at = now
        locked.cancelled_by_organiser = not is_self
        locked.offer_expires_at = None
        locked.save(
            update_fields=[
                "status",
                "cancelled_at",
                "cancelled_by_organiser",
                "offer_expires_at",
                "updated_at",
            ]
        )
        _store_counts(event)
        _log(event, "registration_cancel", actor, registration=locked.pk)
        _mail(locked, "registration_cancelled", event=event, by_organiser=not is_self)
        if held_seat:
            _promote(event, now)
    return locked


def _promote(event: Event, now: datetime.datetime) -> int:
    """Under the event's lock: offer the free seats to the first people waiting (or
    confirm them directly with unlimited seats or less than an hour to the start)."""
    if event.state != EventState.PUBLISHED or event.starts_at <= now:
        return 0
    waiting = (
        Registration.objects.filter(event_id=event.pk, status=RegistrationStatus.WAITLISTED)
        .select_related("user")
        .order_by("queued_at", "pk")
    )
    if event.capacity is None:
        batch, direct = list(waiting), True
    else:
        counts = _counts(event)
        free = event.capacity - counts.confirmed - counts.offered
        if free <= 0 or not counts.waitlisted:
            return 0
        batch = list(waiting[:free])
        direct = event.starts_at - now < DIRECT_CONFIRMATION_WINDOW
    if not batch:
        return 0
    expires = min(now + datetime.timedelta(hours=max(event.offer_hours, 1)), event.starts_at)
    for registration in batch:
        if direct:
            registration.status = RegistrationStatus.CONFIRMED
            registration.offer_expires_at = None
            fields = _mark_passed_reminders(registration, event, now)
            registration.save(update_fields=["status", "offer_expires_at", "updated_at", *fields])
            _mail(
                registration,
                "registration_confirmed",
                event=event,
                promoted=True,
                with_calendar=True,
            )
        else:
            registration.status = RegistrationStatus.OFFERED
            registration.offer_expires_at = expires
            registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
            _mail(registration, "offer", event=event)
    _store_counts(event)
    _log(
        event,
        "confirm_waitlisted" if direct else "offer",
        registrations=[registration.pk for registration in batch],
    )
    if not direct:
        _schedule_expiry(event, expires)
    return len(batch)


def waitlist_promote(*, event: Event) -> int:
    """Offer the free seats (capacity - confirmed - outstanding offers) to the first
    people on the waitlist; return how many moved."""
    with transaction.atomic():
        locked = _locked(event)
        return _promote(locked, timezone.now())


def offer_confirm(*, registration: Registration, user: User) -> Registration:
    """The person takes the seat offered to them, before the offer expires."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    with transaction.atomic():
        event, locked = _lock_registration(registration)
        if locked.user_id != user.pk:
            raise PermissionDenied
        if locked.status == RegistrationStatus.CONFIRMED:
            return locked
        now = timezone.now()
        if event.state != EventState.PUBLISHED:
            raise ValidationError(_("L'evento è stato annullato."), code="state")
        if locked.status == RegistrationStatus.WAITLISTED:
            raise ValidationError(
                _(
                    "Il posto non è più disponibile perché gli organizzatori hanno ridotto "
                    "i posti: resti in lista d'attesa, al tuo posto."
                ),
                code="withdrawn",
            )
        if locked.status != RegistrationStatus.OFFERED:
            raise ValidationError(_("Non c'è un posto da confermare."), code="state")
        if locked.offer_expires_at is None or locked.offer_expires_at <= now:
            raise ValidationError(_("Il tempo per confermare il posto è scaduto."), code="expired")
        locked.status = RegistrationStatus.CONFIRMED
        locked.offer_expires_at = None
        fields = _mark_passed_reminders(locked, event, now)
        locked.save(update_fields=["status", "offer_expires_at", "updated_at", *fields])
        _store_counts(event)
        _log(event, "offer_confirm", user, registration=locked.pk)
        _mail(locked, "registration_confirmed", event=event, promoted=True, with_calendar=True)
    return locked


def offers_expire(*, event: Event) -> int:
    """Offers not confirmed in time are cancelled (each person is told) and the seats
    go to the next in line. Returns how many expired."""
    with transaction.atomic():
        locked = _locked(event)
        now = timezone.now()
        expired = list(
            Registration.objects.filter(
                event_id=locked.pk,
                status=RegistrationStatus.OFFERED,
                offer_expires_at__lte=now,
            )
            .select_related("user")
            .order_by("queued_at", "pk")
        )
        for registration in expired:
            registration.status = RegistrationStatus.CANCELLED
            registration.cancelled_at = now
            registration.save(update_fields=["status", "cancelled_at", "updated_at"])
            _mail(registration, "offer_expired", event=locked)
        if expired:
            _store_counts(locked)
            _log(locked, "offer_expire", registrations=[r.pk for r in expired])
            _promote(locked, now)
    return len(expired)


# --- check-in -----------------------------------------------------------------------------


def registration_check_in(*, registration: Registration, actor: User) -> Registration:
    """Record that the person came. Repeating it changes nothing (the first time
    stays). Possible from the day of the event on."""
    event = registration.event
    _require(actor, "check_in", event)
    if event.state != EventState.PUBLISHED:
        raise ValidationError(_("L'evento non è in programma."), code="state")
    now = timezone.now()
    if timezone.localdate(now) < timezone.localdate(event.starts_at):
        raise ValidationError(_("Le presenze si registrano dal giorno dell'evento."), code="early")
    current = Registration.objects.select_related("user").get(pk=registration.pk)
    if current.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(
            _("L'iscrizione di %(name)s non è confermata (%(status)s).")
            % {"name": current.user.display_name, "status": current.get_status_display()},
            code="status",
        )
    if current.checked_in_at is not None:
        return current
    with transaction.atomic():
        claimed = Registration.objects.filter(
            pk=current.pk, checked_in_at__isnull=True, status=RegistrationStatus.CONFIRMED
        ).update(checked_in_at=now, checked_in_by=actor, updated_at=now)
        if claimed:
            _log(event, "check_in", actor, registration=current.pk)
            if event.cohort_id is not None:
                from .course_services import completion_after_check_in

                completion_after_check_in(cohort_id=event.cohort_id, user_id=current.user_id)
    current.refresh_from_db(fields=["checked_in_at", "checked_in_by", "status"])
    return current


def registration_check_in_by_code(*, event: Event, code: str, actor: User) -> Registration:
    """Check in the ticket with ``code`` (from its QR code) for ``event``."""
    _require(actor, "check_in", event)
    registration = (
        Registration.objects.filter(event_id=event.pk, ticket_code=(code or "").strip())
        .select_related("event", "user")
        .first()
    )
    if registration is None:
        raise ValidationError(_("Il biglietto non è valido per questo evento."), code="unknown")
    return registration_check_in(registration=registration, actor=actor)


# --- reminders and survey -----------------------------------------------------------------


def reminder_due(
    event: Event,
    which: str,
    now: datetime.datetime,
    *,
    slack: datetime.timedelta = datetime.timedelta(0),
) -> bool:
    """Whether the ``which`` reminder of ``event`` is due at ``now``: the start is
    within its lead time (plus ``slack`` for a late task), and for the day reminder
    more than an hour away (closer than that the hour reminder is the one to send)."""
    left = event.starts_at - now
    if left <= datetime.timedelta(0) or left > REMINDER_LEADS[which] + slack:
        return False
    return which != "day" or left > REMINDER_LEADS["hour"]


def feedback_due(event: Event, now: datetime.datetime) -> bool:
    return event.ends_at + FEEDBACK_DELAY <= now <= event.ends_at + FEEDBACK_WINDOW


def _claim_and_send(
    registrations: Iterable[Registration], field: str, now: datetime.datetime, send: Any
) -> int:
    sent = 0
    for registration in registrations:
        claimed = Registration.objects.filter(
            pk=registration.pk, status=RegistrationStatus.CONFIRMED, **{f"{field}__isnull": True}
        ).update(**{field: now})
        if claimed and send(registration):
            sent += 1
    return sent


def reminders_send(*, event: Event, which: str) -> int:
    """The ``day`` or ``hour`` reminder to confirmed attendees not yet reminded (with
    the online link). Returns how many were sent. The caller checks the time."""
    if which not in REMINDER_LEADS:
        raise ValueError(f"reminders are 'day' or 'hour', not {which!r}")
    field = REMINDER_FIELDS[which]
    with transaction.atomic():
        current = Event.objects.get(pk=event.pk)
        now = timezone.now()
        if (
            current.state != EventState.PUBLISHED
            or not getattr(current, REMINDER_FLAGS[which])
            or current.starts_at <= now
        ):
            return 0
        pending = Registration.objects.filter(
            event_id=current.pk, status=RegistrationStatus.CONFIRMED, **{f"{field}__isnull": True}
        ).select_related("user")
        sent = _claim_and_send(
            pending,
            field,
            now,
            lambda registration: _mail(registration, "reminder", event=current, which=which),
        )
        if sent:
            _log(current, "remind", which=which, count=sent)
    return sent


def feedback_request(*, event: Event) -> int:
    """Send the survey link to those who attended, or to every confirmed person when
    nobody was checked in. Returns how many were sent."""
    with transaction.atomic():
        current = Event.objects.select_for_update().get(pk=event.pk)
        now = timezone.now()
        if (
            current.state != EventState.PUBLISHED
            or not current.feedback_enabled
            or current.ends_at > now
        ):
            return 0
        confirmed = Registration.objects.filter(
            event_id=current.pk, status=RegistrationStatus.CONFIRMED
        )
        if confirmed.filter(checked_in_at__isnull=False).exists():
            confirmed = confirmed.filter(checked_in_at__isnull=False)
        pending = confirmed.filter(feedback_requested_at__isnull=True).select_related("user")
        sent = _claim_and_send(
            pending,
            "feedback_requested_at",
            now,
            lambda registration: _mail(registration, "feedback_request", event=current),
        )
        if current.feedback_requested_at is None:
            current.feedback_requested_at = now
            current.save(update_fields=["feedback_requested_at"])
        if sent:
            _log(current, "request_feedback", count=sent)
    return sent


def may_give_feedback(registration: Registration) -> bool:
    """Confirmed, the event over and not cancelled, and present (unless nobody was
    checked in at all)."""
    event = registration.event
    if (
        registration.status != RegistrationStatus.CONFIRMED
        or event.state != EventState.PUBLISHED
        or not event.feedback_enabled
        or event.ends_at > timezone.now()
    ):
        return False
    if registration.checked_in_at is not None:
        return True
    return not Registration.objects.filter(event_id=event.pk, checked_in_at__isnull=False).exists()


def feedback_record(*, registration: Registration, rating: int, comment: str = "") -> EventFeedback:
    """One answer to the survey per registration. The caller checks that the
    registration is the viewer's own."""
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError(_("Scegli un voto da 1 a 5."), code="rating")
    comment = (comment or "").replace("\r\n", "\n").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            _("Il commento supera i %(limit)d caratteri.") % {"limit": COMMENT_MAX_LENGTH},
            code="comment",
        )
    if not may_give_feedback(registration):
        raise ValidationError(
            _("Il questionario è per chi ha partecipato, dopo la fine dell'evento."),
            code="not_allowed",
        )
    try:
        with transaction.atomic():
            feedback = EventFeedback.objects.create(
                registration=registration, rating=rating, comment=comment
            )
    except IntegrityError:
        raise ValidationError(
            _("Hai già risposto al questionario: grazie!"), code="duplicate"
        ) from None
    _log(registration.event, "feedback", registration.user, registration=registration.pk)
    return feedback


def due_work(now: datetime.datetime | None = None) -> dict[str, list[Event]]:
    """What ``events_housekeeping`` has to do now: events with expired offers, reminders
    due, surveys due."""
    now = now or timezone.now()
    published = Event.objects.filter(state=EventState.PUBLISHED)
    expired_offers = published.filter(
        registrations__status=RegistrationStatus.OFFERED,
        registrations__offer_expires_at__lte=now,
    ).distinct()
    starting = published.filter(starts_at__gt=now, starts_at__lte=now + REMINDER_LEADS["day"])
    reminders = {
        which: [
            event
            for event in starting.filter(
                **{
                    REMINDER_FLAGS[which]: True,
                    "registrations__status": RegistrationStatus.CONFIRMED,
                    f"registrations__{REMINDER_FIELDS[which]}__isnull": True,
                }
            ).distinct()
            if reminder_due(event, which, now)
        ]
        for which in REMINDER_LEADS
    }
    surveys = published.filter(
        feedback_enabled=True,
        feedback_requested_at__isnull=True,
        ends_at__lte=now - FEEDBACK_DELAY,
        ends_at__gte=now - FEEDBACK_WINDOW,
    )
    return {
        "offers": list(expired_offers),
        "day": reminders["day"],
        "hour": reminders["hour"],
        "feedback": list(surveys),
    }

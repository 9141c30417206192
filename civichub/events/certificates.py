"""Attendance certificates: one A4 landscape PDF page per person who was checked in,
once the event is over. Built with fpdf2's core fonts (no font files to ship), which
cover Latin-1: typographic characters outside it are mapped to plain ones."""

import datetime
import unicodedata
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF

from civichub.accounts.mail import hub_name

from .models import Enrolment, EnrolmentState, EventState, Registration, RegistrationStatus

ROME = ZoneInfo("Europe/Rome")
FONT = "Helvetica"
# Colours: Bootstrap Italia's primary blue and dark grey.
PRIMARY = (0, 102, 204)
TEXT = (26, 26, 26)
MUTED = (92, 111, 130)

_PLAIN = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u20ac": "EUR",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2022": "-",
    }
)


def latin1(text: str) -> str:
    """``text`` in the core fonts' Latin-1: typographic quotes, dashes, ellipsis and
    the euro sign become plain equivalents, accents are dropped from letters outside
    Latin-1 (ł → l), anything else becomes "?"."""
    text = str(text).translate(_PLAIN)
    out = []
    for char in text:
        try:
            char.encode("latin-1")
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", char).encode("latin-1", "ignore").decode()
            char = base or "?"
        out.append(char)
    return "".join(out)


def _date(value: datetime.datetime, fmt: str = "DATE_FORMAT") -> str:
    return date_format(timezone.localtime(value, ROME), fmt)


def _when(starts: datetime.datetime, ends: datetime.datetime) -> str:
    local_start, local_end = timezone.localtime(starts, ROME), timezone.localtime(ends, ROME)
    if local_start.date() == local_end.date():
        minutes = round((ends - starts).total_seconds() / 60)
        hours, rest = divmod(minutes, 60)
        duration = (
            _("%(hours)d h %(minutes)02d min") % {"hours": hours, "minutes": rest}
            if rest
            else _("%(hours)d ore") % {"hours": hours}
            if hours != 1
            else _("1 ora")
        )
        return _("%(weekday)s %(day)s, dalle %(start)s alle %(end)s (%(duration)s)") % {
            "weekday": _date(starts, "l"),
            "day": _date(starts),
            "start": _date(starts, "TIME_FORMAT"),
            "end": _date(ends, "TIME_FORMAT"),
            "duration": duration,
        }
    return _("dal %(start_day)s alle %(start)s al %(end_day)s alle %(end)s") % {
        "start_day": _date(starts),
        "start": _date(starts, "TIME_FORMAT"),
        "end_day": _date(ends),
        "end": _date(ends, "TIME_FORMAT"),
    }


def _place(registration: Registration) -> str:
    event = registration.event
    if not event.is_in_person:
        return _("online")
    parts = [event.venue_name]
    if event.municipality is not None:
        parts.append(event.municipality.name)
    place = ", ".join(part for part in parts if part)
    return _("%(place)s e online") % {"place": place} if event.is_online else place


@dataclass(frozen=True)
class Line:
    text: str
    size: float
    style: str = ""
    color: tuple = TEXT
    gap: float = 4


def _certificate(title: str, lines: list[Line], footer: list[str]) -> bytes:
    """An A4 landscape certificate with a double frame: the hub's name, ``title``, the
    centred ``lines`` and a small ``footer`` at the bottom."""
    hub = hub_name()
    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    pdf.set_title(latin1(title))
    pdf.set_author(latin1(hub))
    pdf.set_creator(latin1(hub))
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(25, 20, 25)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_draw_color(*PRIMARY)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_line_width(0.3)
    pdf.rect(13, 13, pdf.w - 26, pdf.h - 26)
    pdf.set_y(26)
    heading = [
        Line(hub.upper(), 12, style="B", color=PRIMARY, gap=10),
        Line(title, 28, "B", gap=12),
    ]
    for line in heading + lines:
        pdf.set_font(FONT, line.style, line.size)
        pdf.set_text_color(*line.color)
        pdf.multi_cell(
            width, line.size * 0.5, latin1(line.text), align="C", new_x="LMARGIN", new_y="NEXT"
        )
        pdf.ln(line.gap)
    pdf.set_y(pdf.h - 38)
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(*MUTED)
    for text in footer:
        pdf.multi_cell(width, 4.5, latin1(text), align="C", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def certificate_refusal(registration: Registration) -> str | None:
    """Why there is no certificate for ``registration`` (yet), or ``None``."""
    event = registration.event
    if event.state != EventState.PUBLISHED:
        return _("L'evento è stato annullato: non ci sono attestati.")
    if registration.status != RegistrationStatus.CONFIRMED or registration.checked_in_at is None:
        return _("L'attestato è per chi ha partecipato: la tua presenza non è stata registrata.")
    if event.ends_at > timezone.now():
        return _("L'attestato sarà disponibile alla fine dell'evento.")
    return None


def certificate_pdf(registration: Registration) -> bytes:
    """The attendance certificate of ``registration`` as PDF. ``ValidationError`` if the
    person was not checked in or the event is not over. The caller checks that the
    registration is the viewer's own."""
    refusal = certificate_refusal(registration)
    if refusal:
        raise ValidationError(refusal, code="unavailable")
    event, user = registration.event, registration.user
    hub = hub_name()
    name = user.get_full_name() or user.display_name
    if event.organisation is not None:
        organiser = event.organisation.name
    else:
        organiser = event.organiser.display_name if event.organiser is not None else hub

    return _certificate(
        _("Attestato di partecipazione"),
        [
            Line(_("Si attesta che"), 13, color=MUTED),
            Line(name, 24, style="B", color=PRIMARY, gap=6),
            Line(_("ha partecipato a"), 13, color=MUTED),
            Line(f"«{event.title}»", 17, style="B"),
            Line(f"{event.get_kind_display()} · {_place(registration)}", 12, gap=3),
            Line(_when(event.starts_at, event.ends_at), 12, gap=3),
            Line(_("organizzato da %(organiser)s") % {"organiser": organiser}, 12, gap=0),
        ],
        [
            _("Rilasciato il %(date)s. Codice di verifica: %(code)s")
            % {"date": _date(timezone.now()), "code": registration.ticket_code},
            _("Gli organizzatori possono verificare il codice nell'elenco delle presenze."),
        ],
    )


# --- courses ------------------------------------------------------------------------------


def course_certificate_refusal(enrolment: Enrolment) -> str | None:
    if enrolment.state != EnrolmentState.COMPLETED:
        return _(
            "L'attestato di completamento sarà disponibile quando avrai raggiunto la "
            "frequenza richiesta."
        )
    return None


def course_certificate_pdf(enrolment: Enrolment) -> bytes:
    """The completion certificate of a course (same layout as the attendance one):
    name, course, cohort with dates, attendance, organiser, verification code."""
    from .course_services import attendance

    refusal = course_certificate_refusal(enrolment)
    if refusal:
        raise ValidationError(refusal, code="unavailable")
    cohort, user = enrolment.cohort, enrolment.user
    course = cohort.course
    hub = hub_name()
    name = user.get_full_name() or user.display_name
    organiser = course.organisation.name if course.organisation is not None else hub
    attended, held = attendance(enrolment)

    lines = [
        Line(_("Si attesta che"), 13, color=MUTED),
        Line(name, 24, style="B", color=PRIMARY, gap=6),
        Line(_("ha completato il percorso formativo"), 13, color=MUTED),
        Line(f"«{course.title}»", 17, style="B"),
        Line(
            _("%(cohort)s, dal %(start)s al %(end)s")
            % {
                "cohort": cohort.name,
                "start": date_format(cohort.starts_on, "DATE_FORMAT"),
                "end": date_format(cohort.ends_on, "DATE_FORMAT"),
            },
            12,
            gap=3,
        ),
    ]
    if held:
        lines.append(
            Line(
                _("Presenze: %(attended)d incontri su %(held)d")
                % {"attended": attended, "held": held},
                12,
                gap=3,
            )
        )
    lines.append(Line(_("organizzato da %(organiser)s") % {"organiser": organiser}, 12, gap=0))
    return _certificate(
        _("Attestato di completamento"),
        lines,
        [
            _("Completato il %(date)s. Codice di verifica: %(code)s")
            % {
                "date": _date(enrolment.completed_at or timezone.now()),
                "code": enrolment.certificate_code,
            },
            _("Il gruppo del percorso può verificare il codice nell'elenco degli iscritti."),
        ],
    )

"""Events: webinars, workshops, training days, conferences, facilitation tables and
community meetings, with registration, waitlist, check-in, certificates and feedback.

An ``Event`` is a plain model (a Wagtail snippet in the back office) rather than a page:
organisers run it from the site, and registrations need row locks, not revisions.
Counters on the event (``confirmed_count``, ``waitlist_count``) are written only by
``services`` under a lock on the event row, so 200 people registering at once for 50
seats produce exactly 50 confirmations.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from civichub.core.i18n import TranslatedField
from civichub.taxonomy.models import audiences_of


class EventKind(models.TextChoices):
    WEBINAR = "webinar", _("Webinar")
    WORKSHOP = "workshop", _("Workshop")
    TRAINING_DAY = "training", _("Giornata formativa")
    CONFERENCE = "conference", _("Convegno")
    TABLE = "table", _("Tavolo di facilitazione")
    MEETING = "meeting", _("Incontro di comunità")


# The ?tipo= values of the list, in Italian like every public query string.
KIND_SLUGS = {
    EventKind.WEBINAR: "webinar",
    EventKind.WORKSHOP: "workshop",
    EventKind.TRAINING_DAY: "giornata-formativa",
    EventKind.CONFERENCE: "convegno",
    EventKind.TABLE: "tavolo",
    EventKind.MEETING: "incontro",
}


class Format(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In presenza")
    HYBRID = "hybrid", _("Ibrido")


FORMAT_SLUGS = {Format.ONLINE: "online", Format.IN_PERSON: "presenza", Format.HYBRID: "ibrido"}


class EventState(models.TextChoices):
    DRAFT = "draft", _("Bozza")
    PUBLISHED = "published", _("Pubblicato")
    CANCELLED = "cancelled", _("Annullato")


class Language(models.TextChoices):
    ITALIAN = "it", _("Italiano")
    ENGLISH = "en", _("Inglese")


class EventQuerySet(models.QuerySet["Event"]):
    def public(self) -> "EventQuerySet":
        """What visitors may see: published events and cancelled ones (shown as such),
        except the sessions of a course still in draft (published with the course)."""
        return self.filter(state__in=(EventState.PUBLISHED, EventState.CANCELLED)).exclude(
            cohort__course__state="draft"
        )

    def upcoming(self, now=None) -> "EventQuerySet":
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None) -> "EventQuerySet":
        return self.filter(ends_at__lt=now or timezone.now())


class Event(ClusterableModel):
    slug = models.SlugField(_("indirizzo"), max_length=120, unique=True)
    title = models.CharField(_("titolo"), max_length=160)
    title_en = models.CharField(_("titolo (inglese)"), max_length=160, blank=True)
    summary = models.TextField(_("sommario"), max_length=300)
    summary_en = models.TextField(_("sommario (inglese)"), max_length=300, blank=True)
    description = models.TextField(
        _("descrizione"), blank=True, help_text=_("Paragrafi separati da una riga vuota.")
    )
    description_en = models.TextField(_("descrizione (inglese)"), blank=True)
    kind = models.CharField(_("tipo"), max_length=20, choices=EventKind.choices, db_index=True)
    format = models.CharField(
        _("modalità"), max_length=20, choices=Format.choices, default=Format.IN_PERSON
    )
    starts_at = models.DateTimeField(_("inizio"), db_index=True)
    ends_at = models.DateTimeField(_("fine"), db_index=True)

    # Where: in person or hybrid.
    municipality = models.ForeignKey(
        "territories.Municipality",
        verbose_name=_("comune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    # Derived from the comune by services, for the region facet without a join.
    region = models.ForeignKey(
        "territories.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        editable=False,
    )
    venue_name = models.CharField(_("luogo"), max_length=160, blank=True)
    address = models.CharField(_("indirizzo"), max_length=200, blank=True)
    accessibility_notes = models.TextField(
        _("accessibilità del luogo"),
        blank=True,
        help_text=_("Accesso senza barriere, servizi igienici, parcheggi, mezzi pubblici…"),
    )
    latitude = models.DecimalField(
        _("latitudine"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitudine"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    # Online or hybrid: shown only to confirmed attendees and organisers.
    online_url = models.URLField(_("collegamento online"), blank=True)
    online_instructions = models.TextField(_("istruzioni per collegarsi"), blank=True)

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organizzazione"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organizzatore"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="organised_events",
    )
    themes = ParentalManyToManyField(
        "taxonomy.Theme", verbose_name=_("temi"), blank=True, related_name="events"
    )
    for_public_bodies = models.BooleanField(_("per pubbliche amministrazioni"), default=False)
    for_third_sector = models.BooleanField(_("per il Terzo Settore"), default=False)
    for_citizens = models.BooleanField(_("per i cittadini"), default=False)
    for_facilitators = models.BooleanField(_("per i facilitatori"), default=False)
    language = models.CharField(
        _("lingua"), max_length=2, choices=Language.choices, default=Language.ITALIAN
    )
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("immagine"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    materials = ParentalManyToManyField(
        "library.ResourcePage",
        verbose_name=_("materiali"),
        blank=True,
        related_name="events",
        help_text=_("Strumenti della biblioteca da leggere prima o dopo l'evento."),
    )
    recording = models.ForeignKey(
        "library.WebinarPage",
        verbose_name=_("registrazione"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recorded_events",
    )
    area = models.ForeignKey(
        "communities.Area",
        verbose_name=_("area di lavoro che organizza"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    # A session of a course's cohort: only its active enrolments may register.
    cohort = models.ForeignKey(
        "Cohort",
        verbose_name=_("edizione del percorso"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    module = models.ForeignKey(
        "CourseModule",
        verbose_name=_("modulo del percorso"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )

    state = models.CharField(
        _("stato"), max_length=20, choices=EventState.choices, default=EventState.DRAFT
    )
    published_at = models.DateTimeField(_("pubblicato il"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annullato il"), null=True, blank=True)
    cancellation_reason = models.TextField(_("motivo dell'annullamento"), blank=True)

    # Registration.
    registration_required = models.BooleanField(_("iscrizione richiesta"), default=True)
    capacity = models.PositiveIntegerField(
        _("posti"), null=True, blank=True, help_text=_("Vuoto: posti illimitati.")
    )
    registration_opens_at = models.DateTimeField(
        _("apertura delle iscrizioni"), null=True, blank=True, help_text=_("Vuoto: da subito.")
    )
    registration_closes_at = models.DateTimeField(
        _("chiusura delle iscrizioni"),
        null=True,
        blank=True,
        help_text=_("Vuoto: fino all'inizio dell'evento."),
    )
    cancellation_deadline_hours = models.PositiveSmallIntegerField(
        _("disdetta possibile fino a (ore prima)"), default=24
    )
    waitlist_enabled = models.BooleanField(_("lista d'attesa"), default=True)
    offer_hours = models.PositiveSmallIntegerField(
        _("ore per confermare un posto liberato"),
        default=48,
        help_text=_(
            "Chi è in lista d'attesa riceve il posto e deve confermarlo entro questo tempo."
        ),
    )
    remind_day_before = models.BooleanField(_("promemoria il giorno prima"), default=True)
    remind_hour_before = models.BooleanField(_("promemoria un'ora prima"), default=True)
    feedback_enabled = models.BooleanField(_("questionario di gradimento"), default=True)

    confirmed_count = models.PositiveIntegerField(default=0, editable=False)
    waitlist_count = models.PositiveIntegerField(default=0, editable=False)
    feedback_requested_at = models.DateTimeField(null=True, blank=True, editable=False)

    created_at = models.DateTimeField(_("creato il"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("aggiornato il"), auto_now=True)

    objects = EventQuerySet.as_manager()

    tr_title = TranslatedField("title", "title_en")
    tr_summary = TranslatedField("summary", "summary_en")
    tr_description = TranslatedField("description", "description_en")

    class Meta:
        verbose_name = _("evento")
        verbose_name_plural = _("eventi")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["state", "starts_at"], name="events_state_start_idx"),
            models.Index(fields=["state", "ends_at"], name="events_state_end_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="events_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.slug])

    @property
    def is_online(self) -> bool:
        return self.format in (Format.ONLINE, Format.HYBRID)

    @property
    def is_in_person(self) -> bool:
        return self.format in (Format.IN_PERSON, Format.HYBRID)

    @property
    def seats_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def audiences(self) -> list[tuple[str, str]]:
        return audiences_of(self)


class EventSession(Orderable):
    """One item of the agenda."""

    event = ParentalKey(Event, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("inizio"))
    ends_at = models.DateTimeField(_("fine"), null=True, blank=True)
    title = models.CharField(_("titolo"), max_length=200)
    description = models.TextField(_("descrizione"), blank=True)
    speakers = models.CharField(_("relatori"), max_length=255, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("sessione del programma")
        verbose_name_plural = _("programma")


class EventSpeaker(Orderable):
    event = ParentalKey(Event, on_delete=models.CASCADE, related_name="speakers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persona iscritta all'hub"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField(_("nome"), max_length=120)
    role = models.CharField(_("ruolo e organizzazione"), max_length=200, blank=True)
    bio = models.TextField(_("biografia"), max_length=800, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("relatore")
        verbose_name_plural = _("relatori")


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Risposta libera")
    CHOICE = "choice", _("Scelta tra opzioni")
    NEEDS = "needs", _("Esigenze alimentari o di accessibilità")


class RegistrationQuestion(Orderable):
    """A custom question of the registration form. Answers to ``needs`` questions are
    personal data that only organisers see."""

    event = ParentalKey(Event, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("domanda"), max_length=200)
    kind = models.CharField(
        _("tipo"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.TEXT
    )
    choices = models.TextField(_("opzioni"), blank=True, help_text=_("Una per riga."))
    required = models.BooleanField(_("obbligatoria"), default=False)

    class Meta(Orderable.Meta):
        verbose_name = _("domanda di iscrizione")
        verbose_name_plural = _("domande di iscrizione")

    @property
    def options(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confermata")
    WAITLISTED = "waitlisted", _("In lista d'attesa")
    OFFERED = "offered", _("Posto da confermare")
    CANCELLED = "cancelled", _("Annullata")


ACTIVE_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.OFFERED,
)


def new_ticket_code() -> str:
    return secrets.token_urlsafe(16)


class Registration(models.Model):
    """One person's registration to one event: a single row that moves between states
    (registering again after a cancellation reuses it), so a double submit cannot make
    two."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(
        _("stato"), max_length=20, choices=RegistrationStatus.choices, db_index=True
    )
    answers = models.JSONField(_("risposte"), default=dict, blank=True)
    # Waitlist order: the time of the latest (re)registration.
    queued_at = models.DateTimeField(default=timezone.now)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by_organiser = models.BooleanField(default=False)
    ticket_code = models.CharField(max_length=32, unique=True, default=new_ticket_code)
    checked_in_at = models.DateTimeField(_("presenza registrata il"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminded_day_at = models.DateTimeField(null=True, blank=True)
    reminded_hour_at = models.DateTimeField(null=True, blank=True)
    feedback_requested_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("iscrizione")
        verbose_name_plural = _("iscrizioni")
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="events_one_registration"),
        ]
        indexes = [
            models.Index(fields=["event", "status", "queued_at"], name="events_reg_queue_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.event} · {self.user}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def attended(self) -> bool:
        return self.checked_in_at is not None


class EventFeedback(models.Model):
    """The answer to the satisfaction survey sent after the event."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="feedback"
    )
    rating = models.PositiveSmallIntegerField(
        _("valutazione"), choices=[(n, str(n)) for n in range(1, 6)]
    )
    comment = models.TextField(_("commento"), blank=True, max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("valutazione dell'evento")
        verbose_name_plural = _("valutazioni degli eventi")

    def __str__(self) -> str:
        return f"{self.registration} · {self.rating}/5"


# --- courses ---------------------------------------------------------------------------
#
# A course (percorso formativo) is run in cohorts (editions); a cohort's sessions are
# ``Event`` rows with ``cohort`` set, so registration, reminders, check-in and the
# attendance certificate are the events' own. Counters on the cohort
# (``enrolled_count``, ``applications_count``) are written only by
# ``course_services`` under the cohort's row lock.


def _private_name(folder: str, filename: str) -> str:
    """A random name under ``courses/`` (never served from /media/: civichub/urls.py
    excludes the folder); the extension is kept, the person's file name is not."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    suffix = "".join(char for char in suffix if char.isalnum())[:8] or "bin"
    return f"courses/{folder}/{secrets.token_urlsafe(24)}.{suffix}"


def cv_path(instance: "Application", filename: str) -> str:
    return _private_name("cv", filename)


def submission_path(instance: "Submission", filename: str) -> str:
    return _private_name("submissions", filename)


def new_certificate_code() -> str:
    return secrets.token_hex(8).upper()


class Admission(models.TextChoices):
    OPEN = "open", _("Iscrizione libera")
    SELECTION = "selection", _("Con selezione")


ADMISSION_SLUGS = {Admission.OPEN: "libera", Admission.SELECTION: "selezione"}


class CourseState(models.TextChoices):
    DRAFT = "draft", _("Bozza")
    PUBLISHED = "published", _("Pubblicato")
    ARCHIVED = "archived", _("Archiviato")


class CourseQuerySet(models.QuerySet["Course"]):
    def public(self) -> "CourseQuerySet":
        return self.filter(state__in=(CourseState.PUBLISHED, CourseState.ARCHIVED))


class Course(ClusterableModel):
    slug = models.SlugField(_("indirizzo"), max_length=120, unique=True)
    title = models.CharField(_("titolo"), max_length=160)
    title_en = models.CharField(_("titolo (inglese)"), max_length=160, blank=True)
    summary = models.TextField(_("sommario"), max_length=300)
    summary_en = models.TextField(_("sommario (inglese)"), max_length=300, blank=True)
    description = models.TextField(
        _("descrizione"), blank=True, help_text=_("Paragrafi separati da una riga vuota.")
    )
    description_en = models.TextField(_("descrizione (inglese)"), blank=True)
    themes = ParentalManyToManyField(
        "taxonomy.Theme", verbose_name=_("temi"), blank=True, related_name="courses"
    )
    for_public_bodies = models.BooleanField(_("per pubbliche amministrazioni"), default=False)
    for_third_sector = models.BooleanField(_("per il Terzo Settore"), default=False)
    for_citizens = models.BooleanField(_("per i cittadini"), default=False)
    for_facilitators = models.BooleanField(_("per i facilitatori"), default=False)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organizzazione"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses",
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsabile del percorso"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinated_courses",
    )
    admission = models.CharField(
        _("ammissione"), max_length=20, choices=Admission.choices, default=Admission.OPEN
    )
    completion_attendance = models.PositiveSmallIntegerField(
        _("presenza minima per completare (%)"),
        default=75,
        help_text=_("Percentuale degli incontri svolti a cui partecipare."),
    )
    requires_assignments = models.BooleanField(
        _("consegne accettate necessarie per completare"), default=False
    )
    state = models.CharField(
        _("stato"), max_length=20, choices=CourseState.choices, default=CourseState.DRAFT
    )
    created_at = models.DateTimeField(_("creato il"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("aggiornato il"), auto_now=True)

    objects = CourseQuerySet.as_manager()

    tr_title = TranslatedField("title", "title_en")
    tr_summary = TranslatedField("summary", "summary_en")
    tr_description = TranslatedField("description", "description_en")

    class Meta:
        verbose_name = _("percorso formativo")
        verbose_name_plural = _("percorsi formativi")
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(completion_attendance__lte=100),
                name="events_course_attendance_percent",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:course", args=[self.slug])

    @property
    def audiences(self) -> list[tuple[str, str]]:
        return audiences_of(self)

    @property
    def with_selection(self) -> bool:
        return self.admission == Admission.SELECTION


class CourseModule(Orderable, ClusterableModel):
    """One step of a course: its sessions are the events with ``module`` set, plus
    library materials and the cohort's assignments."""

    course = ParentalKey(Course, on_delete=models.CASCADE, related_name="modules")
    title = models.CharField(_("titolo"), max_length=200)
    title_en = models.CharField(_("titolo (inglese)"), max_length=200, blank=True)
    description = models.TextField(_("descrizione"), blank=True, max_length=3000)
    materials = ParentalManyToManyField(
        "library.ResourcePage",
        verbose_name=_("materiali"),
        blank=True,
        related_name="course_modules",
    )

    tr_title = TranslatedField("title", "title_en")

    class Meta(Orderable.Meta):
        verbose_name = _("modulo")
        verbose_name_plural = _("moduli")

    def __str__(self) -> str:
        return self.title


class ApplicationCriterion(Orderable):
    """A selection criterion: the weighted total is Σ weight × (mean score of the
    reviewers on the criterion)."""

    course = ParentalKey(Course, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterio"), max_length=160)
    weight = models.PositiveSmallIntegerField(_("peso"), default=1)
    max_score = models.PositiveSmallIntegerField(_("punteggio massimo"), default=10)

    class Meta(Orderable.Meta):
        verbose_name = _("criterio di selezione")
        verbose_name_plural = _("criteri di selezione")

    def __str__(self) -> str:
        return self.name


class CohortState(models.TextChoices):
    DRAFT = "draft", _("Bozza")
    OPEN = "open", _("Aperta")
    RUNNING = "running", _("In corso")
    CLOSED = "closed", _("Conclusa")


class Cohort(models.Model):  # type: ignore[django-manager-missing]
    course = models.ForeignKey(
        Course, verbose_name=_("percorso"), on_delete=models.CASCADE, related_name="cohorts"
    )
    slug = models.SlugField(_("indirizzo"), max_length=80)
    name = models.CharField(_("nome dell'edizione"), max_length=120)
    starts_on = models.DateField(_("inizio"))
    ends_on = models.DateField(_("fine"))
    capacity = models.PositiveIntegerField(
        _("posti"), null=True, blank=True, help_text=_("Vuoto: posti illimitati.")
    )
    applications_open_at = models.DateTimeField(
        _("apertura di candidature e iscrizioni"), null=True, blank=True
    )
    applications_close_at = models.DateTimeField(
        _("chiusura di candidature e iscrizioni"), null=True, blank=True
    )
    tutors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tutor"),
        blank=True,
        related_name="tutored_cohorts",
    )
    state = models.CharField(
        _("stato"), max_length=20, choices=CohortState.choices, default=CohortState.DRAFT
    )
    area = models.ForeignKey(
        "communities.Area",
        verbose_name=_("area di lavoro"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cohorts",
    )
    enrolled_count = models.PositiveIntegerField(default=0, editable=False)
    applications_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("edizione")
        verbose_name_plural = _("edizioni")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["course", "slug"], name="events_cohort_slug"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="events_cohort_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course} · {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("events:course", args=[self.course.slug]) + f"#edizione-{self.slug}"

    @property
    def seats_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.enrolled_count, 0)


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Inviata")
    ADMITTED = "admitted", _("Ammessa")
    WAITLISTED = "waitlisted", _("In lista d'attesa")
    REFUSED = "refused", _("Non ammessa")
    WITHDRAWN = "withdrawn", _("Ritirata")


class Application(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_applications"
    )
    motivation = models.TextField(_("motivazione"), max_length=5000)
    cv = models.FileField(_("curriculum (PDF)"), upload_to=cv_path, blank=True, max_length=200)
    status = models.CharField(
        _("stato"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
        db_index=True,
    )
    # Σ weight × mean score per criterion, written by application_score.
    score_total = models.DecimalField(
        _("punteggio"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("inviata il"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decisa il"), null=True, blank=True)
    decision_note = models.TextField(_("nota sulla decisione"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("candidatura")
        verbose_name_plural = _("candidature")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "applicant"], name="events_one_application"),
        ]

    def __str__(self) -> str:
        return f"{self.cohort} · {self.applicant}"


class ApplicationScore(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        ApplicationCriterion, on_delete=models.CASCADE, related_name="scores"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    score = models.PositiveSmallIntegerField(_("punteggio"))
    note = models.TextField(_("nota"), blank=True, max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("valutazione della candidatura")
        verbose_name_plural = _("valutazioni delle candidature")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion", "reviewer"], name="events_one_score"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.criterion}: {self.score}"


class EnrolmentState(models.TextChoices):
    ACTIVE = "active", _("Attiva")
    WITHDRAWN = "withdrawn", _("Ritirata")
    COMPLETED = "completed", _("Completata")


class Enrolment(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="enrolments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_enrolments"
    )
    application = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="enrolment"
    )
    state = models.CharField(
        _("stato"),
        max_length=20,
        choices=EnrolmentState.choices,
        default=EnrolmentState.ACTIVE,
        db_index=True,
    )
    created_at = models.DateTimeField(_("iscritto il"), default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(_("completato il"), null=True, blank=True)
    certificate_code = models.CharField(max_length=16, unique=True, default=new_certificate_code)

    class Meta:
        verbose_name = _("iscrizione al percorso")
        verbose_name_plural = _("iscrizioni ai percorsi")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="events_one_enrolment"),
        ]

    def __str__(self) -> str:
        return f"{self.cohort} · {self.user}"

    @property
    def is_current(self) -> bool:
        return self.state in (EnrolmentState.ACTIVE, EnrolmentState.COMPLETED)


class Assignment(models.Model):
    """Work asked of the participants of a cohort (due dates differ per edition, so
    assignments belong to the cohort; ``module`` places them in the course)."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("edizione"), on_delete=models.CASCADE, related_name="assignments"
    )
    module = models.ForeignKey(
        CourseModule,
        verbose_name=_("modulo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignments",
    )
    title = models.CharField(_("titolo"), max_length=200)
    instructions = models.TextField(_("istruzioni"), max_length=5000)
    due_at = models.DateTimeField(_("scadenza"))

    class Meta:
        verbose_name = _("consegna")
        verbose_name_plural = _("consegne")
        ordering = ["due_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Submission(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="submissions")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="submissions")
    text = models.TextField(_("testo"), blank=True, max_length=20_000)
    file = models.FileField(_("file"), upload_to=submission_path, blank=True, max_length=200)
    submitted_at = models.DateTimeField(_("consegnato il"), default=timezone.now)
    feedback = models.TextField(_("riscontro del tutor"), blank=True, max_length=5000)
    feedback_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    feedback_at = models.DateTimeField(null=True, blank=True)
    accepted = models.BooleanField(_("accettata"), default=False)

    class Meta:
        verbose_name = _("elaborato")
        verbose_name_plural = _("elaborati")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "enrolment"], name="events_one_submission"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} · {self.enrolment.user}"

"""Site forms of the events app: registration (with the event's own questions), the
survey, and the organiser's form. They turn input into the values that ``services``
expect; the rules about seats, windows and states live in the services.

Dates and times are typed separately (``type=date`` and ``type=time``) in the hub's time
zone, Europe/Rome, and combined into aware datetimes here. The agenda, the speakers and
the registration questions are formsets with blank extra rows: without JavaScript one
saves and gets new blank rows; ``static/events/form.js`` adds rows in the page.
"""

import datetime
from typing import Any, cast
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civichub.accounts.permissions import is_promoter
from civichub.organisations.models import Membership, Organisation
from civichub.taxonomy.models import AUDIENCES, Theme
from civichub.territories.forms import MunicipalityField

from . import services
from .models import (
    Event,
    EventKind,
    Format,
    Language,
    QuestionKind,
    RegistrationQuestion,
)

HUB_TIME_ZONE = ZoneInfo("Europe/Rome")
# The services' limits, checked here too so that the page names the field.
ANSWER_MAX_LENGTH = services.ANSWER_MAX_LENGTH
COMMENT_MAX_LENGTH = services.COMMENT_MAX_LENGTH
MAX_ROWS = services.MAX_ROWS


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def combine(day: datetime.date | None, time: datetime.time | None) -> datetime.datetime | None:
    """An aware datetime in the hub's time zone, or None when the day is missing."""
    if day is None:
        return None
    return datetime.datetime.combine(day, time or datetime.time(0), tzinfo=HUB_TIME_ZONE)


def split(value: datetime.datetime | None) -> tuple[datetime.date | None, datetime.time | None]:
    if value is None:
        return None, None
    local = timezone.localtime(value, HUB_TIME_ZONE)
    return local.date(), local.time().replace(second=0, microsecond=0)


# --- registration ---------------------------------------------------------------------------


def question_field_name(question: RegistrationQuestion) -> str:
    return f"domanda_{question.pk}"


class RegistrationForm(forms.Form):
    """One field per question of the event, in their order. ``answers()`` gives what
    ``services.registration_create`` stores: question pk → text (blank answers left out)."""

    def __init__(
        self,
        *,
        event: Event,
        data: Any = None,
        initial_answers: dict[Any, str] | None = None,
    ) -> None:
        super().__init__(data, auto_id="iscrizione-%s")
        self.event = event
        self.questions = list(event.questions.all())
        answers = {str(key): value for key, value in (initial_answers or {}).items()}
        for question in self.questions:
            name = question_field_name(question)
            self.fields[name] = self._field_for(question)
            if str(question.pk) in answers:
                self.initial[name] = answers[str(question.pk)]

    @staticmethod
    def _field_for(question: RegistrationQuestion) -> forms.Field:
        required_message = (
            _("Scegli una risposta.")
            if question.kind == QuestionKind.CHOICE
            else _("Questa domanda è obbligatoria: scrivi una risposta.")
        )
        common: dict[str, Any] = {
            "label": question.label,
            "required": question.required,
            "error_messages": {
                "required": required_message,
                "max_length": _(
                    "La risposta può essere lunga al massimo %(limit_value)d caratteri."
                ),
                "invalid_choice": _("Scegli una delle opzioni proposte."),
            },
        }
        if question.kind == QuestionKind.CHOICE:
            return forms.ChoiceField(
                choices=[(option, option) for option in question.options],
                widget=forms.RadioSelect,
                **common,
            )
        help_text = (
            _(
                "Visibile solo agli organizzatori; sarà cancellata 30 giorni dopo l'evento. "
                "Scrivi solo ciò che serve per accoglierti."
            )
            if question.kind == QuestionKind.NEEDS
            else ""
        )
        return forms.CharField(
            max_length=ANSWER_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 3, "maxlength": ANSWER_MAX_LENGTH}),
            help_text=help_text,
            **common,
        )

    @property
    def has_questions(self) -> bool:
        return bool(self.questions)

    def answers(self) -> dict[int, str]:
        answers: dict[int, str] = {}
        for question in self.questions:
            value = (self.cleaned_data.get(question_field_name(question)) or "").strip()
            if value:
                answers[question.pk] = value
        return answers


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Quanto sei soddisfatto dell'evento?"),
        choices=[
            (1, _("1: per niente")),
            (2, _("2: poco")),
            (3, _("3: abbastanza")),
            (4, _("4: molto")),
            (5, _("5: moltissimo")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Scegli un voto da 1 a 5.")},
    )
    comment = forms.CharField(
        label=_("Commento (facoltativo)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": COMMENT_MAX_LENGTH}),
        help_text=_(
            "Che cosa ha funzionato, che cosa miglioreresti. Lo leggono solo gli organizzatori."
        ),
    )


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivo dell'annullamento"),
        max_length=services.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sarà inviato a tutte le persone iscritte o in lista d'attesa."),
        error_messages={"required": _("Spiega il motivo: lo riceveranno gli iscritti.")},
    )


# --- the organiser's form -------------------------------------------------------------------


class OrganisationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.name


class ThemeChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Theme) -> str:
        return str(obj.tr_name)


def organisations_for(user: Any, current_id: int | None = None) -> QuerySet[Organisation]:
    """Where the person may put an event: organisations they actively belong to (any for
    promoters), plus the event's current one, so that editing never drops it."""
    if is_promoter(user):
        return Organisation.objects.only("pk", "name").order_by("name")
    mine = Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).values(
        "organisation_id"
    )
    queryset = Organisation.objects.filter(pk__in=mine)
    if current_id is not None:
        queryset = queryset | Organisation.objects.filter(pk=current_id)
    return queryset.only("pk", "name").order_by("name")


class RowForm(forms.Form):
    """A row of a formset; ``pk`` ties it to a stored row, which the service updates
    in place (a question keeps the answers given to it)."""

    pk = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def row_data(self) -> dict[str, Any]:
        raise NotImplementedError

    def to_data(self) -> dict[str, Any]:
        return {"pk": self.cleaned_data.get("pk"), **self.row_data()}


class SessionForm(RowForm):
    day = forms.DateField(
        label=_("Giorno"),
        widget=_date_input(),
        error_messages={"required": _("Indica il giorno della sessione.")},
    )
    start = forms.TimeField(
        label=_("Dalle"),
        widget=_time_input(),
        error_messages={"required": _("Indica l'ora di inizio della sessione.")},
    )
    end = forms.TimeField(label=_("Alle"), required=False, widget=_time_input())
    title = forms.CharField(
        label=_("Titolo della sessione"),
        max_length=200,
        error_messages={"required": _("Scrivi il titolo della sessione.")},
    )
    description = forms.CharField(
        label=_("Descrizione"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    speakers = forms.CharField(label=_("Relatori"), max_length=255, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start is not None and end is not None and end <= start:
            self.add_error("end", _("L'ora di fine deve venire dopo quella di inizio."))
        return cleaned

    def row_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "starts_at": combine(data["day"], data["start"]),
            "ends_at": combine(data["day"], data["end"]) if data["end"] else None,
            "title": data["title"],
            "description": data["description"],
            "speakers": data["speakers"],
        }


class SpeakerForm(RowForm):
    name = forms.CharField(
        label=_("Nome e cognome"),
        max_length=120,
        error_messages={"required": _("Scrivi il nome del relatore.")},
    )
    role = forms.CharField(label=_("Ruolo e organizzazione"), max_length=200, required=False)
    bio = forms.CharField(
        label=_("Biografia breve"),
        max_length=800,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 800}),
    )

    def row_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ("name", "role", "bio")}


class QuestionForm(RowForm):
    label = forms.CharField(
        label=_("Domanda"),
        max_length=200,
        error_messages={"required": _("Scrivi il testo della domanda.")},
    )
    kind = forms.ChoiceField(
        label=_("Tipo di risposta"), choices=QuestionKind.choices, initial=QuestionKind.TEXT
    )
    choices = forms.CharField(
        label=_("Opzioni"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Solo per «Scelta tra opzioni»: una per riga, almeno due."),
    )
    required = forms.BooleanField(label=_("Risposta obbligatoria"), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        options = [line.strip() for line in cleaned.get("choices", "").splitlines()]
        options = [option for option in options if option]
        if cleaned.get("kind") == QuestionKind.CHOICE and len(options) < 2:
            self.add_error("choices", _("Scrivi almeno due opzioni, una per riga."))
        cleaned["choices"] = (
            "\n".join(options) if cleaned.get("kind") == QuestionKind.CHOICE else ""
        )
        return cleaned

    def row_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ("label", "kind", "choices", "required")}


class RowFormSet(forms.BaseFormSet):
    """A formset whose blank rows are ignored and whose stored rows can be removed."""

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Togli questa riga")

    def kept(self) -> list[RowForm]:
        return [
            form
            for form in self.forms
            if isinstance(form, RowForm)
            and (form.initial or form.has_changed())
            and not form.cleaned_data.get("DELETE")
        ]

    def error_messages_list(self) -> list[tuple[str, str]]:
        """(field id, «label: message») for the summary at the top of the page."""
        if not self.is_bound:
            return []
        found = [("", str(message)) for message in self.non_form_errors()]
        for form in self.forms:
            if getattr(form, "cleaned_data", {}).get("DELETE"):
                continue
            found += [("", str(message)) for message in form.non_field_errors()]
            for field in form.visible_fields():
                found += [(field.auto_id, f"{field.label}: {message}") for message in field.errors]
        return found


def _formset(form: type[RowForm]) -> type[RowFormSet]:
    # formset_factory returns a subclass of the ``formset`` given.
    return cast(
        type[RowFormSet],
        forms.formset_factory(
            form,
            formset=RowFormSet,
            extra=2,
            can_delete=True,
            can_delete_extra=False,
            max_num=MAX_ROWS,
            absolute_max=MAX_ROWS + 1,
            validate_max=True,
        ),
    )


SessionFormSet = _formset(SessionForm)
SpeakerFormSet = _formset(SpeakerForm)
QuestionFormSet = _formset(QuestionForm)

FORMSETS = {
    "sessions": ("programma", SessionFormSet, _("Programma")),
    "speakers": ("relatori", SpeakerFormSet, _("Relatori")),
    "questions": ("domande", QuestionFormSet, _("Domande di iscrizione")),
}

# Event fields edited as they are, with the model's names.
PLAIN_FIELDS = (
    "title",
    "summary",
    "description",
    "kind",
    "format",
    "municipality",
    "venue_name",
    "address",
    "accessibility_notes",
    "online_url",
    "online_instructions",
    "organisation",
    "language",
    "registration_required",
    "capacity",
    "cancellation_deadline_hours",
    "waitlist_enabled",
    "offer_hours",
    "remind_day_before",
    "remind_hour_before",
    "feedback_enabled",
    "title_en",
    "summary_en",
    "description_en",
)
# (model field, date field, time field) of the form.
DATETIMES = (
    ("starts_at", "start_date", "start_time"),
    ("ends_at", "end_date", "end_time"),
    ("registration_opens_at", "opens_date", "opens_time"),
    ("registration_closes_at", "closes_date", "closes_time"),
)


class EventForm(forms.Form):
    """The whole event on one page, with its agenda, speakers and questions as formsets.

    ``EventForm(data, user=…, event=None|event)``: ``is_valid()`` checks the form and the
    formsets, ``to_data()`` gives the ``data`` of ``services.event_create`` /
    ``event_update``, ``add_service_error()`` shows the services' refusals."""

    title = forms.CharField(
        label=_("Titolo"),
        max_length=160,
        error_messages={"required": _("Scrivi il titolo dell'evento.")},
    )
    summary = forms.CharField(
        label=_("In breve"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
        help_text=_("Una o due frasi, al massimo 300 caratteri: compaiono negli elenchi."),
        error_messages={"required": _("Scrivi una sintesi di una o due frasi.")},
    )
    description = forms.CharField(
        label=_("Descrizione"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Obiettivi, a chi si rivolge, come si svolge. Separa i paragrafi con una riga vuota."
        ),
    )
    kind = forms.ChoiceField(
        label=_("Tipo di evento"),
        choices=[("", _("Scegli…")), *EventKind.choices],
        error_messages={"required": _("Scegli il tipo di evento.")},
    )
    format = forms.ChoiceField(
        label=_("Modalità"),
        choices=Format.choices,
        initial=Format.IN_PERSON,
        widget=forms.RadioSelect,
        error_messages={"required": _("Scegli la modalità: online, in presenza o ibrida.")},
    )
    start_date = forms.DateField(
        label=_("Giorno di inizio"),
        widget=_date_input(),
        error_messages={
            "required": _("Indica il giorno di inizio."),
            "invalid": _("Data non valida: usa il formato gg/mm/aaaa."),
        },
    )
    start_time = forms.TimeField(
        label=_("Ora di inizio"),
        widget=_time_input(),
        error_messages={
            "required": _("Indica l'ora di inizio."),
            "invalid": _("Ora non valida: usa il formato hh:mm."),
        },
    )
    end_date = forms.DateField(
        label=_("Giorno di fine"),
        required=False,
        widget=_date_input(),
        help_text=_("Vuoto: lo stesso giorno dell'inizio."),
        error_messages={"invalid": _("Data non valida: usa il formato gg/mm/aaaa.")},
    )
    end_time = forms.TimeField(
        label=_("Ora di fine"),
        widget=_time_input(),
        error_messages={
            "required": _("Indica l'ora di fine."),
            "invalid": _("Ora non valida: usa il formato hh:mm."),
        },
    )
    municipality = MunicipalityField(
        label=_("Comune"),
        required=False,
        help_text=_("Scrivi il nome e scegli tra i comuni suggeriti."),
    )
    venue_name = forms.CharField(
        label=_("Luogo"),
        max_length=160,
        required=False,
        help_text=_("Ad esempio: Sala civica del Quartiere Navile."),
    )
    address = forms.CharField(label=_("Indirizzo"), max_length=200, required=False)
    accessibility_notes = forms.CharField(
        label=_("Accessibilità del luogo"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Accesso senza barriere, servizi igienici, parcheggi, mezzi pubblici…"),
    )
    online_url = forms.URLField(
        label=_("Collegamento online"),
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text=_(
            "Indirizzo https della stanza virtuale: lo vedono solo gli iscritti confermati."
        ),
    )
    online_instructions = forms.CharField(
        label=_("Istruzioni per collegarsi"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Codice di accesso, programma da installare… Solo per gli iscritti confermati."
        ),
    )
    organisation = OrganisationChoice(
        label=_("Organizzazione"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Nessuna: organizzo a titolo personale"),
        error_messages={
            "invalid_choice": _("Puoi scegliere solo un'organizzazione di cui fai parte.")
        },
        help_text=_("Gli amministratori dell'organizzazione potranno gestire l'evento."),
    )
    themes = ThemeChoices(
        label=_("Temi"),
        queryset=Theme.objects.order_by("sort_order", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    audiences = forms.MultipleChoiceField(
        label=_("A chi si rivolge"),
        choices=[(slug, label) for slug, (_field, label) in AUDIENCES.items()],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ChoiceField(
        label=_("Lingua dell'evento"), choices=Language.choices, initial=Language.ITALIAN
    )
    registration_required = forms.BooleanField(
        label=_("Iscrizione richiesta"),
        required=False,
        initial=True,
        help_text=_("Togli la spunta per un evento aperto a tutti senza iscrizione."),
    )
    capacity = forms.IntegerField(
        label=_("Posti"),
        required=False,
        min_value=1,
        max_value=services.CAPACITY_MAX,
        help_text=_("Vuoto: posti illimitati."),
        error_messages={
            "min_value": _("I posti devono essere almeno 1; lascia vuoto per posti illimitati.")
        },
    )
    opens_date = forms.DateField(
        label=_("Iscrizioni aperte dal giorno"),
        required=False,
        widget=_date_input(),
        help_text=_("Vuoto: da subito."),
    )
    opens_time = forms.TimeField(label=_("Ora di apertura"), required=False, widget=_time_input())
    closes_date = forms.DateField(
        label=_("Iscrizioni chiuse il giorno"),
        required=False,
        widget=_date_input(),
        help_text=_("Vuoto: fino all'inizio dell'evento. Senza ora: fino a fine giornata."),
    )
    closes_time = forms.TimeField(label=_("Ora di chiusura"), required=False, widget=_time_input())
    cancellation_deadline_hours = forms.IntegerField(
        label=_("Disdetta possibile fino a (ore prima)"),
        min_value=0,
        max_value=720,
        initial=24,
        error_messages={
            "required": _("Indica fino a quante ore prima si può disdire (0: fino all'inizio).")
        },
    )
    waitlist_enabled = forms.BooleanField(
        label=_("Lista d'attesa quando i posti sono esauriti"), required=False, initial=True
    )
    offer_hours = forms.IntegerField(
        label=_("Ore per confermare un posto liberato"),
        min_value=1,
        max_value=336,
        initial=48,
        help_text=_(
            "Chi è in lista d'attesa riceve il posto e deve confermarlo entro questo tempo."
        ),
        error_messages={"required": _("Indica entro quante ore va confermato un posto liberato.")},
    )
    remind_day_before = forms.BooleanField(
        label=_("Promemoria il giorno prima"), required=False, initial=True
    )
    remind_hour_before = forms.BooleanField(
        label=_("Promemoria un'ora prima"), required=False, initial=True
    )
    feedback_enabled = forms.BooleanField(
        label=_("Questionario di gradimento dopo l'evento"), required=False, initial=True
    )
    title_en = forms.CharField(label=_("Titolo in inglese"), max_length=160, required=False)
    summary_en = forms.CharField(
        label=_("In breve, in inglese"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
    )
    description_en = forms.CharField(
        label=_("Descrizione in inglese"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(
        self,
        data: Any = None,
        *,
        user: Any,
        event: Event | None = None,
    ) -> None:
        initial = self.initial_from(event) if event is not None else {}
        super().__init__(data, initial=initial)
        self.user = user
        self.event = event
        field = self.fields["organisation"]
        assert isinstance(field, OrganisationChoice)
        field.queryset = organisations_for(user, event.organisation_id if event else None)
        self.speaker_users: dict[int, Any] = (
            {s.pk: s.user for s in event.speakers.select_related("user") if s.user_id}
            if event is not None
            else {}
        )
        self.formsets: dict[str, RowFormSet] = {}
        for key, (prefix, formset_class, _label) in FORMSETS.items():
            self.formsets[key] = formset_class(
                data, prefix=prefix, initial=self._rows_initial(event, key)
            )

    @property
    def sessions(self) -> RowFormSet:
        return self.formsets["sessions"]

    @property
    def speakers(self) -> RowFormSet:
        return self.formsets["speakers"]

    @property
    def questions(self) -> RowFormSet:
        return self.formsets["questions"]

    @staticmethod
    def initial_from(event: Event) -> dict[str, Any]:
        initial: dict[str, Any] = {name: getattr(event, name) for name in PLAIN_FIELDS}
        initial["municipality"] = event.municipality_id
        initial["organisation"] = event.organisation_id
        initial["themes"] = [theme.pk for theme in event.themes.all()]
        initial["audiences"] = [
            slug for slug, (field, _label) in AUDIENCES.items() if getattr(event, field)
        ]
        for model_field, date_field, time_field in DATETIMES:
            initial[date_field], initial[time_field] = split(getattr(event, model_field))
        return initial

    @staticmethod
    def _rows_initial(event: Event | None, key: str) -> list[dict[str, Any]]:
        if event is None:
            return []
        if key == "sessions":
            rows = []
            for session in event.sessions.all():
                day, start = split(session.starts_at)
                rows.append(
                    {
                        "pk": session.pk,
                        "day": day,
                        "start": start,
                        "end": split(session.ends_at)[1],
                        "title": session.title,
                        "description": session.description,
                        "speakers": session.speakers,
                    }
                )
            return rows
        if key == "speakers":
            return [
                {"pk": s.pk, "name": s.name, "role": s.role, "bio": s.bio}
                for s in event.speakers.all()
            ]
        return [
            {
                "pk": q.pk,
                "label": q.label,
                "kind": q.kind,
                "choices": q.choices,
                "required": q.required,
            }
            for q in event.questions.all()
        ]

    # --- validation ---

    def is_valid(self) -> bool:
        results = [super().is_valid()] + [f.is_valid() for f in self.formsets.values()]
        if not all(results):
            return False
        self._check_sessions()
        return self.sessions.is_valid()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts_at = combine(cleaned.get("start_date"), cleaned.get("start_time"))
        end_day = cleaned.get("end_date") or cleaned.get("start_date")
        ends_at = combine(end_day, cleaned.get("end_time")) if cleaned.get("end_time") else None
        cleaned["starts_at"], cleaned["ends_at"] = starts_at, ends_at
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("end_time", _("La fine deve venire dopo l'inizio."))
        if starts_at and self._start_moved(starts_at) and starts_at < timezone.now():
            self.add_error("start_date", _("L'inizio è già passato: scegli una data futura."))
        self._clean_registration_window(cleaned, starts_at, ends_at)
        self._clean_place(cleaned)
        return cleaned

    def _start_moved(self, starts_at: datetime.datetime) -> bool:
        return self.event is None or self._kept_value("starts_at", starts_at) != (
            self.event.starts_at
        )

    def _kept_value(self, name: str, value: datetime.datetime | None) -> datetime.datetime | None:
        """The stored value when the form shows it unchanged: the form works to the
        minute, a value set elsewhere may have seconds."""
        stored = getattr(self.event, name, None) if self.event is not None else None
        if value is None or stored is None:
            return value
        return stored if stored.replace(second=0, microsecond=0) == value else value

    def _clean_registration_window(
        self,
        cleaned: dict[str, Any],
        starts_at: datetime.datetime | None,
        ends_at: datetime.datetime | None,
    ) -> None:
        for _model, date_field, time_field in DATETIMES[2:]:
            if cleaned.get(time_field) and not cleaned.get(date_field):
                self.add_error(date_field, _("Indica anche il giorno."))
        opens = combine(cleaned.get("opens_date"), cleaned.get("opens_time"))
        closes = combine(
            cleaned.get("closes_date"), cleaned.get("closes_time") or datetime.time(23, 59)
        )
        if closes and starts_at and not cleaned.get("closes_time"):
            # A closing day without an hour: the end of that day, or the start if sooner.
            closes = min(closes, starts_at)
        cleaned["registration_opens_at"], cleaned["registration_closes_at"] = opens, closes
        if opens and closes and closes <= opens:
            self.add_error("closes_date", _("Le iscrizioni devono chiudersi dopo l'apertura."))
        if opens and starts_at and opens >= starts_at:
            self.add_error("opens_date", _("Le iscrizioni devono aprirsi prima dell'inizio."))
        if closes and starts_at and closes > starts_at:
            self.add_error(
                "closes_date", _("Le iscrizioni non possono chiudersi dopo l'inizio dell'evento.")
            )

    def _clean_place(self, cleaned: dict[str, Any]) -> None:
        event_format = cleaned.get("format")
        online = event_format in (Format.ONLINE, Format.HYBRID)
        in_person = event_format in (Format.IN_PERSON, Format.HYBRID)
        url = cleaned.get("online_url") or ""
        if online and not url and "online_url" not in self.errors:
            self.add_error("online_url", _("Per un evento online o ibrido serve il collegamento."))
        elif url and not url.lower().startswith("https://"):
            self.add_error("online_url", _("Il collegamento deve iniziare con https://."))
        if (
            in_person
            and cleaned.get("municipality") is None
            and not cleaned.get("venue_name")
            and "municipality" not in self.errors
        ):
            self.add_error(
                "municipality",
                _("Per un evento in presenza o ibrido indica il comune o il luogo."),
            )

    def _check_sessions(self) -> None:
        starts_at, ends_at = self.cleaned_data["starts_at"], self.cleaned_data["ends_at"]
        for form in self.sessions.kept():
            session_start = combine(form.cleaned_data["day"], form.cleaned_data["start"])
            if session_start is not None and not starts_at <= session_start <= ends_at:
                form.add_error(
                    "day", _("La sessione deve stare tra l'inizio e la fine dell'evento.")
                )

    # --- output ---

    def to_data(self) -> dict[str, Any]:
        cleaned = self.cleaned_data
        data: dict[str, Any] = {name: cleaned[name] for name in PLAIN_FIELDS}
        for model_field, _date_field, _time_field in DATETIMES:
            data[model_field] = self._kept_value(model_field, cleaned[model_field])
        data["themes"] = list(cleaned["themes"])
        for slug, (field, _label) in AUDIENCES.items():
            data[field] = slug in cleaned["audiences"]
        if data["format"] == Format.ONLINE:
            data.update(municipality=None, venue_name="", address="", accessibility_notes="")
        elif data["format"] == Format.IN_PERSON:
            data.update(online_url="", online_instructions="")
        for key, formset in self.formsets.items():
            data[key] = [form.to_data() for form in formset.kept()]
        # A speaker linked to a hub member (in the back office) stays linked.
        for row in data["speakers"]:
            row["user"] = self.speaker_users.get(row["pk"])
        return data

    def add_service_error(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for field, errors in error.error_dict.items():
            if field in self.formsets:
                self.formsets[field].non_form_errors().extend(
                    message for e in errors for message in e.messages
                )
            else:
                target = {"starts_at": "start_date", "ends_at": "end_time"}.get(field, field)
                self.add_error(target if target in self.fields else None, errors)

    def formset_errors(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Each formset's errors with its legend, for the summary at the top."""
        return [
            (str(FORMSETS[key][2]), messages)
            for key, formset in self.formsets.items()
            if (messages := formset.error_messages_list())
        ]

    @property
    def has_errors(self) -> bool:
        return bool(self.errors) or bool(self.formset_errors())

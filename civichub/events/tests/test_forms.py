"""The forms on their own: the registration form built from an event's questions, and
the organiser's form turning the page's date, time and rows into what the services
accept."""

import datetime
from typing import Any

import pytest
from django import forms
from django.core.exceptions import ValidationError

from civichub.accounts.tests.factories import ContributorFactory, PromoterFactory
from civichub.organisations.tests.factories import OrganisationFactory, member, municipality

from .. import services
from ..forms import HUB_TIME_ZONE, EventForm, RegistrationForm
from ..models import EventSpeaker, QuestionKind, RegistrationQuestion
from .factories import DraftEventFactory, EventFactory

pytestmark = pytest.mark.django_db


def management(prefix: str, total: int = 0, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "50",
    }


def data(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "title": "Giornata formativa",
        "summary": "Una giornata sulla co-progettazione.",
        "kind": "training",
        "format": "in_person",
        "start_date": "2099-07-01",
        "start_time": "10:00",
        "end_time": "17:30",
        "venue_name": "Aula magna",
        "language": "it",
        "cancellation_deadline_hours": "24",
        "offer_hours": "48",
        **management("programma"),
        **management("relatori"),
        **management("domande"),
    }
    values.update(overrides)
    return {key: value for key, value in values.items() if value is not None}


# --- registration form --------------------------------------------------------------------


@pytest.fixture
def event_with_questions():
    event = EventFactory.create()
    text = RegistrationQuestion.objects.create(event=event, label="Ente", required=True)
    choice = RegistrationQuestion.objects.create(
        event=event, label="Turno", kind=QuestionKind.CHOICE, choices="Mattina\nPomeriggio"
    )
    needs = RegistrationQuestion.objects.create(
        event=event, label="Esigenze", kind=QuestionKind.NEEDS
    )
    return event, text, choice, needs


def test_one_field_per_question(event_with_questions):
    event, text, choice, needs = event_with_questions
    form = RegistrationForm(event=event)
    fields = form.fields
    assert list(fields) == [f"domanda_{q.pk}" for q in (text, choice, needs)]
    assert isinstance(fields[f"domanda_{text.pk}"].widget, forms.Textarea)
    assert fields[f"domanda_{text.pk}"].required
    assert isinstance(fields[f"domanda_{choice.pk}"].widget, forms.RadioSelect)
    choice_field = fields[f"domanda_{choice.pk}"]
    assert isinstance(choice_field, forms.ChoiceField)
    assert choice_field.choices == [
        ("Mattina", "Mattina"),
        ("Pomeriggio", "Pomeriggio"),
    ]
    assert not fields[f"domanda_{needs.pk}"].required
    assert "Visibile solo agli organizzatori" in str(fields[f"domanda_{needs.pk}"].help_text)
    assert form.has_questions


def test_answers_are_keyed_by_question_and_blank_ones_left_out(event_with_questions):
    event, text, choice, _needs = event_with_questions
    form = RegistrationForm(
        event=event,
        data={f"domanda_{text.pk}": "  Comune di Fano ", f"domanda_{choice.pk}": "Mattina"},
    )
    assert form.is_valid(), form.errors
    assert form.answers() == {text.pk: "Comune di Fano", choice.pk: "Mattina"}


def test_earlier_answers_fill_the_form(event_with_questions):
    event, text, choice, _needs = event_with_questions
    form = RegistrationForm(
        event=event, initial_answers={str(text.pk): "ASP", choice.pk: "Mattina"}
    )
    assert form[f"domanda_{text.pk}"].value() == "ASP"
    assert form[f"domanda_{choice.pk}"].value() == "Mattina"


def test_an_event_without_questions_has_an_empty_form():
    form = RegistrationForm(event=EventFactory.create(), data={})
    assert not form.has_questions
    assert form.is_valid()
    assert form.answers() == {}


# --- event form ---------------------------------------------------------------------------


@pytest.fixture
def organiser():
    return ContributorFactory.create()


def test_dates_and_times_are_in_rome(organiser):
    summer = EventForm(data(), user=organiser)
    assert summer.is_valid(), summer.errors
    starts = summer.to_data()["starts_at"]
    assert starts.utcoffset() == datetime.timedelta(hours=2)
    assert starts.astimezone(datetime.UTC).hour == 8
    winter = EventForm(data(start_date="2099-01-15", end_date="2099-01-16"), user=organiser)
    assert winter.is_valid(), winter.errors
    values = winter.to_data()
    assert values["starts_at"].astimezone(datetime.UTC).hour == 9
    assert values["ends_at"].date() == datetime.date(2099, 1, 16)


def test_registration_closing_day_without_time(organiser):
    same_day = EventForm(data(closes_date="2099-07-01"), user=organiser)
    assert same_day.is_valid(), same_day.errors
    assert same_day.to_data()["registration_closes_at"] == same_day.to_data()["starts_at"]
    earlier = EventForm(data(closes_date="2099-06-28"), user=organiser)
    assert earlier.is_valid()
    closes = earlier.to_data()["registration_closes_at"].astimezone(HUB_TIME_ZONE)
    assert (closes.day, closes.hour, closes.minute) == (28, 23, 59)


def test_the_data_is_what_the_services_accept(organiser):
    municipality()
    form = EventForm(
        data(
            municipality_text="Bologna",
            audiences=["terzo-settore"],
            **management("programma", 1),
            **{
                "programma-0-day": "2099-07-01",
                "programma-0-start": "10:00",
                "programma-0-title": "Apertura",
            },
            **management("domande", 1),
            **{"domande-0-label": "Ente", "domande-0-kind": "text"},
        ),
        user=organiser,
    )
    assert form.is_valid(), (form.errors, form.formset_errors())
    values = form.to_data()
    cleaned = services.event_validate(values, event=None, actor=organiser)
    assert cleaned["for_third_sector"] is True
    assert cleaned["for_citizens"] is False
    assert cleaned["municipality"].name == "Bologna"
    assert [row["title"] for row in cleaned["sessions"]] == ["Apertura"]
    assert cleaned["questions"][0]["pk"] is None


def test_editing_starts_from_the_event(organiser):
    event = DraftEventFactory.create(organiser=organiser, capacity=None)
    question = RegistrationQuestion.objects.create(event=event, label="Ente")
    form = EventForm(user=organiser, event=event)
    start = event.starts_at.astimezone(HUB_TIME_ZONE)
    assert form["start_date"].value() == start.date()
    assert form["start_time"].value() == start.time()
    assert form["capacity"].value() is None
    assert form.questions.forms[0].initial["pk"] == question.pk
    # The stored row, then two blank ones.
    assert len(form.questions.forms) == 3
    assert form.formset_errors() == []


def test_organisations_offered(organiser):
    mine, other = OrganisationFactory.create(), OrganisationFactory.create()
    member(mine, organiser)

    def offered(form: EventForm) -> set[Any]:
        field = form.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        assert field.queryset is not None
        return set(field.queryset)

    assert offered(EventForm(user=organiser)) == {mine}
    event = DraftEventFactory.create(organiser=organiser, organisation=other)
    assert offered(EventForm(user=organiser, event=event)) == {mine, other}
    assert offered(EventForm(user=PromoterFactory.create())) == {mine, other}


def test_row_errors_are_summarised(organiser):
    form = EventForm(
        data(**management("relatori", 1), **{"relatori-0-role": "Senza nome"}), user=organiser
    )
    assert not form.is_valid()
    [(legend, errors)] = form.formset_errors()
    assert legend == "Relatori"
    assert errors == [("id_relatori-0-name", "Nome e cognome: Scrivi il nome del relatore.")]


def test_service_errors_land_on_their_fields(organiser):
    form = EventForm(data(), user=organiser)
    assert form.is_valid()
    form.add_service_error(
        ValidationError(
            {
                "starts_at": ["Un evento pubblicato si può spostare solo nel futuro."],
                "questions": ["Riga 1: riga sconosciuta."],
                "recording": ["Non valido."],
            }
        )
    )
    assert form.errors["start_date"] == ["Un evento pubblicato si può spostare solo nel futuro."]
    assert form.errors["__all__"] == ["Non valido."]
    assert list(form.questions.non_form_errors()) == ["Riga 1: riga sconosciuta."]


def test_a_speaker_linked_to_a_member_stays_linked(organiser):
    event = DraftEventFactory.create(organiser=organiser)
    speaker = EventSpeaker.objects.create(event=event, name="Anna", user=organiser)
    posted = {
        **data(start_date=event.starts_at.astimezone(HUB_TIME_ZONE).date().isoformat()),
        **management("relatori", 1, 1),
        "relatori-0-pk": str(speaker.pk),
        "relatori-0-name": "Anna Bianchi",
    }
    bound = EventForm(posted, user=organiser, event=event)
    assert bound.is_valid(), (bound.errors, bound.formset_errors())
    assert bound.to_data()["speakers"] == [
        {"pk": speaker.pk, "name": "Anna Bianchi", "role": "", "bio": "", "user": organiser}
    ]

"""The organisers' pages at HTTP level: the event form (create, edit, every validation
message, nothing saved on error), publish, cancel, attendees and their CSV, check-in from
the list (with and without HTMX) and by the ticket's code, survey results; query counts."""

import csv
import datetime
import io
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from civichub.accounts.models import User
from civichub.accounts.tests.factories import ContributorFactory, UserFactory
from civichub.organisations.tests.factories import OrganisationFactory, member, municipality

from .. import services
from ..forms import HUB_TIME_ZONE
from ..models import (
    Event,
    EventFeedback,
    EventState,
    QuestionKind,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
)
from .factories import DraftEventFactory, EventFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def url(name: str, event: Event) -> str:
    return reverse(f"events:{name}", kwargs={"slug": event.slug})


def followed_messages(client: Client, response) -> list[str]:
    assert response.status_code == 302, response.content.decode()[:3000]
    return [str(m) for m in client.get(response["Location"]).context["messages"]]


def formset(prefix: str, rows: list[dict[str, Any]], initial: int = 0) -> dict[str, str]:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "50",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


DAY = (timezone.localdate() + datetime.timedelta(days=20)).isoformat()


def event_post(**overrides: Any) -> dict[str, Any]:
    """A valid form as the browser sends it; ``None`` removes a key (an unticked box)."""
    data: dict[str, Any] = {
        "title": "Laboratorio sui patti di collaborazione",
        "summary": "Come si scrive un patto tra cittadini e Comune.",
        "description": "Tre ore di lavoro ai tavoli.",
        "kind": "workshop",
        "format": "in_person",
        "start_date": DAY,
        "start_time": "10:00",
        "end_date": "",
        "end_time": "13:00",
        "municipality": "",
        "municipality_text": "Bologna",
        "venue_name": "Sala civica",
        "address": "Via Roma 1",
        "accessibility_notes": "",
        "online_url": "",
        "online_instructions": "",
        "organisation": "",
        "language": "it",
        "registration_required": "on",
        "capacity": "30",
        "opens_date": "",
        "opens_time": "",
        "closes_date": "",
        "closes_time": "",
        "cancellation_deadline_hours": "24",
        "waitlist_enabled": "on",
        "offer_hours": "48",
        "remind_day_before": "on",
        "remind_hour_before": "on",
        "feedback_enabled": "on",
        "title_en": "",
        "summary_en": "",
        "description_en": "",
        **formset("programma", []),
        **formset("relatori", []),
        **formset("domande", []),
    }
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def bologna():
    return municipality()


@pytest.fixture
def organiser() -> User:
    return ContributorFactory.create()


# --- create and edit ----------------------------------------------------------------------


def test_the_form_page_works_without_javascript(organiser):
    response = client_for(organiser).get(reverse("events:create"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'type="date"' in html
    assert 'type="time"' in html
    # Two blank rows per formset are there without the script; the button waits for it.
    assert 'name="programma-1-title"' in html
    assert 'name="domande-1-label"' in html
    assert "data-formset-add hidden" in html
    assert "Facoltativo: le sessioni della giornata" in html
    assert "<script>" not in html
    assert 'style="' not in html


def test_creating_saves_a_draft_with_its_rows(organiser, bologna):
    data = event_post(
        **formset(
            "programma",
            [
                {"day": DAY, "start": "10:00", "end": "11:00", "title": "Accoglienza"},
                {"day": "", "start": "", "end": "", "title": ""},  # a blank extra row
            ],
        ),
        **formset("relatori", [{"name": "Anna Verdi", "role": "Labsus", "bio": ""}]),
        **formset(
            "domande",
            [
                {"label": "Ente", "kind": "text", "required": "on"},
                {"label": "Turno", "kind": "choice", "choices": "Mattina\n\nPomeriggio\n"},
            ],
        ),
        audiences=["pa", "cittadini"],
    )
    client = client_for(organiser)
    response = client.post(reverse("events:create"), data)
    event = Event.objects.get()
    assert response["Location"] == event.get_absolute_url()
    assert "Bozza salvata" in followed_messages(client, response)[0]
    assert event.state == EventState.DRAFT
    assert event.organiser == organiser
    assert event.slug == "laboratorio-sui-patti-di-collaborazione"
    start = datetime.datetime.combine(
        datetime.date.fromisoformat(DAY), datetime.time(10), tzinfo=HUB_TIME_ZONE
    )
    assert (event.starts_at, event.ends_at) == (start, start + datetime.timedelta(hours=3))
    assert event.municipality == bologna
    assert event.region == bologna.region
    assert (event.for_public_bodies, event.for_citizens, event.for_third_sector) == (
        True,
        True,
        False,
    )
    assert [s.title for s in event.sessions.all()] == ["Accoglienza"]
    assert [s.name for s in event.speakers.all()] == ["Anna Verdi"]
    questions = list(event.questions.all())
    assert [(q.label, q.required) for q in questions] == [("Ente", True), ("Turno", False)]
    assert questions[1].options == ["Mattina", "Pomeriggio"]


def test_a_title_like_a_reserved_path_gets_another_slug(organiser, bologna):
    client_for(organiser).post(reverse("events:create"), event_post(title="Nuovo"))
    assert Event.objects.get().slug not in {"nuovo", "miei", "calendario", "biglietto"}


def test_an_online_event_keeps_no_place(organiser, bologna):
    client_for(organiser).post(
        reverse("events:create"),
        event_post(format="online", online_url="https://meet.example.org/stanza"),
    )
    event = Event.objects.get()
    assert (event.municipality, event.venue_name, event.online_url) == (
        None,
        "",
        "https://meet.example.org/stanza",
    )


PAST_DAY = (timezone.localdate() - datetime.timedelta(days=2)).isoformat()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Scrivi il titolo dell&#x27;evento."),
        ({"end_time": "09:00"}, "La fine deve venire dopo l&#x27;inizio."),
        ({"start_date": "2026-02-31"}, "Data non valida"),
        ({"start_date": PAST_DAY}, "L&#x27;inizio è già passato"),
        ({"format": "online"}, "Per un evento online o ibrido serve il collegamento."),
        (
            {"format": "hybrid", "online_url": "http://meet.example.org/x"},
            "Il collegamento deve iniziare con https://.",
        ),
        (
            {"municipality_text": "", "venue_name": ""},
            "Per un evento in presenza o ibrido indica il comune o il luogo.",
        ),
        ({"municipality_text": "Zzyzx"}, "Nessun comune si chiama"),
        ({"capacity": "0"}, "I posti devono essere almeno 1"),
        (
            {"closes_date": DAY, "closes_time": "11:00"},
            "Le iscrizioni non possono chiudersi dopo l&#x27;inizio dell&#x27;evento.",
        ),
        (
            {"opens_date": DAY, "opens_time": "09:00", "closes_date": DAY, "closes_time": "08:00"},
            "Le iscrizioni devono chiudersi dopo l&#x27;apertura.",
        ),
        (
            formset("domande", [{"label": "Turno", "kind": "choice", "choices": "Solo una"}]),
            "Scrivi almeno due opzioni, una per riga.",
        ),
        (
            formset("programma", [{"day": DAY, "start": "15:00", "title": "Fuori orario"}]),
            "La sessione deve stare tra l&#x27;inizio e la fine dell&#x27;evento.",
        ),
        (
            formset("relatori", [{"name": "", "role": "Senza nome"}]),
            "Scrivi il nome del relatore.",
        ),
    ],
)
def test_form_errors_are_clear_and_save_nothing(organiser, bologna, overrides, message):
    response = client_for(organiser).post(reverse("events:create"), event_post(**overrides))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'role="alert"' in html
    assert not Event.objects.exists()


def test_organisations_are_limited_to_the_persons_own(organiser, bologna):
    mine = OrganisationFactory.create(name="Associazione mia")
    other = OrganisationFactory.create(name="Associazione altrui")
    member(mine, organiser)
    client = client_for(organiser)
    page = client.get(reverse("events:create")).content.decode()
    assert "Associazione mia" in page
    assert "Associazione altrui" not in page
    response = client.post(reverse("events:create"), event_post(organisation=str(other.pk)))
    assert response.status_code == 200
    assert (
        "Puoi scegliere solo un&#x27;organizzazione di cui fai parte." in response.content.decode()
    )
    assert not Event.objects.exists()
    client.post(reverse("events:create"), event_post(organisation=str(mine.pk)))
    assert Event.objects.get().organisation == mine


def test_editing_prefills_and_keeps_question_rows(organiser, bologna):
    event = DraftEventFactory.create(organiser=organiser, municipality=bologna)
    kept = RegistrationQuestion.objects.create(event=event, label="Ente", sort_order=0)
    dropped = RegistrationQuestion.objects.create(event=event, label="Vecchia", sort_order=1)
    client = client_for(organiser)
    page = client.get(url("edit", event)).content.decode()
    assert event.title in page
    assert "Vecchia" in page
    local = event.starts_at.astimezone(HUB_TIME_ZONE)
    assert f'value="{local:%H:%M}"' in page
    data = event_post(
        title="Titolo nuovo",
        start_date=local.date().isoformat(),
        start_time=f"{local:%H:%M}",
        end_time=f"{event.ends_at.astimezone(HUB_TIME_ZONE):%H:%M}",
        **formset(
            "domande",
            [
                {"pk": str(kept.pk), "label": "Ente di appartenenza", "kind": "text"},
                {"pk": str(dropped.pk), "label": "Vecchia", "kind": "text", "DELETE": "on"},
                {"label": "Nuova", "kind": "needs"},
            ],
            initial=2,
        ),
    )
    response = client.post(url("edit", event), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event.refresh_from_db()
    assert event.title == "Titolo nuovo"
    questions = list(event.questions.all())
    assert [(q.pk == kept.pk, q.label, q.kind) for q in questions] == [
        (True, "Ente di appartenenza", QuestionKind.TEXT),
        (False, "Nuova", QuestionKind.NEEDS),
    ]


def test_a_question_of_another_event_is_refused(organiser, bologna):
    event = DraftEventFactory.create(organiser=organiser, municipality=bologna)
    stranger = RegistrationQuestion.objects.create(event=EventFactory.create(), label="Altrui")
    response = client_for(organiser).post(
        url("edit", event),
        event_post(**formset("domande", [{"pk": str(stranger.pk), "label": "X", "kind": "text"}])),
    )
    assert response.status_code == 200
    assert "riga sconosciuta" in response.content.decode()
    assert RegistrationQuestion.objects.get(pk=stranger.pk).label == "Altrui"


def test_a_cancelled_event_cannot_be_edited(organiser):
    event = EventFactory.create(organiser=organiser, state=EventState.CANCELLED)
    client = client_for(organiser)
    response = client.get(url("edit", event))
    assert "non si può più modificare" in followed_messages(client, response)[0]


# --- publish and cancel -------------------------------------------------------------------


def test_publishing_a_complete_draft(organiser):
    event = DraftEventFactory.create(organiser=organiser)
    client = client_for(organiser)
    assert "Sì, pubblica" in client.get(url("publish", event)).content.decode()
    response = client.post(url("publish", event))
    event.refresh_from_db()
    assert event.state == EventState.PUBLISHED
    assert "Evento pubblicato" in followed_messages(client, response)[0]


def test_publishing_lists_what_is_missing(organiser):
    event = DraftEventFactory.create(organiser=organiser, venue_name="")
    response = client_for(organiser).post(url("publish", event))
    assert "Per un evento in presenza indica il comune e il luogo." in response.content.decode()
    event.refresh_from_db()
    assert event.state == EventState.DRAFT


def test_cancelling_needs_a_reason_and_tells_everyone(organiser, committed):
    event = EventFactory.create(organiser=organiser)
    registration = services.registration_create(event=event, user=UserFactory.create())
    client = client_for(organiser)
    page = client.get(url("cancel", event)).content.decode()
    assert "L'iscrizione di 1 persona sarà annullata" in page
    empty = client.post(url("cancel", event), {"reason": "  "})
    assert "Spiega il motivo: lo riceveranno gli iscritti." in empty.content.decode()
    event.refresh_from_db()
    assert event.state == EventState.PUBLISHED
    mail.outbox.clear()
    with committed():
        response = client.post(url("cancel", event), {"reason": "Maltempo"})
    assert "Evento annullato" in followed_messages(client, response)[0]
    event.refresh_from_db()
    registration.refresh_from_db()
    assert (event.state, event.cancellation_reason) == (EventState.CANCELLED, "Maltempo")
    assert registration.status == RegistrationStatus.CANCELLED
    assert [message.to for message in mail.outbox] == [[registration.user.email]]


# --- attendees and CSV --------------------------------------------------------------------


def registrations(event: Event, count: int, **fields: Any) -> list[Registration]:
    return [RegistrationFactory.create(event=event, **fields) for _ in range(count)]


def test_attendees_table_with_answers_filters_and_counts(organiser):
    event = EventFactory.create(organiser=organiser)
    question = RegistrationQuestion.objects.create(
        event=event, label="Esigenze", kind=QuestionKind.NEEDS
    )
    confirmed = RegistrationFactory.create(
        event=event,
        answers={str(question.pk): "Senza glutine"},
        user=UserFactory.create(first_name="Carla", last_name="Neri"),
    )
    RegistrationFactory.create(
        event=event,
        status=RegistrationStatus.WAITLISTED,
        user=UserFactory.create(first_name="Dario", last_name="Bruni"),
    )
    client = client_for(organiser)
    html = client.get(url("attendees", event)).content.decode()
    assert "Carla Neri" in html
    assert "Dario Bruni" in html
    assert "Senza glutine" in html
    assert confirmed.user.email in html
    assert "Confermate (1)" in html
    assert "In lista d&#x27;attesa (1)" in html
    waiting = client.get(url("attendees", event), {"stato": "in-attesa"}).content.decode()
    assert "Dario Bruni" in waiting
    assert "Carla Neri" not in waiting


def test_attendees_are_paginated_by_fifty(organiser):
    event = EventFactory.create(organiser=organiser, capacity=None)
    registrations(event, 51)
    client = client_for(organiser)
    first = client.get(url("attendees", event))
    assert len(first.context["rows"]) == 50
    last = client.get(url("attendees", event), {"pagina": "99"})
    assert len(last.context["rows"]) == 1


def count_queries(client: Client, address: str, **params: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["attendees", "check_in"])
def test_organiser_lists_cost_the_same_queries_for_2_and_12_rows(organiser, name):
    event = EventFactory.create(organiser=organiser, capacity=None)
    RegistrationQuestion.objects.create(event=event, label="Ente")
    client = client_for(organiser)
    registrations(event, 2)
    for _ in range(2):  # warm the per-process caches (hub settings, footer pages)
        count_queries(client, url(name, event))
    two = count_queries(client, url(name, event))
    registrations(event, 10, checked_in_at=timezone.now())
    twelve = count_queries(client, url(name, event))
    assert two == twelve <= 12


def read_csv(response) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:]), delimiter=";"))


def test_csv_has_every_attendee_and_neutralises_formulas(organiser):
    event = EventFactory.create(organiser=organiser)
    question = RegistrationQuestion.objects.create(event=event, label="Ente")
    RegistrationFactory.create(
        event=event,
        user=UserFactory.create(first_name='=HYPERLINK("http://x")', last_name="Rossi"),
        answers={str(question.pk): "+39 333"},
    )
    response = client_for(organiser).get(url("attendees_csv", event))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"iscritti-{event.slug}.csv" in response["Content-Disposition"]
    header, row = read_csv(response)
    assert header[:5] == ["Cognome", "Nome", "E-mail", "Organizzazioni", "Stato"]
    assert header[-1] == "Ente"
    assert row[0] == "Rossi"
    assert row[1] == '\'=HYPERLINK("http://x")'
    assert row[4] == "Confermata"
    assert row[-1] == "'+39 333"


# --- check-in -----------------------------------------------------------------------------


@pytest.fixture
def today_event(organiser) -> Event:
    start = timezone.now() - datetime.timedelta(minutes=30)
    return EventFactory.create(
        organiser=organiser, starts_at=start, ends_at=start + datetime.timedelta(hours=3)
    )


def test_check_in_from_the_list_without_javascript(organiser, today_event):
    person = UserFactory.create(first_name="Elena", last_name="Galli")
    registration = RegistrationFactory.create(event=today_event, user=person)
    RegistrationFactory.create(event=today_event, status=RegistrationStatus.WAITLISTED)
    client = client_for(organiser)
    page = client.get(url("check_in", today_event), {"q": "galli"}).content.decode()
    assert "Elena Galli" in page
    assert "Registra presenza" in page
    response = client.post(
        url("check_in", today_event) + "?q=galli", {"iscrizione": str(registration.pk)}
    )
    assert response["Location"] == url("check_in", today_event) + "?q=galli"
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    assert registration.checked_in_by == organiser


def test_check_in_with_htmx_returns_the_row(organiser, today_event):
    registration = RegistrationFactory.create(event=today_event)
    response = client_for(organiser).post(
        url("check_in", today_event),
        {"iscrizione": str(registration.pk)},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr id="iscrizione-{registration.pk}"')
    assert "Presente dalle" in html


def test_check_in_refusals_are_shown(organiser, today_event):
    early = EventFactory.create(organiser=organiser)
    registration = RegistrationFactory.create(event=early)
    client = client_for(organiser)
    response = client.post(url("check_in", early), {"iscrizione": str(registration.pk)})
    assert followed_messages(client, response) == [
        "Le presenze si registrano dal giorno dell'evento."
    ]
    registration.refresh_from_db()
    assert registration.checked_in_at is None
    other = RegistrationFactory.create(event=EventFactory.create())
    for value in (str(other.pk), "abc", ""):
        assert client.post(url("check_in", today_event), {"iscrizione": value}).status_code == 404


def test_check_in_by_code(organiser, today_event):
    registration = RegistrationFactory.create(
        event=today_event, user=UserFactory.create(first_name="Franca", last_name="Levi")
    )
    address = reverse("events:check_in_code", kwargs={"code": registration.ticket_code})
    client = client_for(organiser)
    page = client.get(address).content.decode()
    assert "Franca Levi" in page
    assert "Registra presenza" in page
    response = client.post(address)
    assert response["Location"] == address
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    assert "Presenza registrata" in client.get(address).content.decode()


def test_check_in_by_code_of_a_waitlisted_ticket(organiser, today_event):
    registration = RegistrationFactory.create(
        event=today_event, status=RegistrationStatus.WAITLISTED
    )
    address = reverse("events:check_in_code", kwargs={"code": registration.ticket_code})
    client = client_for(organiser)
    assert "Iscrizione non confermata" in client.get(address).content.decode()
    response = client.post(address)
    assert "non è confermata" in response.content.decode()
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_an_unknown_code_is_a_404(organiser):
    address = reverse("events:check_in_code", kwargs={"code": "non-esiste"})
    assert client_for(organiser).get(address).status_code == 404


# --- survey results -----------------------------------------------------------------------


def test_results_show_average_distribution_and_comments(organiser):
    event = EventFactory.create(
        organiser=organiser, starts_at=in_days(-2, 10), ends_at=in_days(-2, 12)
    )
    for rating, comment in ((5, "Ottimo"), (4, ""), (3, "Troppo breve")):
        EventFeedback.objects.create(
            registration=RegistrationFactory.create(event=event), rating=rating, comment=comment
        )
    html = client_for(organiser).get(url("feedback_results", event)).content.decode()
    assert "3 risposte, voto medio 4,0 su 5." in html
    assert '<meter class="event-results__bar" min="0" max="100" value="33"' in html
    assert "Ottimo" in html
    assert "Troppo breve" in html


def test_results_without_answers(organiser):
    event = EventFactory.create(organiser=organiser)
    html = client_for(organiser).get(url("feedback_results", event)).content.decode()
    assert "Nessuna risposta, per ora." in html

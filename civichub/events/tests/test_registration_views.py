"""The people's pages at HTTP level: registering (and every refusal), cancelling,
confirming an offered seat, the ticket with its QR code, the certificate, the survey and
«I miei eventi» with its query count."""

import datetime

import pytest
import segno
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from civichub.accounts.models import User
from civichub.accounts.tests.factories import NewUserFactory, UserFactory

from .. import services
from ..models import (
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


def url(name: str, event, **kwargs) -> str:
    return reverse(f"events:{name}", kwargs={"slug": event.slug, **kwargs})


def page_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]] if response.context else []


def followed_messages(client: Client, response) -> list[str]:
    """The flash messages shown by the page a redirect leads to."""
    assert response.status_code == 302
    return [str(m) for m in client.get(response["Location"]).context["messages"]]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def person() -> User:
    return UserFactory.create()


@pytest.fixture
def event():
    return EventFactory.create(capacity=2)


def past_event(**fields):
    return EventFactory.create(starts_at=in_days(-3, 10), ends_at=in_days(-3, 13), **fields)


# --- register -----------------------------------------------------------------------------


def test_visitors_are_sent_to_the_login_and_back(event):
    response = Client().get(url("register", event))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert response["Location"].endswith("next=" + url("register", event))


def test_people_who_have_not_joined_go_to_the_membership_form(event):
    client = client_for(NewUserFactory.create())
    for response in (client.get(url("register", event)), client.post(url("register", event))):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:membership"))
    assert not Registration.objects.exists()


def test_the_form_page_asks_the_event_questions(event, person):
    RegistrationQuestion.objects.create(event=event, label="Da quale ente vieni?", required=True)
    RegistrationQuestion.objects.create(
        event=event, label="Esigenze alimentari", kind=QuestionKind.NEEDS
    )
    RegistrationQuestion.objects.create(
        event=event, label="Turno", kind=QuestionKind.CHOICE, choices="Mattina\nPomeriggio"
    )
    response = client_for(person).get(url("register", event))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Da quale ente vieni?" in html
    assert "Visibile solo agli organizzatori" in html
    assert 'type="radio"' in html
    assert "Pomeriggio" in html
    assert "Conferma l'iscrizione" in html


def test_registering_confirms_and_says_so(event, person, committed):
    question = RegistrationQuestion.objects.create(event=event, label="Ente", required=True)
    client = client_for(person)
    with committed():
        response = client.post(url("register", event), {f"domanda_{question.pk}": "Comune"})
    assert response["Location"] == event.get_absolute_url()
    registration = Registration.objects.get(event=event, user=person)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.answers == {str(question.pk): "Comune"}
    assert "Iscrizione confermata" in followed_messages(client, response)[0]
    assert [message.to for message in mail.outbox] == [[person.email]]


def test_a_full_event_puts_people_on_the_waitlist_with_their_place(event):
    for _ in range(2):
        services.registration_create(event=event, user=UserFactory.create())
    first, second = UserFactory.create(), UserFactory.create()
    client_for(first).post(url("register", event))
    client = client_for(second)
    response = client.post(url("register", event))
    assert Registration.objects.get(user=second).status == RegistrationStatus.WAITLISTED
    assert "lista d'attesa, in posizione 2" in followed_messages(client, response)[0]


def test_a_double_post_makes_one_registration(event, person):
    client = client_for(person)
    first = client.post(url("register", event))
    second = client.post(url("register", event))
    assert first.status_code == second.status_code == 302
    assert Registration.objects.filter(event=event, user=person).count() == 1
    assert "Iscrizione confermata" in followed_messages(client, second)[0]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"registration_closes_at": in_days(-1)}, "Le iscrizioni sono chiuse."),
        ({"state": EventState.CANCELLED}, "L&#x27;evento è stato annullato."),
        ({"registration_opens_at": in_days(2, 9)}, "Le iscrizioni apriranno il"),
    ],
)
def test_refusals_are_explained(person, fields, message):
    event = EventFactory.create(**fields)
    response = client_for(person).post(url("register", event))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Registration.objects.exists()


def test_full_without_waitlist_is_refused(person):
    event = EventFactory.create(capacity=1, waitlist_enabled=False)
    services.registration_create(event=event, user=UserFactory.create())
    response = client_for(person).post(url("register", event))
    assert "I posti sono esauriti." in response.content.decode()
    assert not Registration.objects.filter(user=person).exists()


def test_a_draft_is_a_404_for_people_and_closed_for_its_organiser(person):
    draft = DraftEventFactory.create()
    assert client_for(person).post(url("register", draft)).status_code == 404
    response = client_for(draft.organiser).post(url("register", draft))
    assert "L&#x27;evento non è ancora pubblicato." in response.content.decode()
    assert not Registration.objects.exists()


def test_a_missing_required_answer_is_asked_again(event, person):
    question = RegistrationQuestion.objects.create(event=event, label="Ente", required=True)
    choice = RegistrationQuestion.objects.create(
        event=event, label="Turno", kind=QuestionKind.CHOICE, choices="Mattina\nPomeriggio"
    )
    response = client_for(person).post(
        url("register", event), {f"domanda_{question.pk}": "  ", f"domanda_{choice.pk}": "Notte"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Questa domanda è obbligatoria: scrivi una risposta." in html
    assert "Scegli una delle opzioni proposte." in html
    assert not Registration.objects.exists()


def test_an_answer_too_long_is_refused(event, person):
    question = RegistrationQuestion.objects.create(event=event, label="Ente")
    response = client_for(person).post(
        url("register", event), {f"domanda_{question.pk}": "x" * 1001}
    )
    assert "La risposta può essere lunga al massimo 1000 caratteri." in response.content.decode()
    assert not Registration.objects.exists()


# --- cancel -------------------------------------------------------------------------------


def test_cancelling_before_the_deadline(event, person, committed):
    registration = services.registration_create(event=event, user=person)
    client = client_for(person)
    page = client.get(url("cancel_registration", event))
    assert "Sì, disdici" in page.content.decode()
    with committed():
        response = client.post(url("cancel_registration", event))
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert "Iscrizione annullata" in followed_messages(client, response)[0]


def test_cancelling_after_the_deadline_is_refused(person):
    start = timezone.now() + datetime.timedelta(hours=5)
    event = EventFactory.create(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    registration = services.registration_create(event=event, user=person)
    client = client_for(person)
    page = client.get(url("cancel_registration", event))
    assert "Non puoi più disdire online" in page.content.decode()
    assert "Sì, disdici" not in page.content.decode()
    response = client.post(url("cancel_registration", event))
    assert "Non puoi più disdire online" in followed_messages(client, response)[0]
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_cancelling_without_a_registration_is_a_404(event, person):
    client = client_for(person)
    assert client.get(url("cancel_registration", event)).status_code == 404
    RegistrationFactory.create(event=event, user=person, status=RegistrationStatus.CANCELLED)
    assert client.post(url("cancel_registration", event)).status_code == 404


# --- confirm an offered seat --------------------------------------------------------------


def offered(event, person, hours: int = 10) -> Registration:
    return RegistrationFactory.create(
        event=event,
        user=person,
        status=RegistrationStatus.OFFERED,
        offer_expires_at=timezone.now() + datetime.timedelta(hours=hours),
    )


def test_confirming_an_offered_seat(event, person, committed):
    registration = offered(event, person)
    client = client_for(person)
    page = client.get(url("confirm_offer", event))
    assert "Confermalo entro il" in page.content.decode()
    with committed():
        response = client.post(url("confirm_offer", event))
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert "Posto confermato" in followed_messages(client, response)[0]
    again = client.get(url("confirm_offer", event))
    assert again["Location"] == url("ticket", event)


def test_an_expired_offer_cannot_be_confirmed(event, person):
    registration = offered(event, person, hours=-1)
    client = client_for(person)
    page = client.get(url("confirm_offer", event))
    assert "Il tempo per confermare il posto è scaduto" in page.content.decode()
    client.post(url("confirm_offer", event))
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.OFFERED


def test_confirming_without_a_registration_is_a_404(event, person):
    assert client_for(person).get(url("confirm_offer", event)).status_code == 404


# --- ticket -------------------------------------------------------------------------------


def test_the_ticket_has_the_qr_code_of_its_check_in_address(event, person):
    registration = RegistrationFactory.create(event=event, user=person)
    response = client_for(person).get(url("ticket", event))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<svg role="img"' in html
    assert "style=" not in html.split("<svg", 1)[1].split("</svg>")[0]
    assert registration.ticket_code in html
    check_in = "http://testserver" + reverse(
        "events:check_in_code", kwargs={"code": registration.ticket_code}
    )
    expected = segno.make(check_in, error="m").svg_inline(
        scale=5,
        border=4,
        title="Codice QR del biglietto",
        svgclass="event-ticket__qr",
        lineclass=None,
    )
    assert response.context["qr_svg"].replace('<svg role="img" ', "<svg ") == expected


@pytest.mark.parametrize(
    "status",
    [RegistrationStatus.WAITLISTED, RegistrationStatus.OFFERED, RegistrationStatus.CANCELLED],
)
def test_no_ticket_without_a_confirmed_seat(event, person, status):
    RegistrationFactory.create(event=event, user=person, status=status)
    assert client_for(person).get(url("ticket", event)).status_code == 404


def test_no_ticket_for_someone_else(event, person):
    RegistrationFactory.create(event=event)
    assert client_for(person).get(url("ticket", event)).status_code == 404


# --- certificate --------------------------------------------------------------------------


def test_the_certificate_is_for_who_attended_after_the_end(person):
    event = past_event()
    registration = RegistrationFactory.create(
        event=event, user=person, checked_in_at=event.starts_at
    )
    response = client_for(person).get(url("certificate", event))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f"attestato-{event.slug}.pdf" in response["Content-Disposition"]
    registration.checked_in_at = None
    registration.save()
    assert client_for(person).get(url("certificate", event)).status_code == 404


def test_no_certificate_before_the_end_or_for_others(event, person):
    RegistrationFactory.create(event=event, user=person, checked_in_at=timezone.now())
    assert client_for(person).get(url("certificate", event)).status_code == 404
    ended = past_event()
    RegistrationFactory.create(event=ended, checked_in_at=ended.starts_at)
    assert client_for(person).get(url("certificate", ended)).status_code == 404


# --- survey -------------------------------------------------------------------------------


def test_the_survey_is_answered_once(person):
    event = past_event()
    registration = RegistrationFactory.create(
        event=event, user=person, checked_in_at=event.starts_at
    )
    client = client_for(person)
    assert "Invia la valutazione" in client.get(url("feedback", event)).content.decode()
    response = client.post(url("feedback", event), {"rating": "4", "comment": "Utile."})
    assert response.status_code == 302
    assert "Grazie" in followed_messages(client, response)[0]
    again = client.post(url("feedback", event), {"rating": "1"})
    assert "Hai già risposto" in followed_messages(client, again)[0]
    feedback = EventFeedback.objects.get()
    assert (feedback.registration, feedback.rating, feedback.comment) == (registration, 4, "Utile.")
    assert "hai dato 4 su 5" in client.get(url("feedback", event)).content.decode()


@pytest.mark.parametrize("rating", ["", "9", "tre"])
def test_a_bad_rating_is_asked_again(person, rating):
    event = past_event()
    RegistrationFactory.create(event=event, user=person, checked_in_at=event.starts_at)
    response = client_for(person).post(url("feedback", event), {"rating": rating})
    assert response.status_code == 200
    assert "Ci sono errori nel modulo" in response.content.decode()
    assert not EventFeedback.objects.exists()


def test_no_survey_before_the_end_or_without_a_seat(event, person):
    RegistrationFactory.create(event=event, user=person)
    assert client_for(person).get(url("feedback", event)).status_code == 404
    ended = past_event()
    RegistrationFactory.create(event=ended, user=person, status=RegistrationStatus.CANCELLED)
    assert client_for(person).post(url("feedback", ended), {"rating": "5"}).status_code == 404
    assert not EventFeedback.objects.exists()


# --- «I miei eventi» ----------------------------------------------------------------------


def test_my_events_empty_state(person):
    response = client_for(person).get(reverse("events:mine"))
    assert "Non ti sei ancora iscritto a nessun evento." in response.content.decode()


def test_my_events_groups_and_links(person):
    upcoming = RegistrationFactory.create(user=person, event=EventFactory.create(title="Futuro"))
    offered(EventFactory.create(title="Offerto"), person)
    ended = past_event(title="Passato")
    RegistrationFactory.create(user=person, event=ended, checked_in_at=ended.starts_at)
    html = client_for(person).get(reverse("events:mine")).content.decode()
    assert url("ticket", upcoming.event) in html
    assert url("confirm_offer", EventFactory._meta.model.objects.get(title="Offerto")) in html
    assert url("certificate", ended) in html
    assert url("feedback", ended) in html


def make_registrations(person: User, count: int) -> None:
    for index in range(count):
        RegistrationFactory.create(user=person, event=EventFactory.create())
        ended = past_event()
        RegistrationFactory.create(user=person, event=ended, checked_in_at=ended.starts_at)
        if index % 2:
            offered(EventFactory.create(), person)


def test_my_events_queries_do_not_grow(person):
    client = client_for(person)
    for _ in range(2):  # warm the per-process caches (hub settings, footer pages)
        client.get(reverse("events:mine"))
    counts: list[int] = []
    for rows in (2, 12):
        make_registrations(person, rows - (len(counts) and 2))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("events:mine"))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 12


# --- the registration box of the event page -----------------------------------------------


def box(client: Client, event) -> str:
    html = client.get(event.get_absolute_url()).content.decode()
    return html.split('id="iscrizione-titolo"', 1)[1].split("</section>", 1)[0]


def test_the_box_sends_visitors_to_the_login_without_a_form(event):
    html = box(Client(), event)
    assert f'href="/accounts/login/?next={url("register", event)}"' in html
    assert "<form" not in html
    assert "csrfmiddlewaretoken" not in html


def test_the_box_offers_the_form_with_the_questions(event, person):
    question = RegistrationQuestion.objects.create(event=event, label="Da quale ente vieni?")
    html = box(client_for(person), event)
    assert f'action="{url("register", event)}"' in html
    assert "csrfmiddlewaretoken" in html
    assert f'name="domanda_{question.pk}"' in html


def test_the_box_follows_the_registration(event, person):
    client = client_for(person)
    registration = RegistrationFactory.create(event=event, user=person)
    assert url("ticket", event) in box(client, event)
    registration.status = RegistrationStatus.WAITLISTED
    registration.save()
    assert "Sei in lista d'attesa" in box(client, event)
    registration.status = RegistrationStatus.OFFERED
    registration.offer_expires_at = timezone.now() + datetime.timedelta(hours=3)
    registration.save()
    assert f'action="{url("confirm_offer", event)}"' in box(client, event)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"state": EventState.CANCELLED}, "le iscrizioni sono chiuse"),
        ({"registration_required": False}, "Non serve iscriversi"),
        ({"capacity": 0, "waitlist_enabled": False}, "I posti sono esauriti."),
    ],
)
def test_the_box_explains_when_nobody_can_register(person, fields, message):
    html = box(client_for(person), EventFactory.create(**fields))
    assert message in html
    assert "<form" not in html

"""The events' services on their own: creating, editing, publishing and cancelling
events; registering (every refusal), cancelling, checking in, feedback; counters,
e-mails and the audit log."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from civichub.accounts.tests.factories import (
    ContributorFactory,
    NewUserFactory,
    PromoterFactory,
    UserFactory,
)
from civichub.organisations.tests.factories import (
    OrganisationFactory,
    admin_of,
    member,
    municipality,
)
from civichub.taxonomy.models import Theme

from .. import services
from ..models import (
    Event,
    EventFeedback,
    EventKind,
    EventState,
    Format,
    QuestionKind,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
)
from .factories import (
    DraftEventFactory,
    EventFactory,
    OnlineEventFactory,
    RegistrationFactory,
    in_days,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the e-mails queued on commit (tests run inside one transaction)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def essentials(**extra):
    return {
        "title": "Laboratorio sui beni comuni",
        "summary": "Come scrivere un patto di collaborazione.",
        "kind": EventKind.WORKSHOP,
        "starts_at": in_days(20, 9),
        "ends_at": in_days(20, 13),
        **extra,
    }


def register(event, user=None, answers=None):
    return services.registration_create(
        event=event, user=user or UserFactory.create(), answers=answers or {}
    )


def messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- create and update ---------------------------------------------------------------------


def test_create_needs_a_contributor():
    with pytest.raises(PermissionDenied):
        services.event_create(actor=UserFactory.create(), data=essentials())


def test_create_reports_every_missing_essential():
    with pytest.raises(ValidationError) as caught:
        services.event_create(actor=ContributorFactory.create(), data={"title": " "})
    assert set(caught.value.message_dict) == {"title", "summary", "kind", "starts_at", "ends_at"}


def test_create_makes_a_draft_with_children_region_and_log():
    organiser = ContributorFactory.create()
    bologna = municipality()
    theme, _ = Theme.objects.get_or_create(slug="beni-comuni", defaults={"name": "Beni comuni"})
    event = services.event_create(
        actor=organiser,
        data=essentials(
            municipality=bologna,
            venue_name="Sala Borsa",
            themes=[theme, theme],
            sessions=[
                {"starts_at": in_days(20, 9), "title": "Accoglienza"},
                {"starts_at": in_days(20, 10), "ends_at": in_days(20, 12), "title": "Tavoli"},
            ],
            speakers=[{"name": "Anna Verdi", "role": "Labsus"}],
            questions=[
                {"label": "Ente", "kind": QuestionKind.TEXT, "required": True},
                {"label": "Pranzo", "kind": QuestionKind.CHOICE, "choices": "Sì\n\nNo\n"},
            ],
        ),
    )
    event.refresh_from_db()
    assert event.state == EventState.DRAFT
    assert event.organiser == organiser
    assert event.slug == "laboratorio-sui-beni-comuni"
    assert event.region_id == bologna.province.region_id
    assert list(event.themes.all()) == [theme]
    assert [s.title for s in event.sessions.order_by("sort_order")] == ["Accoglienza", "Tavoli"]
    assert event.speakers.get().name == "Anna Verdi"
    pranzo = event.questions.get(label="Pranzo")
    assert pranzo.options == ["Sì", "No"]
    assert ModelLogEntry.objects.filter(
        object_id=str(event.pk), action="civichub.events.create"
    ).exists()


@pytest.mark.parametrize("title", ["Nuovo", "Calendario", "Miei", "Biglietto"])
def test_slugs_never_take_a_reserved_path(title):
    event = services.event_create(actor=ContributorFactory.create(), data=essentials(title=title))
    assert event.slug == f"{title.lower()}-2"


def test_create_refuses_bad_values_by_field():
    with pytest.raises(ValidationError) as caught:
        services.event_create(
            actor=ContributorFactory.create(),
            data=essentials(
                ends_at=in_days(20, 8),
                format="teleport",
                online_url="javascript:alert(1)",
                capacity=0,
                latitude="44.5",
                registration_closes_at=in_days(21),
                questions=[{"label": "Pranzo", "kind": QuestionKind.CHOICE, "choices": "Sì"}],
                sessions=[{"title": "", "starts_at": None}],
            ),
        )
    assert set(caught.value.message_dict) == {
        "ends_at",
        "format",
        "online_url",
        "capacity",
        "longitude",
        "registration_closes_at",
        "questions",
        "sessions",
    }


def test_create_in_the_name_of_an_organisation_needs_membership():
    organisation = OrganisationFactory.create()
    organiser = ContributorFactory.create()
    with pytest.raises(ValidationError) as caught:
        services.event_create(actor=organiser, data=essentials(organisation=organisation))
    assert "organisation" in caught.value.message_dict

    member(organisation, organiser)
    event = services.event_create(actor=organiser, data=essentials(organisation=organisation))
    assert event.organisation == organisation


def test_update_keeps_question_rows_so_answers_stay_valid():
    event = EventFactory.create()
    question = RegistrationQuestion.objects.create(event=event, label="Ente")
    other = RegistrationQuestion.objects.create(event=event, label="Da togliere")
    services.event_update(
        event=event,
        actor=event.organiser,
        data={
            "questions": [
                {"label": "Nuova", "kind": QuestionKind.TEXT},
                {"pk": question.pk, "label": "Ente o organizzazione", "kind": QuestionKind.TEXT},
            ]
        },
    )
    rows = list(event.questions.order_by("sort_order"))
    assert [row.label for row in rows] == ["Nuova", "Ente o organizzazione"]
    assert rows[1].pk == question.pk
    assert not RegistrationQuestion.objects.filter(pk=other.pk).exists()


def test_update_refuses_rows_of_another_event_and_strangers():
    event = EventFactory.create()
    foreign = RegistrationQuestion.objects.create(event=EventFactory.create(), label="Altro")
    with pytest.raises(ValidationError) as caught:
        services.event_update(
            event=event,
            actor=event.organiser,
            data={"questions": [{"pk": foreign.pk, "label": "Furto", "kind": "text"}]},
        )
    assert "questions" in caught.value.message_dict
    with pytest.raises(PermissionDenied):
        services.event_update(event=event, actor=UserFactory.create(), data={"title": "X"})


def test_update_never_moves_a_published_event_into_the_past():
    event = EventFactory.create()
    with pytest.raises(ValidationError) as caught:
        services.event_update(
            event=event,
            actor=event.organiser,
            data={"starts_at": in_days(-1), "ends_at": in_days(-1, 12)},
        )
    assert "starts_at" in caught.value.message_dict


def test_update_with_nothing_new_logs_nothing():
    event = EventFactory.create()
    services.event_update(event=event, actor=event.organiser, data={"title": event.title})
    assert not ModelLogEntry.objects.filter(
        object_id=str(event.pk), action="civichub.events.update"
    ).exists()


def test_update_does_not_overwrite_the_counters():
    event = EventFactory.create()
    stale = Event.objects.get(pk=event.pk)
    register(event)
    services.event_update(event=stale, actor=event.organiser, data={"title": "Nuovo titolo"})
    event.refresh_from_db()
    assert (event.title, event.confirmed_count) == ("Nuovo titolo", 1)


def test_organisation_admins_and_promoters_manage_others_events():
    organisation = OrganisationFactory.create()
    event = EventFactory.create(organisation=organisation)
    admin = admin_of(organisation).user
    services.event_update(event=event, actor=admin, data={"venue_name": "Sala grande"})
    services.event_update(event=event, actor=PromoterFactory.create(), data={"capacity": 30})
    event.refresh_from_db()
    assert (event.venue_name, event.capacity) == ("Sala grande", 30)


def test_moving_a_published_event_tells_the_registered_and_resets_reminders(committed):
    event = OnlineEventFactory.create(capacity=1)
    confirmed = register(event)
    waiting = register(event)
    Registration.objects.filter(event=event).update(reminded_day_at=timezone.now())
    mail.outbox.clear()
    with committed():
        services.event_update(
            event=event,
            actor=event.organiser,
            data={"starts_at": in_days(12, 15), "ends_at": in_days(12, 17)},
        )
    assert not Registration.objects.filter(reminded_day_at__isnull=False).exists()
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {confirmed.user.email, waiting.user.email}
    to_confirmed = by_recipient[confirmed.user.email]
    assert "Nuova data" in to_confirmed.subject
    assert "15:00" in to_confirmed.body
    assert event.online_url in to_confirmed.body
    assert to_confirmed.attachments
    assert event.online_url not in by_recipient[waiting.user.email].body
    assert not by_recipient[waiting.user.email].attachments


# --- publish and cancel --------------------------------------------------------------------


def test_publish_lists_what_is_missing():
    event = DraftEventFactory.create(
        format=Format.HYBRID, municipality=None, venue_name="", starts_at=in_days(-2)
    )
    with pytest.raises(ValidationError) as caught:
        services.event_publish(event=event, actor=event.organiser)
    text = messages_of(caught.value)
    assert "futuro" in text
    assert "comune e il luogo" in text
    assert "collegamento" in text
    event.refresh_from_db()
    assert event.state == EventState.DRAFT


def test_publish_needs_the_permission_and_happens_once():
    event = DraftEventFactory.create()
    with pytest.raises(PermissionDenied):
        services.event_publish(event=event, actor=ContributorFactory.create())
    services.event_publish(event=event, actor=event.organiser)
    event.refresh_from_db()
    assert event.state == EventState.PUBLISHED
    assert event.published_at is not None
    with pytest.raises(ValidationError, match="già pubblicato"):
        services.event_publish(event=event, actor=event.organiser)


def test_cancel_needs_a_reason_and_notifies_everyone(committed):
    event = OnlineEventFactory.create(capacity=1)
    confirmed, waiting = register(event), register(event)
    with pytest.raises(ValidationError, match="Spiega"):
        services.event_cancel(event=event, actor=event.organiser, reason="  ")
    mail.outbox.clear()
    with committed():
        services.event_cancel(event=event, actor=event.organiser, reason="Il relatore è malato.")
    event.refresh_from_db()
    assert event.state == EventState.CANCELLED
    assert (event.confirmed_count, event.waitlist_count) == (0, 0)
    for registration in (confirmed, waiting):
        registration.refresh_from_db()
        assert registration.status == RegistrationStatus.CANCELLED
        assert registration.cancelled_by_organiser
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [confirmed.user.email, waiting.user.email]
    )
    assert all("Il relatore è malato." in m.body for m in mail.outbox)
    assert all("annullato" in m.subject.lower() for m in mail.outbox)
    with pytest.raises(ValidationError, match="già annullato"):
        services.event_cancel(event=event, actor=event.organiser, reason="Di nuovo")
    with pytest.raises(ValidationError, match="annullato"):
        services.event_publish(event=event, actor=event.organiser)


def test_an_ended_event_cannot_be_cancelled():
    event = EventFactory.create(starts_at=in_days(-3), ends_at=in_days(-3, 12))
    with pytest.raises(ValidationError, match="concluso"):
        services.event_cancel(event=event, actor=event.organiser, reason="Troppo tardi")


# --- registering ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"state": EventState.DRAFT}, "non è ancora pubblicato"),
        ({"state": EventState.CANCELLED}, "annullato"),
        ({"registration_required": False}, "non serve iscriversi"),
        ({"registration_opens_at": in_days(2)}, "apriranno il"),
        ({"registration_closes_at": in_days(-1)}, "sono chiuse"),
        ({"starts_at": in_days(-1), "ends_at": in_days(1)}, "già iniziato"),
    ],
)
def test_registration_refusals(fields, message):
    event = EventFactory.create(**fields)
    with pytest.raises(ValidationError) as caught:
        register(event)
    assert message in messages_of(caught.value)
    assert not Registration.objects.exists()


def test_only_people_who_joined_register():
    with pytest.raises(PermissionDenied):
        register(EventFactory.create(), NewUserFactory.create())


def test_answers_are_checked_and_stored_by_question():
    event = EventFactory.create()
    required = RegistrationQuestion.objects.create(event=event, label="Ente", required=True)
    choice = RegistrationQuestion.objects.create(
        event=event, label="Pranzo", kind=QuestionKind.CHOICE, choices="Sì\nNo"
    )
    with pytest.raises(ValidationError) as caught:
        register(event, answers={choice.pk: "Forse"})
    text = messages_of(caught.value)
    assert "Rispondi alla domanda «Ente»" in text
    assert "«Pranzo» scegli una delle opzioni" in text
    with pytest.raises(ValidationError, match="supera i 1000 caratteri"):
        register(event, answers={required.pk: "x" * 1001})
    assert not Registration.objects.exists()

    registration = register(
        event, answers={str(required.pk): " Comune ", choice.pk: "No", 999: "?"}
    )
    assert registration.answers == {str(required.pk): "Comune", str(choice.pk): "No"}


def test_register_confirms_with_a_calendar_and_counts(committed):
    event = OnlineEventFactory.create()
    mail.outbox.clear()
    with committed():
        registration = register(event)
    event.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert event.confirmed_count == 1
    [message] = mail.outbox
    assert "Iscrizione confermata" in message.subject
    assert event.online_url in message.body
    [(filename, content, mimetype)] = message.attachments
    assert filename == f"{event.slug}.ics"
    assert mimetype.startswith("text/calendar")
    assert "BEGIN:VCALENDAR" in content
    assert event.online_url in content.replace("\r\n ", "")
    assert 'method="PUBLISH"' in message.message().as_string() or "method=PUBLISH" in (
        message.message().as_string()
    )


def test_messages_go_in_the_recipients_language(committed):
    event = EventFactory.create(title="Laboratorio", title_en="Workshop")
    person = UserFactory.create(language="en")
    mail.outbox.clear()
    with committed():
        register(event, person)
    [message] = mail.outbox
    assert "Workshop" in message.subject


def test_a_double_submit_returns_the_same_registration():
    event = EventFactory.create()
    person = UserFactory.create()
    first = register(event, person)
    second = register(event, person)
    assert first.pk == second.pk
    event.refresh_from_db()
    assert event.confirmed_count == 1


def test_registering_again_reuses_the_cancelled_row_at_the_end_of_the_queue(time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    event = EventFactory.create(capacity=1)
    question = RegistrationQuestion.objects.create(event=event, label="Ente")
    register(event)
    person = UserFactory.create()
    first = register(event, person, {question.pk: "Prima"})
    services.registration_cancel(registration=first, actor=person)
    time_machine.shift(datetime.timedelta(minutes=5))
    again = register(event, person, {question.pk: "Seconda"})
    assert again.pk == first.pk
    assert again.status == RegistrationStatus.WAITLISTED
    assert again.answers == {str(question.pk): "Seconda"}
    assert again.queued_at == timezone.now()
    assert again.cancelled_at is None


def test_full_without_waitlist_is_refused():
    event = EventFactory.create(capacity=1, waitlist_enabled=False)
    register(event)
    with pytest.raises(ValidationError, match="esauriti"):
        register(event)
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (1, 0)


def test_full_with_waitlist_queues_and_tells_the_person(committed):
    event = EventFactory.create(capacity=1)
    register(event)
    mail.outbox.clear()
    with committed():
        waiting = register(event)
    assert waiting.status == RegistrationStatus.WAITLISTED
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (1, 1)
    [message] = mail.outbox
    assert "lista d'attesa" in message.subject
    assert not message.attachments


def test_unlimited_seats_confirm_everyone():
    event = EventFactory.create(capacity=None)
    statuses = {register(event).status for _ in range(3)}
    assert statuses == {RegistrationStatus.CONFIRMED}


def test_a_confirmation_close_to_the_start_counts_as_the_reminders():
    event = EventFactory.create(starts_at=timezone.now() + datetime.timedelta(hours=5))
    event.ends_at = event.starts_at + datetime.timedelta(hours=1)
    event.save()
    registration = register(event)
    assert registration.reminded_day_at is not None
    assert registration.reminded_hour_at is None


# --- cancelling a registration -------------------------------------------------------------


def test_the_person_cancels_until_the_deadline(time_machine):
    event = EventFactory.create(cancellation_deadline_hours=48)
    registration = register(event)
    time_machine.move_to(event.starts_at - datetime.timedelta(hours=47), tick=False)
    with pytest.raises(ValidationError, match="Non puoi più disdire online"):
        services.registration_cancel(registration=registration, actor=registration.user)
    # The organisers can, at any time.
    services.registration_cancel(registration=registration, actor=event.organiser)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert registration.cancelled_by_organiser


def test_leaving_the_waitlist_is_possible_after_the_deadline(time_machine):
    event = EventFactory.create(capacity=1, cancellation_deadline_hours=48)
    register(event)
    waiting = register(event)
    time_machine.move_to(event.starts_at - datetime.timedelta(hours=2), tick=False)
    services.registration_cancel(registration=waiting, actor=waiting.user)
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (1, 0)


def test_strangers_cannot_cancel_a_registration():
    registration = register(EventFactory.create())
    with pytest.raises(PermissionDenied):
        services.registration_cancel(registration=registration, actor=UserFactory.create())


def test_cancelling_twice_changes_nothing(committed):
    registration = register(EventFactory.create())
    services.registration_cancel(registration=registration, actor=registration.user)
    mail.outbox.clear()
    with committed():
        again = services.registration_cancel(registration=registration, actor=registration.user)
    assert again.status == RegistrationStatus.CANCELLED
    assert mail.outbox == []


def test_a_freed_seat_is_offered_to_the_next_in_line(committed):
    event = EventFactory.create(capacity=1)
    leaving = register(event)
    waiting = register(event)
    mail.outbox.clear()
    with committed():
        services.registration_cancel(registration=leaving, actor=leaving.user)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.OFFERED
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (0, 1)
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "Iscrizione annullata" in subjects[leaving.user.email]
    assert "Si è liberato un posto" in subjects[waiting.user.email]


# --- capacity changes ----------------------------------------------------------------------


def test_more_seats_go_to_the_waitlist():
    event = EventFactory.create(capacity=1)
    register(event)
    waiting = [register(event) for _ in range(3)]
    services.event_update(event=event, actor=event.organiser, data={"capacity": 3})
    statuses = [Registration.objects.get(pk=r.pk).status for r in waiting]
    assert statuses == [
        RegistrationStatus.OFFERED,
        RegistrationStatus.OFFERED,
        RegistrationStatus.WAITLISTED,
    ]


def test_unlimited_seats_confirm_the_waitlist():
    event = EventFactory.create(capacity=1)
    register(event)
    waiting = register(event)
    services.event_update(event=event, actor=event.organiser, data={"capacity": None})
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (2, 0)


def test_fewer_seats_keep_every_confirmed_seat_and_withdraw_offers(committed):
    event = EventFactory.create(capacity=4)
    confirmed = [register(event) for _ in range(3)]
    services.event_update(event=event, actor=event.organiser, data={"capacity": 3})
    waiting = register(event)
    services.registration_cancel(registration=confirmed[0], actor=confirmed[0].user)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.OFFERED

    mail.outbox.clear()
    with committed():
        services.event_update(event=event, actor=event.organiser, data={"capacity": 1})
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (2, 1)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.WAITLISTED
    assert "di nuovo in lista d'attesa" in mail.outbox[0].subject
    with pytest.raises(ValidationError, match="ridotto i posti"):
        services.offer_confirm(registration=waiting, user=waiting.user)
    # A confirmed person leaving does not free a seat while over capacity.
    services.registration_cancel(registration=confirmed[1], actor=confirmed[1].user)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.WAITLISTED
    services.registration_cancel(registration=confirmed[2], actor=confirmed[2].user)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.OFFERED


# --- check-in ------------------------------------------------------------------------------


@pytest.fixture
def today_event(time_machine):
    time_machine.move_to(in_days(0, 9), tick=False)
    return EventFactory.create(starts_at=in_days(0, 10), ends_at=in_days(0, 13))


def test_check_in_by_managers_only(today_event):
    registration = register(today_event)
    with pytest.raises(PermissionDenied):
        services.registration_check_in(registration=registration, actor=registration.user)
    checked = services.registration_check_in(registration=registration, actor=today_event.organiser)
    assert checked.checked_in_at == timezone.now()
    assert checked.checked_in_by == today_event.organiser


def test_check_in_twice_keeps_the_first_time(today_event, time_machine):
    registration = register(today_event)
    first = services.registration_check_in(registration=registration, actor=today_event.organiser)
    time_machine.shift(datetime.timedelta(minutes=10))
    second = services.registration_check_in(
        registration=registration, actor=PromoterFactory.create()
    )
    assert second.checked_in_at == first.checked_in_at
    assert second.checked_in_by == today_event.organiser


def test_check_in_by_code(today_event):
    registration = register(today_event)
    other = register(EventFactory.create(starts_at=in_days(0, 10), ends_at=in_days(0, 12)))
    with pytest.raises(ValidationError, match="non è valido"):
        services.registration_check_in_by_code(
            event=today_event, code=other.ticket_code, actor=today_event.organiser
        )
    with pytest.raises(PermissionDenied):
        services.registration_check_in_by_code(
            event=today_event, code=registration.ticket_code, actor=UserFactory.create()
        )
    checked = services.registration_check_in_by_code(
        event=today_event, code=f" {registration.ticket_code} ", actor=today_event.organiser
    )
    assert checked.pk == registration.pk
    assert checked.checked_in_at is not None


def test_check_in_refusals(today_event):
    waiting = RegistrationFactory.create(event=today_event, status=RegistrationStatus.WAITLISTED)
    with pytest.raises(ValidationError, match="non è confermata"):
        services.registration_check_in(registration=waiting, actor=today_event.organiser)
    tomorrow = EventFactory.create(starts_at=in_days(1), ends_at=in_days(1, 12))
    early = RegistrationFactory.create(event=tomorrow)
    with pytest.raises(ValidationError, match="dal giorno dell'evento"):
        services.registration_check_in(registration=early, actor=tomorrow.organiser)


# --- feedback ------------------------------------------------------------------------------


@pytest.fixture
def ended_event():
    return EventFactory.create(starts_at=in_days(-2, 10), ends_at=in_days(-2, 12))


def test_feedback_once_per_registration(ended_event):
    registration = RegistrationFactory.create(event=ended_event)
    feedback = services.feedback_record(registration=registration, rating=4, comment=" Utile ")
    assert (feedback.rating, feedback.comment) == (4, "Utile")
    with pytest.raises(ValidationError, match="già risposto"):
        services.feedback_record(registration=registration, rating=5, comment="")
    assert EventFeedback.objects.count() == 1


@pytest.mark.parametrize("rating", [0, 6, "5", True, None])
def test_feedback_rating_must_be_one_to_five(ended_event, rating):
    registration = RegistrationFactory.create(event=ended_event)
    with pytest.raises(ValidationError, match="da 1 a 5"):
        services.feedback_record(registration=registration, rating=rating, comment="")


def test_feedback_only_from_who_attended_after_the_end(ended_event):
    RegistrationFactory.create(event=ended_event, checked_in_at=timezone.now())
    absent = RegistrationFactory.create(event=ended_event)
    with pytest.raises(ValidationError, match="chi ha partecipato"):
        services.feedback_record(registration=absent, rating=3, comment="")
    upcoming = RegistrationFactory.create(event=EventFactory.create())
    with pytest.raises(ValidationError, match="chi ha partecipato"):
        services.feedback_record(registration=upcoming, rating=3, comment="")
    with pytest.raises(ValidationError, match="2000"):
        services.feedback_record(registration=absent, rating=3, comment="x" * 2001)

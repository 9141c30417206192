"""The back office: who reaches it, the events' listing and filters, creating and
editing through the services (region, validation, actions), registrations with their
filters, check-in and cancel actions and CSV export, the people chooser, the audit log."""

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from civichub.accounts.tests.factories import (
    ContributorFactory,
    PromoterFactory,
    StaffFactory,
    UserFactory,
)
from civichub.experiences.tests.test_admin import FormFields
from civichub.organisations.tests.factories import OrganisationFactory, municipality

from ..models import (
    Event,
    EventKind,
    EventState,
    Format,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
)
from ..services import LOG_ACTIONS, LOG_PREFIX
from .factories import (
    DraftEventFactory,
    EventFactory,
    OnlineEventFactory,
    RegistrationFactory,
    in_days,
)

pytestmark = pytest.mark.django_db

EVENTS = "wagtailsnippets_events_event"
REGISTRATIONS = "wagtailsnippets_events_registration"


def url(name: str, *args: Any) -> str:
    return reverse(name, args=args)


def with_back_office_access(user: Any) -> Any:
    group, _ = Group.objects.get_or_create(name="Accesso al back office")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    user.groups.add(group)
    return user


@pytest.fixture
def staff() -> Any:
    return StaffFactory.create()


@pytest.fixture
def staff_client(client: Client, staff: Any) -> Client:
    client.force_login(staff)
    return client


@pytest.fixture
def promoter() -> Any:
    return with_back_office_access(PromoterFactory.create())


@pytest.fixture
def promoter_client(client: Client, promoter: Any) -> Client:
    client.force_login(promoter)
    return client


def form_data(client: Client, target: str) -> dict[str, Any]:
    """The values a browser would submit from the form at ``target``."""
    response = client.get(target)
    assert response.status_code == 200
    parser = FormFields()
    parser.feed(response.content.decode())
    fields = next(form for form in parser.forms if any(name == "title" for name, _ in form))
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    return {name: values if len(values) > 1 else values[0] for name, values in data.items()}


def local(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def add_row(data: dict[str, Any], prefix: str, **fields: Any) -> None:
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    data.update({f"{prefix}-{index}-{name}": value for name, value in fields.items()})
    data.update({f"{prefix}-{index}-id": "", f"{prefix}-{index}-ORDER": str(index + 1)})
    data.setdefault(f"{prefix}-{index}-DELETE", "")
    if data[f"{prefix}-{index}-DELETE"] == "":
        del data[f"{prefix}-{index}-DELETE"]


# --- who -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "factory", [None, UserFactory, ContributorFactory, PromoterFactory], ids=str
)
def test_people_without_back_office_access_do_not_reach_it(client: Client, factory: Any) -> None:
    event = EventFactory.create()
    if factory is not None:
        client.force_login(factory.create())

    for target in (
        url(f"{EVENTS}:list"),
        url(f"{EVENTS}:edit", event.pk),
        url(f"{REGISTRATIONS}:list"),
    ):
        response = client.get(target)
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert "/admin/" not in response["Location"].split("?")[0]


@pytest.mark.parametrize("factory", [UserFactory, ContributorFactory], ids=str)
def test_back_office_access_alone_does_not_give_the_events(client: Client, factory: Any) -> None:
    event = EventFactory.create(organiser=None)
    registration = RegistrationFactory.create(event=event)
    client.force_login(with_back_office_access(factory.create()))

    listing = client.get(url(f"{EVENTS}:list"))
    edit = client.get(url(f"{EVENTS}:edit", event.pk))
    registrations = client.get(url(f"{REGISTRATIONS}:list"))
    check_in = client.post(url(f"{REGISTRATIONS}:check_in", registration.pk))
    cancel = client.post(url(f"{REGISTRATIONS}:cancel", registration.pk))

    assert all(
        response.status_code in (302, 403)
        for response in (listing, edit, registrations, check_in, cancel)
    )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.checked_in_at is None


def test_promoters_with_back_office_access_and_staff_manage_events(
    client: Client, promoter: Any
) -> None:
    event = EventFactory.create(title="Tavolo del welfare")
    for user in (promoter, StaffFactory.create()):
        client.force_login(user)
        assert "Tavolo del welfare" in client.get(url(f"{EVENTS}:list")).content.decode()
        assert client.get(url(f"{EVENTS}:edit", event.pk)).status_code == 200
        assert client.get(url(f"{EVENTS}:add")).status_code == 200
        assert client.get(url(f"{REGISTRATIONS}:list")).status_code == 200
    # Cancelling, not deleting, is the way: it tells the people registered.
    assert client.get(url(f"{EVENTS}:delete", event.pk)).status_code in (302, 403)
    assert Event.objects.filter(pk=event.pk).exists()


# --- the events' listing ---------------------------------------------------------------------


def test_list_columns_filters_and_search(staff_client: Client) -> None:
    EventFactory.create(title="Laboratorio in piazza", capacity=30)
    OnlineEventFactory.create(title="Webinar sul DM 72")
    DraftEventFactory.create(title="Bozza di convegno", kind=EventKind.CONFERENCE)
    EventFactory.create(
        title="Incontro passato",
        starts_at=in_days(-10),
        kind=EventKind.MEETING,
    )

    def titles(**params: str) -> set[str]:
        response = staff_client.get(url(f"{EVENTS}:list"), params)
        assert response.status_code == 200
        content = response.content.decode()
        return {
            title
            for title in (
                "Laboratorio in piazza",
                "Webinar sul DM 72",
                "Bozza di convegno",
                "Incontro passato",
            )
            if title in content
        }

    listing = staff_client.get(url(f"{EVENTS}:list")).content.decode()
    for heading in ("Inizio", "Confermati", "In attesa", "Tipo", "Stato"):
        assert heading in listing
    assert titles(state=EventState.DRAFT) == {"Bozza di convegno"}
    assert titles(kind=EventKind.WEBINAR) == {"Webinar sul DM 72"}
    assert titles(format=Format.ONLINE) == {"Webinar sul DM 72"}
    assert titles(when="passati") == {"Incontro passato"}
    assert "Incontro passato" not in titles(when="prossimi")
    assert titles(q="piazza") == {"Laboratorio in piazza"}


def test_the_listing_costs_the_same_queries_for_2_and_12_events(staff_client: Client) -> None:
    def count(n: int) -> int:
        Event.objects.all().delete()
        for day in range(n):
            EventFactory.create(
                starts_at=in_days(day + 1), organisation=OrganisationFactory.create()
            )
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        staff_client.get(url(f"{EVENTS}:list"))  # the session and the menus, cached after
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(url(f"{EVENTS}:list"))
        assert response.status_code == 200
        return len(queries)

    assert count(2) == count(12)


# --- create and edit through the services ----------------------------------------------------


def test_a_new_event_is_created_by_the_services(staff_client: Client, staff: Any) -> None:
    bologna = municipality()
    data = form_data(staff_client, url(f"{EVENTS}:add"))
    starts = in_days(20, 9)
    data.update(
        {
            "title": "Giornata formativa sui patti di collaborazione",
            "summary": "Una giornata per imparare a scrivere un patto.",
            "kind": EventKind.TRAINING_DAY,
            "format": Format.IN_PERSON,
            "starts_at": local(starts),
            "ends_at": local(starts + datetime.timedelta(hours=7)),
            "municipality": str(bologna.pk),
            "venue_name": "Casa di quartiere",
            "capacity": "40",
        }
    )
    add_row(data, "sessions", title="Accoglienza", starts_at=local(starts))
    add_row(data, "questions", label="Ente di appartenenza", kind="text", required="on")

    response = staff_client.post(url(f"{EVENTS}:add"), data)

    assert response.status_code == 302, response.content.decode()[-3000:]
    event = Event.objects.get()
    assert event.slug == "giornata-formativa-sui-patti-di-collaborazione"
    assert event.state == EventState.DRAFT
    assert event.organiser == staff
    assert event.region_id == bologna.province.region_id
    assert event.capacity == 40
    assert [s.title for s in event.sessions.all()] == ["Accoglienza"]
    assert event.questions.get().required
    assert ModelLogEntry.objects.filter(
        object_id=str(event.pk), action="civichub.events.create"
    ).exists()


def test_an_edit_goes_through_the_services_and_derives_the_region(staff_client: Client) -> None:
    event = DraftEventFactory.create(municipality=municipality(), venue_name="Sala civica")
    ascoli = municipality("044007", "Ascoli Piceno", region_code="11")
    data = form_data(staff_client, url(f"{EVENTS}:edit", event.pk))
    data.update({"municipality": str(ascoli.pk), "title": "  Tavolo   sul welfare  "})

    response = staff_client.post(url(f"{EVENTS}:edit", event.pk), data)

    assert response.status_code == 302, response.content.decode()[-3000:]
    event.refresh_from_db()
    assert event.region.istat_code == "11"
    assert event.title == "Tavolo sul welfare"  # cleaned as the services clean it
    entry = ModelLogEntry.objects.get(object_id=str(event.pk), action="civichub.events.update")
    assert "municipality" in entry.data["fields"]


def test_child_rows_keep_their_pk_so_answers_stay_attached(staff_client: Client) -> None:
    event = EventFactory.create()
    question = RegistrationQuestion.objects.create(event=event, label="Ente", sort_order=0)
    data = form_data(staff_client, url(f"{EVENTS}:edit", event.pk))
    data["questions-0-label"] = "Ente o organizzazione"

    response = staff_client.post(url(f"{EVENTS}:edit", event.pk), data)

    assert response.status_code == 302, response.content.decode()[-3000:]
    assert list(event.questions.values_list("pk", "label")) == [
        (question.pk, "Ente o organizzazione")
    ]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"ends_at": "yesterday"}, "Inserisci"),
        ({"online_url": "ftp://example.org/x", "format": Format.HYBRID}, "https://"),
        ({"capacity": "0"}, "tra 1 e"),
    ],
    ids=["bad-date", "bad-url", "no-seats"],
)
def test_bad_input_is_refused_and_nothing_is_saved(
    staff_client: Client, fields: dict[str, str], message: str
) -> None:
    event = EventFactory.create(title="Titolo originale")
    data = form_data(staff_client, url(f"{EVENTS}:edit", event.pk))
    data.update({"title": "Titolo nuovo", **fields})

    response = staff_client.post(url(f"{EVENTS}:edit", event.pk), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    event.refresh_from_db()
    assert event.title == "Titolo originale"


def test_the_services_rules_apply_a_registration_closing_after_the_start(
    staff_client: Client,
) -> None:
    event = EventFactory.create()
    data = form_data(staff_client, url(f"{EVENTS}:edit", event.pk))
    data["registration_closes_at"] = local(event.starts_at + datetime.timedelta(hours=1))

    response = staff_client.post(url(f"{EVENTS}:edit", event.pk), data)

    assert response.status_code == 200
    assert "non possono chiudere dopo l&#x27;inizio" in response.content.decode()
    event.refresh_from_db()
    assert event.registration_closes_at is None


def test_publishing_and_cancelling_are_the_services_actions(
    staff_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    draft = DraftEventFactory.create()
    data = form_data(staff_client, url(f"{EVENTS}:edit", draft.pk))

    wrong = staff_client.post(url(f"{EVENTS}:edit", draft.pk), {**data, "action": "cancel"})
    assert wrong.status_code == 200
    assert "Si annulla solo un evento pubblicato" in wrong.content.decode()

    published = staff_client.post(url(f"{EVENTS}:edit", draft.pk), {**data, "action": "publish"})
    assert published.status_code == 302
    draft.refresh_from_db()
    assert draft.state == EventState.PUBLISHED
    assert draft.published_at is not None

    registration = RegistrationFactory.create(event=draft)
    data = form_data(staff_client, url(f"{EVENTS}:edit", draft.pk))
    no_reason = staff_client.post(url(f"{EVENTS}:edit", draft.pk), {**data, "action": "cancel"})
    assert no_reason.status_code == 200
    assert Event.objects.get(pk=draft.pk).state == EventState.PUBLISHED

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = staff_client.post(
            url(f"{EVENTS}:edit", draft.pk),
            {**data, "action": "cancel", "reason": "La sala non è agibile."},
        )

    assert cancelled.status_code == 302
    draft.refresh_from_db()
    assert draft.state == EventState.CANCELLED
    assert draft.cancellation_reason == "La sala non è agibile."
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert registration.cancelled_by_organiser
    assert [message.to for message in mail.outbox] == [[registration.user.email]]
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(draft.pk)).values_list("action", flat=True)
    )
    assert {"civichub.events.publish", "civichub.events.cancel"} <= actions


def test_a_publication_the_services_refuse_keeps_the_edit_and_says_why(
    staff_client: Client,
) -> None:
    draft = DraftEventFactory.create(venue_name="")
    data = form_data(staff_client, url(f"{EVENTS}:edit", draft.pk))

    response = staff_client.post(
        url(f"{EVENTS}:edit", draft.pk),
        {**data, "summary": "Nuovo sommario.", "action": "publish"},
        follow=True,
    )

    assert "indica il comune e il luogo" in response.content.decode()
    draft.refresh_from_db()
    assert draft.state == EventState.DRAFT
    assert draft.summary == "Nuovo sommario."


# --- registrations ---------------------------------------------------------------------------


@pytest.fixture
def today_event() -> Event:
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(minutes=30)
    return EventFactory.create(title="Laboratorio di oggi", starts_at=starts, capacity=10)


def test_registrations_list_filters_and_search(staff_client: Client, today_event: Event) -> None:
    other = EventFactory.create(title="Altro evento")
    anna = RegistrationFactory.create(
        event=today_event, user=UserFactory.create(first_name="Anna", last_name="Neri")
    )
    RegistrationFactory.create(
        event=today_event,
        user=UserFactory.create(first_name="Bruno", last_name="Sala"),
        status=RegistrationStatus.WAITLISTED,
    )
    RegistrationFactory.create(
        event=other,
        user=UserFactory.create(first_name="Carla", last_name="Villa"),
        checked_in_at=timezone.now(),
    )

    def names(**params: Any) -> set[str]:
        response = staff_client.get(url(f"{REGISTRATIONS}:list"), params)
        assert response.status_code == 200
        content = response.content.decode()
        return {name for name in ("Anna Neri", "Bruno Sala", "Carla Villa") if name in content}

    assert names() == {"Anna Neri", "Bruno Sala", "Carla Villa"}
    assert names(event=today_event.pk) == {"Anna Neri", "Bruno Sala"}
    assert names(status=RegistrationStatus.WAITLISTED) == {"Bruno Sala"}
    assert names(checked_in="true") == {"Carla Villa"}
    assert names(checked_in="false") == {"Anna Neri", "Bruno Sala"}
    assert names(q="Neri") == {"Anna Neri"}
    # A value that is not an event is a bad filter, not an error page.
    assert staff_client.get(url(f"{REGISTRATIONS}:list"), {"event": "x"}).status_code == 200
    assert anna.status == RegistrationStatus.CONFIRMED


def test_the_registrations_list_costs_the_same_queries_for_2_and_12(
    staff_client: Client, today_event: Event
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(n: int) -> int:
        Registration.objects.all().delete()
        for _ in range(n):
            event = EventFactory.create(organisation=OrganisationFactory.create())
            RegistrationFactory.create(event=event)
        staff_client.get(url(f"{REGISTRATIONS}:list"))  # the session and the menus
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(url(f"{REGISTRATIONS}:list"))
        assert response.status_code == 200
        return len(queries)

    assert count(2) == count(12)


def test_the_events_listing_links_to_its_registrations(
    staff_client: Client, today_event: Event
) -> None:
    listing = staff_client.get(url(f"{EVENTS}:list")).content.decode()

    assert f"{url(f'{REGISTRATIONS}:list')}?event={today_event.pk}" in listing


def test_check_in_from_the_back_office(
    promoter_client: Client, promoter: Any, today_event: Event
) -> None:
    registration = RegistrationFactory.create(event=today_event)
    target = url(f"{REGISTRATIONS}:check_in", registration.pk)

    confirm = promoter_client.get(target)
    assert confirm.status_code == 200
    assert registration.user.display_name in confirm.content.decode()

    response = promoter_client.post(
        target, {"next": f"{url(f'{REGISTRATIONS}:list')}?event={today_event.pk}"}
    )

    assert response.status_code == 302
    assert response["Location"].endswith(f"?event={today_event.pk}")
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    assert registration.checked_in_by == promoter
    assert ModelLogEntry.objects.filter(
        object_id=str(today_event.pk), action="civichub.events.check_in"
    ).exists()


def test_check_in_the_services_refuse_is_explained(staff_client: Client) -> None:
    future = EventFactory.create(starts_at=in_days(5))
    registration = RegistrationFactory.create(event=future)

    response = staff_client.post(url(f"{REGISTRATIONS}:check_in", registration.pk), follow=True)

    assert "dal giorno dell&#x27;evento" in response.content.decode()
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_an_action_that_does_not_apply_changes_nothing(
    staff_client: Client, today_event: Event
) -> None:
    cancelled = RegistrationFactory.create(event=today_event, status=RegistrationStatus.CANCELLED)

    check_in = staff_client.post(url(f"{REGISTRATIONS}:check_in", cancelled.pk), follow=True)
    cancel = staff_client.post(url(f"{REGISTRATIONS}:cancel", cancelled.pk), follow=True)
    missing = staff_client.post(url(f"{REGISTRATIONS}:cancel", 999_999))
    evil = staff_client.post(
        url(f"{REGISTRATIONS}:check_in", cancelled.pk), {"next": "https://evil.example.org/"}
    )

    assert "non è possibile" in check_in.content.decode()
    assert "non è possibile" in cancel.content.decode()
    assert missing.status_code == 404
    assert evil["Location"] == url(f"{REGISTRATIONS}:list")
    cancelled.refresh_from_db()
    assert cancelled.checked_in_at is None


def test_cancel_from_the_back_office_frees_the_seat(
    staff_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    from ..services import registration_create

    event = EventFactory.create(capacity=1)
    first = registration_create(event=event, user=UserFactory.create(), answers={})
    second = registration_create(event=event, user=UserFactory.create(), answers={})
    assert second.status == RegistrationStatus.WAITLISTED
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url(f"{REGISTRATIONS}:cancel", first.pk))

    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == RegistrationStatus.CANCELLED
    assert first.cancelled_by_organiser
    assert second.status in (RegistrationStatus.OFFERED, RegistrationStatus.CONFIRMED)
    event.refresh_from_db()
    assert event.confirmed_count + event.waitlist_count == 1
    assert {message.to[0] for message in mail.outbox} == {first.user.email, second.user.email}


def test_csv_export_of_a_filtered_list(staff_client: Client, today_event: Event) -> None:
    RegistrationFactory.create(
        event=today_event,
        user=UserFactory.create(
            first_name="=HYPERLINK(1)", last_name="Rossi", email="r@example.org"
        ),
    )
    RegistrationFactory.create(
        event=EventFactory.create(title="Altro evento"),
        user=UserFactory.create(first_name="Bea", last_name="Verdi"),
    )

    response = staff_client.get(
        url(f"{REGISTRATIONS}:list"), {"event": today_event.pk, "export": "csv"}
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="iscrizioni.csv"' in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    assert content.startswith("\ufeffEvento,Inizio,Persona,E-mail,Stato")
    assert "'=HYPERLINK(1) Rossi" in content
    assert "r@example.org" in content
    assert "Confermata" in content
    assert "Verdi" not in content


def test_the_inspect_view_shows_answers_by_question(
    staff_client: Client, today_event: Event
) -> None:
    question = RegistrationQuestion.objects.create(event=today_event, label="Ente di appartenenza")
    registration = RegistrationFactory.create(
        event=today_event, answers={str(question.pk): "Cooperativa sociale"}
    )

    response = staff_client.get(url(f"{REGISTRATIONS}:inspect", registration.pk))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Ente di appartenenza: Cooperativa sociale" in content
    assert url(f"{REGISTRATIONS}:check_in", registration.pk) in content
    assert registration.ticket_code not in content
    # Registrations are never edited nor created here.
    assert staff_client.get(url(f"{REGISTRATIONS}:edit", registration.pk)).status_code in (302, 403)
    assert staff_client.get(url(f"{REGISTRATIONS}:add")).status_code in (302, 403)


# --- people chooser and audit log --------------------------------------------------------------


def test_the_people_chooser_is_for_promoters_and_finds_members_by_name(
    client: Client, promoter: Any
) -> None:
    UserFactory.create(first_name="Ottavia", last_name="Pellizzari")
    UserFactory.create(first_name="Ugo", last_name="Bassi", joined_at=None)
    target = reverse("events_person_chooser:choose_results")

    client.force_login(with_back_office_access(ContributorFactory.create()))
    refused = client.get(target, {"q": "Ottavia"})
    assert refused.status_code in (302, 403)
    assert "Pellizzari" not in refused.content.decode()

    client.force_login(promoter)
    found = client.get(target, {"q": "ottavia pelli"}).content.decode()
    assert "Ottavia Pellizzari" in found
    assert "@example.org" not in found
    assert "Ugo Bassi" not in client.get(target, {"q": "Bassi"}).content.decode()


def test_a_speaker_can_be_a_member(staff_client: Client) -> None:
    event = EventFactory.create()
    speaker = UserFactory.create(first_name="Ottavia", last_name="Pellizzari")
    data = form_data(staff_client, url(f"{EVENTS}:edit", event.pk))
    add_row(data, "speakers", user=str(speaker.pk), name="Ottavia Pellizzari", role="Urbanista")

    response = staff_client.post(url(f"{EVENTS}:edit", event.pk), data)

    assert response.status_code == 302, response.content.decode()[-3000:]
    assert event.speakers.get().user == speaker


def test_every_service_action_is_registered_for_the_history() -> None:
    log_registry.scan_for_actions()
    for name, (label, _message) in LOG_ACTIONS.items():
        action = log_registry.get_action_label(LOG_PREFIX + name)
        assert action == str(label)


def test_the_history_shows_the_services_actions(staff_client: Client, staff: Any) -> None:
    from ..services import event_update

    event = EventFactory.create()
    event_update(event=event, actor=staff, data={"title": "Nuovo titolo"})

    response = staff_client.get(url(f"{EVENTS}:history", event.pk))

    assert response.status_code == 200
    assert "Modifica" in response.content.decode()  # the label of civichub.events.update

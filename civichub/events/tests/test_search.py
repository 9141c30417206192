"""Events in the site search: public events are found by their text, place, kind and
organisation; drafts are not; documents are built in bulk."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from civichub.organisations.tests.factories import OrganisationFactory
from civichub.search.models import SearchDocument
from civichub.search.registry import source_for
from civichub.search.tests.factories import search, titles
from civichub.taxonomy.models import Theme

from ..models import Event, EventSession, EventSpeaker, EventState
from .factories import DraftEventFactory, EventFactory, OnlineEventFactory, in_days

pytestmark = pytest.mark.django_db


def test_the_event_source() -> None:
    source = source_for(Event)

    assert source is not None
    assert (source.kind, source.slug) == ("event", "eventi")
    assert (str(source.label), str(source.label_plural)) == ("Evento", "Eventi")


def test_a_published_event_is_found_and_a_draft_is_not(
    client, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        EventFactory.create(
            title="Tavolo sul welfare di comunità",
            description="Si discute di domiciliarità e reti di vicinato.",
        )
        DraftEventFactory.create(
            title="Bozza sul welfare", description="Domiciliarità da programmare."
        )

    response = search(client, "domiciliarità")

    assert titles(response) == ["Tavolo sul welfare di comunità"]
    hit = response.context["page_obj"].object_list[0]
    assert hit.document.url.startswith("/eventi/evento-")
    assert hit.document.kind == "event"


def test_an_event_is_found_by_its_place_kind_organisation_agenda_and_speakers(
    client, django_capture_on_commit_callbacks
) -> None:
    giovani = Theme.objects.get(slug="giovani")
    with django_capture_on_commit_callbacks(execute=True):
        event = EventFactory.create(
            title="Laboratorio per la piazza",
            organisation=OrganisationFactory.create(name="Cooperativa Arcobaleno"),
        )
        event.sessions = [EventSession(starts_at=event.starts_at, title="Camminata esplorativa")]
        event.speakers = [EventSpeaker(name="Ottavia Pellizzari", role="urbanista")]
        event.themes.set([giovani])
        event.save()

    for words in ("Bologna", "Emilia", "workshop", "Arcobaleno", "esplorativa", "Pellizzari"):
        found = titles(search(client, words, tipo="eventi"))
        assert found == ["Laboratorio per la piazza"], words
    assert titles(search(client, "piazza", tema="giovani")) == ["Laboratorio per la piazza"]
    document = SearchDocument.objects.get(kind="event")
    assert document.published_at == event.starts_at
    assert list(document.themes.all()) == [giovani]


def test_a_cancelled_event_stays_findable_and_a_deleted_one_goes(
    client, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = EventFactory.create(title="Convegno annullato", state=EventState.CANCELLED)
        gone = OnlineEventFactory.create(title="Webinar cancellato")
    with django_capture_on_commit_callbacks(execute=True):
        gone.delete()

    assert titles(search(client, "annullato")) == ["Convegno annullato"]
    assert titles(search(client, "cancellato")) == []
    assert SearchDocument.objects.get(kind="event").object_pk == cancelled.pk


def test_documents_are_built_with_a_constant_number_of_queries() -> None:
    def index(count: int) -> int:
        Event.objects.all().delete()
        events = [
            EventFactory.create(starts_at=in_days(n + 1), organisation=OrganisationFactory.create())
            for n in range(count)
        ]
        for event in events:
            event.themes.set(Theme.objects.all()[:2])
            event.save()
        source = source_for(Event)
        assert source is not None
        with CaptureQueriesContext(connection) as queries:
            documents = [source.document(event) for event in source.queryset()]
        assert len(documents) == count
        return len(queries)

    assert index(2) == index(12)

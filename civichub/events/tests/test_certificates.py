"""Attendance certificates: the PDF read back with pypdfium2, and who gets one."""

import datetime

import pypdfium2
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from civichub.accounts.tests.factories import UserFactory
from civichub.cms.models import HubSettings
from civichub.organisations.tests.factories import OrganisationFactory

from ..certificates import certificate_pdf, latin1
from ..models import EventState, RegistrationStatus
from .factories import EventFactory, OnlineEventFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    try:
        assert len(document) == 1
        page = document[0]
        width, height = page.get_size()
        assert width > height  # landscape
        return page.get_textpage().get_text_range()
    finally:
        document.close()


@pytest.fixture
def attended():
    settings = HubSettings.load()
    settings.name = "Hub Partecipazione"
    settings.save()
    event = EventFactory.create(
        # En dash, curly quotes and ellipsis: outside the core fonts' Latin-1.
        title="Patti di collaborazione \u2013 l\u2019esperienza \u201cdi quartiere\u201d\u2026",
        starts_at=in_days(-3, 10),
        ends_at=in_days(-3, 13),
        organisation=OrganisationFactory.create(name="Comune di Bologna"),
    )
    return RegistrationFactory.create(
        event=event,
        user=UserFactory.create(first_name="Giulia", last_name="D\u2019Annunzio"),
        checked_in_at=event.starts_at,
    )


def test_the_certificate_names_person_event_date_place_and_code(attended):
    text = " ".join(text_of(certificate_pdf(attended)).split())
    assert "HUB PARTECIPAZIONE" in text
    assert "Attestato di partecipazione" in text
    assert "Giulia D'Annunzio" in text
    assert 'Patti di collaborazione - l\'esperienza "di quartiere"...' in text
    assert "Workshop · Sala civica, Bologna" in text
    assert "dalle 10:00 alle 13:00 (3 ore)" in text
    assert "organizzato da Comune di Bologna" in text
    assert attended.ticket_code in text


def test_an_online_event_over_two_days():
    event = OnlineEventFactory.create(
        title="Scuola di facilitazione", starts_at=in_days(-5, 9), ends_at=in_days(-4, 17)
    )
    registration = RegistrationFactory.create(event=event, checked_in_at=event.starts_at)
    text = " ".join(text_of(certificate_pdf(registration)).split())
    assert "Webinar · online" in text
    assert "dal " in text
    assert " al " in text
    assert registration.user.get_full_name() in text


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"checked_in_at": None}, "presenza non è stata registrata"),
        ({"status": RegistrationStatus.CANCELLED}, "presenza non è stata registrata"),
        ({"event__state": EventState.CANCELLED}, "annullato"),
        ({"event__ends_at": "future"}, "alla fine dell'evento"),
    ],
)
def test_no_certificate_without_attendance_or_before_the_end(attended, changes, message):
    for name, value in changes.items():
        if name.startswith("event__"):
            field = name.removeprefix("event__")
            if value == "future":
                value = timezone.now() + datetime.timedelta(hours=1)
            setattr(attended.event, field, value)
        else:
            setattr(attended, name, value)
    with pytest.raises(ValidationError, match=message):
        certificate_pdf(attended)


def test_latin1_keeps_italian_and_maps_the_rest():
    assert latin1("Perché è così") == "Perché è così"
    typographic = "\u2018a\u2019 \u201cb\u201d \u2013 \u2014 \u2026 5 \u20ac"
    assert latin1(typographic) == "'a' \"b\" - - ... 5 EUR"
    assert latin1("Dvořák ✓") == "Dvorák ?"

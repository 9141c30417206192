"""Personal data in events and courses: the data export, erasure, the "needs" answers
erased by ``events_housekeeping`` 30 days after the event, and an applicant
withdrawing an application from "I miei percorsi"."""

import datetime
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from civichub.accounts.tests.factories import UserFactory

from .. import gdpr
from ..models import (
    ApplicationScore,
    ApplicationStatus,
    EventFeedback,
    QuestionKind,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
    Submission,
)
from .course_factories import ApplicationFactory, AssignmentFactory, CohortFactory, EnrolmentFactory
from .factories import EventFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def person_with_everything():
    user = UserFactory.create()
    event = EventFactory.create(capacity=1, title="Tavolo sul welfare di comunità")
    question = RegistrationQuestion.objects.create(
        event=event, label="Esigenze alimentari", kind=QuestionKind.NEEDS, sort_order=0
    )
    Registration.objects.create(
        event=event,
        user=user,
        status=RegistrationStatus.CONFIRMED,
        answers={str(question.pk): "Vegetariana"},
    )
    waiting = Registration.objects.create(
        event=event, user=UserFactory.create(), status=RegistrationStatus.WAITLISTED
    )
    event.confirmed_count, event.waitlist_count = 1, 1
    event.save(update_fields=["confirmed_count", "waitlist_count"])
    past = EventFactory.create(starts_at=in_days(-5))
    attended = Registration.objects.create(
        event=past, user=user, status=RegistrationStatus.CONFIRMED, checked_in_at=timezone.now()
    )
    EventFeedback.objects.create(registration=attended, rating=5, comment="Molto utile")
    cohort = CohortFactory.create(course__title="Scuola di Alta Formazione")
    application = ApplicationFactory.create(
        cohort=cohort, applicant=user, motivation="Coordino un ambito sociale."
    )
    criterion = cohort.course.criteria.first()
    ApplicationScore.objects.create(
        application=application, criterion=criterion, reviewer=cohort.tutors.first(), score=8
    )
    enrolment = EnrolmentFactory.create(cohort=cohort, user=user)
    submission = Submission.objects.create(
        assignment=AssignmentFactory.create(cohort=cohort, title="Mappa degli attori"),
        enrolment=enrolment,
        text="Il mio elaborato sul distretto.",
        feedback="Ottimo lavoro.",
        file=SimpleUploadedFile("mappa.pdf", b"%PDF-1.4 mappa"),
    )
    return {
        "user": user,
        "event": event,
        "waiting": waiting,
        "application": application,
        "enrolment": enrolment,
        "submission": submission,
    }


def test_the_export_has_registrations_applications_enrolments_and_submissions(
    person_with_everything,
):
    section = gdpr.export_events(person_with_everything["user"])

    data = section.data
    titles = [row["event"] for row in data["registrations"]]
    assert "Tavolo sul welfare di comunità" in titles
    answers = next(row for row in data["registrations"] if row["answers"])["answers"]
    assert answers == {"Esigenze alimentari": "Vegetariana"}  # by label, not by id
    assert any(
        row["feedback"] == {"rating": 5, "comment": "Molto utile"} for row in data["registrations"]
    )
    [application] = data["course_applications"]
    assert application["course"] == "Scuola di Alta Formazione"
    assert application["motivation"] == "Coordino un ambito sociale."
    assert "score" not in str(application)  # reviewers' scores are not the person's data
    assert data["course_enrolments"][0]["certificate_code"]
    assert data["course_submissions"][0]["text"] == "Il mio elaborato sul distretto."
    names = [name for name, _file in section.files]
    assert any(name.startswith("candidature/cv-") for name in names)
    assert any(name.startswith("consegne/") and name.endswith(".pdf") for name in names)


def test_the_export_of_someone_without_events_is_empty():
    section = gdpr.export_events(UserFactory.create())

    assert all(rows == [] for rows in section.data.values())
    assert section.files == []


def test_erasure_frees_seats_and_empties_applications_and_submissions(
    person_with_everything, django_capture_on_commit_callbacks
):
    user = person_with_everything["user"]
    event = person_with_everything["event"]
    application = person_with_everything["application"]
    cv_name = application.cv.name
    storage = application.cv.storage
    submission = person_with_everything["submission"]
    file_name = submission.file.name

    with django_capture_on_commit_callbacks(execute=True):
        gdpr.erase_events(user)

    assert not Registration.objects.filter(user=user).exists()
    event.refresh_from_db()
    waiting = person_with_everything["waiting"]
    waiting.refresh_from_db()
    # The freed seat went to the person waiting (offered or confirmed directly).
    assert waiting.status in (RegistrationStatus.OFFERED, RegistrationStatus.CONFIRMED)
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert event.confirmed_count == statuses.count(RegistrationStatus.CONFIRMED)
    assert event.confirmed_count + statuses.count(RegistrationStatus.OFFERED) == 1
    application.refresh_from_db()
    assert (application.motivation, application.decision_note, application.cv.name) == ("", "", "")
    assert not storage.exists(cv_name)
    assert application.scores.count() == 1  # anonymous with the account
    submission.refresh_from_db()
    assert (submission.text, submission.feedback, submission.file.name) == ("", "", "")
    assert not storage.exists(file_name)
    assert person_with_everything["enrolment"].__class__.objects.filter(user=user).exists()


def test_needs_answers_go_30_days_after_the_event_through_housekeeping():
    old = EventFactory.create(
        starts_at=timezone.now() - datetime.timedelta(days=31, hours=3),
        ends_at=timezone.now() - datetime.timedelta(days=31),
    )
    recent = EventFactory.create(
        starts_at=timezone.now() - datetime.timedelta(days=29, hours=3),
        ends_at=timezone.now() - datetime.timedelta(days=29),
    )
    rows = {}
    for event in (old, recent):
        needs = RegistrationQuestion.objects.create(
            event=event, label="Accessibilità", kind=QuestionKind.NEEDS, sort_order=0
        )
        other = RegistrationQuestion.objects.create(
            event=event, label="Ente", kind=QuestionKind.TEXT, sort_order=1
        )
        rows[event.pk] = (
            Registration.objects.create(
                event=event,
                user=UserFactory.create(),
                answers={str(needs.pk): "Sedia a rotelle", str(other.pk): "Comune di Bologna"},
            ),
            str(needs.pk),
            str(other.pk),
        )

    out = StringIO()
    call_command("events_housekeeping", stdout=out)

    registration, needs, other = rows[old.pk]
    registration.refresh_from_db()
    assert registration.answers == {other: "Comune di Bologna"}
    registration, needs, other = rows[recent.pk]
    registration.refresh_from_db()
    assert registration.answers[needs] == "Sedia a rotelle"
    assert "risposte sulle esigenze cancellate: 1" in out.getvalue()
    assert gdpr.needs_answers_erase() == 0  # nothing left to erase


# --- withdrawing an application ----------------------------------------------------------------


def test_an_applicant_withdraws_after_confirming(client: Client):
    application = ApplicationFactory.create()
    cohort = application.cohort
    cohort.applications_count = 1
    cohort.save(update_fields=["applications_count"])
    target = reverse("events:withdraw_application", args=[cohort.course.slug, cohort.slug])
    client.force_login(application.applicant)

    mine = client.get(reverse("events:my_courses")).content.decode()
    confirm = client.get(target)
    response = client.post(target)
    again = client.post(target, follow=True)

    assert target in mine
    assert confirm.status_code == 200
    assert "Sì, ritira la candidatura" in confirm.content.decode()
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    cohort.refresh_from_db()
    assert cohort.applications_count == 0
    assert "non si può più ritirare" in again.content.decode()
    assert target not in client.get(reverse("events:my_courses")).content.decode()


def test_a_decided_application_cannot_be_withdrawn(client: Client):
    application = ApplicationFactory.create(status=ApplicationStatus.REFUSED)
    cohort = application.cohort
    client.force_login(application.applicant)

    response = client.post(
        reverse("events:withdraw_application", args=[cohort.course.slug, cohort.slug])
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REFUSED


def test_only_the_applicant_withdraws(client: Client):
    application = ApplicationFactory.create()
    cohort = application.cohort
    target = reverse("events:withdraw_application", args=[cohort.course.slug, cohort.slug])

    anonymous = client.post(target)
    client.force_login(UserFactory.create())
    other = client.post(target)
    client.force_login(cohort.tutors.get())
    tutor = client.post(target)

    assert anonymous.status_code == 302
    assert "login" in anonymous["Location"]
    assert other.status_code == 404
    assert tutor.status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED

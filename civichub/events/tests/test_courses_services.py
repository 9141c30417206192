"""Course services: applications (window, once per cohort, bad input), scoring and
decisions, open enrolment under the cohort's lock, sessions restricted to the cohort,
submissions, the completion rule and its certificate."""

import datetime
import io

import pypdfium2
import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from civichub.accounts.tests.factories import PromoterFactory, UserFactory

from .. import certificates, course_services, services
from ..models import (
    Application,
    ApplicationStatus,
    Cohort,
    CohortState,
    Enrolment,
    EnrolmentState,
    Registration,
    RegistrationStatus,
)
from .course_factories import (
    ApplicationFactory,
    AssignmentFactory,
    CohortFactory,
    EnrolmentFactory,
    OpenCourseFactory,
    pdf_upload,
    text_upload,
)
from .factories import EventFactory, in_days

pytestmark = pytest.mark.django_db


def submit(cohort, user, motivation="Vorrei co-progettare i servizi del mio comune.", cv=None):
    return course_services.application_submit(
        cohort=cohort, user=user, motivation=motivation, cv=cv if cv is not None else pdf_upload()
    )


# --- applications -------------------------------------------------------------------------


def test_application_is_saved_with_a_private_cv_and_the_team_is_told(
    django_capture_on_commit_callbacks,
):
    cohort = CohortFactory.create()
    user = UserFactory.create()
    with django_capture_on_commit_callbacks(execute=True):
        application = submit(cohort, user, cv=pdf_upload("Mario_Rossi_CV.pdf"))
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.cv.name.startswith("courses/cv/")
    assert application.cv.name.endswith(".pdf")
    assert "Rossi" not in application.cv.name  # a random name, not the person's
    cohort.refresh_from_db()
    assert cohort.applications_count == 1
    recipients = {address for message in mail.outbox for address in message.to}
    assert user.email in recipients
    assert cohort.tutors.get().email in recipients


def test_one_application_per_person_and_cohort():
    cohort = CohortFactory.create()
    user = UserFactory.create()
    submit(cohort, user)
    with pytest.raises(ValidationError) as error:
        submit(cohort, user)
    assert error.value.code == "duplicate"
    assert Application.objects.count() == 1


@pytest.mark.parametrize(
    "window",
    [
        {"applications_open_at": timezone.now() + datetime.timedelta(days=1)},
        {"applications_close_at": timezone.now() - datetime.timedelta(minutes=1)},
        {"state": CohortState.RUNNING},
        {"state": CohortState.DRAFT},
    ],
)
def test_application_outside_the_window_is_refused(window):
    cohort = CohortFactory.create(**window)
    with pytest.raises(ValidationError):
        submit(cohort, UserFactory.create())
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("motivation", "cv", "message"),
    [
        ("   ", None, "motivazione"),
        ("Motivazione seria.", "text", "tipo ammesso"),
        ("Motivazione seria.", "big", "troppo grande"),
    ],
)
def test_bad_applications_save_nothing(motivation, cv, message):
    cohort = CohortFactory.create()
    upload = {
        "text": text_upload(),
        "big": pdf_upload(size=5 * 1024 * 1024 + 1),
        None: pdf_upload(),
    }[cv]
    with pytest.raises(ValidationError) as error:
        submit(cohort, UserFactory.create(), motivation=motivation, cv=upload)
    assert message in " ".join(error.value.messages)
    assert not Application.objects.exists()
    cohort.refresh_from_db()
    assert cohort.applications_count == 0


def test_open_enrolment_courses_take_no_applications():
    cohort = CohortFactory.create(course=OpenCourseFactory.create())
    with pytest.raises(PermissionDenied):
        submit(cohort, UserFactory.create())


def test_people_who_have_not_joined_cannot_apply():
    with pytest.raises(PermissionDenied):
        submit(CohortFactory.create(), UserFactory.create(joined_at=None))


# --- scoring and decisions ------------------------------------------------------------------


def test_scores_give_a_weighted_total_averaged_over_reviewers():
    application = ApplicationFactory.create()
    cohort = application.cohort
    tutor = cohort.tutors.get()
    experience, motivation = cohort.course.criteria.order_by("sort_order")
    course_services.application_score(
        application=application, reviewer=tutor, scores={experience.pk: 8, motivation.pk: 6}
    )
    coordinator = cohort.course.coordinator
    application = course_services.application_score(
        application=application, reviewer=coordinator, scores={experience.pk: 6, motivation.pk: 10}
    )
    # Experience: mean 7 × 2; motivation: mean 8 × 1.
    assert application.score_total == 22
    # A reviewer scoring again replaces their scores.
    application = course_services.application_score(
        application=application, reviewer=tutor, scores={experience.pk: 10, motivation.pk: 6}
    )
    assert application.score_total == 24


@pytest.mark.parametrize("value", [11, -1, "dieci", None])
def test_scores_out_of_range_are_refused(value):
    application = ApplicationFactory.create()
    experience, motivation = application.cohort.course.criteria.order_by("sort_order")
    with pytest.raises(ValidationError):
        course_services.application_score(
            application=application,
            reviewer=application.cohort.tutors.get(),
            scores={experience.pk: value, motivation.pk: 5},
        )
    assert not application.scores.exists()


def test_applicants_and_strangers_cannot_score_or_decide():
    application = ApplicationFactory.create()
    for person in (application.applicant, UserFactory.create()):
        with pytest.raises(PermissionDenied):
            course_services.application_score(application=application, reviewer=person, scores={})
        with pytest.raises(PermissionDenied):
            course_services.application_decide(
                application=application, actor=person, status=ApplicationStatus.ADMITTED
            )


def test_admission_enrols_registers_to_sessions_and_tells_the_applicant_in_their_language(
    django_capture_on_commit_callbacks,
):
    application = ApplicationFactory.create(applicant=UserFactory.create(language="en"))
    cohort = application.cohort
    session = EventFactory.create(cohort=cohort, starts_at=in_days(25))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decided = course_services.application_decide(
            application=application,
            actor=cohort.tutors.get(),
            status=ApplicationStatus.ADMITTED,
            note="Benvenuta!",
        )
    assert decided.status == ApplicationStatus.ADMITTED
    enrolment = Enrolment.objects.get(cohort=cohort, user=application.applicant)
    assert enrolment.application == decided
    cohort.refresh_from_db()
    assert cohort.enrolled_count == 1
    assert Registration.objects.get(event=session, user=application.applicant).status == (
        RegistrationStatus.CONFIRMED
    )
    decision = next(m for m in mail.outbox if "Benvenuta!" in m.body)
    assert decision.to == [application.applicant.email]
    assert "Benvenuta!" in decision.body
    # Admission is final; a second decision is refused.
    with pytest.raises(ValidationError):
        course_services.application_decide(
            application=decided, actor=cohort.tutors.get(), status=ApplicationStatus.REFUSED
        )


def test_admission_beyond_capacity_is_refused_and_waitlist_then_refusal_are_possible():
    cohort = CohortFactory.create(capacity=1)
    first, second = ApplicationFactory.create_batch(2, cohort=cohort)
    tutor = cohort.tutors.get()
    course_services.application_decide(application=first, actor=tutor, status="admitted")
    with pytest.raises(ValidationError) as error:
        course_services.application_decide(application=second, actor=tutor, status="admitted")
    assert error.value.code == "full"
    second.refresh_from_db()
    assert second.status == ApplicationStatus.SUBMITTED
    assert Enrolment.objects.filter(cohort=cohort).count() == 1
    course_services.application_decide(application=second, actor=tutor, status="waitlisted")
    course_services.application_decide(application=second, actor=tutor, status="refused")
    second.refresh_from_db()
    assert second.status == ApplicationStatus.REFUSED


# --- open enrolment and sessions -----------------------------------------------------------


def test_open_enrolment_is_capped_and_a_second_call_returns_the_same_row():
    cohort = CohortFactory.create(course=OpenCourseFactory.create(), capacity=2)
    first = UserFactory.create()
    enrolment = course_services.enrolment_create(cohort=cohort, user=first)
    assert course_services.enrolment_create(cohort=cohort, user=first) == enrolment
    course_services.enrolment_create(cohort=cohort, user=UserFactory.create())
    with pytest.raises(ValidationError) as error:
        course_services.enrolment_create(cohort=cohort, user=UserFactory.create())
    assert error.value.code == "full"
    cohort.refresh_from_db()
    assert cohort.enrolled_count == 2 == Enrolment.objects.filter(cohort=cohort).count()


def test_selection_courses_take_no_open_enrolment():
    with pytest.raises(PermissionDenied):
        course_services.enrolment_create(cohort=CohortFactory.create(), user=UserFactory.create())


def test_sessions_are_only_for_people_enrolled_in_the_cohort():
    cohort = CohortFactory.create(course=OpenCourseFactory.create())
    session = EventFactory.create(cohort=cohort)
    with pytest.raises(PermissionDenied):
        services.registration_create(event=session, user=UserFactory.create())
    enrolled = EnrolmentFactory.create(cohort=cohort).user
    assert services.registration_create(event=session, user=enrolled).status == "confirmed"


def test_withdrawing_frees_the_seat_and_cancels_upcoming_sessions():
    cohort = CohortFactory.create(course=OpenCourseFactory.create(), capacity=1)
    session = EventFactory.create(cohort=cohort, starts_at=in_days(30))
    user = UserFactory.create()
    enrolment = course_services.enrolment_create(cohort=cohort, user=user)
    course_services.enrolment_withdraw(enrolment=enrolment, actor=user)
    cohort.refresh_from_db()
    assert cohort.enrolled_count == 0
    assert Registration.objects.get(event=session, user=user).status == RegistrationStatus.CANCELLED
    course_services.enrolment_create(cohort=cohort, user=UserFactory.create())


def test_publishing_a_session_registers_the_people_already_enrolled():
    cohort = CohortFactory.create(course=OpenCourseFactory.create())
    enrolment = EnrolmentFactory.create(cohort=cohort)
    session = EventFactory.create(cohort=cohort, state="draft", published_at=None)
    services.event_publish(event=session, actor=PromoterFactory.create())
    assert Registration.objects.filter(
        event=session, user=enrolment.user, status="confirmed"
    ).exists()


# --- submissions and completion ------------------------------------------------------------


def test_submission_until_the_due_date_and_resubmission_replaces(
    django_capture_on_commit_callbacks,
):
    enrolment = EnrolmentFactory.create()
    assignment = AssignmentFactory.create(cohort=enrolment.cohort)
    first = course_services.submission_save(
        assignment=assignment,
        enrolment=enrolment,
        user=enrolment.user,
        text="Prima versione",
        file=pdf_upload("a.pdf"),
    )
    old_name = first.file.name
    with django_capture_on_commit_callbacks(execute=True):
        second = course_services.submission_save(
            assignment=assignment,
            enrolment=enrolment,
            user=enrolment.user,
            text="Seconda",
            file=pdf_upload("b.pdf"),
        )
    assert second.pk == first.pk
    assert second.text == "Seconda"
    assert second.file.name != old_name
    assert old_name
    assert not second.file.storage.exists(old_name)
    late = AssignmentFactory.create(
        cohort=enrolment.cohort, due_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(ValidationError):
        course_services.submission_save(
            assignment=late, enrolment=enrolment, user=enrolment.user, text="Tardi"
        )
    with pytest.raises(PermissionDenied):
        course_services.submission_save(
            assignment=assignment, enrolment=enrolment, user=UserFactory.create(), text="Non mio"
        )


def test_empty_submission_is_refused():
    enrolment = EnrolmentFactory.create()
    assignment = AssignmentFactory.create(cohort=enrolment.cohort)
    with pytest.raises(ValidationError):
        course_services.submission_save(
            assignment=assignment, enrolment=enrolment, user=enrolment.user, text="  "
        )
    assert not assignment.submissions.exists()


@pytest.mark.parametrize(
    ("attended", "held", "threshold", "ok"),
    [
        (74, 100, 75, False),
        (75, 100, 75, True),
        (3, 4, 75, True),
        (2, 4, 75, False),
        (0, 0, 0, False),
    ],
)
def test_attendance_rule(attended, held, threshold, ok):
    assert course_services.meets_attendance(attended, held, threshold) is ok


def _past_sessions(cohort, count):
    return [
        EventFactory.create(cohort=cohort, starts_at=in_days(-10 + n), registration_required=True)
        for n in range(count)
    ]


def _attend(events, user):
    for event in events:
        Registration.objects.create(
            event=event, user=user, status="confirmed", checked_in_at=timezone.now()
        )


@pytest.mark.parametrize(("threshold", "completed"), [(75, True), (76, False)])
def test_completion_at_the_threshold_and_certificate(threshold, completed):
    course = OpenCourseFactory.create(completion_attendance=threshold)
    cohort = CohortFactory.create(course=course)
    enrolment = EnrolmentFactory.create(
        cohort=cohort, user=UserFactory.create(first_name="Giulia", last_name="Ferrari")
    )
    sessions = _past_sessions(cohort, 4)
    _attend(sessions[:3], enrolment.user)
    assert course_services.completion_check(enrolment=enrolment) is completed
    enrolment.refresh_from_db()
    assert (enrolment.state == EnrolmentState.COMPLETED) is completed
    if not completed:
        with pytest.raises(ValidationError):
            certificates.course_certificate_pdf(enrolment)
        return
    pdf = pypdfium2.PdfDocument(io.BytesIO(certificates.course_certificate_pdf(enrolment)))
    text = pdf[0].get_textpage().get_text_range()
    assert "Attestato di completamento" in text
    assert "Giulia Ferrari" in text
    assert course.title in text
    assert enrolment.certificate_code in text
    assert "3 incontri su 4" in text


def test_required_assignments_must_be_accepted_and_feedback_completes(
    django_capture_on_commit_callbacks,
):
    course = OpenCourseFactory.create(requires_assignments=True)
    cohort = CohortFactory.create(course=course)
    enrolment = EnrolmentFactory.create(cohort=cohort)
    _attend(_past_sessions(cohort, 2), enrolment.user)
    assignment = AssignmentFactory.create(cohort=cohort)
    assert course_services.completion_check(enrolment=enrolment) is False
    submission = course_services.submission_save(
        assignment=assignment, enrolment=enrolment, user=enrolment.user, text="Il mio lavoro"
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        course_services.submission_feedback(
            submission=submission,
            actor=cohort.tutors.get(),
            feedback="Ottimo lavoro.",
            accepted=True,
        )
    enrolment.refresh_from_db()
    assert enrolment.state == EnrolmentState.COMPLETED
    # The feedback and the completion (with the certificate's link), to the participant.
    assert [m.to for m in mail.outbox] == [[enrolment.user.email]] * 2
    assert "attestato.pdf" in mail.outbox[-1].body


def test_check_in_of_the_last_session_completes():
    cohort = CohortFactory.create(course=OpenCourseFactory.create(completion_attendance=50))
    enrolment = EnrolmentFactory.create(cohort=cohort)
    today = EventFactory.create(
        cohort=cohort, starts_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    registration = Registration.objects.create(event=today, user=enrolment.user, status="confirmed")
    services.registration_check_in(registration=registration, actor=PromoterFactory.create())
    enrolment.refresh_from_db()
    assert enrolment.state == EnrolmentState.COMPLETED


def test_cohort_creation_checks_the_team():
    course = OpenCourseFactory.create()
    with pytest.raises(PermissionDenied):
        course_services.cohort_create(
            actor=UserFactory.create(),
            course=course,
            name="Prima",
            slug="prima",
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate(),
        )
    cohort = course_services.cohort_create(
        actor=course.coordinator,
        course=course,
        name="Prima",
        slug="prima",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate(),
    )
    assert Cohort.objects.filter(pk=cohort.pk).exists()

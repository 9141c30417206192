"""The courses' back office: who reaches it, every listing and form answering, an
edition created and changed through the services (its private area, the tutors as
facilitators), decisions, withdrawals, completion checks and feedback taken through
the services, sessions linked to an edition."""

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from civichub.accounts.tests.factories import (
    ContributorFactory,
    PromoterFactory,
    StaffFactory,
    UserFactory,
)
from civichub.communities.models import AreaMembership, MemberRole, MemberState, Visibility

from ..models import (
    ApplicationStatus,
    Cohort,
    CohortState,
    Course,
    Enrolment,
    EnrolmentState,
    Event,
    Submission,
)
from .course_factories import (
    ApplicationFactory,
    AssignmentFactory,
    CohortFactory,
    CourseFactory,
    EnrolmentFactory,
    ModuleFactory,
)
from .factories import EventFactory
from .test_admin import add_row, form_data, with_back_office_access

pytestmark = pytest.mark.django_db

COURSES = "wagtailsnippets_events_course"
COHORTS = "wagtailsnippets_events_cohort"
APPLICATIONS = "wagtailsnippets_events_application"
ENROLMENTS = "wagtailsnippets_events_enrolment"
ASSIGNMENTS = "wagtailsnippets_events_assignment"
SUBMISSIONS = "wagtailsnippets_events_submission"
EVENTS = "wagtailsnippets_events_event"


def url(name: str, *args: Any) -> str:
    return reverse(name, args=args)


@pytest.fixture
def staff_client(client: Client) -> Client:
    client.force_login(StaffFactory.create())
    return client


@pytest.fixture
def rows() -> dict[str, Any]:
    cohort = CohortFactory.create()
    application = ApplicationFactory.create(cohort=cohort)
    enrolment = EnrolmentFactory.create(cohort=cohort)
    assignment = AssignmentFactory.create(cohort=cohort)
    submission = Submission.objects.create(
        assignment=assignment, enrolment=enrolment, text="La mia analisi del territorio."
    )
    return {
        "course": cohort.course,
        "cohort": cohort,
        "application": application,
        "enrolment": enrolment,
        "assignment": assignment,
        "submission": submission,
    }


def pages(rows: dict[str, Any]) -> list[str]:
    return [
        url(f"{COURSES}:list"),
        url(f"{COURSES}:add"),
        url(f"{COURSES}:edit", rows["course"].pk),
        url(f"{COHORTS}:list"),
        url(f"{COHORTS}:add"),
        url(f"{COHORTS}:edit", rows["cohort"].pk),
        url(f"{APPLICATIONS}:list"),
        url(f"{APPLICATIONS}:inspect", rows["application"].pk),
        url(f"{APPLICATIONS}:decide", rows["application"].pk),
        url(f"{ENROLMENTS}:list"),
        url(f"{ENROLMENTS}:inspect", rows["enrolment"].pk),
        url(f"{ENROLMENTS}:withdraw", rows["enrolment"].pk),
        url(f"{ENROLMENTS}:completion", rows["enrolment"].pk),
        url(f"{ASSIGNMENTS}:list"),
        url(f"{ASSIGNMENTS}:add"),
        url(f"{ASSIGNMENTS}:edit", rows["assignment"].pk),
        url(f"{SUBMISSIONS}:list"),
        url(f"{SUBMISSIONS}:inspect", rows["submission"].pk),
        url(f"{SUBMISSIONS}:feedback", rows["submission"].pk),
    ]


def test_every_page_answers_staff_and_promoters(client: Client, rows: dict[str, Any]) -> None:
    for user in (StaffFactory.create(), with_back_office_access(PromoterFactory.create())):
        client.force_login(user)
        for target in pages(rows):
            assert client.get(target).status_code == 200, target


@pytest.mark.parametrize("factory", [None, UserFactory, ContributorFactory], ids=str)
def test_others_are_refused_even_with_back_office_access(
    client: Client, rows: dict[str, Any], factory: Any
) -> None:
    if factory is not None:
        client.force_login(with_back_office_access(factory.create()))
    for target in pages(rows):
        response = client.get(target)
        assert response.status_code in (302, 403), target
        if response.status_code == 302:  # to the login or to the dashboard, with a notice
            assert response["Location"].split("?")[0] in ("/admin/", "/accounts/login/")
    decide = client.post(
        url(f"{APPLICATIONS}:decide", rows["application"].pk), {"status": "admitted"}
    )
    assert decide.status_code in (302, 403)
    rows["application"].refresh_from_db()
    assert rows["application"].status == ApplicationStatus.SUBMITTED
    assert not Enrolment.objects.filter(application=rows["application"]).exists()


def test_nothing_is_deleted_from_the_back_office(staff_client: Client, rows: dict[str, Any]):
    for name, key in ((COURSES, "course"), (COHORTS, "cohort"), (APPLICATIONS, "application")):
        response = staff_client.post(url(f"{name}:delete", rows[key].pk))
        assert response.status_code in (302, 403, 404)
    assert Course.objects.filter(pk=rows["course"].pk).exists()
    assert Cohort.objects.filter(pk=rows["cohort"].pk).exists()


def test_a_course_with_modules_and_criteria_is_created(staff_client: Client) -> None:
    data = form_data(staff_client, url(f"{COURSES}:add"))
    data.update(
        title="Scuola di facilitazione",
        slug="scuola-facilitazione",
        summary="Un percorso per chi facilita tavoli tra enti e associazioni.",
        admission="selection",
        completion_attendance="80",
        state="published",
    )
    add_row(data, "modules", title="Ascoltare il territorio", description="")
    add_row(data, "criteria", name="Esperienza", weight="2", max_score="10")

    response = staff_client.post(url(f"{COURSES}:add"), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    course = Course.objects.get(slug="scuola-facilitazione")
    assert list(course.modules.values_list("title", flat=True)) == ["Ascoltare il territorio"]
    assert list(course.criteria.values_list("name", "weight")) == [("Esperienza", 2)]
    assert course.completion_attendance == 80


def test_a_new_edition_gets_its_private_area_with_the_tutors(staff_client: Client) -> None:
    course = CourseFactory.create()
    tutor = ContributorFactory.create()
    today = timezone.localdate()

    response = staff_client.post(
        url(f"{COHORTS}:add"),
        {
            "course": course.pk,
            "name": "Edizione autunno",
            "slug": "autunno",
            "starts_on": str(today + datetime.timedelta(days=30)),
            "ends_on": str(today + datetime.timedelta(days=90)),
            "capacity": "25",
            "applications_open_at": "",
            "applications_close_at": "",
            "tutors": [str(tutor.pk)],
            "state": CohortState.OPEN,
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    cohort = Cohort.objects.get(course=course, slug="autunno")
    assert cohort.capacity == 25
    assert cohort.area is not None
    assert cohort.area.visibility == Visibility.PRIVATE
    assert AreaMembership.objects.filter(
        area=cohort.area, user=tutor, role=MemberRole.FACILITATOR, state=MemberState.ACTIVE
    ).exists()


def test_an_edition_keeps_its_seats_above_the_enrolled(staff_client: Client) -> None:
    cohort = CohortFactory.create(capacity=5)
    for _ in range(3):
        EnrolmentFactory.create(cohort=cohort)
    Cohort.objects.filter(pk=cohort.pk).update(enrolled_count=3)
    new_tutor = ContributorFactory.create()
    base = {
        "name": cohort.name,
        "slug": cohort.slug,
        "starts_on": str(cohort.starts_on),
        "ends_on": str(cohort.ends_on),
        "applications_open_at": "",
        "applications_close_at": "",
        "tutors": [str(new_tutor.pk)],
        "state": cohort.state,
    }

    refused = staff_client.post(url(f"{COHORTS}:edit", cohort.pk), {**base, "capacity": "2"})
    accepted = staff_client.post(url(f"{COHORTS}:edit", cohort.pk), {**base, "capacity": "8"})

    assert refused.status_code == 200
    assert "già iscritte" in refused.content.decode()
    assert accepted.status_code == 302
    cohort.refresh_from_db()
    assert cohort.capacity == 8
    assert list(cohort.tutors.all()) == [new_tutor]
    # The edition had no area yet: it gets one, with the tutor facilitating it.
    assert cohort.area is not None
    assert AreaMembership.objects.filter(
        area=cohort.area, user=new_tutor, role=MemberRole.FACILITATOR
    ).exists()


def test_the_ranking_filters_by_edition_and_status(staff_client: Client) -> None:
    cohort = CohortFactory.create()
    other = CohortFactory.create()
    best = ApplicationFactory.create(cohort=cohort, applicant__first_name="Giulia")
    best.score_total = 27
    best.save(update_fields=["score_total"])
    weak = ApplicationFactory.create(cohort=cohort, applicant__first_name="Marco")
    weak.score_total = 12
    weak.save(update_fields=["score_total"])
    ApplicationFactory.create(cohort=other, applicant__first_name="Ottavia")

    content = staff_client.get(url(f"{APPLICATIONS}:list"), {"cohort": cohort.pk}).content.decode()
    assert content.index("Giulia") < content.index("Marco")
    assert "Ottavia" not in content
    assert "27" in content
    refused = staff_client.get(
        url(f"{APPLICATIONS}:list"), {"cohort": cohort.pk, "status": "refused"}
    ).content.decode()
    assert "Giulia" not in refused


def test_a_decision_from_the_back_office_enrols_and_tells_the_applicant(
    staff_client: Client, django_capture_on_commit_callbacks: Any, mailoutbox: Any
) -> None:
    application = ApplicationFactory.create()

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            url(f"{APPLICATIONS}:decide", application.pk),
            {"status": "admitted", "note": "Benvenuta nel percorso."},
        )
    again = staff_client.post(url(f"{APPLICATIONS}:decide", application.pk), {"status": "refused"})

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ADMITTED
    assert application.decision_note == "Benvenuta nel percorso."
    enrolment = Enrolment.objects.get(application=application)
    assert enrolment.state == EnrolmentState.ACTIVE
    application.cohort.refresh_from_db()
    assert application.cohort.enrolled_count == 1
    assert application.applicant.email in {m.to[0] for m in mailoutbox}
    # An admission is final: the second decision is refused with the reason.
    assert again.status_code == 200
    assert "già stata ammessa" in again.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ADMITTED


def test_a_decision_needs_a_status(staff_client: Client) -> None:
    application = ApplicationFactory.create()

    response = staff_client.post(url(f"{APPLICATIONS}:decide", application.pk), {"status": ""})

    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_admitting_beyond_the_seats_is_refused(staff_client: Client) -> None:
    cohort = CohortFactory.create(capacity=1)
    first, second = ApplicationFactory.create_batch(2, cohort=cohort)

    staff_client.post(url(f"{APPLICATIONS}:decide", first.pk), {"status": "admitted"})
    response = staff_client.post(url(f"{APPLICATIONS}:decide", second.pk), {"status": "admitted"})

    assert response.status_code == 200
    assert "esauriti" in response.content.decode()
    second.refresh_from_db()
    assert second.status == ApplicationStatus.SUBMITTED
    assert Enrolment.objects.filter(cohort=cohort).count() == 1


def test_withdrawing_an_enrolment_frees_the_seat(staff_client: Client) -> None:
    cohort = CohortFactory.create()
    enrolment = EnrolmentFactory.create(cohort=cohort)
    Cohort.objects.filter(pk=cohort.pk).update(enrolled_count=1)

    response = staff_client.post(url(f"{ENROLMENTS}:withdraw", enrolment.pk))

    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.state == EnrolmentState.WITHDRAWN
    cohort.refresh_from_db()
    assert cohort.enrolled_count == 0


def test_the_completion_check_from_the_back_office(staff_client: Client) -> None:
    cohort = CohortFactory.create()
    enrolment = EnrolmentFactory.create(cohort=cohort)
    session = EventFactory.create(
        cohort=cohort,
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )

    not_yet = staff_client.post(url(f"{ENROLMENTS}:completion", enrolment.pk), follow=True)
    enrolment.refresh_from_db()
    assert enrolment.state == EnrolmentState.ACTIVE
    assert "non ha ancora i requisiti" in not_yet.content.decode()

    session.registrations.create(user=enrolment.user, checked_in_at=timezone.now())
    staff_client.post(url(f"{ENROLMENTS}:completion", enrolment.pk))
    enrolment.refresh_from_db()
    assert enrolment.state == EnrolmentState.COMPLETED


def test_feedback_from_the_back_office(staff_client: Client, rows: dict[str, Any]) -> None:
    submission = rows["submission"]

    empty = staff_client.post(url(f"{SUBMISSIONS}:feedback", submission.pk), {"feedback": ""})
    response = staff_client.post(
        url(f"{SUBMISSIONS}:feedback", submission.pk),
        {"feedback": "Analisi chiara, manca il ruolo delle associazioni.", "accepted": "on"},
    )

    assert empty.status_code == 200
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.accepted
    assert submission.feedback.startswith("Analisi chiara")
    assert submission.feedback_by is not None


def test_an_assignment_module_must_belong_to_the_course(staff_client: Client) -> None:
    cohort = CohortFactory.create()
    foreign = ModuleFactory.create()
    own = ModuleFactory.create(course=cohort.course)
    data = {
        "cohort": cohort.pk,
        "title": "Mappa degli attori",
        "instructions": "Disegna la mappa degli attori del tuo territorio.",
        "due_at": timezone.localtime(timezone.now() + datetime.timedelta(days=5)).strftime(
            "%Y-%m-%d %H:%M"
        ),
    }

    refused = staff_client.post(url(f"{ASSIGNMENTS}:add"), {**data, "module": foreign.pk})
    created = staff_client.post(url(f"{ASSIGNMENTS}:add"), {**data, "module": own.pk})

    assert refused.status_code == 200
    assert created.status_code == 302
    assert cohort.assignments.get().module == own


def test_sessions_of_an_edition_are_listed_by_the_event_filter(staff_client: Client) -> None:
    cohort = CohortFactory.create()
    EventFactory.create(cohort=cohort, title="Primo incontro della Scuola")
    EventFactory.create(title="Evento qualsiasi")

    content = staff_client.get(url(f"{EVENTS}:list"), {"cohort": cohort.pk}).content.decode()

    assert "Primo incontro della Scuola" in content
    assert "Evento qualsiasi" not in content
    assert Event.objects.filter(cohort=cohort).count() == 1

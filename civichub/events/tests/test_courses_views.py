"""Course pages over HTTP: the permission matrix role by role (who sees applications,
scores, CVs, submissions, progress), the application form (bad input saves nothing,
double submit), open enrolment, and constant query counts for every list."""

import pytest
from django.test import Client
from django.urls import reverse

from civichub.accounts.tests.factories import PromoterFactory, StaffFactory, UserFactory
from civichub.organisations.tests.factories import OrganisationFactory, admin_of

from .. import course_services
from ..models import Application, ApplicationScore, Enrolment, Submission
from .course_factories import (
    ApplicationFactory,
    AssignmentFactory,
    CohortFactory,
    CourseFactory,
    EnrolmentFactory,
    OpenCourseFactory,
    pdf_upload,
    text_upload,
)
from .factories import EventFactory

pytestmark = pytest.mark.django_db

ROLES = (
    "visitor",
    "participant",
    "applicant",
    "enrolled",
    "tutor",
    "manager",
    "org_admin",
    "promoter",
    "staff",
)
TEAM = {"tutor", "manager", "org_admin", "promoter", "staff"}


@pytest.fixture
def scene():
    organisation = OrganisationFactory.create()
    course = CourseFactory.create(organisation=organisation)
    cohort = CohortFactory.create(course=course)
    application = ApplicationFactory.create(cohort=cohort)
    enrolment = EnrolmentFactory.create(cohort=cohort)
    assignment = AssignmentFactory.create(cohort=cohort)
    submission = course_services.submission_save(
        assignment=assignment,
        enrolment=enrolment,
        user=enrolment.user,
        text="Testo",
        file=pdf_upload(),
    )
    org_admin = UserFactory.create()
    admin_of(organisation, org_admin)
    people = {
        "visitor": None,
        "participant": UserFactory.create(),
        "applicant": application.applicant,
        "enrolled": enrolment.user,
        "tutor": cohort.tutors.get(),
        "manager": course.coordinator,
        "org_admin": org_admin,
        "promoter": PromoterFactory.create(),
        "staff": StaffFactory.create(),
    }
    return {
        "course": course,
        "cohort": cohort,
        "application": application,
        "enrolment": enrolment,
        "submission": submission,
        "people": people,
    }


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def status_of(response):
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    return response.status_code


def url(name, scene, *extra):
    return reverse(f"events:{name}", args=[scene["course"].slug, scene["cohort"].slug, *extra])


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(scene, role):
    user = scene["people"][role]
    client = client_for(user)
    team = role in TEAM
    expected_team = 200 if team else ("login" if role == "visitor" else 404)
    pages = {
        "applications": url("applications", scene),
        "application": url("application", scene, scene["application"].pk),
        "enrolments": url("enrolments", scene),
        "submissions": url("submissions", scene),
        "participant": url("participant_progress", scene, scene["enrolment"].pk),
    }
    for name, path in pages.items():
        assert status_of(client.get(path)) == expected_team, (name, role)
    # The CV: the applicant and the team.
    cv = status_of(client.get(url("application_cv", scene, scene["application"].pk)))
    assert cv == (200 if team or role == "applicant" else "login" if role == "visitor" else 404)
    # A submission's file: its author and the team.
    file = status_of(client.get(url("submission_file", scene, scene["submission"].pk)))
    assert file == (200 if team or role == "enrolled" else "login" if role == "visitor" else 404)
    # The progress page: only one's own enrolment.
    progress = status_of(client.get(url("progress", scene)))
    assert progress == (200 if role == "enrolled" else "login" if role == "visitor" else 404)
    # Everyone sees the course page; the team's links only for the team.
    page = client.get(scene["course"].get_absolute_url())
    assert page.status_code == 200
    assert (url("applications", scene) in page.content.decode()) is team


def test_cv_is_never_under_media(scene):
    name = scene["application"].cv.name
    assert name.startswith("courses/")
    assert Client().get(f"/media/{name}").status_code == 404


def test_applicants_never_see_scores(scene):
    application = scene["application"]
    criterion = scene["course"].criteria.first()
    ApplicationScore.objects.create(
        application=application,
        criterion=criterion,
        reviewer=scene["people"]["tutor"],
        score=7,
        note="Nota riservata",
    )
    response = client_for(application.applicant).get(reverse("events:my_courses"))
    assert response.status_code == 200
    assert "Nota riservata" not in response.content.decode()
    assert (
        client_for(application.applicant).get(url("application", scene, application.pk)).status_code
        == 404
    )


def test_apply_over_http_and_double_submit():
    cohort = CohortFactory.create()
    user = UserFactory.create()
    client = client_for(user)
    path = reverse("events:apply", args=[cohort.course.slug, cohort.slug])
    assert client.get(path).status_code == 200
    data = {"motivation": "Coordino un ambito sociale e vorrei imparare.", "cv": pdf_upload()}
    response = client.post(path, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("events:my_courses")
    again = client.post(path, {"motivation": "Ancora", "cv": pdf_upload()})
    assert again.status_code == 302
    assert Application.objects.filter(cohort=cohort, applicant=user).count() == 1
    page = client.get(reverse("events:my_courses"))
    assert cohort.course.title in page.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"motivation": "", "cv": "pdf"}, "obbligatorio"),
        ({"motivation": "Motivazione", "cv": "text"}, "tipo ammesso"),
        ({"motivation": "Motivazione", "cv": "big"}, "troppo grande"),
        ({"motivation": "Motivazione", "cv": None}, "obbligatorio"),
    ],
)
def test_bad_application_form_saves_nothing(data, message):
    cohort = CohortFactory.create()
    client = client_for(UserFactory.create())
    files = {
        "pdf": pdf_upload(),
        "text": text_upload(),
        "big": pdf_upload(size=5 * 1024 * 1024 + 10),
    }
    post = {"motivation": data["motivation"]}
    if data["cv"]:
        post["cv"] = files[data["cv"]]
    response = client.post(reverse("events:apply", args=[cohort.course.slug, cohort.slug]), post)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Application.objects.exists()


def test_open_enrolment_over_http():
    cohort = CohortFactory.create(course=OpenCourseFactory.create())
    user = UserFactory.create()
    client = client_for(user)
    path = reverse("events:enrol", args=[cohort.course.slug, cohort.slug])
    assert client.get(path).status_code == 405
    response = client.post(path)
    assert response.status_code == 302
    assert client.post(path).status_code == 302  # double submit
    assert Enrolment.objects.filter(cohort=cohort, user=user).count() == 1
    assert client.get(response["Location"]).status_code == 200


def test_decision_and_scoring_over_http(scene):
    tutor = client_for(scene["people"]["tutor"])
    application = scene["application"]
    criteria = list(scene["course"].criteria.all())
    path = url("application", scene, application.pk)
    bad = tutor.post(path, {"azione": "valuta", **{f"score_{c.pk}": 99 for c in criteria}})
    assert bad.status_code == 400
    assert not ApplicationScore.objects.exists()
    ok = tutor.post(path, {"azione": "valuta", **{f"score_{c.pk}": 5 for c in criteria}})
    assert ok.status_code == 302
    application.refresh_from_db()
    assert application.score_total == 15
    decided = tutor.post(path, {"azione": "decidi", "status": "admitted", "note": ""})
    assert decided.status_code == 302
    assert Enrolment.objects.filter(user=application.applicant).exists()


def test_feedback_over_http(scene):
    tutor = client_for(scene["people"]["tutor"])
    submission = scene["submission"]
    path = url("submissions", scene)
    assert tutor.post(path, {"elaborato": submission.pk, "feedback": ""}).status_code == 400
    response = tutor.post(
        path, {"elaborato": submission.pk, "feedback": "Ben fatto", "accepted": "on"}
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.accepted
    assert submission.feedback == "Ben fatto"
    outsider = client_for(scene["people"]["participant"])
    assert outsider.post(path, {"elaborato": submission.pk, "feedback": "X"}).status_code == 404


def test_submission_over_http(scene):
    enrolment = scene["enrolment"]
    client = client_for(enrolment.user)
    assignment = AssignmentFactory.create(cohort=scene["cohort"])
    path = url("submit", scene, assignment.pk)
    client.post(path, {"text": "La mia consegna"})
    assert Submission.objects.get(assignment=assignment).text == "La mia consegna"
    other = client_for(scene["people"]["participant"])
    assert other.post(path, {"text": "Intruso"}).status_code == 404


# --- query counts ---------------------------------------------------------------------------


def _count(client, path):
    """Queries of one GET, after two warm-up GETs (the first requests of a test create
    the hub's settings row and fill the site's caches, e.g. the page tree's)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    client.get(path)
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(context.captured_queries)


def test_catalogue_queries_are_constant():
    client = Client()
    path = reverse("events:courses")
    CohortFactory.create(course=CourseFactory.create())
    few = _count(client, path)
    for _ in range(5):
        CohortFactory.create_batch(2, course=CourseFactory.create())
    assert _count(client, path) == few


def test_course_page_queries_are_constant():
    course = CourseFactory.create()
    cohort = CohortFactory.create(course=course)
    EventFactory.create(cohort=cohort)
    client = client_for(UserFactory.create())
    few = _count(client, course.get_absolute_url())
    for _ in range(3):
        other = CohortFactory.create(course=course)
        EventFactory.create_batch(2, cohort=other)
    assert _count(client, course.get_absolute_url()) == few


def test_team_lists_queries_are_constant(scene):
    tutor = client_for(scene["people"]["tutor"])
    cohort = scene["cohort"]
    assignment = AssignmentFactory.create(cohort=cohort)
    paths = [url(name, scene) for name in ("applications", "enrolments", "submissions")]
    before = [_count(tutor, path) for path in paths]
    EventFactory.create_batch(3, cohort=cohort)
    for _ in range(4):
        ApplicationFactory.create(cohort=cohort)
        enrolment = EnrolmentFactory.create(cohort=cohort)
        course_services.submission_save(
            assignment=assignment, enrolment=enrolment, user=enrolment.user, text="x"
        )
    assert [_count(tutor, path) for path in paths] == before


def test_my_courses_and_progress_queries_are_constant(scene):
    enrolment = scene["enrolment"]
    client = client_for(enrolment.user)
    EventFactory.create(cohort=scene["cohort"])
    paths = [reverse("events:my_courses"), url("progress", scene)]
    before = [_count(client, path) for path in paths]
    for _ in range(3):
        EnrolmentFactory.create(user=enrolment.user)
        ApplicationFactory.create(applicant=enrolment.user)
        EventFactory.create(cohort=scene["cohort"])
        AssignmentFactory.create(cohort=scene["cohort"])
    assert [_count(client, path) for path in paths] == before

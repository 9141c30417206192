"""Courses in a real browser on the demo hub: a participant finds the open course in
the catalogue, enrols in the upcoming edition, sees it in "I miei percorsi" and opens
the progress page; the application form of a course with selection; axe on every page
on the way."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from civichub.accounts.models import Role, User
from civichub.events.demo import SCHOOL_SLUG, TABLE_COURSE_SLUG
from civichub.events.models import Cohort, CohortState, Course, Enrolment, EnrolmentState

from .conftest import BrowserProblems
from .test_events import _check, _sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("demo_hub")]

TABLE_TITLE = re.compile("Facilitare un tavolo di co-progettazione", re.IGNORECASE)


def test_find_a_course_enrol_and_follow_the_progress(
    page: Page, browser_problems: BrowserProblems
) -> None:
    course = Course.objects.get(slug=TABLE_COURSE_SLUG)
    upcoming = course.cohorts.get(state=CohortState.OPEN)
    person = (
        User.objects.filter(role=Role.PARTICIPANT, joined_at__isnull=False, is_active=True)
        .exclude(course_enrolments__cohort__course=course)
        .order_by("email")
        .first()
    )
    assert person is not None
    course_path = f"/eventi/percorsi/{TABLE_COURSE_SLUG}/"

    # A visitor finds the course in the catalogue and opens it.
    page.goto("/eventi/percorsi/")
    _check(page, browser_problems)
    page.get_by_role("link", name=TABLE_TITLE).first.click()
    expect(page).to_have_url(re.compile(re.escape(course_path) + "$"))
    _check(page, browser_problems)

    # Signed in, the person enrols in the upcoming edition.
    _sign_in(page, person.email, course_path)
    page.get_by_role("button", name=re.compile(f"Iscriviti {upcoming.name}")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("I tuoi progressi")
    _check(page, browser_problems)
    enrolment = Enrolment.objects.get(cohort=upcoming, user=person)
    assert enrolment.state == EnrolmentState.ACTIVE
    upcoming.refresh_from_db()
    assert upcoming.enrolled_count == upcoming.enrolments.filter(state="active").count()

    # "I miei percorsi" lists it, with the way to the progress page.
    page.goto("/eventi/percorsi/mie/")
    expect(page.get_by_role("link", name=TABLE_TITLE).first).to_be_visible()
    _check(page, browser_problems)
    page.get_by_role("link", name=re.compile("Progressi")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("I tuoi progressi")


def test_the_application_form_of_a_course_with_selection(
    page: Page, browser_problems: BrowserProblems
) -> None:
    school = Course.objects.get(slug=SCHOOL_SLUG)
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        course=school,
        slug="edizione-prossima",
        name="Prossima edizione",
        starts_on=today + datetime.timedelta(days=60),
        ends_on=today + datetime.timedelta(days=150),
        capacity=15,
        applications_open_at=timezone.now() - datetime.timedelta(days=1),
        applications_close_at=timezone.now() + datetime.timedelta(days=30),
        state=CohortState.OPEN,
    )
    person = (
        User.objects.filter(role=Role.PARTICIPANT, joined_at__isnull=False, is_active=True)
        .order_by("email")
        .first()
    )
    assert person is not None
    course_path = f"/eventi/percorsi/{SCHOOL_SLUG}/"

    _sign_in(page, person.email, course_path)
    _check(page, browser_problems)
    page.get_by_role("link", name=re.compile(f"Candidati {cohort.name}")).click()
    expect(page).to_have_url(re.compile(r"/candidatura/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Candidatura a")
    _check(page, browser_problems)

    # Sent without a motivation or a CV: the form explains, nothing is saved.
    page.get_by_role("button", name=re.compile("Invia")).click()
    _check(page, browser_problems)
    assert not cohort.applications.exists()

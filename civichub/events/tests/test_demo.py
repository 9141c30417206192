"""The demo events: data that holds together, a seed that works with the two regions the
test settings load, registrations consistent with the counters, and a second run that
changes nothing."""

import datetime
from importlib import import_module
from importlib.util import find_spec

import pytest
from django.utils import timezone

from civichub.accounts import demo as accounts_demo
from civichub.organisations import demo as organisations_demo
from civichub.taxonomy.models import AUDIENCES, Theme
from civichub.territories import demo as territories_demo
from civichub.territories.models import Municipality

from .. import demo
from ..models import (
    ACTIVE_STATUSES,
    Event,
    EventFeedback,
    EventKind,
    EventSession,
    EventSpeaker,
    EventState,
    Format,
    QuestionKind,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
)

PEOPLE = {email.removesuffix(demo.DOMAIN) for email, *_rest in accounts_demo.DEMO_LOGINS}
PEOPLE |= {person.email.removesuffix(demo.DOMAIN) for person in accounts_demo.PEOPLE}


def run() -> list[str]:
    lines: list[str] = []
    demo.seed(lines.append)
    return lines


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """What seed_demo runs before the events (Emilia-Romagna and Marche only), then the
    events once, for every test of the module; rolled back at the end."""
    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            modules = [territories_demo, accounts_demo, organisations_demo]
            if find_spec("civichub.library.demo"):
                modules.append(import_module("civichub.library.demo"))
            for module in modules:
                module.seed(log=lambda message: None)
            yield run()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def events(seeded, db):
    return seeded


def test_demo_data_covers_every_kind_format_and_state():
    slugs = [entry.slug for entry in demo.EVENTS]
    assert len(set(slugs)) == len(slugs) >= 30
    assert {entry.kind for entry in demo.EVENTS} == set(EventKind.values)
    assert {entry.format for entry in demo.EVENTS} == set(Format.values)
    past = [entry for entry in demo.EVENTS if entry.day < 0]
    future = [entry for entry in demo.EVENTS if entry.day > 0]
    assert len(past) >= 10
    assert len(future) >= 15
    assert all(-183 <= entry.day <= 122 for entry in demo.EVENTS)  # six months back, four ahead
    states = [entry.state for entry in demo.EVENTS]
    assert states.count(EventState.CANCELLED) == 1
    assert states.count(EventState.DRAFT) == 2
    full = [e for e in future if e.capacity and e.registered > e.capacity and e.waitlist]
    assert len(full) >= 2
    organisations = {entry.slug for entry in organisations_demo.ORGANISATIONS}
    regions = set()
    for entry in demo.EVENTS:
        assert len(entry.summary) <= 300, entry.slug
        assert len(entry.title) <= 160, entry.slug
        assert len(entry.slug) <= 120, entry.slug
        assert entry.organiser in PEOPLE, entry.slug
        assert not entry.organisation or entry.organisation in organisations, entry.slug
        assert all(speaker.login in PEOPLE for speaker in entry.speakers if speaker.login)
        assert {login for login, _what in entry.logins} <= PEOPLE
        assert set(entry.audiences) <= set(AUDIENCES)
        assert (entry.format == Format.ONLINE) == (not entry.comune), entry.slug
        assert bool(entry.cancellation_reason) == (entry.state == EventState.CANCELLED)
        assert all(session.offset + session.minutes <= entry.minutes for session in entry.agenda)
        if entry.comune:
            regions.add(entry.comune[:3])
    assert len(regions) >= 10  # provinces: spread across the country


@pytest.mark.django_db
def test_demo_data_uses_existing_themes():
    themes = set(Theme.objects.values_list("slug", flat=True))
    assert {slug for entry in demo.EVENTS for slug in entry.themes} <= themes


def test_seed_builds_consistent_events(events):
    comuni = set(Municipality.objects.values_list("istat_code", flat=True))
    expected = {entry.slug for entry in demo.EVENTS if not entry.comune or entry.comune in comuni}
    # Course sessions are the courses' own (test_courses_demo_*).
    assert set(Event.objects.filter(cohort__isnull=True).values_list("slug", flat=True)) == expected
    assert len(expected) >= 24
    assert any("rimandati" in line for line in events)  # the rest of Italy is not loaded
    now = timezone.now()
    public = Event.objects.public()
    assert public.past(now).count() >= 10
    assert public.upcoming(now).count() >= 12
    assert set(public.values_list("kind", flat=True)) == set(EventKind.values)
    assert Event.objects.filter(state=EventState.DRAFT).count() == 2
    assert public.filter(recording__isnull=True, title_en="").exists()

    for event in Event.objects.select_related("municipality"):
        if event.municipality:
            assert event.region_id == event.municipality.region_id
        else:
            assert event.format == Format.ONLINE
            assert event.region_id is None
        assert (event.online_url != "") == event.is_online
        assert event.ends_at > event.starts_at
        assert event.cover_id is not None
        assert event.themes.exists()
        assert event.organiser is not None
        if event.state == EventState.DRAFT:
            assert event.published_at is None
            assert not event.registrations.exists()
        else:
            assert event.published_at is not None
            assert event.published_at <= now
        statuses = list(event.registrations.values_list("status", flat=True))
        assert event.confirmed_count == statuses.count(RegistrationStatus.CONFIRMED)
        assert event.waitlist_count == statuses.count(RegistrationStatus.WAITLISTED)
        if event.capacity is not None:
            assert event.confirmed_count <= event.capacity
        if event.waitlist_count:
            assert event.confirmed_count == event.capacity  # nobody waits for a free seat
        past = event.ends_at < now
        if past:
            assert not event.registrations.filter(status__in=ACTIVE_STATUSES[1:]).exists()
            if event.confirmed_count and event.state == EventState.PUBLISHED:
                assert event.registrations.filter(checked_in_at__isnull=False).exists()
                assert event.feedback_requested_at is not None
        else:
            assert not event.registrations.filter(checked_in_at__isnull=False).exists()
            assert not EventFeedback.objects.filter(registration__event=event).exists()
    assert not EventFeedback.objects.filter(registration__checked_in_at__isnull=True).exists()


def test_cancelled_event_keeps_its_reason_and_cancels_every_registration(events):
    cancelled = Event.objects.get(state=EventState.CANCELLED)

    assert cancelled.cancellation_reason
    assert cancelled.cancelled_at is not None
    assert cancelled.registrations.exists()
    assert not cancelled.registrations.exclude(
        status=RegistrationStatus.CANCELLED, cancelled_by_organiser=True
    ).exists()
    assert (cancelled.confirmed_count, cancelled.waitlist_count) == (0, 0)


def test_full_events_have_a_waitlist_in_order(events):
    full = Event.objects.filter(waitlist_count__gt=0, starts_at__gt=timezone.now())

    assert full.count() >= 2
    for event in full:
        confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED)
        waiting = event.registrations.filter(status=RegistrationStatus.WAITLISTED)
        assert max(confirmed.values_list("queued_at", flat=True)) < min(
            waiting.values_list("queued_at", flat=True)
        )


def test_agenda_speakers_questions_and_answers(events):
    training = Event.objects.get(slug="giornata-formativa-patti-di-collaborazione")

    sessions = list(training.sessions.all())
    assert len(sessions) == 6
    assert sessions[0].starts_at == training.starts_at
    assert all(session.ends_at <= training.ends_at for session in sessions)
    assert training.speakers.filter(user__email="contributore@civichub.example").exists()
    assert EventSpeaker.objects.filter(user__isnull=True).exists()
    required = training.questions.get(required=True)
    for registration in training.registrations.all():
        assert set(registration.answers) <= {
            str(pk) for pk in training.questions.values_list("pk", flat=True)
        }
        assert registration.answers[str(required.pk)]
    choice = RegistrationQuestion.objects.filter(kind=QuestionKind.CHOICE).first()
    assert choice is not None
    answers = Registration.objects.filter(event=choice.event).values_list("answers", flat=True)
    assert {answer[str(choice.pk)] for answer in answers} <= set(choice.options)
    # Dietary and access needs are erased 30 days after an event: old ones have none.
    month_ago = timezone.now() - datetime.timedelta(days=30)
    for question in RegistrationQuestion.objects.filter(
        kind=QuestionKind.NEEDS, event__ends_at__lt=month_ago
    ):
        assert not any(
            str(question.pk) in answers
            for answers in question.event.registrations.values_list("answers", flat=True)
        )
    assert EventSession.objects.count() >= 15


def test_demo_logins_find_their_events(events):
    mine = Registration.objects.filter(user__email="partecipante@civichub.example")
    now = timezone.now()

    assert mine.filter(status=RegistrationStatus.CONFIRMED, event__starts_at__gt=now).count() >= 2
    assert mine.filter(status=RegistrationStatus.WAITLISTED).exists()
    assert mine.filter(checked_in_at__isnull=False, feedback__isnull=True).exists()
    assert mine.filter(feedback__isnull=False).exists()
    organised = Event.objects.filter(organiser__email="contributore@civichub.example")
    assert set(organised.values_list("state", flat=True)) == {
        EventState.PUBLISHED,
        EventState.DRAFT,
    }
    assert organised.filter(ends_at__lt=now, registrations__feedback__isnull=False).exists()
    assert Event.objects.filter(registration_required=False).exists()
    assert Event.objects.filter(language="en").exists()
    assert Event.objects.filter(registration_opens_at__isnull=False).exists() or not (
        Municipality.objects.filter(istat_code="058091").exists()
    )


def test_a_second_run_creates_nothing(events):
    rows = (Event, Registration, EventFeedback, EventSession, EventSpeaker, RegistrationQuestion)
    before = [model.objects.count() for model in rows]
    counters = list(Event.objects.values_list("pk", "confirmed_count", "waitlist_count"))

    second = run()

    assert [model.objects.count() for model in rows] == before
    assert list(Event.objects.values_list("pk", "confirmed_count", "waitlist_count")) == counters
    assert second[0].startswith("eventi: 0 creati")
    assert any(line.startswith("percorsi: 0 creati") for line in second)


def test_courses_demo_school_with_selection(events):
    from civichub.communities.models import AreaMembership, MemberRole, Visibility

    from ..models import ApplicationScore, ApplicationStatus, Cohort, Course, Enrolment

    school = Course.objects.get(slug=demo.SCHOOL_SLUG)
    assert school.with_selection
    assert school.state == "published"
    assert school.criteria.count() == 3
    assert school.modules.count() == 4
    cohort = school.cohorts.get()
    assert cohort.state == "running"
    applications = cohort.applications.all()
    assert 18 <= applications.count() <= 20
    statuses = set(applications.values_list("status", flat=True))
    assert statuses == {
        ApplicationStatus.ADMITTED,
        ApplicationStatus.WAITLISTED,
        ApplicationStatus.REFUSED,
    }
    for application in applications:
        reviewers = set(
            ApplicationScore.objects.filter(application=application).values_list(
                "reviewer", flat=True
            )
        )
        assert len(reviewers) == 2
        assert application.score_total is not None
    admitted = applications.filter(status=ApplicationStatus.ADMITTED)
    ranked = list(applications.order_by("-score_total").values_list("status", flat=True))
    assert set(ranked[: admitted.count()]) == {ApplicationStatus.ADMITTED}  # the best first
    enrolments = Enrolment.objects.filter(cohort=cohort)
    assert set(enrolments.values_list("application__status", flat=True)) == {"admitted"}
    assert cohort.enrolled_count == enrolments.count() <= cohort.capacity
    assert cohort.applications_count == applications.count()
    assert enrolments.filter(user__email="partecipante@civichub.example").exists()
    sessions = Event.objects.filter(cohort=cohort)
    now = timezone.now()
    assert sessions.filter(ends_at__lt=now).count() >= 3
    assert sessions.filter(starts_at__gt=now).count() >= 3
    assert Registration.objects.filter(
        event__in=sessions.filter(ends_at__lt=now), checked_in_at__isnull=False
    ).exists()
    for session in sessions:
        assert session.module.course_id == school.pk
        assert session.confirmed_count == session.registrations.count() == enrolments.count()
    assignment = cohort.assignments.filter(due_at__lt=now).get()
    assert assignment.submissions.exclude(feedback="").filter(accepted=True).exists()
    assert cohort.area is not None
    assert cohort.area.visibility == Visibility.PRIVATE
    members = AreaMembership.objects.filter(area=cohort.area, state="active")
    assert set(members.filter(role=MemberRole.FACILITATOR).values_list("user", flat=True)) == set(
        cohort.tutors.values_list("pk", flat=True)
    )
    assert members.filter(role=MemberRole.MEMBER).count() == enrolments.count()
    assert Cohort.objects.filter(area__isnull=True).count() == 0


def test_courses_demo_open_course_with_a_past_and_an_upcoming_edition(events):
    from ..models import Course, EnrolmentState

    course = Course.objects.get(slug=demo.TABLE_COURSE_SLUG)
    assert not course.with_selection
    past, upcoming = course.cohorts.order_by("starts_on")
    assert past.state == "closed"
    assert upcoming.state == "open"
    completed = past.enrolments.filter(state=EnrolmentState.COMPLETED)
    assert completed.exists()
    assert all(len(code) == 16 for code in completed.values_list("certificate_code", flat=True))
    assert past.enrolments.count() > completed.count() or past.enrolments.count() >= 10
    assert upcoming.enrolled_count == upcoming.enrolments.count() > 0
    assert upcoming.seats_left > 0
    assert not upcoming.applications.exists()
    from .. import course_services

    assert course_services.cohort_window_problem(upcoming) is None  # open for enrolment

"""Reads of courses; each costs a constant number of queries whatever the data size.

Views never look a cohort, an application or an enrolment up by a user-supplied id
directly: ``access_*`` raise the same 404 for missing and forbidden.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from civichub.library.models import ResourcePage
from civichub.taxonomy.models import Theme

from .course_permissions import tutored_cohorts
from .course_services import attendance, meets_attendance
from .models import (
    Application,
    ApplicationCriterion,
    ApplicationScore,
    ApplicationStatus,
    Assignment,
    Cohort,
    CohortState,
    Course,
    CourseModule,
    CourseState,
    Enrolment,
    EnrolmentState,
    Event,
    EventState,
    Registration,
    Submission,
)
from .permissions import can
from .selectors import NO_BOUNDARIES, event_cards

# --- catalogue and course page ----------------------------------------------------------------


def course_catalogue(*, theme: Theme | None = None, admission: str = "") -> QuerySet[Course]:
    """Published courses (themes, organisation and their open or running cohorts
    prefetched: three queries for any number)."""
    queryset = Course.objects.filter(state=CourseState.PUBLISHED)
    if theme is not None:
        queryset = queryset.filter(
            pk__in=Course.themes.through.objects.filter(theme=theme).values("course_id")
        )
    if admission:
        queryset = queryset.filter(admission=admission)
    current = Cohort.objects.filter(state__in=(CohortState.OPEN, CohortState.RUNNING)).order_by(
        "starts_on", "pk"
    )
    return (
        queryset.select_related("organisation")
        .defer("description", "description_en")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "name")),
            Prefetch("cohorts", queryset=current, to_attr="current_cohorts"),
        )
        .order_by("title", "pk")
    )


def course_themes() -> list[Theme]:
    """Themes of published courses, for the catalogue's filter."""
    links = Course.themes.through.objects.filter(course__state=CourseState.PUBLISHED)
    return list(
        Theme.objects.filter(pk__in=links.values("theme_id")).order_by("sort_order", "name")
    )


def access_course(user: Any, slug: str) -> Course:
    course = Course.objects.select_related("organisation", "coordinator").filter(slug=slug).first()
    if course is None or not can(user, "view_course", course):
        raise Http404
    return course


def access_cohort(
    user: Any, course_slug: str, cohort_slug: str, permission: str = "view_course"
) -> Cohort:
    """The cohort if ``user`` has ``permission`` on it (view_course by default)."""
    cohort = (
        Cohort.objects.select_related("course__organisation", "course__coordinator", "area")
        .filter(course__slug=course_slug, slug=cohort_slug)
        .first()
    )
    if cohort is None or not can(user, "view_course", cohort.course):
        raise Http404
    if cohort.state == CohortState.DRAFT and not can(user, "manage_course", cohort):
        raise Http404
    if permission != "view_course" and not can(user, permission, cohort):
        raise Http404
    return cohort


@dataclass
class CoursePage:
    modules: list[CourseModule]
    cohorts: list[Cohort]
    sessions: dict[int, list[Event]]
    enrolments: dict[int, Enrolment]
    applications: dict[int, Application]


def course_page(course: Course, user: Any) -> CoursePage:
    """Modules with materials, cohorts (not drafts unless managed) with tutors and
    sessions, and the viewer's own applications and enrolments: six queries."""
    modules = list(
        course.modules.prefetch_related(
            Prefetch(
                "materials",
                queryset=ResourcePage.objects.live().only(
                    "pk", "title", "url_path", "slug", "path", "depth"
                ),
            )
        ).order_by("sort_order", "pk")
    )
    cohorts_qs = course.cohorts.prefetch_related("tutors").order_by("starts_on", "pk")
    if not can(user, "manage_course", course):
        cohorts_qs = cohorts_qs.exclude(state=CohortState.DRAFT)
    cohorts = list(cohorts_qs)
    sessions: dict[int, list[Event]] = {cohort.pk: [] for cohort in cohorts}
    for event in (
        Event.objects.filter(
            cohort__in=cohorts, state__in=(EventState.PUBLISHED, EventState.CANCELLED)
        )
        .select_related("municipality", "module")
        .defer(*NO_BOUNDARIES, "description", "description_en", "online_instructions")
        .order_by("starts_at", "pk")
    ):
        sessions[event.cohort_id].append(event)
    enrolments: dict[int, Enrolment] = {}
    applications: dict[int, Application] = {}
    if getattr(user, "is_authenticated", False):
        enrolments = {
            e.cohort_id: e for e in Enrolment.objects.filter(user=user, cohort__in=cohorts)
        }
        applications = {
            a.cohort_id: a for a in Application.objects.filter(applicant=user, cohort__in=cohorts)
        }
    return CoursePage(modules, cohorts, sessions, enrolments, applications)


# --- the person's pages -----------------------------------------------------------------------


@dataclass
class MyCourses:
    enrolments: list[Enrolment]
    applications: list[Application]
    tutored: list[Cohort]


def my_courses(user: Any) -> MyCourses:
    """The person's enrolments, applications without an enrolment and the cohorts they
    tutor: three queries (four with tutored cohorts)."""
    enrolments = list(
        Enrolment.objects.filter(user=user)
        .select_related("cohort__course")
        .order_by("-cohort__starts_on", "-pk")
    )
    applications = list(
        Application.objects.filter(applicant=user, enrolment__isnull=True)
        .select_related("cohort__course")
        .defer("motivation")
        .order_by("-submitted_at", "-pk")
    )
    tutored_pks = tutored_cohorts(user)
    tutored = (
        list(
            Cohort.objects.filter(pk__in=tutored_pks)
            .select_related("course")
            .order_by("-starts_on")
        )
        if tutored_pks
        else []
    )
    return MyCourses(enrolments, applications, tutored)


def own_enrolment(user: Any, cohort: Cohort) -> Enrolment | None:
    if not getattr(user, "is_authenticated", False):
        return None
    enrolment = Enrolment.objects.filter(cohort=cohort, user=user).first()
    if enrolment is not None:
        enrolment.cohort, enrolment.user = cohort, user
    return enrolment


def own_application(user: Any, cohort: Cohort) -> Application | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Application.objects.filter(cohort=cohort, applicant=user).first()


@dataclass
class SessionRow:
    event: Event
    attended: bool
    registered: bool


@dataclass
class AssignmentRow:
    assignment: Assignment
    submission: Submission | None
    open: bool


@dataclass
class Progress:
    enrolment: Enrolment
    sessions: list[SessionRow]
    attended: int
    held: int
    percent: int
    threshold: int
    meets_attendance: bool
    modules: list[CourseModule]
    assignments: list[AssignmentRow] = field(default_factory=list)


def progress(enrolment: Enrolment, *, now: datetime.datetime | None = None) -> Progress:
    """What the progress page shows: sessions with attendance, materials by module,
    assignments with the person's submission. Six queries whatever the size."""
    now = now or timezone.now()
    cohort = enrolment.cohort
    sessions = list(
        event_cards(
            Event.objects.filter(
                cohort_id=cohort.pk, state__in=(EventState.PUBLISHED, EventState.CANCELLED)
            )
        ).order_by("starts_at", "pk")
    )
    registrations = {
        r.event_id: r
        for r in Registration.objects.filter(
            event__cohort_id=cohort.pk, user_id=enrolment.user_id
        ).only("pk", "event_id", "status", "checked_in_at")
    }
    rows = [
        SessionRow(
            event=event,
            attended=bool(registrations.get(event.pk) and registrations[event.pk].checked_in_at),
            registered=bool(registrations.get(event.pk) and registrations[event.pk].is_active),
        )
        for event in sessions
    ]
    attended, held = attendance(enrolment, now)
    threshold = cohort.course.completion_attendance
    modules = list(
        CourseModule.objects.filter(course_id=cohort.course_id)
        .prefetch_related(Prefetch("materials", queryset=ResourcePage.objects.live()))
        .order_by("sort_order", "pk")
    )
    submissions = {s.assignment_id: s for s in Submission.objects.filter(enrolment_id=enrolment.pk)}
    assignments = [
        AssignmentRow(assignment=a, submission=submissions.get(a.pk), open=a.due_at >= now)
        for a in Assignment.objects.filter(cohort_id=cohort.pk).select_related("module")
    ]
    return Progress(
        enrolment=enrolment,
        sessions=rows,
        attended=attended,
        held=held,
        percent=round(attended * 100 / held) if held else 0,
        threshold=threshold,
        meets_attendance=meets_attendance(attended, held, threshold),
        modules=modules,
        assignments=assignments,
    )


# --- the course team's pages ------------------------------------------------------------------


def application_ranking(cohort: Cohort) -> list[Application]:
    """The cohort's applications, best weighted total first (unscored last), with how
    many reviewers scored each: one query."""
    from django.db.models import Count

    return list(
        Application.objects.filter(cohort_id=cohort.pk)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .select_related("applicant")
        .defer("motivation")
        .annotate(reviewers=Count("scores__reviewer", distinct=True))
        .order_by(F("score_total").desc(nulls_last=True), "submitted_at", "pk")
    )


def access_application(user: Any, cohort: Cohort, pk: int) -> Application:
    application = (
        Application.objects.select_related("applicant", "decided_by")
        .filter(cohort=cohort, pk=pk)
        .first()
    )
    if application is None or not can(user, "view_application", application):
        raise Http404
    application.cohort = cohort
    return application


@dataclass
class ScoreSheet:
    criteria: list[ApplicationCriterion]
    mine: dict[int, ApplicationScore]
    all_scores: list[ApplicationScore]


def score_sheet(application: Application, reviewer: Any) -> ScoreSheet:
    criteria = list(ApplicationCriterion.objects.filter(course_id=application.cohort.course_id))
    scores = list(
        ApplicationScore.objects.filter(application=application)
        .select_related("reviewer", "criterion")
        .order_by("criterion__sort_order", "reviewer_id")
    )
    mine = {s.criterion_id: s for s in scores if s.reviewer_id == reviewer.pk}
    return ScoreSheet(criteria, mine, scores)


@dataclass
class GridRow:
    enrolment: Enrolment
    attended: set[int]
    count: int
    percent: int


@dataclass
class EnrolmentGrid:
    sessions: list[Event]
    rows: list[GridRow]
    held: int


def enrolment_grid(cohort: Cohort, *, now: datetime.datetime | None = None) -> EnrolmentGrid:
    """Enrolments × sessions with check-ins: three queries whatever the size."""
    now = now or timezone.now()
    sessions = list(
        Event.objects.filter(cohort_id=cohort.pk, state=EventState.PUBLISHED)
        .only("pk", "slug", "title", "starts_at", "ends_at", "cohort_id")
        .order_by("starts_at", "pk")
    )
    held = sum(1 for event in sessions if event.starts_at <= now)
    enrolments = list(
        Enrolment.objects.filter(cohort_id=cohort.pk)
        .exclude(state=EnrolmentState.WITHDRAWN)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    checked: dict[int, set[int]] = {}
    for user_id, event_id in Registration.objects.filter(
        event__cohort_id=cohort.pk,
        event__state=EventState.PUBLISHED,
        checked_in_at__isnull=False,
    ).values_list("user_id", "event_id"):
        checked.setdefault(user_id, set()).add(event_id)
    held_pks = {event.pk for event in sessions if event.starts_at <= now}
    rows = []
    for enrolment in enrolments:
        attended = checked.get(enrolment.user_id, set())
        count = len(attended & held_pks)
        rows.append(GridRow(enrolment, attended, count, round(count * 100 / held) if held else 0))
    return EnrolmentGrid(sessions, rows, held)


def cohort_submissions(cohort: Cohort) -> list[Submission]:
    """Every submission of the cohort, oldest unreviewed first: one query."""
    return list(
        Submission.objects.filter(assignment__cohort_id=cohort.pk)
        .select_related("assignment", "enrolment__user", "feedback_by")
        .order_by(F("feedback_at").asc(nulls_first=True), "submitted_at", "pk")
    )


def access_submission(user: Any, cohort: Cohort, pk: int) -> Submission:
    submission = (
        Submission.objects.select_related("assignment", "enrolment__user")
        .filter(assignment__cohort=cohort, pk=pk)
        .first()
    )
    if submission is not None:
        submission.enrolment.cohort = cohort
    if submission is None or not can(user, "view_submission", submission):
        raise Http404
    return submission


# --- areas ------------------------------------------------------------------------------------

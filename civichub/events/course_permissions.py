"""Who may do what with courses, cohorts, applications, enrolments and submissions.

Imported by ``permissions.py``; checked with ``permissions.can(user, name, obj)``. The
*course team* of a cohort is its tutors plus the course's managers (the coordinator,
active admins of the organising organisation, promoters and staff). Applicants never
see scores; CVs and submissions reach only their author and the course team.
"""

from typing import Any

import rules
from django.utils import timezone

from civichub.accounts.permissions import has_joined, is_member, is_promoter

from .models import (
    Admission,
    Application,
    Cohort,
    CohortState,
    Course,
    CourseState,
    Enrolment,
    EnrolmentState,
    Submission,
)


def course_of(obj: Any) -> Course | None:
    """The course of a course, cohort, application, enrolment or submission."""
    if obj is None:
        return None
    if isinstance(obj, Course):
        return obj
    cohort = cohort_of(obj)
    return cohort.course if cohort is not None else None


def cohort_of(obj: Any) -> Cohort | None:
    if isinstance(obj, Cohort):
        return obj
    if isinstance(obj, Application | Enrolment):
        return obj.cohort
    if isinstance(obj, Submission):
        return obj.enrolment.cohort
    return None


@rules.predicate
def is_course_coordinator(user: Any, obj: Any) -> bool:
    course = course_of(obj)
    return bool(course is not None and is_member(user) and course.coordinator_id == user.pk)


@rules.predicate
def is_course_organisation_admin(user: Any, obj: Any) -> bool:
    from .permissions import administers

    course = course_of(obj)
    return course is not None and administers(user, course.organisation_id)


def tutored_cohorts(user: Any) -> set[int]:
    """The pks of the cohorts ``user`` tutors, memoised on the user (one query)."""
    if not is_member(user):
        return set()
    if "_tutored_cohorts" not in user.__dict__:
        user.__dict__["_tutored_cohorts"] = set(
            Cohort.tutors.through.objects.filter(user_id=user.pk).values_list(
                "cohort_id", flat=True
            )
        )
    return user.__dict__["_tutored_cohorts"]


def tutored_courses(user: Any) -> set[int]:
    if not is_member(user):
        return set()
    if "_tutored_courses" not in user.__dict__:
        user.__dict__["_tutored_courses"] = set(
            Cohort.objects.filter(pk__in=tutored_cohorts(user)).values_list("course_id", flat=True)
        )
    return user.__dict__["_tutored_courses"]


@rules.predicate
def is_tutor(user: Any, obj: Any) -> bool:
    """A tutor of the cohort (of the application, enrolment or submission), or, for a
    course, of any of its cohorts."""
    if isinstance(obj, Course):
        return obj.pk in tutored_courses(user)
    cohort = cohort_of(obj)
    return cohort is not None and cohort.pk in tutored_cohorts(user)


is_course_manager = is_course_coordinator | is_course_organisation_admin | is_promoter
is_course_team = is_course_manager | is_tutor


@rules.predicate
def is_course_public(user: Any, obj: Any) -> bool:
    course = course_of(obj)
    return course is not None and course.state in (CourseState.PUBLISHED, CourseState.ARCHIVED)


@rules.predicate
def is_cohort_open(user: Any, cohort: Any) -> bool:
    return bool(
        isinstance(cohort, Cohort)
        and cohort.state == CohortState.OPEN
        and cohort.course.state == CourseState.PUBLISHED
    )


@rules.predicate
def is_within_window(user: Any, cohort: Any) -> bool:
    if not isinstance(cohort, Cohort):
        return False
    now = timezone.now()
    if cohort.applications_open_at is not None and now < cohort.applications_open_at:
        return False
    return cohort.applications_close_at is None or now < cohort.applications_close_at


@rules.predicate
def with_selection(user: Any, cohort: Any) -> bool:
    return isinstance(cohort, Cohort) and cohort.course.admission == Admission.SELECTION


@rules.predicate
def with_open_enrolment(user: Any, cohort: Any) -> bool:
    return isinstance(cohort, Cohort) and cohort.course.admission == Admission.OPEN


@rules.predicate
def is_applicant(user: Any, application: Any) -> bool:
    return bool(
        isinstance(application, Application)
        and is_member(user)
        and application.applicant_id == user.pk
    )


@rules.predicate
def is_enrolled_person(user: Any, obj: Any) -> bool:
    """The enrolment (or the submission's enrolment) is the person's own."""
    enrolment = obj.enrolment if isinstance(obj, Submission) else obj
    return bool(
        isinstance(enrolment, Enrolment) and is_member(user) and enrolment.user_id == user.pk
    )


@rules.predicate
def is_active_enrolment(user: Any, obj: Any) -> bool:
    enrolment = obj.enrolment if isinstance(obj, Submission) else obj
    return isinstance(enrolment, Enrolment) and enrolment.state == EnrolmentState.ACTIVE


rules.add_perm("events.view_course", is_course_public | is_course_team)
rules.add_perm("events.manage_course", is_course_team)
rules.add_perm("events.apply", has_joined & is_cohort_open & with_selection & is_within_window)
rules.add_perm("events.enrol", has_joined & is_cohort_open & with_open_enrolment & is_within_window)
rules.add_perm("events.review_applications", is_course_team)
rules.add_perm("events.view_application", is_applicant | is_course_team)
rules.add_perm("events.view_progress", is_enrolled_person | is_course_team)
rules.add_perm("events.submit_assignment", is_enrolled_person & is_active_enrolment)
rules.add_perm("events.view_submission", is_enrolled_person | is_course_team)
rules.add_perm("events.give_feedback", is_course_team)

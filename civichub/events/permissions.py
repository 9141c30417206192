"""Who may do what with events: `rules` predicates shared by views, API and services.

Check them with ``can`` (``rules.has_perm``), not ``user.has_perm``: Django lets
superusers pass every check.
"""

from typing import Any

import rules
from django.utils import timezone

from civichub.accounts.permissions import has_joined, is_contributor, is_member, is_promoter
from civichub.organisations.models import Membership

from .models import Enrolment, EnrolmentState, Event, EventState, Registration, RegistrationStatus


@rules.predicate
def is_event(user: Any, event: Event | None) -> bool:
    return event is not None


@rules.predicate
def is_public(user: Any, event: Event | None) -> bool:
    """Published or cancelled, and not a session of a course still in draft (as
    ``Event.objects.public()``)."""
    if event is None or event.state not in (EventState.PUBLISHED, EventState.CANCELLED):
        return False
    cohort = event.cohort
    return cohort is None or cohort.course.state != "draft"


@rules.predicate
def is_published(user: Any, event: Event | None) -> bool:
    return event is not None and event.state == EventState.PUBLISHED


@rules.predicate
def is_organiser(user: Any, event: Event | None) -> bool:
    return bool(event is not None and is_member(user) and event.organiser_id == user.pk)


@rules.predicate
def is_organisation_admin(user: Any, event: Event | None) -> bool:
    """An active admin of the organising organisation. Memoised per event on the user."""
    if event is None:
        return False
    return administers(user, event.organisation_id)


def administers(user: Any, organisation_id: int | None) -> bool:
    """``user`` is an active admin of the organisation; memoised on the user."""
    if organisation_id is None or not is_member(user):
        return False
    cache: dict[int, bool] = user.__dict__.setdefault("_event_org_admin", {})
    if organisation_id not in cache:
        cache[organisation_id] = Membership.objects.filter(
            organisation_id=organisation_id,
            user=user,
            role=Membership.Role.ADMIN,
            status=Membership.Status.ACTIVE,
        ).exists()
    return cache[organisation_id]


@rules.predicate
def has_confirmed_registration(user: Any, event: Event | None) -> bool:
    if event is None or not is_member(user):
        return False
    cache: dict[int, bool] = user.__dict__.setdefault("_event_confirmed", {})
    if event.pk not in cache:
        cache[event.pk] = Registration.objects.filter(
            event_id=event.pk, user=user, status=RegistrationStatus.CONFIRMED
        ).exists()
    return cache[event.pk]


@rules.predicate
def is_open_entry(user: Any, event: Event | None) -> bool:
    """No registration needed: the link goes to every member, not only to the registered."""
    return event is not None and not event.registration_required


@rules.predicate
def has_ended(user: Any, event: Event | None) -> bool:
    return event is not None and event.ends_at < timezone.now()


@rules.predicate
def is_open_to_all(user: Any, event: Event | None) -> bool:
    """Not a course session: any joined member may register."""
    return event is not None and event.cohort_id is None


@rules.predicate
def is_enrolled_in_cohort(user: Any, event: Event | None) -> bool:
    """A course session: the person has an active enrolment in its cohort."""
    if event is None or event.cohort_id is None or not is_member(user):
        return False
    cache: dict[int, bool] = user.__dict__.setdefault("_event_enrolled", {})
    if event.cohort_id not in cache:
        cache[event.cohort_id] = Enrolment.objects.filter(
            cohort_id=event.cohort_id, user=user, state=EnrolmentState.ACTIVE
        ).exists()
    return cache[event.cohort_id]


is_manager = is_organiser | is_organisation_admin | is_promoter

rules.add_perm("events.view_event", is_event & (is_public | is_manager))
rules.add_perm("events.create_event", has_joined & is_contributor)
rules.add_perm("events.manage_event", is_event & is_manager)
rules.add_perm(
    "events.register",
    is_event & is_published & has_joined & (is_open_to_all | is_enrolled_in_cohort),
)
rules.add_perm(
    "events.see_online_link",
    is_event & (has_confirmed_registration | (is_open_entry & has_joined) | is_manager),
)
rules.add_perm("events.view_attendees", is_event & is_manager)
rules.add_perm("events.check_in", is_event & is_manager)
rules.add_perm("events.view_feedback", is_event & is_manager)


def can(user: Any, permission: str, event: Any = None) -> bool:
    return rules.has_perm(f"events.{permission}", user, event)


# The courses' predicates (view_course, apply, enrol, review_applications…).
from . import course_permissions  # noqa: E402, F401

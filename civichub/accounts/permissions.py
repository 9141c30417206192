"""Role predicates shared by every app (templates, views, API and services).

Apps build their own object predicates on top of these in their permissions.py.
Check this app's permissions with ``can`` rather than ``user.has_perm``: Django lets
active superusers pass every ``has_perm``, which would allow impossible actions (a
staff member asking to become contributor); staff get their powers through
``is_staff`` instead.
"""

from collections.abc import Callable
from typing import Any

import rules

from .models import Role, Visibility


@rules.predicate
def is_member(user) -> bool:
    """Signed in with an active account: a participant at least."""
    return bool(user and user.is_authenticated and user.is_active)


@rules.predicate
def is_staff(user) -> bool:
    return bool(is_member(user) and (user.is_staff or user.is_superuser))


@rules.predicate
def is_promoter(user) -> bool:
    return bool(is_member(user) and user.role == Role.PROMOTER) or is_staff(user)


# Other ways of being a contributor, added by the apps that know them (e.g.
# organisations: active members of an approved contributor organisation).
CONTRIBUTOR_SOURCES: list[Callable[[Any], bool]] = []


@rules.predicate
def is_contributor(user) -> bool:
    """Contributors, and everyone above them, may publish content."""
    if not is_member(user):
        return False
    if user.role == Role.CONTRIBUTOR or is_promoter(user):
        return True
    return any(source(user) for source in CONTRIBUTOR_SOURCES)


@rules.predicate
def has_joined(user) -> bool:
    """A member who completed the membership form (and so accepted the terms)."""
    return bool(is_member(user) and user.joined_at is not None)


def can_see(viewer, owner, visibility: str) -> bool:
    """Whether ``viewer`` may see something ``owner`` shared with ``visibility``."""
    if is_member(viewer) and (viewer.pk == owner.pk or is_staff(viewer)):
        return True
    if visibility == Visibility.PUBLIC:
        return True
    return visibility == Visibility.MEMBERS and bool(is_member(viewer))


@rules.predicate
def can_view_profile(viewer, owner) -> bool:
    """Profiles exist once the form is completed; erased and inactive people have none."""
    if owner is None or not owner.is_active or owner.erased_at or owner.joined_at is None:
        return False
    profile = getattr(owner, "profile", None)
    return profile is not None and can_see(viewer, owner, profile.visibility)


@rules.predicate
def is_participant_only(user) -> bool:
    return bool(has_joined(user) and user.role == Role.PARTICIPANT and not is_staff(user))


@rules.predicate
def has_no_pending_contributor_request(user) -> bool:
    return not user.contributor_requests.filter(status="pending").exists()


@rules.predicate
def administers_organisation_of(user, member) -> bool:
    """``user`` is an admin of an organisation in which ``member`` is active."""
    from civichub.organisations.models import Membership

    if not (is_member(user) and member is not None) or user.pk == member.pk:
        return False
    admin_of = Membership.objects.filter(
        user=user, role=Membership.Role.ADMIN, status=Membership.Status.ACTIVE
    ).values("organisation")
    return Membership.objects.filter(
        user=member, status=Membership.Status.ACTIVE, organisation__in=admin_of
    ).exists()


@rules.predicate
def may_become_contributor(user, target) -> bool:
    """``target`` is a participant with no request already waiting."""
    return bool(
        target is not None
        and is_participant_only(target)
        and has_no_pending_contributor_request(target)
    )


@rules.predicate
def can_set_role_of(user, target) -> bool:
    """Staff set any role; promoters move people between participant and contributor."""
    if target is None or not is_member(user) or user.pk == target.pk:
        return False
    if is_staff(user):
        return True
    return bool(
        is_promoter(user)
        and target.role != Role.PROMOTER
        and not (target.is_staff or target.is_superuser)
    )


rules.add_perm("accounts.access_promoters_workspace", is_promoter)
rules.add_perm("accounts.view_profile", can_view_profile)
rules.add_perm(
    "accounts.request_contributor", is_participant_only & has_no_pending_contributor_request
)
rules.add_perm("accounts.propose_contributor", administers_organisation_of & may_become_contributor)
rules.add_perm("accounts.review_contributor_requests", is_promoter)
rules.add_perm("accounts.set_role", can_set_role_of)


def can(user: Any, permission: str, obj: Any = None) -> bool:
    return rules.has_perm(f"accounts.{permission}", user, obj)

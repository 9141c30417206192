"""Who may do what with organisations: `rules` predicates shared by views, API and services.

Check them with ``rules.has_perm`` (``can``), not ``user.has_perm``: Django lets active
superusers pass every check, which would allow impossible actions such as joining an
organisation twice. Staff get their powers through ``is_staff``, part of ``is_promoter``.
"""

from typing import Any

import rules

from civichub.accounts.permissions import CONTRIBUTOR_SOURCES, is_member, is_promoter

from .models import ContributorApplication, Membership, Organisation


def _membership_status(user: Any, organisation: Organisation | None) -> tuple[str, str] | None:
    if organisation is None or not is_member(user):
        return None
    return (
        Membership.objects.filter(organisation=organisation, user=user)
        .values_list("status", "role")
        .first()
    )


def is_contributor_organisation_member(user: Any) -> bool:
    """Members of an approved contributor organisation act as contributors (DESIGN.md).

    Memoised on the user object: permission checks run many times per request."""
    cached = getattr(user, "_contributor_organisation_member", None)
    if cached is None:
        cached = Membership.objects.filter(
            user=user,
            status=Membership.Status.ACTIVE,
            organisation__is_contributor=True,
        ).exists()
        user._contributor_organisation_member = cached
    return cached


CONTRIBUTOR_SOURCES.append(is_contributor_organisation_member)


@rules.predicate
def is_public_organisation(user: Any, organisation: Organisation | None) -> bool:
    return organisation is not None and organisation.is_public


@rules.predicate
def is_organisation_member(user: Any, organisation: Organisation | None) -> bool:
    """An active member, whatever the role."""
    found = _membership_status(user, organisation)
    return found is not None and found[0] == Membership.Status.ACTIVE


@rules.predicate
def is_organisation_admin(user: Any, organisation: Organisation | None) -> bool:
    return _membership_status(user, organisation) == (
        Membership.Status.ACTIVE,
        Membership.Role.ADMIN,
    )


@rules.predicate
def has_open_membership(user: Any, organisation: Organisation | None) -> bool:
    """A pending request or an active membership; a refused request may be made again."""
    found = _membership_status(user, organisation)
    return found is not None and found[0] in (Membership.Status.PENDING, Membership.Status.ACTIVE)


@rules.predicate
def is_contributor_organisation(user: Any, organisation: Organisation | None) -> bool:
    return organisation is not None and organisation.is_contributor


@rules.predicate
def has_pending_contributor_application(user: Any, organisation: Organisation | None) -> bool:
    return (
        organisation is not None
        and ContributorApplication.objects.filter(
            organisation=organisation, status=ContributorApplication.Status.PENDING
        ).exists()
    )


@rules.predicate
def is_organisation(user: Any, organisation: Organisation | None) -> bool:
    # Object-less checks (Django's model permissions of the same name) must not pass.
    return organisation is not None


can_view = is_organisation & (is_public_organisation | is_promoter | is_organisation_member)
can_edit = is_organisation & (is_promoter | is_organisation_admin)

rules.add_perm("organisations.view_organisation", can_view)
rules.add_perm("organisations.create_organisation", is_member)
rules.add_perm("organisations.edit_organisation", can_edit)
rules.add_perm("organisations.manage_organisation_members", can_edit)
rules.add_perm("organisations.join_organisation", is_member & can_view & ~has_open_membership)
rules.add_perm("organisations.leave_organisation", is_organisation & has_open_membership)
rules.add_perm(
    "organisations.submit_contributor_application",
    is_organisation
    & is_organisation_admin
    & ~is_contributor_organisation
    & ~has_pending_contributor_application,
)
rules.add_perm("organisations.decide_contributor_applications", is_promoter)
rules.add_perm("organisations.verify_organisation", is_organisation & is_promoter)


def can(user: Any, permission: str, organisation: Organisation | None = None) -> bool:
    return rules.has_perm(f"organisations.{permission}", user, organisation)

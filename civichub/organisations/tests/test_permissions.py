"""Every permission for every role, on a public and on a non-public organisation."""

import pytest
from django.contrib.auth.models import AnonymousUser

from civichub.organisations.models import Membership
from civichub.organisations.permissions import can

from .factories import application

pytestmark = pytest.mark.django_db

ALL = {"visitor", "participant", "org_member", "org_admin", "contributor", "promoter", "staff"}
SIGNED_IN = ALL - {"visitor"}
MANAGERS = {"org_admin", "promoter", "staff"}
PROMOTERS = {"promoter", "staff"}

EXPECTED = {
    "view_organisation": ALL,
    "create_organisation": SIGNED_IN,
    "edit_organisation": MANAGERS,
    "manage_organisation_members": MANAGERS,
    "join_organisation": SIGNED_IN - {"org_member", "org_admin"},
    "leave_organisation": {"org_member", "org_admin"},
    "submit_contributor_application": {"org_admin"},
    "decide_contributor_applications": PROMOTERS,
    "verify_organisation": PROMOTERS,
}


def allowed(people, permission, organisation) -> set[str]:
    return {
        role
        for role, user in people.items()
        if can(user or AnonymousUser(), permission, organisation)
    }


@pytest.mark.parametrize("permission", EXPECTED)
def test_permissions_on_a_public_organisation(people, organisation, permission):
    assert allowed(people, permission, organisation) == EXPECTED[permission]


def test_a_non_public_organisation_is_seen_only_by_members_and_promoters(people, organisation):
    organisation.is_public = False
    organisation.save()

    assert allowed(people, "view_organisation", organisation) == {"org_member", "org_admin"} | (
        PROMOTERS
    )
    assert allowed(people, "join_organisation", organisation) == PROMOTERS


def test_pending_requesters_may_withdraw_but_not_ask_again(people, organisation):
    participant = people["participant"]
    Membership.objects.create(organisation=organisation, user=participant)

    assert can(participant, "leave_organisation", organisation)
    assert not can(participant, "join_organisation", organisation)
    assert not can(participant, "edit_organisation", organisation)


def test_refused_people_may_ask_again(people, organisation):
    participant = people["participant"]
    Membership.objects.create(
        organisation=organisation, user=participant, status=Membership.Status.REFUSED
    )

    assert can(participant, "join_organisation", organisation)
    assert not can(participant, "leave_organisation", organisation)


def test_no_second_application_while_one_is_pending_or_once_contributor(people, organisation):
    admin = people["org_admin"]
    application(organisation)
    assert not can(admin, "submit_contributor_application", organisation)

    organisation.contributor_applications.update(status="refused")
    assert can(admin, "submit_contributor_application", organisation)

    organisation.is_contributor = True
    organisation.save()
    assert not can(admin, "submit_contributor_application", organisation)


def test_superusers_get_no_shortcut_for_impossible_actions(people, organisation):
    staff = people["staff"]
    Membership.objects.create(
        organisation=organisation, user=staff, status=Membership.Status.ACTIVE
    )

    assert staff.has_perm("organisations.join_organisation", organisation)  # Django's shortcut
    assert not can(staff, "join_organisation", organisation)


def test_object_permissions_need_an_object(people):
    assert not can(people["participant"], "view_organisation")
    assert not can(people["promoter"], "edit_organisation")

"""Members of an approved contributor organisation act as contributors."""

import pytest

from civichub.accounts.permissions import is_contributor
from civichub.accounts.tests.factories import UserFactory
from civichub.organisations.models import Membership

from .factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db


def test_active_member_of_a_contributor_organisation_is_a_contributor():
    user = UserFactory.create()
    member(OrganisationFactory.create(is_contributor=True), user)

    assert is_contributor(user)


def test_member_of_an_ordinary_organisation_is_not():
    user = UserFactory.create()
    member(OrganisationFactory.create(is_contributor=False), user)

    assert not is_contributor(user)


def test_pending_member_of_a_contributor_organisation_is_not():
    user = UserFactory.create()
    member(OrganisationFactory.create(is_contributor=True), user, status=Membership.Status.PENDING)

    assert not is_contributor(user)


def test_the_check_is_one_query_per_request_user(django_assert_num_queries):
    user = UserFactory.create()
    member(OrganisationFactory.create(is_contributor=True), user)

    with django_assert_num_queries(1):
        assert is_contributor(user)
        assert is_contributor(user)

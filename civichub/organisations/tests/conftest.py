"""People in every role around one public organisation, for permission tests."""

from collections.abc import Callable

import pytest
from django.test import Client

from civichub.accounts.models import User
from civichub.accounts.tests.factories import (
    ContributorFactory,
    PromoterFactory,
    StaffFactory,
    UserFactory,
)
from civichub.organisations.models import Organisation

from .factories import OrganisationFactory, admin_of, member

ROLES = ("visitor", "participant", "org_member", "org_admin", "contributor", "promoter", "staff")


@pytest.fixture
def organisation(db) -> Organisation:
    return OrganisationFactory.create(name="Associazione Il Ponte", slug="il-ponte")


@pytest.fixture
def people(organisation: Organisation) -> dict[str, User | None]:
    return {
        "visitor": None,
        "participant": UserFactory.create(),
        "org_member": member(organisation).user,
        "org_admin": admin_of(organisation).user,
        "contributor": ContributorFactory.create(),
        "promoter": PromoterFactory.create(),
        "staff": StaffFactory.create(),
    }


@pytest.fixture
def client_as(people: dict[str, User | None]) -> Callable[[str], Client]:
    def make(role: str) -> Client:
        client = Client()
        user = people[role]
        if user is not None:
            client.force_login(user)
        return client

    return make

"""Who may propose, follow their proposals and read the back-office report, role by
role: visitors are sent to the login, members without the permission get a 403."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.test import Client

from civichub.accounts.models import PROMOTERS_GROUP, User
from civichub.accounts.tests.factories import (
    ContributorFactory,
    NewUserFactory,
    PromoterFactory,
    StaffFactory,
    UserFactory,
)

from ..models import ResourcePage
from ..permissions import can
from .factories import library_index, resource

pytestmark = pytest.mark.django_db

ROLES = ("visitor", "participant", "contributor", "promoter", "staff")
LOGIN = 302


@pytest.fixture
def people() -> dict[str, User | None]:
    promoter = PromoterFactory.create()
    promoter.groups.add(Group.objects.get(name=PROMOTERS_GROUP))
    return {
        "visitor": None,
        "participant": UserFactory.create(),
        "contributor": ContributorFactory.create(),
        "promoter": promoter,
        "staff": StaffFactory.create(),
    }


def client_for(person: User | None) -> Client:
    client = Client()
    if person is not None:
        client.force_login(person)
    return client


@pytest.mark.parametrize(
    ("role", "propose", "mine", "report"),
    [
        ("visitor", LOGIN, LOGIN, LOGIN),
        ("participant", 403, 200, LOGIN),
        ("contributor", 200, 200, LOGIN),
        ("promoter", 200, 200, 200),
        ("staff", 200, 200, 200),
    ],
)
def test_pages_by_role(role, propose, mine, report, people):
    library_index()
    page = resource("guide")
    client = client_for(people[role])

    response = client.get("/strumenti/proponi/")
    assert response.status_code == propose
    if propose == LOGIN:
        assert response["Location"].startswith("/accounts/login/")
    assert client.get("/strumenti/mie/").status_code == mine
    report_response = client.get("/admin/strumenti/gradimento/")
    assert report_response.status_code == report
    if report == LOGIN:
        assert "/accounts/login/" in report_response["Location"]
    assert client.get(f"/admin/strumenti/gradimento/{page.pk}/").status_code == report


@pytest.mark.parametrize("role", ["visitor", "participant"])
def test_a_refused_proposal_saves_nothing(role, people):
    library_index()
    response = client_for(people[role]).post(
        "/strumenti/proponi/",
        {"kind": "guide", "title": "Intrusa", "summary": "No.", "text": "No."},
    )
    assert response.status_code in (LOGIN, 403)
    assert not ResourcePage.objects.exists()


def test_people_who_have_not_joined_complete_the_membership_form_first():
    client = client_for(NewUserFactory.create())
    for url in ("/strumenti/proponi/", "/strumenti/mie/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/adesione/")


@pytest.mark.parametrize("role", ROLES)
def test_rules_by_role(role, people):
    person = people[role] or AnonymousUser()
    assert can(person, "propose_resource") is (role in ("contributor", "promoter", "staff"))
    assert can(person, "view_proposals") is (role != "visitor")
    assert can(person, "review_resources") is (role in ("promoter", "staff"))

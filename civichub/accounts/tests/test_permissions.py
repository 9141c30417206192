"""Every page and action of the app, for every role: allowed and denied."""

import pytest

from civichub.accounts.models import ContributorRequest, Role, User
from civichub.accounts.permissions import (
    can_see,
    has_joined,
    is_contributor,
    is_member,
    is_promoter,
    is_staff,
)

from .factories import (
    ContributorFactory,
    NewUserFactory,
    PromoterFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES: dict[str, type[UserFactory] | None] = {
    "visitor": None,
    "new": NewUserFactory,
    "participant": UserFactory,
    "contributor": ContributorFactory,
    "promoter": PromoterFactory,
    "staff": StaffFactory,
}
LOGIN = "login"
MEMBERSHIP = "membership"
PROFILE = "profile"

# path template → expected outcome per role, in ROLES order.
PAGES = {
    "/accounts/adesione/": (LOGIN, 200, PROFILE, PROFILE, PROFILE, PROFILE),
    "/accounts/profilo/": (LOGIN, MEMBERSHIP, PROFILE, PROFILE, PROFILE, PROFILE),
    "/accounts/impostazioni/": (LOGIN, MEMBERSHIP, 200, 200, 200, 200),
    "/accounts/impostazioni/lingua/": (LOGIN, 200, 200, 200, 200, 200),
    "/accounts/impostazioni/notifiche/": (LOGIN, 200, 200, 200, 200, 200),
    "/accounts/impostazioni/token/": (LOGIN, 200, 200, 200, 200, 200),
    "/accounts/impostazioni/privacy/": (LOGIN, 200, 200, 200, 200, 200),
    "/accounts/impostazioni/privacy/elimina/": (LOGIN, 200, 200, 200, 200, 200),
    "/accounts/email/": (LOGIN, 200, 200, 200, 200, 200),
    "/accounts/password/change/": (LOGIN, 200, 200, 200, 200, 200),
    "/accounts/2fa/": (LOGIN, 200, 200, 200, 200, 200),
    "/accounts/contributori/richiesta/": (LOGIN, 200, 200, 200, 200, 200),
    "/accounts/contributori/richieste/": (LOGIN, 404, 404, 404, 200, 200),
    "/accounts/persone/{target}/ruolo/": (LOGIN, 404, 404, 404, 200, 200),
    "/accounts/contributori/proponi/{target}/": (LOGIN, 404, 404, 404, 404, 404),
    # People who have not filled in the membership form are sent to it first.
    "/persone/{target}/": (404, MEMBERSHIP, 200, 200, 200, 200),
    "/persone/{hidden}/": (404, MEMBERSHIP, 404, 404, 404, 200),
    "/persone/nessuno00000/": (404, MEMBERSHIP, 404, 404, 404, 404),
}


def _signed_in_as(role: str) -> User:
    factory = ROLES[role]
    assert factory is not None
    return factory.create()


def _outcome(response, user) -> object:
    if response.status_code != 302:
        return response.status_code
    location = response["Location"]
    if location.startswith("/accounts/login/"):
        return LOGIN
    if location.startswith("/accounts/adesione/"):
        return MEMBERSHIP
    if user is not None and location == f"/persone/{user.public_id}/":
        return PROFILE
    return location


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_for_every_role(client, role):
    target = UserFactory.create()
    hidden = UserFactory.create()
    hidden.profile.visibility = "private"
    hidden.profile.save()
    factory = ROLES[role]
    user = factory.create() if factory else None
    if user is not None:
        client.force_login(user)
    index = list(ROLES).index(role)

    outcomes = {
        path: _outcome(
            client.get(path.format(target=target.public_id, hidden=hidden.public_id)), user
        )
        for path in PAGES
    }

    assert outcomes == {path: expected[index] for path, expected in PAGES.items()}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("visitor", LOGIN),
        ("new", 403),
        ("participant", "/accounts/profilo/"),
        ("contributor", 403),
        ("promoter", 403),
        ("staff", 403),
    ],
)
def test_who_may_ask_to_become_contributor(client, role, expected):
    factory = ROLES[role]
    user = factory.create() if factory else None
    if user is not None:
        client.force_login(user)

    response = client.post("/accounts/contributori/richiesta/", {"motivation": "Vorrei."})

    assert _outcome(response, user) == expected
    assert ContributorRequest.objects.exists() == (role == "participant")


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("new", False),
        ("participant", False),
        ("contributor", False),
        ("promoter", True),
        ("staff", True),
    ],
)
def test_who_may_decide_requests_same_404_as_missing(client, role, allowed):
    person = UserFactory.create()
    request = ContributorRequest.objects.create(user=person, requested_by=person, motivation="x")
    client.force_login(_signed_in_as(role))

    decided = client.post(
        f"/accounts/contributori/richieste/{request.pk}/", {"decision": "approve"}
    )
    missing = client.post("/accounts/contributori/richieste/999999/", {"decision": "approve"})

    assert missing.status_code == 404
    assert decided.status_code == (302 if allowed else 404)
    person.refresh_from_db()
    assert (person.role == Role.CONTRIBUTOR) == allowed


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("participant", False), ("contributor", False), ("promoter", True), ("staff", True)],
)
def test_who_may_set_a_role(client, role, allowed):
    person = UserFactory.create()
    client.force_login(_signed_in_as(role))

    response = client.post(f"/accounts/persone/{person.public_id}/ruolo/", {"role": "contributor"})

    assert response.status_code == (302 if allowed else 404)
    person.refresh_from_db()
    assert (person.role == Role.CONTRIBUTOR) == allowed


def test_role_predicates():
    from django.contrib.auth.models import AnonymousUser

    anonymous, new, participant = AnonymousUser(), NewUserFactory.create(), UserFactory.create()
    contributor, promoter, staff = (
        ContributorFactory.create(),
        PromoterFactory.create(),
        StaffFactory.create(),
    )
    inactive = UserFactory.create(is_active=False)

    assert [is_member(u) for u in (anonymous, new, participant, inactive)] == [
        False,
        True,
        True,
        False,
    ]
    assert [has_joined(u) for u in (new, participant)] == [False, True]
    assert [is_contributor(u) for u in (participant, contributor, promoter, staff)] == [
        False,
        True,
        True,
        True,
    ]
    assert [is_promoter(u) for u in (contributor, promoter, staff)] == [False, True, True]
    assert [is_staff(u) for u in (promoter, staff)] == [False, True]
    assert can_see(anonymous, participant, "public")
    assert not can_see(anonymous, participant, "members")
    assert can_see(new, participant, "members")
    assert not can_see(new, participant, "private")
    assert can_see(participant, participant, "private")
    assert can_see(staff, participant, "private")

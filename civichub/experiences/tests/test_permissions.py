"""Every contribution and review page, role by role: who gets the page, who is sent to the
login, who gets a 403 and who the same 404 as for a missing experience; and for the
actions, that only the allowed ones change anything."""

from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from civichub.accounts.models import User
from civichub.accounts.tests.factories import (
    ContributorFactory,
    PromoterFactory,
    StaffFactory,
    UserFactory,
)
from civichub.organisations.tests.factories import member

from ..models import Experience, ExperienceCoauthor, ExperienceSettings, State
from ..permissions import can
from .factories import DraftFactory, ExperienceFactory, theme, with_organisation

pytestmark = pytest.mark.django_db

ROLES = (
    "visitor",
    "participant",
    "participant_allowed",  # a participant on a hub that lets participants contribute
    "contributor",
    "author",
    "coauthor",
    "promoter",
    "staff",
)
LOGIN = 302


@pytest.fixture
def people() -> dict[str, User | None]:
    return {
        "visitor": None,
        "participant": UserFactory.create(),
        "participant_allowed": UserFactory.create(),
        "contributor": ContributorFactory.create(),
        "author": ContributorFactory.create(),
        "coauthor": ContributorFactory.create(),
        "promoter": PromoterFactory.create(),
        "staff": StaffFactory.create(),
    }


@pytest.fixture
def client_as(people) -> Callable[[str], Client]:
    def make(role: str) -> Client:
        settings = ExperienceSettings.load()
        settings.participants_may_contribute = role == "participant_allowed"
        settings.save()
        client = Client()
        if people[role] is not None:
            client.force_login(people[role])
        return client

    return make


def experience_in(people, state: str) -> Experience:
    factory = ExperienceFactory if state == State.PUBLISHED else DraftFactory
    experience = factory.create(author=people["author"], state=state, themes=[theme()])
    experience.save()  # commit the comuni and themes the factory set in memory
    with_organisation(experience)
    ExperienceCoauthor.objects.create(
        experience=experience, user=people["coauthor"], accepted_at=timezone.now()
    )
    return experience


def url(name: str, experience: Experience | None = None, **kwargs: str) -> str:
    if experience is not None:
        kwargs["slug"] = experience.slug
    return reverse(f"experiences:{name}", kwargs=kwargs)


def expect(**codes: int) -> list[tuple[str, int]]:
    """``codes`` by role, the visitor always being sent to the login."""
    return [("visitor", LOGIN), *codes.items()]


GET_PAGES = {
    "create": (
        None,
        lambda e: url("create"),
        expect(
            participant=403,
            participant_allowed=200,
            contributor=200,
            author=200,
            coauthor=200,
            promoter=200,
            staff=200,
        ),
    ),
    "mine": (
        None,
        lambda e: url("mine"),
        expect(
            participant=200,
            participant_allowed=200,
            contributor=200,
            author=200,
            coauthor=200,
            promoter=200,
            staff=200,
        ),
    ),
    "edit a draft": (
        State.DRAFT,
        lambda e: url("edit_step", e, step="essenziale"),
        expect(
            participant=404,
            participant_allowed=404,
            contributor=404,
            author=200,
            coauthor=200,
            promoter=200,
            staff=200,
        ),
    ),
    "edit a published one": (
        State.PUBLISHED,
        lambda e: url("edit_step", e, step="racconto"),
        expect(
            participant=403,
            participant_allowed=403,
            contributor=403,
            author=200,
            coauthor=200,
            promoter=200,
            staff=200,
        ),
    ),
    "edit a rejected one": (
        State.REJECTED,
        lambda e: url("edit_step", e, step="racconto"),
        expect(
            participant=404,
            participant_allowed=404,
            contributor=404,
            author=403,
            coauthor=403,
            promoter=403,
            staff=403,
        ),
    ),
    "last step while in review": (
        State.SUBMITTED,
        lambda e: url("edit_step", e, step="invio"),
        expect(
            participant=404,
            participant_allowed=404,
            contributor=404,
            author=200,
            coauthor=200,
            promoter=403,
            staff=403,
        ),
    ),
    "confirm deletion": (
        State.DRAFT,
        lambda e: url("delete", e),
        expect(
            participant=404,
            participant_allowed=404,
            contributor=404,
            author=200,
            coauthor=403,
            promoter=403,
            staff=403,
        ),
    ),
    "replicate a published one": (
        State.PUBLISHED,
        lambda e: url("replicate", e),
        expect(
            participant=403,
            participant_allowed=200,
            contributor=200,
            author=200,
            coauthor=200,
            promoter=200,
            staff=200,
        ),
    ),
    "replicate a draft": (
        State.DRAFT,
        lambda e: url("replicate", e),
        expect(
            participant=404,
            participant_allowed=404,
            contributor=404,
            author=403,
            coauthor=403,
            promoter=403,
            staff=403,
        ),
    ),
    "co-authors": (
        State.DRAFT,
        lambda e: url("coauthors", e),
        expect(
            participant=404,
            participant_allowed=404,
            contributor=404,
            author=200,
            coauthor=403,
            promoter=200,
            staff=200,
        ),
    ),
    "review queue": (
        None,
        lambda e: url("review_queue"),
        expect(
            participant=403,
            participant_allowed=403,
            contributor=403,
            author=403,
            coauthor=403,
            promoter=200,
            staff=200,
        ),
    ),
    "review a submission": (
        State.SUBMITTED,
        lambda e: url("review", e),
        expect(
            participant=404,
            participant_allowed=404,
            contributor=404,
            author=403,
            coauthor=403,
            promoter=200,
            staff=200,
        ),
    ),
}


@pytest.mark.parametrize(
    ("page", "role", "status"),
    [(page, role, status) for page, (_, _, codes) in GET_PAGES.items() for role, status in codes],
)
def test_pages_by_role(people, client_as, page, role, status):
    state, make_url, _codes = GET_PAGES[page]
    experience = experience_in(people, state) if state else None
    response = client_as(role).get(make_url(experience))
    assert response.status_code == status
    if status == LOGIN:
        assert reverse("account_login") in response["Location"]


# --- actions: only the allowed ones change anything ---------------------------------------

ACTIONS = {
    # name: (state before, URL name, data, state after when allowed, roles allowed)
    "submit": (State.DRAFT, "submit", {}, State.SUBMITTED, {"author", "coauthor"}),
    "withdraw": (State.SUBMITTED, "withdraw", {}, State.DRAFT, {"author", "coauthor"}),
    "approve": (
        State.SUBMITTED,
        "review",
        {"azione": "decidi", "decision": "approve"},
        State.PUBLISHED,
        {"promoter", "staff"},
    ),
    "request changes": (
        State.SUBMITTED,
        "review",
        {"azione": "decidi", "decision": "changes", "comment": "Più dati"},
        State.CHANGES_REQUESTED,
        {"promoter", "staff"},
    ),
    "reject": (
        State.SUBMITTED,
        "review",
        {"azione": "decidi", "decision": "reject", "comment": "Fuori tema"},
        State.REJECTED,
        {"promoter", "staff"},
    ),
    "unpublish": (
        State.PUBLISHED,
        "review",
        {"azione": "ritira", "comment": "Dati errati"},
        State.DRAFT,
        {"promoter", "staff"},
    ),
}


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_workflow_actions_by_role(people, client_as, action, role):
    before, name, data, after, allowed = ACTIONS[action]
    experience = experience_in(people, before)

    response = client_as(role).post(url(name, experience), data)

    state = Experience.objects.get(pk=experience.pk).state
    if role in allowed:
        assert response.status_code == 302
        assert state == after
    else:
        assert state == before
        assert response.status_code in (LOGIN, 403, 404)
        if role == "visitor":
            assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_deleting_a_draft_by_role(people, client_as, role):
    experience = experience_in(people, State.DRAFT)
    response = client_as(role).post(url("delete", experience))
    exists = Experience.objects.filter(pk=experience.pk).exists()
    assert exists == (role != "author")
    expected = {"visitor": LOGIN, "author": 302, "coauthor": 403, "promoter": 403, "staff": 403}
    assert response.status_code == expected.get(role, 404)


@pytest.mark.parametrize("role", ROLES)
def test_saving_a_step_by_role(people, client_as, role):
    experience = experience_in(people, State.DRAFT)
    response = client_as(role).post(
        url("edit_step", experience, step="contatti"),
        {"contact_name": "Cambiato", "licence": "CC-BY-4.0", "azione": "salva"},
    )
    changed = Experience.objects.get(pk=experience.pk).contact_name == "Cambiato"
    editors = {"author", "coauthor", "promoter", "staff"}
    assert changed == (role in editors)
    if role not in editors:
        assert response.status_code in (LOGIN, 404)


@pytest.mark.parametrize("role", ROLES)
def test_inviting_a_coauthor_by_role(people, client_as, role):
    experience = experience_in(people, State.DRAFT)
    colleague = member(experience.organisations.get().organisation).user
    response = client_as(role).post(
        url("coauthors", experience), {"azione": "invita", "user": colleague.pk}
    )
    invited = ExperienceCoauthor.objects.filter(user=colleague).exists()
    assert invited == (role in {"author", "promoter", "staff"})
    if not invited:
        assert response.status_code in (LOGIN, 403, 404)


@pytest.mark.parametrize("role", ROLES)
def test_accepting_an_invitation_is_only_for_the_invited_person(people, client_as, role):
    experience = experience_in(people, State.DRAFT)
    invited = ContributorFactory.create()
    ExperienceCoauthor.objects.create(experience=experience, user=invited)

    response = client_as(role).post(url("coauthor_accept", experience))

    assert ExperienceCoauthor.objects.get(user=invited).accepted_at is None
    # The co-author already accepted their own invitation: accepting again is harmless.
    assert response.status_code == {"visitor": LOGIN, "coauthor": 302}.get(role, 404)
    accepted = Client()
    accepted.force_login(invited)
    accepted.post(url("coauthor_accept", experience))
    assert ExperienceCoauthor.objects.get(user=invited).accepted_at is not None


# --- the predicates themselves --------------------------------------------------------------


def allowed(people, permission: str, experience: Experience | None) -> set[str]:
    return {
        role
        for role, user in people.items()
        if can(user or AnonymousUser(), permission, experience)
    }


def test_create_permission_follows_the_hub_setting(people):
    settings = ExperienceSettings.load()
    assert "participant" not in allowed(people, "create_experience", None)
    settings.participants_may_contribute = True
    settings.save()
    assert {"participant", "participant_allowed"} <= allowed(people, "create_experience", None)
    assert "visitor" not in allowed(people, "create_experience", None)


def test_a_pending_invitation_gives_no_access(people):
    experience = experience_in(people, State.DRAFT)
    invited = ContributorFactory.create()
    ExperienceCoauthor.objects.create(experience=experience, user=invited)

    assert not can(invited, "view_experience", experience)
    assert not can(invited, "edit_experience", experience)
    assert not Experience.objects.visible_to(invited).filter(pk=experience.pk).exists()

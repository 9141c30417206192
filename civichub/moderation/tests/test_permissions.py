"""The permission matrix, role by role."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from civichub.accounts.tests.factories import (
    ContributorFactory,
    NewUserFactory,
    PromoterFactory,
    StaffFactory,
    UserFactory,
)
from civichub.communities.tests.factories import facilitator
from civichub.experiences.tests.factories import DraftFactory, ExperienceFactory

from ..permissions import can, is_suspended
from .factories import SuspensionFactory, ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread():
    return ThreadFactory.create()


def roles(thread):
    return {
        "visitor": AnonymousUser(),
        "not_joined": NewUserFactory.create(),
        "participant": UserFactory.create(),
        "contributor": ContributorFactory.create(),
        "facilitator": facilitator(thread.area),
        "other_facilitator": facilitator(ThreadFactory.create().area),
        "promoter": PromoterFactory.create(),
        "staff": StaffFactory.create(),
        "suspended": SuspensionFactory.create().user,
    }


def test_report_matrix(thread):
    people = roles(thread)
    allowed = {name for name, user in people.items() if can(user, "report", thread)}
    assert allowed == {
        "participant",
        "contributor",
        "facilitator",
        "other_facilitator",
        "promoter",
        "staff",
    }
    assert not can(thread.author, "report", thread)  # own content


def test_nobody_reports_what_they_cannot_see_or_what_is_not_registered(thread):
    participant = UserFactory.create()
    hidden = ThreadFactory.create(moderation_state="hidden")
    assert not can(participant, "report", hidden)
    draft = DraftFactory.create()
    assert not can(participant, "report", draft)
    assert can(participant, "report", ExperienceFactory.create())
    assert not can(participant, "report", participant)  # users are not moderatable


def test_moderate_matrix(thread):
    people = roles(thread)
    allowed = {name for name, user in people.items() if can(user, "moderate", thread)}
    assert allowed == {"facilitator", "promoter", "staff"}
    queue = {name for name, user in people.items() if can(user, "moderate")}
    assert queue == {"facilitator", "other_facilitator", "promoter", "staff"}


def test_experiences_are_moderated_by_promoters_only(thread):
    experience = ExperienceFactory.create()
    people = roles(thread)
    allowed = {name for name, user in people.items() if can(user, "moderate", experience)}
    assert allowed == {"promoter", "staff"}


def test_suspend_matrix(thread):
    people = roles(thread)
    target = UserFactory.create()
    allowed = {name for name, user in people.items() if can(user, "suspend", target)}
    assert allowed == {"promoter", "staff"}
    promoter = people["promoter"]
    assert not can(promoter, "suspend", PromoterFactory.create())
    assert not can(promoter, "suspend", StaffFactory.create())
    assert not can(promoter, "suspend", promoter)


def test_is_suspended_is_memoised_and_respects_dates(django_assert_num_queries):
    user = SuspensionFactory.create().user
    with django_assert_num_queries(1):
        assert is_suspended(user)
        assert is_suspended(user)
    ended = SuspensionFactory.create(until=timezone.now() - datetime.timedelta(days=1)).user
    lifted = SuspensionFactory.create(lifted_at=timezone.now()).user
    future = SuspensionFactory.create(until=timezone.now() + datetime.timedelta(days=1)).user
    assert not is_suspended(ended)
    assert not is_suspended(lifted)
    assert is_suspended(future)
    assert not is_suspended(AnonymousUser())

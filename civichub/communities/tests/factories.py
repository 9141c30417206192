"""Areas and memberships for tests. ``AreaFactory`` makes a public, open area; the
factories do not move counters: tests of counters go through ``services.areas``
(or use ``member()``/``facilitator()``, which keep ``members_count`` right)."""

from typing import Any

import factory
from django.db.models import F
from django.utils import timezone

from civichub.accounts.tests.factories import UserFactory

from ..models import Area, AreaMembership, JoinPolicy, MemberRole, MemberState, Visibility


class AreaFactory(factory.django.DjangoModelFactory[Area]):
    class Meta:
        model = Area
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Beni comuni e patti di collaborazione {n}")
    slug = factory.Sequence(lambda n: f"area-{n}")
    purpose = (
        "Scambiarsi pratiche e strumenti per i patti di collaborazione tra comuni e cittadini."
    )
    visibility = Visibility.PUBLIC
    join_policy = JoinPolicy.OPEN
    last_activity_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def themes(area: Area, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            area.themes.set(extracted)


class MembersAreaFactory(AreaFactory):
    visibility = Visibility.MEMBERS
    join_policy = JoinPolicy.REQUEST


class PrivateAreaFactory(AreaFactory):
    visibility = Visibility.PRIVATE
    join_policy = JoinPolicy.INVITATION


class MembershipFactory(factory.django.DjangoModelFactory[AreaMembership]):
    """An active member. It does not move ``members_count``: see ``member()``."""

    class Meta:
        model = AreaMembership

    area = factory.SubFactory(AreaFactory)
    user = factory.SubFactory(UserFactory)
    role = MemberRole.MEMBER
    state = MemberState.ACTIVE


class FacilitatorMembershipFactory(MembershipFactory):
    role = MemberRole.FACILITATOR


def member(area: Area, user: Any = None, *, role: str = MemberRole.MEMBER) -> Any:
    """Make ``user`` (a new participant if None) an active member of ``area`` and count
    them; returns the user."""
    user = user or UserFactory.create()
    MembershipFactory.create(area=area, user=user, role=role)
    Area.objects.filter(pk=area.pk).update(members_count=F("members_count") + 1)
    area.refresh_from_db(fields=["members_count"])
    return user


def facilitator(area: Area, user: Any = None) -> Any:
    """Make ``user`` an active facilitator of ``area``; returns the user."""
    return member(area, user, role=MemberRole.FACILITATOR)

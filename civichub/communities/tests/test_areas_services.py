"""services.areas: creation, the membership flows (open, request, invitation, removal,
leave, rejoin), counters under double submits, permissions, notifications, follows."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from civichub.accounts.tests.factories import (
    ContributorFactory,
    NewUserFactory,
    PromoterFactory,
    StaffFactory,
    UserFactory,
)
from civichub.notifications.models import Notification
from civichub.notifications.selectors import is_following
from civichub.taxonomy.models import Theme

from ..models import Area, AreaMembership, JoinPolicy, MemberRole, MemberState, Visibility
from ..services import areas as services
from .factories import AreaFactory, MembersAreaFactory, PrivateAreaFactory, facilitator, member

pytestmark = pytest.mark.django_db


def count(area: Area) -> int:
    area.refresh_from_db(fields=["members_count"])
    active = AreaMembership.objects.filter(area=area, state=MemberState.ACTIVE).count()
    assert area.members_count == active
    return active


def actions(area: Area) -> list[str]:
    return list(
        ModelLogEntry.objects.filter(object_id=str(area.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def told(user, kind: str = "areas") -> list[str]:
    return list(
        Notification.objects.filter(recipient=user, kind=kind).values_list("text", flat=True)
    )


# --- creation ---------------------------------------------------------------------------


def test_promoter_creates_an_area_with_facilitators_and_themes():
    promoter = PromoterFactory.create()
    tutor = ContributorFactory.create()
    theme = Theme.objects.order_by("pk").first()

    area = services.area_create(
        actor=promoter,
        name="  Patti di collaborazione  ",
        purpose="Scambio di pratiche tra comuni.",
        visibility=Visibility.MEMBERS,
        join_policy=JoinPolicy.REQUEST,
        themes=[theme],
        facilitators=[tutor, tutor],
    )

    assert area.slug == "patti-di-collaborazione"
    assert area.name == "Patti di collaborazione"
    assert list(area.themes.all()) == [theme]
    row = AreaMembership.objects.get(area=area)
    assert (row.user, row.role, row.state) == (tutor, MemberRole.FACILITATOR, MemberState.ACTIVE)
    assert count(area) == 1
    assert is_following(tutor, area)
    assert actions(area)[0] == "civichub.communities.area_create"


def test_slugs_are_unique_and_keep_off_reserved_paths():
    promoter = PromoterFactory.create()
    first = services.area_create(actor=promoter, name="Mie", purpose="x")
    second = services.area_create(actor=promoter, name="Mie", purpose="x")
    assert first.slug == "mie-2"  # "mie" is a reserved path
    assert second.slug == "mie-3"
    with pytest.raises(ValidationError):
        services.area_create(actor=promoter, name="Altra", purpose="x", slug="mie-2")
    with pytest.raises(ValidationError):
        services.area_create(actor=promoter, name="Altra", purpose="x", slug="nuova")


@pytest.mark.parametrize("factory", [UserFactory, ContributorFactory])
def test_only_promoters_and_staff_create_areas(factory):
    with pytest.raises(PermissionDenied):
        services.area_create(actor=factory(), name="Area", purpose="Finalità")
    assert services.area_create(actor=StaffFactory.create(), name="Area", purpose="Finalità").pk
    assert not Area.objects.exclude(slug="area").exists()


def test_system_and_trusted_calls_skip_the_role_check():
    tutor = ContributorFactory.create()
    cohort = services.area_create(
        actor=None,
        name="Corso 2026, edizione di Bologna",
        purpose="Lo spazio della classe.",
        visibility=Visibility.PRIVATE,
        join_policy=JoinPolicy.OPEN,
        facilitators=[tutor],
    )
    # A private area is joined only by invitation.
    assert (cohort.visibility, cohort.join_policy) == (Visibility.PRIVATE, JoinPolicy.INVITATION)
    trusted = services.area_create(actor=tutor, trusted=True, name="Classe", purpose="x")
    assert trusted.pk


def test_bad_input_saves_nothing():
    promoter = PromoterFactory.create()
    with pytest.raises(ValidationError):
        services.area_create(actor=promoter, name=" ", purpose="x")
    with pytest.raises(ValidationError):
        services.area_create(actor=promoter, name="A", purpose="x" * 601)
    with pytest.raises(ValidationError):
        services.area_create(actor=promoter, name="A", purpose="x", visibility="segreta")
    assert not Area.objects.exists()


def test_promoters_workspace_is_private_by_invitation():
    area = services.area_create(
        actor=StaffFactory.create(),
        name="Spazio dei promotori",
        purpose="Coordinamento.",
        visibility=Visibility.PUBLIC,
        is_promoters_workspace=True,
    )
    assert (area.visibility, area.join_policy) == (Visibility.PRIVATE, JoinPolicy.INVITATION)


def test_update_and_archive_are_for_promoters():
    area = AreaFactory.create()
    keeper = facilitator(area)
    with pytest.raises(PermissionDenied):
        services.area_update(area=area, actor=keeper, name="Altro nome")
    promoter = PromoterFactory.create()
    area = services.area_update(
        area=area, actor=promoter, name="Nuovo nome", visibility=Visibility.PRIVATE
    )
    area.refresh_from_db()
    assert (area.name, area.visibility, area.join_policy) == (
        "Nuovo nome",
        Visibility.PRIVATE,
        JoinPolicy.INVITATION,
    )
    # Private now: the promoter no longer sees it; staff do.
    with pytest.raises(PermissionDenied):
        services.area_archive(area=area, actor=promoter)
    services.area_archive(area=area, actor=StaffFactory.create())
    area.refresh_from_db()
    assert area.archived_at is not None
    with pytest.raises(ValidationError):
        services.member_add(area=area, user=UserFactory.create())


def test_welcome_is_for_facilitators():
    area = AreaFactory.create()
    keeper = facilitator(area)
    with pytest.raises(PermissionDenied):
        services.welcome_update(area=area, actor=member(area), welcome="Ciao")
    services.welcome_update(area=area, actor=keeper, welcome=" Benvenute e benvenuti! ")
    area.refresh_from_db()
    assert area.welcome == "Benvenute e benvenuti!"
    with pytest.raises(ValidationError):
        services.welcome_update(area=area, actor=keeper, welcome="x" * 5001)


# --- open areas ---------------------------------------------------------------------------


def test_joining_an_open_area_is_immediate_and_idempotent():
    area = AreaFactory.create()
    person = UserFactory.create()

    row = services.area_join(area=area, user=person)
    again = services.area_join(area=area, user=person)

    assert row.pk == again.pk
    assert row.state == MemberState.ACTIVE
    assert count(area) == 1
    assert is_following(person, area)
    assert actions(area) == ["civichub.communities.area_join"]


def test_leaving_and_rejoining():
    area = AreaFactory.create()
    person = UserFactory.create()
    services.area_join(area=area, user=person)

    row = services.area_leave(area=area, user=person)
    assert row is not None
    assert row.state == MemberState.LEFT
    assert count(area) == 0
    assert not is_following(person, area)
    again = services.area_leave(area=area, user=person)  # twice
    assert again is not None
    assert again.state == MemberState.LEFT
    assert count(area) == 0

    assert services.area_join(area=area, user=person).state == MemberState.ACTIVE
    assert count(area) == 1


def test_people_who_have_not_joined_the_hub_cannot_join_an_area():
    with pytest.raises(PermissionDenied):
        services.area_join(area=AreaFactory.create(), user=NewUserFactory.create())


def test_the_only_facilitator_cannot_leave():
    area = AreaFactory.create()
    keeper = facilitator(area)
    with pytest.raises(ValidationError):
        services.area_leave(area=area, user=keeper)
    other = facilitator(area)
    services.area_leave(area=area, user=keeper)
    assert count(area) == 1
    assert AreaMembership.objects.get(area=area, user=other).state == MemberState.ACTIVE


# --- requests -----------------------------------------------------------------------------


def test_request_tells_facilitators_then_approval_counts_and_tells_the_person():
    area = MembersAreaFactory.create(name="Welfare di comunità")
    keeper = facilitator(area)
    person = UserFactory.create(first_name="Giulia", last_name="Bassi")

    row = services.area_join(area=area, user=person, message="Lavoro in un ambito sociale.")
    assert row.state == MemberState.REQUESTED
    assert row.message == "Lavoro in un ambito sociale."
    assert count(area) == 1
    assert services.area_join(area=area, user=person).pk == row.pk  # double submit
    assert told(keeper) == ["Giulia Bassi chiede di entrare nell'area «Welfare di comunità»."]

    services.join_request_decide(membership=row, actor=keeper, approve=True)
    row.refresh_from_db()
    assert (row.state, row.decided_by) == (MemberState.ACTIVE, keeper)
    assert count(area) == 2
    assert is_following(person, area)
    assert told(person) == [
        "La tua richiesta di entrare nell'area «Welfare di comunità» è stata accolta."
    ]
    with pytest.raises(ValidationError):
        services.join_request_decide(membership=row, actor=keeper, approve=True)
    assert count(area) == 2


def test_refusal_deletes_the_request_and_the_person_may_ask_again():
    area = MembersAreaFactory.create(name="Rigenerazione urbana")
    keeper = facilitator(area)
    person = UserFactory.create()
    row = services.area_join(area=area, user=person)

    assert (
        services.join_request_decide(
            membership=row, actor=keeper, approve=False, reason="Area per i soli comuni."
        )
        is None
    )
    assert not AreaMembership.objects.filter(user=person).exists()
    assert count(area) == 1
    assert told(person) == [
        "La tua richiesta di entrare nell'area «Rigenerazione urbana» non è stata accolta: "
        "Area per i soli comuni."
    ]
    assert services.area_join(area=area, user=person).state == MemberState.REQUESTED


@pytest.mark.parametrize("who", ["member", "participant", "contributor"])
def test_only_facilitators_decide_requests(who):
    area = MembersAreaFactory.create()
    row = services.area_join(area=area, user=UserFactory.create())
    actor = {
        "member": member(area),
        "participant": UserFactory.create(),
        "contributor": ContributorFactory.create(),
    }[who]
    with pytest.raises(PermissionDenied):
        services.join_request_decide(membership=row, actor=actor, approve=True)
    row.refresh_from_db()
    assert row.state == MemberState.REQUESTED


def test_withdrawing_a_request():
    area = MembersAreaFactory.create()
    person = UserFactory.create()
    services.area_join(area=area, user=person)
    assert services.area_leave(area=area, user=person) is None
    assert not AreaMembership.objects.filter(user=person).exists()


# --- invitations --------------------------------------------------------------------------


def test_invitation_only_areas_refuse_joining():
    by_invitation = AreaFactory.create(join_policy=JoinPolicy.INVITATION)
    for area in (PrivateAreaFactory.create(), by_invitation):
        with pytest.raises(ValidationError):
            services.area_join(area=area, user=UserFactory.create())
        assert count(area) == 0


def test_invitation_accepted():
    area = PrivateAreaFactory.create(name="Tavolo regionale")
    keeper = facilitator(area)
    person = UserFactory.create()

    row = services.member_invite(area=area, actor=keeper, user=person)
    assert services.member_invite(area=area, actor=keeper, user=person).pk == row.pk
    assert (row.state, row.invited_by) == (MemberState.INVITED, keeper)
    assert count(area) == 1
    assert len(told(person)) == 1

    services.invitation_respond(membership=row, user=person, accept=True)
    row.refresh_from_db()
    assert row.state == MemberState.ACTIVE
    assert count(area) == 2
    assert is_following(person, area)
    # accepting twice changes nothing
    services.invitation_respond(membership=row, user=person, accept=True)
    assert count(area) == 2


def test_invitation_declined_and_not_answerable_by_others():
    area = PrivateAreaFactory.create()
    keeper = facilitator(area)
    person = UserFactory.create()
    row = services.member_invite(area=area, actor=keeper, user=person)
    with pytest.raises(PermissionDenied):
        services.invitation_respond(membership=row, user=UserFactory.create(), accept=True)
    assert services.invitation_respond(membership=row, user=person, accept=False) is None
    assert not AreaMembership.objects.filter(user=person).exists()
    assert count(area) == 1


def test_inviting_someone_who_asked_approves_them():
    area = MembersAreaFactory.create()
    keeper = facilitator(area)
    person = UserFactory.create()
    services.area_join(area=area, user=person)
    row = services.member_invite(area=area, actor=keeper, user=person)
    assert row.state == MemberState.ACTIVE
    assert count(area) == 2


def test_only_hub_members_are_invited_and_not_twice():
    area = PrivateAreaFactory.create()
    keeper = facilitator(area)
    with pytest.raises(ValidationError):
        services.member_invite(area=area, actor=keeper, user=NewUserFactory.create())
    with pytest.raises(ValidationError):
        services.member_invite(area=area, actor=keeper, user=keeper)
    with pytest.raises(PermissionDenied):
        services.member_invite(area=area, actor=member(area), user=UserFactory.create())


# --- removal, facilitators, direct adds -----------------------------------------------------


def test_removal_tells_the_person_and_only_an_invitation_brings_them_back():
    area = AreaFactory.create(name="Giovani e partecipazione")
    keeper = facilitator(area)
    person = member(area)
    services.member_remove(area=area, user=person, actor=keeper, reason="Messaggi promozionali.")
    assert AreaMembership.objects.get(user=person).state == MemberState.REMOVED
    assert count(area) == 1
    assert not is_following(person, area)
    assert told(person) == [
        "Sei stato rimosso dall'area «Giovani e partecipazione»: Messaggi promozionali."
    ]
    with pytest.raises(ValidationError):
        services.area_join(area=area, user=person)
    with pytest.raises(ValidationError):
        services.member_remove(area=area, user=person, actor=keeper)
    services.member_invite(area=area, actor=keeper, user=person)
    services.area_join(area=area, user=person)  # joining when invited accepts
    assert count(area) == 2


def test_facilitators_cannot_remove_themselves_and_members_cannot_remove():
    area = AreaFactory.create()
    keeper = facilitator(area)
    person = member(area)
    with pytest.raises(ValidationError):
        services.member_remove(area=area, user=keeper, actor=keeper)
    with pytest.raises(PermissionDenied):
        services.member_remove(area=area, user=keeper, actor=person)
    assert count(area) == 2


def test_facilitator_set_and_unset():
    area = AreaFactory.create()
    keeper = facilitator(area)
    person = member(area)
    services.facilitator_set(area=area, user=person, actor=keeper, facilitator=True)
    assert AreaMembership.objects.get(user=person).role == MemberRole.FACILITATOR
    assert len(told(person)) == 1
    promoter = PromoterFactory.create()
    services.facilitator_set(area=area, user=person, actor=promoter, facilitator=False)
    assert AreaMembership.objects.get(user=person).role == MemberRole.MEMBER
    outsider = UserFactory.create()
    with pytest.raises(ValidationError):
        services.facilitator_set(area=area, user=outsider, actor=keeper, facilitator=True)
    assert count(area) == 2


def test_member_add_is_direct_and_idempotent():
    area = PrivateAreaFactory.create()
    person = UserFactory.create()
    services.member_add(area=area, user=person)
    services.member_add(area=area, user=person, role=MemberRole.FACILITATOR)
    assert AreaMembership.objects.get(user=person).role == MemberRole.FACILITATOR
    assert count(area) == 1
    with pytest.raises(PermissionDenied):
        services.member_add(area=area, user=UserFactory.create(), actor=UserFactory.create())

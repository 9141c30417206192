"""Reads: what a viewer may see of people, and a person's own settings."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from wagtail.models import APIToken

from civichub.organisations.models import Membership

from .models import (
    Consent,
    ConsentKind,
    ContributorRequest,
    NotificationPreference,
    User,
)
from .permissions import can, can_see, can_view_profile
from .registry import NOTIFICATION_KINDS


def access_profile(*, viewer: User | AnonymousUser, public_id: str) -> User:
    """The owner of a profile the viewer may see, with everything the page shows
    prefetched; the same 404 whether it is missing, erased or hidden."""
    owner = (
        User.objects.filter(public_id=public_id)
        .select_related("profile", "profile__municipality")
        .prefetch_related(
            "profile__themes",
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(status=Membership.Status.ACTIVE)
                .select_related("organisation")
                .order_by("organisation__name"),
                to_attr="active_memberships",
            ),
        )
        .first()
    )
    if owner is None or not can_view_profile(viewer, owner):
        raise Http404
    return owner


def profile_fields_for(*, viewer: User | AnonymousUser, owner: User) -> dict[str, Any]:
    """The parts of ``owner``'s profile that ``viewer`` may see (None when hidden)."""
    profile = owner.profile
    return {
        "bio": profile.bio if can_see(viewer, owner, profile.bio_visibility) else None,
        "organisations": (
            [m.organisation for m in owner.active_memberships]  # type: ignore[attr-defined]
            if can_see(viewer, owner, profile.organisations_visibility)
            else None
        ),
        "municipality": (
            profile.municipality if can_see(viewer, owner, profile.territory_visibility) else None
        ),
        "themes": (
            list(profile.themes.all())
            if can_see(viewer, owner, profile.themes_visibility)
            else None
        ),
    }


def pending_contributor_requests() -> QuerySet[ContributorRequest]:
    return (
        ContributorRequest.objects.filter(status=ContributorRequest.Status.PENDING)
        .select_related("user", "requested_by", "organisation")
        .order_by("created_at", "pk")
    )


def access_contributor_request(*, viewer: User, pk: int) -> ContributorRequest:
    if not can(viewer, "review_contributor_requests"):
        raise Http404
    request = pending_contributor_requests().filter(pk=pk).first()
    if request is None:
        raise Http404
    return request


def access_person(*, viewer: User, public_id: str, perm: str) -> User:
    """A person the viewer may act on with this app's ``perm``; 404 otherwise."""
    person = User.objects.filter(public_id=public_id, erased_at__isnull=True).first()
    if person is None or not can(viewer, perm, person):
        raise Http404
    return person


def api_tokens_of(*, user: User) -> QuerySet[APIToken]:
    """The person's tokens that still work."""
    return APIToken.objects.filter(user=user, revoked_at__isnull=True).order_by("-created", "-pk")


def access_api_token(*, user: User, pk: int) -> APIToken:
    token = api_tokens_of(user=user).filter(pk=pk).first()
    if token is None:
        raise Http404
    return token


def consent_history(*, user: User) -> QuerySet[Consent]:
    return Consent.objects.filter(user=user).order_by("-created_at", "-pk")


def current_consents(*, user: User) -> dict[str, Consent | None]:
    """The latest choice per kind (None if never asked)."""
    latest: dict[str, Consent | None] = dict.fromkeys(ConsentKind.values)
    for consent in consent_history(user=user):
        if latest[consent.kind] is None:
            latest[consent.kind] = consent
    return latest


def notification_frequencies(*, user: User) -> dict[str, str]:
    stored = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "frequency"))
    return {key: stored.get(key, kind.default) for key, kind in NOTIFICATION_KINDS.items()}


def notification_frequency(*, user: User, kind: str) -> str:
    stored = (
        NotificationPreference.objects.filter(user=user, kind=kind)
        .values_list("frequency", flat=True)
        .first()
    )
    return stored or NOTIFICATION_KINDS[kind].default


def promoters_to_notify() -> QuerySet[User]:
    return User.objects.filter(is_active=True, erased_at__isnull=True, role="promoter").order_by(
        "pk"
    )

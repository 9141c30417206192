"""Reads of organisations; each costs a constant number of queries whatever the data size."""

import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from civichub.accounts.models import User, Visibility
from civichub.accounts.permissions import is_member, is_promoter
from civichub.taxonomy.models import Theme
from civichub.territories.models import Municipality, Region

from .models import ContributorApplication, Membership, Organisation

# Boundaries are large GeoJSON documents that no organisation page or list needs.
_SEAT = ("region", "municipality__province")
_NO_BOUNDARIES = ("region__boundary", "municipality__boundary", "municipality__province__boundary")


@dataclass(frozen=True)
class DirectoryFilters:
    q: str = ""
    kind: str = ""
    region: Region | None = None
    theme: Theme | None = None
    contributor: bool | None = None


@dataclass(frozen=True)
class DirectoryFacets:
    """How many organisations each filter value would give, the other filters applied."""

    kinds: dict[str, int]
    regions: dict[int, int]
    themes: dict[int, int]
    contributor: dict[bool, int]


def _filtered(filters: DirectoryFilters, *, skip: str = "") -> QuerySet[Organisation]:
    queryset = Organisation.objects.public()
    if filters.q and skip != "q":
        queryset = queryset.filter(Q(name__icontains=filters.q) | Q(summary__icontains=filters.q))
    if filters.kind and skip != "kind":
        queryset = queryset.filter(kind=filters.kind)
    if filters.region is not None and skip != "region":
        queryset = queryset.filter(region=filters.region)
    if filters.theme is not None and skip != "theme":
        queryset = queryset.filter(themes=filters.theme)
    if filters.contributor is not None and skip != "contributor":
        queryset = queryset.filter(is_contributor=filters.contributor)
    return queryset


def organisation_directory(filters: DirectoryFilters) -> QuerySet[Organisation]:
    """Public organisations matching ``filters``, by name, with seat and themes."""
    return (
        _filtered(filters)
        .select_related(*_SEAT)
        .defer(*_NO_BOUNDARIES)
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "name")))
        .order_by("name", "pk")
    )


def _counts(queryset: QuerySet, field: str) -> dict[Any, int]:
    rows = queryset.order_by().values(field).annotate(n=Count("pk"))
    return {row[field]: row["n"] for row in rows if row[field] is not None}


FACETS_CACHE_SECONDS = 60


def organisation_directory_facets(filters: DirectoryFilters) -> DirectoryFacets:
    """Four grouped queries, one per facet, cached a minute per filter combination:
    they scan the whole directory, and counts a minute old mislead nobody."""
    key = (
        "organisations:facets:"
        + hashlib.sha256(
            "|".join(
                [
                    filters.q,
                    filters.kind,
                    str(filters.region.pk if filters.region else ""),
                    str(filters.theme.pk if filters.theme else ""),
                    str(filters.contributor),
                ]
            ).encode()
        ).hexdigest()
    )
    facets = cache.get(key)
    if facets is None:
        facets = _directory_facets(filters)
        cache.set(key, facets, FACETS_CACHE_SECONDS)
    return facets


def _directory_facets(filters: DirectoryFilters) -> DirectoryFacets:
    themed = Organisation.themes.through.objects.filter(
        organisation__in=_filtered(filters, skip="theme")
    )
    theme_counts = {
        row["theme_id"]: row["n"]
        for row in themed.order_by().values("theme_id").annotate(n=Count("organisation_id"))
    }
    return DirectoryFacets(
        kinds=_counts(_filtered(filters, skip="kind"), "kind"),
        regions=_counts(_filtered(filters, skip="region"), "region_id"),
        themes=theme_counts,
        contributor=_counts(_filtered(filters, skip="contributor"), "is_contributor"),
    )


def access_organisation(user: Any, slug: str, *, with_relations: bool = False) -> Organisation:
    """The organisation if ``user`` may see it; the same 404 when it does not exist."""
    queryset = Organisation.objects.visible_to(user).select_related(*_SEAT).defer(*_NO_BOUNDARIES)
    if with_relations:
        queryset = queryset.prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "name")),
            Prefetch("operating_regions", queryset=Region.objects.defer("boundary")),
            Prefetch(
                "operating_municipalities",
                queryset=Municipality.objects.select_related("province").defer(
                    "boundary", "province__boundary"
                ),
            ),
        )
    organisation = queryset.filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisation


def organisation_public_members(
    organisation: Organisation, *, viewer: Any
) -> tuple[list[User], int]:
    """The members the viewer may see by name, and how many active members there are.

    A person is named only when their profile and their organisations are both
    visible to the viewer (each person chooses, in the profile settings)."""
    active = User.objects.filter(
        is_active=True,
        erased_at__isnull=True,
        memberships__organisation=organisation,
        memberships__status=Membership.Status.ACTIVE,
    )
    allowed = [Visibility.PUBLIC, Visibility.MEMBERS] if is_member(viewer) else [Visibility.PUBLIC]
    named = (
        active.filter(
            joined_at__isnull=False,
            profile__visibility__in=allowed,
            profile__organisations_visibility__in=allowed,
        )
        .only("first_name", "last_name", "public_id")
        .order_by("last_name", "first_name", "pk")
    )
    return list(named), active.count()


def membership_of(user: Any, organisation: Organisation) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.filter(organisation=organisation, user=user).first()


def organisation_memberships(organisation: Organisation) -> dict[str, list[Membership]]:
    """Pending requests (oldest first) and active members (by name), in one query."""
    memberships = (
        Membership.objects.filter(
            organisation=organisation,
            status__in=[Membership.Status.PENDING, Membership.Status.ACTIVE],
        )
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    grouped: dict[str, list[Membership]] = {"pending": [], "active": []}
    for membership in memberships:
        grouped[membership.status].append(membership)
    grouped["pending"].sort(key=lambda m: m.created_at)
    return grouped


def access_membership(organisation: Organisation, pk: int) -> Membership:
    membership = (
        Membership.objects.select_related("user", "organisation")
        .filter(organisation=organisation, pk=pk)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def contributor_application_queue() -> QuerySet[ContributorApplication]:
    return (
        ContributorApplication.objects.filter(status=ContributorApplication.Status.PENDING)
        .select_related("organisation", "submitted_by")
        .order_by("created_at", "pk")
    )


def recent_contributor_decisions(*, count: int = 10) -> list[ContributorApplication]:
    return list(
        ContributorApplication.objects.exclude(status=ContributorApplication.Status.PENDING)
        .select_related("organisation", "decided_by")
        .order_by("-decided_at", "-pk")[:count]
    )


def latest_contributor_application(organisation: Organisation) -> ContributorApplication | None:
    return (
        ContributorApplication.objects.filter(organisation=organisation)
        .order_by("-created_at", "-pk")
        .first()
    )


def access_contributor_application(user: Any, pk: int) -> ContributorApplication:
    """Only promoters see applications; anyone else gets the same 404 as a wrong id."""
    application = (
        ContributorApplication.objects.select_related("organisation").filter(pk=pk).first()
        if is_promoter(user)
        else None
    )
    if application is None:
        raise Http404
    return application

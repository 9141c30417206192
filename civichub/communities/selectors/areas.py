"""Reads of working areas and their members; each costs a constant number of queries
whatever the number of areas, members or themes.

Everything starts from ``Area.objects.visible_to(user)`` (permissions.visible_areas_q):
nothing of a private area reaches someone outside it.
"""

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from civichub.accounts.permissions import can_view_profile
from civichub.taxonomy.models import Theme

from ..models import Area, AreaMembership, MemberRole, MemberState, Visibility
from ..permissions import can

AREAS_PER_PAGE = 24
MEMBERS_PER_PAGE = 30
PROFILE_AREAS_LIMIT = 12
# Long texts that no list shows.
LONG_TEXTS = ("welcome", "welcome_en")


def access_area(user: Any, slug: str) -> Area:
    """The area if ``user`` may read it; the same 404 when it does not exist."""
    area = Area.objects.filter(slug=slug).first()
    if area is None or not can(user, "communities.view_area", area):
        raise Http404
    return area


def _facilitators_prefetch() -> Prefetch:
    return Prefetch(
        "memberships",
        queryset=AreaMembership.objects.filter(
            state=MemberState.ACTIVE, role=MemberRole.FACILITATOR
        )
        .select_related("user")
        .order_by("created_at", "pk"),
        to_attr="facilitator_rows",
    )


def with_list_data(areas: QuerySet[Area]) -> QuerySet[Area]:
    """What an area card shows: themes and facilitators, in two queries per list."""
    return areas.defer(*LONG_TEXTS).prefetch_related("themes", _facilitators_prefetch())


def join_states(user: Any, area_ids: list[int]) -> dict[int, str]:
    """``area_id → membership state`` of ``user`` for these areas, in one query."""
    if not (user and user.is_authenticated) or not area_ids:
        return {}
    rows = AreaMembership.objects.filter(user=user, area_id__in=area_ids)
    return dict(rows.values_list("area_id", "state"))


@dataclass
class AreaList:
    mine: list[Area]
    page: Page
    themes: list[Theme]
    theme: Theme | None
    states: dict[int, str] = field(default_factory=dict)


def area_list(user: Any, *, theme_slug: str = "", page: Any = 1) -> AreaList:
    """The areas ``user`` may see: theirs first (all, unpaginated: a person belongs to a
    few), then the others by latest activity, paginated; optionally of one theme."""
    visible = Area.objects.visible_to(user).filter(archived_at__isnull=True)
    themes = list(Theme.objects.filter(areas__in=visible).distinct().order_by("name"))
    theme = next((t for t in themes if t.slug == theme_slug), None) if theme_slug else None
    if theme is not None:
        visible = visible.filter(themes=theme)
    ordered = visible.order_by("-last_activity_at", "name")
    mine: list[Area] = []
    if user and user.is_authenticated:
        mine_ids = AreaMembership.objects.filter(user=user, state=MemberState.ACTIVE).values(
            "area_id"
        )
        mine = list(with_list_data(ordered.filter(pk__in=mine_ids)))
        ordered = ordered.exclude(pk__in=[area.pk for area in mine])
    paginator = Paginator(with_list_data(ordered), AREAS_PER_PAGE)
    page_obj = paginator.get_page(page)
    ids = [area.pk for area in mine] + [area.pk for area in page_obj.object_list]
    states = join_states(user, ids)
    for area in [*mine, *page_obj.object_list]:
        area.join_state = states.get(area.pk, "")  # type: ignore[attr-defined]
    return AreaList(mine=mine, page=page_obj, themes=themes, theme=theme, states=states)


def own_membership(user: Any, area: Area) -> AreaMembership | None:
    """``user``'s row in ``area`` (any state), or None."""
    if not (user and user.is_authenticated):
        return None
    row = AreaMembership.objects.filter(area=area, user=user).first()
    if row is not None:
        row.area = area
    return row


def area_facilitators(area: Area) -> list[AreaMembership]:
    return list(
        AreaMembership.objects.filter(
            area=area, state=MemberState.ACTIVE, role=MemberRole.FACILITATOR
        )
        .select_related("user__profile")
        .order_by("created_at", "pk")
    )


def area_members(viewer: Any, area: Area, *, page: Any = 1) -> Page:
    """Active members, facilitators first, then by joining date; each row knows whether
    ``viewer`` may open the person's profile (``profile_visible``)."""
    rows = (
        AreaMembership.objects.filter(area=area, state=MemberState.ACTIVE)
        .select_related("user__profile")
        .order_by("role", "created_at", "pk")
    )
    # "facilitator" < "member" alphabetically: facilitators first.
    page_obj = Paginator(rows, MEMBERS_PER_PAGE).get_page(page)
    for row in page_obj.object_list:
        row.profile_visible = can_view_profile(viewer, row.user)  # type: ignore[attr-defined]
    return page_obj


def pending_requests(area: Area) -> list[AreaMembership]:
    return list(
        AreaMembership.objects.filter(area=area, state=MemberState.REQUESTED)
        .select_related("user")
        .order_by("created_at", "pk")
    )


def pending_invitations(area: Area) -> list[AreaMembership]:
    return list(
        AreaMembership.objects.filter(area=area, state=MemberState.INVITED)
        .select_related("user", "invited_by")
        .order_by("created_at", "pk")
    )


def access_membership(area: Area, pk: int, *, states: tuple[str, ...]) -> AreaMembership:
    """A row of ``area`` by pk, only in ``states``: 404 otherwise (facilitators' forms)."""
    row = AreaMembership.objects.select_related("user").filter(area=area, pk=pk).first()
    if row is None or row.state not in states:
        raise Http404
    row.area = area
    return row


def public_areas() -> QuerySet[Area]:
    """Public, not archived areas, for the API and other hubs."""
    return (
        Area.objects.filter(visibility=Visibility.PUBLIC, archived_at__isnull=True)
        .defer(*LONG_TEXTS)
        .prefetch_related("themes")
        .order_by("-last_activity_at", "name")
    )


def profile_areas(owner: Any, viewer: Any) -> tuple[list[Area], int]:
    """The areas ``owner`` is an active member of that ``viewer`` may see, latest
    activity first, at most ``PROFILE_AREAS_LIMIT``, and how many there are."""
    areas = (
        Area.objects.visible_to(viewer)
        .filter(
            memberships__user=owner,
            memberships__state=MemberState.ACTIVE,
            archived_at__isnull=True,
        )
        .defer(*LONG_TEXTS)
        .order_by("-last_activity_at", "name")
    )
    return list(areas[:PROFILE_AREAS_LIMIT]), areas.count()

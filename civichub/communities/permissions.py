"""Who may read, join, post in and facilitate a working area.

The ``*_q`` functions are the single definition of visibility: the querysets'
``visible_to`` and therefore every page, search result, feed, API answer and
notification use them. The rules predicates below agree with them object by object.
"""

from typing import Any

import rules
from django.db.models import Q

from civichub.accounts.permissions import can, has_joined, is_promoter, is_staff
from civichub.moderation.models import ContentState

from .models import Area, AreaMembership, JoinPolicy, MemberRole, MemberState, Visibility

__all__ = ["can"]


def _signed_in(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def membership(user: Any, area: Area) -> AreaMembership | None:
    """``user``'s membership row of ``area`` (any state), memoised on the user object
    for the request so templates and views asking many questions cost one query."""
    if not _signed_in(user):
        return None
    cache: dict[int, AreaMembership | None] = user.__dict__.setdefault("_area_memberships", {})
    if area.pk not in cache:
        cache[area.pk] = AreaMembership.objects.filter(area=area, user=user).first()
    return cache[area.pk]


def _active_area_ids(user: Any) -> Any:
    return AreaMembership.objects.filter(user=user, state=MemberState.ACTIVE).values("area_id")


def _facilitated_area_ids(user: Any) -> Any:
    return AreaMembership.objects.filter(
        user=user, state=MemberState.ACTIVE, role=MemberRole.FACILITATOR
    ).values("area_id")


def visible_areas_q(user: Any) -> Q:
    if not _signed_in(user) or not has_joined(user):
        if _signed_in(user) and is_staff(user):
            return Q()
        return Q(visibility=Visibility.PUBLIC)
    if is_staff(user):
        return Q()
    readable = Q(visibility__in=[Visibility.PUBLIC, Visibility.MEMBERS]) | Q(
        pk__in=_active_area_ids(user)
    )
    if is_promoter(user):
        readable |= Q(is_promoters_workspace=True)
    return readable


def _moderated_area_ids_q(user: Any, field: str) -> Q:
    """Rows in areas ``user`` moderates (all of them for promoters and staff)."""
    if is_promoter(user) or is_staff(user):
        return Q()
    return Q(**{f"{field}__in": _facilitated_area_ids(user)})


def _posts_q(user: Any, area_field: str) -> Q:
    visible = Q(moderation_state=ContentState.VISIBLE)
    if _signed_in(user):
        visible |= Q(moderation_state=ContentState.HELD, author=user)
        visible |= Q(moderation_state=ContentState.HELD) & _moderated_area_ids_q(user, area_field)
    return Q(**{f"{area_field}__in": Area.objects.filter(visible_areas_q(user)).values("pk")}) & (
        visible
    )


def visible_threads_q(user: Any) -> Q:
    return _posts_q(user, "area_id")


def visible_replies_q(user: Any) -> Q:
    return _posts_q(user, "thread__area_id") & Q(
        thread__moderation_state__in=[ContentState.VISIBLE, ContentState.HELD]
    )


# --- predicates ------------------------------------------------------------------------


@rules.predicate
def can_view_area(user: Any, area: Area) -> bool:
    if area.visibility == Visibility.PUBLIC:
        return True
    if not _signed_in(user):
        return False
    if is_staff(user):
        return True
    if not has_joined(user):
        return False
    if area.visibility == Visibility.MEMBERS:
        return True
    if area.is_promoters_workspace and is_promoter(user):
        return True
    row = membership(user, area)
    return bool(row and row.state == MemberState.ACTIVE)


@rules.predicate
def is_area_member(user: Any, area: Area) -> bool:
    if not _signed_in(user) or not has_joined(user):
        return False
    if area.is_promoters_workspace and is_promoter(user):
        return True
    row = membership(user, area)
    return bool(row and row.state == MemberState.ACTIVE)


@rules.predicate
def is_area_facilitator(user: Any, area: Area) -> bool:
    if not _signed_in(user):
        return False
    if is_promoter(user) or is_staff(user):
        return True
    row = membership(user, area)
    return bool(row and row.state == MemberState.ACTIVE and row.role == MemberRole.FACILITATOR)


@rules.predicate
def may_join(user: Any, area: Area) -> bool:
    """A joined member who is not in the area yet, by the join policy (an invitation is
    accepted, not joined)."""
    if not _signed_in(user) or not has_joined(user) or area.archived_at:
        return False
    if area.join_policy == JoinPolicy.INVITATION or area.visibility == Visibility.PRIVATE:
        return False
    row = membership(user, area)
    return row is None or row.state in (MemberState.LEFT,)


rules.add_perm("communities.view_area", can_view_area)
rules.add_perm("communities.join_area", may_join)
rules.add_perm("communities.post_in_area", is_area_member)
rules.add_perm("communities.facilitate_area", is_area_facilitator)

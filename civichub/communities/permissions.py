"""Who may read, join, post in and facilitate a working area.

The ``*_q`` functions are the single definition of visibility: the querysets'
``visible_to`` and therefore every page, search result, feed, API answer and
notification use them. The rules predicates below agree with them object by object.
"""

from typing import Any

import rules
from django.db.models import Q

from civichub.accounts.permissions import has_joined, is_promoter, is_staff
from civichub.moderation.models import ContentState
from civichub.moderation.permissions import is_suspended

from .models import Area, AreaMembership, JoinPolicy, MemberRole, MemberState, Visibility

__all__ = ["can"]


def can(user: Any, permission: str, obj: Any = None) -> bool:
    """``rules.has_perm`` with the full name, e.g. ``can(user, "communities.view_area",
    area)`` (``accounts.permissions.can`` would prefix ``accounts.`` to it)."""
    return bool(rules.has_perm(permission, user, obj))


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


# --- areas ---------------------------------------------------------------------------------

# Creating areas and changing their settings (visibility, join policy, archive) is for
# promoters and staff; facilitators run the members and the welcome (facilitate_area).
rules.add_perm("communities.create_area", is_promoter | is_staff)
rules.add_perm("communities.manage_area", (is_promoter | is_staff) & can_view_area)

# Suspended people read but do not post (moderation).
rules.set_perm("communities.post_in_area", is_area_member & ~is_suspended)


# --- workspace -----------------------------------------------------------------------------
# Shared files and project spaces follow their area: members post, facilitators moderate.
# ``post_in_area`` is asked through ``rules`` so that whatever it grows (suspensions)
# applies here too.


@rules.predicate
def may_post_in(user: Any, area: Any) -> bool:
    return bool(area is not None and rules.has_perm("communities.post_in_area", user, area))


@rules.predicate
def may_post_in_area_of(user: Any, obj: Any) -> bool:
    """``post_in_area`` on the area of a shared file or a project space."""
    return bool(obj is not None and rules.has_perm("communities.post_in_area", user, obj.area))


@rules.predicate
def facilitates_area_of(user: Any, obj: Any) -> bool:
    return bool(obj is not None and is_area_facilitator(user, obj.area))


@rules.predicate
def is_file_uploader(user: Any, shared_file: Any) -> bool:
    return bool(
        _signed_in(user) and shared_file is not None and shared_file.uploaded_by_id == user.pk
    )


rules.add_perm("communities.upload_file", may_post_in)
rules.add_perm("communities.add_file_version", may_post_in_area_of)
rules.add_perm(
    "communities.delete_file", (is_file_uploader & may_post_in_area_of) | facilitates_area_of
)
rules.add_perm("communities.create_project", may_post_in)
rules.add_perm("communities.edit_project", may_post_in_area_of)
rules.add_perm("communities.comment_project", may_post_in_area_of)


# --- discussions ---------------------------------------------------------------------------
# Threads and replies: ``post`` is a Thread or a Reply (its area through its thread).


def _area_of_post(post: Any) -> Area:
    return post.area if hasattr(post, "area_id") else post.thread.area


def _thread_of_post(post: Any) -> Any:
    return post if hasattr(post, "area_id") else post.thread


@rules.predicate
def is_post_author(user: Any, post: Any) -> bool:
    return bool(_signed_in(user) and post is not None and post.author_id == user.pk)


@rules.predicate
def may_post_in_area_of_post(user: Any, post: Any) -> bool:
    return bool(
        post is not None and rules.has_perm("communities.post_in_area", user, _area_of_post(post))
    )


@rules.predicate
def facilitates_area_of_post(user: Any, post: Any) -> bool:
    return bool(post is not None and is_area_facilitator(user, _area_of_post(post)))


@rules.predicate
def thread_of_post_is_open(user: Any, post: Any) -> bool:
    return bool(post is not None and _thread_of_post(post).locked_at is None)


@rules.predicate
def can_read_post(user: Any, post: Any) -> bool:
    return bool(post is not None and can_view_area(user, _area_of_post(post)))


@rules.predicate
def is_question(user: Any, thread: Any) -> bool:
    return bool(thread is not None and thread.category == "question")


@rules.predicate
def may_react(user: Any, reply: Any) -> bool:
    """Joined members who can read the reply, not on their own reply."""
    return bool(
        has_joined(user)
        and reply is not None
        and reply.author_id != user.pk
        and can_view_area(user, reply.thread.area)
    )


# The author edits until the thread is locked (and while still posting in the area);
# facilitators always.
rules.add_perm(
    "communities.edit_post",
    (is_post_author & may_post_in_area_of_post & thread_of_post_is_open) | facilitates_area_of_post,
)
rules.add_perm(
    "communities.accept_answer",
    is_question & ((is_post_author & may_post_in_area_of_post) | facilitates_area_of_post),
)
rules.add_perm("communities.mark_useful", may_react & ~is_suspended)
rules.add_perm("communities.view_revisions", can_read_post)

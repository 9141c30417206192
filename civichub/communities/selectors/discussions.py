"""Reads of discussions: the thread page, an area's thread list, edit histories and the
mention autocomplete. Everything starts from ``Thread.objects.visible_to`` /
``Reply.objects.visible_to``, so nothing from an area the reader cannot open, and no
held post of someone else, ever shows.

The thread page costs the same number of queries whatever its length: one page of
replies with their authors (and profiles) and quoted replies joined, then one query
each for the page's mentions, the reader's useful marks and every kind of unfurled
link (``decorate_posts``).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import F, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.safestring import SafeString, mark_safe

from civichub.accounts.models import User
from civichub.moderation.models import ContentState

from .. import mentions, unfurl
from ..models import (
    Area,
    Category,
    MemberState,
    Mention,
    PostRevision,
    Reply,
    Thread,
    UsefulReaction,
)

REPLIES_PER_PAGE = 30
THREADS_PER_PAGE = 20
AUTOCOMPLETE_LIMIT = 8
_MENTIONS = Prefetch("mentions", queryset=Mention.objects.select_related("user__profile"))


def access_thread(user: Any, area_slug: str, pk: int) -> Thread:
    """The thread if ``user`` may read it, with its area; the same 404 for a missing
    thread, a thread of an area they cannot open and someone else's held thread."""
    thread = (
        Thread.objects.visible_to(user)
        .select_related("area", "author__profile")
        .prefetch_related(_MENTIONS)
        .filter(area__slug=area_slug, pk=pk)
        .first()
    )
    if thread is None:
        raise Http404
    return thread


def access_reply(user: Any, thread: Thread, pk: int) -> Reply:
    """A reply of ``thread`` that ``user`` may read (404 otherwise)."""
    reply = (
        Reply.objects.visible_to(user)
        .select_related("author__profile")
        .filter(thread=thread, pk=pk)
        .first()
    )
    if reply is None:
        raise Http404
    reply.thread = thread
    return reply


def _replies(user: Any, thread: Thread) -> QuerySet[Reply]:
    return (
        Reply.objects.visible_to(user)
        .filter(thread=thread)
        .select_related("author__profile", "quoted__author")
        .prefetch_related(_MENTIONS)
        .order_by("created_at", "pk")
    )


def reply_page_number(user: Any, thread: Thread, reply: Reply) -> int:
    """The page of ``thread`` on which ``reply`` is shown to ``user``."""
    before = (
        Reply.objects.visible_to(user)
        .filter(thread=thread)
        .filter(
            Q(created_at__lt=reply.created_at) | Q(created_at=reply.created_at, pk__lt=reply.pk)
        )
        .count()
    )
    return before // REPLIES_PER_PAGE + 1


def rendered_body(post: Any, viewer: Any) -> SafeString:
    """The post's sanitised HTML with its mentions linked for ``viewer``."""
    users = [mention.user for mention in post.mentions.all()]
    # Bodies are sanitised on save (services.clean_body); mentions add escaped links.
    return mark_safe(mentions.link_mentions(post.body, users, viewer))  # noqa: S308


def decorate_posts(posts: Sequence[Any], user: Any) -> None:
    """Set ``html`` (mentions linked for ``user``), ``cards`` (unfurled hub links) and,
    on replies, ``marked_useful`` (by ``user``) and ``quoted_visible`` on each post."""
    unfurl.cards_for(posts, user)
    replies = [post for post in posts if isinstance(post, Reply)]
    marked: set[int] = set()
    if replies and getattr(user, "is_authenticated", False):
        marked = set(
            UsefulReaction.objects.filter(
                user=user, reply_id__in=[reply.pk for reply in replies]
            ).values_list("reply_id", flat=True)
        )
    for post in posts:
        decorated: Any = post  # set attributes the templates read
        decorated.html = rendered_body(post, user)
        if isinstance(post, Reply):
            decorated.marked_useful = post.pk in marked
            quoted = post.quoted
            decorated.quoted_visible = bool(
                quoted is not None and quoted.moderation_state == ContentState.VISIBLE
            )


@dataclass
class ThreadPage:
    thread: Thread
    page: Page
    accepted: Reply | None


def thread_page(user: Any, thread: Thread, page_number: Any) -> ThreadPage:
    """One page of replies (30) and the accepted answer, decorated for ``user``."""
    paginator = Paginator(_replies(user, thread), REPLIES_PER_PAGE)
    page = paginator.get_page(page_number)
    replies = list(page.object_list)
    accepted = None
    if thread.accepted_reply_id:
        accepted = next((reply for reply in replies if reply.pk == thread.accepted_reply_id), None)
        if accepted is None:
            accepted = _replies(user, thread).filter(pk=thread.accepted_reply_id).first()
    for reply in replies:
        reply.thread = thread
    posts: list[Any] = [thread, *replies]
    if accepted is not None and accepted not in replies:
        accepted.thread = thread
        posts.append(accepted)
    decorate_posts(posts, user)
    page.object_list = replies
    return ThreadPage(thread=thread, page=page, accepted=accepted)


# --- an area's threads ---------------------------------------------------------------------


class Sort:
    ACTIVITY = "attivita"
    NEWEST = "recenti"
    REPLIES = "risposte"


SORTS = (Sort.ACTIVITY, Sort.NEWEST, Sort.REPLIES)


@dataclass(frozen=True)
class ThreadFilters:
    category: str = ""
    tag: str = ""
    unanswered: bool = False
    sort: str = Sort.ACTIVITY


def filters_from(params: Mapping[str, Any] | ThreadFilters | None) -> ThreadFilters:
    """``ThreadFilters`` from the list's query string (invalid values are ignored)."""
    if isinstance(params, ThreadFilters):
        return params
    if not params:
        return ThreadFilters()
    from ..forms.discussions import ThreadFilterForm

    return ThreadFilterForm(params).filters()


def area_threads(
    user: Any, area: Area, filters: Mapping[str, Any] | ThreadFilters | None = None
) -> QuerySet[Thread]:
    """The threads of ``area`` that ``user`` may read: pinned first, then by the chosen
    order; authors, last repliers and tags fetched with the page. ``filters`` may be
    the list's query string (``request.GET``)."""
    filters = filters_from(filters)
    queryset = (
        Thread.objects.visible_to(user)
        .filter(area=area)
        .select_related("author", "last_reply_by")
        .prefetch_related("tags")
        .defer("body")
    )
    if filters.category in Category.values:
        queryset = queryset.filter(category=filters.category)
    if filters.tag:
        queryset = queryset.filter(tags__slug=filters.tag)
    if filters.unanswered:
        queryset = queryset.filter(replies_count=0)
    pinned = F("pinned_at").desc(nulls_last=True)
    if filters.sort == Sort.NEWEST:
        order: list[Any] = [pinned, "-created_at", "-pk"]
    elif filters.sort == Sort.REPLIES:
        order = [pinned, "-replies_count", "-created_at", "-pk"]
    else:
        queryset = queryset.annotate(activity=Coalesce("last_reply_at", "created_at"))
        order = [pinned, F("activity").desc(), "-pk"]
    return queryset.order_by(*order)


def threads_page(threads: QuerySet[Thread], area: Area, page_number: Any) -> Page:
    """A page of ``area_threads`` (20 a page), the area set on each thread."""
    page = Paginator(threads, THREADS_PER_PAGE).get_page(page_number)
    page.object_list = list(page.object_list)
    for thread in page.object_list:
        thread.area = area
    return page


def area_tags(area: Area) -> list[Any]:
    """The tags used in ``area`` (for the filter), by name."""
    from taggit.models import Tag

    return list(
        Tag.objects.filter(communities_threadtag_items__content_object__area=area)
        .distinct()
        .order_by("name")[:100]
    )


# --- history, autocomplete ------------------------------------------------------------------


def revisions_of(post: Thread | Reply) -> list[PostRevision]:
    field = "thread" if isinstance(post, Thread) else "reply"
    return list(
        PostRevision.objects.filter(**{field: post})
        .select_related("edited_by")
        .order_by("-created_at", "-pk")
    )


def mention_candidates(area: Area, q: str) -> list[User]:
    """Active members of ``area`` whose name or surname starts with ``q``."""
    q = " ".join(q.split())[:60]
    if not q.strip():
        return []
    words = q.split()
    query = Q()
    for word in words:
        query &= Q(first_name__istartswith=word) | Q(last_name__istartswith=word)
    return list(
        User.objects.filter(
            query,
            area_memberships__area=area,
            area_memberships__state=MemberState.ACTIVE,
            is_active=True,
            erased_at__isnull=True,
            joined_at__isnull=False,
        )
        .exclude(first_name="")
        .order_by("first_name", "last_name", "pk")[:AUTOCOMPLETE_LIMIT]
    )

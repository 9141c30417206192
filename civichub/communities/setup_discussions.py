"""What the discussions part registers with other apps (called from ``apps.ready()``):
the ``threads`` notification kind, ``Thread`` as followable, ``Thread`` and ``Reply`` as
moderatable (scope ``area:<pk>``; approving a held post announces it), and the GDPR
exporter / eraser of a person's posts and marks."""

from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from civichub.moderation.models import ContentState

from .models import Mention, Reply, Thread, UsefulReaction


def _moderates(user: Any, area: Any) -> bool:
    from .permissions import is_area_facilitator

    return bool(is_area_facilitator(user, area))


def thread_visible(user: Any, thread: Thread) -> bool:
    """Who may see (follow, report) a thread: readers of its area; a held thread only
    its author and the area's moderators."""
    from .permissions import can_view_area

    if not can_view_area(user, thread.area):
        return False
    if thread.moderation_state == ContentState.VISIBLE:
        return True
    if thread.moderation_state == ContentState.HELD and user.is_authenticated:
        return thread.author_id == user.pk or _moderates(user, thread.area)
    return False


def reply_visible(user: Any, reply: Reply) -> bool:
    if not thread_visible(user, reply.thread):
        return False
    if reply.moderation_state == ContentState.VISIBLE:
        return True
    if reply.moderation_state == ContentState.HELD and user.is_authenticated:
        return reply.author_id == user.pk or _moderates(user, reply.thread.area)
    return False


def export_posts(user: Any) -> Any:
    from civichub.accounts.registry import ExportSection

    threads = Thread.objects.filter(author=user).select_related("area").order_by("created_at")
    replies = (
        Reply.objects.filter(author=user).select_related("thread__area").order_by("created_at")
    )
    return ExportSection(
        data={
            "threads": [
                {
                    "area": thread.area.name,
                    "title": thread.title,
                    "url": thread.get_absolute_url(),
                    "body": thread.body,
                    "state": thread.moderation_state,
                    "created_at": thread.created_at,
                }
                for thread in threads
            ],
            "replies": [
                {
                    "thread": reply.thread.title,
                    "url": reply.thread.get_absolute_url(),
                    "body": reply.body,
                    "state": reply.moderation_state,
                    "created_at": reply.created_at,
                }
                for reply in replies
            ],
        }
    )


def erase_marks(user: Any) -> None:
    """Delete the person's «utile» marks (counters follow) and mentions of them. Their
    threads and replies stay, shown as written by «Utente cancellato»."""
    with transaction.atomic():
        marked = list(UsefulReaction.objects.filter(user=user).values_list("reply_id", flat=True))
        Reply.objects.filter(pk__in=marked, useful_count__gt=0).update(
            useful_count=F("useful_count") - 1
        )
        UsefulReaction.objects.filter(user=user).delete()
        Mention.objects.filter(user=user).delete()


def register() -> None:
    from civichub.accounts.registry import (
        NotificationKind,
        register_data_exporter,
        register_eraser,
        register_notification_kind,
    )
    from civichub.moderation.registry import register_moderatable
    from civichub.notifications.registry import register_followable

    from .services.discussions import (
        post_url,
        reply_approved,
        reply_state_changed,
        thread_approved,
        thread_state_changed,
    )

    register_notification_kind(
        NotificationKind(
            "threads",
            _("Discussioni che segui"),
            _("Nuove risposte nelle discussioni che hai aperto, a cui hai risposto o che segui."),
            default="immediate",
        )
    )
    register_followable(
        Thread,
        _("Discussioni"),
        visible=thread_visible,
        title=lambda thread: thread.title,
        related=("area",),
        order=45,
    )
    register_moderatable(
        Thread,
        author=lambda thread: thread.author,
        title=lambda thread: thread.title,
        url=lambda thread: thread.get_absolute_url(),
        scope=lambda thread: f"area:{thread.area_id}",
        on_approve=thread_approved,
        on_change=thread_state_changed,
        visible=thread_visible,
        select_related=("area", "author"),
    )
    register_moderatable(
        Reply,
        author=lambda reply: reply.author,
        title=lambda reply: str(_("Risposta in «%(title)s»") % {"title": reply.thread.title}),
        url=post_url,
        scope=lambda reply: f"area:{reply.thread.area_id}",
        on_approve=reply_approved,
        on_change=reply_state_changed,
        visible=reply_visible,
        select_related=("thread__area", "author"),
    )
    register_data_exporter("communities_discussions", export_posts)
    register_eraser("communities_discussions", erase_marks)

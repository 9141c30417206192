"""``{% unread_notifications %}`` for the bell and ``{% follow_state target %}`` for the
follow button include."""

from typing import Any

from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from .. import selectors
from ..registry import followable_for

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context: template.Context) -> int:
    """The bell's count for the signed-in person: one indexed query, memoised on the
    request so that a page showing it twice asks once."""
    request = context.get("request")
    user = context.get("user")
    if request is None or user is None:
        return 0
    cached = getattr(request, "_civichub_unread", None)
    if cached is None:
        cached = selectors.unread_count(user)
        request._civichub_unread = cached
    return cached


@register.filter
def bell_badge(count: int) -> str:
    return "99+" if count > 99 else str(count)


@register.simple_tag(takes_context=True)
def follow_state(context: template.Context, target: Any) -> dict[str, Any] | None:
    """What the follow button needs: the URL, the state and whether the person may
    follow (members, on what they can see); None for a model that is not followable."""
    followable = followable_for(type(target))
    if followable is None:
        return None
    user = context.get("user")
    state = selectors.follow_state(target, user)
    return {
        "url": reverse(
            "notifications:follow",
            args=[ContentType.objects.get_for_model(target).pk, target.pk],
        ),
        "count": state.count,
        "following": state.following,
        "can_follow": bool(
            user is not None and user.is_authenticated and followable.visible(user, target)
        ),
        "target_url": followable.url(target),
    }

"""E-mail notifications by preference: at once, in a daily or weekly digest, or never.

Later apps register their kinds in ``registry.NOTIFICATION_KINDS`` and call
``notify``; ``manage.py send_notification_digests`` (run by cron) sends the digests.
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from civichub.core.mail import send_templated_mail

from .mail import absolute_url, hub_name
from .models import Frequency, NotificationPreference, QueuedNotification, User
from .registry import NOTIFICATION_KINDS
from .selectors import notification_frequency

UNSUBSCRIBE_SALT = "civichub.notifications.unsubscribe"
# The kind of a digest's unsubscribe token: every kind sent at that frequency.
DIGEST_KIND_PREFIX = "digest:"


def unsubscribe_token(*, user: User, kind: str) -> str:
    """A signed, non-expiring token for "stop e-mailing me ``kind``" (RFC 8058)."""
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """``(user pk, kind)``; raises ``signing.BadSignature`` for a forged or damaged token."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise signing.BadSignature("malformed unsubscribe token")
    return data["u"], str(data.get("k", ""))


def unsubscribe_headers(*, user: User, kind: str) -> dict[str, str]:
    """``List-Unsubscribe`` (one-click, RFC 8058) for a notification or digest e-mail."""
    try:
        path = reverse("notifications:unsubscribe", args=[unsubscribe_token(user=user, kind=kind)])
    except NoReverseMatch:  # the notifications app is not installed
        return {}
    return {
        "List-Unsubscribe": f"<{absolute_url(path)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def frequencies_for(*, users: Iterable[User], kind: str) -> dict[int, str]:
    """Each person's frequency for ``kind`` (the kind's default when unset): one query."""
    default = NOTIFICATION_KINDS[kind].default
    ids = [user.pk for user in users]
    stored = dict(
        NotificationPreference.objects.filter(user_id__in=ids, kind=kind).values_list(
            "user_id", "frequency"
        )
    )
    return {pk: stored.get(pk, default) for pk in ids}


def common_context(given: dict[str, Any] | None = None) -> dict[str, Any]:
    """``hub_name`` and ``settings_url`` for a notification, unless ``given`` has them
    (a caller mailing many people computes them once)."""
    given = given or {}
    if "hub_name" in given and "settings_url" in given:
        return {}
    return {
        "hub_name": hub_name(),
        "settings_url": absolute_url(reverse("accounts:notifications")),
    }


def deliver(
    *,
    user: User,
    kind: str,
    frequency: str,
    template: str,
    context: dict[str, Any],
    group_key: str = "",
    immediate: bool = True,
) -> QueuedNotification | None:
    """Send ``template`` to ``user`` by ``frequency``: mail it now (unless ``immediate``
    is false: the caller already mailed this group recently), or return an unsaved
    ``QueuedNotification`` for the digest (the caller saves it, possibly in bulk)."""
    if frequency == Frequency.NEVER or not user.email:
        return None
    if frequency == Frequency.IMMEDIATE and not immediate:
        return None
    context = {"recipient": user, **common_context(context), **context}
    if frequency == Frequency.IMMEDIATE:
        send_templated_mail(
            to=[user.email],
            template=template,
            context=context,
            language=user.language,
            headers=unsubscribe_headers(user=user, kind=kind) or None,
        )
        return None
    context["in_digest"] = True
    with translation.override(user.language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context).strip()
    return QueuedNotification(
        user=user, frequency=frequency, subject=subject[:255], body=body, group_key=group_key
    )


def notify(
    *, user: User, kind: str, template: str, context: dict[str, Any], group_key: str = ""
) -> None:
    if kind not in NOTIFICATION_KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    if not user.is_active or user.erased_at:
        return
    queued = deliver(
        user=user,
        kind=kind,
        frequency=notification_frequency(user=user, kind=kind),
        template=template,
        context=context,
        group_key=group_key,
    )
    if queued is not None:
        queued.save()


def digest_groups(items: list[QueuedNotification]) -> list[dict[str, Any]]:
    """Items of one digest grouped by ``group_key`` (an empty key is a group of its own),
    in order of first appearance; each group shows its latest item and how many."""
    groups: dict[object, dict[str, Any]] = {}
    for item in items:
        key: object = item.group_key or ("item", item.pk)
        group = groups.setdefault(key, {"count": 0})
        group["count"] += 1
        group["latest"] = item
    return list(groups.values())


def notification_digests_send(*, frequency: str) -> int:
    """Send one digest per person of what was queued at ``frequency``; return how many."""
    if frequency not in (Frequency.DAILY, Frequency.WEEKLY):
        raise ValueError(f"digests are daily or weekly, not {frequency!r}")
    with transaction.atomic():
        queued = list(
            QueuedNotification.objects.select_for_update(of=("self",))
            .filter(frequency=frequency)
            .select_related("user")
        )
        by_user: dict[User, list[QueuedNotification]] = defaultdict(list)
        for item in queued:
            by_user[item.user].append(item)
        name = hub_name()
        settings_url = absolute_url(reverse("accounts:notifications"))
        for user, items in by_user.items():
            if user.is_active and not user.erased_at:
                send_templated_mail(
                    to=[user.email],
                    template="accounts/email/digest",
                    context={
                        "recipient": user,
                        "items": items,
                        "groups": digest_groups(items),
                        "frequency": frequency,
                        "hub_name": name,
                        "settings_url": settings_url,
                    },
                    language=user.language,
                    headers=unsubscribe_headers(user=user, kind=f"{DIGEST_KIND_PREFIX}{frequency}")
                    or None,
                )
        QueuedNotification.objects.filter(pk__in=[item.pk for item in queued]).delete()
    return len(by_user)

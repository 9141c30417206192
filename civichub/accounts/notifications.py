"""E-mail notifications by preference: at once, in a daily or weekly digest, or never.

Later apps register their kinds in ``registry.NOTIFICATION_KINDS`` and call
``notify``; ``manage.py send_notification_digests`` (run by cron) sends the digests.
"""

from collections import defaultdict
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from civichub.core.mail import send_templated_mail

from .mail import absolute_url, hub_name
from .models import Frequency, QueuedNotification, User
from .registry import NOTIFICATION_KINDS
from .selectors import notification_frequency


def notify(*, user: User, kind: str, template: str, context: dict[str, Any]) -> None:
    if kind not in NOTIFICATION_KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    if not user.is_active or user.erased_at:
        return
    frequency = notification_frequency(user=user, kind=kind)
    if frequency == Frequency.NEVER:
        return
    context = {
        "recipient": user,
        "hub_name": hub_name(),
        "settings_url": absolute_url(reverse("accounts:notifications")),
        **context,
    }
    if frequency == Frequency.IMMEDIATE:
        send_templated_mail(
            to=[user.email], template=template, context=context, language=user.language
        )
        return
    context["in_digest"] = True
    with translation.override(user.language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context).strip()
    QueuedNotification.objects.create(
        user=user, frequency=frequency, subject=subject[:255], body=body
    )


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
                        "frequency": frequency,
                        "hub_name": name,
                        "settings_url": settings_url,
                    },
                    language=user.language,
                )
        QueuedNotification.objects.filter(pk__in=[item.pk for item in queued]).delete()
    return len(by_user)

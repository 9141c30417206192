"""A person's follows and notifications in the data export; erasure deletes them.

Notifications others received about the person's acts keep their text, but no longer
point at the person as actor.
"""

from django.contrib.contenttypes.models import ContentType

from civichub.accounts.models import User
from civichub.accounts.registry import ExportSection

from .models import Follow, Notification, UnreadCounter


def _iso(value: object) -> str | None:
    return value.isoformat() if value is not None else None  # type: ignore[attr-defined]


def export(user: User) -> ExportSection:
    follows = [
        {
            "target": f"{row.content_type.app_label}.{row.content_type.model}:{row.object_id}",
            "created_at": _iso(row.created_at),
        }
        for row in Follow.objects.filter(user=user).select_related("content_type").order_by("pk")
    ]
    notifications = [
        {
            "kind": row.kind,
            "text": row.text,
            "url": row.url,
            "count": row.count,
            "created_at": _iso(row.created_at),
            "updated_at": _iso(row.updated_at),
            "read_at": _iso(row.read_at),
        }
        for row in Notification.objects.filter(recipient=user).order_by("pk")
    ]
    return ExportSection(data={"follows": follows, "notifications": notifications})


def erase(user: User) -> None:
    Follow.objects.filter(user=user).delete()
    # Nobody follows an erased person any more.
    Follow.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=user.pk
    ).delete()
    Notification.objects.filter(recipient=user).delete()
    Notification.objects.filter(actor=user).update(actor=None)
    UnreadCounter.objects.filter(user=user).delete()

"""Writes of the notifications app: notify people, fan out to followers, follow.

Every app calls ``notify`` (a known list of people) or ``notify_followers`` (whoever
follows a target; the work runs in a background task). Each recipient gets one line in
their list (events of the same ``group_key`` fold into the unread line) and an e-mail
by their preference for the kind (``accounts.notifications``).
"""

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone, translation
from django.utils.functional import Promise

from civichub.accounts.mail import absolute_url
from civichub.accounts.models import QueuedNotification, User
from civichub.accounts.notifications import common_context, deliver, frequencies_for
from civichub.accounts.permissions import is_member
from civichub.accounts.registry import NOTIFICATION_KINDS

from .models import Follow, Notification, UnreadCounter
from .registry import followable_for

BATCH_SIZE = 500
# No second immediate e-mail for an unread group within this time.
EMAIL_COALESCE = datetime.timedelta(hours=1)
GENERIC_EMAIL = "notifications/email/notification"

Text = str | Promise | Callable[[str], str] | dict[str, str]


@dataclass(frozen=True)
class _Event:
    """What one notification says, shared by every batch of recipients."""

    kind: str
    texts: dict[str, str]
    url: str
    content_type_id: int | None
    target: models.Model | None
    actor_id: int | None
    group_key: str
    email_template: str | None
    context: dict[str, Any]


# --- texts and task arguments -------------------------------------------------------------


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _render(text: Text, language: str) -> str:
    if isinstance(text, dict):
        return text.get(language) or text.get(settings.LANGUAGE_CODE) or next(iter(text.values()))
    with translation.override(language):
        return str(text(language) if callable(text) else text)


def texts_by_language(text: Text) -> dict[str, str]:
    """The text rendered once in every interface language (what a task can carry)."""
    return {language: _render(text, language) for language in _languages()}


def _serialise(value: Any) -> Any:
    """E-mail context as JSON for a task: model instances travel as references."""
    if isinstance(value, models.Model):
        return {"__model__": value._meta.label_lower, "pk": value.pk}
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dict):
        return {str(key): _serialise(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_serialise(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"notification context values must be JSON or model instances, not {value!r}")


def _deserialise(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"__model__", "pk"}:
            model = apps.get_model(value["__model__"])
            return model._default_manager.filter(pk=value["pk"]).first()
        return {key: _deserialise(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_deserialise(item) for item in value]
    return value


# --- notify ----------------------------------------------------------------------------------


def _reachable(user: User, actor_id: int | None) -> bool:
    return bool(user.is_active and not user.erased_at and user.pk != actor_id)


def notify(
    *,
    users: Iterable[User],
    kind: str,
    text: Text,
    url: str,
    target: models.Model | None = None,
    actor: User | None = None,
    group_key: str = "",
    email_template: str | None = None,
    context: dict[str, Any] | None = None,
) -> int:
    """Tell ``users`` (never the actor; inactive and erased people are skipped) in the
    site and by e-mail by their preference for ``kind``. ``text`` is a lazy string or a
    callable ``(language) -> str``: each person reads it in their own language. Returns
    how many people were told."""
    if kind not in NOTIFICATION_KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    actor_id = actor.pk if actor is not None else None
    event = _Event(
        kind=kind,
        texts=texts_by_language(text),
        url=url,
        content_type_id=ContentType.objects.get_for_model(target).pk if target else None,
        target=target,
        actor_id=actor_id,
        group_key=group_key,
        email_template=email_template,
        context=context or {},
    )
    seen: set[int] = set()
    batch: list[User] = []
    told = 0
    for user in users:
        if user.pk in seen or not _reachable(user, actor_id):
            continue
        seen.add(user.pk)
        batch.append(user)
        if len(batch) == BATCH_SIZE:
            told += _notify_batch(batch, event)
            batch = []
    if batch:
        told += _notify_batch(batch, event)
    return told


def _notify_batch(users: Sequence[User], event: _Event) -> int:
    """One batch in a constant number of queries; retried once if a concurrent batch
    created an unread row of the same group first."""
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                return _write_batch(users, event)
        except IntegrityError:
            if attempt == 2:
                raise
    return 0  # pragma: no cover


def _write_batch(users: Sequence[User], event: _Event) -> int:
    kind, texts, url, group_key = event.kind, event.texts, event.url, event.group_key
    actor_id, content_type_id, target = event.actor_id, event.content_type_id, event.target
    now = timezone.now()
    ids = [user.pk for user in users]
    existing: dict[int, Notification] = {}
    if group_key:
        existing = {
            row.recipient_id: row
            for row in Notification.objects.select_for_update().filter(
                recipient_id__in=ids, group_key=group_key, read_at__isnull=True
            )
        }
    frequencies = frequencies_for(users=users, kind=kind)
    context = {**common_context(), **event.context}
    object_id = target.pk if target is not None else None
    created: list[Notification] = []
    folded: list[Notification] = []
    queued: list[QueuedNotification] = []
    link = url if url.startswith(("http://", "https://")) or not url else absolute_url(url)
    for user in users:
        language = user.language or settings.LANGUAGE_CODE
        text = _render(texts, language)
        row = existing.get(user.pk)
        if row is None:
            row = Notification(
                recipient=user, kind=kind, actor_id=actor_id, content_type_id=content_type_id,
                object_id=object_id, group_key=group_key, text=text, url=url,
                created_at=now, updated_at=now,
            )  # fmt: skip
            created.append(row)
        else:
            row.count += 1
            row.text, row.url, row.actor_id, row.updated_at = text, url, actor_id, now
            folded.append(row)
        recently_mailed = row.emailed_at is not None and row.emailed_at > now - EMAIL_COALESCE
        frequency = frequencies[user.pk]
        mail_context = {**context, "text": text, "url": link, "count": row.count}
        item = deliver(
            user=user,
            kind=kind,
            frequency=frequency,
            template=event.email_template or GENERIC_EMAIL,
            context=mail_context,
            group_key=group_key,
            immediate=not recently_mailed,
        )
        if item is not None:
            queued.append(item)
        elif frequency == "immediate" and not recently_mailed and user.email:
            row.emailed_at = now
    if folded:
        Notification.objects.bulk_update(
            folded, ["count", "text", "url", "actor", "updated_at", "emailed_at"]
        )
    if created:
        Notification.objects.bulk_create(created)
        new_ids = [row.recipient_id for row in created]
        UnreadCounter.objects.bulk_create(
            [UnreadCounter(user_id=pk, unread=0) for pk in new_ids], ignore_conflicts=True
        )
        UnreadCounter.objects.filter(user_id__in=new_ids).update(unread=F("unread") + 1)
    if queued:
        QueuedNotification.objects.bulk_create(queued)
    return len(users)


# --- followers -------------------------------------------------------------------------------


def notify_followers(
    *,
    target: models.Model,
    kind: str,
    text: Text,
    url: str,
    actor: User | None = None,
    group_key: str = "",
    email_template: str | None = None,
    context: dict[str, Any] | None = None,
    exclude: Iterable[User | int] = (),
) -> None:
    """Tell everyone who follows ``target``: one task is queued when the transaction
    commits, and walks the followers in batches (``fan_out``)."""
    if kind not in NOTIFICATION_KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    from .tasks import fan_out

    arguments = {
        "content_type_id": ContentType.objects.get_for_model(target).pk,
        "object_id": target.pk,
        "kind": kind,
        "texts": texts_by_language(text),
        "url": url,
        "actor_id": actor.pk if actor is not None else None,
        "group_key": group_key,
        "email_template": email_template,
        "context": _serialise(context or {}),
        "exclude_ids": sorted({item if isinstance(item, int) else item.pk for item in exclude}),
    }
    transaction.on_commit(lambda: fan_out.enqueue(**arguments))


def followers_notify(
    *,
    content_type_id: int,
    object_id: int,
    kind: str,
    texts: dict[str, str],
    url: str,
    actor_id: int | None = None,
    group_key: str = "",
    email_template: str | None = None,
    context: dict[str, Any] | None = None,
    exclude_ids: Sequence[int] = (),
) -> int:
    """The body of the ``fan_out`` task: followers by pk, ``BATCH_SIZE`` at a time, each
    batch in its own transaction and a constant number of queries."""
    content_type = ContentType.objects.get_for_id(content_type_id)
    model = content_type.model_class()
    if model is None:
        return 0
    target = model._default_manager.filter(pk=object_id).first()
    if target is None:
        return 0
    followable = followable_for(model)
    event = _Event(
        kind=kind,
        texts=texts,
        url=url,
        content_type_id=content_type_id,
        target=target,
        actor_id=actor_id,
        group_key=group_key,
        email_template=email_template,
        context=_deserialise(context or {}),
    )
    excluded = set(exclude_ids)
    told, last_pk = 0, 0
    while True:
        rows = list(
            Follow.objects.filter(
                content_type_id=content_type_id, object_id=object_id, pk__gt=last_pk
            )
            .select_related("user")
            .order_by("pk")[:BATCH_SIZE]
        )
        if not rows:
            return told
        last_pk = rows[-1].pk
        users = [
            row.user
            for row in rows
            if row.user_id not in excluded
            and _reachable(row.user, actor_id)
            and (followable is None or followable.visible(row.user, target))
        ]
        if users:
            told += _notify_batch(users, event)


def follow(*, user: Any, target: models.Model) -> Follow:
    """Follow a registered, visible target; following twice changes nothing."""
    followable = followable_for(type(target))
    if followable is None or not is_member(user) or not followable.visible(user, target):
        raise PermissionDenied
    row, _created = Follow.objects.get_or_create(
        user=user, content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    )
    return row


def unfollow(*, user: Any, target: models.Model) -> None:
    """Stop following, whatever the target's state now (nobody stays stuck following)."""
    if not is_member(user):
        raise PermissionDenied
    Follow.objects.filter(
        user=user, content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    ).delete()


# --- reading -------------------------------------------------------------------------------


@transaction.atomic
def notifications_mark_read(*, user: Any, ids: Iterable[int] | None = None) -> int:
    """Mark some (``ids``) or all of the person's unread notifications read; returns how
    many changed. The counter moves by as many."""
    counter, _created = UnreadCounter.objects.select_for_update().get_or_create(user=user)
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    changed = unread.update(read_at=timezone.now())
    if ids is None:
        UnreadCounter.objects.filter(pk=counter.pk).update(unread=0)
    elif changed:
        UnreadCounter.objects.filter(pk=counter.pk).update(
            unread=Greatest(F("unread") - changed, 0)
        )
    return changed


def unread_counter_refresh(*, user: User) -> int:
    """Recount from the rows (repairs a counter after data was edited by hand)."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    UnreadCounter.objects.update_or_create(user=user, defaults={"unread": unread})
    return unread

"""Reads of the notifications app: follows, the list and the bell."""

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet

from civichub.accounts.models import User
from civichub.accounts.permissions import is_member

from .models import Follow, Notification, UnreadCounter
from .registry import Followable, followables


def _follows_of(target: models.Model) -> QuerySet[Follow]:
    return Follow.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    )


def is_following(user: Any, target: models.Model) -> bool:
    if not is_member(user):
        return False
    return _follows_of(target).filter(user=user).exists()


def followers(target: models.Model) -> QuerySet[User]:
    """The active people who follow ``target``, by pk."""
    return User.objects.filter(
        follows__content_type=ContentType.objects.get_for_model(target),
        follows__object_id=target.pk,
        is_active=True,
        erased_at__isnull=True,
    ).order_by("pk")


@dataclass(frozen=True)
class FollowState:
    count: int
    following: bool


def follow_state(target: models.Model, user: Any) -> FollowState:
    """How many people follow ``target`` and whether ``user`` is one: one query."""
    follows = _follows_of(target)
    if not is_member(user):
        return FollowState(count=follows.count(), following=False)
    totals = follows.aggregate(count=Count("pk"), mine=Count("pk", filter=Q(user=user)))
    return FollowState(count=totals["count"], following=bool(totals["mine"]))


def followed(user: Any, model: type[models.Model]) -> QuerySet[Follow]:
    """The person's follows of ``model``, the latest first."""
    return Follow.objects.filter(
        user=user, content_type=ContentType.objects.get_for_model(model)
    ).order_by("-created_at", "-pk")


@dataclass(frozen=True)
class FollowedItem:
    follow: Follow
    target: Any
    title: str
    url: str


@dataclass(frozen=True)
class FollowedGroup:
    followable: Followable
    content_type_id: int
    items: list[FollowedItem]


def followed_groups(user: Any) -> list[FollowedGroup]:
    """What the person follows, grouped by kind in registry order, only what they may
    still see: one query for the follows plus one per kind."""
    if not is_member(user):
        return []
    rows = list(Follow.objects.filter(user=user).order_by("-created_at", "-pk"))
    groups = []
    for followable in followables():
        content_type = ContentType.objects.get_for_model(followable.model)
        mine = [row for row in rows if row.content_type_id == content_type.pk]
        if not mine:
            continue
        objects = followable.model._default_manager.select_related(*followable.related).in_bulk(
            [row.object_id for row in mine]
        )
        items = [
            FollowedItem(
                row,
                objects[row.object_id],
                followable.title(objects[row.object_id]),
                followable.url(objects[row.object_id]),
            )
            for row in mine
            if row.object_id in objects and followable.visible(user, objects[row.object_id])
        ]
        if items:
            groups.append(FollowedGroup(followable, content_type.pk, items))
    return groups


def unread_count(user: Any) -> int:
    """The bell's number: one indexed read of ``UnreadCounter``."""
    if not is_member(user):
        return 0
    value = UnreadCounter.objects.filter(user_id=user.pk).values_list("unread", flat=True).first()
    return value or 0


def notifications_for(user: Any) -> QuerySet[Notification]:
    """The person's notifications, unread first, then the latest; with the actor."""
    unread_first = ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField())
    return (
        Notification.objects.filter(recipient=user)
        .select_related("actor")
        .order_by(unread_first.desc(), "-updated_at", "-pk")
    )

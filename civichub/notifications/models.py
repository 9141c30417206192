"""Follows, in-site notifications and the unread counter behind the bell."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Follow(models.Model):
    """A person following something registered as followable (``registry.py``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("elemento seguito")
        verbose_name_plural = _("elementi seguiti")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="notif_follow_unique"
            )
        ]
        indexes = [
            # followers(target), walked by pk in the fan-out.
            models.Index(
                fields=["content_type", "object_id", "id"], name="notif_follow_target_idx"
            ),
            models.Index(fields=["user", "-created_at"], name="notif_follow_user_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.content_type_id}:{self.object_id}"


class Notification(models.Model):
    """One line of the person's notification list. Events of the same ``group_key``
    fold into the unread row (``count`` + 1) instead of adding lines."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("tipo"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    group_key = models.CharField(max_length=120, blank=True)
    count = models.PositiveIntegerField(default=1)
    text = models.TextField(_("testo"))
    url = models.CharField(_("indirizzo"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # When the last immediate e-mail for this row went out (coalescing: one an hour).
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notifica")
        verbose_name_plural = _("notifiche")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "group_key"],
                condition=Q(read_at__isnull=True) & ~Q(group_key=""),
                name="notif_one_unread_per_group",
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at", "-updated_at"], name="notif_list_idx"),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class UnreadCounter(models.Model):
    """How many unread notifications a person has: the bell reads this one row."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="unread_counter",
    )
    unread = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("contatore delle notifiche non lette")
        verbose_name_plural = _("contatori delle notifiche non lette")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.unread}"

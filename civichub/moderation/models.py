"""Moderation: reports, actions and suspensions over any registered model.

Targets are generic (content type + object id): nothing here knows the other apps;
they register their models in ``registry.py``.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class ContentState(models.TextChoices):
    """The ``moderation_state`` column of every moderatable model."""

    VISIBLE = "visible", _("Visibile")
    HELD = "held", _("In attesa di revisione")
    HIDDEN = "hidden", _("Nascosto")
    REMOVED = "removed", _("Rimosso")


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam o pubblicità")
    OFFENSIVE = "offensive", _("Offensivo o irrispettoso")
    OFF_TOPIC = "off_topic", _("Fuori tema")
    PERSONAL_DATA = "personal_data", _("Contiene dati personali")
    MISINFORMATION = "misinformation", _("Informazioni false o fuorvianti")
    OTHER = "other", _("Altro")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Da esaminare")
    ACTIONED = "actioned", _("Gestita")
    DISMISSED = "dismissed", _("Archiviata")


class ActionKind(models.TextChoices):
    HIDE = "hide", _("Nascosto")
    RESTORE = "restore", _("Ripristinato")
    REMOVE = "remove", _("Rimosso")
    APPROVE = "approve", _("Approvato")
    DISMISS = "dismiss", _("Segnalazione archiviata")
    SUSPEND = "suspend", _("Account sospeso")
    UNSUSPEND = "unsuspend", _("Sospensione revocata")


class Report(models.Model):
    """A member's report of a piece of content."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="moderation_reports",
        verbose_name=_("segnalata da"),
    )
    reason = models.CharField(_("motivo"), max_length=20, choices=ReportReason.choices)
    note = models.TextField(_("nota"), blank=True, max_length=1000)
    scope = models.CharField(_("ambito"), max_length=100, blank=True, db_index=True)
    status = models.CharField(
        _("stato"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    created_at = models.DateTimeField(_("segnalata il"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decisa da"),
    )
    decided_at = models.DateTimeField(_("decisa il"), null=True, blank=True)

    class Meta:
        verbose_name = _("segnalazione")
        verbose_name_plural = _("segnalazioni")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "content_type", "object_id"],
                condition=Q(status="open"),
                name="report_one_open_per_reporter",
            )
        ]
        indexes = [
            models.Index(fields=["status", "content_type", "object_id"], name="report_target_idx"),
            models.Index(fields=["status", "scope", "created_at"], name="report_queue_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.content_type_id}:{self.object_id})"


class ModerationAction(models.Model):
    """What moderators did: the log that moderators and authors see."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("moderatore"),
    )
    action = models.CharField(_("azione"), max_length=10, choices=ActionKind.choices)
    reason = models.TextField(_("motivazione"), blank=True)
    created_at = models.DateTimeField(_("data"), default=timezone.now)

    class Meta:
        verbose_name = _("azione di moderazione")
        verbose_name_plural = _("azioni di moderazione")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-created_at"], name="modaction_idx")
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.content_type_id}:{self.object_id})"


class SuspensionQuerySet(models.QuerySet):
    def live(self) -> "SuspensionQuerySet":
        return self.filter(lifted_at__isnull=True).filter(
            Q(until__isnull=True) | Q(until__gt=timezone.now())
        )


class Suspension(models.Model):
    """A person may not post, report or react while a suspension is live."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="suspensions",
        verbose_name=_("persona"),
    )
    reason = models.TextField(_("motivazione"))
    until = models.DateTimeField(
        _("fino al"), null=True, blank=True, help_text=_("Vuoto: fino alla revoca.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("decisa da"),
    )
    created_at = models.DateTimeField(_("decisa il"), default=timezone.now)
    lifted_at = models.DateTimeField(_("revocata il"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revocata da"),
    )

    objects = SuspensionQuerySet.as_manager()

    class Meta:
        verbose_name = _("sospensione")
        verbose_name_plural = _("sospensioni")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "lifted_at"], name="suspension_user_idx")]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def is_live(self) -> bool:
        return self.lifted_at is None and (self.until is None or self.until > timezone.now())


class PostLog(models.Model):
    """One row per post screened by ``services.post_screen``: the rate limit and the
    count of a new account's first posts, for every app, without asking each one."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["author", "created_at"], name="postlog_author_idx")]

    def __str__(self) -> str:
        return f"{self.author_id} @ {self.created_at:%Y-%m-%d %H:%M}"


@register_setting(icon="warning")
class ModerationSettings(BaseGenericSetting):
    """Limits on new accounts and on posting, for every app that screens its posts."""

    hold_first_posts = models.PositiveSmallIntegerField(
        _("primi messaggi da approvare"),
        default=0,
        help_text=_(
            "Quanti messaggi di un account nuovo attendono l'approvazione di un moderatore "
            "prima di essere pubblicati (0: nessuno)."
        ),
    )
    new_account_days = models.PositiveSmallIntegerField(
        _("giorni in cui un account è nuovo"), default=7
    )
    new_account_max_links = models.PositiveSmallIntegerField(
        _("link al massimo per messaggio di un account nuovo"), default=2
    )
    posts_per_hour = models.PositiveSmallIntegerField(
        _("messaggi all'ora al massimo per persona"),
        default=20,
        help_text=_("0: nessun limite."),
    )

    class Meta:
        verbose_name = _("impostazioni della moderazione")

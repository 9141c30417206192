"""Newsletter: subscribers with double opt-in, monthly issues, one delivery per recipient.

``Delivery`` is unique per issue and subscriber: a batch claims a recipient by inserting
the row before sending, so a batch that runs twice (retried, resumed, crashed half way)
never sends the same issue to the same person twice.
"""

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.fields import RichTextField, StreamField
from wagtail.models import PreviewableMixin

from civichub.core.i18n import TranslatedField

from .blocks import DigestSectionBlock

TOKEN_BYTES = 32
TOKEN_MAX_LENGTH = 64
INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("In attesa di conferma")
    CONFIRMED = "confirmed", _("Confermato")
    UNSUBSCRIBED = "unsubscribed", _("Disiscritto")


class Subscriber(models.Model):
    email = models.EmailField(_("indirizzo e-mail"))
    language = models.CharField(
        _("lingua"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persona iscritta all'hub"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="newsletter_subscriptions",
    )
    status = models.CharField(
        _("stato"),
        max_length=16,
        choices=SubscriberStatus.choices,
        default=SubscriberStatus.PENDING,
    )
    # Authorises the confirmation and unsubscribe links: random, never derived from data.
    token = models.CharField(max_length=TOKEN_MAX_LENGTH, unique=True, default=new_token)
    consent_version = models.CharField(_("versione dell'informativa"), max_length=20)
    consent_at = models.DateTimeField(_("consenso dato il"))
    # The last confirmation or reminder sent: at most one an hour, links valid 7 days.
    confirmation_sent_at = models.DateTimeField(_("ultima e-mail di conferma"), null=True)
    confirmed_at = models.DateTimeField(_("confermato il"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("disiscritto il"), null=True, blank=True)
    created_at = models.DateTimeField(_("creato il"), default=timezone.now)

    class Meta:
        verbose_name = _("iscritto alla newsletter")
        verbose_name_plural = _("iscritti alla newsletter")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="newsletter_subscriber_email_ci"),
        ]
        indexes = [models.Index(fields=["status", "id"], name="newsletter_sub_status_idx")]

    def __str__(self) -> str:
        return self.email


class IssueStatus(models.TextChoices):
    DRAFT = "draft", _("Bozza")
    SENDING = "sending", _("In invio")
    SENT = "sent", _("Inviato")


PREVIEW_TEXT = "text"


class Issue(PreviewableMixin, models.Model):
    period = models.DateField(
        _("mese"), unique=True, help_text=_("Il primo giorno del mese raccontato.")
    )
    subject = models.CharField(_("oggetto"), max_length=200)
    subject_en = models.CharField(
        _("oggetto (inglese)"),
        max_length=200,
        blank=True,
        help_text=_("Se vuoto, chi ha scelto l'inglese riceve l'oggetto in italiano."),
    )
    intro = RichTextField(_("introduzione"), features=INTRO_FEATURES, blank=True)
    intro_en = RichTextField(_("introduzione (inglese)"), features=INTRO_FEATURES, blank=True)
    sections = StreamField(
        [("section", DigestSectionBlock())], verbose_name=_("sezioni"), blank=True
    )
    status = models.CharField(
        _("stato"), max_length=16, choices=IssueStatus.choices, default=IssueStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("composto da"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inviato da"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("creato il"), default=timezone.now)
    updated_at = models.DateTimeField(_("aggiornato il"), default=timezone.now)
    sending_started_at = models.DateTimeField(_("invio iniziato il"), null=True, blank=True)
    sent_at = models.DateTimeField(_("inviato il"), null=True, blank=True)
    recipients_count = models.PositiveIntegerField(
        pgettext_lazy("newsletter", "destinatari"), default=0
    )
    delivered_count = models.PositiveIntegerField(_("consegnati al server"), default=0)
    failed_count = models.PositiveIntegerField(_("non riusciti"), default=0)

    tr_subject = TranslatedField("subject", "subject_en")

    class Meta:
        verbose_name = _("numero della newsletter")
        verbose_name_plural = _("numeri della newsletter")
        ordering = ["-period"]
        indexes = [models.Index(fields=["status", "-period"], name="newsletter_issue_status_idx")]

    def __str__(self) -> str:
        return self.subject or self.period_label

    def get_absolute_url(self) -> str:
        return reverse("newsletter:issue", kwargs={"period": self.slug})

    @property
    def period_label(self) -> str:
        return date_format(self.period, "YEAR_MONTH_FORMAT")

    @property
    def slug(self) -> str:
        return self.period.strftime("%Y-%m")

    # Back-office preview: the e-mail as a subscriber receives it.
    @property
    def preview_modes(self) -> list[tuple[str, Any]]:
        return [
            ("it", _("E-mail in italiano")),
            ("en", _("E-mail in inglese")),
            (PREVIEW_TEXT, _("Solo testo")),
        ]

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        from .rendering import render_preview

        return render_preview(self, mode_name)


class Delivery(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("consegna")
        verbose_name_plural = _("consegne")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="newsletter_delivery_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.issue_id} → {self.subscriber_id}"

"""Writes of the newsletter: subscriptions, issues, sending.

Subscribing never tells whether an address is already known: new, pending and
confirmed addresses get the same answer, and the address itself gets at most one
message an hour. Sending claims each recipient with a ``Delivery`` row before the
message goes out, so a batch that runs twice sends nothing twice (at most once: a
worker killed between the claim and the SMTP call loses that one message).
"""

import datetime
import json
import logging
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import get_connection
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext as _

from civichub.accounts.adapter import is_disposable_email
from civichub.accounts.mail import absolute_url, hub_name
from civichub.accounts.models import ConsentKind, User
from civichub.accounts.permissions import is_member
from civichub.accounts.selectors import current_consents
from civichub.accounts.services import consent_record
from civichub.core.audit import log_action
from civichub.core.mail import send_templated_mail

from .digest import digest_sources
from .models import (
    Delivery,
    Issue,
    IssueStatus,
    Subscriber,
    SubscriberStatus,
    new_token,
)
from .permissions import can
from .rendering import IssueMailer

logger = logging.getLogger(__name__)

LOG_PREFIX = "civichub.newsletter."
CONFIRMATION_VALID_FOR = datetime.timedelta(days=7)
MAIL_AT_MOST_EVERY = datetime.timedelta(hours=1)
DEFAULT_BATCH_SIZE = 100


def batch_size() -> int:
    return max(1, int(getattr(settings, "NEWSLETTER_BATCH_SIZE", DEFAULT_BATCH_SIZE)))


def consent_version() -> str:
    """The version of the newsletter text people agree to (the accounts app records
    members' consents with the same setting)."""
    return settings.CONSENT_VERSIONS[ConsentKind.NEWSLETTER]


# Subscriptions ----------------------------------------------------------------------


def normalise_email(email: str) -> str:
    """Trimmed, with the domain in lower case; the local part is kept as typed (it is
    compared case-insensitively, as every provider does in practice)."""
    local, at, domain = email.strip().rpartition("@")
    return f"{local}@{domain.lower()}" if at else email.strip()


def validate_subscription_email(email: str) -> str:
    email = normalise_email(email)
    if len(email) > 254:
        raise ValidationError(_("L'indirizzo e-mail è troppo lungo."), code="invalid_email")
    validate_email(email)
    if is_disposable_email(email):
        raise ValidationError(
            _(
                "Gli indirizzi e-mail temporanei non sono accettati: usa un indirizzo che "
                "consulti abitualmente."
            ),
            code="disposable_email",
        )
    return email


def _language(code: str | None) -> str:
    code = (code or "").split("-")[0]
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _by_email(email: str) -> QuerySet[Subscriber]:
    # Lower(email) is what the unique constraint indexes.
    return Subscriber.objects.alias(email_ci=Lower("email")).filter(email_ci=email.lower())


def _may_mail(subscriber: Subscriber, now: datetime.datetime) -> bool:
    last = subscriber.confirmation_sent_at
    return last is None or now - last >= MAIL_AT_MOST_EVERY


def confirmation_expired(subscriber: Subscriber) -> bool:
    sent = subscriber.confirmation_sent_at
    return sent is None or timezone.now() - sent > CONFIRMATION_VALID_FOR


def _send_confirmation(subscriber: Subscriber) -> None:
    confirm_url = absolute_url(reverse("newsletter:confirm", kwargs={"token": subscriber.token}))
    send_templated_mail(
        to=[subscriber.email],
        template="newsletter/email/confirm",
        context={
            "hub_name": hub_name(),
            "confirm_url": confirm_url,
            "valid_days": CONFIRMATION_VALID_FOR.days,
        },
        language=subscriber.language,
    )


def _send_already_subscribed(subscriber: Subscriber) -> None:
    unsubscribe_url = absolute_url(
        reverse("newsletter:unsubscribe", kwargs={"token": subscriber.token})
    )
    send_templated_mail(
        to=[subscriber.email],
        template="newsletter/email/already_subscribed",
        context={"hub_name": hub_name(), "unsubscribe_url": unsubscribe_url},
        language=subscriber.language,
    )


def _owns_verified_address(user: Any, email: str) -> bool:
    return bool(
        is_member(user)
        and EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()
    )


@transaction.atomic
def subscriber_subscribe(
    *,
    email: str,
    language: str,
    consent: bool,
    user: Any = None,
    ip_address: str | None = None,
) -> bool:
    """Start a subscription; return True only when it is already active, which happens
    only for a signed-in member's own verified address (nothing to prove by e-mail).

    For anyone else the outcome is the same whatever the address's state, so the
    caller cannot tell: a new or pending address gets the confirmation link, a
    confirmed one a reminder with its unsubscribe link, each at most once an hour.
    """
    if not consent:
        raise ValidationError(
            _("Per iscriverti devi acconsentire a ricevere la newsletter."),
            code="consent_required",
        )
    email = validate_subscription_email(email)
    language = _language(language)
    if _owns_verified_address(user, email):
        subscriber_sync_member(
            user=user, subscribed=True, email=email, language=language, ip_address=ip_address
        )
        return True
    now = timezone.now()
    subscriber = _by_email(email).select_for_update().first()
    if subscriber is None:
        try:
            with transaction.atomic():
                subscriber = Subscriber.objects.create(
                    email=email,
                    language=language,
                    consent_version=consent_version(),
                    consent_at=now,
                    confirmation_sent_at=now,
                )
        except IntegrityError:  # the same address, submitted twice at once
            return False
        _send_confirmation(subscriber)
        return False
    if subscriber.status == SubscriberStatus.CONFIRMED:
        # Nothing changes: a stranger must not be able to alter someone's subscription.
        if _may_mail(subscriber, now):
            subscriber.confirmation_sent_at = now
            subscriber.save(update_fields=["confirmation_sent_at"])
            _send_already_subscribed(subscriber)
        return False
    fields = ["language", "consent_version", "consent_at"]
    subscriber.language, subscriber.consent_version, subscriber.consent_at = (
        language,
        consent_version(),
        now,
    )
    if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        # A fresh token: links from before the unsubscription stop working.
        subscriber.status, subscriber.token = SubscriberStatus.PENDING, new_token()
        subscriber.confirmation_sent_at = None
        fields += ["status", "token"]
    if _may_mail(subscriber, now):
        subscriber.confirmation_sent_at = now
        fields.append("confirmation_sent_at")
        subscriber.save(update_fields=fields)
        _send_confirmation(subscriber)
    else:
        subscriber.save(update_fields=fields)
    return False


@transaction.atomic
def subscriber_confirm(*, subscriber: Subscriber) -> Subscriber:
    locked = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if locked.status == SubscriberStatus.CONFIRMED:
        return locked
    if locked.status == SubscriberStatus.UNSUBSCRIBED:
        raise ValidationError(
            _("Questo indirizzo si è disiscritto: per ricevere la newsletter iscriviti di nuovo."),
            code="unsubscribed",
        )
    if confirmation_expired(locked):
        raise ValidationError(
            _("Il link di conferma è scaduto: iscriviti di nuovo per riceverne uno nuovo."),
            code="expired",
        )
    locked.status, locked.confirmed_at = SubscriberStatus.CONFIRMED, timezone.now()
    locked.save(update_fields=["status", "confirmed_at"])
    return locked


@transaction.atomic
def subscriber_unsubscribe(*, subscriber: Subscriber, actor: Any = None) -> Subscriber:
    """From the link in every message (no actor: the token is the authorisation) or by
    a promoter in the back office. Unsubscribing twice changes nothing."""
    if actor is not None and not can(actor, "manage_newsletter"):
        raise PermissionDenied
    locked = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if locked.status == SubscriberStatus.UNSUBSCRIBED:
        return locked
    locked.status, locked.unsubscribed_at = SubscriberStatus.UNSUBSCRIBED, timezone.now()
    locked.save(update_fields=["status", "unsubscribed_at"])
    if locked.user is not None:
        _record_member_consent(locked.user, given=False)
    if actor is not None:
        log_action(instance=locked, action=LOG_PREFIX + "unsubscribe", user=actor)
    return locked


def _record_member_consent(user: User, *, given: bool, ip_address: str | None = None) -> None:
    """Keep the member's consent log (accounts) in step, without repeating a choice."""
    current = current_consents(user=user)[ConsentKind.NEWSLETTER]
    if current is None or current.given != given:
        consent_record(user=user, kind=ConsentKind.NEWSLETTER, given=given, ip_address=ip_address)


@transaction.atomic
def subscriber_sync_member(
    *,
    user: User,
    subscribed: bool,
    email: str | None = None,
    language: str | None = None,
    ip_address: str | None = None,
) -> Subscriber | None:
    """A member's choice, from their account: their verified address needs no
    confirmation link. Also records the choice in the member's consent log."""
    email = normalise_email(email or user.email)
    subscriber = (
        _by_email(email).select_for_update().first()
        or Subscriber.objects.select_for_update().filter(user=user).order_by("pk").first()
    )
    _record_member_consent(user, given=subscribed, ip_address=ip_address)
    if not subscribed:
        if subscriber is not None and subscriber.status != SubscriberStatus.UNSUBSCRIBED:
            subscriber.status, subscriber.unsubscribed_at = (
                SubscriberStatus.UNSUBSCRIBED,
                timezone.now(),
            )
            subscriber.save(update_fields=["status", "unsubscribed_at"])
        return subscriber
    now = timezone.now()
    language = _language(language or user.language)
    if subscriber is None:
        return Subscriber.objects.create(
            email=email,
            language=language,
            user=user,
            status=SubscriberStatus.CONFIRMED,
            consent_version=consent_version(),
            consent_at=now,
            confirmed_at=now,
        )
    fields = ["user", "language"]
    subscriber.user, subscriber.language = user, language
    if subscriber.status != SubscriberStatus.CONFIRMED:
        if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
            subscriber.token = new_token()
            fields.append("token")
        subscriber.status, subscriber.confirmed_at = SubscriberStatus.CONFIRMED, now
        subscriber.consent_version, subscriber.consent_at = consent_version(), now
        fields += ["status", "confirmed_at", "consent_version", "consent_at"]
    subscriber.save(update_fields=fields)
    return subscriber


# Issues -----------------------------------------------------------------------------


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def month_end(day: datetime.date) -> datetime.date:
    return (month_start(day) + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(
        days=1
    )


def _month_in_sentence(period: datetime.date) -> str:
    month = date_format(period, "YEAR_MONTH_FORMAT")
    # Italian writes month names in lower case inside a sentence.
    return month.lower() if translation.get_language() == "it" else month


def _compose_sections(start: datetime.date, end: datetime.date) -> list[dict[str, Any]]:
    sections = []
    for source in digest_sources():
        items = source.items(start, end)
        if not items:
            continue
        with translation.override("it"):
            heading = str(source.label)
        with translation.override("en"):
            heading_en = str(source.label)
        sections.append(
            {
                "type": "section",
                "value": {
                    "heading": heading,
                    "heading_en": heading_en if heading_en != heading else "",
                    "items": [
                        {
                            "title": item.title[:200],
                            "title_en": item.title_en[:200],
                            "url": item.url,
                            "summary": item.summary[:400],
                            "summary_en": item.summary_en[:400],
                            "date": item.date.isoformat() if item.date else None,
                        }
                        for item in items
                    ],
                },
            }
        )
    return sections


def _default_texts(period: datetime.date, language: str) -> tuple[str, str]:
    name = hub_name()
    with translation.override(language):
        month = _month_in_sentence(period)
        subject = _("Le novità di %(month)s da %(hub)s") % {"month": month, "hub": name}
        intro = _(
            "Ecco che cosa è stato pubblicato su %(hub)s nel mese di %(month)s: nuove "
            "esperienze, notizie e appuntamenti. Buona lettura!"
        ) % {"month": month, "hub": name}
    return subject, f"<p>{escape(intro)}</p>"


def issue_compose(*, period: datetime.date, actor: Any = None) -> tuple[Issue, bool]:
    """A draft for the month of ``period`` from every digest source, or the issue that
    already exists for that month (one issue per month: composing twice is harmless).
    ``actor`` is None for the monthly command."""
    if actor is not None and not can(actor, "compose_issue"):
        raise PermissionDenied
    start = month_start(period)
    if start > month_start(timezone.localdate()):
        raise ValidationError(
            _("Non si può comporre il numero di un mese che non è ancora iniziato."),
            code="future_period",
        )
    existing = Issue.objects.filter(period=start).first()
    if existing is not None:
        return existing, False
    subject, intro = _default_texts(start, "it")
    subject_en, intro_en = _default_texts(start, "en")
    try:
        with transaction.atomic():
            issue = Issue.objects.create(
                period=start,
                subject=subject,
                subject_en=subject_en,
                intro=intro,
                intro_en=intro_en,
                sections=json.dumps(_compose_sections(start, month_end(start))),
                created_by=actor,
            )
            log_action(instance=issue, action=LOG_PREFIX + "compose", user=actor)
    except IntegrityError:  # composed at the same moment by someone else
        return Issue.objects.get(period=start), False
    return issue, True


def _pending_recipients(issue: Issue) -> QuerySet[Subscriber]:
    """Confirmed before the sending started and not yet claimed by a batch. People
    who unsubscribe meanwhile drop out; people who confirm later wait for next month."""
    return Subscriber.objects.filter(
        status=SubscriberStatus.CONFIRMED,
        confirmed_at__lte=issue.sending_started_at,
    ).exclude(deliveries__issue=issue)


@transaction.atomic
def issue_send(*, issue: Issue, actor: Any) -> Issue:
    """Draft → sending: the recipients are fixed now, batches are queued on commit.
    Possible once: a second click, or a second promoter, finds the issue sending."""
    if not can(actor, "manage_newsletter"):
        raise PermissionDenied
    locked = Issue.objects.select_for_update().get(pk=issue.pk)
    if not can(actor, "send_issue", locked):
        raise ValidationError(_("Questo numero è già stato inviato."), code="already_sent")
    if not locked.subject.strip():
        raise ValidationError(_("Scrivi l'oggetto prima di inviare."), code="subject_required")
    if not (locked.sections or locked.intro.strip()):
        raise ValidationError(_("Il numero è vuoto: non c'è niente da inviare."), code="empty")
    now = timezone.now()
    locked.sending_started_at = now
    recipients = _pending_recipients(locked).count()
    if recipients == 0:
        raise ValidationError(
            _("Non ci sono ancora iscritti confermati a cui inviare il numero."),
            code="no_recipients",
        )
    locked.status, locked.sent_by, locked.recipients_count = IssueStatus.SENDING, actor, recipients
    locked.updated_at = now
    locked.save(
        update_fields=["status", "sent_by", "recipients_count", "sending_started_at", "updated_at"]
    )
    log_action(
        instance=locked, action=LOG_PREFIX + "send", user=actor, data={"recipients": recipients}
    )
    issue_id = locked.pk
    transaction.on_commit(lambda: issue_enqueue_batches(issue_id=issue_id))
    return locked


@transaction.atomic
def issue_resume(*, issue: Issue, actor: Any) -> int:
    """Queue again the recipients not yet reached, after a worker died in the middle of
    a send. Safe while the first batches still run: each recipient is claimed once."""
    if not can(actor, "manage_newsletter"):
        raise PermissionDenied
    locked = Issue.objects.select_for_update().get(pk=issue.pk)
    if not can(actor, "resume_issue", locked):
        raise ValidationError(_("Questo numero non è in invio."), code="not_sending")
    remaining = _pending_recipients(locked).count()
    log_action(
        instance=locked, action=LOG_PREFIX + "resume", user=actor, data={"remaining": remaining}
    )
    issue_id = locked.pk
    transaction.on_commit(lambda: issue_enqueue_batches(issue_id=issue_id))
    return remaining


def issue_enqueue_batches(*, issue_id: int) -> int:
    """One task per ``NEWSLETTER_BATCH_SIZE`` recipients not yet claimed; returns the
    number of batches. With nobody left, the issue is finished straight away."""
    from . import tasks

    issue = Issue.objects.get(pk=issue_id)
    if issue.status != IssueStatus.SENDING:
        return 0
    ids = list(_pending_recipients(issue).order_by("pk").values_list("pk", flat=True))
    size = batch_size()
    batches = [ids[start : start + size] for start in range(0, len(ids), size)]
    for batch in batches:
        tasks.send_issue_batch.enqueue(issue_id=issue_id, subscriber_ids=batch)
    if not batches:
        issue_refresh_progress(issue_id=issue_id)
    return len(batches)


def _claim(issue: Issue, subscriber: Subscriber) -> Delivery | None:
    try:
        with transaction.atomic():
            return Delivery.objects.create(issue=issue, subscriber=subscriber)
    except IntegrityError:  # another run of this batch got there first
        return None


def issue_send_batch(*, issue_id: int, subscriber_ids: list[int]) -> int:
    """Send to those of ``subscriber_ids`` still confirmed and not yet claimed, over one
    SMTP connection; return how many messages went out. Runs in the task worker."""
    issue = Issue.objects.filter(pk=issue_id, status=IssueStatus.SENDING).first()
    if issue is None:
        return 0
    recipients = _pending_recipients(issue).filter(pk__in=subscriber_ids).order_by("pk")
    mailer = IssueMailer(issue)
    sent = 0
    with get_connection() as connection:
        for subscriber in recipients:
            # Rendered before the claim: a template error fails the task, not the person.
            message = mailer.message(subscriber, connection)
            delivery = _claim(issue, subscriber)
            if delivery is None:
                continue
            try:
                message.send()
            except Exception as error:
                logger.warning("newsletter delivery %s failed: %s", delivery.pk, error)
                Delivery.objects.filter(pk=delivery.pk).update(error=str(error)[:500] or "error")
            else:
                Delivery.objects.filter(pk=delivery.pk).update(sent_at=timezone.now())
                sent += 1
    issue_refresh_progress(issue_id=issue_id)
    return sent


@transaction.atomic
def issue_refresh_progress(*, issue_id: int) -> Issue:
    """Counters from the deliveries; the issue is sent once nobody is left to claim."""
    issue = Issue.objects.select_for_update().get(pk=issue_id)
    counts = Delivery.objects.filter(issue=issue).aggregate(
        delivered=Count("pk", filter=Q(sent_at__isnull=False)),
        failed=Count("pk", filter=~Q(error="")),
    )
    issue.delivered_count, issue.failed_count = counts["delivered"], counts["failed"]
    fields = ["delivered_count", "failed_count"]
    if issue.status == IssueStatus.SENDING and not _pending_recipients(issue).exists():
        issue.status, issue.sent_at = IssueStatus.SENT, timezone.now()
        fields += ["status", "sent_at"]
        log_action(instance=issue, action=LOG_PREFIX + "sent", user=None, data=counts)
    issue.save(update_fields=fields)
    return issue

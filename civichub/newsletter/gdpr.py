"""The newsletter's part of "download my data" and of erasure (registered in apps.py)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from civichub.accounts.models import User
from civichub.accounts.registry import ExportSection

from .models import Delivery, Subscriber


def _subscriptions(user: User) -> QuerySet[Subscriber]:
    """Linked to the account or at its address (subscribed before signing in)."""
    return Subscriber.objects.alias(email_ci=Lower("email")).filter(
        Q(user=user) | Q(email_ci=user.email.lower())
    )


def export_subscriptions(user: User) -> ExportSection:
    deliveries = Delivery.objects.select_related("issue").order_by("issue__period")
    subscriptions = _subscriptions(user).prefetch_related(
        Prefetch("deliveries", queryset=deliveries)
    )
    return ExportSection(
        data=[
            {
                "email": subscriber.email,
                "language": subscriber.language,
                "status": subscriber.status,
                "consent_version": subscriber.consent_version,
                "consent_at": subscriber.consent_at,
                "confirmation_sent_at": subscriber.confirmation_sent_at,
                "confirmed_at": subscriber.confirmed_at,
                "unsubscribed_at": subscriber.unsubscribed_at,
                "created_at": subscriber.created_at,
                "issues_received": [
                    {
                        "issue": delivery.issue.subject,
                        "month": delivery.issue.period,
                        "sent_at": delivery.sent_at,
                    }
                    for delivery in subscriber.deliveries.all()
                ],
            }
            for subscriber in subscriptions
        ]
    )


def erase_subscriptions(user: User) -> None:
    """Subscriptions and their deliveries go; the audit log keeps the back-office
    actions on them without the address in their label."""
    ids = list(_subscriptions(user).values_list("pk", flat=True))
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Subscriber),
        object_id__in=[str(pk) for pk in ids],
    ).update(label=_("Iscritto cancellato"))
    Subscriber.objects.filter(pk__in=ids).delete()

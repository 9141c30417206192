from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _schedule_digests(sender: AppConfig, **kwargs: Any) -> None:
    """Start the digests' chain after ``migrate`` (``make run`` migrates, then starts the
    worker); nothing happens when a run is already pending."""
    from .digests import digests_schedule

    digests_schedule()


class NotificationsConfig(AppConfig):
    name = "civichub.notifications"
    label = "notifications"
    verbose_name = _("Notifiche")

    def ready(self) -> None:
        from civichub.accounts.registry import (
            NotificationKind,
            register_data_exporter,
            register_eraser,
            register_notification_kind,
        )

        from . import followables, gdpr

        register_notification_kind(
            NotificationKind(
                "mentions",
                _("Menzioni"),
                _("Quando qualcuno ti cita in una discussione o in un commento."),
            )
        )
        register_notification_kind(
            NotificationKind(
                "replies",
                _("Risposte"),
                _("Quando qualcuno risponde a quello che hai scritto."),
            )
        )
        register_notification_kind(
            NotificationKind(
                "follows",
                _("Novità da ciò che segui"),
                _("Esperienze, organizzazioni e persone che segui: pubblicazioni e aggiornamenti."),
                default="daily",
            )
        )
        followables.register()
        register_data_exporter("notifications", gdpr.export)
        register_eraser("notifications", gdpr.erase)
        post_migrate.connect(_schedule_digests, sender=self)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "civichub.events"
    label = "events"
    verbose_name = _("Eventi")

    def ready(self) -> None:
        # rules' autodiscovery looks for rules.py; our predicates live in permissions.py.
        # profile.py adds the events' section to people's profiles.
        from civichub.accounts.registry import (
            NotificationKind,
            register_data_exporter,
            register_eraser,
            register_notification_kind,
        )

        from . import gdpr, permissions, profile  # noqa: F401

        register_notification_kind(
            NotificationKind(
                key="courses",
                label=_("Percorsi formativi"),
                help_text=_(
                    "Riscontri dei tutor sulle tue consegne e, se fai parte del gruppo di "
                    "un percorso, le nuove candidature."
                ),
            )
        )
        register_data_exporter("events", gdpr.export_events)
        register_eraser("events", gdpr.erase_events)

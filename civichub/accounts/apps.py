from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "civichub.accounts"
    label = "accounts"
    verbose_name = _("Persone")

    def ready(self) -> None:
        from . import gdpr, permissions
        from .registry import (
            NotificationKind,
            register_data_exporter,
            register_eraser,
            register_notification_kind,
        )

        register_notification_kind(
            NotificationKind(
                "account",
                _("Il tuo account e il tuo ruolo"),
                _("Richieste per diventare contributore e cambi di ruolo."),
            )
        )
        register_notification_kind(
            NotificationKind(
                "organisations",
                _("Le tue organizzazioni"),
                _("Esiti delle richieste fatte per conto delle organizzazioni che amministri."),
            )
        )
        register_notification_kind(
            NotificationKind(
                "moderation",
                _("Richieste da esaminare"),
                _(
                    "Nuove richieste per diventare contributore, esperienze e strumenti "
                    "proposti da esaminare."
                ),
                available_to=permissions.is_promoter.test,
            )
        )
        register_data_exporter("accounts", gdpr.export_account)
        register_eraser("accounts", gdpr.erase_account)

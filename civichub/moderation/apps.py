from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "civichub.moderation"
    label = "moderation"
    verbose_name = _("Moderazione")

    def ready(self) -> None:
        # rules' autodiscovery looks for rules.py; our predicates live in permissions.py.
        from civichub.accounts.registry import register_data_exporter, register_eraser

        from . import gdpr, permissions  # noqa: F401

        register_data_exporter("moderation", gdpr.export_reports)
        register_eraser("moderation", gdpr.erase_reports)

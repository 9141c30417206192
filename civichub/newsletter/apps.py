from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "civichub.newsletter"
    label = "newsletter"
    verbose_name = _("Newsletter")

    def ready(self) -> None:
        # rules' autodiscovery looks for rules.py; our predicates live in permissions.py.
        from civichub.accounts.registry import register_data_exporter, register_eraser

        from . import gdpr, permissions, sources  # noqa: F401
        from .digest import register_digest_source

        register_digest_source(
            "experiences", _("Nuove esperienze"), sources.published_experiences, order=10
        )
        register_digest_source(
            "resources", _("Nuovi strumenti"), sources.published_resources, order=15
        )
        register_digest_source("news", _("Notizie"), sources.published_news, order=20)
        register_digest_source("events", _("Prossimi eventi"), sources.upcoming_events, order=30)
        register_data_exporter("newsletter", gdpr.export_subscriptions)
        register_eraser("newsletter", gdpr.erase_subscriptions)

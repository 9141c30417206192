from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "civichub.search"
    label = "search"
    verbose_name = _("Ricerca")

    def ready(self) -> None:
        # sources.py registers experiences, organisations and news, and connects the
        # signals that keep their documents up to date.
        from . import sources

        sources.connect_signals()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "civichub.library"
    label = "library"
    verbose_name = _("Strumenti")

    def ready(self) -> None:
        # rules' autodiscovery looks for rules.py; our predicates live in permissions.py.
        from . import permissions, signals  # noqa: F401

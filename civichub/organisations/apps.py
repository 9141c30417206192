from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "civichub.organisations"
    label = "organisations"
    verbose_name = _("Organizzazioni")

    def ready(self) -> None:
        # rules' autodiscovery looks for rules.py; our predicates live in permissions.py.
        from . import permissions  # noqa: F401

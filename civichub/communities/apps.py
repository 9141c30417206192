from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "civichub.communities"
    label = "communities"
    verbose_name = _("Comunità di pratiche")

    def ready(self) -> None:
        # rules' autodiscovery looks for rules.py; our predicates live in permissions.py.
        from . import permissions  # noqa: F401

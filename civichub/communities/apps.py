from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "civichub.communities"
    label = "communities"
    verbose_name = _("Comunità di pratiche")

    def ready(self) -> None:
        # rules' autodiscovery looks for rules.py; our predicates live in permissions.py.
        from . import permissions  # noqa: F401

        # --- areas ---
        from .setup_areas import register as register_areas

        register_areas()

        # --- discussions ---
        from .setup_discussions import register as register_discussions

        register_discussions()

        # --- workspace ---
        from .services.workspace import register_workspace

        register_workspace()

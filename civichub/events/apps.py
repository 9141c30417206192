from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "civichub.events"
    label = "events"
    verbose_name = _("Eventi")

    def ready(self) -> None:
        # rules' autodiscovery looks for rules.py; our predicates live in permissions.py.
        # profile.py adds the events' section to people's profiles.
        from . import permissions, profile  # noqa: F401

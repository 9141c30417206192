from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExperiencesConfig(AppConfig):
    name = "civichub.experiences"
    label = "experiences"
    verbose_name = _("Esperienze")

    def ready(self) -> None:
        # rules' autodiscovery looks for rules.py; our predicates live in permissions.py.
        # profile.py adds the experiences' section to people's profiles.
        from . import permissions, profile  # noqa: F401

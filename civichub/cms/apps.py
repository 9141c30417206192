from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "civichub.cms"
    label = "cms"
    verbose_name = _("Contenuti editoriali")

    def ready(self) -> None:
        from . import signals  # noqa: F401

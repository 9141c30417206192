"""Load the demo hub. Idempotent: a second run changes nothing.

Each app may ship a ``demo.py`` module with ``seed(log)``; they run in
INSTALLED_APPS order, so later apps can rely on the people and places of earlier ones.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Carica i dati dimostrativi dell'hub (idempotente)."

    def handle(self, *args, **options) -> None:
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if not config.name.startswith("civichub.") or find_spec(module_name) is None:
                continue
            module = import_module(module_name)
            with transaction.atomic():
                module.seed(log=self._log)
        self.stdout.write(self.style.SUCCESS("Dati dimostrativi pronti."))

    def _log(self, message: str) -> None:
        self.stdout.write(f"  {message}")

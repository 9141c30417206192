"""Benchmark search documents: one for every findable object the other apps seeded.

The other apps insert their benchmark data in bulk, without signals, so their documents
are built here, in bulk; objects that already have one are skipped, so a second run
adds nothing. This app comes after every app that registers sources in INSTALLED_APPS.
"""

from collections.abc import Callable

from .services import index_missing


def seed(*, scale: float, log: Callable[[str], None]) -> None:
    counts = index_missing()
    log(f"ricerca: {counts.created} documenti creati")

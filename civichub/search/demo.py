"""Demo search documents: the demo apps seed some content in bulk, without signals."""

from collections.abc import Callable

from .services import index_missing


def seed(log: Callable[[str], None]) -> None:
    counts = index_missing()
    log(f"ricerca: {counts.created} documenti creati")

"""Reads of the library: the index page, the catalogue, cards, facets, the month's
programme. Only live, public pages are listed."""

from .models import LibraryIndexPage


def library_index() -> LibraryIndexPage | None:
    """The live library index (there is at most one), or None before it is created."""
    return LibraryIndexPage.objects.live().first()

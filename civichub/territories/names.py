"""Name normalisation shared by the loader, the search and the comune picker."""

import re
import unicodedata

from django.utils.text import slugify

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """Lower case, no accents, punctuation as spaces: «Forlì-Cesena» → «forli cesena».

    Stored in ``Municipality.search_name`` so that one portable ``LIKE`` finds
    «Canicattì» from «canicatti» on SQLite and PostgreSQL alike.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_ALNUM.sub(" ", ascii_text).strip()


def slug_for(name: str) -> str:
    """«Valle d'Aosta/Vallée d'Aoste» → «valle-d-aosta-vallee-d-aoste» (slugify would
    glue the words around apostrophes and slashes)."""
    return slugify(normalise(name))

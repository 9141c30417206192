"""Full-text matching for the catalogues (experiences, library): the ids of the objects
with every word of a query, best first, from Wagtail's search backend.

On SQLite the backend's FTS5 table is queried directly: FTS5 has no Italian stemmer, so
each word matches as a prefix of its stem; and the backend ranks with a subquery per
matching row (minutes with tens of thousands of matches), where bm25 in the match itself
costs one pass. Other backends (PostgreSQL's full text with the Italian configuration,
OpenSearch) are asked through Wagtail's API.
"""

import hashlib
import re
from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.db.models import Model, QuerySet, TextField
from django.db.models.functions import Cast
from wagtail.search.backends import get_search_backend

SEARCH_MAX_WORDS = 8
_WORD = re.compile(r"\w+")
_FINAL_VOWEL = re.compile(r"(?<=\w{4})[aeiouàèéìòù]$")


def search_words(q: str) -> list[str]:
    """The words of a query; punctuation would be syntax to the search engines."""
    return _WORD.findall(q.lower())[:SEARCH_MAX_WORDS]


def _sqlite_fts_ids(
    words: list[str], models: Sequence[type[Model]], candidates: QuerySet, limit: int
) -> list[int] | None:
    """``None`` when the backend is not FTS5."""
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend
    from modelsearch.conf import get_app_config

    if not isinstance(get_search_backend(), SQLiteSearchBackend):
        return None
    config = get_app_config()
    entries = config.get_model("IndexEntry")._meta.db_table
    fts = config.get_model("SQLiteFTSIndexEntry")._meta.db_table
    # Words are letters and digits only (search_words), safe inside FTS5 quotes. Short
    # words match whole: as prefixes ("di", "l'") they would match almost everything;
    # Italian inflects mostly in the final vowel (progetto/progetti), so longer words
    # match as prefixes of their stem (giardino → giardin*).
    stems = [_FINAL_VOWEL.sub("", word) for word in words]
    match = " ".join(f'"{stem}"*' if len(stem) >= 4 else f'"{stem}"' for stem in stems)
    # Each model (each page type) is indexed under its own content type.
    content_types = [ct.pk for ct in ContentType.objects.get_for_models(*models).values()]
    subquery, subquery_params = (
        candidates.order_by()
        .annotate(object_key=Cast("pk", TextField()))
        .values("object_key")
        .query
    ).sql_with_params()
    types = ", ".join(["%s"] * len(content_types))
    # Columns: autocomplete, body, title; a word in the title counts three times.
    sql = (
        f"SELECT entry.object_id FROM {fts} JOIN {entries} AS entry ON entry.id = {fts}.rowid "  # noqa: S608
        f"WHERE {fts} MATCH %s AND entry.content_type_id IN ({types}) "
        f"AND entry.object_id IN ({subquery}) "
        f"ORDER BY bm25({fts}, 0.0, 1.0, 3.0) LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, *content_types, *subquery_params, limit])
        return [int(row[0]) for row in cursor.fetchall()]


def matching_ids(
    q: str,
    *,
    cache_prefix: str,
    models: Sequence[type[Model]],
    candidates: QuerySet,
    searchable: QuerySet,
    limit: int,
    cache_seconds: int,
) -> list[int]:
    """Ids of ``candidates`` with every word of ``q``, best first, at most ``limit``;
    cached under ``cache_prefix``, as a list, its facets and its map ask for the same
    words. ``searchable`` is what other backends search: they filter on indexed fields
    only, so it may be wider than ``candidates`` and the caller filters again."""
    words = search_words(q)
    if not words:
        return []
    key = f"{cache_prefix}:search:" + hashlib.sha256(" ".join(words).encode()).hexdigest()
    ids = cache.get(key)
    if ids is None:
        ids = (
            _sqlite_fts_ids(words, models, candidates, limit)
            if (connection.vendor == "sqlite")
            else None
        )
        if ids is None:
            results = get_search_backend().search(
                " ".join(words), searchable.only("pk"), operator="and"
            )
            ids = [obj.pk for obj in results[:limit]]
        cache.set(key, ids, cache_seconds)
    return list(ids)

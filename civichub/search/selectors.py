"""Reads of the site search: run a query for a person, decorate one page of results,
propose spellings. Each costs a constant number of queries whatever the index size."""

import difflib
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from django.core.cache import cache
from django.db.models import Prefetch
from django.db.models.functions import Substr
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from civichub.accounts.permissions import is_member
from civichub.taxonomy.models import Theme

from . import analysis
from .engines import Criteria, Engine, current_engine
from .models import SearchDocument, SearchTerm, Visibility
from .registry import Source, source_by_kind
from .services import index_version

PER_PAGE = 20
MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
# Fifty pages: enough to browse, and the database never ranks past this offset.
MAX_RESULTS = 1_000
# Cached searches are keyed by the index version, so they never outlive the content they
# found: the time limit only bounds the cache's size.
CACHE_SECONDS = 15 * 60
THEMES_CACHE_SECONDS = 300
SUGGESTION_CANDIDATES = 3_000
SUGGESTION_CUTOFF = 0.75
# Snippets come from the summary or from the start of the text: long texts stay unread.
SNIPPET_SCAN_LENGTH = 5_000


def visibilities_for(user: Any) -> tuple[str, ...]:
    """Members see what is shared with members; everyone sees what is public."""
    if is_member(user):
        return (Visibility.PUBLIC, Visibility.MEMBERS)
    return (Visibility.PUBLIC,)


def search_themes() -> list[Theme]:
    """Every theme, cached five minutes: each search validates ``tema`` against them."""
    themes = cache.get("search:themes")
    if themes is None:
        themes = list(Theme.objects.order_by("sort_order", "name"))
        cache.set("search:themes", themes, THEMES_CACHE_SECONDS)
    return list(themes)


@dataclass(frozen=True)
class SearchQuery:
    """A validated search: ``text`` as typed (trimmed), its stem ``groups``, the filters."""

    text: str
    groups: tuple[tuple[str, ...], ...]
    visibilities: tuple[str, ...]
    source: Source | None = None
    theme: Theme | None = None

    def criteria(self) -> Criteria:
        return Criteria(
            groups=self.groups,
            visibilities=self.visibilities,
            kind=self.source.kind if self.source else "",
            theme_id=self.theme.pk if self.theme else None,
        )


def query_groups(text: str) -> tuple[tuple[tuple[str, ...], ...], bool]:
    """The stem groups of ``text``'s words, at most MAX_TERMS, and whether some were dropped."""
    groups = tuple(analysis.query_groups(text))
    return groups[:MAX_TERMS], len(groups) > MAX_TERMS


@dataclass(frozen=True)
class Hit:
    document: SearchDocument
    kind_label: str | Promise
    title: SafeString
    # Highlighted (SafeString) when a shown text contains a searched word, else plain.
    snippet: SafeString | str
    themes: list[Theme] = field(default_factory=list)


def _key(prefix: str, engine: Engine, criteria: Criteria, *extra: Any) -> str:
    parts = [
        engine.name,
        " ".join("|".join(group) for group in criteria.groups),
        ",".join(criteria.visibilities),
        criteria.kind,
        str(criteria.theme_id),
        *map(str, extra),
    ]
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()
    return f"search:{prefix}:{index_version()}:{digest}"


class Results:
    """The ranked hits of a query, fetched a page at a time (Django's Paginator slices it).

    The counts and the first page come from one statement and are cached, as are later
    pages, keyed by the index version, which changes with every indexed document.
    """

    def __init__(
        self, query: SearchQuery, engine: Engine | None = None, *, first_page: int = PER_PAGE
    ) -> None:
        self.query = query
        self.engine = engine or current_engine()
        self.first_page = first_page
        criteria = query.criteria()
        key = _key("search", self.engine, criteria, first_page)
        found = cache.get(key)
        if found is None:
            found = self.engine.search(criteria, 0, first_page)
            cache.set(key, found, CACHE_SECONDS)
        self.kind_counts: dict[str, int] = found.kind_counts
        self.theme_counts: dict[int, int] = found.theme_counts
        self._first_ids: list[int] = found.ids
        if query.source is not None:
            self.total = self.kind_counts.get(query.source.kind, 0)
        else:
            self.total = sum(self.kind_counts.values())

    def __len__(self) -> int:
        return min(self.total, MAX_RESULTS)

    def count(self) -> int:
        return len(self)

    def __iter__(self) -> Iterator[Hit]:
        return iter(self[0 : len(self)])

    @overload
    def __getitem__(self, index: int) -> Hit: ...

    @overload
    def __getitem__(self, index: slice) -> list[Hit]: ...

    def __getitem__(self, index: int | slice) -> Hit | list[Hit]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        start, stop, _ = index.indices(len(self))
        if stop <= start:
            return []
        if stop <= self.first_page:
            ids = self._first_ids[start:stop]
        else:
            criteria = self.query.criteria()
            key = _key("page", self.engine, criteria, start, stop)
            ids = cache.get(key)
            if ids is None:
                ids = self.engine.page(criteria, start, stop - start)
                cache.set(key, ids, CACHE_SECONDS)
        return hits(ids, [stem for group in self.query.groups for stem in group])


def _themes_prefetch() -> Prefetch:
    return Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "name"))


def hits(ids: list[int], stems: Sequence[str]) -> list[Hit]:
    """The documents ``ids`` in that order, with the searched words highlighted in their
    title and in a snippet of their summary or text: two queries."""
    documents = (
        SearchDocument.objects.filter(pk__in=ids)
        .defer("body", "keywords")
        .annotate(body_start=Substr("body", 1, SNIPPET_SCAN_LENGTH))
        .prefetch_related(_themes_prefetch())
    )
    by_pk = {document.pk: document for document in documents}
    result = []
    for pk in ids:
        document = by_pk.get(pk)
        if document is None:  # deleted since the ids were cached
            continue
        source = source_by_kind(document.kind)
        summary = document.tr_summary
        snippet: SafeString | str | None = analysis.snippet(summary, stems) or analysis.snippet(
            document.body_start, stems
        )
        if snippet is None:
            snippet = Truncator(summary or document.body_start).words(40)
        result.append(
            Hit(
                document=document,
                kind_label=source.label if source else document.kind,
                title=analysis.highlight(document.tr_title, stems),
                snippet=snippet,
                themes=list(document.themes.all()),
            )
        )
    return result


def _closest(word: str) -> str | None:
    folded = analysis.fold(word)
    candidates = (
        SearchTerm.objects.filter(initial=analysis.initial(word), document_count__gt=0)
        .order_by("-document_count")
        .values_list("word", flat=True)[:SUGGESTION_CANDIDATES]
    )
    # The most frequent spelling of each word without accents.
    by_folded: dict[str, str] = {}
    for candidate in candidates:
        by_folded.setdefault(analysis.fold(candidate), candidate)
    found = difflib.get_close_matches(folded, by_folded, n=1, cutoff=SUGGESTION_CUTOFF)
    return by_folded[found[0]] if found else None


def suggestion(text: str, *, max_words: int) -> str | None:
    """``text`` with each word that no public document contains replaced by the closest
    known word sharing its first letter, or ``None`` when nothing is replaced. One query,
    plus one per unknown word."""
    words = analysis.words(text)[:max_words]
    checked = {
        word: analysis.stem(word)
        for word in words
        if len(word) >= 4 and not word.isdigit() and word not in analysis.STOP_WORDS
    }
    if not checked:
        return None
    known = set(
        SearchTerm.objects.filter(stem__in=set(checked.values()), document_count__gt=0).values_list(
            "stem", flat=True
        )
    )
    replaced = False
    proposed = []
    for word in words:
        better = _closest(word) if word in checked and checked[word] not in known else None
        replaced = replaced or better is not None
        proposed.append(better or word)
    return " ".join(proposed) if replaced else None

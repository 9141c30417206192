"""Writing the search index: documents from their sources, the backend index, the vocabulary.

Indexing runs in background tasks after commit (``schedule_index``), in bulk: one
``index_documents`` task per transaction, whatever the number of saves in it. The
documents are the source of truth; ``rebuild_search`` rebuilds them, then the backend
index from them, then the vocabulary.
"""

import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Model
from django.utils import timezone
from modelsearch.conf import get_app_config
from wagtail.search.backends import get_search_backends

from . import analysis
from .models import BODY_MAX_LENGTH, SearchDocument, SearchTerm, Visibility
from .registry import Document, Source, source_for, sources

BATCH_SIZE = 500
# The database backends recompute title norms over the whole index after each batch.
INDEX_BATCH_SIZE = 2_000
VERSION_KEY = "search:version"
# SQLite allows 999 parameters in a statement before 3.32; stay below.
_IN_CHUNK = 900

ThemeLink = SearchDocument.themes.through


def index_version() -> str:
    """Changes whenever a document does: part of every cached search (selectors.py)."""
    return str(cache.get_or_set(VERSION_KEY, "0", None))


def _bump_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- scheduling --------------------------------------------------------------------------------


class _PendingIndex:
    """The objects to reindex when the current transaction commits: one task for them all."""

    def __init__(self) -> None:
        self.objects: dict[str, set[int]] = defaultdict(set)
        self.sent = False

    def __call__(self) -> None:
        from .tasks import index_documents

        self.sent = True
        index_documents.enqueue(objects={label: sorted(pks) for label, pks in self.objects.items()})


def schedule_index(model: type[Model], pks: Iterable[int]) -> None:
    """Refresh the documents of ``model``'s objects ``pks`` once the transaction commits
    (at once outside a transaction). Saves in the same transaction share one task."""
    keys = list(pks)
    if source_for(model) is None or not keys:
        return
    label = model._meta.label_lower
    connection = transaction.get_connection()
    pending = None
    if connection.in_atomic_block:
        # Django keeps the callbacks of the open transaction in run_on_commit and drops
        # those of a rolled-back savepoint, so a pending batch is found here or not at
        # all. One that already ran may still be listed: tests run callbacks uncommitted.
        pending = next(
            (
                func
                for _, func, _ in connection.run_on_commit
                if isinstance(func, _PendingIndex) and not func.sent
            ),
            None,
        )
    if pending is not None:
        pending.objects[label].update(keys)
        return
    pending = _PendingIndex()
    pending.objects[label].update(keys)
    # Outside a transaction this runs at once, hence the keys first.
    transaction.on_commit(pending)


# --- documents ---------------------------------------------------------------------------------


@dataclass
class IndexCounts:
    created: int = 0
    updated: int = 0
    deleted: int = 0

    def __iadd__(self, other: "IndexCounts") -> "IndexCounts":
        self.created += other.created
        self.updated += other.updated
        self.deleted += other.deleted
        return self

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.deleted


_FIELDS = (
    "kind",
    "title",
    "title_en",
    "summary",
    "summary_en",
    "body",
    "keywords",
    "url",
    "visibility",
    "published_at",
    "language",
)
_TEXT_FIELDS = ("title", "title_en", "summary", "summary_en", "body", "keywords")


def _values(source: Source, document: Document) -> dict[str, Any]:
    values = {name: value for name, value in asdict(document).items() if name != "theme_ids"}
    values["kind"] = source.kind
    values["title"] = values["title"][:300]
    values["title_en"] = values["title_en"][:300]
    values["url"] = values["url"][:500]
    values["body"] = values["body"][:BODY_MAX_LENGTH]
    return values


def _words(values: dict[str, Any]) -> set[str]:
    """The vocabulary a document contributes: nothing unless it is public."""
    if values["visibility"] != Visibility.PUBLIC:
        return set()
    return analysis.vocabulary(" ".join(values[name] for name in _TEXT_FIELDS))


def _apply_vocabulary(delta: Counter[str]) -> None:
    changes = {word: n for word, n in delta.items() if n}
    if not changes:
        return
    SearchTerm.objects.bulk_create(
        [
            SearchTerm(word=word, stem=analysis.stem(word), initial=analysis.initial(word))
            for word in changes
        ],
        ignore_conflicts=True,
        batch_size=BATCH_SIZE,
    )
    by_change: dict[int, list[str]] = defaultdict(list)
    for word, n in changes.items():
        by_change[n].append(word)
    for n, words in by_change.items():
        for chunk in _chunks(words, _IN_CHUNK):
            SearchTerm.objects.filter(word__in=chunk).update(document_count=F("document_count") + n)


def _write(
    source: Source,
    content_type: ContentType,
    object_pks: Sequence[int],
    built: dict[int, Document],
    *,
    update_backend: bool,
    update_vocabulary: bool,
) -> IndexCounts:
    existing = {
        document.object_pk: document
        for document in SearchDocument.objects.filter(
            content_type=content_type, object_pk__in=object_pks
        )
    }
    old_themes: dict[int, set[int]] = defaultdict(set)
    for document_id, theme_id in ThemeLink.objects.filter(
        searchdocument_id__in=[document.pk for document in existing.values()]
    ).values_list("searchdocument_id", "theme_id"):
        old_themes[document_id].add(theme_id)

    now = timezone.now()
    stale = [document for object_pk, document in existing.items() if object_pk not in built]
    changed: dict[int, tuple[dict[str, Any], set[int]]] = {}
    vocabulary: Counter[str] = Counter()
    for object_pk, document in built.items():
        values = _values(source, document)
        themes = set(document.theme_ids)
        old = existing.get(object_pk)
        if old is not None:
            old_values = {name: getattr(old, name) for name in _FIELDS}
            if old_values == values and old_themes[old.pk] == themes:
                continue
            if update_vocabulary:
                vocabulary.subtract(_words(old_values))
        if update_vocabulary:
            vocabulary.update(_words(values))
        changed[object_pk] = (values, themes)
    if update_vocabulary:
        for document in stale:
            vocabulary.subtract(_words({name: getattr(document, name) for name in _FIELDS}))

    if stale:
        if update_backend:
            for backend in get_search_backends():
                for document in stale:
                    backend.delete(document)
        SearchDocument.objects.filter(pk__in=[document.pk for document in stale]).delete()
    fresh: list[SearchDocument] = []
    if changed:
        # An upsert: a concurrent task indexing the same object updates, never collides.
        SearchDocument.objects.bulk_create(
            [
                SearchDocument(
                    content_type=content_type, object_pk=object_pk, indexed_at=now, **values
                )
                for object_pk, (values, _) in changed.items()
            ],
            update_conflicts=True,
            unique_fields=["content_type", "object_pk"],
            update_fields=[*_FIELDS, "indexed_at"],
        )
        fresh = list(
            SearchDocument.objects.filter(content_type=content_type, object_pk__in=list(changed))
        )
        ThemeLink.objects.filter(searchdocument_id__in=[d.pk for d in fresh]).delete()
        ThemeLink.objects.bulk_create(
            [
                ThemeLink(searchdocument_id=document.pk, theme_id=theme_id)
                for document in fresh
                for theme_id in changed[document.object_pk][1]
            ],
            batch_size=BATCH_SIZE,
        )
        if update_backend:
            for backend in get_search_backends():
                backend.add_bulk(SearchDocument, fresh)
    if update_vocabulary:
        _apply_vocabulary(vocabulary)
    created = sum(1 for object_pk in changed if object_pk not in existing)
    return IndexCounts(created=created, updated=len(changed) - created, deleted=len(stale))


def index_objects(
    source: Source,
    pks: Iterable[int],
    *,
    update_backend: bool = True,
    update_vocabulary: bool = True,
) -> IndexCounts:
    """Create, update or delete the documents of ``source``'s objects ``pks``: an object
    missing from ``source.queryset()``, or whose document is ``None``, loses its document."""
    content_type = ContentType.objects.get_for_model(source.model)
    counts = IndexCounts()
    for batch in _chunks(sorted(set(pks)), BATCH_SIZE):
        with transaction.atomic():
            built = {}
            for obj in source.queryset().filter(pk__in=batch):
                document = source.document(obj)
                if document is not None:
                    built[obj.pk] = document
            counts += _write(
                source,
                content_type,
                batch,
                built,
                update_backend=update_backend,
                update_vocabulary=update_vocabulary,
            )
    if counts.changed:
        # Now, for this transaction's own reads; after commit, for everyone's, in case a
        # search cached the old state in between.
        _bump_version()
        transaction.on_commit(_bump_version)
    return counts


def index_labelled(objects: dict[str, list[int]]) -> IndexCounts:
    """``index_objects`` for ``{"app_label.model": [pk, …]}`` (the task's argument)."""
    from django.apps import apps

    counts = IndexCounts()
    for label, pks in objects.items():
        source = source_for(apps.get_model(label))
        if source is not None:
            counts += index_objects(source, pks)
    return counts


def index_missing() -> IndexCounts:
    """Documents for the objects of every source that have none yet (demo and benchmark
    data are inserted in bulk, without signals)."""
    counts = IndexCounts()
    for source in sources():
        content_type = ContentType.objects.get_for_model(source.model)
        indexed = SearchDocument.objects.filter(content_type=content_type).values("object_pk")
        missing = source.queryset().exclude(pk__in=indexed).values_list("pk", flat=True)
        counts += index_objects(source, list(missing), update_vocabulary=False)
    if counts.changed:
        vocabulary_rebuild()
    return counts


# --- rebuilding --------------------------------------------------------------------------------


def vocabulary_rebuild() -> int:
    """Count again every word of the public documents; returns the number of words."""
    counter: Counter[str] = Counter()
    rows = (
        SearchDocument.objects.filter(visibility=Visibility.PUBLIC)
        .values_list(*_TEXT_FIELDS)
        .iterator(chunk_size=2_000)
    )
    for row in rows:
        counter.update(analysis.vocabulary(" ".join(row)))
    with transaction.atomic():
        SearchTerm.objects.all().delete()
        SearchTerm.objects.bulk_create(
            (
                SearchTerm(
                    word=word,
                    stem=analysis.stem(word),
                    initial=analysis.initial(word),
                    document_count=n,
                )
                for word, n in counter.items()
            ),
            batch_size=2_000,
        )
    return len(counter)


def _is_database_backend(backend: Any) -> bool:
    return type(backend).__module__.startswith("modelsearch.backends.database")


def _rebuild_backend(backend: Any) -> None:
    """The backend's index of every document. Database backends: batch by batch, each
    replacing its entries in a short transaction, so searches go on meanwhile. Others
    (Elasticsearch, OpenSearch): their rebuilder fills a new index, then switches to it."""
    queryset = SearchDocument.objects.order_by("pk")
    if _is_database_backend(backend):
        entries = get_app_config().get_model("IndexEntry")._default_manager
        content_type = ContentType.objects.get_for_model(SearchDocument)
        index = backend.get_index_for_model(SearchDocument)
        last = 0
        while batch := list(queryset.filter(pk__gt=last)[:INDEX_BATCH_SIZE]):
            with transaction.atomic():
                entries.filter(
                    content_type=content_type, object_id__in=[str(d.pk) for d in batch]
                ).delete()
                index.add_items(SearchDocument, batch)
            last = batch[-1].pk
        index.delete_stale_model_entries(SearchDocument)
        return
    index = backend.get_index_for_model(SearchDocument)
    rebuilder = backend.rebuilder_class(index)
    index = rebuilder.start()
    index.add_model(SearchDocument)
    last = 0
    while batch := list(queryset.filter(pk__gt=last)[:INDEX_BATCH_SIZE]):
        index.add_items(SearchDocument, batch)
        last = batch[-1].pk
    rebuilder.finish()


def search_rebuild(*, log: Callable[[str], None]) -> IndexCounts:
    """Every document from its source, then the backend index, then the vocabulary."""
    total = IndexCounts()
    started = time.perf_counter()
    registered = []
    for source in sources():
        content_type = ContentType.objects.get_for_model(source.model)
        registered.append(content_type.pk)
        candidates = set(source.queryset().values_list("pk", flat=True))
        indexed = set(
            SearchDocument.objects.filter(content_type=content_type).values_list(
                "object_pk", flat=True
            )
        )
        counts = index_objects(
            source, candidates | indexed, update_backend=False, update_vocabulary=False
        )
        total += counts
        log(
            f"{source.kind}: {len(candidates)} oggetti, {counts.created} documenti creati, "
            f"{counts.updated} aggiornati, {counts.deleted} eliminati"
        )
    _, deleted = SearchDocument.objects.exclude(content_type_id__in=registered).delete()
    orphans = deleted.get(SearchDocument._meta.label, 0)
    if orphans:
        log(f"{orphans} documenti di tipi non più registrati eliminati")
    log(f"documenti: {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    for backend in get_search_backends():
        _rebuild_backend(backend)
    documents = SearchDocument.objects.count()
    log(f"indice di ricerca: {documents} documenti, {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    words = vocabulary_rebuild()
    log(f"vocabolario: {words} parole, {time.perf_counter() - started:.1f} s")
    _bump_version()
    return total

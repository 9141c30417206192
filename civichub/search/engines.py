"""How a search runs on each backend: the matching documents' counts by kind and by theme,
and one page of them, best first (on a tie, the most recent first).

The database backends' index tables are queried directly (as the experiences catalogue
does on SQLite): one statement finds the matching documents once and returns both counts
and the first page, with no limit on the size of the matching set. Any other backend
(Elasticsearch, OpenSearch) goes through Wagtail's search API: it ranks at most
``BackendEngine.LIMIT`` documents, and the rest is done on their ids.
"""

from dataclasses import dataclass
from typing import Any, Protocol

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from modelsearch.conf import get_app_config
from modelsearch.query import And, Or, PlainText
from wagtail.search.backends import get_search_backend

from .models import SearchDocument

ThemeLink = SearchDocument.themes.through


@dataclass(frozen=True)
class Criteria:
    """What to find: a stem of every group (analysis.query_groups), in documents of these
    visibilities, optionally of one kind and one theme."""

    groups: tuple[tuple[str, ...], ...]
    visibilities: tuple[str, ...]
    kind: str = ""
    theme_id: int | None = None


@dataclass(frozen=True)
class Found:
    """Matching documents per kind (every filter but the kind applied), per theme (every
    filter but the theme) and the ids of the page asked for."""

    kind_counts: dict[str, int]
    theme_counts: dict[int, int]
    ids: list[int]


class Engine(Protocol):
    name: str

    def search(self, criteria: Criteria, offset: int, limit: int) -> Found: ...

    def page(self, criteria: Criteria, offset: int, limit: int) -> list[int]: ...


class _SQLEngine:
    """The statements of the database engines, which differ in the match and the score
    (lower is better)."""

    name = ""

    def __init__(self) -> None:
        config = get_app_config()
        self.entries = config.get_model("IndexEntry")._meta.db_table
        self.documents = SearchDocument._meta.db_table
        self.themes = ThemeLink._meta.db_table
        self.content_type = ContentType.objects.get_for_model(SearchDocument).pk

    def _matches(self, criteria: Criteria) -> tuple[str, list[Any]]:
        """SELECT id, kind, published_at, score of the visible matching documents."""
        raise NotImplementedError

    def _filters(
        self, criteria: Criteria, *, kind: bool = True, theme: bool = True
    ) -> tuple[str, list[Any]]:
        clauses: list[str] = ["1 = 1"]
        params: list[Any] = []
        if kind and criteria.kind:
            clauses.append("m.kind = %s")
            params.append(criteria.kind)
        if theme and criteria.theme_id is not None:
            clauses.append(
                f"m.id IN (SELECT searchdocument_id FROM {self.themes} WHERE theme_id = %s)"  # noqa: S608
            )
            params.append(criteria.theme_id)
        return " AND ".join(clauses), params

    ORDER = "score, published_at DESC NULLS LAST, id DESC"

    def _page_sql(self, criteria: Criteria) -> tuple[str, list[Any]]:
        where, params = self._filters(criteria)
        return (
            f"SELECT m.id AS id, m.score AS score, m.published_at AS published_at "  # noqa: S608
            f"FROM m WHERE {where} ORDER BY {self.ORDER} LIMIT %s OFFSET %s"
        ), params

    def _rows(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    def search(self, criteria: Criteria, offset: int, limit: int) -> Found:
        matches, params = self._matches(criteria)
        by_theme, theme_params = self._filters(criteria, kind=False)
        by_kind, kind_params = self._filters(criteria, theme=False)
        page, page_params = self._page_sql(criteria)
        # Three answers from one pass over the matches: the page's rows carry their
        # position, as UNION ALL keeps no order.
        sql = (
            f"WITH m AS MATERIALIZED ({matches}) "  # noqa: S608
            f"SELECT 'k', m.kind, COUNT(*) FROM m WHERE {by_theme} GROUP BY m.kind "
            "UNION ALL "
            f"SELECT 't', CAST(t.theme_id AS TEXT), COUNT(*) FROM m "
            f"JOIN {self.themes} t ON t.searchdocument_id = m.id WHERE {by_kind} "
            "GROUP BY t.theme_id "
            "UNION ALL "
            f"SELECT 'p', CAST(p.id AS TEXT), ROW_NUMBER() OVER (ORDER BY {self.ORDER}) "
            f"FROM ({page}) p"
        )
        rows = self._rows(sql, [*params, *theme_params, *kind_params, *page_params, limit, offset])
        kinds = {key: count for tag, key, count in rows if tag == "k"}
        themes = {int(key): count for tag, key, count in rows if tag == "t"}
        page_rows = sorted((row for row in rows if row[0] == "p"), key=lambda row: row[2])
        ids = [int(key) for _, key, _ in page_rows]
        return Found(kinds, themes, ids)

    def page(self, criteria: Criteria, offset: int, limit: int) -> list[int]:
        matches, params = self._matches(criteria)
        page, page_params = self._page_sql(criteria)
        sql = f"WITH m AS MATERIALIZED ({matches}) {page}"
        return [row[0] for row in self._rows(sql, [*params, *page_params, limit, offset])]


class SQLiteEngine(_SQLEngine):
    """FTS5: the backend's virtual table, scored with bm25 (a word in the title weighs four
    times). Stems are letters and digits only (analysis.py), safe inside FTS5 quotes."""

    name = "sqlite"

    def _matches(self, criteria: Criteria) -> tuple[str, list[Any]]:
        fts = f"{self.entries}_fts"
        groups = (" OR ".join(f'"{stem}"' for stem in group) for group in criteria.groups)
        visibilities = ", ".join(["%s"] * len(criteria.visibilities))
        # FTS5 columns: autocomplete, body, title. CROSS JOIN keeps this join order: left
        # to itself, SQLite may run the full-text match once per index entry.
        sql = (
            f"SELECT d.id AS id, d.kind AS kind, d.published_at AS published_at, "  # noqa: S608
            f"bm25({fts}, 0.0, 1.0, 4.0) AS score "
            f"FROM {fts} CROSS JOIN {self.entries} e ON e.id = {fts}.rowid "
            f"CROSS JOIN {self.documents} d ON d.id = CAST(e.object_id AS INTEGER) "
            f"WHERE {fts} MATCH %s AND e.content_type_id = %s AND d.visibility IN ({visibilities})"
        )
        match = " AND ".join(f"({group})" for group in groups)
        return sql, [match, self.content_type, *criteria.visibilities]


class PostgresEngine(_SQLEngine):
    """tsvector columns with GIN indexes: ``body`` holds every stem of a document, so one
    index finds the matches; ``title`` (weight A) ranks title matches first."""

    name = "postgresql"

    def __init__(self, config: str) -> None:
        super().__init__()
        self.config = config

    def _matches(self, criteria: Criteria) -> tuple[str, list[Any]]:
        visibilities = ", ".join(["%s"] * len(criteria.visibilities))
        # Entries of other models may have ids that are not numbers: cast only ours.
        sql = (
            "SELECT d.id AS id, d.kind AS kind, d.published_at AS published_at, "  # noqa: S608
            "-(ts_rank(e.title, q.query) + ts_rank(e.body, q.query)) AS score "
            f"FROM to_tsquery(%s::regconfig, %s) AS q(query), {self.entries} e "
            f"JOIN {self.documents} d ON d.id = "
            "(CASE WHEN e.content_type_id = %s THEN CAST(e.object_id AS bigint) END) "
            f"WHERE e.body @@ q.query AND e.content_type_id = %s "
            f"AND d.visibility IN ({visibilities})"
        )
        # Stems are letters and digits only (analysis.py): no tsquery syntax gets in.
        query = " & ".join(f"({' | '.join(group)})" for group in criteria.groups)
        params = [self.config, query, self.content_type, self.content_type]
        return sql, [*params, *criteria.visibilities]


class BackendEngine:
    """Any Wagtail search backend, through its API: the best ``LIMIT`` documents of the
    requested visibilities, then kinds, themes and pages computed on their ids."""

    name = "backend"
    LIMIT = 1_000

    def __init__(self, backend: Any) -> None:
        self.backend = backend
        self._ranked: dict[tuple[Any, ...], list[int]] = {}

    def _ranked_ids(self, criteria: Criteria) -> list[int]:
        key = (criteria.groups, criteria.visibilities)
        if key not in self._ranked:
            queryset = SearchDocument.objects.filter(visibility__in=criteria.visibilities).only(
                "pk"
            )
            query = And([Or([PlainText(stem) for stem in group]) for group in criteria.groups])
            results = self.backend.search(query, queryset)
            self._ranked[key] = [document.pk for document in results[: self.LIMIT]]
        return self._ranked[key]

    def _filtered(self, criteria: Criteria, *, kind: bool = True, theme: bool = True) -> Any:
        queryset = SearchDocument.objects.filter(pk__in=self._ranked_ids(criteria))
        if kind and criteria.kind:
            queryset = queryset.filter(kind=criteria.kind)
        if theme and criteria.theme_id is not None:
            queryset = queryset.filter(themes=criteria.theme_id)
        return queryset

    def search(self, criteria: Criteria, offset: int, limit: int) -> Found:
        kinds: dict[str, int] = {}
        for kind in self._filtered(criteria, kind=False).values_list("kind", flat=True):
            kinds[kind] = kinds.get(kind, 0) + 1
        themes: dict[int, int] = {}
        documents = self._filtered(criteria, theme=False).values("pk")
        links = ThemeLink.objects.filter(searchdocument_id__in=documents)
        for theme_id in links.values_list("theme_id", flat=True):
            themes[theme_id] = themes.get(theme_id, 0) + 1
        return Found(kinds, themes, self.page(criteria, offset, limit))

    def page(self, criteria: Criteria, offset: int, limit: int) -> list[int]:
        kept = set(self._filtered(criteria).values_list("pk", flat=True))
        ranked = [pk for pk in self._ranked_ids(criteria) if pk in kept]
        return ranked[offset : offset + limit]


def current_engine() -> Engine:
    backend = get_search_backend()
    module = type(backend).__module__
    if module.endswith("database.sqlite.sqlite"):
        return SQLiteEngine()
    if module.endswith("database.postgres.postgres"):
        return PostgresEngine(backend.config)
    return BackendEngine(backend)

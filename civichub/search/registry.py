"""What the site search finds: each app registers its searchable models as sources.

``register_source(model, kind=…, slug=…, label=…, label_plural=…, queryset=…,
document=…)``: ``queryset()`` returns the objects that may be findable, with whatever
``document(obj)`` reads fetched in bulk; ``document(obj)`` returns a ``Document`` or
``None`` when the object must not be found (a draft, a private page). Registering a model
twice replaces the first registration. A source also covers the subclasses of its model
(multi-table inheritance, such as the library's page types): their objects are indexed
as objects of the registered model.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.functional import Promise

from .models import Visibility


@dataclass(frozen=True)
class Document:
    """The searchable copy of an object (plain text, never HTML)."""

    title: str
    url: str
    title_en: str = ""
    summary: str = ""
    summary_en: str = ""
    body: str = ""
    keywords: str = ""
    theme_ids: Sequence[int] = field(default_factory=tuple)
    visibility: str = Visibility.PUBLIC
    published_at: datetime.datetime | None = None
    language: str = "it"


@dataclass(frozen=True)
class Source:
    model: type[Model]
    # ``kind`` is stored and used by the API; ``slug`` is the page's ?tipo= value.
    kind: str
    slug: str
    label: str | Promise
    label_plural: str | Promise
    queryset: Callable[[], QuerySet[Any]]
    document: Callable[[Any], Document | None]


_SOURCES: dict[type[Model], Source] = {}


def register_source(
    model: type[Model],
    *,
    kind: str,
    slug: str,
    label: str | Promise,
    label_plural: str | Promise,
    queryset: Callable[[], QuerySet[Any]],
    document: Callable[[Any], Document | None],
) -> Source:
    source = Source(model, kind, slug, label, label_plural, queryset, document)
    _SOURCES[model] = source
    return source


def sources() -> list[Source]:
    """Every source, in registration order (the order of the facets)."""
    return list(_SOURCES.values())


def source_for(model: type[Model]) -> Source | None:
    """The source of ``model`` or of the nearest model it inherits from (a ``GuidePage``
    is indexed by the ``ResourcePage`` source)."""
    for klass in model.__mro__:
        source = _SOURCES.get(klass)
        if source is not None:
            return source
    return None


def source_by_kind(kind: str) -> Source | None:
    return next((source for source in _SOURCES.values() if source.kind == kind), None)


def source_by_slug(slug: str) -> Source | None:
    return next((source for source in _SOURCES.values() if source.slug == slug), None)

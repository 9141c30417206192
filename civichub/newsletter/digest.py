"""What a monthly issue is composed from: a registry of digest sources.

An app that has something to tell subscribers registers a source from its
``AppConfig.ready()`` (or this app registers it for them, see ``sources.py``)::

    register_digest_source("events", _("Prossimi eventi"), upcoming_events, order=40)

``fn(period_start, period_end)`` receives the first and last day of the month (both
included) and returns at most ``MAX_ITEMS`` items, newest or soonest first. What the
month means is the source's choice: experiences and news published in it, events
starting in the month after ``period_end``. URLs must be absolute (the items travel by
e-mail). A key registered twice replaces the first.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MAX_ITEMS = 20


@dataclass(frozen=True)
class DigestItem:
    title: str
    url: str
    summary: str = ""
    date: datetime.date | None = None
    title_en: str = ""
    summary_en: str = ""


DigestFunction = Callable[[datetime.date, datetime.date], list[DigestItem]]


@dataclass(frozen=True)
class DigestSource:
    key: str
    # Written in Italian inside gettext_lazy: the section heading in each language.
    label: "StrOrPromise"
    items: DigestFunction
    order: int = 100


DIGEST_SOURCES: dict[str, DigestSource] = {}


def register_digest_source(
    key: str, label: "StrOrPromise", fn: DigestFunction, *, order: int = 100
) -> None:
    DIGEST_SOURCES[key] = DigestSource(key=key, label=label, items=fn, order=order)


def digest_sources() -> list[DigestSource]:
    return sorted(DIGEST_SOURCES.values(), key=lambda source: (source.order, source.key))
